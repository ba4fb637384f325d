"""Sentence boundaries inside one block, as offsets; every cut falls on whitespace."""

from __future__ import annotations

import re

# Abbreviations that do not end a sentence before a capital ("TP. Huế", "PGS.TS. Lê Văn A").
_ABBREVIATIONS = frozenset(
    {"tp", "tt", "ts", "ths", "pgs", "gs", "bs", "ks", "th", "nxb", "tr", "ông", "bà", "mr", "ms"}
)
_TERMINAL = re.compile(r"[.?!…]+[\"'”’»)\]]*(?=\s)")


def _ends_with_abbreviation(text: str, end: int) -> bool:
    token = text[:end].rsplit(None, 1)[-1].rstrip(".").casefold()
    last = re.split(r"[.]", token)[-1]
    return last in _ABBREVIATIONS


def _candidate_cuts(text: str) -> list[int]:
    cuts = [match.end() for match in re.finditer(r"\n", text)]
    for match in _TERMINAL.finditer(text):
        rest = text[match.end() :].lstrip()
        if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'(["):
            continue
        if match.group().startswith(".") and _ends_with_abbreviation(text, match.start() + 1):
            continue
        cuts.append(match.end())
    return sorted(set(cuts))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` spans of the sentences of ``text``, without outer whitespace."""
    spans = []
    start = 0
    for cut in [*_candidate_cuts(text), len(text)]:
        piece = text[start:cut]
        if piece.strip():
            left = start + len(piece) - len(piece.lstrip())
            right = start + len(piece.rstrip())
            spans.append((left, right))
        start = cut
    return spans
