"""A deterministic stand-in translator for tests and ``--dry-run``: no model, no torch.

Its "translation" is the source without diacritics in brackets, so every output is visibly
not a real translation, yet has a length and word order related to the source.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from songngu.backends import GenerationSettings, Translation, join_prefix
from songngu.vietnamese import strip_diacritics


class FakeBackend:
    """Translate by stripping diacritics; honour prefixes exactly."""

    def __init__(self, settings: GenerationSettings | None = None) -> None:
        """Keep the settings; a fake has nothing to load."""
        self.settings = settings or GenerationSettings()
        self.num_calls = 0
        self.num_sources = 0

    @property
    def max_input_tokens(self) -> int:
        """Return the input budget (words, for the fake)."""
        return self.settings.max_input_tokens or 256

    @property
    def model_id(self) -> str:
        """Return ``fake``: there is no model."""
        return "fake"

    @property
    def model_revision(self) -> str:
        """Return ``none``."""
        return "none"

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Count whitespace-separated words plus one end-of-sentence token."""
        return [len(text.split()) + 1 for text in texts]

    def prefix_fits(self, prefixes: Sequence[str]) -> list[bool]:
        """Return True for each prefix: the fake has no position table."""
        return [True] * len(prefixes)

    def signature(self) -> str:
        """Return ``backend:fake``."""
        return "backend:fake"

    def with_repetition_controls(
        self, repetition_penalty: float, no_repeat_ngram_size: int
    ) -> FakeBackend:
        """Return a fake with the controls set (it has no loops to control)."""
        return FakeBackend(
            dataclasses.replace(
                self.settings,
                repetition_penalty=repetition_penalty,
                no_repeat_ngram_size=no_repeat_ngram_size,
            )
        )

    def translate(self, sources: Sequence[str]) -> list[Translation]:
        """Return ``[EN] <source without diacritics>`` for each source."""
        return self.translate_with_prefix(sources, [""] * len(sources))

    def translate_with_prefix(
        self, sources: Sequence[str], prefixes: Sequence[str]
    ) -> list[Translation]:
        """Return each prefix followed by the words of the fake translation it does not cover."""
        self.num_calls += 1
        self.num_sources += len(sources)
        results = []
        for source, prefix in zip(sources, prefixes, strict=True):
            words = f"[EN] {strip_diacritics(source)}".split()
            continuation = " ".join(words[len(prefix.split()) :])
            results.append(Translation(text=join_prefix(prefix, continuation)))
        return results
