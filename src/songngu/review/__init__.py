"""Review re-import: a reviewed DOCX back into the translation memory, with a full report.

:func:`import_review` reads the file (:mod:`songngu.ooxml.review_file`), pairs it by id
(:mod:`songngu.review.pairing`), proposes glossary entries (:mod:`songngu.review.suggestions`)
and stores what the reviewer edited or approved (:mod:`songngu.review.approval`) as ``reviewer``
entries with their state. See ``docs/design/review.md`` and ``docs/design/approval-and-xliff.md``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from songngu.errors import ReviewError
from songngu.exporters.xliff import read_xliff
from songngu.memory import EntryOrigin, MemoryEntry, TranslationMemory
from songngu.model import Origin, State
from songngu.ooxml.markup import QA_AUTHOR
from songngu.ooxml.review_file import ReviewFile, read_review_file
from songngu.review.approval import ApprovalPolicy, Approvals, decide_approvals
from songngu.review.pairing import Pairing, normalized, pair_review
from songngu.review.report import (
    ApprovalSummary,
    BlockResult,
    ReviewReport,
    SegmentResult,
    SegmentStatus,
    render_report,
    report_to_dict,
)
from songngu.review.suggestions import EditedSentence, suggest_glossary_entries
from songngu.review.xliff_pairing import pair_xliff

__all__ = ["ReviewOptions", "ReviewReport", "import_review", "render_report", "report_to_dict"]

#: Reviewed files read as XLIFF 1.2 (anything else is read as a Word review file).
XLIFF_SUFFIXES = (".xlf", ".xliff")

# Names that tools, not people, leave as the last author of a file.
_TOOL_AUTHORS = frozenset({"", QA_AUTHOR, "python-docx"})


@dataclass(frozen=True, slots=True)
class ReviewOptions:
    """How to import: who reviewed, whether to store anything, and what."""

    reviewer: str | None = None
    is_dry_run: bool = False
    is_edited_only: bool = False
    approve_unchanged: bool = False


def import_review(
    path: Path, memory: TranslationMemory, options: ReviewOptions | None = None
) -> ReviewReport:
    """Pair a reviewed file with what was exported, store the approved English, and report.

    ``path`` is a review DOCX, or an XLIFF 1.2 file (``.xlf``, ``.xliff``) as a CAT tool saved it.

    Raises:
        InputError: the file is not a readable Word document (or XLIFF file).
        ReviewError: the file holds no songngu segment ids at all.
        MemoryStoreError: the memory cannot be read or written.
    """
    options = options or ReviewOptions()
    if path.suffix.lower() in XLIFF_SUFFIXES:
        pairing = pair_xliff(read_xliff(path))
        if not pairing.segments:
            raise ReviewError(f"{path}: no trans-units found; is this a songngu XLIFF export?")
        return _store(pairing, memory, options.reviewer or "", options, str(path))
    review = read_review_file(path)
    pairing = pair_review(review)
    if not pairing.manifest.blocks:
        raise ReviewError(
            f"{path}: no songngu segment ids found; review import needs a DOCX written by "
            "songngu translate (its rows carry the ids)."
        )
    reviewer = options.reviewer or _reviewer_of(review)
    return _store(pairing, memory, reviewer, options, str(path))


def _store(
    pairing: Pairing, memory: TranslationMemory, reviewer: str, options: ReviewOptions, path: str
) -> ReviewReport:
    """Store what the reviewer edited or approved, and report everything found."""
    policy = ApprovalPolicy(options.approve_unchanged, options.is_edited_only)
    approvals = decide_approvals(pairing, policy)
    sentences = [*_current_edits(pairing), *_past_edits(memory)]
    entries = list(_memory_entries(pairing, reviewer, approvals))
    num_stored = 0 if options.is_dry_run else memory.add(entries)
    return ReviewReport(
        path=path,
        document=pairing.manifest.source_path or "source unknown",
        signature=pairing.manifest.signature,
        reviewer=reviewer,
        has_manifest=pairing.has_manifest,
        segments=pairing.segments,
        blocks=pairing.blocks,
        added_rows=pairing.added_rows,
        missing_blocks=pairing.missing_blocks,
        source_edits=pairing.source_edits,
        comments=pairing.comments,
        notes=pairing.notes,
        suggestions=tuple(suggest_glossary_entries(sentences)),
        num_stored=num_stored,
        memory_path=str(memory.path),
        is_dry_run=options.is_dry_run,
        approval=_approval_summary(approvals, entries),
    )


def _reviewer_of(review: ReviewFile) -> str:
    """Return who saved the file last, unless a tool did; else the first comment author."""
    if review.last_modified_by not in _TOOL_AUTHORS:
        return review.last_modified_by
    authors = [c.author for c in review.comments if c.author not in _TOOL_AUTHORS]
    return authors[0] if authors else ""


def _approval_summary(approvals: Approvals, entries: list[MemoryEntry]) -> ApprovalSummary:
    return ApprovalSummary(
        ticked_rows=approvals.ticked,
        held=approvals.held,
        ticked_with_errors=approvals.ticked_with_errors,
        unclear_marks=approvals.unclear_marks,
        stored=tuple((entry.segment_id, entry.effective_state.value) for entry in entries),
    )


def _memory_entries(pairing: Pairing, reviewer: str, approvals: Approvals) -> Iterator[MemoryEntry]:
    copied = {s.id for s in pairing.manifest.segments().values() if s.origin == Origin.COPY.value}
    for result in pairing.segments:
        # Copied metadata and English identical to the source are no translations to reuse.
        is_copy = result.id in copied or normalized(result.target) == normalized(result.source)
        if not is_copy and result.id in approvals.states:
            yield _entry(result, pairing, reviewer, approvals.states[result.id])
    for block in pairing.blocks:
        if block.id in approvals.states:
            yield _entry(block, pairing, reviewer, approvals.states[block.id], level="block")


def _entry(
    result: SegmentResult | BlockResult,
    pairing: Pairing,
    reviewer: str,
    state: State,
    level: str = "sentence",
) -> MemoryEntry:
    return MemoryEntry(
        source=result.source,
        target=result.target,
        origin=EntryOrigin.REVIEWER,
        level=level,
        signature=pairing.manifest.signature,
        document=pairing.manifest.source_path,
        segment_id=result.id,
        reviewer=reviewer,
        original=result.original,
        state=state,
    )


def _current_edits(pairing: Pairing) -> Iterator[EditedSentence]:
    segments = pairing.manifest.segments()
    for result in pairing.segments:
        if result.status is SegmentStatus.EDITED:
            terms = segments[result.id].terms
            yield EditedSentence(result.id, result.source, result.original, result.target, terms)


def _past_edits(memory: TranslationMemory) -> Iterator[EditedSentence]:
    """Yield earlier reviewers' edits from the memory (a sentence edited again counts once)."""
    for entry in memory.iter_entries([EntryOrigin.REVIEWER]):
        if entry.original and normalized(entry.original) != normalized(entry.target):
            label = f"{Path(entry.document).name or 'memory'}:{entry.segment_id}"
            yield EditedSentence(
                label, entry.source, entry.original, entry.target, is_current=False
            )
