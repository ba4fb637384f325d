"""``songngu review import``: a reviewed DOCX back into the translation memory, with a report."""

from __future__ import annotations

import json
from pathlib import Path

import click

from songngu.cli.memory import memory_option, resolve_memory_path
from songngu.exporters import write_atomically
from songngu.memory import TranslationMemory
from songngu.review import ReviewOptions, import_review, render_report, report_to_dict


@click.group()
def review() -> None:
    """Bring a reviewer's edits back: report them and store them in the translation memory."""


@review.command(name="import")
@click.argument(
    "reviewed",
    nargs=-1,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@memory_option
@click.option("--reviewer", help="Who reviewed (default: who saved the file last).")
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the reports as JSON (a list, one per file) to this file.",
)
@click.option(
    "--approve-unchanged",
    is_flag=True,
    help="Also approve every row the reviewer left unchanged (not those with an open [error] "
    "QA comment). By default only edited sentences and rows marked x in the OK column are stored.",
)
@click.option(
    "--edited-only",
    is_flag=True,
    help="Store only edited sentences, ignoring OK marks (edits and marks are stored by default).",
)
@click.option("--dry-run", is_flag=True, help="Report only; leave the memory unchanged.")
def import_command(
    reviewed: tuple[Path, ...],
    memory_path: Path | None,
    reviewer: str | None,
    report_path: Path | None,
    approve_unchanged: bool,
    edited_only: bool,
    dry_run: bool,
) -> None:
    """Store what reviewers changed or approved in REVIEWED .docx or .xlf files in the memory.

    Rows and sentences are paired by their segment ids, never by position. A sentence is
    stored as "reviewed" when its English was changed and as "final" when its row is marked
    x in the OK column, or approved in a CAT tool (or with --approve-unchanged); untouched rows
    are not stored. XLIFF 1.2 files written by songngu translate -f xliff come back the same way.
    Every edit,
    missing or added row and reviewer comment is reported on stdout; glossary entries are
    proposed when reviewers changed the same words consistently (the glossary is not changed).

    \b
    Example:
      songngu review import output/article.vi-en.docx
      songngu review import reviewed/*.docx --report review.json --dry-run
      songngu review import output/article.vi-en.docx --approve-unchanged
      songngu review import reviewed/article.vi-en.xlf
    """
    if approve_unchanged and edited_only:
        raise click.UsageError("--approve-unchanged and --edited-only contradict each other.")
    options = ReviewOptions(
        reviewer,
        is_dry_run=dry_run,
        is_edited_only=edited_only,
        approve_unchanged=approve_unchanged,
    )
    with TranslationMemory(resolve_memory_path(memory_path)) as store:
        reports = [import_review(path, store, options) for path in reviewed]
    for report in reports:
        click.echo(render_report(report))
    if report_path is not None:
        data = [report_to_dict(report) for report in reports]
        text = json.dumps(data, ensure_ascii=False, indent=2)

        def write(path: Path) -> None:
            path.write_text(text + "\n", encoding="utf-8")

        write_atomically(report_path, write)


def register(group: click.Group) -> None:
    """Add this group to the ``songngu`` group."""
    group.add_command(review)
