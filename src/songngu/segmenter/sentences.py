"""Sentence boundaries inside one block, as offsets; every cut falls on whitespace.

The block is read into words (``words.py``); the gap after each word is asked the boundary
rules (``rules.py``). A sentence is the span from its first word to its last, so it never
starts or ends with whitespace, and sentences plus the whitespace between them reproduce the
block exactly.
"""

from __future__ import annotations

from songngu.segmenter.rules import Gap, is_boundary
from songngu.segmenter.words import scan_words


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``, without outer whitespace."""
    words = scan_words(text)
    spans: list[tuple[int, int]] = []
    first = 0
    for index in range(len(words) - 1):
        if is_boundary(Gap(text, words, index, first)):
            spans.append((words[first].start, words[index].end))
            first = index + 1
    if words:
        spans.append((words[first].start, words[-1].end))
    return spans
