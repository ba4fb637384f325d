"""Fuzzy memory hints: a close reviewed translation is shown to the reviewer, never used."""

from __future__ import annotations

import json
import random
import time
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


def test_the_threshold_decides() -> None:
    index = FuzzyIndex([APPROVED])
    assert index.best("Giá vé là 35.000 đồng mỗi lượt.") is None
    assert index.best(ONE_WORD_OFF, threshold=99) is None


def test_length_buckets_find_what_a_full_scan_finds() -> None:
    generator = random.Random(7)
    words = [
        "ủy",
        "ban",
        "tỉnh",
        "họp",
        "báo",
        "công",
        "bố",
        "kế",
        "hoạch",
        "đầu",
        "tư",
        "cầu",
        "đường",
        "dự",
        "án",
        "vốn",
        "tỷ",
        "đồng",
    ]
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


@pytest.mark.slow
def test_a_lookup_in_10000_entries_is_fast() -> None:
    generator = random.Random(16)
    words = [
        "ủy",
        "ban",
        "nhân",
        "dân",
        "tỉnh",
        "họp",
        "báo",
        "công",
        "bố",
        "kế",
        "hoạch",
        "đầu",
        "tư",
        "xây",
        "dựng",
        "cầu",
        "đường",
    ]
    sources = [
        " ".join(generator.choice(words) for _ in range(generator.randint(8, 30)))
        for _ in range(10_000)
    ]
    index = FuzzyIndex(
        MemoryEntry(s, "x", EntryOrigin.REVIEWER, state=State.REVIEWED) for s in sources
    )
    started = time.perf_counter()
    for source in sources[:50]:
        index.best(source + " mới")
    per_lookup = (time.perf_counter() - started) / 50
    assert per_lookup < 0.1, f"{per_lookup * 1000:.1f} ms per lookup"


ARTICLE = "Hà Nội mở thêm tuyến xe buýt điện.\n\n" + ONE_WORD_OFF + "\n"


def test_translate_shows_the_hint_in_json_docx_and_xliff_but_not_as_the_output(
    runner: CliRunner, tmp_path: Path, private_memory: Path
) -> None:
    with TranslationMemory(private_memory) as memory:
        memory.add([APPROVED])
    article = tmp_path / "xe-buyt.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    arguments = ["translate", str(article), "-o", str(out), "-f", "docx,json,xliff", "--dry-run"]
    result = runner.invoke(cli, arguments, obj=CliState())
    assert result.exit_code == 0, result.output
    assert "1 with memory hints" in result.output
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
    with TranslationMemory(private_memory) as memory:
        memory.add([APPROVED])
    article = tmp_path / "xe-buyt.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    arguments = ["translate", str(article), "-o", str(out), "-f", "json", "--dry-run"]
    result = runner.invoke(cli, [*arguments, "--fuzzy-threshold", "0"], obj=CliState())
    assert result.exit_code == 0, result.output
    data = json.loads((out / "xe-buyt.vi-en.json").read_text(encoding="utf-8"))
    assert all(s["hint"] is None for block in data["blocks"] for s in block["segments"])
