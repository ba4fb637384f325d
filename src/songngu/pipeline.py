"""The pipeline: compose the stages, each ``Document -> Document``, and sign the result.

A :class:`Pipeline` holds what is loaded once per run (glossary, backend) and the run's
:class:`~songngu.signature.Signature`, however many articles it translates. The stages, in
order: segment, match glossary terms, copy metadata, reuse the translation memory, translate
with the model, check, retry what failed (``docs/design/pipeline.md``).
:func:`translate_document` is the one-call convenience for Python.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from songngu import segmenter
from songngu._version import __version__
from songngu.backends import DEFAULT_BACKEND, GenerationSettings, Translator, load_backend
from songngu.checks import check_document
from songngu.errors import PipelineError
from songngu.glossary import Glossary, GlossaryStage, HouseStyle, NameStyle, load_glossary
from songngu.journal import Journal
from songngu.model import Document
from songngu.signature import Signature
from songngu.translation.first_pass import ModelStage, SharedPass
from songngu.translation.retry import RetryStage
from songngu.translation.runner import PieceTranslator
from songngu.translation.stages import (
    MemoryLookup,
    MemoryStage,
    ProgressCallback,
    copy_untranslated,
)

Stage = Callable[[Document], Document]


@dataclass(frozen=True, slots=True)
class TranslationSettings:
    """Everything that decides how an article is translated, for one run."""

    backend: str = DEFAULT_BACKEND
    generation: GenerationSettings = field(default_factory=GenerationSettings)
    glossary_files: tuple[Path, ...] = ()
    use_shipped_glossary: bool = True
    date: str | None = None
    names: NameStyle = NameStyle.ASCII
    retry: bool = True
    style: HouseStyle = HouseStyle.GOV


class TranslationMemorySession(MemoryLookup, Protocol):
    """A translation memory as one run uses it: lookups, and storing finished documents."""

    def record(self, document: Document) -> int:
        """Store the document's new translations; return how many were stored."""
        ...


def run_stages(document: Document, stages: Sequence[Stage]) -> Document:
    """Run ``stages`` in order; each must return a Document.

    Raises:
        PipelineError: a stage returned something else (the message names it).
    """
    for stage in stages:
        result = stage(document)
        if not isinstance(result, Document):
            name = getattr(stage, "__name__", type(stage).__name__)
            raise PipelineError(f"Stage '{name}' returned {type(result).__name__}, not a Document.")
        document = result
    return document


class Pipeline:
    """The glossary, backend and signature of one run; translate as many documents as needed."""

    def __init__(
        self,
        settings: TranslationSettings,
        translator: Translator | None = None,
        glossary: Glossary | None = None,
    ) -> None:
        """Load and validate the glossary and the backend now, unless they are given.

        A cluster worker is given its driver's glossary (the files may be only there).

        Raises:
            GlossaryError: a glossary file is malformed.
            ModelUnavailableError, BackendError: the model cannot be found or loaded.
        """
        self.settings = settings
        self.glossary: Glossary = glossary or load_glossary(
            settings.glossary_files, include_shipped=settings.use_shipped_glossary
        )
        self.translator = translator or load_backend(settings.backend, settings.generation)
        self.signature = _signature(self.translator, self.glossary, settings)

    def finish(
        self,
        document: Document,
        model: Stage,
        *,
        progress: ProgressCallback | None = None,
        journal: Journal | None = None,
        memory: TranslationMemorySession | None = None,
    ) -> Document:
        """Complete a prepared document whose model targets ``model`` fills in; sign it.

        The memory is looked up again first: an earlier document translated together with
        this one may have stored a sentence of it since, as one translated before it would.

        Raises:
            ModelCallError: the backend raised while retrying.
        """
        runner = PieceTranslator(self.translator, journal)
        again: list[Stage] = [MemoryStage(memory)] if memory is not None else []
        stages = [*again, model, *self._after_model(runner, progress)]
        return self._complete(run_stages(document, stages), memory)

    def prepare(self, document: Document, *, memory: MemoryLookup | None = None) -> Document:
        """Run the stages before the model: segment, match terms, copy metadata, reuse memory."""
        return run_stages(document, self._before_model(memory))

    def stages(
        self,
        *,
        progress: ProgressCallback | None = None,
        journal: Journal | None = None,
        memory: MemoryLookup | None = None,
    ) -> list[Stage]:
        """Return the stages that translate one document, in order."""
        runner = PieceTranslator(self.translator, journal)
        return [
            *self._before_model(memory),
            ModelStage(runner, progress),
            *self._after_model(runner, progress),
        ]

    def translate(
        self,
        document: Document,
        *,
        progress: ProgressCallback | None = None,
        journal: Journal | None = None,
        memory: TranslationMemorySession | None = None,
    ) -> Document:
        """Segment, match terms, translate, check and sign ``document``.

        ``journal`` records translated pieces so that an interrupted run can resume;
        ``memory`` supplies the translations it holds and stores the finished document.

        Raises:
            ModelCallError: the backend raised while translating.
        """
        stages = self.stages(progress=progress, journal=journal, memory=memory)
        return self._complete(run_stages(document, stages), memory)

    def translate_together(
        self,
        documents: Sequence[Document],
        progress: Sequence[ProgressCallback | None],
        journal: Journal | None = None,
    ) -> SharedPass:
        """Run the model's first pass once over prepared documents (their batches shared).

        ``progress`` holds a callback (or None) per document. Each document is then completed
        by :meth:`finish` with ``functools.partial(shared.fill, index)``.

        Raises:
            ModelCallError, TranslationStopped: as :class:`SharedPass.run` says.
        """
        return SharedPass(PieceTranslator(self.translator, journal), documents, progress).run()

    def _after_model(
        self, runner: PieceTranslator, progress: ProgressCallback | None
    ) -> list[Stage]:
        return [check_document, *([RetryStage(runner, progress)] if self.settings.retry else [])]

    def _before_model(self, memory: MemoryLookup | None) -> list[Stage]:
        settings = self.settings
        return [
            segmenter.segment_document,
            GlossaryStage(self.glossary, settings.date, settings.names, settings.style),
            copy_untranslated,
            *([MemoryStage(memory)] if memory is not None else []),
        ]

    def _complete(self, document: Document, memory: TranslationMemorySession | None) -> Document:
        """Sign a translated document and store its new translations in the memory."""
        document = _signed(document, self)
        if memory is not None:
            memory.record(document)
        return document


def translate_document(document: Document, settings: TranslationSettings | None = None) -> Document:
    """Translate one document with a freshly loaded pipeline (convenient, not for many files)."""
    return Pipeline(settings or TranslationSettings()).translate(document)


def _signed(document: Document, pipeline: Pipeline) -> Document:
    """Return the document with the run's signature and provenance in its metadata."""
    translator = pipeline.translator
    meta = dataclasses.replace(
        document.meta,
        signature=str(pipeline.signature),
        backend=pipeline.settings.backend,
        model=translator.model_id,
        model_revision=translator.model_revision,
        glossary_hash=pipeline.signature.glossary_hash,
        tool_version=__version__,
    )
    return dataclasses.replace(document, meta=meta)


def _signature(
    translator: Translator, glossary: Glossary, settings: TranslationSettings
) -> Signature:
    generation = settings.generation
    decoding = "|".join(
        [
            f"length-ratio:{generation.max_length_ratio}+{generation.max_length_margin}",
            f"input-tokens:{generation.max_input_tokens}",
            f"repetition:{generation.repetition_penalty}/{generation.no_repeat_ngram_size}",
        ]
    )
    return Signature(
        translator.signature(),
        glossary.signature(),
        segmenter.signature(),
        f"songngu:{__version__}",
        decoding,
        "" if settings.style is HouseStyle.GOV else f"style:{settings.style.value}",
    )
