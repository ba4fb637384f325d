"""The review table's rows as python-docx builds them: plain rows, source-table rows, links.

A row of a source table becomes one review row whose two columns each hold a small table with
the row's cells side by side, so the Vietnamese and English rows read like the original table
and line up (``docs/design/formatting.md``). Links the English cannot carry on its own words
are listed under the row in a "Links note" paragraph, which review import skips.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.enum.text import WD_UNDERLINE
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from songngu.ooxml.elements import set_child
from songngu.ooxml.markup import KIND_LOOKS, LINKS_NOTE_STYLE, SOURCE_COLUMN, TARGET_COLUMN
from songngu.ooxml.rows import RowPart, RowPlan
from songngu.xmltext import xml_safe

__all__ = ["Slot", "add_hyperlink", "add_links_note", "add_review_row"]

_LINK_COLOUR = RGBColor(0x05, 0x63, 0xC1)  # Word's own hyperlink blue.
# Inner cell margins: the outer cell already pads the text from the review table's borders.
_INNER_MARGIN_TWIPS = "60"
_INNER_RULE_COLOUR = "A6A6A6"


@dataclass(frozen=True, slots=True)
class Slot:
    """A paragraph to fill with the sentences of one row part in one column, and its cell."""

    paragraph: Any
    part: RowPart
    column: str
    cell: Any


def add_review_row(table: Any, plan: RowPlan, styles: Any, width: int) -> list[Slot]:
    """Add the review row of ``plan`` to ``table``; return the paragraphs to fill, in order."""
    row = table.add_row()
    slots: list[Slot] = []
    # The third cell is the reviewer's OK mark, filled by the writer.
    for cell, column in zip(row.cells[:2], (SOURCE_COLUMN, TARGET_COLUMN), strict=True):
        cell.width = width
        if plan.num_columns:
            slots += _add_inner_table(cell, plan, column, styles, width)
        else:
            paragraph = cell.paragraphs[0]
            paragraph.style = styles[_style_name(plan.parts[0], column)]
            slots.append(Slot(paragraph, plan.parts[0], column, cell))
    return slots


def add_hyperlink(paragraph: Any, run: Any, url: str) -> None:
    """Wrap ``run`` (the last run of ``paragraph``) in a hyperlink to ``url``."""
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink", {qn("r:id"): relationship})
    run._r.addprevious(hyperlink)
    hyperlink.append(run._r)
    run.font.color.rgb = _LINK_COLOUR
    if run.style is None or run.style.name == "Default Paragraph Font":
        run.font.underline = WD_UNDERLINE.SINGLE


def add_links_note(cell: Any, links: Sequence[tuple[str, str]], styles: Any) -> None:
    """List links the English column could not carry: "Links: anchor → URL; …"."""
    paragraph = _empty_last_paragraph(cell)
    paragraph.style = styles[LINKS_NOTE_STYLE]
    paragraph.add_run("Links: ")
    for number, (anchor, url) in enumerate(dict.fromkeys(links)):
        paragraph.add_run(("; " if number else "") + xml_safe(anchor) + " → ")
        add_hyperlink(paragraph, paragraph.add_run(xml_safe(url)), url)


def _add_inner_table(cell: Any, plan: RowPlan, column: str, styles: Any, width: int) -> list[Slot]:
    inner = cell.add_table(rows=1, cols=plan.num_columns)
    # The table is the cell's first content; Word needs the paragraph python-docx adds after it.
    cell._tc.remove(cell.paragraphs[0]._p)
    _shrink(cell.paragraphs[-1])
    set_child(inner._tbl.tblPr, "w:tblW", {"w:w": "5000", "w:type": "pct"})
    _set_inner_borders(inner._tbl.tblPr)
    margins = set_child(inner._tbl.tblPr, "w:tblCellMar")
    for side in ("left", "right"):
        margins.append(
            OxmlElement(f"w:{side}", {qn("w:w"): _INNER_MARGIN_TWIPS, qn("w:type"): "dxa"})
        )
    cells = inner.rows[0].cells
    for inner_cell in cells:
        inner_cell.width = width // plan.num_columns
    slots = []
    for part in plan.parts:
        position = part.block.cell
        target = cells[position.column if position else 0]
        paragraph = target.paragraphs[-1]
        if paragraph.text or paragraph.runs:
            paragraph = target.add_paragraph()
        paragraph.style = styles[_style_name(part, column)]
        slots.append(Slot(paragraph, part, column, cell))
    return slots


def _set_inner_borders(table_properties: Any) -> None:
    """Rule only between the cells: the review row's own borders frame the source row."""
    borders = set_child(table_properties, "w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH"):
        borders.append(OxmlElement(f"w:{side}", {qn("w:val"): "nil"}))
    rule = {qn("w:val"): "single", qn("w:sz"): "4", qn("w:space"): "0"}
    borders.append(OxmlElement("w:insideV", {**rule, qn("w:color"): _INNER_RULE_COLOUR}))


def _style_name(part: RowPart, column: str) -> str:
    return f"{KIND_LOOKS[part.block.kind].name} ({column})"


def _shrink(paragraph: Any) -> None:
    """Make the empty paragraph after an inner table as low as a line can be."""
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    paragraph.paragraph_format.line_spacing = Pt(1)


def _empty_last_paragraph(cell: Any) -> Any:
    """Return the empty paragraph after an inner table (made a line again), or a new one."""
    last = cell.paragraphs[-1]
    previous = last._p.getprevious()
    if not last.runs and previous is not None and previous.tag == qn("w:tbl"):
        last.paragraph_format.line_spacing = None
        return last
    return cell.add_paragraph()
