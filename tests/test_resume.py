"""Ctrl-C and resume: nothing half-written, finished work kept, the next run continues."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import scripted
from corpus import assert_complete_outputs, expected_document, run_main
from scripted import InterruptingBackend, many_sentences
from songngu.backends import BACKENDS
from songngu.errors import TranslationStopped
from songngu.exporters import markdown
from songngu.journal import Journal, JournalEntry, piece_key, text_digest
from songngu.model import TermMatch
from songngu.pipeline import Pipeline, TranslationSettings
from songngu.readers import read_document

OPTIONS = ["--dry-run", "--no-shipped-glossary", "-f", "docx,md,json"]
INTERRUPTED = re.compile(
    r"Interrupted; (\d+) of (\d+) sentences of (\S+) are saved in (\S+\.songngu-journal-"
    r"[0-9a-f]{12}\.jsonl); run the same command again to continue\."
)


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def translated():
    """Record what the fake backend is asked to translate in the runs after this point."""
    scripted.TRANSLATED.clear()
    return scripted.TRANSLATED


def _run(args, capsys, monkeypatch, backend="songngu.backends.fake:FakeBackend"):
    monkeypatch.setitem(BACKENDS, "fake", backend)
    return run_main(["translate", *OPTIONS, *args], capsys)


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _same_outputs(first: Path, second: Path, stem: str) -> None:
    for suffix in ("md", "json"):
        assert (first / f"{stem}.vi-en.{suffix}").read_text(encoding="utf-8") == (
            second / f"{stem}.vi-en.{suffix}"
        ).read_text(encoding="utf-8")


def test_ctrl_c_keeps_finished_sentences_and_the_next_run_continues(
    tmp_path, capsys, monkeypatch, translated
):
    path = _write(tmp_path, "a.txt", many_sentences(150))
    assert _run(["-o", str(tmp_path / "reference"), str(path)], capsys, monkeypatch)[0] == 0

    monkeypatch.setattr(InterruptingBackend, "interrupt_at", 2)
    code, _, err = _run(
        ["-o", "out", str(path)], capsys, monkeypatch, "scripted:InterruptingBackend"
    )
    assert code == 130
    match = INTERRUPTED.search(err)
    assert match, err
    assert (int(match[1]), int(match[2])) == (64, 150)  # one chunk of 64 pieces was finished
    assert "Traceback" not in err
    output_dir = Path("out")
    assert [p.name for p in output_dir.iterdir()] == [Path(match[4]).name]

    code, _, err = _run(["-o", "out", str(path)], capsys, monkeypatch, "scripted:RecordingBackend")
    assert code == 0, err
    assert len(translated) == 150 - 64
    assert_complete_outputs(expected_document(path), output_dir)
    _same_outputs(tmp_path / "reference", output_dir, "a")
    assert not list(output_dir.glob(".songngu-journal-*"))


def test_an_interrupted_batch_skips_finished_files_and_resumes_the_rest(
    tmp_path, capsys, monkeypatch, translated
):
    folder = tmp_path / "articles"
    for name, topic in (("a.txt", "xe buýt"), ("b.txt", "tàu điện"), ("c.txt", "phà")):
        _write(folder, name, many_sentences(70, topic))
    # Calls: a (2 chunks), b chunk 1, then Ctrl-C during b chunk 2.
    monkeypatch.setattr(InterruptingBackend, "interrupt_at", 4)
    code, _, err = _run(
        ["-o", "out", str(folder)], capsys, monkeypatch, "scripted:InterruptingBackend"
    )
    assert code == 130
    match = INTERRUPTED.search(err)
    assert match, err
    assert (match[1], match[2], Path(match[3]).name) == ("64", "70", "b.txt")

    code, _, err = _run(
        ["-o", "out", str(folder)], capsys, monkeypatch, "scripted:RecordingBackend"
    )
    assert code == 0, err
    assert "a.txt → " in err
    assert "done before the interruption; kept" in err
    assert len(translated) == (70 - 64) + 70
    for name in ("a.txt", "b.txt", "c.txt"):
        assert_complete_outputs(expected_document(folder / name), Path("out"))


def test_ctrl_c_while_writing_leaves_no_half_written_file(tmp_path, capsys, monkeypatch):
    path = _write(tmp_path, "a.txt", many_sentences(20))

    def write_half_then_interrupt(document, target):
        target.write_text("| half a table", encoding="utf-8")
        raise KeyboardInterrupt

    write_markdown = markdown.write_markdown
    monkeypatch.setattr(markdown, "write_markdown", write_half_then_interrupt)
    code, _, err = _run(["-o", "out", str(path)], capsys, monkeypatch)
    assert code == 130
    assert "the finished work on" in err
    names = sorted(p.name for p in Path("out").iterdir() if "journal" not in p.name)
    # The DOCX was written and verified before the Markdown started; of the Markdown there is
    # neither a file nor a temporary file.
    assert names == ["a.vi-en.docx"]
    # Only the writer is restored: undoing every patch would also point the run at the user's
    # own translation memory (the autouse private_memory fixture).
    monkeypatch.setattr(markdown, "write_markdown", write_markdown)
    code, _, err = _run(["-o", "out", str(path)], capsys, monkeypatch)
    assert code == 0, err
    assert_complete_outputs(expected_document(path), Path("out"))


def test_a_finished_run_leaves_no_journal(tmp_path, capsys, monkeypatch):
    path = _write(tmp_path, "a.txt", many_sentences(10))
    assert _run(["-o", "out", str(path)], capsys, monkeypatch)[0] == 0
    assert sorted(p.name for p in Path("out").iterdir()) == [
        "a.vi-en.docx",
        "a.vi-en.json",
        "a.vi-en.md",
    ]


# --- the journal -----------------------------------------------------------------------------


def test_journal_entries_survive_a_new_process(tmp_path):
    journal = Journal.for_run(tmp_path, "sig")
    key = piece_key("first", "Xin chào.", ())
    journal.record({key: JournalEntry("Hello.", True, ("prefix",))})
    journal.mark_done("a.txt", text_digest("Xin chào."), [tmp_path / "a.vi-en.md"])
    (tmp_path / "a.vi-en.md").write_text("x")
    again = Journal.for_run(tmp_path, "sig")
    assert again.recall(key) == JournalEntry("Hello.", True, ("prefix",))
    assert again.is_done("a.txt", text_digest("Xin chào."), [tmp_path / "a.vi-en.md"])
    assert not again.is_done("a.txt", text_digest("Xin chào!"), [tmp_path / "a.vi-en.md"])
    (tmp_path / "a.vi-en.md").unlink()
    assert not again.is_done("a.txt", text_digest("Xin chào."), [tmp_path / "a.vi-en.md"])


def test_journal_ignores_a_torn_last_line_and_other_settings(tmp_path):
    journal = Journal.for_run(tmp_path, "sig")
    key = piece_key("first", "Xin chào.", ())
    journal.record({key: JournalEntry("Hello.")})
    with journal.path.open("a", encoding="utf-8") as handle:
        handle.write('{"key": "abc", "text": "Hal')
    assert Journal.for_run(tmp_path, "sig").recall(key) == JournalEntry("Hello.")
    other = Journal(journal.path, "other settings")
    assert other.recall(key) is None


def test_piece_keys_depend_on_attempt_and_terms():
    term = TermMatch("Đà Nẵng", "Da Nang", 0, 7)
    keys = {
        piece_key("first", "Đà Nẵng.", ()),
        piece_key("finer", "Đà Nẵng.", ()),
        piece_key("first", "Đà Nẵng.", (term,)),
    }
    assert len(keys) == 3


def test_an_unwritable_journal_only_warns(tmp_path, caplog):
    (tmp_path / "blocker").write_text("x")
    journal = Journal(tmp_path / "blocker" / "journal.jsonl", "sig")
    journal.record({"k": JournalEntry("Hello.")})
    assert "resuming is off" in caplog.text
    assert journal.has("k")


def test_journal_lines_are_json(tmp_path):
    journal = Journal.for_run(tmp_path, "sig")
    journal.record({"k": JournalEntry("Xin chào → Hello")})
    records = [json.loads(line) for line in journal.path.read_text(encoding="utf-8").splitlines()]
    assert records[0] == {"songngu_journal": 1, "identity": "sig"}
    assert records[1] == {"key": "k", "text": "Xin chào → Hello", "capped": False, "methods": []}


# --- a real Ctrl-C ---------------------------------------------------------------------------

SLOW_BACKEND = textwrap.dedent(
    """
    import time
    from songngu.backends.fake import FakeBackend

    _translate = FakeBackend.translate_with_prefix
    _calls = []

    def _slow(self, sources, prefixes):
        # The first chunk is quick; the test's Ctrl-C lands while a later one is decoding,
        # however slowly a busy machine starts the process or polls the journal.
        _calls.append(len(sources))
        time.sleep(0.1 if len(_calls) == 1 else 2.0)
        return _translate(self, sources, prefixes)

    FakeBackend.translate_with_prefix = _slow
    """
)


def _default_sigint():
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _songngu(args, cwd, extra_path=None):
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    if extra_path:
        env["PYTHONPATH"] = os.pathsep.join([str(extra_path), env.get("PYTHONPATH", "")])
    return subprocess.Popen(
        [sys.executable, "-m", "songngu", "translate", *OPTIONS, *args],
        cwd=cwd,
        env=env,
        # A shell starts background jobs with SIGINT ignored, and a child inherits that (then
        # Python installs no KeyboardInterrupt handler): the user's Ctrl-C is what is tested.
        preexec_fn=_default_sigint,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_sigint_to_the_real_command_saves_work_and_exits_130(tmp_path):
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(SLOW_BACKEND)
    path = _write(tmp_path, "a.txt", many_sentences(200))
    process = _songngu(["-o", "out", str(path)], tmp_path, hooks)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        journals = list((tmp_path / "out").glob(".songngu-journal-*"))
        if journals and len(journals[0].read_text(encoding="utf-8").splitlines()) > 64:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130, err
    match = INTERRUPTED.search(err)
    assert match, err
    assert 0 < int(match[1]) < 200
    assert not list((tmp_path / "out").glob("*.vi-en.*"))

    finish = _songngu(["-o", "out", str(path)], tmp_path)
    _, err = finish.communicate(timeout=120)
    assert finish.returncode == 0, err
    assert_complete_outputs(expected_document(path), tmp_path / "out")


def test_the_saved_count_comes_from_the_journal_not_from_progress(tmp_path):
    # Ctrl-C can land after a chunk is journalled but before its progress is reported: the
    # count must still say what the journal holds.
    document = read_document(_write(tmp_path, "a.txt", many_sentences(150)))
    journal = Journal.for_run(tmp_path, "sig")
    settings = TranslationSettings(backend="fake", use_shipped_glossary=False, retry=False)
    pipeline = Pipeline(settings)

    def interrupt_once_saved(event):
        if event.done:
            raise KeyboardInterrupt

    with pytest.raises(TranslationStopped) as stopped:
        pipeline.translate(document, progress=interrupt_once_saved, journal=journal)
    assert 0 < stopped.value.num_saved < stopped.value.num_total
