"""The translate stage: sources to targets, with nothing truncated, dropped or re-paired.

Per run: metadata blocks are copied, sentences already in the translation memory are reused,
identical sentences are translated once, sentences over the model's input budget are split at
clause boundaries and rejoined, and glossary terms are enforced (``Document -> Document``).
Translated pieces go to the resume journal as each chunk finishes, and segments that failed in
a known way get one more attempt (``docs/design/robustness.md``).
"""

from __future__ import annotations

import dataclasses
import itertools
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from songngu.backends import Translation, Translator
from songngu.errors import SongnguError, TranslationError, TranslationInterrupted
from songngu.glossary.enforcement import TermJob, enforce_terms, mark_enforced
from songngu.journal import Journal, JournalEntry, piece_key
from songngu.model import Document, Issue, Origin, Segment, Severity, TermMatch, replace_segments
from songngu.readers.validation import single_line
from songngu.retry import (
    NO_REPEAT_NGRAM_SIZE,
    REPETITION_PENALTY,
    RetryAttempt,
    SupportsRepetitionControls,
    retry_segments,
)
from songngu.segmenter import join_pieces, split_to_budget

ProgressCallback = Callable[[int, int], None]

logger = logging.getLogger(__name__)

#: Pieces per call to the backend; small enough for steady progress, large enough to batch well.
_CHUNK_SIZE = 64
_FIRST_ATTEMPT = "first"
# A retry "clause by clause" needs a sentence of a few words, and pieces of a few tokens.
_MIN_FINER_WORDS = 4
_MIN_FINER_BUDGET = 4
_WINDOW_BUDGETS = 4


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
    segment_id: str = ""


class _ChunkError(Exception):
    """A backend call raised; carries the ids of the sentences it was translating."""

    def __init__(self, segment_ids: tuple[str, ...]) -> None:
        super().__init__(", ".join(segment_ids))
        self.segment_ids = segment_ids


class TranslateStage:
    """Fill in ``Segment.target`` for every segment of a document."""

    def __init__(
        self,
        translator: Translator,
        memory: MemoryLookup | None = None,
        progress: ProgressCallback | None = None,
        *,
        journal: Journal | None = None,
        retry: bool = False,
    ) -> None:
        """Translate with ``translator``, reusing ``memory`` hits, reporting to ``progress``.

        ``journal`` records every translated piece (and supplies those of an interrupted run);
        ``retry`` gives failed segments a second attempt (:mod:`songngu.retry`).
        """
        self.translator = translator
        self.memory = memory
        self.progress = progress
        self.journal = journal
        self.retry = retry
        self._pieces: dict[str, list[_Piece]] = {}
        self._originals: dict[str, Segment] = {}

    def __call__(self, document: Document) -> Document:
        """Return ``document`` with a target on every segment.

        Raises:
            TranslationInterrupted: Ctrl-C, with a journal: says how much is saved in it.
            TranslationError: the backend raised (out of memory, a model that misbehaves in
                a way nothing here foresaw); names the sentence and what is saved.
        """
        translated = {s.id for b in document.blocks if b.is_translated for s in b.segments}
        segments = list(document.iter_segments())
        updates = {s.id: _copied(s) for s in segments if s.id not in translated}
        pending = [s for s in segments if s.id in translated]
        updates.update(self._from_memory(pending))
        pending = [s for s in pending if s.id not in updates]
        try:
            updates.update(self._from_model(pending))
        except KeyboardInterrupt as interrupt:
            if self.journal is None:
                raise
            raise self._interruption(
                document, len(translated), pending, self.journal
            ) from interrupt
        except _ChunkError as failure:
            cause = failure.__cause__ or failure
            saved = self._saved_note(len(translated), pending)
            raise TranslationError(
                document.meta.source_path, cause, failure.segment_ids, saved
            ) from cause
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
        self._originals = {segment.id: segment for segment in segments}
        results = self._attempt(segments, _FIRST_ATTEMPT, self.translator, self.progress)
        if self.retry:
            results.update(retry_segments(list(results.values()), self._retry_attempts()))
        return results

    def _attempt(
        self,
        segments: list[Segment],
        attempt: str,
        translator: Translator,
        progress: ProgressCallback | None = None,
        budget_for: Callable[[Segment], int] | None = None,
    ) -> dict[str, Segment]:
        """Split, translate (through the journal) and reassemble ``segments`` in one attempt."""
        unique = {segment.source: segment for segment in segments}
        default_budget = self.translator.max_input_tokens
        pieces = {
            source: _split(
                segment, budget_for(segment) if budget_for else default_budget, self.translator
            )
            for source, segment in unique.items()
        }
        if attempt == _FIRST_ATTEMPT:
            self._pieces = pieces
        flat = [piece for source_pieces in pieces.values() for piece in source_pieces]
        jobs = self._translate_pieces(flat, attempt, translator, progress)
        translations = dict(zip(flat, jobs, strict=True))
        return {
            segment.id: _assemble(segment, pieces[segment.source], translations)
            for segment in segments
        }

    def _translate_pieces(
        self,
        pieces: list[_Piece],
        attempt: str,
        translator: Translator,
        progress: ProgressCallback | None,
    ) -> list[TermJob]:
        keys = [piece_key(attempt, piece.source, piece.terms) for piece in pieces]
        jobs = self._recall(pieces, keys)
        order = sorted(
            (index for index in range(len(pieces)) if index not in jobs),
            key=lambda index: len(pieces[index].source),
        )
        for chunk_start in range(0, len(order), _CHUNK_SIZE):
            chunk = order[chunk_start : chunk_start + _CHUNK_SIZE]
            finished = self._translate_chunk([pieces[index] for index in chunk], translator)
            jobs.update(zip(chunk, finished, strict=True))
            self._record({keys[index]: jobs[index] for index in chunk})
            # -v shows progress where stderr is not a terminal (and the benchmark times it).
            logger.info("translated %d of %d pieces", len(jobs), len(pieces))
            if progress:
                progress(len(jobs), len(pieces))
        return [jobs[index] for index in range(len(pieces))]

    def _translate_chunk(self, pieces: list[_Piece], translator: Translator) -> list[TermJob]:
        try:
            return self._translate_and_enforce(pieces, translator)
        except SongnguError:
            raise
        except Exception as error:
            # Whatever a backend raises ends this file in one line, not the run in a traceback.
            ids = tuple(dict.fromkeys(piece.segment_id for piece in pieces))
            raise _ChunkError(ids) from error

    def _translate_and_enforce(self, pieces: list[_Piece], translator: Translator) -> list[TermJob]:
        first = translator.translate([piece.source for piece in pieces])
        initial = [
            TermJob(piece.source, piece.terms, translation)
            for piece, translation in zip(pieces, first, strict=True)
        ]
        # Terms are forced in with the plain translator: n-gram blocking (retries) could ban a
        # token of the forced prefix itself.
        return enforce_terms(initial, self.translator)

    def _recall(self, pieces: list[_Piece], keys: list[str]) -> dict[int, TermJob]:
        if self.journal is None:
            return {}
        jobs = {}
        for index, (piece, key) in enumerate(zip(pieces, keys, strict=True)):
            entry = self.journal.recall(key)
            if entry is not None:
                translation = Translation(entry.text, entry.is_capped)
                jobs[index] = TermJob(piece.source, piece.terms, translation, entry.methods)
        return jobs

    def _record(self, jobs: dict[str, TermJob]) -> None:
        if self.journal is not None:
            self.journal.record(
                {
                    key: JournalEntry(job.translation.text, job.translation.is_capped, job.methods)
                    for key, job in jobs.items()
                }
            )

    def _retry_attempts(self) -> list[RetryAttempt]:
        def originals(segments: list[Segment]) -> list[Segment]:
            return [self._originals[segment.id] for segment in segments]

        attempts = [
            RetryAttempt(
                "clause by clause",
                lambda segments: self._attempt(
                    [s for s in originals(segments) if len(s.source.split()) >= _MIN_FINER_WORDS],
                    "finer",
                    self.translator,
                    budget_for=self._finer_budget,
                ),
            )
        ]
        if isinstance(self.translator, SupportsRepetitionControls):
            controlled = self.translator.with_repetition_controls(
                REPETITION_PENALTY, NO_REPEAT_NGRAM_SIZE
            )
            attempts.append(
                RetryAttempt(
                    "with repetition controls",
                    lambda segments: self._attempt(originals(segments), "controlled", controlled),
                )
            )
        return attempts

    def _finer_budget(self, segment: Segment) -> int:
        """Half the sentence's own tokens (within the model's budget): at least two pieces."""
        num_tokens = self.translator.count_tokens([segment.source])[0]
        return max(_MIN_FINER_BUDGET, min(num_tokens, self.translator.max_input_tokens) // 2)

    def _interruption(
        self, document: Document, num_translated: int, pending: list[Segment], journal: Journal
    ) -> TranslationInterrupted:
        """Say how many sentences are saved in the journal (or never needed the model)."""
        num_saved = num_translated - self._num_waiting(pending, journal)
        return TranslationInterrupted(
            document.meta.source_path, journal.path, num_saved, num_translated
        )

    def _saved_note(self, num_translated: int, pending: list[Segment]) -> str:
        """Say how much of a failed file the journal keeps for the next run."""
        if self.journal is None:
            return ""
        num_saved = num_translated - self._num_waiting(pending, self.journal)
        return f"{num_saved} of {num_translated} sentences are saved in {self.journal.path}"

    def _num_waiting(self, pending: list[Segment], journal: Journal) -> int:
        """Count the pending sentences not every piece of which is in the journal."""

        def is_saved(segment: Segment) -> bool:
            pieces = self._pieces.get(segment.source, [])
            keys = [piece_key(_FIRST_ATTEMPT, piece.source, piece.terms) for piece in pieces]
            return bool(keys) and all(journal.has(key) for key in keys)

        return sum(not is_saved(segment) for segment in pending)


def _copied(segment: Segment) -> Segment:
    return dataclasses.replace(segment, target=segment.source, origin=Origin.COPY)


def _split(segment: Segment, budget: int, translator: Translator) -> list[_Piece]:
    def count(text: str) -> int:
        return translator.count_tokens([text])[0]

    texts = [
        piece
        for chunk in _chunks(segment.source, budget)
        for piece in split_to_budget(chunk, budget, count)
    ]
    pieces = []
    offset = 0
    for text in texts:
        end = offset + len(text)
        inside = tuple(
            dataclasses.replace(term, start=term.start - offset, end=term.end - offset)
            for term in segment.terms
            if term.start >= offset and term.end <= end
        )
        pieces.append(_Piece(text, inside, segment.id))
        offset = end
    return pieces


def _chunks(text: str, budget: int) -> list[str]:
    """Cut a monster sentence (a scraped page with no full stop) into windows of ~4 budgets.

    ``split_to_budget`` weighs every cut of what it is given; on a 2 MB "sentence" that is
    quadratic. A model token never spans whitespace, so a window of ``4 × budget`` words holds
    at least four pieces, and cutting windows after a comma or at a space loses nothing: the
    windows concatenate back to the sentence exactly.
    """
    window = _WINDOW_BUDGETS * budget
    words = list(re.finditer(r"\S+\s*", text))
    if len(words) <= 2 * window:
        return [text]
    cuts = [0]
    index = 0
    while len(words) - index > 2 * window:
        span = range(index + window // 2, index + window)
        after_clause = [i for i in span if words[i].group().rstrip().endswith((",", ";", ":"))]
        chosen = (after_clause or list(span))[-1]
        cuts.append(words[chosen].end())
        index = chosen + 1
    cuts.append(len(text))
    return [text[start:end] for start, end in itertools.pairwise(cuts)]


def _assemble(segment: Segment, pieces: list[_Piece], jobs: dict[_Piece, TermJob]) -> Segment:
    piece_jobs = [jobs[piece] for piece in pieces]
    target = join_pieces(
        [piece.source for piece in pieces], [job.translation.text for job in piece_jobs]
    )
    target = single_line(target)
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
