"""The one place that calls the model: pieces through the resume journal, terms enforced.

:class:`PieceTranslator` owns the journal of a run. Pieces the journal already holds are
recalled; the rest go to the backend in length-sorted chunks, each chunk's glossary terms are
enforced, and the chunk is recorded as soon as it is finished. A backend that queues calls
(:class:`~songngu.backends.QueuesCalls`, CTranslate2) gets the next chunk's first pass before
this chunk's terms are forced, so Ctrl-C loses at most the chunk being finished and the one
queued behind it; other backends decode one chunk at a time. Whatever a backend raises becomes
a :class:`~songngu.errors.ModelCallError` naming the sentences it was translating.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from songngu.backends import Collect, QueuesCalls, ReportsBatches, Translation, Translator
from songngu.errors import ModelCallError, SongnguError
from songngu.journal import Journal, JournalEntry, piece_key
from songngu.translation.enforcement import TermJob, enforce_terms
from songngu.translation.plan import Piece

__all__ = ["PieceTranslator"]

Result = TypeVar("Result")

logger = logging.getLogger(__name__)

#: Pieces per call to the backend; small enough for steady progress, large enough to batch well.
CHUNK_SIZE = 64

#: Called with pieces as they are decoded (a backend that reports its batches), and again after
#: each chunk with the pieces it finished and journalled.
PiecesDone = Callable[[Sequence[Piece]], None]


class PieceTranslator:
    """Translate pieces with one backend, through the run's resume journal."""

    def __init__(self, translator: Translator, journal: Journal | None = None) -> None:
        """Decode with ``translator``; record every finished piece in ``journal`` if given."""
        self.translator = translator
        self.journal = journal

    def translate(
        self,
        pieces: Sequence[Piece],
        attempt: str,
        *,
        decoder: Translator | None = None,
        on_done: PiecesDone | None = None,
    ) -> dict[Piece, TermJob]:
        """Return each piece's finished job (translation with its terms enforced).

        ``attempt`` names the pass in journal keys ("first", "finer", …). ``decoder`` decodes
        the first output when it differs from the plain translator (repetition controls);
        terms are always forced with the plain translator, because n-gram blocking could ban
        a token of the forced prefix itself.

        Raises:
            ModelCallError: the backend raised; names the sentences of the chunk.
        """
        keys = [piece_key(attempt, piece.source, piece.terms) for piece in pieces]
        jobs = self._recall(pieces, keys)
        if on_done is not None and jobs:
            on_done([pieces[index] for index in jobs])
        order = sorted(
            (index for index in range(len(pieces)) if index not in jobs),
            key=lambda index: len(pieces[index].source),
        )
        chunks = [order[start : start + CHUNK_SIZE] for start in range(0, len(order), CHUNK_SIZE)]
        finishing = self._iter_chunks(
            [[pieces[index] for index in chunk] for chunk in chunks], decoder, on_done
        )
        for chunk, finished in zip(chunks, finishing, strict=True):
            jobs.update(zip(chunk, finished, strict=True))
            self._record({keys[index]: jobs[index] for index in chunk})
            # -v shows progress where stderr is not a terminal (and the benchmark times it).
            logger.info("translated %d of %d pieces", len(jobs), len(pieces))
            if on_done is not None:
                on_done([pieces[index] for index in chunk])
        return {pieces[index]: jobs[index] for index in range(len(pieces))}

    def _iter_chunks(
        self, chunks: list[list[Piece]], decoder: Translator | None, on_done: PiecesDone | None
    ) -> Iterator[list[TermJob]]:
        """Yield each chunk's finished jobs, in order.

        The next chunk's first pass is queued before this chunk's terms are forced, so its
        batches keep the cores busy while this chunk's re-decodes wait for their results.
        """
        if not chunks:
            return
        queue = functools.partial(_queue, decoder or self.translator, on_done=on_done)
        queued = _guarded(chunks[0], functools.partial(queue, chunks[0]))
        for number, chunk in enumerate(chunks):
            first = _guarded(chunk, queued)
            if number + 1 < len(chunks):
                queued = _guarded(chunks[number + 1], functools.partial(queue, chunks[number + 1]))
            yield _guarded(chunk, functools.partial(self._enforce, chunk, first))

    def _enforce(self, pieces: list[Piece], first: list[Translation]) -> list[TermJob]:
        initial = [
            TermJob(piece.source, piece.terms, translation)
            for piece, translation in zip(pieces, first, strict=True)
        ]
        return enforce_terms(initial, self.translator)

    def _recall(self, pieces: Sequence[Piece], keys: list[str]) -> dict[int, TermJob]:
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


def _guarded(pieces: list[Piece], call: Callable[[], Result]) -> Result:
    """Return ``call()``; whatever a backend raises becomes a ModelCallError naming the pieces.

    One line ends this file, not the run in a traceback.
    """
    try:
        return call()
    except SongnguError:
        raise
    except Exception as error:
        ids = tuple(dict.fromkeys(piece.segment_id for piece in pieces))
        raise ModelCallError(ids, error) from error


def _queue(translator: Translator, pieces: list[Piece], on_done: PiecesDone | None) -> Collect:
    """Queue the pieces' first pass where the backend can; else return what decodes it then.

    A chunk is the journal's unit (resume loses at most the chunk being finished and the one
    queued behind it); batches are the backend's. Hearing of each batch keeps progress moving
    through a chunk without making chunks, and so the batches of the term-forcing pass, smaller.
    """
    sources = [piece.source for piece in pieces]
    report = None if on_done is None else (lambda batch: on_done([pieces[i] for i in batch]))
    if isinstance(translator, QueuesCalls):
        return translator.submit(sources, [""] * len(sources), report)
    if report is None or not isinstance(translator, ReportsBatches):
        return lambda: translator.translate(sources)
    return lambda: translator.translate_reporting(sources, report)
