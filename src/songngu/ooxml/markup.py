"""What the review file marks and how, shared by its writer and its reader (no python-docx here).

Bookmark names carry segment ids (what text a Word file can hold is :mod:`songngu.xmltext`), and
:func:`term_spans` cuts a sentence into the runs that mark glossary terms. See
``docs/design/review.md``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from songngu.glossary.presence import iter_occurrences
from songngu.model import BlockKind, Document, Mark, MarkStyle, Segment

HEADER = ("Tiếng Việt", "English")
#: The author of the QA comments songngu writes; review import skips comments by this author.
QA_AUTHOR = "songngu"
QA_INITIALS = "QA"
SOURCE_COLUMN = "vi"
TARGET_COLUMN = "en"

HOW_TO_REVIEW = (
    "How to review: edit the English column only (Track Changes welcome), comment freely, add a "
    "row for anything missing; do not merge, split or reorder rows. To approve a row you did not "
    "need to change, type x in its OK box (☐); edits count as reviewed without it. A QA comment "
    "marked [error] is resolved by editing the sentence, or by resolving or deleting the comment. "
    "Then: songngu review import <this file>."
)
#: The third column: the reviewer's per-row approval mark (plain text survives every editor).
APPROVAL_HEADER = "OK"
UNAPPROVED_MARK = "☐"
# What a reviewer types (or pastes) into the OK box to approve a row, compared case-folded.
_APPROVAL_WORDS = frozenset({"x", "y", "yes", "ok", "approved", "☑", "☒", "✓", "✔", "✅"})
TERM_STYLE = "Glossary term"
MISSING_TERM_STYLE = "Glossary term missing"
#: Paragraph style of the "Links: anchor → URL" line under a row; review import skips it.
LINKS_NOTE_STYLE = "Links note"
LINKS_NOTE_STYLE_ID = "Linksnote"

# WordprocessingML requires children in schema order (ECMA-376 Part 1, the CT_RPr, CT_TblPr,
# CT_TrPr, CT_TcPr and CT_Settings sequences); Word reports a file with them out of order as
# corrupt. Each list runs up to the last child songngu adds.
CHILD_ORDER = {
    "w:rPr": "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss "
    "imprint noProof snapToGrid vanish webHidden color spacing w kern position sz szCs "
    "highlight u effect bdr shd fitText vertAlign rtl cs em lang",
    "w:tblPr": "tblStyle tblpPr tblOverlap bidiVisual tblStyleRowBandSize tblStyleColBandSize "
    "tblW jc tblCellSpacing tblInd tblBorders shd tblLayout tblCellMar",
    "w:trPr": "cnfStyle divId gridBefore gridAfter wBefore wAfter cantSplit trHeight tblHeader",
    "w:tcPr": "cnfStyle tcW gridSpan hMerge vMerge tcBorders shd",
    "w:settings": "writeProtection view zoom removePersonalInformation removeDateAndTime "
    "doNotDisplayPageBoundaries displayBackgroundShape printPostScriptOverText "
    "printFractionalCharacterWidth printFormsData embedTrueTypeFonts embedSystemFonts "
    "saveSubsetFonts saveFormsData mirrorMargins alignBordersAndEdges "
    "bordersDoNotSurroundHeader bordersDoNotSurroundFooter gutterAtTop hideSpellingErrors "
    "hideGrammaticalErrors activeWritingStyle proofState formsDesign attachedTemplate "
    "linkStyles stylePaneFormatFilter stylePaneSortMethod documentType mailMerge revisionView "
    "trackRevisions",
}
# Bookmark names must be unique in a document (Word drops a duplicate), hence the column in the
# name; Word limits names to 40 characters, which ids like b123.s45 leave far behind.
_BOOKMARK = re.compile(r"^sn_(vi|en)_(b\d+)_(s\d+)$")


@dataclass(frozen=True, slots=True)
class Look:
    """How a block kind looks; each becomes a paragraph style per column (``Headline (en)``)."""

    name: str
    bold: bool = False
    italic: bool = False
    small_caps: bool = False
    size: float | None = None
    grey: bool = False
    right_aligned: bool = False


# Vietnamese news conventions: a bold headline and bold lead (sapo), italic photo captions and
# credits, the byline and the source credit set right ("Theo Báo Quảng Ninh").
KIND_LOOKS = {
    BlockKind.HEADLINE: Look("Headline", bold=True, size=13),
    BlockKind.HEADING: Look("Heading", bold=True, size=11),
    BlockKind.LEAD: Look("Lead", bold=True),
    BlockKind.PARAGRAPH: Look("Body"),
    BlockKind.CAPTION: Look("Caption", italic=True, size=9),
    BlockKind.CREDIT: Look("Credit", italic=True, size=9, right_aligned=True),
    BlockKind.BYLINE: Look("Byline", bold=True, size=9, right_aligned=True),
    BlockKind.DATELINE: Look("Dateline", small_caps=True, size=9),
    BlockKind.META: Look("Metadata", size=8, grey=True),
    BlockKind.LIST_ITEM: Look("List item"),
    BlockKind.TABLE_CELL: Look("Table cell", size=9),
}


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a sentence, the character style that marks it (None: unmarked), its format."""

    text: str
    style: str | None = None
    bold: bool = False
    italic: bool = False
    url: str = ""


def bookmark_name(column: str, segment_id: str) -> str:
    """Return the bookmark name of ``segment_id`` in ``column`` (``sn_en_b3_s2``)."""
    return f"sn_{column}_{segment_id.replace('.', '_')}"


def parse_bookmark_name(name: str) -> tuple[str, str] | None:
    """Return ``(column, segment id)`` for one of our bookmark names, None for any other."""
    match = _BOOKMARK.match(name)
    if match is None:
        return None
    column, block, sentence = match.groups()
    return column, f"{block}.{sentence}"


def block_of(segment_id: str) -> str:
    """Return the block id of a segment id (``b3.s2`` → ``b3``)."""
    return segment_id.partition(".")[0]


def source_spans(segment: Segment) -> list[Span]:
    """Cut the source at its glossary terms: enforced ones marked as terms, others as missing."""
    marks = [
        (term.start, term.end, TERM_STYLE if term.enforced else MISSING_TERM_STYLE)
        for term in segment.terms
    ]
    return term_spans(segment.source, marks)


def target_spans(segment: Segment) -> list[Span]:
    """Cut the target at the renderings of its enforced glossary terms."""
    target = segment.target or ""
    marks: list[tuple[int, int, str]] = []
    for rendering in dict.fromkeys(term.target for term in segment.terms if term.enforced):
        marks.extend((start, end, TERM_STYLE) for start, end in iter_occurrences(target, rendering))
    return term_spans(target, marks)


def term_spans(text: str, marks: Sequence[tuple[int, int, str]]) -> list[Span]:
    """Cut ``text`` into spans by ``(start, end, style)`` marks; overlapping marks are dropped."""
    spans: list[Span] = []
    position = 0
    for start, end, style in sorted(marks):
        if start < position or end <= start or end > len(text):
            continue
        if start > position:
            spans.append(Span(text[position:start]))
        spans.append(Span(text[start:end], style))
        position = end
    if position < len(text) or not spans:
        spans.append(Span(text[position:]))
    return spans


def apply_marks(spans: Sequence[Span], marks: Sequence[Mark]) -> list[Span]:
    """Cut ``spans`` at the boundaries of ``marks`` (offsets into their joined text), formatted."""
    cuts = sorted({mark.start for mark in marks} | {mark.end for mark in marks})
    result: list[Span] = []
    position = 0
    for span in spans:
        end = position + len(span.text)
        inner = [cut - position for cut in cuts if position < cut < end]
        for start, stop in zip([0, *inner], [*inner, len(span.text)], strict=True):
            covering = [
                m for m in marks if m.start <= position + start and position + stop <= m.end
            ]
            result.append(_formatted(span, span.text[start:stop], covering))
        position = end
    return result


def _formatted(span: Span, text: str, marks: Sequence[Mark]) -> Span:
    styles = {mark.style for mark in marks}
    url = next((mark.url for mark in marks if mark.style is MarkStyle.LINK), "")
    return Span(text, span.style, MarkStyle.BOLD in styles, MarkStyle.ITALIC in styles, url)


def english_title(document: Document) -> str | None:
    """Return the headline's English, if the document has a translated headline."""
    for block in document.blocks:
        if block.kind is BlockKind.HEADLINE:
            return " ".join(segment.target or "" for segment in block.segments).strip() or None
    return None


def facts_line(document: Document) -> str:
    """Return the one line of facts under the title: source, date, model, counts."""
    meta = document.meta
    segments = list(document.iter_segments())
    issues = sum(len(segment.issues) for segment in segments)
    terms = sum(len(segment.terms) for segment in segments)
    parts = [f"Source: {meta.source_path}", f"Date: {meta.date}" if meta.date else ""]
    parts += [f"Model: {meta.model}" if meta.model else "", f"{len(segments)} sentences"]
    parts += [f"{terms} glossary terms", f"{issues} QA findings"]
    return " · ".join(part for part in parts if part)


def parse_approval(text: str) -> bool | None:
    """Return whether an OK cell approves its row: True, False (empty or ☐), None (not understood).

    ``x``, ``☑``, ``✓``, ``yes`` and ``ok`` approve; the box left as written does not.
    """
    mark = "".join(text.replace(UNAPPROVED_MARK, " ").split()).casefold()
    if not mark:
        return False
    return True if mark in _APPROVAL_WORDS else None
