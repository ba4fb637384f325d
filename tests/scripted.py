"""Scripted stand-ins for a misbehaving model: loops, dropped sentences, Ctrl-C after N calls.

Each one is the fake backend with one failure mode switched on, so the tests can say exactly
which failure a retry or a resume must survive.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from songngu.backends import GenerationSettings, Translation
from songngu.backends.fake import FakeBackend


class LoopingBackend(FakeBackend):
    """Loops ("sorry sorry …") on sources of ``min_words`` words or more.

    ``fixed_by`` says what cures it: ``"controls"`` (repetition controls), ``"clauses"``
    (shorter input) or ``"nothing"``.
    """

    def __init__(
        self,
        settings: GenerationSettings | None = None,
        *,
        min_words: int = 14,
        fixed_by: str = "clauses",
    ) -> None:
        super().__init__(settings)
        self.min_words = min_words
        self.fixed_by = fixed_by
        self.sources: list[str] = []

    def translate_with_prefix(
        self, sources: Sequence[str], prefixes: Sequence[str]
    ) -> list[Translation]:
        self.sources.extend(sources)
        normal = super().translate_with_prefix(sources, prefixes)
        return [
            Translation("sorry " * 12, is_capped=True) if self._loops(source) else translation
            for source, translation in zip(sources, normal, strict=True)
        ]

    def with_repetition_controls(
        self, repetition_penalty: float, no_repeat_ngram_size: int
    ) -> LoopingBackend:
        settings = dataclasses.replace(
            self.settings,
            repetition_penalty=repetition_penalty,
            no_repeat_ngram_size=no_repeat_ngram_size,
        )
        return LoopingBackend(settings, min_words=self.min_words, fixed_by=self.fixed_by)

    def _loops(self, source: str) -> bool:
        num_words = len(source.split())
        if self.fixed_by == "clauses":
            return num_words >= self.min_words
        if self.fixed_by == "controls":
            return num_words > 1 and not self.settings.no_repeat_ngram_size
        return num_words > 1


class DroppingBackend(FakeBackend):
    """Translates only the first sentence of a source that holds two."""

    def translate_with_prefix(
        self, sources: Sequence[str], prefixes: Sequence[str]
    ) -> list[Translation]:
        normal = super().translate_with_prefix(sources, prefixes)
        return [
            Translation(translation.text.split(". ", 1)[0] + ".") if ". " in source else translation
            for source, translation in zip(sources, normal, strict=True)
        ]


class TruncatingBackend(FakeBackend):
    """Drops the second half of any source longer than ``max_words`` words."""

    def __init__(self, settings: GenerationSettings | None = None, *, max_words: int = 12) -> None:
        super().__init__(settings)
        self.max_words = max_words

    def translate_with_prefix(
        self, sources: Sequence[str], prefixes: Sequence[str]
    ) -> list[Translation]:
        normal = super().translate_with_prefix(sources, prefixes)
        results = []
        for source, translation in zip(sources, normal, strict=True):
            words = translation.text.split()
            if len(source.split()) > self.max_words:
                words = words[: len(words) // 3]
            results.append(Translation(" ".join(words)))
        return results


class InterruptingBackend(FakeBackend):
    """Raises KeyboardInterrupt on call number ``interrupt_at`` (counting from 1).

    A class attribute, because the CLI builds the backend itself; tests set it.
    """

    interrupt_at = 2

    def translate_with_prefix(
        self, sources: Sequence[str], prefixes: Sequence[str]
    ) -> list[Translation]:
        if self.num_calls + 1 == self.interrupt_at:
            raise KeyboardInterrupt
        return super().translate_with_prefix(sources, prefixes)


#: Every source a :class:`RecordingBackend` was asked to translate, in order.
TRANSLATED: list[str] = []


class RecordingBackend(FakeBackend):
    """The fake backend, noting in :data:`TRANSLATED` every source sent to it."""

    def translate_with_prefix(
        self, sources: Sequence[str], prefixes: Sequence[str]
    ) -> list[Translation]:
        TRANSLATED.extend(sources)
        return super().translate_with_prefix(sources, prefixes)


def many_sentences(count: int, topic: str = "xe buýt") -> str:
    """Return an article of ``count`` distinct sentences, five to a paragraph."""
    places = ["cầu Rồng", "chợ Hàn", "bãi biển Mỹ Khê", "sân bay", "ga Đà Nẵng", "bán đảo Sơn Trà"]
    sentences = [
        f"Tuyến {topic} số {number} đi qua {places[number % 6]} mỗi {5 + number % 20} phút"
        + " và chạy đến khuya" * (number % 3)
        + "."
        for number in range(1, count + 1)
    ]
    paragraphs = [" ".join(sentences[start : start + 5]) for start in range(0, count, 5)]
    return "\n\n".join(paragraphs) + "\n"


class OutOfMemoryError(RuntimeError):
    """Named like ``torch.OutOfMemoryError``, which songngu recognises by its name."""


class FailingBackend(FakeBackend):
    """Raises :attr:`failure` when asked to translate a source that mentions a storm ("Bão")."""

    failure: BaseException = RuntimeError("the model failed")

    def translate_with_prefix(
        self, sources: Sequence[str], prefixes: Sequence[str]
    ) -> list[Translation]:
        if any("Bão" in source for source in sources):
            raise self.failure
        return super().translate_with_prefix(sources, prefixes)
