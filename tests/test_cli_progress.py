"""Progress that tells the truth: sentences, pace, steps; plain lines in logs; warnings hidden."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import pytest
from rich.console import Console

from corpus import run_main
from scripted import LoopingBackend, many_sentences
from songngu.backends import GenerationSettings, Translation
from songngu.backends.fake import FakeBackend
from songngu.cli.progress import PlainDisplay, TerminalDisplay, describe_pace
from songngu.pipeline import Pipeline, TranslationSettings
from songngu.readers import read_document
from songngu.translation import Progress

TESTS = Path(__file__).resolve().parent
OPTIONS = ["--dry-run", "--no-shipped-glossary", "--no-memory", "-f", "md"]


class WarningBackend(FakeBackend):
    """The fake backend, warning as transformers and torch do while they translate."""

    def translate_with_prefix(
        self, sources: Sequence[str], prefixes: Sequence[str]
    ) -> list[Translation]:
        logging.getLogger("transformers.tokenization_utils_base").warning(
            "Token indices sequence length is longer than the specified maximum (534 > 512)"
        )
        warnings.warn("torch.some_function is deprecated", FutureWarning, stacklevel=1)
        return super().translate_with_prefix(sources, prefixes)


class ConvertingBackend(FakeBackend):
    """The fake backend, announcing a model conversion as the ct2 backend's first run does."""

    def __init__(self, settings=None):
        super().__init__(settings)
        logging.getLogger("songngu.backends.conversion").warning(
            "Converting m to CTranslate2 (int8); once per model, it takes a minute or two.",
            extra={"songngu_step": "converting"},
        )


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def _plain_lines():
    """Return a clock, the lines printed, and the plain progress callback of ``a.txt``."""
    clock = _Clock()
    lines: list[str] = []
    display = PlainDisplay(clock)
    display.echo = lines.append  # type: ignore[method-assign]
    return clock, lines, display.progress_for("a.txt")


def _songngu_process(args: list[str], backend: str) -> subprocess.CompletedProcess:
    """Run songngu in a fresh process (its own logging and warnings), the fake backend swapped."""
    code = (
        "import sys; from songngu.backends import BACKENDS; "
        f"BACKENDS['fake'] = {backend!r}; from songngu.cli import main; main(sys.argv[1:])"
    )
    path = os.pathsep.join([str(TESTS.parent / "src"), str(TESTS)])
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": path},
    )


def test_piped_progress_is_whole_lines_counting_sentences(capsys, tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(many_sentences(150), encoding="utf-8")
    code, _, err = run_main(
        ["translate", str(article), "-o", str(tmp_path / "o"), *OPTIONS], capsys
    )
    assert code == 0, err
    assert "\r" not in err
    lines = [line for line in err.splitlines() if ": translating" in line]
    assert lines[0] == f"{article}: translating 150 sentences"
    assert f"{article}: translating 150/150 sentences (100%), done in" in lines[-1]
    # the fake backend reports per chunk of 64 pieces: 64, 128, 150 (plus the first line)
    assert [line.split()[2] for line in lines[1:]] == ["64/150", "128/150", "150/150"]


def test_plain_lines_come_every_tenth_not_every_sentence():
    clock, lines, report = _plain_lines()
    for done in range(101):
        clock.now = done * 0.1
        report(Progress("translating", done, 100))
    assert len(lines) == 1 + 10  # the start, then 10 %, 20 %, … 100 %
    assert lines[1] == "a.txt: translating 10/100 sentences (10%), 10.0 sentences/s, about 9 s left"


def test_plain_lines_come_every_few_seconds_when_progress_is_slow():
    clock, lines, report = _plain_lines()
    report(Progress("translating", 0, 1000))
    for done in (1, 2, 3):
        clock.now += 11
        report(Progress("translating", done, 1000))
    assert len(lines) == 4
    assert "about" in lines[-1]


def test_a_new_step_starts_its_own_lines():
    _, lines, report = _plain_lines()
    report(Progress("translating", 10, 10))
    report(Progress("retrying clause by clause", 0, 2))
    report(Progress("retrying clause by clause", 2, 2))
    assert lines[2] == "a.txt: retrying clause by clause 2 sentences"
    assert lines[3].startswith("a.txt: retrying clause by clause 2/2 sentences (100%)")


def test_pace_names_rate_and_time_left():
    assert describe_pace(30, 27, 25.0) == "1.2 sentences/s, about 22 s left"
    assert describe_pace(0, 10, 3.0) == "starting"
    assert describe_pace(10, 0, 130.0) == "done in 2 min 10 s"


def test_terminal_display_draws_a_bar_in_sentences():
    output = io.StringIO()
    display = TerminalDisplay(Console(file=output, force_terminal=True, width=120))
    report = display.progress_for("a.txt")
    report(Progress("translating", 0, 57))
    report(Progress("translating", 57, 57))
    display.echo("a note above the bar")
    display.close()
    text = output.getvalue()
    assert "a.txt: translating" in text
    assert "57/57" in text
    assert "sentences" in text
    assert "a note above the bar" in text


def test_a_finished_file_leaves_no_bar_behind():
    display = TerminalDisplay(Console(file=io.StringIO(), force_terminal=True, width=120))
    report = display.progress_for("a.txt")
    report(Progress("translating", 3, 3))
    report(Progress("retrying clause by clause", 1, 1))
    assert len(display.bars.tasks) == 2
    display.end_file("a.txt")
    display.close()
    assert display.bars.tasks == []


def test_retries_are_a_progress_step_of_their_own(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        "Một câu ngắn.\n\nĐây là một câu rất dài có mười bốn từ trở lên để mô hình lặp lại mãi.",
        encoding="utf-8",
    )
    settings = TranslationSettings(backend="fake", use_shipped_glossary=False)
    events: list[Progress] = []
    pipeline = Pipeline(settings, translator=LoopingBackend(fixed_by="clauses"))
    pipeline.translate(read_document(path), progress=events.append)
    steps = [event.step for event in events]
    assert steps[0] == "translating"
    assert "retrying clause by clause" in steps
    retry = [event for event in events if event.step == "retrying clause by clause"]
    assert (retry[-1].done, retry[-1].total) == (1, 1)


@pytest.mark.model
def test_progress_moves_within_a_chunk_batch_by_batch(hub_cache, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(many_sentences(12), encoding="utf-8")
    settings = TranslationSettings(
        use_shipped_glossary=False,
        retry=False,
        generation=GenerationSettings(max_batch_size=4, max_length_ratio=0.5, threads=1),
    )
    events: list[Progress] = []
    Pipeline(settings).translate(read_document(path), progress=events.append)
    counts = [event.done for event in events if event.step == "translating"]
    # 12 sentences are one chunk; batches of 4 report 4, 8 and 12 before the chunk ends.
    assert {4, 8} <= set(counts)
    assert counts[-1] == 12


@pytest.mark.parametrize(
    ("verbosity", "shown"), [([], False), (["-v"], True)], ids=["default", "verbose"]
)
def test_library_warnings_are_summarised_or_shown_with_v(tmp_path, verbosity, shown):
    article = tmp_path / "a.txt"
    article.write_text(many_sentences(3), encoding="utf-8")
    args = ["translate", str(article), "-o", str(tmp_path / "o"), *OPTIONS, *verbosity]
    result = _songngu_process(args, "test_cli_progress:WarningBackend")
    assert result.returncode == 0, result.stderr
    assert ("Token indices sequence length is longer" in result.stderr) is shown
    assert ("torch.some_function is deprecated" in result.stderr) is shown
    assert ("2 library warnings hidden; -v shows them." in result.stderr) is not shown


def test_a_model_conversion_is_announced_as_a_step(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(many_sentences(3), encoding="utf-8")
    args = ["translate", str(article), "-o", str(tmp_path / "o"), *OPTIONS]
    result = _songngu_process(args, "test_cli_progress:ConvertingBackend")
    assert result.returncode == 0, result.stderr
    assert "Converting m to CTranslate2 (int8); once per model" in result.stderr
    assert "WARNING" not in result.stderr  # a step of the run, not a log line
