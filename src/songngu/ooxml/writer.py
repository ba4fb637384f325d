"""Word export: the reviewer's side-by-side table (Tiếng Việt | English), one row per block.

The only module in songngu that imports python-docx. Each sentence of both columns sits inside
a bookmark named after its segment id and column (``sn_vi_b3_s2``, ``sn_en_b3_s2``), and a
manifest part records what was written, so review import pairs rows and sentences by id, never
by position. Layout, styles and the id mechanism: ``docs/design/review.md``.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import logging
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Inches, Mm, Pt, RGBColor

from songngu.approval import hint_line, provenance
from songngu.exporters import SegmentPair
from songngu.formatting import SentenceFormatting, format_sentence
from songngu.model import BlockKind, Document, Origin, Segment
from songngu.ooxml.elements import set_child, set_language, set_shading, underline
from songngu.ooxml.layout import add_hyperlink, add_links_note, add_review_row
from songngu.ooxml.manifest import NAMESPACE as MANIFEST_NAMESPACE
from songngu.ooxml.manifest import manifest_from_document, render_manifest
from songngu.ooxml.markup import (
    APPROVAL_HEADER,
    HEADER,
    HOW_TO_REVIEW,
    KIND_LOOKS,
    LINKS_NOTE_STYLE,
    MISSING_TERM_STYLE,
    QA_AUTHOR,
    QA_INITIALS,
    SOURCE_COLUMN,
    TARGET_COLUMN,
    TERM_STYLE,
    UNAPPROVED_MARK,
    Look,
    Span,
    apply_marks,
    bookmark_name,
    english_title,
    facts_line,
    source_spans,
    target_spans,
)
from songngu.ooxml.review_file import read_review_file
from songngu.ooxml.rows import RowPart, RowPlan, plan_rows
from songngu.titles import document_title
from songngu.xmltext import count_unsafe_characters, xml_safe

__all__ = ["PAPER_SIZES", "WordLayout", "read_docx_pairs", "write_docx"]

logger = logging.getLogger(__name__)

#: Landscape page sizes (width, height): a side-by-side table needs the width.
PAPER_SIZES = {"a4": (Mm(297), Mm(210)), "letter": (Inches(11), Inches(8.5))}
_MARGIN = Cm(1.5)
_FONT = "Arial"  # Full Vietnamese coverage on Windows and macOS; Liberation Sans elsewhere.
_MEMORY_SHADING = "E2EFDA"  # Pale green, after Trados' colour for exact matches.
_COPY_COLOUR = RGBColor(0x7F, 0x7F, 0x7F)
_HEADER_SHADING = "D9D9D9"
_APPROVAL_WIDTH = Cm(1.3)  # the OK column: a box or an x, and its header
_FOOTER_SIZE = Pt(7.5)
_DATASTORE = "http://schemas.openxmlformats.org/officeDocument/2006/customXml"
_CUSTOM_XML_PROPERTIES = "application/vnd.openxmlformats-officedocument.customXmlProperties+xml"


@dataclass(frozen=True, slots=True)
class WordLayout:
    """Page and language choices of the review file."""

    paper: str = "a4"
    source_language: str = "vi-VN"
    target_language: str = "en-GB"
    # Off by default: LibreOffice (7.4) shows every table cell of a file saved with Track
    # Changes on as a tracked format change; Word-only teams can switch it on.
    track_changes: bool = False


@dataclass
class _Writer:
    """One export in progress: the python-docx document and the counters it needs."""

    word: Any
    layout: WordLayout
    bookmark_ids: Iterator[int]
    num_removed: int = 0


def write_docx(document: Document, path: Path, layout: WordLayout | None = None) -> None:
    """Write the side-by-side review file of ``document`` to ``path``."""
    layout = layout or WordLayout()
    writer = _Writer(docx.Document(), layout, count(1))
    _set_page(writer.word, layout)
    _add_styles(writer.word, layout)
    front = _add_front_matter(writer, document)
    table = _add_table(writer)
    for plan in plan_rows(document):
        _add_row(writer, table, plan)
    _add_header_and_footer(writer.word, document)
    _set_properties(writer.word, document, layout)
    _add_manifest(writer.word, render_manifest(manifest_from_document(document, front)))
    if layout.track_changes:
        _track_changes(writer.word)
    _drop_thumbnail(writer.word)
    if writer.num_removed:
        logger.warning(
            "%s: removed %d control characters that a Word file cannot hold.",
            path.name,
            writer.num_removed,
        )
    writer.word.save(str(path))


def read_docx_pairs(path: Path) -> list[SegmentPair]:
    """Read segment ids, sources and targets back from the table of a review file, in order."""
    pairs: list[SegmentPair] = []
    for row in read_review_file(path).rows:
        pieces = [piece for cell in row.cells for piece in cell if piece.segment_id]
        sources = {p.segment_id: p.text for p in pieces if p.column == SOURCE_COLUMN}
        targets = {p.segment_id: p.text for p in pieces if p.column == TARGET_COLUMN}
        pairs.extend(
            SegmentPair(segment_id, text, targets.get(segment_id, ""))
            for segment_id, text in sources.items()
            if segment_id is not None
        )
    return pairs


def _set_page(word: Any, layout: WordLayout) -> None:
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = PAPER_SIZES[layout.paper]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, _MARGIN)
    section.header_distance = section.footer_distance = Cm(0.8)


def _text_width(word: Any) -> int:
    section = word.sections[0]
    return int(section.page_width - section.left_margin - section.right_margin)


def _column_width(word: Any) -> int:
    """Return the width of each text column: half of what the OK column leaves."""
    return (_text_width(word) - int(_APPROVAL_WIDTH)) // 2


def _add_styles(word: Any, layout: WordLayout) -> None:
    """Add the column base styles, one paragraph style per block kind and column, and marks."""
    styles = word.styles
    normal = styles["Normal"]
    normal.font.name, normal.font.size = _FONT, Pt(10)
    set_language(normal.element.get_or_add_rPr(), layout.target_language)
    styles["Title"].font.size, styles["Subtitle"].font.size = Pt(20), Pt(12)
    for column, language in (
        (SOURCE_COLUMN, layout.source_language),
        (TARGET_COLUMN, layout.target_language),
    ):
        base = styles.add_style(f"Review text ({column})", WD_STYLE_TYPE.PARAGRAPH)
        base.base_style = normal
        base.paragraph_format.space_after = Pt(0)
        set_language(base.element.get_or_add_rPr(), language)
        for look in dict.fromkeys(KIND_LOOKS.values()):
            _add_kind_style(styles, base, look, column)
    _add_character_styles(styles)
    note = styles.add_style(LINKS_NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles[f"Review text ({TARGET_COLUMN})"]
    note.font.size, note.font.color.rgb = Pt(8), _COPY_COLOUR
    note.paragraph_format.space_before = Pt(3)


def _add_kind_style(styles: Any, base: Any, look: Look, column: str) -> None:
    style = styles.add_style(f"{look.name} ({column})", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = base
    style.quick_style = True
    font = style.font
    font.bold, font.italic, font.small_caps = look.bold, look.italic, look.small_caps
    if look.size:
        font.size = Pt(look.size)
    if look.grey:
        font.color.rgb = _COPY_COLOUR
    if look.right_aligned:
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if look == KIND_LOOKS[BlockKind.LIST_ITEM]:
        _add_bullet(styles, style)


def _add_bullet(styles: Any, style: Any) -> None:
    """Give list items the template's bullet (its numbering draws it; it is not text)."""
    numbering = styles["List Bullet"].element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
    if numbering is not None:
        style.element.get_or_add_pPr().insert(0, copy.deepcopy(numbering))


def _add_character_styles(styles: Any) -> None:
    # A coloured dotted underline on text of normal colour: visible, yet not mistaken for a link.
    term = styles.add_style(TERM_STYLE, WD_STYLE_TYPE.CHARACTER)
    underline(term.element.get_or_add_rPr(), "dotted", "00897B")
    missing = styles.add_style(MISSING_TERM_STYLE, WD_STYLE_TYPE.CHARACTER)
    missing.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    underline(missing.element.get_or_add_rPr(), "wave", "C00000")


def _add_front_matter(writer: _Writer, document: Document) -> tuple[str, ...]:
    """Write title, English title, facts, how-to and legend; return their texts for the manifest."""
    word, layout = writer.word, writer.layout
    title = xml_safe(document_title(document))
    paragraphs = [word.add_paragraph(title, "Title")]
    set_language(paragraphs[0].runs[0]._r.get_or_add_rPr(), layout.source_language)
    english = english_title(document)
    if english:
        paragraphs.append(word.add_paragraph(xml_safe(english), "Subtitle"))
    paragraphs.append(_info(word, facts_line(document)))
    paragraphs.append(_info(word, HOW_TO_REVIEW))
    paragraphs.append(_legend(word))
    return tuple(paragraph.text for paragraph in paragraphs)


def _info(word: Any, text: str) -> Any:
    paragraph = word.add_paragraph(xml_safe(text))
    paragraph.paragraph_format.space_after = Pt(2)
    for run in paragraph.runs:
        run.font.size = Pt(8)
        run.font.color.rgb = _COPY_COLOUR
    return paragraph


def _legend(word: Any) -> Any:
    paragraph = _info(word, "Marks: ")
    samples = [
        ("glossary term", TERM_STYLE, None),
        ("glossary term whose English rendering is missing", MISSING_TERM_STYLE, None),
        ("from the translation memory, reviewed or approved", None, _MEMORY_SHADING),
    ]
    for number, (text, style, shading) in enumerate(samples):
        run = paragraph.add_run(text, style)
        run.font.size = Pt(8)
        if shading:
            set_shading(run._r.get_or_add_rPr(), shading)
        tail = paragraph.add_run(
            "; "
            if number < len(samples) - 1
            else "; QA findings, memory provenance and memory hints are comments."
        )
        tail.font.size, tail.font.color.rgb = Pt(8), _COPY_COLOUR
    paragraph.paragraph_format.space_after = Pt(8)
    return paragraph


def _add_table(writer: _Writer) -> Any:
    word = writer.word
    table = word.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    # 100 % of the text width whatever the paper; the grid below is exact for this section.
    set_child(table._tbl.tblPr, "w:tblW", {"w:w": "5000", "w:type": "pct"})
    margins = set_child(table._tbl.tblPr, "w:tblCellMar")
    for side, twips in (("top", "45"), ("left", "100"), ("bottom", "45"), ("right", "100")):
        margins.append(OxmlElement(f"w:{side}", {qn("w:w"): twips, qn("w:type"): "dxa"}))
    for column, width in zip(table.columns, _widths(word), strict=True):
        column.width = width
    _fill_header(writer, table.rows[0])
    return table


def _widths(word: Any) -> tuple[int, int, int]:
    return _column_width(word), _column_width(word), int(_APPROVAL_WIDTH)


def _fill_header(writer: _Writer, row: Any) -> None:
    target = writer.layout.target_language
    languages = (writer.layout.source_language, target, target)
    for cell, text, language in zip(row.cells, (*HEADER, APPROVAL_HEADER), languages, strict=True):
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        set_language(run._r.get_or_add_rPr(), language)
        set_shading(cell._tc.get_or_add_tcPr(), _HEADER_SHADING)
    row_properties = row._tr.get_or_add_trPr()
    # Repeat on every page; never split the header itself.
    set_child(row_properties, "w:cantSplit")
    set_child(row_properties, "w:tblHeader")


def _add_row(writer: _Writer, table: Any, plan: RowPlan) -> None:
    # Rows may break across pages (no w:cantSplit): a tall row kept whole would be pushed to the
    # next page and leave half a page empty; long paragraphs are already cut into short rows.
    word = writer.word
    unplaced: dict[int, tuple[Any, list[tuple[str, str]]]] = {}
    for slot in add_review_row(table, plan, word.styles, _column_width(word)):
        links = _fill_cell(writer, slot.paragraph, slot.part, slot.column)
        if links:
            unplaced.setdefault(id(slot.cell), (slot.cell, []))[1].extend(links)
    for cell, links in unplaced.values():
        add_links_note(cell, links, word.styles)
    _add_approval_box(table.rows[-1].cells[2], plan)


def _add_approval_box(cell: Any, plan: RowPlan) -> None:
    """The reviewer's OK cell: an empty box on every row that has English to approve."""
    cell.width = _APPROVAL_WIDTH
    mark = cell.paragraphs[0]
    mark.alignment = WD_ALIGN_PARAGRAPH.CENTER
    parts = plan.parts
    if any(p.block.is_translated and any(s.target is not None for s in p.segments) for p in parts):
        mark.add_run(UNAPPROVED_MARK).font.size = Pt(12)


def _fill_cell(
    writer: _Writer, paragraph: Any, part: RowPart, column: str
) -> list[tuple[str, str]]:
    """Write the part's sentences; return the links the English column could not carry."""
    block = part.block
    unplaced: list[tuple[str, str]] = []
    previous_end = None
    for segment in part.segments:
        if previous_end is not None:
            gap = block.text[previous_end - block.start : segment.start - block.start]
            separator = paragraph.add_run()
            if "\n" in gap:
                separator.add_break()
            else:
                separator.text = " "
        formatting = format_sentence(block, segment)
        _add_sentence(writer, paragraph, segment, column, formatting)
        if column == TARGET_COLUMN:
            unplaced += formatting.unplaced
        previous_end = segment.end
    return unplaced


def _add_sentence(
    writer: _Writer,
    paragraph: Any,
    segment: Segment,
    column: str,
    formatting: SentenceFormatting,
) -> None:
    """Write one sentence inside its bookmark, terms marked, QA issues as a comment on it."""
    if column == SOURCE_COLUMN:
        spans = apply_marks(source_spans(segment), formatting.source)
    else:
        spans = apply_marks(target_spans(segment), formatting.target)
    removed = sum(count_unsafe_characters(span.text) for span in spans)
    writer.num_removed += removed
    bookmark_id = str(next(writer.bookmark_ids))
    paragraph._p.append(
        OxmlElement(
            "w:bookmarkStart",
            {qn("w:id"): bookmark_id, qn("w:name"): bookmark_name(column, segment.id)},
        )
    )
    runs = [_add_span(paragraph, span, segment, column) for span in spans]
    paragraph._p.append(OxmlElement("w:bookmarkEnd", {qn("w:id"): bookmark_id}))
    notes = _comment_lines(segment) if column == TARGET_COLUMN else []
    if removed:
        notes.append(f"{removed} control characters that Word cannot hold were removed here.")
    if notes:
        comment = writer.word.add_comment(runs, notes[0], QA_AUTHOR, QA_INITIALS)
        for note in notes[1:]:
            comment.add_paragraph(note)


def _add_span(paragraph: Any, span: Span, segment: Segment, column: str) -> Any:
    run = paragraph.add_run(xml_safe(span.text), span.style)
    run.bold = span.bold or None
    run.italic = span.italic or None
    if span.url:
        add_hyperlink(paragraph, run, span.url)
    is_vetted = segment.state is not None and segment.state.is_vetted
    if column == TARGET_COLUMN and segment.origin is Origin.MEMORY and is_vetted:
        set_shading(run._r.get_or_add_rPr(), _MEMORY_SHADING)
    elif column == TARGET_COLUMN and segment.origin is Origin.COPY:
        run.font.color.rgb = _COPY_COLOUR
    return run


def _comment_lines(segment: Segment) -> list[str]:
    lines = [
        xml_safe(f"[{issue.severity.value}] {issue.code}: {issue.message}")
        for issue in segment.issues
    ]
    if segment.origin is Origin.MEMORY and segment.state is not None:
        lines.append(xml_safe(f"From the translation memory: {provenance(segment)}."))
    if segment.hint is not None:
        lines.append(xml_safe(hint_line(segment.hint)))
    return lines


def _add_header_and_footer(word: Any, document: Document) -> None:
    section = word.sections[0]
    header = section.header.paragraphs[0]
    header.text = xml_safe(f"songngu review · {document_title(document)}")[:120]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _small_grey(header.runs)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run("Page ")
    _add_field(footer, "PAGE", "1")
    footer.add_run(" of ")
    _add_field(footer, "NUMPAGES", "1")
    signature = section.footer.add_paragraph(xml_safe(document.meta.signature))
    signature.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _small_grey([*footer.runs, *signature.runs])


def _small_grey(runs: Sequence[Any]) -> None:
    for run in runs:
        run.font.size = _FOOTER_SIZE
        run.font.color.rgb = _COPY_COLOUR


def _add_field(paragraph: Any, instruction: str, placeholder: str) -> None:
    """Add a field whose result looks like the footer text around it (same size and colour)."""
    field = OxmlElement("w:fldSimple", {qn("w:instr"): f" {instruction} \\* MERGEFORMAT "})
    run = OxmlElement("w:r")
    properties = run.get_or_add_rPr()
    set_child(properties, "w:color", {"w:val": str(_COPY_COLOUR)})
    set_child(properties, "w:sz", {"w:val": str(int(_FOOTER_SIZE.pt * 2))})
    text = OxmlElement("w:t")
    text.text = placeholder
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _set_properties(word: Any, document: Document, layout: WordLayout) -> None:
    properties = word.core_properties
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0, tzinfo=None)
    properties.title = xml_safe(document_title(document))[:255]
    properties.subject = xml_safe(english_title(document) or "Tiếng Việt → English review")[:255]
    properties.keywords = "songngu; bilingual review; vi-en"
    properties.category = "songngu review"
    properties.comments = xml_safe(document.meta.signature)
    properties.author = properties.last_modified_by = QA_AUTHOR
    properties.language = f"{layout.source_language}, {layout.target_language}"
    properties.created = properties.modified = now
    properties.revision = 1


def _add_manifest(word: Any, manifest: bytes) -> None:
    """Add the manifest as a custom XML part, with the properties part Word gives each one."""
    package = word.part.package
    partname = package.next_partname("/customXml/item%d.xml")
    part = Part(PackURI(partname), "application/xml", manifest, package)
    word.part.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_XML)
    item_id = uuid.uuid5(
        uuid.NAMESPACE_URL, f"{MANIFEST_NAMESPACE}#{hashlib.sha256(manifest).hexdigest()}"
    )
    properties = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<ds:datastoreItem ds:itemID="{{{str(item_id).upper()}}}" xmlns:ds="{_DATASTORE}">'
        f'<ds:schemaRefs><ds:schemaRef ds:uri="{MANIFEST_NAMESPACE}"/></ds:schemaRefs>'
        "</ds:datastoreItem>"
    ).encode()
    properties_name = partname.replace("/item", "/itemProps")
    properties_part = Part(PackURI(properties_name), _CUSTOM_XML_PROPERTIES, properties, package)
    part.relate_to(properties_part, RELATIONSHIP_TYPE.CUSTOM_XML_PROPS)


def _drop_thumbnail(word: Any) -> None:
    """Drop the template's preview picture: file browsers would show it as this file's page."""
    package = word.part.package
    for relationship_id, relationship in list(package.rels.items()):
        if relationship.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            package.rels.pop(relationship_id)


def _track_changes(word: Any) -> None:
    set_child(word.settings.element, "w:trackRevisions")
