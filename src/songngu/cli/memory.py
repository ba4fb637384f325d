"""``songngu memory``: where the translation memory is, what it holds, and TMX in and out."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from songngu.exporters import refuse_existing, write_atomically
from songngu.memory import (
    EntryOrigin,
    TmxLanguages,
    TranslationMemory,
    default_memory_path,
    read_tmx,
    write_tmx,
)

Command = TypeVar("Command", bound=Callable[..., Any])

MEMORY_HELP = (
    "The translation memory file [env SONGNGU_MEMORY; default "
    "$XDG_DATA_HOME/songngu/memory.sqlite3, i.e. ~/.local/share/songngu/memory.sqlite3]."
)


def memory_option(function: Command) -> Command:
    """Add ``--memory PATH`` (also ``SONGNGU_MEMORY``) to a command."""
    option = click.option(
        "--memory",
        "memory_path",
        type=click.Path(dir_okay=False, path_type=Path),
        envvar="SONGNGU_MEMORY",
        help=MEMORY_HELP,
    )
    return option(function)


def resolve_memory_path(value: Path | None) -> Path:
    """Return the memory file the user chose, or the per-user default."""
    return value or default_memory_path(os.environ, sys.platform)


@click.group()
def memory() -> None:
    """Inspect the translation memory; exchange it as TMX with OmegaT, Trados and others."""


@memory.command()
@memory_option
def info(memory_path: Path | None) -> None:
    """Print the memory's location and how many entries each origin and each state has.

    \b
    Example:
      songngu memory info
    """
    path = resolve_memory_path(memory_path)
    with TranslationMemory(path) as store:
        counts = store.count_by_origin()
        states = store.count_by_state()
    state = "" if path.exists() else " (not created yet)"
    click.echo(f"{path}{state}")
    for origin, number in counts.items():
        click.echo(f"{origin:<9} {number}")
    # The states of XLIFF 2.1; reviewed and final are what a person vetted.
    click.echo(", ".join(f"{number} {name}" for name, number in states.items()))


@memory.command(name="export")
@click.option(
    "--tmx",
    "tmx_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The TMX 1.4 file to write.",
)
@click.option("--include-model", is_flag=True, help="Also export unreviewed model output.")
@click.option("--target-language", default="en-GB", show_default=True, help="Target locale code.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@memory_option
def export_tmx(
    tmx_path: Path, include_model: bool, target_language: str, force: bool, memory_path: Path | None
) -> None:
    """Write the memory's reviewed and imported entries as TMX 1.4.

    \b
    Example:
      songngu memory export --tmx team.tmx
    """
    if not force:
        refuse_existing([tmx_path])
    origins = list(EntryOrigin) if include_model else [EntryOrigin.REVIEWER, EntryOrigin.IMPORT]
    with TranslationMemory(resolve_memory_path(memory_path)) as store:
        entries = list(store.iter_entries(origins))
    languages = TmxLanguages(target=target_language)
    write_atomically(tmx_path, lambda path: write_tmx(entries, path, languages))
    click.echo(f"{tmx_path}: {len(entries)} translation units written.", err=True)


@memory.command(name="import")
@click.argument("tmx_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@memory_option
def import_tmx(tmx_file: Path, memory_path: Path | None) -> None:
    """Add the Vietnamese–English units of a TMX file to the memory.

    Units written by songngu keep their origin; units from other tools are stored as
    'import' entries, which translate reuses before model output.

    \b
    Example:
      songngu memory import vendor.tmx
    """
    result = read_tmx(tmx_file)
    with TranslationMemory(resolve_memory_path(memory_path)) as store:
        num_stored = store.add(result.entries)
    skipped = f"; {result.num_skipped} units without Vietnamese and English skipped"
    click.echo(
        f"{tmx_file}: {num_stored} entries stored{skipped if result.num_skipped else ''}.",
        err=True,
    )


def register(group: click.Group) -> None:
    """Add this group to the ``songngu`` group."""
    group.add_command(memory)
