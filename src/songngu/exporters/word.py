"""Word export: a side-by-side table (Tiếng Việt | English), one row per block.

The only module in songngu that imports python-docx. Each sentence in both columns sits inside
a bookmark named after its segment id (``sn_b3_s2``), so rows and sentences are paired by id,
never by position, when the file is read back.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from songngu.errors import InputError
from songngu.exporters import SegmentPair
from songngu.model import Block, BlockKind, Document, Segment

HEADER = ("Tiếng Việt", "English")
BOOKMARK_PREFIX = "sn_"
# XML 1.0 cannot hold these; Word refuses files that contain them.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def sanitize_text(text: str) -> str:
    """Return ``text`` without the control characters a Word file cannot hold."""
    return _XML_ILLEGAL.sub("", text)


def write_docx(document: Document, path: Path) -> None:
    """Write the side-by-side review table of ``document`` to ``path``."""
    word = docx.Document()
    _set_page(word)
    _set_properties(word, document)
    word.add_heading(sanitize_text(_title(document)), level=1)
    word.add_paragraph(sanitize_text(_meta_line(document))).runs[0].font.size = Pt(8)
    table = word.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    _fill_header(table.rows[0])
    bookmark_ids = iter(range(1, 10**9))
    for block in document.blocks:
        cells = table.add_row().cells
        _fill_cell(cells[0], block, lambda segment: segment.source, bookmark_ids)
        _fill_cell(cells[1], block, lambda segment: segment.target or "", bookmark_ids)
    word.save(str(path))


def read_docx_pairs(path: Path) -> list[SegmentPair]:
    """Read segment ids, sources and targets back from the first table of a review file."""
    table = _open(path).tables[0]
    pairs: list[SegmentPair] = []
    for row in table.rows[1:]:
        sources = dict(_iter_bookmarked_texts(row.cells[0]._tc))
        targets = dict(_iter_bookmarked_texts(row.cells[1]._tc))
        pairs.extend(SegmentPair(id_, text, targets.get(id_, "")) for id_, text in sources.items())
    return pairs


def _open(path: Path) -> Any:
    try:
        return docx.Document(str(path))
    except (ValueError, KeyError, OSError) as error:
        raise InputError(f"{path}: not a readable Word file ({error}).") from error


def _set_page(word: Any) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))


def _set_properties(word: Any, document: Document) -> None:
    properties = word.core_properties
    properties.title = sanitize_text(_title(document))[:255]
    properties.subject = "Tiếng Việt → English"
    properties.comments = sanitize_text(document.meta.signature)
    properties.author = "songngu"


def _title(document: Document) -> str:
    for block in document.blocks:
        if block.kind is BlockKind.HEADLINE:
            return block.text
    return document.meta.title or Path(document.meta.source_path).name


def _meta_line(document: Document) -> str:
    meta = document.meta
    parts = [f"Source: {meta.source_path}"]
    if meta.date:
        parts.append(f"Date: {meta.date}")
    parts.append(meta.signature)
    return " · ".join(part for part in parts if part)


def _fill_header(row: Any) -> None:
    for cell, text in zip(row.cells, HEADER, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    # Repeat the header row at the top of every page.
    header_flag = OxmlElement("w:tblHeader")
    row._tr.get_or_add_trPr().append(header_flag)


def _fill_cell(cell: Any, block: Block, text_of: Any, bookmark_ids: Iterator[int]) -> None:
    paragraph = cell.paragraphs[0]
    previous_end = None
    for segment in block.segments:
        if previous_end is not None:
            gap = block.text[previous_end - block.start : segment.start - block.start]
            separator = paragraph.add_run()
            if "\n" in gap:
                separator.add_break()
            else:
                separator.text = " "
        _add_bookmarked_run(paragraph, segment, text_of(segment), next(bookmark_ids), block.kind)
        previous_end = segment.end


def _add_bookmarked_run(
    paragraph: Any, segment: Segment, text: str, bookmark_id: int, kind: BlockKind
) -> None:
    start = OxmlElement("w:bookmarkStart")
    start.set(qn("w:id"), str(bookmark_id))
    start.set(qn("w:name"), BOOKMARK_PREFIX + segment.id.replace(".", "_"))
    paragraph._p.append(start)
    run = paragraph.add_run(sanitize_text(text))
    run.bold = kind in (BlockKind.HEADLINE, BlockKind.HEADING)
    run.italic = kind in (BlockKind.CAPTION, BlockKind.CREDIT)
    end = OxmlElement("w:bookmarkEnd")
    end.set(qn("w:id"), str(bookmark_id))
    paragraph._p.append(end)


def _iter_bookmarked_texts(cell_element: Any) -> Iterator[tuple[str, str]]:
    """Yield ``(segment id, text)`` for each bookmark in a cell, in document order."""
    current: str | None = None
    parts: list[str] = []
    for element in cell_element.iter():
        tag = element.tag
        if tag == qn("w:bookmarkStart") and element.get(qn("w:name"), "").startswith(
            BOOKMARK_PREFIX
        ):
            if current is not None:
                yield current, "".join(parts)
            current, parts = _segment_id(element.get(qn("w:name"))), []
        elif tag == qn("w:bookmarkEnd") and current is not None:
            yield current, "".join(parts)
            current, parts = None, []
        elif current is not None and tag == qn("w:t"):
            parts.append(element.text or "")
        elif current is not None and tag in (qn("w:tab"), qn("w:br")):
            parts.append("\t" if tag == qn("w:tab") else "\n")
    if current is not None:
        yield current, "".join(parts)


def _segment_id(bookmark_name: str) -> str:
    block, _, sentence = bookmark_name.removeprefix(BOOKMARK_PREFIX).partition("_")
    return f"{block}.{sentence}"
