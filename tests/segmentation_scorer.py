"""Score the segmenter against a gold file: boundary precision, recall, F1, exact paragraphs.

The gold format (``tests/data/segmentation/gold-*.txt``): an item starts with ``=== <id>``;
``‖`` marks a sentence boundary right after a sentence's last character (removing the marks
gives the raw text); blank lines separate paragraphs; a line break inside a paragraph is a
boundary (C6). Only boundaries *inside* a paragraph are scored, as in the held-out check.

The prediction goes through the ``songngu segment`` text output (one sentence per line, a
blank line between blocks), whose sentences are found again in the input, in order: what an
outside checker sees. Run ``python tests/segmentation_scorer.py FILE... [--errors]``.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from songngu.model import DocumentMeta
from songngu.readers.text import parse_text
from songngu.segmenter import segment_document
from songngu.segmenter.report import render_segments

MARK = "‖"
_ITEM_HEADER = re.compile(r"^=== (\S+).*$", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class Item:
    """One gold item: raw text, its paragraphs and the gold boundary offsets."""

    id: str
    text: str
    paragraphs: tuple[tuple[int, int], ...]
    boundaries: frozenset[int]


@dataclass
class Score:
    """Counts over a gold file."""

    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    paragraphs: int = 0
    exact_paragraphs: int = 0
    items: int = 0
    lossless_items: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        expected = self.true_positives + self.false_negatives
        return self.true_positives / expected if expected else 1.0

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    @property
    def exact_rate(self) -> float:
        return self.exact_paragraphs / self.paragraphs if self.paragraphs else 1.0

    def summary(self) -> str:
        return (
            f"items {self.items}  paragraphs {self.paragraphs}  "
            f"boundaries {self.true_positives + self.false_negatives}\n"
            f"precision {self.precision:.4f}  recall {self.recall:.4f}  F1 {self.f1:.4f}\n"
            f"exact paragraphs {self.exact_rate:.4f} ({self.exact_paragraphs}/{self.paragraphs})"
            f"  lossless {self.lossless_items}/{self.items}"
        )


def load_gold(path: Path) -> list[Item]:
    """Read the items of a gold file."""
    content = path.read_text(encoding="utf-8")
    headers = list(_ITEM_HEADER.finditer(content))
    items = []
    for header, following in zip(headers, [*headers[1:], None], strict=True):
        body = content[header.end() + 1 : following.start() if following else len(content)]
        items.append(parse_item(header.group(1), body.strip("\n")))
    return items


def parse_item(item_id: str, marked: str) -> Item:
    """Turn marked text into raw text, paragraphs and boundary offsets."""
    text = marked.replace(MARK, "")
    boundaries = set()
    num_marks = 0
    for position, char in enumerate(marked):
        if char == MARK:
            boundaries.add(position - num_marks)
            num_marks += 1
    paragraphs = tuple(_iter_paragraphs(text))
    for start, end in paragraphs:
        for line in re.finditer(r"[^\n]*\S[^\n]*", text[start:end]):
            boundaries.add(start + len(line.group().rstrip()) + line.start())
    return Item(item_id, text, paragraphs, frozenset(boundaries))


def predict(text: str) -> tuple[frozenset[int], bool]:
    """Return the predicted sentence ends (offsets into ``text``) and whether it was lossless."""
    document = segment_document(parse_text(text, DocumentMeta(source_path="gold")))
    output = render_segments(document)
    sentences = [line for line in output.split("\n") if line]
    ends, cursor, lossless = set(), 0, True
    for sentence in sentences:
        found = text.find(sentence, cursor)
        if found < 0 or text[cursor:found].strip():
            return frozenset(ends), False
        cursor = found + len(sentence)
        ends.add(cursor)
    lossless = not text[cursor:].strip() and _is_lossless(text, sentences)
    return frozenset(ends), lossless


def score_items(items: Iterable[Item]) -> Score:
    """Score every item and collect a line per wrong paragraph."""
    score = Score()
    for item in items:
        predicted, lossless = predict(item.text)
        score.items += 1
        score.lossless_items += lossless
        for start, end in item.paragraphs:
            _score_paragraph(score, item, predicted, start, end)
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--errors", action="store_true", help="List each wrong paragraph.")
    arguments = parser.parse_args(argv)
    for path in arguments.files:
        started = time.perf_counter()
        score = score_items(load_gold(path))
        print(f"== {path.name} ({time.perf_counter() - started:.2f} s)\n{score.summary()}")
        if arguments.errors:
            print("\n".join(score.errors))
    return 0


def _iter_paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for separator in [*_BLANK_LINE.finditer(text), None]:
        end = separator.start() if separator else len(text)
        chunk = text[start:end]
        if chunk.strip():
            left = start + len(chunk) - len(chunk.lstrip())
            yield left, start + len(chunk.rstrip())
        start = separator.end() if separator else len(text)


def _is_lossless(text: str, sentences: list[str]) -> bool:
    joined = "".join(sentences)
    compact = "".join(text.split())
    return unicodedata.normalize("NFC", "".join(joined.split())) == unicodedata.normalize(
        "NFC", compact
    )


def _score_paragraph(
    score: Score, item: Item, predicted: frozenset[int], start: int, end: int
) -> None:
    gold = {offset for offset in item.boundaries if start < offset < end}
    found = {offset for offset in predicted if start < offset < end}
    score.paragraphs += 1
    score.true_positives += len(gold & found)
    score.false_positives += len(found - gold)
    score.false_negatives += len(gold - found)
    if gold == found:
        score.exact_paragraphs += 1
        return
    marks = sorted(
        [(offset, "+") for offset in found - gold] + [(offset, "-") for offset in gold - found]
    )
    snippets = [
        f"{sign}…{item.text[max(start, offset - 30) : offset]}⟂{item.text[offset : offset + 20]}…"
        for offset, sign in marks
    ]
    score.errors.append(f"[{item.id}] " + "  ".join(snippets))


if __name__ == "__main__":
    sys.exit(main())
