"""Pinned outputs: ``songngu translate`` writes byte-identical JSON for the same input and settings.

The golden files are rewritten only on purpose, with ``pytest --update-golden`` (a change in
behaviour then shows in the diff of the golden file). The tiny random-weight Marian model runs
in float32 on one thread, so its output is the same on every machine; the test glossary keeps
the shipped glossary's growth out of the comparison.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corpus import run_main

GOLDEN = Path(__file__).parent / "golden"
DATA = Path(__file__).parent / "data"
EXAMPLES = Path(__file__).parent.parent / "examples"


def _normalised(text: str) -> str:
    """Replace what depends on the machine or the release: checkout paths and the version."""
    text = text.replace(str(DATA.parent.parent), "<repo>")
    return re.sub(r'("songngu": "|songngu:)[0-9][^"|]*', r"\g<1><version>", text)


@pytest.mark.model
@pytest.mark.parametrize("backend", ["transformers", "ct2"])
def test_translate_json_is_pinned(hub_cache, tmp_path, monkeypatch, capsys, request, backend):
    monkeypatch.chdir(tmp_path)
    article = tmp_path / "bao-cao-kinh-te.txt"
    article.write_bytes((EXAMPLES / "bao-cao-kinh-te.txt").read_bytes())
    glossaries = [arg for path in sorted(DATA.glob("glossary/*.tsv")) for arg in ("-g", str(path))]
    options = ["-f", "json", "--no-memory", "--no-shipped-glossary", "--threads", "1"]
    precision = ["--precision", "float32" if backend == "transformers" else "int8"]
    args = ["translate", "--backend", backend, *precision, *options, *glossaries, article.name]
    code, _, err = run_main(args, capsys)
    assert code == 0, err
    produced = _normalised((tmp_path / "output/bao-cao-kinh-te.vi-en.json").read_text("utf-8"))
    golden = GOLDEN / f"translate-tiny-marian-{backend}.json"
    if request.config.getoption("--update-golden"):
        golden.write_text(produced, encoding="utf-8")
    assert produced == golden.read_text(encoding="utf-8")
