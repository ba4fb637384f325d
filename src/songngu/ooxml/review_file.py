"""Read a review file back exactly as Word (or anyone) left it: zipfile and ElementTree only.

Text is read in document order with Track Changes resolved as if accepted (``w:ins`` and
``w:moveTo`` count, ``w:del`` and ``w:moveFrom`` do not), each piece tagged with the sentence
bookmark it sits in. Comments, paragraphs outside the table and the manifest part come along.
A table inside a cell (a source table's row, ``docs/design/formatting.md``) is read as part of
that cell, one line per inner cell; the "Links note" paragraphs songngu writes are skipped.
The same reader verifies every export (:func:`songngu.ooxml.writer.read_docx_pairs`) and feeds
review import, so each export tests it. See ``docs/design/review.md``.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from songngu.errors import InputError
from songngu.ooxml.manifest import Manifest, parse_manifest
from songngu.ooxml.markup import LINKS_NOTE_STYLE_ID, parse_bookmark_name
from songngu.ooxml.text import WRAPPERS, character_of, is_hidden, local_name

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Word 2013+ and LibreOffice 7.2+ mark a comment resolved ("Resolve", "done") in
# word/commentsExtended.xml: w15:commentEx/@w15:done="1", keyed by the w14:paraId of the comment's
# last paragraph ([MS-DOCX] 2.5.1, CT_CommentEx).
_W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
_W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
_LAST_MODIFIED_BY = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"


@dataclass(frozen=True, slots=True)
class Piece:
    """Text of a cell: inside our sentence bookmark ``segment_id`` (of ``column``), or orphan."""

    text: str
    segment_id: str | None = None
    column: str | None = None


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """A table row as read: its cells' pieces in order; ``number`` counts rows from 1."""

    number: int
    cells: tuple[tuple[Piece, ...], ...]
    is_header: bool = False

    def segment_ids(self) -> list[str]:
        """Return the ids of the sentence bookmarks in this row, in order, once each."""
        ids = (piece.segment_id for cell in self.cells for piece in cell if piece.segment_id)
        return list(dict.fromkeys(ids))

    def cell_text(self, index: int) -> str:
        """Return the whole text of cell ``index`` ("" when the row has fewer cells)."""
        if index >= len(self.cells):
            return ""
        return "".join(piece.text for piece in self.cells[index])


@dataclass(frozen=True, slots=True)
class ReviewComment:
    """A comment and where its range starts: a sentence, else a table row (``row_number``)."""

    author: str
    text: str
    date: str = ""
    segment_id: str | None = None
    row_number: int | None = None
    is_resolved: bool = False


@dataclass(frozen=True, slots=True)
class ReviewFile:
    """Everything a review file holds that re-import needs."""

    path: Path
    rows: tuple[ReviewRow, ...]
    comments: tuple[ReviewComment, ...] = ()
    paragraphs: tuple[str, ...] = ()
    manifest: Manifest | None = None
    last_modified_by: str = ""


@dataclass
class _Walk:
    """Where the reader is: open bookmarks by id, current cell, pieces and comment anchors."""

    row_number: int | None = None
    bookmarks: dict[str, tuple[str, str]] = field(default_factory=dict)
    cells: list[list[Piece]] = field(default_factory=list)
    anchors: dict[str, tuple[str | None, int | None]] = field(default_factory=dict)
    depth: int = 0

    def add_text(self, text: str) -> None:
        if not self.cells:
            self.cells.append([])
        column, segment_id = next(reversed(self.bookmarks.values()), (None, None))
        cell = self.cells[-1]
        if cell and cell[-1].segment_id == segment_id and cell[-1].column == column:
            cell[-1] = Piece(cell[-1].text + text, segment_id, column)
        else:
            cell.append(Piece(text, segment_id, column))

    def current_segment(self) -> str | None:
        return next(reversed(self.bookmarks.values()), (None, None))[1]


def read_review_file(path: Path) -> ReviewFile:
    """Read the rows, comments, loose paragraphs and manifest of a review DOCX.

    Raises:
        InputError: the file is not a readable Word document.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
    except (OSError, zipfile.BadZipFile) as error:
        raise InputError(f"{path}: not a readable Word file ({error}).") from error
    if "word/document.xml" not in parts:
        raise InputError(f"{path}: not a Word document (no word/document.xml inside).")
    body = _parse(path, parts["word/document.xml"]).find(f"{_W}body")
    walk = _Walk()
    rows: list[ReviewRow] = []
    paragraphs: list[str] = []
    if body is not None:
        _read_body(body, walk, rows, paragraphs)
    return ReviewFile(
        path=path,
        rows=tuple(rows),
        comments=tuple(_read_comments(path, parts, walk.anchors)),
        paragraphs=tuple(paragraphs),
        manifest=_find_manifest(parts),
        last_modified_by=_last_modified_by(path, parts),
    )


def _read_body(
    container: ElementTree.Element, walk: _Walk, rows: list[ReviewRow], paragraphs: list[str]
) -> None:
    """Collect table rows and loose paragraphs, looking inside content controls and the like."""
    for child in container:
        if child.tag == f"{_W}tbl":
            rows.extend(_read_table(child, walk, first_number=len(rows) + 1))
        elif child.tag == f"{_W}p":
            walk.cells = [[]]
            _visit(child, walk)
            text = "".join(piece.text for piece in walk.cells[0]).strip()
            if text:
                paragraphs.append(text)
        elif local_name(child.tag) in WRAPPERS:
            _read_body(child, walk, rows, paragraphs)
        else:
            _visit(child, walk)


def _read_table(table: ElementTree.Element, walk: _Walk, first_number: int) -> Iterator[ReviewRow]:
    for number, row in enumerate(_iter_rows(table), start=first_number):
        walk.row_number, walk.cells = number, []
        _visit(row, walk)
        is_header = row.find(f"{_W}trPr/{_W}tblHeader") is not None
        yield ReviewRow(number, tuple(tuple(cell) for cell in walk.cells), is_header)
    walk.row_number = None


def _iter_rows(container: ElementTree.Element) -> Iterator[ElementTree.Element]:
    """Yield the rows of a table, also those wrapped in content controls (not nested tables)."""
    for child in container:
        if child.tag == f"{_W}tr":
            yield child
        elif local_name(child.tag) in WRAPPERS:
            yield from _iter_rows(child)


def _visit(element: ElementTree.Element, walk: _Walk) -> None:
    tag = element.tag
    if is_hidden(element) or _is_links_note(element):
        return
    character = character_of(element)
    if character is not None:
        walk.add_text(character)
    elif tag == f"{_W}bookmarkStart":
        parsed = parse_bookmark_name(element.get(f"{_W}name", ""))
        if parsed is not None:
            walk.bookmarks[element.get(f"{_W}id", "")] = parsed
    elif tag == f"{_W}bookmarkEnd":
        walk.bookmarks.pop(element.get(f"{_W}id", ""), None)
    elif tag == f"{_W}commentRangeStart":
        walk.anchors[element.get(f"{_W}id", "")] = (walk.current_segment(), walk.row_number)
    elif tag == f"{_W}commentReference":
        walk.anchors.setdefault(
            element.get(f"{_W}id", ""), (walk.current_segment(), walk.row_number)
        )
    else:
        _visit_children(element, walk)


def _visit_children(element: ElementTree.Element, walk: _Walk) -> None:
    if element.tag == f"{_W}tc" and walk.depth == 0:
        walk.cells.append([])
    elif element.tag == f"{_W}tc" and walk.cells and walk.cells[-1]:
        walk.add_text("\n")
    walk.depth += element.tag == f"{_W}tbl" and walk.row_number is not None
    paragraphs = 0
    for child in element:
        if child.tag in (f"{_W}p", f"{_W}tbl") and paragraphs:
            walk.add_text("\n")
        paragraphs += child.tag in (f"{_W}p", f"{_W}tbl")
        _visit(child, walk)
    walk.depth -= element.tag == f"{_W}tbl" and walk.row_number is not None


def _is_links_note(element: ElementTree.Element) -> bool:
    style = element.find(f"{_W}pPr/{_W}pStyle")
    return (
        element.tag == f"{_W}p"
        and style is not None
        and style.get(f"{_W}val") == LINKS_NOTE_STYLE_ID
    )


def _read_comments(
    path: Path, parts: dict[str, bytes], anchors: dict[str, tuple[str | None, int | None]]
) -> Iterator[ReviewComment]:
    if "word/comments.xml" not in parts:
        return
    resolved = _resolved_paragraphs(path, parts)
    for comment in _parse(path, parts["word/comments.xml"]).iter(f"{_W}comment"):
        walk = _Walk(cells=[[]])
        _visit_children(comment, walk)
        segment_id, row_number = anchors.get(comment.get(f"{_W}id", ""), (None, None))
        yield ReviewComment(
            author=comment.get(f"{_W}author", ""),
            text="".join(piece.text for piece in walk.cells[0]).strip(),
            date=comment.get(f"{_W}date", ""),
            segment_id=segment_id,
            row_number=row_number,
            is_resolved=_last_paragraph_id(comment) in resolved,
        )


def _resolved_paragraphs(path: Path, parts: dict[str, bytes]) -> set[str]:
    if "word/commentsExtended.xml" not in parts:
        return set()
    root = _parse(path, parts["word/commentsExtended.xml"])
    return {
        extended.get(f"{_W15}paraId", "")
        for extended in root.iter(f"{_W15}commentEx")
        if extended.get(f"{_W15}done") in ("1", "true")
    }


def _last_paragraph_id(comment: ElementTree.Element) -> str | None:
    paragraphs = comment.findall(f"{_W}p")
    return paragraphs[-1].get(f"{_W14}paraId") if paragraphs else None


def _find_manifest(parts: dict[str, bytes]) -> Manifest | None:
    for name in sorted(parts):
        if name.startswith("customXml/item") and name.count("/") == 1:
            manifest = parse_manifest(parts[name])
            if manifest is not None:
                return manifest
    return None


def _last_modified_by(path: Path, parts: dict[str, bytes]) -> str:
    if "docProps/core.xml" not in parts:
        return ""
    root = _parse(path, parts["docProps/core.xml"])
    return (root.findtext(f"{_LAST_MODIFIED_BY}lastModifiedBy") or "").strip()


def _parse(path: Path, data: bytes) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        raise InputError(
            f"{path}: a part of the Word file is not well-formed XML ({error})."
        ) from error
