"""Pair a reviewed file's English with the exported segments, strictly by segment id.

Rows are paired by the sentence bookmarks of either cell, sentences by their English bookmark.
Text outside every bookmark (Word drops a bookmark whose text is typed over) is given to the one
missing sentence whose place it takes, or else the row is kept whole as a block-level result.
Rows without ids are *added*, blocks without rows *missing*; nothing is dropped
(``docs/design/review.md``, "Re-import").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from songngu.ooxml.manifest import Manifest, ManifestBlock, ManifestSegment
from songngu.ooxml.markup import QA_AUTHOR, SOURCE_COLUMN, TARGET_COLUMN, block_of
from songngu.ooxml.review_file import Piece, ReviewFile, ReviewRow
from songngu.review.report import (
    AddedRow,
    BlockResult,
    CommentNote,
    SegmentResult,
    SegmentStatus,
    SourceEdit,
)
from songngu.vietnamese import normalize_nfc

_GLUED_HEAD = re.compile(r"^\S+")
# Cells of a row: Vietnamese, English, then the reviewer's OK mark (older files have two).
_APPROVAL_CELL = 2
_GLUED_TAIL = re.compile(r"\S+$")


@dataclass(frozen=True, slots=True)
class Pairing:
    """The reviewed file paired with its manifest."""

    manifest: Manifest
    has_manifest: bool
    segments: tuple[SegmentResult, ...]
    blocks: tuple[BlockResult, ...]
    added_rows: tuple[AddedRow, ...]
    missing_blocks: tuple[str, ...]
    source_edits: tuple[SourceEdit, ...]
    comments: tuple[CommentNote, ...]
    notes: tuple[str, ...]
    marks: dict[str, str] = field(default_factory=dict)
    open_errors: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Orphan:
    """English text outside every sentence bookmark, between two ids (None: cell edge)."""

    text: str
    previous_id: str | None
    next_id: str | None
    block_id: str


@dataclass
class _Found:
    """What the rows hold, by id."""

    english: dict[str, str] = field(default_factory=dict)
    vietnamese: dict[str, str] = field(default_factory=dict)
    row_of_block: dict[str, ReviewRow] = field(default_factory=dict)
    # A long block is written as several rows (songngu.ooxml.rows): all of them, in order.
    rows_of_block: dict[str, list[ReviewRow]] = field(default_factory=dict)
    block_of_row: dict[int, str] = field(default_factory=dict)
    orphans: list[_Orphan] = field(default_factory=list)
    vietnamese_orphans: dict[str, str] = field(default_factory=dict)
    added: list[AddedRow] = field(default_factory=list)
    marks: dict[str, str] = field(default_factory=dict)


@dataclass
class _Damage:
    """Sentences paired only through their row, and why each row was kept whole."""

    restored: dict[str, str] = field(default_factory=dict)
    uncertain: set[str] = field(default_factory=set)
    reasons: dict[str, str] = field(default_factory=dict)


def pair_review(review: ReviewFile) -> Pairing:
    """Pair every exported segment with what the reviewed file holds for it."""
    manifest = review.manifest or manifest_from_rows(review.rows)
    known = manifest.segments()
    found = _read_rows([row for row in review.rows if not row.is_header], known)
    damage = _place_orphans(found, manifest)
    segments: list[SegmentResult] = []
    blocks: list[BlockResult] = []
    missing: list[str] = []
    for block in (block for block in manifest.blocks if block.segments):
        if block.id not in found.row_of_block:
            missing.append(block.id)
            segments += [_result(segment, "", SegmentStatus.MISSING) for segment in block.segments]
            continue
        segments += _pair_block(block, found, damage, has_manifest=review.manifest is not None)
        block_result = _block_result(block, found, damage)
        if block_result is not None:
            blocks.append(block_result)
    return Pairing(
        manifest=manifest,
        has_manifest=review.manifest is not None,
        segments=tuple(segments),
        blocks=tuple(blocks),
        added_rows=tuple(found.added),
        missing_blocks=tuple(missing),
        source_edits=tuple(_source_edits(manifest, found)),
        comments=tuple(_comments(review, found)),
        notes=tuple(_notes(review, manifest)),
        marks=found.marks,
        open_errors=frozenset(_open_errors(review)),
    )


def manifest_from_rows(rows: tuple[ReviewRow, ...]) -> Manifest:
    """Rebuild a manifest from the Vietnamese bookmarks alone (no original English known)."""
    sources: dict[str, dict[str, str]] = {}
    for row in rows:
        for piece in (piece for cell in row.cells for piece in cell):
            if piece.segment_id and piece.column == SOURCE_COLUMN:
                segments = sources.setdefault(block_of(piece.segment_id), {})
                segments.setdefault(piece.segment_id, piece.text)
    blocks = tuple(
        ManifestBlock(
            block_id,
            "",
            " ".join(segments.values()),
            tuple(ManifestSegment(id_, text, "", "") for id_, text in segments.items()),
        )
        for block_id, segments in sources.items()
    )
    return Manifest(source_path="", signature="", blocks=blocks)


def normalized(text: str) -> str:
    """Return ``text`` as compared for "unchanged": NFC with whitespace folded."""
    return " ".join(normalize_nfc(text).split())


def _read_rows(rows: list[ReviewRow], known: dict[str, ManifestSegment]) -> _Found:
    found = _Found()
    block_sizes = Counter(block_of(segment_id) for segment_id in known)
    last_block: str | None = None
    for row in rows:
        ids = [segment_id for segment_id in row.segment_ids() if segment_id in known]
        if not ids:
            if any(row.cell_text(index).strip() for index in range(len(row.cells))):
                found.added.append(
                    AddedRow(row.number, last_block, row.cell_text(0).strip(), _english(row))
                )
            continue
        primary = block_of(ids[0])
        found.block_of_row[row.number] = primary
        for block_id in dict.fromkeys(block_of(segment_id) for segment_id in ids):
            found.row_of_block.setdefault(block_id, row)
            found.rows_of_block.setdefault(block_id, []).append(row)
        last_block = block_of(ids[-1])
        _read_mark(row, primary, ids, block_sizes[primary], found)
        _read_vietnamese(row, primary, known, found)
        _read_english(row, primary, known, found)
    return found


def _read_mark(
    row: ReviewRow, primary: str, ids: list[str], block_size: int, found: _Found
) -> None:
    """Key the row's OK mark by its block, or by its sentences when a long block spans rows."""
    mark = row.cell_text(_APPROVAL_CELL)
    if sum(block_of(segment_id) == primary for segment_id in ids) == block_size:
        found.marks.setdefault(primary, mark)
    else:
        for segment_id in ids:
            found.marks.setdefault(segment_id, mark)


def _read_vietnamese(
    row: ReviewRow, primary: str, known: dict[str, ManifestSegment], found: _Found
) -> None:
    for piece in row.cells[0] if row.cells else ():
        if piece.column == SOURCE_COLUMN and piece.segment_id in known:
            found.vietnamese.setdefault(piece.segment_id, piece.text)
        elif piece.segment_id is None and piece.text.strip():
            found.vietnamese_orphans[primary] = (
                found.vietnamese_orphans.get(primary, "") + piece.text
            )


def _read_english(
    row: ReviewRow, primary: str, known: dict[str, ManifestSegment], found: _Found
) -> None:
    """Record each English sentence by id, and the text between ids as orphans."""
    previous_id: str | None = None
    pending: list[str] = []
    for piece in _english_pieces(row):
        segment_id = piece.segment_id
        if segment_id in known and segment_id not in found.english:
            head = _glue(found, "".join(pending), previous_id)
            tail = _GLUED_TAIL.search(head)
            _add_orphan(
                found, head[: tail.start()] if tail else head, previous_id, segment_id, primary
            )
            found.english[segment_id] = (tail.group() if tail else "") + piece.text
            previous_id, pending = segment_id, []
        else:
            pending.append(piece.text)
    _add_orphan(found, _glue(found, "".join(pending), previous_id), previous_id, None, primary)


def _glue(found: _Found, text: str, previous_id: str | None) -> str:
    """Give text glued to a sentence's end (no space between) to that sentence; return the rest.

    Sentences are written with whitespace between them, so characters touching a sentence are
    part of its last word or punctuation. LibreOffice (7.4) moves a bookmark's end one character
    back when a comment ends earlier in the paragraph; this puts that character back.
    """
    head = _GLUED_HEAD.match(text)
    if previous_id is None or head is None:
        return text
    found.english[previous_id] += head.group()
    return text[head.end() :]


def _english_pieces(row: ReviewRow) -> list[Piece]:
    """Return the English cell's pieces (and any English bookmark left in the first cell)."""
    first = [p for p in (row.cells[0] if row.cells else ()) if p.column == TARGET_COLUMN]
    rest = [
        piece if piece.column != SOURCE_COLUMN else Piece(piece.text)
        for cell in row.cells[1:_APPROVAL_CELL]
        for piece in cell
    ]
    return first + rest


def _add_orphan(
    found: _Found, text: str, previous_id: str | None, next_id: str | None, block: str
) -> None:
    if text.strip():
        found.orphans.append(_Orphan(text.strip(), previous_id, next_id, block))


def _english(row: ReviewRow) -> str:
    return row.cell_text(1).strip()


def _block_english(block_id: str, found: _Found) -> str:
    return "\n".join(filter(None, (_english(row) for row in found.rows_of_block[block_id])))


def _place_orphans(found: _Found, manifest: Manifest) -> _Damage:
    """Give each orphan to the one missing sentence whose place it takes, or mark the row."""
    order = {segment_id: index for index, segment_id in enumerate(manifest.segments())}
    block_ids = {block.id: [s.id for s in block.segments] for block in manifest.blocks}
    damage = _Damage()
    for orphan in found.orphans:
        ids = block_ids.get(orphan.block_id, [])
        low = order[orphan.previous_id] if orphan.previous_id else order[ids[0]] - 1
        last = block_ids[block_of(orphan.previous_id)][-1] if orphan.previous_id else ids[-1]
        high = order[orphan.next_id] if orphan.next_id else order[last] + 1
        candidates = [
            segment_id
            for segment_id, index in order.items()
            if low < index < high and segment_id not in found.english
        ]
        if len(candidates) == 1 and candidates[0] not in damage.restored:
            damage.restored[candidates[0]] = orphan.text
            continue
        neighbours = {orphan.previous_id, orphan.next_id} - {None}
        damage.uncertain.update(segment_id for segment_id in neighbours if segment_id)
        where = " and ".join(sorted(segment_id for segment_id in neighbours if segment_id))
        damage.reasons.setdefault(
            orphan.block_id,
            f"text outside the sentence markers next to {where}"
            if where
            else "the English was retyped as a whole (no sentence markers left)",
        )
    return damage


def _pair_block(
    block: ManifestBlock, found: _Found, damage: _Damage, *, has_manifest: bool
) -> list[SegmentResult]:
    if not _block_english(block.id, found):
        return [_result(segment, "", SegmentStatus.EMPTIED) for segment in block.segments]
    results = []
    for segment in block.segments:
        text = found.english.get(segment.id)
        note = ""
        if text is None and segment.id in damage.restored:
            text, note = damage.restored[segment.id], "marker lost; its text was found in its place"
        if segment.id in damage.uncertain or text is None:
            damage.reasons.setdefault(block.id, f"{segment.id} lost its sentence marker")
            results.append(_result(segment, "", SegmentStatus.IN_BLOCK))
        elif not text.strip():
            results.append(_result(segment, "", SegmentStatus.EMPTIED))
        else:
            results.append(
                _result(segment, text.strip(), _status(segment, text, has_manifest), note)
            )
    return results


def _status(segment: ManifestSegment, text: str, has_manifest: bool) -> SegmentStatus:
    if not has_manifest:
        return SegmentStatus.REVIEWED
    if normalized(text) == normalized(segment.target):
        return SegmentStatus.UNCHANGED
    return SegmentStatus.EDITED


def _result(
    segment: ManifestSegment, target: str, status: SegmentStatus, note: str = ""
) -> SegmentResult:
    return SegmentResult(segment.id, segment.source, segment.target, target, status, note)


def _block_result(block: ManifestBlock, found: _Found, damage: _Damage) -> BlockResult | None:
    target = _block_english(block.id, found)
    if block.id not in damage.reasons or not target:
        return None
    return BlockResult(block.id, block.source, block.target, target, damage.reasons[block.id])


def _source_edits(manifest: Manifest, found: _Found) -> list[SourceEdit]:
    edits = [
        SourceEdit(segment.id, segment.source, found.vietnamese[segment.id])
        for segment in manifest.segments().values()
        if segment.id in found.vietnamese
        and normalized(found.vietnamese[segment.id]) != normalized(segment.source)
    ]
    edits += [
        SourceEdit(block_id, "", text.strip())
        for block_id, text in found.vietnamese_orphans.items()
    ]
    return edits


def _comments(review: ReviewFile, found: _Found) -> list[CommentNote]:
    notes = []
    for comment in review.comments:
        if comment.author == QA_AUTHOR:
            continue
        anchor = comment.segment_id or "outside the table"
        if comment.segment_id is None and comment.row_number is not None:
            anchor = found.block_of_row.get(comment.row_number, f"row {comment.row_number}")
        notes.append(CommentNote(comment.author, comment.text, anchor, comment.date))
    return notes


def _open_errors(review: ReviewFile) -> set[str]:
    """Return the sentences whose ``[error]`` QA comment is neither deleted nor resolved."""
    return {
        comment.segment_id
        for comment in review.comments
        if comment.author == QA_AUTHOR
        and "[error]" in comment.text
        and comment.segment_id
        and not comment.is_resolved
    }


def _notes(review: ReviewFile, manifest: Manifest) -> list[str]:
    ours = {normalized(text) for text in manifest.front}
    return [text for text in review.paragraphs if normalized(text) not in ours]
