"""Article structure for plain text: paragraphs on blank lines, and the kind of each block."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from songngu.model import BlockKind

_PARAGRAPH = re.compile(r"\S(?:.*?\S)??(?=\s*(?:\n[ \t\r\f\v]*\n|\Z))", re.DOTALL)


@dataclass(frozen=True, slots=True)
class BlockSpan:
    """A block found in the text, before it gets an id: kind and offsets."""

    kind: BlockKind
    start: int
    end: int
    level: int = 0


def iter_block_spans(text: str) -> Iterator[BlockSpan]:
    """Yield the paragraphs of ``text`` (separated by blank lines) as paragraph blocks."""
    for match in _PARAGRAPH.finditer(text):
        yield BlockSpan(BlockKind.PARAGRAPH, match.start(), match.end())


# A scraper's leading marker ("date 2024-03") or a Vietnamese date near the top of the article.
_DATE_MARKER = re.compile(r"\A\s*date\s+(\d{4}-\d{2}(?:-\d{2})?)\b", re.IGNORECASE)
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
_DATE_SEARCH_WINDOW = 400


def find_article_date(text: str) -> str | None:
    """Return the article's date as ISO ``YYYY-MM`` or ``YYYY-MM-DD`` if its top gives one."""
    marker = _DATE_MARKER.match(text)
    if marker:
        return marker.group(1)
    numeric = _NUMERIC_DATE.search(text[:_DATE_SEARCH_WINDOW])
    if numeric:
        day, month, year = (int(part) for part in numeric.groups())
        if 1 <= day <= 31 and 1 <= month <= 12:
            return f"{year:04d}-{month:02d}-{day:02d}"
    return None
