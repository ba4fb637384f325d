"""What review import found: per-sentence results, rows, comments, suggestions, and renderings.

Value objects only, plus :func:`render_report` (text for the terminal) and :func:`report_to_dict`
(the ``--report`` JSON). Nothing a reviewer wrote is left out of either.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum
from typing import Any


class SegmentStatus(str, Enum):
    """What happened to one sentence's English in review."""

    EDITED = "edited"
    UNCHANGED = "unchanged"
    REVIEWED = "reviewed"  # the file has no manifest: edited or not cannot be told
    EMPTIED = "emptied"
    IN_BLOCK = "in-block"  # its markers were damaged: kept only in its row's block-level entry
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class SegmentResult:
    """One sentence: its source, the English as exported and as reviewed."""

    id: str
    source: str
    original: str
    target: str
    status: SegmentStatus
    note: str = ""


@dataclass(frozen=True, slots=True)
class BlockResult:
    """A row paired as a whole because its sentence markers were damaged."""

    id: str
    source: str
    original: str
    target: str
    reason: str


@dataclass(frozen=True, slots=True)
class AddedRow:
    """A row with no segment id: the reviewer added it (its text is reported, not stored)."""

    row_number: int
    after: str | None
    source: str
    target: str


@dataclass(frozen=True, slots=True)
class SourceEdit:
    """Vietnamese text the reviewer changed (the memory keeps the exported source)."""

    id: str
    exported: str
    found: str


@dataclass(frozen=True, slots=True)
class CommentNote:
    """A reviewer's comment and the sentence or row it is attached to."""

    author: str
    text: str
    anchor: str
    date: str = ""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A proposed glossary entry: reviewers replaced ``replaces`` by ``english`` consistently."""

    vietnamese: str
    english: str
    replaces: str
    segment_ids: tuple[str, ...]
    method: str

    @property
    def command(self) -> str:
        """Return the ``songngu glossary add`` line that would adopt the suggestion."""
        return f'songngu glossary add "{self.vietnamese}" "{self.english}"'


@dataclass(frozen=True, slots=True)
class ApprovalSummary:
    """What was approved and how: ticked rows, sentences held back, marks not understood.

    ``held`` are untouched sentences that ``--approve-unchanged`` would have approved but whose
    ``[error]`` QA comment is still in the file; ``stored`` pairs each stored id with its state.
    """

    ticked_rows: tuple[str, ...] = ()
    held: tuple[str, ...] = ()
    ticked_with_errors: tuple[str, ...] = ()
    unclear_marks: tuple[tuple[str, str], ...] = ()
    stored: tuple[tuple[str, str], ...] = ()

    def count(self, state: str) -> int:
        """Return how many stored sentences or blocks have ``state`` (``reviewed``, ``final``)."""
        return sum(stored_state == state for _, stored_state in self.stored)


@dataclass(frozen=True, slots=True)
class ReviewReport:
    """Everything review import found in one reviewed file."""

    path: str
    document: str
    signature: str
    reviewer: str
    has_manifest: bool
    segments: tuple[SegmentResult, ...]
    blocks: tuple[BlockResult, ...] = ()
    added_rows: tuple[AddedRow, ...] = ()
    missing_blocks: tuple[str, ...] = ()
    source_edits: tuple[SourceEdit, ...] = ()
    comments: tuple[CommentNote, ...] = ()
    notes: tuple[str, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    num_stored: int = 0
    memory_path: str = ""
    is_dry_run: bool = False
    approval: ApprovalSummary = field(default_factory=ApprovalSummary)

    def count(self, status: SegmentStatus) -> int:
        """Return the number of sentences with ``status``."""
        return sum(result.status is status for result in self.segments)


def report_to_dict(report: ReviewReport) -> dict[str, Any]:
    """Return the report as JSON-ready data (every field, statuses as strings)."""
    data = asdict(report)
    data["counts"] = {status.value: report.count(status) for status in SegmentStatus}
    data["counts"].update(added_rows=len(report.added_rows), comments=len(report.comments))
    approval = report.approval
    data["counts"].update(
        stored_reviewed=approval.count("reviewed"),
        stored_final=approval.count("final"),
        held=len(approval.held),
    )
    for result in data["segments"]:
        result["status"] = result["status"].value
    for suggestion, original in zip(data["suggestions"], report.suggestions, strict=True):
        suggestion["command"] = original.command
    return data


def render_report(report: ReviewReport) -> str:
    """Return the report as text for the terminal."""
    lines = [*_summary_lines(report), *_edit_lines(report), *_row_lines(report)]
    lines += [*_remark_lines(report), *_approval_lines(report.approval)]
    lines += [*_suggestion_lines(report), _memory_line(report)]
    return "\n".join(lines) + "\n"


def _summary_lines(report: ReviewReport) -> list[str]:
    counted = ", ".join(
        f"{report.count(status)} {status.value}"
        for status in SegmentStatus
        if report.count(status) or status in (SegmentStatus.EDITED, SegmentStatus.UNCHANGED)
    )
    by = f", reviewed by {report.reviewer}" if report.reviewer else ""
    lines = [
        f"Review of {report.path} ({report.document}{by})",
        f"  {len(report.segments)} sentences: {counted}; "
        f"{_plural(len(report.added_rows), 'row')} added, "
        f"{_plural(len(report.missing_blocks), 'row')} missing; "
        f"{_plural(len(report.comments), 'reviewer comment')}",
    ]
    if not report.has_manifest:
        lines.append(
            "  This file has lost songngu's manifest (re-saved by another tool?): sources are "
            "read from the Vietnamese column and edits cannot be told from unchanged text."
        )
    return lines


def _edit_lines(report: ReviewReport) -> list[str]:
    lines: list[str] = []
    edited = [r for r in report.segments if r.status is SegmentStatus.EDITED]
    if edited:
        lines.append("Edited:")
    for result in edited:
        note = f"  ({result.note})" if result.note else ""
        lines += [
            f"  {result.id}  {_quote(result.original)}{note}",
            f"      → {_quote(result.target)}",
        ]
    if report.blocks:
        lines.append("Rows kept whole (sentence markers damaged; stored as one block-level entry):")
    for block in report.blocks:
        lines += [f"  {block.id}  {block.reason}", f"      → {_quote(block.target)}"]
    emptied = [r.id for r in report.segments if r.status is SegmentStatus.EMPTIED]
    if emptied:
        lines.append(f"Emptied by the reviewer (nothing stored): {', '.join(emptied)}")
    return lines


def _row_lines(report: ReviewReport) -> list[str]:
    lines: list[str] = []
    if report.missing_blocks:
        lines.append(f"Rows missing (deleted?; nothing stored): {', '.join(report.missing_blocks)}")
    if report.added_rows:
        lines.append("Rows added (no segment id, not stored; merge them by hand):")
    for row in report.added_rows:
        where = f"after {row.after}" if row.after else "before the first row"
        lines.append(f"  row {row.row_number} {where}: {_quote(row.source)} | {_quote(row.target)}")
    return lines


def _remark_lines(report: ReviewReport) -> list[str]:
    lines: list[str] = []
    if report.source_edits:
        lines.append("Vietnamese changed (the memory keeps the exported source):")
    for edit in report.source_edits:
        lines.append(f"  {edit.id}  {_quote(edit.exported)} → {_quote(edit.found)}")
    if report.comments:
        lines.append("Reviewer comments:")
    for comment in report.comments:
        lines.append(
            f"  {comment.anchor} — {comment.author or 'anonymous'}: {_quote(comment.text)}"
        )
    if report.notes:
        lines.append("Notes outside the table:")
    lines += [f"  {_quote(note)}" for note in report.notes]
    return lines


def _approval_lines(approval: ApprovalSummary) -> list[str]:
    lines: list[str] = []
    if approval.ticked_rows:
        lines.append(
            f"Approved explicitly (OK mark or approved unit): {', '.join(approval.ticked_rows)}"
        )
    for segment_id in approval.ticked_with_errors:
        lines.append(f"  {segment_id}  approved explicitly with its [error] comment open")
    for block_id, mark in approval.unclear_marks:
        lines.append(
            f"  row {block_id}: OK mark {_quote(mark)} not understood (type x); not approved"
        )
    if approval.held:
        lines.append(
            f"Not approved: {_plural(len(approval.held), 'unchanged sentence')} with an open "
            "[error] QA comment (edit it, resolve or delete the comment, "
            "or type x in its row's OK box):"
        )
    lines += [f"  {segment_id}  [error] comment open" for segment_id in approval.held]
    return lines


def _suggestion_lines(report: ReviewReport) -> list[str]:
    if not report.suggestions:
        return []
    lines = ["Glossary suggestions (the glossary is not changed; adopt the right ones yourself):"]
    for suggestion in report.suggestions:
        evidence = ", ".join(suggestion.segment_ids[:5])
        more = "…" if len(suggestion.segment_ids) > 5 else ""
        lines.append(
            f"  {suggestion.command}   # {len(suggestion.segment_ids)} segments ({evidence}{more}) "
            f"replaced {_quote(suggestion.replaces)}; {suggestion.method}"
        )
    return lines


def _memory_line(report: ReviewReport) -> str:
    if report.is_dry_run:
        return "Dry run: the translation memory was not changed."
    approval = report.approval
    return (
        f"Memory: {report.num_stored} entries stored in {report.memory_path} "
        f"({approval.count('reviewed')} reviewed, {approval.count('final')} final)."
    )


def _quote(text: str) -> str:
    """Quote ``text`` on one line, in full: nothing a reviewer wrote is cut."""
    return '"' + " ".join(text.split()) + '"'


def _plural(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
