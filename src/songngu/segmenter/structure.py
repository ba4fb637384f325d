"""Article structure for plain text: which spans are blocks, and the kind of each.

Paragraphs are separated by blank lines (C6); inside a paragraph every line break is a sentence
boundary and the paragraph stays one block. Two exceptions cut a paragraph into blocks at a
line break or a marker, never inside a sentence: a scraped article with one paragraph per line
(no blank lines, long lines), and a leading ``date 2024-03`` marker or a trailing byline line.
The kinds are decided in ``kinds.py``. See ``docs/design/segmenter.md``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from songngu.model import BlockKind, CellPosition, Mark
from songngu.segmenter.dates import DATE_MARKER, find_article_date
from songngu.segmenter.kinds import Piece, classify_pieces, is_byline_text

__all__ = ["BlockSpan", "find_article_date", "iter_block_spans"]

# One paragraph per line (baomoi: headline, sapo, body): the paragraph is long, one line at
# least is a multi-sentence paragraph, and the lines are long on average (a list is not).
_LINE_MODE_MIN_LINES = 3
_LINE_MODE_MIN_CHARACTERS = 1000
_LINE_MODE_LONG_LINE = 400
_LINE_MODE_MEAN_LINE = 100
_NON_SPACE = re.compile(r"\S")


@dataclass(frozen=True, slots=True)
class BlockSpan:
    """A block found in the text, before it gets an id: kind and offsets.

    Formats with their own structure (Word, Markdown) add inline ``marks`` (offsets into the
    whole text) and a table ``cell`` position.
    """

    kind: BlockKind
    start: int
    end: int
    level: int = 0
    marks: tuple[Mark, ...] = ()
    cell: CellPosition | None = None


def iter_block_spans(text: str) -> Iterator[BlockSpan]:
    """Yield the blocks of a plain-text article with their kinds, in reading order."""
    pieces: list[Piece] = []
    for paragraph in _iter_paragraphs(text):
        lines = _trimmed_lines(text, paragraph)
        pieces.extend(lines if _is_one_paragraph_per_line(text, lines) else [paragraph])
    pieces = _split_trailing_byline(text, _split_leading_marker(text, pieces))
    for piece, kind in zip(pieces, classify_pieces(text, pieces), strict=True):
        yield BlockSpan(kind, piece.start, piece.end)


def _iter_lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of every line, without its line break."""
    offset = 0
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        yield offset, offset + len(content)
        offset += len(line)


def _iter_paragraphs(text: str) -> Iterator[Piece]:
    """Yield the runs of non-blank lines, trimmed of outer whitespace."""
    start: int | None = None
    end = 0
    for line_start, line_end in _iter_lines(text):
        if text[line_start:line_end].strip():
            start = line_start if start is None else start
            end = line_end
        elif start is not None:
            yield _trim(text, start, end)
            start = None
    if start is not None:
        yield _trim(text, start, end)


def _trim(text: str, start: int, end: int) -> Piece:
    stripped = text[start:end]
    left = start + len(stripped) - len(stripped.lstrip())
    return Piece(left, start + len(stripped.rstrip()))


def _trimmed_lines(text: str, paragraph: Piece) -> list[Piece]:
    lines = _iter_lines(text[paragraph.start : paragraph.end])
    return [
        _trim(text, paragraph.start + start, paragraph.start + end)
        for start, end in lines
        if text[paragraph.start + start : paragraph.start + end].strip()
    ]


def _is_one_paragraph_per_line(text: str, lines: list[Piece]) -> bool:
    """Scraped layout (baomoi): no blank lines, and long lines that are paragraphs."""
    if len(lines) < _LINE_MODE_MIN_LINES:
        return False
    lengths = [len(unicodedata.normalize("NFC", text[line.start : line.end])) for line in lines]
    return (
        sum(lengths) >= _LINE_MODE_MIN_CHARACTERS
        and max(lengths) >= _LINE_MODE_LONG_LINE
        and sum(lengths) / len(lengths) >= _LINE_MODE_MEAN_LINE
    )


def _split_leading_marker(text: str, pieces: list[Piece]) -> list[Piece]:
    """Cut a scraper's leading "date 2024-03" marker off into a meta block."""
    if not pieces:
        return pieces
    first = pieces[0]
    marker = DATE_MARKER.match(text, first.start, first.end)
    if marker is None:
        return pieces
    rest = _NON_SPACE.search(text, marker.end(), first.end)
    meta = Piece(first.start, marker.end(), BlockKind.META)
    remainder = [Piece(rest.start(), first.end)] if rest else []
    return [meta, *remainder, *pieces[1:]]


def _split_trailing_byline(text: str, pieces: list[Piece]) -> list[Piece]:
    """Cut the last line of the last paragraph off into its own block when it is a byline."""
    if not pieces or pieces[-1].kind is not None:
        return pieces
    lines = _trimmed_lines(text, pieces[-1])
    if len(lines) < 2 or not is_byline_text(text[lines[-1].start : lines[-1].end], is_last=True):
        return pieces
    body = Piece(pieces[-1].start, lines[-2].end)
    return [*pieces[:-1], body, Piece(lines[-1].start, lines[-1].end, BlockKind.BYLINE)]
