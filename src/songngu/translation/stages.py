"""The translation stages before the model, each ``Document -> Document``, and progress counts.

In pipeline order: metadata blocks are copied as they are (:func:`copy_untranslated`);
sentences the translation memory holds take its target (:class:`MemoryStage`); the rest go to
the model (:mod:`songngu.translation.first_pass`), planned, translated through the journal and
reassembled. Second attempts at failed sentences are a stage of their own
(:mod:`songngu.translation.retry`). :class:`SentenceCounter` turns finished pieces into progress.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from songngu.glossary.presence import is_rendered
from songngu.journal import Journal, piece_key
from songngu.model import (
    Document,
    MemoryMatch,
    Origin,
    Segment,
    map_segments,
    replace_segments,
)
from songngu.translation.plan import Piece

__all__ = [
    "FIRST_ATTEMPT",
    "TRANSLATING",
    "MemoryLookup",
    "MemoryStage",
    "Progress",
    "ProgressCallback",
    "SentenceCounter",
    "copy_untranslated",
    "pending_segments",
]

#: The journal's name for the first pass over a document.
FIRST_ATTEMPT = "first"
#: The progress step of the first pass.
TRANSLATING = "translating"


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a step of translating one document has come, in sentences.

    ``step`` is ``translating`` for the first pass and ``retrying <how>`` for second attempts
    (whose ``total`` counts only the sentences retried).
    """

    step: str
    done: int
    total: int


ProgressCallback = Callable[[Progress], None]


class MemoryLookup(Protocol):
    """What the memory stage needs from a translation memory."""

    def lookup(self, sources: Sequence[str]) -> dict[str, MemoryMatch]:
        """Return the stored entry of each source that has one."""
        ...

    def hints(self, sources: Sequence[str]) -> dict[str, MemoryMatch]:
        """Return a close vetted entry for sources without an exact match (shown, not used)."""
        ...


def pending_segments(document: Document) -> list[Segment]:
    """Return the segments of translated blocks that have no target yet."""
    return [
        segment
        for block in document.blocks
        if block.is_translated
        for segment in block.segments
        if segment.target is None
    ]


def copy_untranslated(document: Document) -> Document:
    """Give the segments of metadata blocks their source as target (they are not translated)."""
    kept = {s.id for b in document.blocks if not b.is_translated for s in b.segments}
    return map_segments(
        document,
        lambda s: (
            dataclasses.replace(s, target=s.source, origin=Origin.COPY) if s.id in kept else s
        ),
    )


class MemoryStage:
    """Take the target of every pending sentence the translation memory holds; hint the rest."""

    def __init__(self, memory: MemoryLookup) -> None:
        """Look sentences up in ``memory``."""
        self.memory = memory

    def __call__(self, document: Document) -> Document:
        """Return the document with memory hits filled in (``Origin.MEMORY``)."""
        pending = pending_segments(document)
        if not pending:
            return document
        found = self.memory.lookup([segment.source for segment in pending])
        hints = self.memory.hints([s.source for s in pending if s.source not in found])
        replacements = {
            s.id: _from_memory(s, found[s.source]) for s in pending if s.source in found
        }
        replacements.update(
            {
                s.id: dataclasses.replace(s, hint=hints[s.source])
                for s in pending
                if s.source in hints
            }
        )
        return replace_segments(document, replacements)


class SentenceCounter:
    """Turn finished pieces into finished sentences for a progress callback, for one step."""

    def __init__(
        self,
        step: str,
        pieces: dict[str, tuple[Piece, ...]],
        total: int,
        progress: ProgressCallback | None,
    ) -> None:
        """Count ``total`` sentences, of which those in ``pieces`` wait for all their pieces."""
        self.step = step
        self.total = total
        self.pieces = pieces
        self.waiting = {segment_id: set(pieces) for segment_id, pieces in pieces.items()}
        self.progress = progress

    def pieces_done(self, pieces: Sequence[Piece]) -> None:
        """Count ``pieces`` as finished and report the sentences all of whose pieces are."""
        for remaining in self.waiting.values():
            remaining.difference_update(pieces)
        if self.progress is not None:
            left = sum(1 for remaining in self.waiting.values() if remaining)
            self.progress(Progress(self.step, self.total - left, self.total))

    def num_saved(self, journal: Journal) -> int:
        """Count the sentences every piece of which the journal holds (the run stopped).

        From the journal itself, not from the last report: Ctrl-C or a failure can come between
        a chunk being saved and its progress being reported.
        """
        unsaved = sum(
            not all(journal.has(piece_key(FIRST_ATTEMPT, p.source, p.terms)) for p in pieces)
            for pieces in self.pieces.values()
        )
        return self.total - unsaved


def _from_memory(segment: Segment, match: MemoryMatch) -> Segment:
    """Take a memory hit with its state; mark its terms enforced when its target renders them."""
    terms = tuple(
        dataclasses.replace(term, enforced=is_rendered(match.target, term.target), method="memory")
        for term in segment.terms
    )
    vetted = match.state.is_vetted
    return dataclasses.replace(
        segment,
        target=match.target,
        origin=Origin.MEMORY,
        terms=terms,
        state=match.state,
        reviewer=match.reviewer if vetted else "",
        reviewed_at=match.date if vetted else "",
    )
