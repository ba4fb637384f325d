"""Lay out structured blocks (Word paragraphs and cells, Markdown blocks) as one article text.

Blocks are cleaned (:func:`~songngu.readers.validation.clean_text`), normalised to NFC, trimmed
and joined with a blank line; their inline marks are carried through each of those steps, so
offsets stay exact. A step that would move a mark's boundary (a combining accent typed in its
own run, after the bold run holding its letter) drops that block's marks rather than guess.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise

from songngu.model import BlockKind, CellPosition, Mark, MarkStyle
from songngu.readers.validation import Removed, clean_text
from songngu.segmenter.structure import BlockSpan
from songngu.vietnamese import normalize_nfc

__all__ = ["LineText", "RichBlock", "join_blocks", "merge_marks"]

BLOCK_SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class RichBlock:
    """A block as a structured reader finds it; ``marks`` have offsets into ``text``."""

    text: str
    kind: BlockKind
    level: int = 0
    marks: tuple[Mark, ...] = ()
    cell: CellPosition | None = None


@dataclass
class LineText:
    """A paragraph's text as it is collected, with the marks over it (offsets into the text)."""

    parts: list[str] = field(default_factory=list)
    length: int = 0
    marks: list[Mark] = field(default_factory=list)

    def add(self, text: str, styles: tuple[MarkStyle, ...], url: str) -> None:
        """Append ``text`` carrying ``styles`` (and a link to ``url`` when it is set)."""
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        if not text:
            return
        self.marks.extend(Mark(start, self.length, style) for style in styles)
        if url:
            self.marks.append(Mark(start, self.length, MarkStyle.LINK, url))

    @property
    def text(self) -> str:
        """Return the text collected so far."""
        return "".join(self.parts)


def merge_marks(marks: list[Mark]) -> tuple[Mark, ...]:
    """Join marks of one style (and URL) that touch or overlap, in order of their start."""
    merged: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.style.value, m.url, m.start)):
        last = merged[-1] if merged else None
        if last and (last.style, last.url) == (mark.style, mark.url) and mark.start <= last.end:
            merged[-1] = Mark(last.start, max(last.end, mark.end), last.style, last.url)
        else:
            merged.append(mark)
    return tuple(sorted(merged, key=lambda m: (m.start, m.end, m.style.value)))


def join_blocks(blocks: Iterable[RichBlock]) -> tuple[str, tuple[BlockSpan, ...], Removed]:
    """Return the article text, one span per non-empty block, and what cleaning removed."""
    parts: list[str] = []
    spans: list[BlockSpan] = []
    offset = 0
    removed = Removed()
    for block in blocks:
        cleaned = clean_text(block.text)
        removed += cleaned.removed
        text, marks = carry_marks(block.text, block.marks, _clean)
        text, marks = _strip(text, marks)
        if not text:
            continue
        if parts:
            parts.append(BLOCK_SEPARATOR)
            offset += len(BLOCK_SEPARATOR)
        moved = tuple(
            dataclasses.replace(m, start=m.start + offset, end=m.end + offset) for m in marks
        )
        spans.append(
            BlockSpan(block.kind, offset, offset + len(text), block.level, moved, block.cell)
        )
        parts.append(text)
        offset += len(text)
    return "".join(parts), tuple(spans), removed


def carry_marks(
    text: str, marks: tuple[Mark, ...], transform: Callable[[str], str]
) -> tuple[str, tuple[Mark, ...]]:
    """Apply ``transform`` to ``text`` and move ``marks`` with it (dropped if they cannot be)."""
    whole = transform(text)
    if not marks:
        return whole, ()
    cuts = sorted({0, len(text), *(m.start for m in marks), *(m.end for m in marks)})
    moved = {0: 0}
    length = 0
    for start, end in pairwise(cuts):
        length += len(transform(text[start:end]))
        moved[end] = length
    if length != len(whole) or "".join(transform(text[a:b]) for a, b in pairwise(cuts)) != whole:
        return whole, ()
    carried = (dataclasses.replace(m, start=moved[m.start], end=moved[m.end]) for m in marks)
    return whole, tuple(m for m in carried if m.end > m.start)


def _clean(text: str) -> str:
    return normalize_nfc(clean_text(text).text)


def _strip(text: str, marks: tuple[Mark, ...]) -> tuple[str, tuple[Mark, ...]]:
    left = len(text) - len(text.lstrip())
    stripped = text.strip()
    clipped = (
        dataclasses.replace(m, start=max(m.start - left, 0), end=min(m.end - left, len(stripped)))
        for m in marks
    )
    return stripped, tuple(m for m in clipped if m.end > m.start)
