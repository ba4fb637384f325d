"""Tenure and congress numbers: ``khóa XV``, ``lần thứ 19``, ``Đại hội XIV`` → *15th*, *19th*.

Official names number a congress or a tenure in Roman or Arabic numerals; English puts the
ordinal first (*19th Nghe An Provincial Party Congress*, *15th National Assembly*;
``../shared/reference/glossary-units.md`` §3). The matcher fills ``{ordinal}`` slots with these.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from songngu.glossary.tokens import Token

__all__ = [
    "find_number",
    "find_ordinal",
    "ordinal_of",
    "render_number",
    "render_ordinal",
    "roman_or_arabic",
    "roman_value",
]

_ROMAN = re.compile(r"^(L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50}
#: Congresses and tenures run to a few dozen; a larger number is something else (a year).
_MAX_ORDINAL = 60
# Units numbered in Arabic go to hundreds (hospitals, divisions, regional tax offices).
_MAX_UNIT_DIGITS = 3


def roman_value(text: str) -> int | None:
    """Return the value of an upper-case Roman numeral up to 89 (``XIV`` → 14), or None."""
    if not text or not _ROMAN.match(text):
        return None
    values = [_ROMAN_VALUES[char] for char in text]
    return sum(
        -value if index + 1 < len(values) and value < values[index + 1] else value
        for index, value in enumerate(values)
    )


def find_ordinal(tokens: Sequence[Token], position: int) -> int | None:
    """Return ``position + 1`` when the token there is a tenure or congress number."""
    return position + 1 if _value(tokens[position].text) is not None else None


def find_number(tokens: Sequence[Token], position: int) -> int | None:
    """Return ``position + 1`` when the token there numbers a unit.

    A tenure number, or up to three digits ("Bệnh viện Quân y 175", "Sư đoàn 324"); four
    digits are a year.
    """
    text = tokens[position].text
    if _value(text) is not None or (text.isdigit() and len(text) <= _MAX_UNIT_DIGITS):
        return position + 1
    return None


def render_ordinal(tokens: Sequence[Token]) -> str:
    """Return the English ordinal of the number token (``XIX`` → ``19th``)."""
    return ordinal_of(_value(tokens[0].text) or 0)


def render_number(tokens: Sequence[Token]) -> str:
    """Return the number token as written, for names that keep it a number (*Region 9*, *XVII*)."""
    return tokens[0].text


def ordinal_of(value: int) -> str:
    """Return ``value`` as an English ordinal (``19`` → ``19th``, ``22`` → ``22nd``)."""
    if value % 100 in (11, 12, 13):
        return f"{value}th"
    return f"{value}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(value % 10, 'th') }"


def roman_or_arabic(text: str) -> int | None:
    """Return the value of a tenure or congress number (``XVII`` → 17, ``18`` → 18), or None."""
    return _value(text)


def _value(text: str) -> int | None:
    value = int(text) if text.isdigit() else roman_value(text)
    return value if value is not None and 0 < value <= _MAX_ORDINAL else None
