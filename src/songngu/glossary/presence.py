"""Where each term's rendering is in a translation, and near-misses that can be fixed in place.

Every term gets an occurrence of its own (a rendering needed twice must be there twice; "Lam"
inside "To Lam" does not count for a second reference), at word boundaries, with a capital
first letter accepted at a sentence start.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

Span = tuple[int, int]

_SENTENCE_END = ".!?…:;\"'“”‘’([{«»—–-"
_DASHES = "-‐‑‒–—―"


def locate(target: str, renderings: Sequence[str]) -> list[Span | None]:
    """Return, for each rendering, a span of ``target`` holding it (None when there is none)."""
    spans: list[Span | None] = [None] * len(renderings)
    taken: list[Span] = []
    order = sorted(range(len(renderings)), key=lambda index: (-len(renderings[index]), index))
    for index in order:
        span = next(
            (s for s in iter_occurrences(target, renderings[index]) if not overlaps(s, taken)),
            None,
        )
        if span is not None:
            spans[index] = span
            taken.append(span)
    return spans


def iter_occurrences(target: str, rendering: str) -> list[Span]:
    """Return the spans where ``rendering`` stands (capitalised too, at a sentence start)."""
    if not rendering:
        return []
    found = [(m.start(), m.end()) for m in re.finditer(re.escape(rendering), target)]
    capital = capitalise(rendering)
    if capital != rendering:
        found += [
            (m.start(), m.end())
            for m in re.finditer(re.escape(capital), target)
            if is_sentence_start(target, m.start())
        ]
    return sorted(span for span in found if has_word_boundaries(target, span))


def is_rendered(target: str, rendering: str, count: int = 1) -> bool:
    """Whether ``rendering`` occurs ``count`` separate times in ``target``."""
    return all(span is not None for span in locate(target, [rendering] * count))


def find_folded(target: str, rendering: str, taken: Sequence[Span]) -> Span | None:
    """Return a span outside ``taken`` equal to ``rendering`` but for accents, dashes and spaces.

    Case is ignored too for renderings of two or more words ("the Minister Of Finance"); a
    one-word rendering keeps its case ("An" must not match the article "an").
    """
    keep_case = len(rendering.split()) < 2
    folded_target, origins = fold_with_origins(target, keep_case=keep_case)
    folded_rendering, _ = fold_with_origins(rendering, keep_case=keep_case)
    if not folded_rendering.strip():
        return None
    for match in re.finditer(re.escape(folded_rendering), folded_target):
        span = (origins[match.start()], origins[match.end() - 1] + 1)
        if has_word_boundaries(target, span) and not overlaps(span, taken):
            return span
    return None


@dataclass(frozen=True, slots=True)
class _Folded:
    char: str
    origin: int


def fold_with_origins(text: str, *, keep_case: bool) -> tuple[str, list[int]]:
    """Fold ``text`` for near-miss search; return it with the index each character came from.

    Accents go (and case, unless ``keep_case``); runs of spaces and dashes become one space.
    """
    folded: list[_Folded] = []
    for index, char in enumerate(text):
        if char.isspace() or char in _DASHES:
            if folded and folded[-1].char != " ":
                folded.append(_Folded(" ", index))
            continue
        folded.extend(_Folded(part, index) for part in _fold_char(char, keep_case))
    return "".join(item.char for item in folded), [item.origin for item in folded]


def _fold_char(char: str, keep_case: bool) -> str:
    base = "d" if char == "đ" else "D" if char == "Đ" else char
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", base) if not unicodedata.combining(c)
    )
    return stripped if keep_case else stripped.casefold()


def capitalise(text: str) -> str:
    """Return ``text`` with its first letter in capitals."""
    return text[:1].upper() + text[1:]


def is_sentence_start(text: str, position: int) -> bool:
    """Whether ``position`` begins a sentence (start of text, or after . ! ? : or a quote)."""
    before = text[:position].rstrip()
    return not before or before[-1] in _SENTENCE_END


def has_word_boundaries(text: str, span: Span) -> bool:
    """Whether ``text[span]`` is not glued to letters or digits on either side."""
    start, end = span
    left_ok = start == 0 or not (text[start - 1].isalnum() and text[start].isalnum())
    right_ok = end >= len(text) or not (text[end - 1].isalnum() and text[end].isalnum())
    return left_ok and right_ok


def overlaps(span: Span, taken: Sequence[Span]) -> bool:
    """Whether ``span`` shares a character with any span of ``taken``."""
    return any(span[0] < end and start < span[1] for start, end in taken)
