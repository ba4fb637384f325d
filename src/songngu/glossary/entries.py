"""Glossary entries: the row types, one :class:`Entry`, validity dates (the bottom layer).

The schema is documented for editors in ``glossary/README.md``; the matching rules in
``docs/design/glossary.md``.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from songngu.vietnamese import strip_diacritics

#: Every ``type`` a row may have, with what it holds (``glossary/README.md`` has examples).
TYPES = {
    "ministry": "ministries and ministerial-level agencies",
    "agency": "other state bodies",
    "party-body": "Communist Party of Viet Nam bodies",
    "title": "offices and titles, state and Party",
    "rank": "military and police ranks",
    "province": "provincial-level units by their bare name",
    "city": "centrally-run cities by their bare name",
    "place": "other places",
    "country": "foreign countries: proper names, reported as names (no official terms)",
    "region": "regions of Viet Nam, oceans and seas: geographic names, reported as names",
    "organisation": "mass organisations and other named bodies",
    "international": "international organisations: proper names, reported as names",
    "name": "personal names",
    "abbreviation": "a Vietnamese abbreviation and its full Vietnamese form",
    "pattern": "a composed title or name with slots",
    "other": "anything else",
}
#: Types whose rows are not rendered themselves: they expand text or compose other terms.
NOT_TERMS = frozenset({"abbreviation", "pattern"})
#: Types that name places: a personal name may contain one ("Nguyễn Hòa Bình").
PLACE_TYPES = frozenset({"province", "city", "place", "country", "region"})
#: Types after which a capitalised word is a personal name ("Đại tướng Tô Lâm").
TITLE_TYPES = frozenset({"title", "rank", "pattern"})
#: The ``case`` column: how a term's capitals must appear in text (see the design note).
CASE_POLICIES = ("proper", "any")
#: Types whose default case policy is ``any`` ("đại tá" is the rank in any case).
_ANY_CASE_TYPES = frozenset({"rank"})


class NameStyle(str, Enum):
    """How personal names are found and rendered (``--names``)."""

    ASCII = "ascii"
    KEEP = "keep"
    OFF = "off"


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of a glossary file."""

    vi: str
    en: str
    type: str
    source: str = ""
    valid_from: str = ""
    valid_to: str = ""
    note: str = ""
    case: str = ""
    variants: tuple[str, ...] = ()
    path: str = ""
    line: int = 0

    @property
    def case_policy(self) -> str:
        """Return the ``case`` column, or the default: ``any`` for ranks and for common nouns.

        An English rendering in lower case ("traffic police") marks a common noun, which
        Vietnamese writes in lower case too ("cảnh sát giao thông").
        """
        if self.case:
            return self.case
        is_common_noun = self.en[:1].islower() and self.type != "abbreviation"
        return "any" if self.type in _ANY_CASE_TYPES or is_common_noun else "proper"

    @property
    def is_term(self) -> bool:
        """Whether the row is rendered itself (not an abbreviation or a pattern)."""
        return self.type not in NOT_TERMS

    @property
    def location(self) -> str:
        """Return ``file:line`` for messages."""
        return f"{self.path}:{self.line}"

    def is_valid_on(self, date: str | None) -> bool:
        """Whether the entry is in force on ``date`` (ISO, possibly ``YYYY-MM``); None: today's."""
        return is_in_force(self.valid_from, self.valid_to, date)


def is_in_force(valid_from: str, valid_to: str, date: str | None) -> bool:
    """Whether a validity range covers part of ``date``; no date means "still in force"."""
    if date is None:
        return not valid_to
    day_first, day_last = date_range(date)
    starts_in_time = not valid_from or valid_from <= day_last
    ends_in_time = not valid_to or valid_to >= day_first
    return starts_in_time and ends_in_time


def fold(text: str) -> str:
    """Return ``text`` for lenient lookups: no accents, no case, single spaces."""
    return " ".join(strip_diacritics(text).casefold().split())


def date_range(date: str) -> tuple[str, str]:
    """Return the first and last day a partial ISO date can mean (``2024-03`` → 03-01..03-31)."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{date}-01-01", f"{date}-12-31"
    if len(parts) == 2:
        return f"{date}-01", f"{date}-31"
    return date, date
