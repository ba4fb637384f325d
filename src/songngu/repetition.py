"""Repetition loops in model output, and English sentence counts, for the QA checks and retries.

Neural MT models sometimes fall into a loop and repeat a phrase until the length cap ("I'm sorry
I'm sorry…", "poor, poor, poor…"; see ``shared/reference/peers.md`` §3.4). The tell is a phrase
repeated back to back, which fluent English almost never does more than twice.
"""

from __future__ import annotations

import itertools
import operator
import re
from dataclasses import dataclass

__all__ = ["Repetition", "count_english_sentences", "find_repetition"]

_WORD = re.compile(r"\w+")
_LONGEST_UNIT = 8
# Back-to-back copies needed: "very, very" and "no, no, no" are English; four of one word are not.
_MIN_COPIES_OF_WORD = 4
_MIN_COPIES_OF_PHRASE = 3
# A character pattern repeated eight or more times with no break ("hahahahaha…", "--------").
_CHARACTER_LOOP = re.compile(r"(\S{1,8}?)\1{7,}")

_SENTENCE_END = re.compile(r"[.?!…]+[\"'”’»)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    (  # noqa: SIM905 - a word list reads best as words
        "mr mrs ms dr prof st gen col lt sgt capt gov sen rep inc ltd co corp no vs jr sr mt "
        "ave dept jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k a.m p.m e.g i.e "
        "etc"
    ).split()
)


@dataclass(frozen=True, slots=True)
class Repetition:
    """A unit repeated back to back, and how many times it occurs in the run."""

    unit: str
    count: int


def find_repetition(text: str) -> Repetition | None:
    """Return the longest back-to-back repetition in ``text``, or None if there is none."""
    words = _WORD.findall(text.casefold())
    best: Repetition | None = None
    for size in range(1, _LONGEST_UNIT + 1):
        found = _longest_run(words, size)
        if found is not None and (best is None or _weight(found) > _weight(best)):
            best = found
    loop = _CHARACTER_LOOP.search(text)
    if best is None and loop is not None:
        count = len(loop.group()) // len(loop.group(1))
        best = Repetition(loop.group(1), count)
    return best


def count_english_sentences(text: str) -> int:
    """Count the sentences of English text (abbreviations such as ``Mr.`` do not end one)."""
    text = text.strip()
    if not text:
        return 0
    count = 1
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _ends_with_abbreviation(text[: match.start()]):
            continue
        count += 1
    return count


def _longest_run(words: list[str], size: int) -> Repetition | None:
    """Find the run of the most back-to-back copies of one ``size``-word unit.

    A stretch where every word equals the word ``size`` places later is periodic: a stretch of
    ``length`` such positions holds ``(length + size) // size`` copies. One linear pass.
    """
    needed = _MIN_COPIES_OF_WORD if size == 1 else _MIN_COPIES_OF_PHRASE
    best: Repetition | None = None
    index = 0
    for is_periodic, group in itertools.groupby(map(operator.eq, words, words[size:])):
        length = sum(1 for _ in group)
        copies = (length + size) // size
        if is_periodic and copies >= needed and (best is None or copies > best.count):
            best = Repetition(" ".join(words[index : index + size]), copies)
        index += length
    return best


def _weight(repetition: Repetition) -> int:
    return repetition.count * len(repetition.unit.split())


def _ends_with_abbreviation(text: str) -> bool:
    token = text.rsplit(None, 1)[-1] if text.strip() else ""
    lowered = token.casefold().lstrip("(\"'“‘")
    is_initial = len(lowered) == 1 and lowered.isalpha()
    return is_initial or lowered in _ABBREVIATIONS
