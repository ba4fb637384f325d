"""Progress on stderr, shown only when stderr is a terminal."""

from __future__ import annotations

import sys

import click

from songngu.translation import Progress, ProgressCallback


def progress_for(path: str) -> ProgressCallback | None:
    """Return a callback that redraws ``path: done/total sentences`` on stderr, or None."""
    if not sys.stderr.isatty():
        return None

    def report(event: Progress) -> None:
        click.echo(f"\r{path}: {event.done}/{event.total} sentences", err=True, nl=False)
        if event.done >= event.total:
            click.echo("", err=True)

    return report
