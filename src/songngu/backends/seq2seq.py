"""What the transformers and CTranslate2 backends share: a located model, its family, its limits.

:class:`Seq2SeqBackend` finds the model (Hub cache, download or folder), reads its family from
``config.json``, and answers the questions the pipeline asks of any backend (budget, ids,
signature, repetition-controlled variants). Each subclass loads and decodes in its own way.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Self

from songngu.backends import BatchDone, GenerationSettings, Translation
from songngu.backends.decoding import sharing_model_with
from songngu.backends.hub import ModelLocation, locate_model, read_model_json
from songngu.backends.presets import ModelFamily, family_of_config

__all__ = ["Seq2SeqBackend"]


class Seq2SeqBackend:
    """A sequence-to-sequence model found and identified; subclasses load and decode it.

    A subclass sets ``max_positions`` (target positions the model has), ``num_beams`` and
    ``precision`` once its model is loaded, and implements :meth:`translate_with_prefix`.
    """

    #: The engine's name in signatures and in ``--backend``.
    name: ClassVar[str]
    max_positions: int
    num_beams: int
    precision: str

    def __init__(self, settings: GenerationSettings) -> None:
        """Locate the model and read its family.

        Raises:
            ModelUnavailableError: the model is neither cached nor downloadable.
            BackendError: the model folder has no readable ``config.json``.
        """
        self.settings = settings
        self.location: ModelLocation = locate_model(settings.model, settings.revision)
        self.config = read_model_json(self.location, "config.json")
        self.family: ModelFamily = family_of_config(self.config)

    @property
    def max_input_tokens(self) -> int:
        """Return the source budget: the setting, or the family default within the model's limit."""
        requested = self.settings.max_input_tokens or self.family.default_input_budget
        return min(requested, self.max_positions - 2)

    @property
    def model_id(self) -> str:
        """Return the Hub id or folder of the model."""
        return self.location.model_id

    @property
    def model_revision(self) -> str:
        """Return the Hub commit (or local hash) of the loaded files."""
        return self.location.revision

    def signature(self) -> str:
        """Return ``backend:<name>|model:<id>@<revision>|beams:<n>|precision:<p>``."""
        return (
            f"backend:{self.name}|model:{self.location.model_id}@{self.location.revision}"
            f"|beams:{self.num_beams}|precision:{self.precision}"
        )

    def with_repetition_controls(
        self, repetition_penalty: float, no_repeat_ngram_size: int
    ) -> Self:
        """Return a backend sharing this loaded model that penalises and blocks repeats.

        Used for second attempts at outputs that fell into a loop
        (``songngu.translation.retry``); both engines take the same controls, so they retry
        alike.
        """
        return sharing_model_with(
            self, repetition_penalty=repetition_penalty, no_repeat_ngram_size=no_repeat_ngram_size
        )

    def translate(self, sources: Sequence[str]) -> list[Translation]:
        """Translate each source; order and length are kept."""
        return self.translate_with_prefix(sources, [""] * len(sources))

    def translate_reporting(self, sources: Sequence[str], on_batch: BatchDone) -> list[Translation]:
        """Translate each source, calling ``on_batch`` with each batch's indexes once it is done."""
        return self.translate_with_prefix(sources, [""] * len(sources), on_batch=on_batch)

    def translate_with_prefix(
        self,
        sources: Sequence[str],
        prefixes: Sequence[str],
        *,
        on_batch: BatchDone | None = None,
    ) -> list[Translation]:
        """Translate each source so that its target starts with exactly its prefix."""
        raise NotImplementedError
