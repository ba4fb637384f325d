"""The translate stage: sources to targets, with nothing truncated, dropped or re-paired.

Per run: metadata blocks are copied, sentences already in the translation memory are reused,
identical sentences are translated once, sentences over the model's input budget are split at
clause boundaries and rejoined, and glossary terms are enforced (``Document -> Document``).
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from songngu.backends import Translator
from songngu.glossary.enforcement import TermJob, enforce_terms, mark_enforced
from songngu.model import Document, Issue, Origin, Segment, Severity, TermMatch, replace_segments
from songngu.segmenter import join_pieces, split_to_budget

ProgressCallback = Callable[[int, int], None]

logger = logging.getLogger(__name__)

#: Pieces per call to the backend; small enough for steady progress, large enough to batch well.
_CHUNK_SIZE = 64


class MemoryLookup(Protocol):
    """What the translate stage needs from a translation memory."""

    def lookup(self, sources: Sequence[str]) -> dict[str, str]:
        """Return the stored target of each source that has one."""
        ...


@runtime_checkable
class MemoryRecorder(MemoryLookup, Protocol):
    """A memory that also keeps what a run translated (the pipeline calls it once per document)."""

    def record(self, document: Document) -> int:
        """Store the document's new translations; return how many were stored."""
        ...


@dataclass(frozen=True, slots=True)
class _Piece:
    """A part of a source sentence that fits the model, with the terms inside it."""

    source: str
    terms: tuple[TermMatch, ...]


class TranslateStage:
    """Fill in ``Segment.target`` for every segment of a document."""

    def __init__(
        self,
        translator: Translator,
        memory: MemoryLookup | None = None,
        progress: ProgressCallback | None = None,
    ) -> None:
        """Translate with ``translator``, reusing ``memory`` hits, reporting to ``progress``."""
        self.translator = translator
        self.memory = memory
        self.progress = progress

    def __call__(self, document: Document) -> Document:
        """Return ``document`` with a target on every segment."""
        translated = {s.id for b in document.blocks if b.is_translated for s in b.segments}
        segments = list(document.iter_segments())
        updates = {s.id: _copied(s) for s in segments if s.id not in translated}
        pending = [s for s in segments if s.id in translated]
        updates.update(self._from_memory(pending))
        pending = [s for s in pending if s.id not in updates]
        updates.update(self._from_model(pending))
        return replace_segments(document, updates)

    def _from_memory(self, segments: list[Segment]) -> dict[str, Segment]:
        if self.memory is None or not segments:
            return {}
        found = self.memory.lookup([segment.source for segment in segments])
        return {
            s.id: dataclasses.replace(
                s, target=found[s.source], origin=Origin.MEMORY, terms=_terms_in(found[s.source], s)
            )
            for s in segments
            if s.source in found
        }

    def _from_model(self, segments: list[Segment]) -> dict[str, Segment]:
        unique = {segment.source: segment for segment in segments}
        budget = self.translator.max_input_tokens
        pieces = {
            source: _split(segment, budget, self.translator) for source, segment in unique.items()
        }
        flat = [piece for source_pieces in pieces.values() for piece in source_pieces]
        translations = dict(zip(flat, self._translate_pieces(flat), strict=True))
        return {
            segment.id: _assemble(segment, pieces[segment.source], translations)
            for segment in segments
        }

    def _translate_pieces(self, pieces: list[_Piece]) -> list[TermJob]:
        order = sorted(range(len(pieces)), key=lambda index: len(pieces[index].source))
        jobs: dict[int, TermJob] = {}
        for chunk_start in range(0, len(order), _CHUNK_SIZE):
            chunk = order[chunk_start : chunk_start + _CHUNK_SIZE]
            sources = [pieces[index].source for index in chunk]
            first = self.translator.translate(sources)
            initial = [
                TermJob(pieces[index].source, pieces[index].terms, translation)
                for index, translation in zip(chunk, first, strict=True)
            ]
            jobs.update(zip(chunk, enforce_terms(initial, self.translator), strict=True))
            done = min(chunk_start + _CHUNK_SIZE, len(order))
            # -v shows progress where stderr is not a terminal (and the benchmark times it).
            logger.info("translated %d of %d pieces", done, len(order))
            if self.progress:
                self.progress(done, len(order))
        return [jobs[index] for index in range(len(pieces))]


def _copied(segment: Segment) -> Segment:
    return dataclasses.replace(segment, target=segment.source, origin=Origin.COPY)


def _split(segment: Segment, budget: int, translator: Translator) -> list[_Piece]:
    texts = split_to_budget(segment.source, budget, lambda text: translator.count_tokens([text])[0])
    pieces = []
    offset = 0
    for text in texts:
        end = offset + len(text)
        inside = tuple(
            dataclasses.replace(term, start=term.start - offset, end=term.end - offset)
            for term in segment.terms
            if term.start >= offset and term.end <= end
        )
        pieces.append(_Piece(text, inside))
        offset = end
    return pieces


def _assemble(segment: Segment, pieces: list[_Piece], jobs: dict[_Piece, TermJob]) -> Segment:
    piece_jobs = [jobs[piece] for piece in pieces]
    target = join_pieces(
        [piece.source for piece in pieces], [job.translation.text for job in piece_jobs]
    )
    issues = list(segment.issues)
    if any(job.translation.is_capped for job in piece_jobs):
        issues.append(
            Issue(
                "length-cap",
                Severity.WARNING,
                "The model stopped at the output length cap; the end of the sentence may be "
                "missing or repeated.",
            )
        )
    return dataclasses.replace(
        segment,
        target=target,
        terms=_segment_terms(segment, pieces, piece_jobs),
        issues=tuple(issues),
        origin=Origin.MODEL,
        num_pieces=len(pieces),
    )


def _segment_terms(
    segment: Segment, pieces: list[_Piece], piece_jobs: list[TermJob]
) -> tuple[TermMatch, ...]:
    """Put piece-level enforcement results back on the segment's own term records.

    A term that a clause split cut in two (rare: the cut is at a comma inside a long name)
    belongs to no piece and stays unenforced, so the checks flag it.
    """
    results: dict[tuple[int, int], TermMatch] = {}
    offset = 0
    for piece, job in zip(pieces, piece_jobs, strict=True):
        for term in mark_enforced(job):
            start, end = term.start + offset, term.end + offset
            results[(start, end)] = dataclasses.replace(term, start=start, end=end)
        offset += len(piece.source)
    return tuple(results.get((term.start, term.end), term) for term in segment.terms)


def _terms_in(target: str, segment: Segment) -> tuple[TermMatch, ...]:
    """Mark terms of a memory hit as enforced when the stored target renders them."""
    from songngu.glossary.enforcement import is_rendered

    return tuple(
        dataclasses.replace(term, enforced=is_rendered(target, term.target), method="memory")
        for term in segment.terms
    )
