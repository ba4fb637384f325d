"""Markdown articles: ATX headings, list items, tables and paragraphs become blocks.

Markup (``#``, ``-``, ``1.``, ``|``) stays in ``Document.text`` but outside the blocks, so
offsets still point into the text as read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from songngu.model import BlockKind, Document, DocumentMeta
from songngu.readers import build_document
from songngu.segmenter.structure import BlockSpan

_HEADING = re.compile(r"[ ]{0,3}(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_LIST_ITEM = re.compile(r"([ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(\S.*?)[ \t]*$")
_TABLE_ROW = re.compile(r"[ \t]*\|.*\|[ \t]*$")
_TABLE_RULE = re.compile(r"[ \t]*\|?[ \t:|-]+\|?[ \t]*$")
_FENCE = re.compile(r"[ ]{0,3}(```|~~~)")


def parse_markdown(text: str, meta: DocumentMeta) -> Document:
    """Build a Document from Markdown; the first level-1 heading is the headline."""
    return build_document(text, _iter_spans(text), meta)


def _iter_lines(text: str) -> Iterator[tuple[int, str]]:
    offset = 0
    for line in text.splitlines(keepends=True):
        yield offset, line.rstrip("\r\n")
        offset += len(line)


def _iter_spans(text: str) -> Iterator[BlockSpan]:
    paragraph: list[tuple[int, str]] = []
    fence: list[tuple[int, str]] = []
    seen_headline = False
    for offset, line in _iter_lines(text):
        if fence or _FENCE.match(line):
            # Code is carried over untranslated, as metadata, so nothing is lost.
            yield from _flush(paragraph)
            fence.append((offset, line))
            if len(fence) > 1 and _FENCE.match(line):
                yield from _flush(fence, BlockKind.META)
            continue
        special = list(_special_spans(offset, line, seen_headline))
        if special or not line.strip():
            yield from _flush(paragraph)
            seen_headline = seen_headline or any(s.kind is BlockKind.HEADLINE for s in special)
            yield from special
        else:
            paragraph.append((offset, line))
    yield from _flush(paragraph)
    yield from _flush(fence, BlockKind.META)


def _special_spans(offset: int, line: str, seen_headline: bool) -> Iterator[BlockSpan]:
    heading = _HEADING.match(line)
    if heading:
        level = len(heading.group(1))
        is_headline = level == 1 and not seen_headline
        kind = BlockKind.HEADLINE if is_headline else BlockKind.HEADING
        if heading.group(2):
            yield BlockSpan(kind, offset + heading.start(2), offset + heading.end(2), level)
        return
    item = _LIST_ITEM.match(line)
    if item:
        depth = len(item.group(1).expandtabs(4)) // 2
        yield BlockSpan(BlockKind.LIST_ITEM, offset + item.start(2), offset + item.end(2), depth)
        return
    if _TABLE_ROW.match(line):
        if not _TABLE_RULE.match(line):
            yield from _table_cells(offset, line)
        return


def _table_cells(offset: int, line: str) -> Iterator[BlockSpan]:
    for cell in re.finditer(r"(?<=\|)[^|]*(?=\|)", line):
        stripped = cell.group().strip()
        if stripped:
            start = offset + cell.start() + cell.group().index(stripped)
            yield BlockSpan(BlockKind.TABLE_CELL, start, start + len(stripped))


def _flush(
    paragraph: list[tuple[int, str]], kind: BlockKind = BlockKind.PARAGRAPH
) -> Iterator[BlockSpan]:
    if paragraph:
        first_offset, first_line = paragraph[0]
        last_offset, last_line = paragraph[-1]
        start = first_offset + len(first_line) - len(first_line.lstrip())
        end = last_offset + len(last_line.rstrip())
        if end > start:
            yield BlockSpan(kind, start, end)
    paragraph.clear()
