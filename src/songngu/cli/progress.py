"""Progress on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys

import click

from songngu.translation import ProgressCallback


def progress_for(path: str) -> ProgressCallback | None:
    """Return a callback that redraws ``path: done/total sentences`` on stderr, or None."""
    if not sys.stderr.isatty():
        return None

    def report(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        click.echo(f"\r{path}: {done}/{total} sentences", err=True, nl=False)
        if end:
            click.echo("", err=True)

    return report
