"""Dates at the top of an article: the scraper's marker, datelines, and the ISO date they give.

The date reaches ``DocumentMeta.date``, which the glossary uses to pick the terms in force.
Recognised: "date 2024-03" (scraper marker), "12/3/2024", "12-3-2024", "12.3.2024",
"ngày 12 tháng 3 năm 2024", "2024-03-12".
"""

from __future__ import annotations

import datetime
import re

#: A scraper's leading marker, glued to the first paragraph: "date 2024-03 Tại buổi làm việc…".
DATE_MARKER = re.compile(r"date:?[ \t]+(\d{4}-\d{2}(?:-\d{2})?)(?=\s|\Z)", re.IGNORECASE)

_NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?![\d/.-]?\d)")
_WORDED_DATE = re.compile(r"\bngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})\b", re.I)
_ISO_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_SEARCH_WINDOW = 400
# Each pattern with the group numbers (from 0) of its year, month and day.
_PATTERNS = ((_NUMERIC_DATE, (2, 1, 0)), (_WORDED_DATE, (2, 1, 0)), (_ISO_DATE, (0, 1, 2)))


def find_article_date(text: str) -> str | None:
    """Return the article's date as ISO ``YYYY-MM`` or ``YYYY-MM-DD`` if its top gives one."""
    marker = DATE_MARKER.match(text.lstrip())
    if marker:
        return marker.group(1)
    return find_date(text[:_SEARCH_WINDOW])


def find_date(text: str) -> str | None:
    """Return the first full date in ``text`` as ISO ``YYYY-MM-DD``, or None.

    A date in brackets is not the article's: "kỷ niệm 81 năm Ngày thành lập Quân đội nhân dân
    Việt Nam (22/12/1944 – 22/12/2025), ngày 18/12/2025, …" was written on 18 December 2025.
    """
    found = [
        (match.start(), date.isoformat())
        for pattern, order in _PATTERNS
        for match in pattern.finditer(text)
        if (date := _valid_date(match, order)) is not None and not _in_brackets(text, match.start())
    ]
    return min(found)[1] if found else None


def _in_brackets(text: str, position: int) -> bool:
    before = text[:position]
    return before.rfind("(") > before.rfind(")")


def _valid_date(match: re.Match[str], order: tuple[int, int, int]) -> datetime.date | None:
    year, month, day = (int(match.group(index + 1)) for index in order)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None
