"""Glossary entries and the :class:`Glossary` that matches them in text."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

from songngu.model import TermMatch


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
    path: str = ""
    line: int = 0

    @property
    def location(self) -> str:
        """Return ``file:line`` for messages."""
        return f"{self.path}:{self.line}"

    def is_valid_on(self, date: str | None) -> bool:
        """Whether the entry is in force on ``date`` (ISO, possibly ``YYYY-MM``); None: today's."""
        if date is None:
            return not self.valid_to
        day_first, day_last = _date_range(date)
        starts_in_time = not self.valid_from or self.valid_from <= day_last
        ends_in_time = not self.valid_to or self.valid_to >= day_first
        return starts_in_time and ends_in_time


def _date_range(date: str) -> tuple[str, str]:
    """Return the first and last day a partial ISO date can mean (``2024-03`` → 03-01..03-31)."""
    parts = date.split("-")
    if len(parts) == 1:
        return f"{date}-01-01", f"{date}-12-31"
    if len(parts) == 2:
        return f"{date}-01", f"{date}-31"
    return date, date


@dataclass(frozen=True)
class Glossary:
    """A set of entries and what was loaded to make it (for the signature)."""

    entries: tuple[Entry, ...]
    content_hash: str = field(default="")

    @classmethod
    def from_entries(cls, entries: Sequence[Entry], contents: Sequence[bytes] = ()) -> Glossary:
        """Build a glossary; ``contents`` are the raw files, hashed for the signature."""
        digest = hashlib.sha256()
        for content in contents:
            digest.update(hashlib.sha256(content).digest())
        return cls(entries=tuple(entries), content_hash=digest.hexdigest())

    def match(self, text: str, date: str | None = None) -> list[TermMatch]:
        """Return the terms found in ``text``: longest first, non-overlapping, in text order."""
        from songngu.glossary.matching import match_terms

        return match_terms(self, text, date)

    def signature(self) -> str:
        """Return ``glossary:sha256:<first 12 hex digits>`` (``glossary:none`` when empty)."""
        if not self.entries:
            return "glossary:none"
        return f"glossary:sha256:{self.content_hash[:12]}"
