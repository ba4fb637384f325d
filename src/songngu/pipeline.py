"""The pipeline: compose the stages, each ``Document -> Document``, and sign the result.

A :class:`Pipeline` holds what is loaded once per run (glossary, backend), however many
articles it translates. :func:`translate_document` is the one-call convenience for Python.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from songngu import segmenter
from songngu._version import __version__
from songngu.backends import DEFAULT_BACKEND, GenerationSettings, Translator, load_backend
from songngu.checks import check_document
from songngu.errors import PipelineError
from songngu.glossary import Glossary, GlossaryStage, NameStyle, load_glossary
from songngu.journal import Journal
from songngu.model import Document
from songngu.translation import MemoryLookup, MemoryRecorder, ProgressCallback, TranslateStage

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
    """The glossary and backend of one run; translate as many documents as needed."""

    def __init__(
        self,
        settings: TranslationSettings,
        translator: Translator | None = None,
        memory: MemoryLookup | None = None,
    ) -> None:
        """Load and validate the glossary now; load the backend now unless one is given.

        Raises:
            GlossaryError: a glossary file is malformed.
            ModelUnavailableError, BackendError: the model cannot be found or loaded.
        """
        self.settings = settings
        self.glossary: Glossary = load_glossary(
            settings.glossary_files, include_shipped=settings.use_shipped_glossary
        )
        self.translator = translator or load_backend(settings.backend, settings.generation)
        self.memory = memory

    def signature(self) -> str:
        """Return the reproducibility signature of this run's outputs."""
        return "|".join(
            [
                self.translator.signature(),
                self.glossary.signature(),
                segmenter.signature(),
                f"songngu:{__version__}",
            ]
        )

    def translate(
        self,
        document: Document,
        progress: ProgressCallback | None = None,
        journal: Journal | None = None,
    ) -> Document:
        """Segment, match terms, translate, check and sign ``document``.

        ``journal`` records translated pieces so that an interrupted run can resume.
        """
        translate = TranslateStage(
            self.translator, self.memory, progress, journal=journal, retry=self.settings.retry
        )
        stages: list[Stage] = [
            segmenter.segment_document,
            GlossaryStage(self.glossary, self.settings.date, self.settings.names),
            translate,
            check_document,
        ]
        document = self._sign(run_stages(document, stages))
        if isinstance(self.memory, MemoryRecorder):
            self.memory.record(document)
        return document

    def _sign(self, document: Document) -> Document:
        meta = dataclasses.replace(
            document.meta,
            signature=self.signature(),
            backend=self.settings.backend,
            model=self.translator.model_id,
            model_revision=self.translator.model_revision,
            tool_version=__version__,
        )
        return dataclasses.replace(document, meta=meta)


def translate_document(document: Document, settings: TranslationSettings | None = None) -> Document:
    """Translate one document with a freshly loaded pipeline (convenient, not for many files)."""
    return Pipeline(settings or TranslationSettings()).translate(document)
