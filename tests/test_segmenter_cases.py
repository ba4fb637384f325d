"""The case table: one row per segmentation behaviour, each readable as a spec.

``tests/data/segmentation/cases.tsv`` has a convention (C1–C11 of docs/design/segmenter.md),
the behaviour in words, and a text in which ``‖`` marks each sentence boundary; ``\\n``,
``\\r``, ``\\t`` and ``\\uXXXX`` stand for characters a TSV cannot hold. A line break is
always a boundary (C6) and needs no mark.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from songngu.segmenter import split_sentences

CASES = Path(__file__).parent / "data" / "segmentation" / "cases.tsv"
MARK = "‖"
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|[nrt])")
_LINE_BREAK = re.compile("[\n\r\u2028]+")


def unescape(text: str) -> str:
    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        return (
            chr(int(code[1:], 16))
            if code.startswith("u")
            else {"n": "\n", "r": "\r", "t": "\t"}[code]
        )

    return _ESCAPE.sub(replace, text)


def expected_sentences(marked: str) -> list[str]:
    pieces = [piece for part in marked.split(MARK) for piece in _LINE_BREAK.split(part)]
    return [piece.strip() for piece in pieces if piece.strip()]


def load_cases() -> list[tuple[str, str, str]]:
    with CASES.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(row["convention"], row["behaviour"], unescape(row["text"])) for row in rows]


ALL_CASES = load_cases()


def test_the_table_has_at_least_150_distinct_behaviours() -> None:
    behaviours = [behaviour for _, behaviour, _ in ALL_CASES]
    assert len(behaviours) >= 150
    assert len(set(behaviours)) == len(behaviours)


@pytest.mark.parametrize(
    ("convention", "behaviour", "marked"),
    ALL_CASES,
    ids=[f"{convention}-{number:03d}" for number, (convention, _, _) in enumerate(ALL_CASES)],
)
def test_case(convention: str, behaviour: str, marked: str) -> None:
    text = marked.replace(MARK, "")
    found = [text[start:end] for start, end in split_sentences(text)]
    assert found == expected_sentences(marked), f"{convention}: {behaviour}"
