"""Finding glossary terms in text: syllable keys, longest match first, offsets as written.

Keys fold case, Unicode form and tone-mark placement (``uỷ``/``ủy``), so every spelling of a
term is found; the offsets still point into the text exactly as written.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from songngu.model import TermMatch
from songngu.vietnamese import syllable_key

if TYPE_CHECKING:
    from songngu.glossary.entries import Entry, Glossary

_WORD = re.compile(r"\w+")
# Rows of these types are not terms to render; later stages give them their own meaning.
_NOT_TERMS = frozenset({"abbreviation", "pattern"})


@dataclass(frozen=True, slots=True)
class _Token:
    key: str
    start: int
    end: int


def _tokenize(text: str) -> list[_Token]:
    return [_Token(syllable_key(m.group()), m.start(), m.end()) for m in _WORD.finditer(text)]


def _index(glossary: Glossary, date: str | None) -> dict[str, list[tuple[tuple[str, ...], Entry]]]:
    return _cached_index(glossary, date)


@lru_cache(maxsize=8)
def _cached_index(
    glossary: Glossary, date: str | None
) -> dict[str, list[tuple[tuple[str, ...], Entry]]]:
    index: dict[str, list[tuple[tuple[str, ...], Entry]]] = defaultdict(list)
    for entry in glossary.entries:
        if entry.type in _NOT_TERMS or not entry.is_valid_on(date):
            continue
        keys = tuple(token.key for token in _tokenize(entry.vi))
        if keys:
            index[keys[0]].append((keys, entry))
    for candidates in index.values():
        candidates.sort(key=lambda candidate: -len(candidate[0]))
    return dict(index)


def match_terms(glossary: Glossary, text: str, date: str | None = None) -> list[TermMatch]:
    """Return non-overlapping matches in text order, preferring the longest term at each word."""
    index = _index(glossary, date)
    tokens = _tokenize(text)
    matches: list[TermMatch] = []
    position = 0
    while position < len(tokens):
        found = _longest_at(index, tokens, position)
        if found is None:
            position += 1
            continue
        length, entry = found
        start, end = tokens[position].start, tokens[position + length - 1].end
        matches.append(TermMatch(text[start:end], entry.en, start, end, entry.type, entry.location))
        position += length
    return matches


def _longest_at(
    index: dict[str, list[tuple[tuple[str, ...], Entry]]], tokens: list[_Token], position: int
) -> tuple[int, Entry] | None:
    for keys, entry in index.get(tokens[position].key, ()):
        window = tokens[position : position + len(keys)]
        if len(window) == len(keys) and all(t.key == k for t, k in zip(window, keys, strict=True)):
            return len(keys), entry
    return None
