"""The model's first pass: every pending sentence of one document, or of several at once.

:class:`SharedPass` plans each document's pending sentences as one document's would be planned,
and translates the pieces of all of them in one
:class:`~songngu.translation.runner.PieceTranslator` call, so that the short articles of an
archive fill the model's batches together (``docs/design/archive-batching.md``); it then fills
each document's targets on request. :class:`ModelStage` is the pass over one document, as a
pipeline stage.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from songngu.errors import ModelCallError, TranslationStopped
from songngu.model import Document, TermMatch, replace_segments
from songngu.translation.assembly import assemble
from songngu.translation.enforcement import TermJob
from songngu.translation.plan import Piece, Plan, plan_pieces
from songngu.translation.runner import PieceTranslator
from songngu.translation.stages import (
    FIRST_ATTEMPT,
    TRANSLATING,
    ProgressCallback,
    SentenceCounter,
    pending_segments,
)

__all__ = ["ModelStage", "SharedPass"]


class SharedPass:
    """One model pass over the pending sentences of several prepared documents."""

    def __init__(
        self,
        runner: PieceTranslator,
        documents: Sequence[Document],
        progress: Sequence[ProgressCallback | None],
    ) -> None:
        """Plan each document; report its sentences to its own ``progress`` callback."""
        translator = runner.translator
        self.runner = runner
        self.plans = [
            plan_pieces(
                pending_segments(document),
                lambda segment: translator.max_input_tokens,
                translator.count_tokens,
            )
            for document in documents
        ]
        self.counters = [
            _counter(document, plan, callback)
            for document, plan, callback in zip(documents, self.plans, progress, strict=True)
        ]
        self.jobs: dict[Piece, TermJob] = {}

    def fill(self, index: int, document: Document) -> Document:
        """Return document ``index`` with the pass's target on every sentence still pending."""
        plan = self.plans[index]
        return replace_segments(
            document,
            {s.id: assemble(s, plan.pieces_of(s), self.jobs) for s in pending_segments(document)},
        )

    def run(self) -> SharedPass:
        """Translate every planned piece; return this pass, ready to fill documents.

        Raises:
            TranslationStopped: Ctrl-C with a journal; counts the first document's saved
                sentences (the others are not written yet).
            ModelCallError: the backend raised (with the first document's saved count when
                there is a journal).
        """
        for counter in self.counters:
            counter.pieces_done(())
        pieces, stand_ins = _distinct(self.plans)
        copies: dict[Piece, list[Piece]] = {}
        for piece, stand_in in stand_ins.items():
            copies.setdefault(stand_in, []).append(piece)

        def pieces_done(done: Sequence[Piece]) -> None:
            finished = [copy for piece in done for copy in copies[piece]]
            for counter in self.counters:
                counter.pieces_done(finished)

        jobs = self._translate(pieces, pieces_done)
        self.jobs = {piece: jobs[stand_in] for piece, stand_in in stand_ins.items()}
        return self

    def _translate(
        self, pieces: list[Piece], on_done: Callable[[Sequence[Piece]], None]
    ) -> dict[Piece, TermJob]:
        journal, first = self.runner.journal, self.counters[0]
        try:
            return self.runner.translate(pieces, FIRST_ATTEMPT, on_done=on_done)
        except KeyboardInterrupt as interrupt:
            if journal is None:
                raise
            raise TranslationStopped(first.num_saved(journal), first.total) from interrupt
        except ModelCallError as failure:
            if journal is None:
                raise
            saved = (first.num_saved(journal), first.total)
            raise ModelCallError(failure.segment_ids, failure.cause, saved) from failure.cause


class ModelStage:
    """Translate every pending sentence of a document with the model."""

    def __init__(self, runner: PieceTranslator, progress: ProgressCallback | None = None) -> None:
        """Translate through ``runner``; report sentences done to ``progress``."""
        self.runner = runner
        self.progress = progress

    def __call__(self, document: Document) -> Document:
        """Return the document with a target on every sentence of a translated block.

        Raises:
            ModelCallError: the backend raised.
        """
        return SharedPass(self.runner, [document], [self.progress]).run().fill(0, document)


def _counter(document: Document, plan: Plan, progress: ProgressCallback | None) -> SentenceCounter:
    """Count a document's first pass: every sentence of its translated blocks."""
    return SentenceCounter(
        TRANSLATING,
        {segment.id: plan.pieces_of(segment) for segment in pending_segments(document)},
        sum(len(b.segments) for b in document.blocks if b.is_translated),
        progress,
    )


def _distinct(plans: Sequence[Plan]) -> tuple[list[Piece], dict[Piece, Piece]]:
    """Return the pieces to translate, and the piece translated in place of each planned one.

    A piece that an earlier document already holds (same source and terms: the same journal
    key, the same translation) is translated once. Within a document nothing is merged, so a
    single document's pass sends exactly what it sent before documents were pooled.
    """
    earlier: dict[tuple[str, tuple[TermMatch, ...]], Piece] = {}
    pieces: list[Piece] = []
    stand_ins: dict[Piece, Piece] = {}
    for plan in plans:
        own: dict[tuple[str, tuple[TermMatch, ...]], Piece] = {}
        for piece in plan.pieces:
            key = (piece.source, piece.terms)
            stand_ins[piece] = earlier.get(key, piece)
            if key not in earlier:
                pieces.append(piece)
                own.setdefault(key, piece)
        earlier = {**own, **earlier}
    return pieces, stand_ins
