"""Which review-table rows the blocks of a document become (no python-docx here).

One row per block, except in two cases (``docs/design/formatting.md``):

- the cells of one row of a source table share one review row, side by side in each column;
- a paragraph longer than about a page is cut into rows of a few sentences each, so the two
  columns line up again every few lines instead of drifting apart over pages.

Rows never change segment ids or bookmarks, so review import pairs them as before.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from songngu.model import Block, Document, Segment

__all__ = ["RowPart", "RowPlan", "plan_rows"]

# A4 landscape, two 13 cm columns of 10 pt Arial: about 85 characters a line and 40 lines a
# page, some 3,400 characters; English runs about a fifth longer than Vietnamese. A paragraph
# over 1,800 characters or 12 sentences (over half a page of English) is cut; each row then holds
# at most 6 sentences and 900 characters (a quarter page), so the columns drift apart by a few
# lines at most before the next row lines them up again.
LONG_BLOCK_CHARACTERS = 1800
LONG_BLOCK_SENTENCES = 12
ROW_CHARACTERS = 900
ROW_SENTENCES = 6


@dataclass(frozen=True, slots=True)
class RowPart:
    """A block, or some of its sentences, written in one review row."""

    block: Block
    segments: tuple[Segment, ...]


@dataclass(frozen=True, slots=True)
class RowPlan:
    """One review row: its parts, and for a source table row the number of its columns.

    ``num_columns`` is 0 for an ordinary row; a table row's parts sit in the column of their
    cell (``Block.cell.column``).
    """

    parts: tuple[RowPart, ...]
    num_columns: int = 0


def plan_rows(document: Document) -> list[RowPlan]:
    """Return the review rows of ``document`` in reading order."""
    widths = _table_widths(document.blocks)
    rows: list[RowPlan] = []
    for group in _group_table_rows(document.blocks):
        cell = group[0].cell
        if cell is not None:
            parts = tuple(RowPart(block, block.segments) for block in group)
            rows.append(RowPlan(parts, widths[cell.table]))
        else:
            rows.extend(RowPlan((RowPart(group[0], part),)) for part in _sentence_groups(group[0]))
    return rows


def _group_table_rows(blocks: Sequence[Block]) -> Iterator[list[Block]]:
    """Yield consecutive blocks of one table row together, every other block alone."""
    group: list[Block] = []
    for block in blocks:
        key = (block.cell.table, block.cell.row) if block.cell else None
        last = group[-1].cell if group else None
        if group and (key is None or last is None or (last.table, last.row) != key):
            yield group
            group = []
        group.append(block)
    if group:
        yield group


def _table_widths(blocks: Sequence[Block]) -> dict[int, int]:
    widths: dict[int, int] = {}
    for block in blocks:
        if block.cell is not None:
            table = block.cell.table
            widths[table] = max(widths.get(table, 0), block.cell.column + 1)
    return widths


def _sentence_groups(block: Block) -> Iterator[tuple[Segment, ...]]:
    """Yield the block's sentences in rows: all at once, or a few at a time when it is long."""
    segments = block.segments
    if len(block.text) <= LONG_BLOCK_CHARACTERS and len(segments) <= LONG_BLOCK_SENTENCES:
        yield segments
        return
    group: list[Segment] = []
    size = 0
    for segment in segments:
        length = segment.end - segment.start
        if group and (len(group) == ROW_SENTENCES or size + length > ROW_CHARACTERS):
            yield tuple(group)
            group, size = [], 0
        group.append(segment)
        size += length
    if group:
        yield tuple(group)
