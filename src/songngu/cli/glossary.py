"""``songngu glossary``: look up, check and extend the glossary; see what an article holds.

None of these commands imports torch or transformers. The user's own glossary (where ``add``
and ``import`` write) is ``~/.config/songngu/glossary.tsv`` (click's per-user folder), or
``--file`` / ``SONGNGU_USER_GLOSSARY``; its entries override shipped ones with the same
Vietnamese key.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from songngu.cli.config import style_option
from songngu.errors import OutputExistsError
from songngu.exporters import write_atomically
from songngu.glossary import TYPES, Entry, Glossary, HouseStyle, NameStyle, load_glossary
from songngu.glossary.exchange import (
    FORMATS,
    format_for,
    left_out_message,
    read_entries,
    render_entries,
)
from songngu.glossary.files import add_entries, check_files, render_row, shipped_glossary_files
from songngu.glossary.report import match_source, render_terms, terms_to_records
from songngu.glossary.suggest import (
    SuggestSettings,
    proposals_to_records,
    render_proposals,
    render_proposals_tsv,
    suggest_units,
)
from songngu.readers import load_source, parse_source
from songngu.run import expand_inputs
from songngu.segmenter import segment_document

USER_GLOSSARY_ENVVAR = "SONGNGU_USER_GLOSSARY"
_LIST_COLUMNS = ("vi", "en", "type", "valid_from", "valid_to")
Function = TypeVar("Function", bound=Callable[..., Any])


def default_user_glossary() -> Path:
    """Return the per-user glossary file (click's application folder for songngu)."""
    return Path(click.get_app_dir("songngu")) / "glossary.tsv"


def user_glossary_option(*names: str) -> Callable[[Function], Function]:
    """Return the option that names the user's glossary file."""
    return click.option(
        *names,
        "user_glossary",
        type=click.Path(path_type=Path, dir_okay=False),
        default=default_user_glossary,
        envvar=USER_GLOSSARY_ENVVAR,
        show_default="~/.config/songngu/glossary.tsv",
        help=f"Your own glossary file (also {USER_GLOSSARY_ENVVAR}).",
    )


def user_layers(user_glossary: Path, use_shipped: bool) -> list[Path]:
    """Return the user's glossary as a layer to load, if it exists and shipped terms are used."""
    return [user_glossary] if use_shipped and user_glossary.is_file() else []


def _loading_options(function: Function) -> Function:
    function = user_glossary_option("--file")(function)
    function = click.option(
        "--no-shipped-glossary", is_flag=True, help="Use only the --glossary files."
    )(function)
    return click.option(
        "-g",
        "--glossary",
        "glossary_files",
        multiple=True,
        type=click.Path(path_type=Path, dir_okay=False),
        help="An extra glossary TSV (repeatable); it overrides the others.",
    )(function)


def _load(options: dict[str, Any]) -> Glossary:
    use_shipped = not options["no_shipped_glossary"]
    layers = user_layers(options["user_glossary"], use_shipped) + list(options["glossary_files"])
    return load_glossary(layers, include_shipped=use_shipped)


@click.group()
def glossary() -> None:
    """Look up, check and extend the glossary; see which terms an article holds.

    Your own entries live in ~/.config/songngu/glossary.tsv (or --file, or
    SONGNGU_USER_GLOSSARY) and override shipped entries for the same Vietnamese term.
    """


@glossary.command()
@click.argument("vi")
@click.argument("en")
@click.option(
    "--type", "entry_type", type=click.Choice(list(TYPES)), default="other", show_default=True
)
@click.option("--source", help="Where the rendering comes from (a URL or a citation).")
@click.option("--valid-from", default="", help="First day in force, YYYY-MM-DD.")
@click.option("--valid-to", default="", help="Last day in force, YYYY-MM-DD.")
@click.option("--note", default="", help="Anything an editor should know.")
@click.option("--variant", "variants", multiple=True, help="Another rendering seen (repeatable).")
@user_glossary_option("--file")
def add(vi: str, en: str, entry_type: str, source: str | None, **options: Any) -> None:
    """Add an entry (Vietnamese, English) to your own glossary, after checking it.

    \b
    Example:
      songngu glossary add "Sở Tư pháp" "Department of Justice" --type agency \\
          --source "Circular 03/2009/TT-BNG, Table 10"
    """
    today = datetime.date.today().isoformat()
    entry = Entry(
        vi,
        en,
        entry_type,
        source or f"added with songngu glossary add on {today}",
        options["valid_from"],
        options["valid_to"],
        options["note"],
        variants=tuple(options["variants"]),
    )
    added = add_entries([entry], options["user_glossary"])
    where = f"{added[0].location}" if added else f"{options['user_glossary']} (already there)"
    click.echo(f"{vi} → {en}: {where}", err=True)


@glossary.command(name="list")
@click.option("--type", "entry_type", type=click.Choice(list(TYPES)), help="Only this type.")
@_loading_options
def list_command(entry_type: str | None, **options: Any) -> None:
    """Print the entries in force (TSV: vi, en, type, valid_from, valid_to, file:line).

    \b
    Example:
      songngu glossary list --type ministry
    """
    for entry in _load(options).entries:
        if entry_type is None or entry.type == entry_type:
            click.echo(f"{render_row(entry, _LIST_COLUMNS)}\t{entry.location}")


@glossary.command()
@click.argument("text")
@_loading_options
def search(text: str, **options: Any) -> None:
    """Print the entries whose Vietnamese or English contains TEXT (accents optional).

    \b
    Example:
      songngu glossary search "công an"
    """
    for entry in _load(options).search(text):
        click.echo(f"{render_row(entry, _LIST_COLUMNS)}\t{entry.location}")


@glossary.command(epilog="Exit codes: 0 no problems; 1 problems found (or a file unreadable).")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@user_glossary_option("--file")
def check(files: tuple[Path, ...], user_glossary: Path) -> None:
    """Report every problem in glossary FILES (default: shipped, then yours) as file:line.

    Malformed rows, unknown types or slots, bad dates, duplicates, two renderings in force
    at once, non-NFC text, stray spaces, invisible characters (removed when the file is
    loaded), rows without a source.

    \b
    Example:
      songngu glossary check
      songngu glossary check my-terms.tsv
    """
    groups = (
        [list(files)] if files else [shipped_glossary_files(), user_layers(user_glossary, True)]
    )
    problems = [problem for group in groups if group for problem in check_files(group)]
    for problem in problems:
        click.echo(str(problem))
    checked = sum(len(group) for group in groups)
    click.echo(f"{len(problems)} problems in {checked} files.", err=True)
    if problems:
        raise click.exceptions.Exit(1)


@glossary.command()
@click.argument("input_path", metavar="INPUT")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list with offsets.")
@click.option("--date", help="The article's date (YYYY-MM-DD) if it does not say.")
@click.option(
    "--names",
    type=click.Choice([style.value for style in NameStyle]),
    default="ascii",
    show_default=True,
    help="Personal names: without diacritics, kept, or not matched.",
)
@style_option
@_loading_options
def match(
    input_path: str, as_json: bool, date: str | None, names: str, style: str, **options: Any
) -> None:
    """Show the terms and names songngu finds in an article, with their renderings.

    --json prints [{"source", "target", "start", "end", "type"}, ...]; offsets are
    character offsets into the text as read (decoded, with invisible characters and
    control codes removed), even if it is not NFC.

    \b
    Example:
      songngu glossary match article.txt
      songngu glossary match article.txt --json --date 2024-03-12
    """
    source = load_source(input_path)
    terms = match_source(_load(options), source, date, NameStyle(names), HouseStyle(style))
    if as_json:
        click.echo(json.dumps(terms_to_records(terms), ensure_ascii=False, indent=2))
    else:
        click.echo(render_terms(terms), nl=False)


@glossary.command(epilog="Accepting: suggest --tsv > new.tsv, edit it, glossary import new.tsv.")
@click.argument("inputs", metavar="INPUT...", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of proposals.")
@click.option("--tsv", "as_tsv", is_flag=True, help="Print a TSV that glossary import takes.")
@click.option("--date", help="The article's date (YYYY-MM-DD) if it does not say.")
@style_option
@_loading_options
def suggest(
    inputs: tuple[str, ...],
    as_json: bool,
    as_tsv: bool,
    date: str | None,
    style: str,
    **options: Any,
) -> None:
    """List the official units in articles (files or folders) that the glossary lacks.

    Each unit once, most frequent first, with a draft English composed from the parts the
    shipped glossary and your files know (in --style), how the draft was built, and the
    sentence where it was first seen. Plain output: count, Vietnamese, draft, confidence.
    --json: [{"source", "target", "type", "count", "context", "status", "confidence",
    "files"}, ...]; --tsv: rows for glossary import (those without a draft commented out).

    \b
    Example:
      songngu glossary suggest article.txt
      songngu glossary suggest articles/ --tsv > new-terms.tsv
    """
    if as_json and as_tsv:
        raise click.UsageError("--json and --tsv are two outputs; choose one.")
    paths = expand_inputs(inputs)
    documents = [segment_document(parse_source(load_source(path))) for path in paths]
    settings = SuggestSettings(date, HouseStyle(style))
    proposals = suggest_units(_load(options), _vocabulary(options), documents, settings)
    if as_json:
        click.echo(json.dumps(proposals_to_records(proposals), ensure_ascii=False, indent=2))
    else:
        click.echo((render_proposals_tsv if as_tsv else render_proposals)(proposals), nl=False)


def _vocabulary(options: dict[str, Any]) -> Glossary:
    """Return what drafts are composed from: the shipped glossary, yours and the -g files."""
    layers = user_layers(options["user_glossary"], True) + list(options["glossary_files"])
    return load_glossary(layers, include_shipped=True)


@glossary.command(name="import")
@click.argument(
    "path", metavar="FILE", type=click.Path(path_type=Path, dir_okay=False, exists=True)
)
@click.option(
    "--format", "file_format", type=click.Choice(FORMATS), help="Default: from the suffix."
)
@click.option(
    "--type",
    "entry_type",
    type=click.Choice(list(TYPES)),
    default="other",
    show_default=True,
    help="Type of rows that have none.",
)
@click.option("--source", help="Source of rows that have none (default: the file name).")
@user_glossary_option("--file")
def import_command(
    path: Path, file_format: str | None, entry_type: str, source: str | None, user_glossary: Path
) -> None:
    """Add the entries of a CSV, TBX (2008 or v3) or (DeepL) TSV file to your own glossary.

    \b
    Example:
      songngu glossary import terms.csv
      songngu glossary import termbase.tbx --file team-glossary.tsv
    """
    defaults = Entry("", "", entry_type, source or f"imported from {path.name}")
    entries = read_entries(path, format_for(path, file_format), defaults)
    added = add_entries(entries, user_glossary)
    click.echo(f"{len(added)} of {len(entries)} entries added to {user_glossary}.", err=True)


@glossary.command()
@click.argument("output", metavar="FILE")
@click.option(
    "--format", "file_format", type=click.Choice(FORMATS), help="Default: from the suffix."
)
@click.option("--date", help="For deepl: the terms in force on this day (default: today's).")
@click.option("--force", is_flag=True, help="Overwrite FILE if it exists.")
@_loading_options
def export(
    output: str, file_format: str | None, date: str | None, force: bool, **options: Any
) -> None:
    """Write the glossary as CSV, TBX-Basic, TBX v3, DeepL TSV or songngu TSV (FILE or -).

    tbx is TBX-Basic 2008 (martif), the TBX that translate-toolkit and most CAT tools import;
    tbx3 is TBX v3 (ISO 30042:2019).
    Rows a format cannot hold (patterns in TBX) are left out, with their count on stderr.

    \b
    Example:
      songngu glossary export glossary.tbx
      songngu glossary export glossary.csv
      songngu glossary export deepl.tsv --format deepl --date 2024-03-12
    """
    chosen = format_for(Path(output), file_format)
    entries = _load(options).entries
    text = render_entries(entries, chosen, date)
    if output != "-" and Path(output).exists() and not force:
        raise OutputExistsError(f"{output} exists; pass --force to overwrite it.")
    if message := left_out_message(entries, chosen):
        click.echo(message, err=True)
    if output == "-":
        click.echo(text, nl=False)
        return
    write_atomically(Path(output), lambda path: _write_text(path, text))
    click.echo(f"Wrote {output} ({chosen}).", err=True)


def _write_text(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def register(group: click.Group) -> None:
    """Add the ``glossary`` command group to the ``songngu`` group."""
    group.add_command(glossary)
