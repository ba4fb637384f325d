"""Reruns are normal: finished inputs are skipped without a model; --force translates again."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time

import pytest

from corpus import run_main
from scripted import many_sentences
from songngu.backends import BACKENDS
from songngu.completion import find_finished, run_origin
from songngu.readers import SUFFIXES

OPTIONS = ["--dry-run", "--no-shipped-glossary", "--no-memory", "-f", "md,json"]


class ExplodingBackend:
    """A backend that must never be built: a rerun of a finished folder needs no model."""

    def __init__(self, settings=None):
        raise AssertionError("the model was loaded")


@pytest.fixture
def finished_folder(tmp_path, capsys):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (folder / name).write_text(many_sentences(6, name), encoding="utf-8")
    code, _, err = run_main(
        ["translate", str(folder), "-o", str(tmp_path / "out"), *OPTIONS], capsys
    )
    assert code == 0, err
    return folder


def test_rerun_of_a_finished_folder_skips_every_file_without_the_model(
    finished_folder, tmp_path, capsys, monkeypatch
):
    monkeypatch.setitem(BACKENDS, "fake", "test_completion:ExplodingBackend")
    args = ["translate", str(finished_folder), "-o", str(tmp_path / "out"), *OPTIONS]
    started = time.perf_counter()
    code, out, err = run_main(args, capsys)
    assert time.perf_counter() - started < 1.0
    assert code == 0, err
    assert out == ""
    assert f"{finished_folder / 'a.txt'}: already done (" in err
    assert "skipped, --force translates it again." in err
    assert err.splitlines()[-1] == "3 files: 0 translated, 3 already done (skipped)"


def test_force_translates_finished_files_again(finished_folder, tmp_path, capsys):
    args = ["translate", str(finished_folder), "-o", str(tmp_path / "out"), *OPTIONS, "--force"]
    code, _, err = run_main(args, capsys)
    assert code == 0, err
    assert err.splitlines()[-1] == "3 files: 3 translated"


def test_only_the_unfinished_files_are_translated(finished_folder, tmp_path, capsys):
    (finished_folder / "d.txt").write_text(many_sentences(4, "d"), encoding="utf-8")
    args = ["translate", str(finished_folder), "-o", str(tmp_path / "out"), *OPTIONS]
    code, _, err = run_main(args, capsys)
    assert code == 0, err
    assert err.splitlines()[-1] == "4 files: 1 translated, 3 already done (skipped)"


def test_a_rerun_in_a_fresh_process_takes_under_a_second(finished_folder, tmp_path):
    args = ["translate", str(finished_folder), "-o", str(tmp_path / "out"), *OPTIONS]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [sys.executable, "-m", "songngu", *args], capture_output=True, text=True, check=False
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert result.returncode == 0, result.stderr
    assert "3 already done (skipped)" in result.stderr
    # CPU time, start-up included (about 0.3 s); wall time on a shared machine says little.
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    assert cpu < 1.0


def _outputs(tmp_path, formats=("md", "json")):
    source = tmp_path / "a.txt"
    source.write_text("Một câu.", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    signature = "backend:transformers|model:Helsinki-NLP/opus-mt-vi-en@abc|glossary:none"
    for name in formats:
        target = out / f"a.vi-en.{name}"
        if name == "json":
            target.write_text(json.dumps({"signature": signature}), encoding="utf-8")
        else:
            target.write_text(f"| x |\n\n---\n\n<sub>{signature}</sub>\n", encoding="utf-8")
    return str(source), out


ORIGIN = run_origin("transformers", "opus-mt")


def test_outputs_of_the_same_backend_and_model_are_finished(tmp_path):
    source, out = _outputs(tmp_path)
    assert list(find_finished([source], out, ["md", "json"], ORIGIN)) == [source]


@pytest.mark.parametrize(
    ("backend", "model"),
    [("ct2", "opus-mt"), ("transformers", "nllb-600m"), ("fake", "opus-mt")],
)
def test_outputs_of_another_backend_or_model_are_not_finished(tmp_path, backend, model):
    source, out = _outputs(tmp_path)
    assert not find_finished([source], out, ["md", "json"], run_origin(backend, model))


def test_a_missing_or_empty_output_is_not_finished(tmp_path):
    source, out = _outputs(tmp_path, formats=("md",))
    assert not find_finished([source], out, ["md", "json"], ORIGIN)
    (out / "a.vi-en.json").write_text("", encoding="utf-8")
    assert not find_finished([source], out, ["md", "json"], ORIGIN)


def test_an_article_edited_after_its_outputs_is_not_finished(tmp_path):
    source, out = _outputs(tmp_path)
    later = (out / "a.vi-en.md").stat().st_mtime + 10
    os.utime(source, (later, later))
    assert not find_finished([source], out, ["md", "json"], ORIGIN)


def test_an_input_a_journal_names_is_left_to_the_journal(tmp_path):
    source, out = _outputs(tmp_path)
    journal = out / ".songngu-journal-0123456789ab.jsonl"
    journal.write_text(json.dumps({"writing": source, "outputs": []}) + "\n", encoding="utf-8")
    assert not find_finished([source], out, ["md", "json"], ORIGIN)


def test_standard_input_is_never_finished(tmp_path):
    _, out = _outputs(tmp_path)
    assert not find_finished(["-"], out, ["md"], ORIGIN)


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_before_or_after_the_subcommand_silences_everything_but_errors(
    tmp_path, capsys, where
):
    article = tmp_path / "a.txt"
    article.write_text(many_sentences(3), encoding="utf-8")
    args = ["translate", str(article), "-o", str(tmp_path / "out"), *OPTIONS]
    code, _, err = run_main(["-q", *args] if where == "before" else [*args, "-q"], capsys)
    assert code == 0, err
    assert err == ""
    code, _, err = run_main([*args, "--quiet"], capsys)  # a rerun: the skip note is quiet too
    assert (code, err) == (0, "")


def test_verbose_is_accepted_after_the_subcommand(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text(many_sentences(3), encoding="utf-8")
    code, _, err = run_main(
        ["translate", str(article), "-o", str(tmp_path), *OPTIONS, "-vv"], capsys
    )
    assert code == 0, err


def test_errors_still_show_when_quiet(tmp_path, capsys):
    code, _, err = run_main(["translate", str(tmp_path / "missing.txt"), "-q"], capsys)
    assert code == 1
    assert err.startswith("Error: ")


def test_translate_help_names_every_input_type(capsys):
    code, out, _ = run_main(["translate", "--help"], capsys)
    assert code == 0
    assert {".txt", ".md", ".docx"} <= set(SUFFIXES)
    text = " ".join(out.split())
    for suffix in SUFFIXES:
        assert suffix in text
    assert "- for standard input" in text
