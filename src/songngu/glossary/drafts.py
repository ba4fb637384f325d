"""English drafts for proposed units: the glossary type, the English, and how it was built.

The matcher composes a unit's English from the rows it knows (a title, a body, a place), in the
order official usage writes it (``units.py``, ``compose.py``) and in the house style
(``styles.py``). A proposal takes that English as a *draft* and says how sure it is:

- ``known: glossary row``: the unit is one row of the vocabulary, only missing from the glossary
  in use;
- ``composed: all parts known``: every part (title, body, place) is a row;
- ``partial: name transliterated``: a local name (``xã Tả Van``, ``Huyện ủy Bát Xát``) is
  written without diacritics by rule (glossary-units.md §2), the rest is known;
- ``none``: no part is known; the target stays empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from songngu.glossary.entries import PLACE_TYPES, Entry
from songngu.glossary.localities import LEVELS
from songngu.glossary.slots import LOCAL_SLOT, PLACE_NAME_SLOT, slots_of
from songngu.glossary.tokens import phrase_keys, phrase_list
from songngu.glossary.units import UNIT_TYPE
from songngu.model import TermMatch, TermPart

__all__ = ["COMPOSED", "KNOWN", "NONE", "TITLE_ONLY", "TRANSLITERATED", "Draft", "Drafter"]

KNOWN = "known: glossary row"
COMPOSED = "composed: all parts known"
TRANSLITERATED = "partial: name transliterated"
TITLE_ONLY = "partial: title known, body unknown"
NONE = "none"
# Matches that are never proposed: people, places by name, abbreviation rows, and the rows of
# type other (look-alikes kept apart: "Chủ tịch Hồ Chí Minh" is the person, glossary-units §5).
_NOT_UNITS = frozenset({"name", "abbreviation", "other", *PLACE_TYPES})
_BODY_TYPES = ("ministry", "agency", "party-body", "organisation")
# Words that begin a title (as units.py reads them): "Chủ tịch UBND xã X" is a title.
# "Tổng" alone would make "Tổng công ty …" a title: the "Tổng" titles are listed one by one.
_TITLE_HEADS = phrase_list(
    "Chủ tịch", "Phó", "Bí thư", "Giám đốc", "Trưởng", "Chánh", "Ủy viên", "Tư lệnh",
    "Chính ủy", "Viện trưởng", "Chủ nhiệm", "Thứ trưởng", "Bộ trưởng", "Thủ tướng", "Đại biểu",
    "Cục trưởng", "Vụ trưởng", "Thống đốc", "Chỉ huy", "Trợ lý", "Thư ký", "Tổng Bí thư",
    "Tổng Giám đốc", "Tổng Thư ký", "Tổng Kiểm toán", "Tổng Thanh tra", "Tổng Tham mưu trưởng",
    "Tổng cục trưởng", "Hiệu trưởng", "Kiểm sát viên", "Chi cục trưởng", "Đồn trưởng",
    "Thủ trưởng",
)  # fmt: skip
_PARTY_HEADS = phrase_list(
    "Đảng", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Quận ủy", "Ban cán sự", "Chi bộ"
)  # fmt: skip
_LEVEL_STARTS = frozenset(phrase[0] for phrase in phrase_list(*LEVELS, "tỉnh"))
((_PROVINCE_LEVEL,),) = phrase_list("tỉnh")


@dataclass(frozen=True, slots=True)
class Draft:
    """A proposal's glossary type, draft English (empty when none) and how it was built."""

    target: str = ""
    type: str = "other"
    confidence: str = NONE


class Drafter:
    """Turns matches of the vocabulary into drafts, knowing which rows are open patterns."""

    def __init__(self, entries: tuple[Entry, ...]) -> None:
        """Index the pattern rows of ``entries`` by ``file:line`` (what a match points to)."""
        self._patterns = {entry.location: entry for entry in entries if entry.type == "pattern"}
        self._countries = frozenset(entry.location for entry in entries if entry.type == "country")

    def is_country(self, term: TermMatch) -> bool:
        """Whether a match is a foreign country: a body named with it is that country's."""
        return term.entry in self._countries

    def draft(self, term: TermMatch) -> Draft | None:
        """Return the draft of a matched unit, or None when the match is no unit to propose.

        People, places by their name (``tỉnh Lào Cai``, ``TP.HCM``) and abbreviations are not
        proposed; a local unit (``xã Tả Van``) is, as a ``place``.
        """
        if term.type in _NOT_UNITS or self._is_named_place(term):
            return None
        return Draft(term.target, self._type_of(term), self._confidence(term))

    def unknown(self, source: str) -> Draft:
        """Return the draft of a unit none of whose parts is known: no English, a type guess."""
        if _starts_with_title(source):
            return Draft(type="title")
        keys = phrase_keys(source)
        party = any(keys[: len(phrase)] == phrase for phrase in _PARTY_HEADS)
        return Draft(type="party-body" if party else "agency")

    def _confidence(self, term: TermMatch) -> str:
        if term.type not in ("pattern", UNIT_TYPE):
            return KNOWN
        if self._is_open(term.entry) or any(_is_local(part) for part in term.parts):
            return TRANSLITERATED
        return COMPOSED

    def _is_open(self, location: str) -> bool:
        """Whether a pattern row fills a slot by rule from the text (a local name)."""
        pattern = self._patterns.get(location)
        slots = slots_of(pattern.vi) if pattern else []
        return LOCAL_SLOT in slots or PLACE_NAME_SLOT in slots

    def _is_named_place(self, term: TermMatch) -> bool:
        """A province or city with its level word ("tỉnh Lào Cai"): a place, known by name."""
        pattern = self._patterns.get(term.entry)
        if term.type != "pattern" or pattern is None:
            return False
        slots = slots_of(pattern.vi)
        return bool(slots) and all(slot in PLACE_TYPES for slot in slots) and _is_place(term)

    def _type_of(self, term: TermMatch) -> str:
        """Return the glossary type a row for this unit takes."""
        if term.type not in ("pattern", UNIT_TYPE):
            return term.type
        if _starts_with_title(term.source):
            return "title"
        if _is_place(term):
            return "place"
        bodies = [part.type for part in term.parts if part.type in _BODY_TYPES]
        if bodies:
            return bodies[0]
        return "party-body" if "Party" in term.target else "agency"


def _is_local(part: TermPart) -> bool:
    keys = phrase_keys(part.source)
    return (
        part.type == "pattern"
        and bool(keys)
        and keys[0] in _LEVEL_STARTS
        and keys[0] != _PROVINCE_LEVEL
    )


def _is_place(term: TermMatch) -> bool:
    keys = phrase_keys(term.source)
    words = [word for word in term.target.split() if not word.isdigit()]
    english = words[-1] if words else ""
    return bool(keys) and keys[0] in _LEVEL_STARTS and english in {*LEVELS.values(), "Province"}


def _starts_with_title(source: str) -> bool:
    keys = phrase_keys(source)
    return any(keys[: len(phrase)] == phrase for phrase in _TITLE_HEADS)
