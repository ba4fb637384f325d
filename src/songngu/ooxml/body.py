"""The body of a WordprocessingML document as paragraphs with block kinds, in reading order.

Used by :mod:`songngu.readers.word` after it has opened the package safely. Text comes from
``w:t`` (plus tabs and breaks) of every run that is part of the visible text: tracked
deletions, moved-from text, field codes and the VML fallback copies of text boxes are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree

from songngu.model import BlockKind, CellPosition, Mark, MarkStyle
from songngu.ooxml.runs import link_target, run_styles
from songngu.ooxml.text import WRAPPERS, character_of, is_hidden, local_name
from songngu.readers.blocks import LineText, merge_marks
from songngu.readers.legacy import DECODERS, recover_font_bytes

__all__ = ["Paragraph", "Styles", "iter_paragraphs", "read_styles"]

Element = ElementTree.Element

_HEADING_NAME = re.compile(r"heading\s*(\d)")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph's (or table cell's) text and the kind of block it becomes.

    ``marks`` (bold, italic, links) have offsets into ``text``; ``cell`` is set for table cells.
    """

    text: str
    kind: BlockKind
    level: int = 0
    marks: tuple[Mark, ...] = ()
    cell: CellPosition | None = None


@dataclass(frozen=True, slots=True)
class _Style:
    name: str
    based_on: str | None
    outline_level: int | None
    font: str | None
    is_list: bool
    # Bold and italic a character style gives (Word's "Strong" and "Emphasis").
    emphasis: tuple[MarkStyle, ...] = ()


@dataclass(frozen=True, slots=True)
class Styles:
    """Paragraph and character styles by id, and the document's default font."""

    by_id: dict[str, _Style] = field(default_factory=dict)
    default_font: str | None = None

    def chain(self, style_id: str | None) -> Iterator[_Style]:
        """Yield a style and the styles it is based on, nearest first (cycles are cut)."""
        seen: set[str] = set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            yield style
            style_id = style.based_on


def read_styles(root: Element | None) -> Styles:
    """Read ``word/styles.xml`` (absent: no styles)."""
    if root is None:
        return Styles()
    w = _namespace(root)
    by_id = {
        style.get(f"{w}styleId", ""): _read_style(style, w) for style in root.iter(f"{w}style")
    }
    defaults = root.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr")
    return Styles(by_id, _font_of(defaults, w))


def iter_paragraphs(
    root: Element, styles: Styles, links: dict[str, str] | None = None
) -> Iterator[Paragraph]:
    """Yield the blocks of the document body in reading order.

    ``links`` maps the main part's relationship ids to hyperlink URLs
    (:func:`songngu.ooxml.runs.read_links`).
    """
    w = _namespace(root)
    body = root.find(f"{w}body")
    if body is not None:
        yield from _Walker(w, styles, links or {}).container(body)


class _Walker:
    """Walks containers (body, cells, text boxes, content controls) in document order."""

    def __init__(self, w: str, styles: Styles, links: dict[str, str]) -> None:
        self.w = w
        self.styles = styles
        self.links = links
        self.seen_headline = False
        self.num_tables = 0

    def container(self, element: Element) -> Iterator[Paragraph]:
        for child in element:
            local = local_name(child.tag)
            if local == "p":
                yield from self.paragraph(child)
            elif local == "tbl":
                yield from self.table(child)
            elif local in WRAPPERS:
                yield from self.container(child)

    def paragraph(self, element: Element) -> Iterator[Paragraph]:
        boxes: list[Element] = []
        line = LineText()
        self.paragraph_text(element, boxes, line)
        kind, level = self.kind_of(element)
        yield Paragraph(line.text, kind, level, merge_marks(line.marks))
        for box in boxes:
            yield from self.container(box)

    def table(self, element: Element) -> Iterator[Paragraph]:
        """Yield one block per cell, with its place; nested tables follow their cell."""
        number = self.num_tables
        self.num_tables += 1
        for row_number, row in enumerate(_children(element, f"{self.w}tr")):
            column = 0
            for cell in _children(row, f"{self.w}tc"):
                yield from self.cell(cell, CellPosition(number, row_number, column))
                span = _int_or_none(_value(cell.find(f"{self.w}tcPr/{self.w}gridSpan"), self.w))
                column += span or 1

    def cell(self, cell: Element, position: CellPosition) -> Iterator[Paragraph]:
        boxes: list[Element] = []
        line = LineText()
        for number, paragraph in enumerate(_children(cell, f"{self.w}p")):
            if number:
                line.add("\n", (), "")
            self.paragraph_text(paragraph, boxes, line)
        yield Paragraph(line.text, BlockKind.TABLE_CELL, 0, merge_marks(line.marks), position)
        for nested in _children(cell, f"{self.w}tbl"):
            yield from self.table(nested)
        for box in boxes:
            yield from self.container(box)

    def paragraph_text(self, element: Element, boxes: list[Element], line: LineText) -> None:
        style_id = _value(element.find(f"{self.w}pPr/{self.w}pStyle"), self.w)
        self._collect(element, style_id, line, boxes, "")

    def kind_of(self, element: Element) -> tuple[BlockKind, int]:
        properties = element.find(f"{self.w}pPr")
        style_id = None
        if properties is not None:
            style_id = _value(properties.find(f"{self.w}pStyle"), self.w)
        chain = list(self.styles.chain(style_id))
        name = chain[0].name if chain else ""
        outline = _outline_level(properties, chain, self.w)
        if name in ("title", "heading 1") or outline == 0:
            is_headline = not self.seen_headline
            self.seen_headline = True
            return (BlockKind.HEADLINE, 1) if is_headline else (BlockKind.HEADING, 1)
        if outline is not None:
            return BlockKind.HEADING, outline + 1
        if name == "subtitle":
            return BlockKind.LEAD, 0
        if name == "caption":
            return BlockKind.CAPTION, 0
        return self._list_kind(properties, chain)

    def _list_kind(self, properties: Element | None, chain: list[_Style]) -> tuple[BlockKind, int]:
        numbering = properties.find(f"{self.w}numPr") if properties is not None else None
        if numbering is not None or any(style.is_list for style in chain):
            level = None if numbering is None else numbering.find(f"{self.w}ilvl")
            return BlockKind.LIST_ITEM, _int_or_none(_value(level, self.w)) or 0
        return BlockKind.PARAGRAPH, 0

    def _collect(
        self, element: Element, style_id: str | None, line: LineText, boxes: list[Element], url: str
    ) -> None:
        for child in element:
            local = local_name(child.tag)
            if is_hidden(child):
                continue
            if local == "r":
                text = self._run_text(child, style_id, boxes)
                line.add(text, self._emphasis(child), url)
            elif local == "txbxContent":
                boxes.append(child)
            elif local == "hyperlink":
                self._collect(child, style_id, line, boxes, link_target(child, self.links) or url)
            elif local != "p":
                self._collect(child, style_id, line, boxes, url)

    def _emphasis(self, run: Element) -> tuple[MarkStyle, ...]:
        """Return the run's direct bold and italic, and those of its character style."""
        character_style = _value(run.find(f"{self.w}rPr/{self.w}rStyle"), self.w)
        inherited = [s for style in self.styles.chain(character_style) for s in style.emphasis]
        return tuple(dict.fromkeys([*run_styles(run, self.w), *inherited]))

    def _run_text(self, run: Element, style_id: str | None, boxes: list[Element]) -> str:
        pieces: list[str] = []
        for child in run:
            character = character_of(child)
            if character is not None:
                pieces.append(character)
            elif local_name(child.tag) in ("drawing", "pict", "AlternateContent"):
                self._collect(child, style_id, LineText(), boxes, "")
        return _convert(run, style_id, "".join(pieces), self.styles, self.w)


def _convert(run: Element, style_id: str | None, text: str, styles: Styles, w: str) -> str:
    """Convert the text of a run typed in a legacy Vietnamese font to Unicode."""
    font = _font_of(run.find(f"{w}rPr"), w) or _style_font(run, style_id, styles, w)
    encoding = _legacy_encoding(font)
    raw = recover_font_bytes(text) if encoding and not text.isascii() else None
    if encoding is None or raw is None:
        return text
    converted = DECODERS[encoding](raw)
    return converted.upper() if _is_capital_font(font) else converted


def _style_font(run: Element, paragraph_style: str | None, styles: Styles, w: str) -> str | None:
    character_style = _value(run.find(f"{w}rPr/{w}rStyle"), w)
    for style_id in (character_style, paragraph_style):
        for style in styles.chain(style_id):
            if style.font:
                return style.font
    return styles.default_font


def _read_style(style: Element, w: str) -> _Style:
    name = (_value(style.find(f"{w}name"), w) or "").casefold()
    heading = _HEADING_NAME.fullmatch(name)
    outline_text = _value(style.find(f"{w}pPr/{w}outlineLvl"), w)
    outline = int(heading.group(1)) - 1 if heading else _int_or_none(outline_text)
    return _Style(
        name=name,
        based_on=_value(style.find(f"{w}basedOn"), w),
        outline_level=outline,
        font=_font_of(style.find(f"{w}rPr"), w),
        is_list=name.startswith("list") or style.find(f"{w}pPr/{w}numPr") is not None,
        emphasis=run_styles(style, w) if style.get(f"{w}type") == "character" else (),
    )


def _outline_level(properties: Element | None, chain: list[_Style], w: str) -> int | None:
    if properties is not None:
        direct = _int_or_none(_value(properties.find(f"{w}outlineLvl"), w))
        if direct is not None:
            return direct if direct < 9 else None
    for style in chain:
        if style.outline_level is not None:
            return style.outline_level if style.outline_level < 9 else None
    return None


def _font_of(properties: Element | None, w: str) -> str | None:
    if properties is None:
        return None
    fonts = properties.find(f"{w}rFonts")
    if fonts is None:
        return None
    return fonts.get(f"{w}ascii") or fonts.get(f"{w}hAnsi")


def _legacy_encoding(font: str | None) -> str | None:
    """TCVN3 fonts are named ``.VnTime``, ``.VnArial``…; VNI fonts ``VNI-Times``, ``VNI-Helve``."""
    name = (font or "").casefold()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith("vni-") or name.startswith("vni "):
        return "vni"
    return None


def _is_capital_font(font: str | None) -> bool:
    """TCVN3 fonts ending in H (``.VnTimeH``) draw every letter as a capital."""
    name = font or ""
    return name.casefold().startswith(".vn") and name.endswith("H")


def _children(element: Element, tag: str) -> Iterator[Element]:
    """Yield the children named ``tag``, also those wrapped in content controls."""
    for child in element:
        if child.tag == tag:
            yield child
        elif local_name(child.tag) in WRAPPERS:
            yield from _children(child, tag)


def _namespace(element: Element) -> str:
    return element.tag[: element.tag.index("}") + 1] if element.tag.startswith("{") else ""


def _value(element: Element | None, w: str) -> str | None:
    return element.get(f"{w}val") if element is not None else None


def _int_or_none(text: str | None) -> int | None:
    return int(text) if text and text.isdigit() else None
