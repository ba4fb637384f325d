"""Words: the whitespace-delimited runs of a block, each read once into its anatomy.

The segmenter only ever cuts in the whitespace between two words, which makes it lossless by
construction. A word is read from the right: closers after the terminal punctuation (``nói.”``),
the terminal punctuation (``.``, ``?``, ``!``, ``…``, ``...``), closers before it (``“đại”.``),
then opening quotes and brackets on the left; what remains is the core (``TP.HCM``, ``v.v``,
``T``). Decisions read the NFC form of the word, so NFC and NFD input are cut alike
(``shared/reference/segmentation.md`` §6.5).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

OPENERS = "([{“‘«‹„‚\"'"
CLOSERS = ")]}”’»›\"'"
QUOTES = "“”‘’«»‹›„‚\"'"
TERMINALS = ".?!…"
DASHES = "-–—―‒"
# Bullets that open a list item or a section in scraped text: "… hai nước. * Ngày 12-6, …".
BULLETS = "*+•●▪◦"
# The characters str.splitlines() breaks on; every one of them is also whitespace.
LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")

_WORD = re.compile(r"\S+")
_LONE_CLOSER = re.compile(f"[{re.escape(CLOSERS + TERMINALS)}]+")


class Terminal(str, Enum):
    """What a word's terminal punctuation can mean."""

    NONE = "none"
    PERIOD = "period"
    STRONG = "strong"  # ? or !, possibly repeated or mixed: "?!", "!!!"
    ELLIPSIS = "ellipsis"  # "…" or two or more periods


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a block: offsets into the block, and its anatomy in NFC."""

    start: int
    end: int
    text: str
    opening: str
    core: str
    inner: str
    terminal: str
    closing: str

    @property
    def terminal_kind(self) -> Terminal:
        """Classify the terminal punctuation."""
        if not self.terminal:
            return Terminal.NONE
        if "?" in self.terminal or "!" in self.terminal:
            return Terminal.STRONG
        if "…" in self.terminal or ".." in self.terminal:
            return Terminal.ELLIPSIS
        return Terminal.PERIOD

    @property
    def has_bare_period(self) -> bool:
        """Whether a single period follows the core directly: ``TP.``, ``T.``, ``v.v.``."""
        return self.terminal == "." and not self.inner and not self.closing

    @property
    def closes_quote(self) -> bool:
        """Whether a closing quote follows the terminal punctuation: ``…?”``."""
        return any(char in QUOTES for char in self.closing)


def scan_words(text: str) -> list[Word]:
    """Return the words of ``text``; punctuation standing alone joins the word on its left.

    "nói . ”" and "Thật sao ?" keep their spaced punctuation with the sentence it closes (C2),
    so the segmenter never cuts before a lone closing quote, bracket or terminal mark, except
    at a line break (C6).
    """
    words: list[Word] = []
    for match in _WORD.finditer(text):
        piece = unicodedata.normalize("NFC", match.group())
        if (
            words
            and _LONE_CLOSER.fullmatch(piece)
            and not LINE_BREAKS.intersection(text[words[-1].end : match.start()])
        ):
            previous = words.pop()
            words.append(read_word(previous.text + piece, previous.start, match.end()))
        else:
            words.append(read_word(piece, match.start(), match.end()))
    return words


def read_word(text: str, start: int = 0, end: int | None = None) -> Word:
    """Read the anatomy of one word (already NFC, no whitespace)."""
    right = len(text)
    while right > 0 and text[right - 1] in CLOSERS:
        right -= 1
    closing_start = right
    while right > 0 and text[right - 1] in TERMINALS:
        right -= 1
    terminal_start = right
    if terminal_start < closing_start:
        while right > 0 and text[right - 1] in CLOSERS:
            right -= 1
    left = 0
    while left < right and text[left] in OPENERS:
        left += 1
    return Word(
        start=start,
        end=len(text) if end is None else end,
        text=text,
        opening=text[:left],
        core=text[left:right],
        inner=text[right:terminal_start],
        terminal=text[terminal_start:closing_start],
        closing=text[closing_start:],
    )


def starts_sentence(word: Word) -> bool:
    """Whether ``word`` can open a sentence (C1).

    A capital (Unicode-aware: Đ, Ư, Â), a digit, an opening quote, bracket, dash or bullet, a
    letter of a script without case, or a lowercase-initial brand or acronym (iPhone, eSIM).
    """
    first = word.text[0]
    if first in OPENERS or first in DASHES or first.isdigit():
        return True
    if first in BULLETS and (len(word.text) == 1 or word.text[1:2].isalnum()):
        return True  # "* Ngày 12-6", "+Chiều cùng ngày", "+84 24 3825 1234" (a phone number)
    if not first.isalpha():
        return False
    if not first.islower():
        return True
    return is_brand(word.text)


def is_brand(text: str) -> bool:
    """Whether ``text`` is a lowercase-initial brand or acronym: iPhone, eSIM, mRNA, iOS."""
    return len(text) > 1 and text[0].islower() and text[1].isupper()


def starts_lowercase(word: Word) -> bool:
    """Whether ``word`` opens with a lowercase letter and is not a brand ("và", "ông")."""
    first = word.text[0]
    return first.isalpha() and first.islower() and not is_brand(word.text)


def is_capitalised(word: Word) -> bool:
    """Whether the word's core opens with a capital letter."""
    return bool(word.core) and word.core[0].isupper()
