"""How the CLI reports errors: one ``Error: …`` line, plus the traceback under ``--debug``."""

from __future__ import annotations

import traceback
from dataclasses import dataclass

import click


@dataclass
class CliState:
    """Options of the ``songngu`` group that every command's reporting needs."""

    debug: bool = False
    #: -1 with ``-q``, 0 by default, 1 and more with ``-v``/``-vv``.
    verbosity: int = 0

    @property
    def is_quiet(self) -> bool:
        """Whether only errors go to stderr (``-q``)."""
        return self.verbosity < 0


def echo_error(error: BaseException, *, debug: bool | None = None) -> None:
    """Print ``Error: <message>`` on stderr, preceded by the traceback in debug mode."""
    if debug is None:
        context = click.get_current_context(silent=True)
        state = context.find_object(CliState) if context else None
        debug = bool(state and state.debug)
    if debug:
        click.echo("".join(traceback.format_exception(error)).rstrip(), err=True)
    click.echo(f"Error: {error}", err=True)
