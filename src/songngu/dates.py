"""Dates as written in Vietnamese and in English, for the QA checks.

Vietnamese writes day before month: ``25/11/2026``, ``25/11``, ``ngày 25 tháng 11 năm 2026``,
``tháng 11/2026``. English news writes ``November 25, 2026``, ``25 November 2026``, ``Nov. 25``
or keeps the numbers (``25/11/2026``, American ``11/25/2026``, ISO ``2026-11-25``). A numeric
date whose day could be a month yields both readings.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

__all__ = ["DateMention", "find_english_dates", "find_vietnamese_dates"]

_MONTHS = (  # noqa: SIM905 - a word list reads best as words
    "january february march april may june july august september october november december"
).split()
_MONTH_NAME = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d)"
_YEAR = r"(?P<year>\d{4})(?!\d)"
# "12/3" alone may be a fraction ("1/3 dân số"); it is a date after a word that announces one:
# "Chiều 12/3", "ngày 21/11", "từ 15 giờ ngày 21/11", "(22/11)".
_DAY_MONTH = re.compile(r"(?<![\d/.,])(?P<day>\d{1,2})/(?P<month>\d{1,2})(?![\d/])")
_DATE_CUE = re.compile(
    r"(?:\b(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|khuya|từ|đến|tới|đầu|cuối|nay|qua)|[(,–-])\s*\Z",
    re.IGNORECASE,
)
_VIETNAMESE_PATTERNS = (
    re.compile(
        r"ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})(?:\s+năm\s+(?P<year>\d{4}))?",
        re.IGNORECASE,
    ),
    re.compile(r"(?<![\d/.])(?P<day>\d{1,2})([/.-])(?P<month>\d{1,2})\2(?P<year>\d{4})(?!\d)"),
    re.compile(r"tháng\s+(?P<month>\d{1,2})(?:/|\s+năm\s+)(?P<year>\d{4})(?!\d)", re.IGNORECASE),
    _DAY_MONTH,
    re.compile(r"tháng\s+(?P<month>\d{1,2})(?![\d/,.]\d)", re.IGNORECASE),
)
_ENGLISH_PATTERNS = (
    re.compile(rf"\b{_MONTH_NAME}\s+{_DAY}(?:,?\s+{_YEAR})?"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH_NAME}(?:,?\s+{_YEAR})?"),
    re.compile(rf"\b{_MONTH_NAME},?\s+{_YEAR}"),
    re.compile(rf"\b{_MONTH_NAME}(?![\w-])"),
)
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})(?!\d)")
_NUMERIC = re.compile(
    r"(?<![\d/.])(?P<first>\d{1,2})([/.-])(?P<second>\d{1,2})(?:\2(?P<year>\d{4}))?(?![\d/])"
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date as written; the parts the text leaves out are None."""

    text: str
    start: int
    end: int
    year: int | None
    month: int | None
    day: int | None

    @property
    def label(self) -> str:
        """Return the date as an editor reads it (``25/11/2026``, ``11/2026``, ``month 11``)."""
        if self.day is not None:
            year = f"/{self.year}" if self.year else ""
            return f"{self.day}/{self.month}{year}"
        return f"{self.month}/{self.year}" if self.year else f"month {self.month}"

    def is_found_in(self, others: Iterable[DateMention]) -> bool:
        """Whether some mention in ``others`` gives every part this one gives, equally."""
        mine = (self.year, self.month, self.day)
        return any(
            all(
                part is None or part == theirs
                for part, theirs in zip(mine, other.parts(), strict=True)
            )
            for other in others
        )

    def parts(self) -> tuple[int | None, int | None, int | None]:
        """Return ``(year, month, day)``."""
        return self.year, self.month, self.day


def find_vietnamese_dates(text: str) -> list[DateMention]:
    """Return the dates of Vietnamese text, longest forms first, without overlaps."""
    return _non_overlapping(
        _mention(match, _number(match, "month"))
        for pattern in _VIETNAMESE_PATTERNS
        for match in pattern.finditer(text)
        if pattern is not _DAY_MONTH or _DATE_CUE.search(text, 0, match.start())
    )


def find_english_dates(text: str) -> list[DateMention]:
    """Return every reading of every date in English text (``5/11`` gives two)."""
    named = [
        _mention(match, _MONTHS.index(_month_key(match.group("month"))) + 1)
        for pattern in _ENGLISH_PATTERNS
        for match in pattern.finditer(text)
    ]
    iso = [_mention(match, _number(match, "month")) for match in _ISO.finditer(text)]
    return [mention for mention in [*named, *iso, *_numeric_readings(text)] if _is_valid(mention)]


def _numeric_readings(text: str) -> Iterator[DateMention]:
    for match in _NUMERIC.finditer(text):
        first, second = int(match.group("first")), int(match.group("second"))
        year = _number(match, "year")
        for day, month in ((first, second), (second, first)):
            yield DateMention(match.group(), match.start(), match.end(), year, month, day)


def _mention(match: re.Match[str], month: int | None) -> DateMention:
    return DateMention(
        match.group(),
        match.start(),
        match.end(),
        _number(match, "year"),
        month,
        _number(match, "day"),
    )


def _number(match: re.Match[str], name: str) -> int | None:
    value = match.groupdict().get(name)
    return int(value) if value else None


def _month_key(name: str) -> str:
    prefix = name.rstrip(".").casefold()[:3]
    return next(month for month in _MONTHS if month.startswith(prefix))


def _is_valid(mention: DateMention) -> bool:
    month_ok = mention.month is None or 1 <= mention.month <= 12
    day_ok = mention.day is None or 1 <= mention.day <= 31
    return month_ok and day_ok


def _non_overlapping(mentions: Iterable[DateMention]) -> list[DateMention]:
    kept: list[DateMention] = []
    for mention in mentions:
        overlaps = any(mention.start < other.end and other.start < mention.end for other in kept)
        if _is_valid(mention) and not overlaps:
            kept.append(mention)
    return sorted(kept, key=lambda mention: mention.start)
