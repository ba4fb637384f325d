"""Translation backends: a small protocol and a registry of lazily imported implementations.

The registry stores ``"module:Class"`` strings so that importing songngu (and running
``songngu --help``) never imports torch or transformers (after sacrebleu's ``_get_tokenizer``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from songngu.errors import BackendError
from songngu.installation import install_command
from songngu.registry import load_registered

__all__ = [
    "BACKENDS",
    "DEFAULT_BACKEND",
    "BatchDone",
    "Collect",
    "GenerationSettings",
    "QueuesCalls",
    "ReportsBatches",
    "Translation",
    "Translator",
    "join_prefix",
    "load_backend",
]

BACKENDS = {
    "transformers": "songngu.backends.hf:TransformersBackend",
    "ct2": "songngu.backends.ct2:CTranslate2Backend",
    "fake": "songngu.backends.fake:FakeBackend",
}
DEFAULT_BACKEND = "transformers"


@dataclass(frozen=True, slots=True)
class GenerationSettings:
    """How a backend loads its model and decodes; every field has a CLI option.

    ``num_beams=None`` keeps the model's own default (4 for opus-mt); ``max_batch_size=None``
    lets the backend pick the batch size that suits the search (see
    :func:`songngu.backends.decoding.default_batch_size`). The output of a sentence is capped at
    ``max_length_ratio`` × its source tokens plus ``max_length_margin`` tokens, a guard against
    runaway repetition. ``precision="auto"`` picks the fastest precision that keeps results
    within tolerance on the device (``docs/design/performance.md``).
    """

    model: str = "opus-mt"
    revision: str | None = None
    device: str = "auto"
    num_beams: int | None = None
    max_batch_size: int | None = None
    max_batch_tokens: int = 4096
    max_length_ratio: float = 2.0
    max_length_margin: int = 10
    max_input_tokens: int | None = None
    threads: int | None = None
    precision: str = "auto"
    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0


@dataclass(frozen=True, slots=True)
class Translation:
    """One target text, and whether decoding stopped at the length cap instead of ending."""

    text: str
    is_capped: bool = False


@runtime_checkable
class Translator(Protocol):
    """What the pipeline needs from a backend: list in, list out, order kept."""

    @property
    def max_input_tokens(self) -> int:
        """The most source tokens one call may hold; longer sentences are split first."""
        ...

    @property
    def model_id(self) -> str:
        """The Hub id or folder of the model."""
        ...

    @property
    def model_revision(self) -> str:
        """The model's revision: a Hub commit, or a hash of a local folder's weights."""
        ...

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Return the number of model tokens of each text, special tokens included."""
        ...

    def prefix_fits(self, prefixes: Sequence[str]) -> list[bool]:
        """Return whether each forced target prefix leaves room to finish within the model."""
        ...

    def signature(self) -> str:
        """Return this backend's part of the reproducibility signature."""
        ...

    def translate(self, sources: Sequence[str]) -> list[Translation]:
        """Translate each source; the result has the same length and order."""
        ...

    def translate_with_prefix(
        self, sources: Sequence[str], prefixes: Sequence[str]
    ) -> list[Translation]:
        """Translate each source so that its target starts with exactly the given prefix.

        Every prefix must fit (:meth:`prefix_fits`); a backend raises ``ValueError`` otherwise.
        """
        ...


#: Called with the indexes (into the sources of one call) of a batch the backend has decoded.
BatchDone = Callable[[Sequence[int]], None]


@runtime_checkable
class ReportsBatches(Protocol):
    """A backend that says when each batch of a call is decoded (for progress within a call)."""

    def translate_reporting(self, sources: Sequence[str], on_batch: BatchDone) -> list[Translation]:
        """Translate as :meth:`Translator.translate` does, calling ``on_batch`` after each batch."""
        ...


#: Returns the translations of a queued call, waiting for them if they are not decoded yet.
Collect = Callable[[], list[Translation]]


@runtime_checkable
class QueuesCalls(Protocol):
    """A backend that queues a call's batches now and hands the results over later.

    Queuing the next call before collecting the last keeps every core busy across calls: the
    last batches of one chunk decode beside the first of the next (``docs/design/performance.md``).
    """

    def submit(
        self, sources: Sequence[str], prefixes: Sequence[str], on_batch: BatchDone | None = None
    ) -> Collect:
        """Queue :meth:`Translator.translate_with_prefix`'s work; return what collects it."""
        ...


def load_backend(name: str, settings: GenerationSettings) -> Translator:
    """Import and construct the backend registered as ``name``.

    Raises:
        BackendError: no backend has that name, or its optional dependency is missing.
        ModelUnavailableError: the model is neither cached nor downloadable.
    """
    target = BACKENDS.get(name)
    if target is None:
        known = ", ".join(sorted(BACKENDS))
        raise BackendError(f"Unknown backend '{name}'; choose one of: {known}.")
    try:
        backend_class = load_registered(target)
    except ImportError as error:
        raise BackendError(
            f"Backend '{name}' needs a package that is not installed ({error.name}); "
            f"install it with: {install_command(_EXTRAS.get(name))}."
        ) from error
    backend: Translator = backend_class(settings)
    return backend


_EXTRAS = {"ct2": "fast"}

_NO_SPACE_BEFORE = frozenset(".,;:!?)]}%”’'\"")


def join_prefix(prefix: str, continuation: str) -> str:
    """Join a forced target prefix and the model's continuation with one space where needed."""
    prefix, continuation = prefix.rstrip(), continuation.strip()
    if not prefix or not continuation:
        return prefix or continuation
    if continuation[0] in _NO_SPACE_BEFORE:
        return prefix + continuation
    return f"{prefix} {continuation}"
