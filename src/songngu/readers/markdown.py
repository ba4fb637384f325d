"""Markdown articles read through markdown-it-py (CommonMark plus GFM tables).

Blocks get the same structure as from Word: headings (the first level-1 heading is the
headline), paragraphs, list items (with their nesting level) and table cells (with their row
and column); emphasis, strong emphasis and links become marks beside the text. The model never
sees ``*``, ``_`` or ``[…](…)``: ``Document.text`` is the article's text without its markup,
as for Word. Code blocks and raw HTML are carried over untranslated (metadata). A line break
inside a paragraph stays one, as in plain text (a sentence boundary for the segmenter).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from markdown_it import MarkdownIt
from markdown_it.token import Token

from songngu.model import BlockKind, CellPosition, Document, DocumentMeta, MarkStyle
from songngu.readers import build_document
from songngu.readers.blocks import LineText, RichBlock, join_blocks, merge_marks
from songngu.segmenter.structure import BlockSpan

__all__ = ["parse_markdown", "read_markdown_text"]

_INLINE_STYLES = {"em_open": MarkStyle.ITALIC, "strong_open": MarkStyle.BOLD}
_CLOSERS = {"em_close": MarkStyle.ITALIC, "strong_close": MarkStyle.BOLD}
_LITERAL_BLOCKS = frozenset({"fence", "code_block", "html_block"})


def parse_markdown(text: str, meta: DocumentMeta) -> Document:
    """Build a Document from Markdown; the first level-1 heading is the headline."""
    article, spans = read_markdown_text(text)
    return build_document(article, spans, meta)


def read_markdown_text(text: str) -> tuple[str, tuple[BlockSpan, ...]]:
    """Return the article text without its markup, and its block spans (with marks, cells)."""
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    article, spans, _ = join_blocks(_Walk().blocks(tokens))
    return article, spans


@dataclass
class _Walk:
    """Where the walk through the block tokens is: list depth, table and cell, headline."""

    list_depth: int = 0
    num_tables: int = -1
    row: int = -1
    column: int = 0
    seen_headline: bool = False

    def blocks(self, tokens: Sequence[Token]) -> Iterator[RichBlock]:
        kind, level = BlockKind.PARAGRAPH, 0
        for token in tokens:
            self._track(token)
            if token.type == "heading_open":
                kind, level = self._heading(int(token.tag[1]))
            elif token.type == "inline":
                yield _inline_block(token.children or [], kind, level, self._cell(kind))
                kind, level = self._kind_after_inline()
            elif token.type in _LITERAL_BLOCKS:
                yield RichBlock(token.content, BlockKind.META)
            elif token.type in ("th_open", "td_open"):
                kind, level = BlockKind.TABLE_CELL, 0
            elif token.type == "list_item_open":
                kind, level = BlockKind.LIST_ITEM, self.list_depth - 1

    def _track(self, token: Token) -> None:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            self.list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            self.list_depth -= 1
        elif token.type == "table_open":
            self.num_tables, self.row = self.num_tables + 1, -1
        elif token.type == "tr_open":
            self.row, self.column = self.row + 1, 0
        elif token.type in ("th_close", "td_close"):
            self.column += 1

    def _heading(self, level: int) -> tuple[BlockKind, int]:
        if level == 1 and not self.seen_headline:
            self.seen_headline = True
            return BlockKind.HEADLINE, 1
        return BlockKind.HEADING, level

    def _cell(self, kind: BlockKind) -> CellPosition | None:
        if kind is not BlockKind.TABLE_CELL:
            return None
        return CellPosition(self.num_tables, self.row, self.column)

    def _kind_after_inline(self) -> tuple[BlockKind, int]:
        """A list item's later paragraphs are still part of the item."""
        if self.list_depth:
            return BlockKind.LIST_ITEM, self.list_depth - 1
        return BlockKind.PARAGRAPH, 0


def _inline_block(
    children: Sequence[Token], kind: BlockKind, level: int, cell: CellPosition | None
) -> RichBlock:
    line = LineText()
    styles: list[MarkStyle] = []
    urls: list[str] = []
    for child in children:
        if child.type in _INLINE_STYLES:
            styles.append(_INLINE_STYLES[child.type])
        elif child.type in _CLOSERS and _CLOSERS[child.type] in styles:
            styles.remove(_CLOSERS[child.type])
        elif child.type == "link_open":
            urls.append(str(child.attrs.get("href", "")))
        elif child.type == "link_close" and urls:
            urls.pop()
        elif child.type in ("text", "code_inline"):
            line.add(child.content, tuple(styles), urls[-1] if urls else "")
        elif child.type in ("softbreak", "hardbreak"):
            line.add("\n", tuple(styles), "")
        elif child.type == "image":
            line.add(child.content, tuple(styles), urls[-1] if urls else "")
    return RichBlock(line.text, kind, level, merge_marks(line.marks), cell)
