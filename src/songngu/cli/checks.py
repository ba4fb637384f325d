"""``songngu checks``: list the QA checks run on every translation."""

from __future__ import annotations

import click

from songngu.checks import catalogue


@click.command(name="checks")
@click.option("--list", "show_list", is_flag=True, default=True, help="List every check (default).")
def checks_command(show_list: bool) -> None:
    """List the QA issue codes: code, severity and what each one means for an editor.

    \b
    Example:
      songngu checks --list
    """
    for check in catalogue():
        click.echo(f"{check.code:<16} {check.severity.value:<8} {check.description}")


def register(group: click.Group) -> None:
    """Add this command to the ``songngu`` group."""
    group.add_command(checks_command)
