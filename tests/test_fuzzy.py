"""Fuzzy memory hints: a close reviewed translation is shown to the reviewer, never used."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz, process

from songngu.cli import cli
from songngu.cli.output import CliState
from songngu.exporters.xliff import read_xliff
from songngu.memory import EntryOrigin, MemoryEntry, TranslationMemory, source_key
from songngu.memory.fuzzy import FuzzyIndex
from songngu.model import State
from songngu.ooxml.review_file import read_review_file

APPROVED = MemoryEntry(
    "Tuyến mới chạy từ 5 giờ sáng mỗi ngày.",
    "The new route runs from 5am every day.",
    EntryOrigin.REVIEWER,
    reviewer="Lan",
    state=State.FINAL,
)
ONE_WORD_OFF = "Tuyến mới chạy từ 6 giờ sáng mỗi ngày."


@pytest.mark.parametrize(
    ("state", "origin", "is_hinted"),
    [
        (State.FINAL, EntryOrigin.REVIEWER, True),
        (State.REVIEWED, EntryOrigin.IMPORT, True),
        (State.TRANSLATED, EntryOrigin.REVIEWER, False),
        (State.TRANSLATED, EntryOrigin.MODEL, False),
    ],
)
def test_only_vetted_entries_are_hints(state: State, origin: EntryOrigin, is_hinted: bool) -> None:
    entry = MemoryEntry(APPROVED.source, APPROVED.target, origin, state=state)
    found = FuzzyIndex([entry]).best(ONE_WORD_OFF)
    assert (found is not None) is is_hinted


def test_a_hint_carries_the_approved_translation_and_its_similarity() -> None:
    found = FuzzyIndex([APPROVED]).best(ONE_WORD_OFF)
    assert found is not None
    assert (found.target, found.state, found.reviewer) == (APPROVED.target, State.FINAL, "Lan")
    assert 75 <= found.similarity < 100


def test_a_review_and_an_import_of_the_same_sentence_are_both_indexed() -> None:
    imported = MemoryEntry(APPROVED.source, "Imported.", EntryOrigin.IMPORT, state=State.REVIEWED)
    index = FuzzyIndex([APPROVED, imported])
    assert len(index) == 2
    assert index.best(ONE_WORD_OFF) is not None


def test_the_threshold_decides() -> None:
    index = FuzzyIndex([APPROVED])
    assert index.best("Giá vé là 35.000 đồng mỗi lượt.") is None
    assert index.best(ONE_WORD_OFF, threshold=99) is None


# Words of Vietnamese news, for random sentences that share much of their vocabulary.
VOCABULARY = "ủy ban nhân dân tỉnh họp báo công bố kế hoạch đầu tư xây dựng cầu đường dự án vốn"


def test_length_buckets_find_what_a_full_scan_finds() -> None:
    generator = random.Random(7)
    words = VOCABULARY.split()
    sources = [
        " ".join(generator.choice(words) for _ in range(generator.randint(3, 25)))
        for _ in range(800)
    ]
    entries = [MemoryEntry(s, "x", EntryOrigin.REVIEWER, state=State.FINAL) for s in sources]
    index = FuzzyIndex(entries)
    keys = [source_key(source) for source in sources]
    for query in sources[:60]:
        changed = query + " " + generator.choice(words)
        for threshold in (60.0, 75.0, 90.0):
            expected = process.extractOne(
                source_key(changed), keys, scorer=fuzz.ratio, score_cutoff=threshold
            )
            found = index.best(changed, threshold)
            assert (found is None) == (expected is None)
            if found is not None and expected is not None:
                assert found.similarity == pytest.approx(expected[1], abs=0.1)


ARTICLE = "Hà Nội mở thêm tuyến xe buýt điện.\n\n" + ONE_WORD_OFF + "\n"


def translate_with_memory(
    runner: CliRunner, tmp_path: Path, memory_path: Path, *options: str
) -> Path:
    """Store the approved entry, translate the article with ``options``; return the out folder."""
    with TranslationMemory(memory_path) as memory:
        memory.add([APPROVED])
    article = tmp_path / "xe-buyt.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    arguments = ["translate", str(article), "-o", str(out), "--dry-run", *options]
    result = runner.invoke(cli, arguments, obj=CliState())
    assert result.exit_code == 0, result.output
    assert ("1 with memory hints" in result.output) is ("0" not in options)
    return out


def test_translate_shows_the_hint_in_json_docx_and_xliff_but_not_as_the_output(
    runner: CliRunner, tmp_path: Path, private_memory: Path
) -> None:
    out = translate_with_memory(runner, tmp_path, private_memory, "-f", "docx,json,xliff")
    data = json.loads((out / "xe-buyt.vi-en.json").read_text(encoding="utf-8"))
    segment = data["blocks"][1]["segments"][0]
    assert segment["hint"]["target"] == APPROVED.target
    assert segment["hint"]["state"] == "final"
    assert segment["target"] != APPROVED.target
    assert segment["origin"] == "model"
    comments = {c.segment_id: c.text for c in read_review_file(out / "xe-buyt.vi-en.docx").comments}
    assert "Memory hint (" in comments["b2.s1"]
    assert APPROVED.target in comments["b2.s1"]
    unit = next(u for u in read_xliff(out / "xe-buyt.vi-en.xlf").units if u.id == "b2.s1")
    assert unit.target == segment["target"]
    assert 'match-quality="' in (out / "xe-buyt.vi-en.xlf").read_text(encoding="utf-8")


def test_a_threshold_of_zero_turns_hints_off(
    runner: CliRunner, tmp_path: Path, private_memory: Path
) -> None:
    out = translate_with_memory(
        runner, tmp_path, private_memory, "-f", "json", "--fuzzy-threshold", "0"
    )
    data = json.loads((out / "xe-buyt.vi-en.json").read_text(encoding="utf-8"))
    assert all(s["hint"] is None for block in data["blocks"] for s in block["segments"])
