"""Start-up stays light: no command but a real translation imports torch, transformers, CT2 or Ray.

Importing torch and transformers costs seconds (``docs/design/performance.md``); help, the
segmenter, the checks list, the glossary commands and ``--dry-run`` must never pay it.
"""

import subprocess
import sys

import click
import pytest

from songngu.cli import cli

HEAVY = ("torch", "transformers", "ctranslate2", "ray")

PROBE = """
import sys
from songngu.cli import main
try:
    main(sys.argv[1:])
except SystemExit as done:
    if done.code:
        raise
heavy = sorted(name for name in {heavy!r} if name in sys.modules)
sys.exit(f"imported {{heavy}}" if heavy else 0)
"""


def _every_command(group: click.Group, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in sorted(group.commands.items()):
        if isinstance(command, click.Group):
            found += _every_command(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def _run_light(*arguments: str) -> subprocess.CompletedProcess:
    code = PROBE.format(heavy=HEAVY)
    return subprocess.run(
        [sys.executable, "-c", code, *arguments], capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("command", _every_command(cli), ids=" ".join)
def test_help_of_every_command_imports_nothing_heavy(command):
    result = _run_light(*command, "--help")
    assert result.returncode == 0, result.stderr


def test_segment_checks_and_dry_run_import_nothing_heavy(sample_article, tmp_path):
    for arguments in (
        ("segment", str(sample_article)),
        ("checks", "--list"),
        ("translate", str(sample_article), "--dry-run", "-o", str(tmp_path), "-f", "md,json"),
    ):
        result = _run_light(*arguments)
        assert result.returncode == 0, f"{arguments}: {result.stderr}"
