"""A dateline's place: the name in capitals that opens a story ("VINH - Sáng 14/3, …").

A dateline says where the story was filed, so the name in it is a place whatever the place:
a provincial city the glossary does not list ("ĐỒNG HỚI", "BUÔN MA THUỘT") as much as
"HÀ NỘI", which it does. The blind sets annotate 52 of their 54 datelines as places
(``benchmarks/glossary-blind``); the other two are a headline with a dash in it, which the
rule below leaves out (capitals on both sides of the dash).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from songngu.glossary.localities import render_place_name
from songngu.glossary.presence import overlaps
from songngu.glossary.tokens import Gap, Shape, Token, is_syllable
from songngu.model import TermMatch

__all__ = ["with_datelines"]

# The most syllables of a place named in a dateline ("BUÔN MA THUỘT", "PHAN RANG THÁP CHÀM").
_MOST_SYLLABLES = 4
# The dash after the place, then the story ("VINH - Sáng 14/3, …").
_DASH = re.compile(r"[ \t]*[-–—][ \t]+")
# The story runs on in ordinary case for a while: a headline with a dash ("KINH TẾ - XÃ
# HỘI") is all capitals or short.
_STORY_WORDS = 8


def with_datelines(
    tokens: Sequence[Token], text: str, matches: Sequence[TermMatch]
) -> list[TermMatch]:
    """Return ``matches`` with the place of each dateline no glossary term covers."""
    taken = [(match.start, match.end) for match in matches]
    places = [
        place for place in _datelines(tokens, text) if not overlaps((place.start, place.end), taken)
    ]
    return sorted([*matches, *places], key=lambda match: match.start)


def _datelines(tokens: Sequence[Token], text: str) -> list[TermMatch]:
    found = []
    for position, token in enumerate(tokens):
        if not _opens_a_line(text, token.start):
            continue
        end = _place_end(tokens, position)
        if end is not None and _story_follows(text, tokens[end - 1].end):
            start, stop = token.start, tokens[end - 1].end
            english = render_place_name(tokens[position:end])
            found.append(TermMatch(text[start:stop], english, start, stop, "place"))
    return found


def _opens_a_line(text: str, start: int) -> bool:
    before = start - 1
    while before >= 0 and text[before] in " \t":
        before -= 1
    return before < 0 or text[before] == "\n"


def _story_follows(text: str, end: int) -> bool:
    dash = _DASH.match(text, end)
    if dash is None:
        return False
    story = text[dash.end() :].split("\n", 1)[0]
    return len(story.split()) >= _STORY_WORDS and any(char.islower() for char in story)


def _place_end(tokens: Sequence[Token], position: int) -> int | None:
    """Return where a run of capitalised syllables from ``position`` ends (None: none there)."""
    end = position
    while end < len(tokens) and end - position < _MOST_SYLLABLES and _is_place_word(tokens[end]):
        if end > position and tokens[end].gap is not Gap.SPACE:
            break
        end += 1
    return end if end > position else None


def _is_place_word(token: Token) -> bool:
    return token.shape is Shape.UPPER and len(token.text) > 1 and is_syllable(token.text)
