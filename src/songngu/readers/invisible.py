r"""Invisible characters pasted from the web and Word: removed, or a space between two words.

Web pages and word processors put characters in text that show as nothing: zero-width spaces
(line-break opportunities), soft hyphens (hyphenation points), joiners, byte-order marks in the
middle of a text, direction marks. To every stage that reads letters they split a word
(``Thủ tướ\u00adng`` is not ``Thủ tướng`` to the glossary), and they would reach the outputs,
so the readers and the glossary loader take them out (``docs/design/robustness.md``).

All of them are removed, except that a zero-width space, which a browser shows as a possible
line break, is the only separator between two words when a page uses it in place of a space
(``Phạm\u200bMinh Chính``). Whether it stands between two words or inside one is read from
the letters it joins, since a Vietnamese syllable is written between spaces:

- if the letters read as one Vietnamese syllable, it was inside a word and is removed
  (``tướ\u200bng`` → ``tướng``);
- if they can be split at zero-width spaces into Vietnamese syllables, and the run is Vietnamese
  (it has a Vietnamese mark) or a capital starts a part (``Thanh\u200bLong``), each such space
  becomes a space (``Phạm\u200bMinh`` → ``Phạm Minh``, ``kế\u200bhoạch`` → ``kế hoạch``);
- otherwise it was inside a word of another language and is removed (``Bit\u200bcoin`` →
  ``Bitcoin``, ``AS\u200bEAN`` → ``ASEAN``).

So a zero-width space inside a well-formed syllable is always removed, wherever it falls. One
inside a marked word that is not one syllable but reads as two (the ethnic name ``Mơnông``) is
taken for a missing space: a word of that kind spelled together is rare in news, and a run of
syllables spelled together is what a page that puts zero-width spaces for spaces produces.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from songngu.readers.language import has_vietnamese_mark, is_vietnamese_syllable

__all__ = ["INVISIBLE", "InvisibleRemoval", "remove_invisible"]

ZERO_WIDTH_SPACE = "\u200b"
#: Each invisible character and what the warning calls it.
INVISIBLE = {
    ZERO_WIDTH_SPACE: "zero-width space",
    "\u00ad": "soft hyphen",
    "\u200c": "zero-width non-joiner",
    "\u200d": "zero-width joiner",
    "\u2060": "word joiner",
    "\ufeff": "byte-order mark",
    **dict.fromkeys("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e", "direction mark"),
    **dict.fromkeys("\u2066\u2067\u2068\u2069", "direction mark"),
}
_ANY_INVISIBLE = re.compile(f"[{''.join(INVISIBLE)}]")
_OTHER_INVISIBLE = re.compile(f"[{''.join(set(INVISIBLE) - {ZERO_WIDTH_SPACE})}]")
# Letters with any combining marks (text may still be NFD here) and the zero-width spaces
# between them.
_LETTER_RUN = re.compile("(?:[^\\W\\d_]|[\u0300-\u036f]|\u200b)+")
# No syllable is longer than "nghiêng" (7 letters; 9 code points in NFD with two marks).
_MAX_SYLLABLE_CODE_POINTS = 10


@dataclass(frozen=True, slots=True)
class InvisibleRemoval:
    """Text without invisible characters, how many of each kind went, and how many became spaces."""

    text: str
    counts: tuple[tuple[str, int], ...] = ()
    num_spaces: int = 0


def remove_invisible(text: str) -> InvisibleRemoval:
    """Remove the invisible characters of ``text``; a zero-width space between words is a space."""
    if not _ANY_INVISIBLE.search(text):
        return InvisibleRemoval(text)
    counts = Counter(INVISIBLE[character] for character in _ANY_INVISIBLE.findall(text))
    text = _OTHER_INVISIBLE.sub("", text)
    if ZERO_WIDTH_SPACE in text:
        text = _LETTER_RUN.sub(lambda run: _join_run(run.group()), text)
    # Every zero-width space is in a run; those left stand before the spaces they became.
    num_spaces = text.count(ZERO_WIDTH_SPACE)
    removed = text.replace(ZERO_WIDTH_SPACE, "")
    return InvisibleRemoval(removed, tuple(sorted(counts.items())), num_spaces)


def _join_run(run: str) -> str:
    """Return a run of letters as one word, or as syllables with a space for each space taken.

    A zero-width space that becomes a space is kept in front of it, so the caller can count them.
    """
    if ZERO_WIDTH_SPACE not in run:
        return run
    parts = [part for part in run.split(ZERO_WIDTH_SPACE) if part]
    word = "".join(parts)
    if len(parts) < 2 or _is_syllable(word):
        return word
    if not (has_vietnamese_mark(word) or _has_capital_after_lowercase(parts)):
        return word
    syllables = _split_into_syllables(parts)
    return word if syllables is None else f"{ZERO_WIDTH_SPACE} ".join(syllables)


def _has_capital_after_lowercase(parts: list[str]) -> bool:
    """Whether a part starts with a capital after one that ends in lower case (``ThanhLong``)."""
    for left, right in itertools.pairwise(parts):
        last = next((character for character in reversed(left) if character.isalpha()), "")
        if last.islower() and right[0].isupper():
            return True
    return False


def _split_into_syllables(parts: list[str]) -> list[str] | None:
    """Join neighbouring parts into the fewest syllables, or return None if they cannot be.

    A shortest path over the cuts between parts: ``num_syllables[k]`` is the fewest syllables
    that spell ``parts[:k]`` and ``previous_cut[k]`` where the last of them starts. A syllable
    spans few parts, so this is linear in the length of the run.
    """
    num_syllables = {0: 0}
    previous_cut: dict[int, int] = {}
    for end in range(1, len(parts) + 1):
        for start in range(end - 1, -1, -1):
            candidate = "".join(parts[start:end])
            if len(candidate) > _MAX_SYLLABLE_CODE_POINTS:
                break
            count = num_syllables.get(start, len(parts)) + 1
            if count < num_syllables.get(end, len(parts) + 1) and _is_syllable(candidate):
                num_syllables[end], previous_cut[end] = count, start
    if len(parts) not in num_syllables:
        return None
    cuts = [len(parts)]
    while cuts[-1]:
        cuts.append(previous_cut[cuts[-1]])
    return ["".join(parts[start:end]) for start, end in itertools.pairwise(reversed(cuts))]


_is_syllable = functools.lru_cache(maxsize=65_536)(is_vietnamese_syllable)
