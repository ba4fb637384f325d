"""Syllable tokens for matching: keys that fold spelling variants, shapes, and the gaps between.

A token is a run of letters and digits, or a free-standing ``&`` (read as ``và``); inside an
abbreviation ("GD&ĐT", "NN&PTNT") ``&`` joins like a hyphen ("GD-ĐT"). Its key
folds case, Unicode form, tone-mark placement (``uỷ``/``ủy``) and a final ``i``/``y`` after a
consonant (``Qui Nhơn``/``Quy Nhơn``, ``kĩ``/``kỹ``), so that every spelling of a term meets the
same key; its shape and the gap before it keep what the key forgets, for the case and
punctuation rules of ``docs/design/glossary.md``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from songngu.vietnamese import syllable_key

# A word may hold an apostrophe between letters: highland names ("Cư M'gar", "M'Drắk", "Ea H'leo").
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|(?<!\S)&(?!\S)")
# Both spellings of a final i/y after a consonant are in use ("Qui Nhơn"/"Quy Nhơn",
# "kĩ thuật"/"kỹ thuật", "lí"/"lý"); after a vowel they differ ("tai" is not "tay").
_FINAL_I_OR_Y = re.compile(
    r"^(b|c|ch|d|đ|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)[iy]$"
)
# Initial consonant, one to three vowels, final consonant: the shape of every Vietnamese
# syllable, and of few foreign words ("Esteban", "Lazo", "Fidel" fail it).
_SYLLABLE = re.compile(
    r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[aăâeêioôơuưy]{1,3}(ch|ng|nh|[cmnpt])?$"
)
# Sentence punctuation and openers: a capital after them says nothing about the word.
_SENTENCE_OPENERS = frozenset(".!?…:;\"'“”‘’«»([{")
# Hyphens and dashes of every kind, and "&" inside an abbreviation ("GD&ĐT" = "GD-ĐT").
_DASHES = frozenset("-‐‑‒–—―&")


class Shape(str, Enum):
    """How a token is capitalised."""

    LOWER = "lower"
    TITLE = "title"
    UPPER = "upper"
    MIXED = "mixed"
    OTHER = "other"


class Gap(str, Enum):
    """What separates a token from the one before it."""

    NONE = "none"
    SPACE = "space"
    DASH = "dash"
    COMMA = "comma"
    DOT = "dot"
    BREAK = "break"


@dataclass(frozen=True, slots=True)
class Token:
    """A syllable (or ``&``) of a text, with offsets into that text."""

    text: str
    key: str
    start: int
    end: int
    shape: Shape
    gap: Gap
    is_sentence_start: bool

    @property
    def is_capitalised(self) -> bool:
        """Whether the token starts with a capital (title case or all capitals)."""
        return self.shape in (Shape.TITLE, Shape.UPPER)


def tokenize(text: str) -> list[Token]:
    """Split ``text`` into tokens, each with its key, shape and the gap before it."""
    tokens: list[Token] = []
    previous_end = 0
    for match in _TOKEN.finditer(text):
        word = match.group()
        between = text[previous_end : match.start()]
        gap = classify_gap(between) if tokens else Gap.NONE
        is_start = not tokens or _opens_sentence(between)
        tokens.append(
            Token(word, match_key(word), match.start(), match.end(), shape_of(word), gap, is_start)
        )
        previous_end = match.end()
    return tokens


@lru_cache(maxsize=65536)
def match_key(word: str) -> str:
    """Return the key of one token: case, form, tone placement and final i/y folded."""
    if word == "&":
        return match_key("và")
    key = syllable_key(word)
    letters = key.rstrip("12345")
    if _FINAL_I_OR_Y.match(letters):
        key = letters[:-1] + "y" + key[len(letters) :]
    return key


def phrase_keys(text: str) -> tuple[str, ...]:
    """Return the keys of every token of ``text``."""
    return tuple(match_key(match.group()) for match in _TOKEN.finditer(text))


def phrase_list(*phrases: str) -> tuple[tuple[str, ...], ...]:
    """Return the keys of each phrase, longest phrase first (for longest-match lookups)."""
    return tuple(sorted({phrase_keys(phrase) for phrase in phrases}, key=len, reverse=True))


@lru_cache(maxsize=65536)
def shape_of(word: str) -> Shape:
    """Return how ``word`` is capitalised (digits and ``&`` are ``OTHER``)."""
    if word == "&" or any(char.isdigit() for char in word):
        return Shape.OTHER
    if len(word) > 2 and word[1] in "'’" and word[0].isupper():
        # "M'Drắk", "M'gar": a capital, an apostrophe, then a word in title or lower case.
        rest = shape_of(word[2:])
        return Shape.TITLE if rest in (Shape.TITLE, Shape.LOWER) else rest
    if word.islower():
        return Shape.LOWER
    if word[0].isupper() and (len(word) == 1 or word[1:].islower()):
        return Shape.TITLE
    if word.isupper():
        return Shape.UPPER
    return Shape.MIXED


def classify_gap(between: str) -> Gap:
    """Return the kind of the text between two tokens."""
    if between.count("\n") > 1:
        return Gap.BREAK
    marks = "".join(between.split())
    if not marks:
        return Gap.SPACE
    if len(marks) > 1:
        return Gap.BREAK
    if marks in _DASHES:
        return Gap.DASH
    return {",": Gap.COMMA, ".": Gap.DOT}.get(marks, Gap.BREAK)


def is_syllable(word: str) -> bool:
    """Whether ``word`` is shaped like one Vietnamese syllable ("Nguyễn" is, "Esteban" is not)."""
    if len(word) > 7 or not word.isalpha():
        return False
    return _SYLLABLE.match(match_key(word).rstrip("12345")) is not None


def _opens_sentence(between: str) -> bool:
    if "\n" in between:
        return True
    marks = between.strip()
    return bool(marks) and any(char in _SENTENCE_OPENERS for char in marks)
