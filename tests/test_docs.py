"""The README is part of the product: its commands are what CI runs; every command is in it."""

import re
import shlex
from pathlib import Path

import click
import pytest

from songngu.cli import cli, main

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _bash_blocks() -> list[str]:
    return re.findall(r"```bash\n(.*?)```", README, re.DOTALL)


def _iter_commands(group: click.Group, prefix: str = "songngu"):
    for name, command in group.commands.items():
        yield f"{prefix} {name}", command
        if isinstance(command, click.Group):
            yield from _iter_commands(command, f"{prefix} {name}")


def test_the_readme_test_command_is_what_ci_runs():
    test_command = _bash_blocks()[1].strip()
    assert test_command.endswith("python -m pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install --quiet torch==2.13.0" in ci
    # The whole README command, install included, is a line of its own in CI.
    assert f"\n{test_command}\n" in ci
    assert ci.index("torch==2.13.0") < ci.index(test_command)


def test_the_quick_start_installs_torch_first_and_translates_the_sample():
    quick_start = _bash_blocks()[0].strip()
    assert quick_start.startswith("pip install torch==2.13.0 && pip install -e . && ")
    example = quick_start.rsplit("&& ", 1)[1]
    assert example.startswith("songngu translate examples/")
    assert (ROOT / example.split()[-1]).is_file()


@pytest.mark.parametrize(("name", "command"), list(_iter_commands(cli)))
def test_every_command_is_documented_with_help_and_an_example(name, command):
    assert f"`{name}" in README, f"{name} is missing from the README"
    assert command.help, f"{name} has no help text"
    if not isinstance(command, click.Group):
        assert "Example:" in command.help, f"{name} --help has no Example: block"


@pytest.mark.model
def test_the_quick_start_translation_runs_with_the_default_model(hub_cache, tmp_path, monkeypatch):
    quick_start = _bash_blocks()[0].strip()
    arguments = shlex.split(quick_start.rsplit("&& ", 1)[1])[1:]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "examples").mkdir()
    sample = ROOT / arguments[-1]
    (tmp_path / arguments[-1]).write_bytes(sample.read_bytes())
    with pytest.raises(SystemExit) as raised:
        main([*arguments, "--max-length-ratio", "0.5"])
    assert raised.value.code == 0
    stem = sample.stem
    assert (tmp_path / "output" / f"{stem}.vi-en.docx").is_file()
    assert (tmp_path / "output" / f"{stem}.vi-en.md").is_file()
