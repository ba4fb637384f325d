"""Which reviewed sentences go into the memory, and as what: edits and explicit approvals only.

A sentence is stored when the reviewer changed its English (``reviewed``) or approved its row
with the OK mark (``final``); ``approve_unchanged`` approves every untouched row, except a
sentence whose ``[error]`` QA comment is still in the file, which is held back and reported
(``docs/design/approval-and-xliff.md``).
"""

from __future__ import annotations

from dataclasses import dataclass

from songngu.model import State
from songngu.ooxml.markup import block_of, parse_approval
from songngu.review.pairing import Pairing, normalized
from songngu.review.report import SegmentResult, SegmentStatus

#: Results whose English may be approved as it stands.
_UNTOUCHED = (SegmentStatus.UNCHANGED, SegmentStatus.REVIEWED)


@dataclass(frozen=True, slots=True)
class ApprovalPolicy:
    """How untouched rows are treated: approved in bulk, or only edits counted."""

    approve_unchanged: bool = False
    edited_only: bool = False


@dataclass(frozen=True, slots=True)
class Approvals:
    """The state each stored sentence or block gets, and what was held back or not understood."""

    states: dict[str, State]
    ticked: tuple[str, ...]
    held: tuple[str, ...]
    ticked_with_errors: tuple[str, ...]
    unclear_marks: tuple[tuple[str, str], ...]


def decide_approvals(pairing: Pairing, policy: ApprovalPolicy) -> Approvals:
    """Return the state of every sentence (and whole row) that review import stores."""
    marks = {block: parse_approval(text) for block, text in pairing.marks.items()}
    ticked = {block for block, mark in marks.items() if mark and not policy.edited_only}
    states: dict[str, State] = {}
    held: list[str] = []
    for result in pairing.segments:
        state = _sentence_state(result, _is_ticked(result.id, ticked), policy)
        if state is State.FINAL and _is_bulk(result, ticked) and result.id in pairing.open_errors:
            held.append(result.id)
        elif state is not None:
            states[result.id] = state
    for block in pairing.blocks:
        is_changed = normalized(block.target) != normalized(block.original)
        state = _state(is_changed, block.id in ticked, policy)
        if state is not None:
            states[block.id] = state
    return Approvals(
        states=states,
        ticked=tuple(sorted(ticked)),
        held=tuple(held),
        ticked_with_errors=tuple(
            sorted(i for i in pairing.open_errors if _is_ticked(i, ticked) and i in states)
        ),
        unclear_marks=tuple((b, pairing.marks[b]) for b, mark in marks.items() if mark is None),
    )


def _sentence_state(result: SegmentResult, is_ticked: bool, policy: ApprovalPolicy) -> State | None:
    if result.status is SegmentStatus.EDITED:
        return _state(True, is_ticked, policy)
    if result.status in _UNTOUCHED:
        return _state(False, is_ticked, policy)
    return None


def _state(is_changed: bool, is_ticked: bool, policy: ApprovalPolicy) -> State | None:
    if is_ticked:
        return State.FINAL
    if is_changed:
        return State.REVIEWED
    if policy.approve_unchanged and not policy.edited_only:
        return State.FINAL
    return None


def _is_bulk(result: SegmentResult, ticked: set[str]) -> bool:
    """Whether a sentence would be approved only by ``approve_unchanged`` (not edited, no tick)."""
    return result.status in _UNTOUCHED and not _is_ticked(result.id, ticked)


def _is_ticked(segment_id: str, ticked: set[str]) -> bool:
    """Whether the sentence's row (DOCX) or the sentence itself (XLIFF) was approved."""
    return segment_id in ticked or block_of(segment_id) in ticked
