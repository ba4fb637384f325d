"""The CTranslate2 backend: the transformers model converted once, int8 on CPU, batches in parallel.

Needs the ``fast`` extra (``pip install 'songngu[fast]'``). Translating imports neither torch nor
transformers; only the one-time conversion does (:mod:`songngu.backends.conversion`). Tokens
come from :mod:`songngu.backends.tokenization`, which matches the transformers tokenizers.
See ``docs/design/performance.md``.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from songngu.backends import BatchDone, Collect, GenerationSettings, Translation, join_prefix
from songngu.backends.conversion import converted_model
from songngu.backends.decoding import (
    default_batch_size,
    iter_batches,
    prefix_fits,
    prefixed_cap,
)
from songngu.backends.hardware import thread_split
from songngu.backends.hub import ModelLocation, read_model_json
from songngu.backends.seq2seq import Seq2SeqBackend
from songngu.backends.tokenization import PieceCodec, load_codec
from songngu.errors import BackendError
from songngu.installation import install_command

__all__ = ["CTranslate2Backend"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class _Row:
    """One sentence to decode: its source pieces, forced target pieces and length cap."""

    source: list[str]
    forced: list[str]
    prefix_length: int
    cap: int


class CTranslate2Backend(Seq2SeqBackend):
    """Translate with a CTranslate2 model in length-sorted batches decoded in parallel."""

    name = "ct2"

    def __init__(self, settings: GenerationSettings) -> None:
        """Locate the model, convert it if needed, and load it.

        Raises:
            ModelUnavailableError: the model is neither cached nor downloadable.
            BackendError: ctranslate2 is missing, or the model cannot be converted or loaded.
        """
        ctranslate2 = _import_ctranslate2()
        super().__init__(settings)
        self.device = _pick_device(ctranslate2, settings.device)
        self.precision = _pick_precision(ctranslate2, settings.precision, self.device)
        folder = converted_model(self.location, self.precision)
        # A model that ships only a SentencePiece file (VinAI) gets its tokenizer.json written
        # beside the converted model (backends/conversion.py).
        self._codec: PieceCodec = load_codec(self.location.path, self.family, also=folder)
        self._translator = _load(
            ctranslate2, folder, self.location, self.device, self.precision, settings
        )
        generation = read_model_json(self.location, "generation_config.json", required=False)
        self.num_beams = settings.num_beams or int(generation.get("num_beams") or 1)
        self.max_positions = int(self.config.get("max_position_embeddings") or 512)
        self._forced = [self.family.target_language] if self.family.target_language else []
        # A model without a decoder start token (mBART-25) starts from the first forced token,
        # and CTranslate2 leaves that one out of the hypothesis; a forced token after the start
        # (NLLB's eng_Latn) is in it.
        self._num_echoed = 0 if self.family.is_target_code_the_start else len(self._forced)
        # Target positions left for content: not the decoder start, forced tokens or </s>.
        self._room = self.max_positions - 2 - self._num_echoed

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Return the source-token count of each text, special tokens included."""
        return [len(self._codec.source_pieces(self.family.source_text(text))) for text in texts]

    def prefix_fits(self, prefixes: Sequence[str]) -> list[bool]:
        """Return whether each prefix leaves room to finish within the model's positions."""
        return [prefix_fits(len(self._target_pieces(prefix)), self._room) for prefix in prefixes]

    def submit(
        self, sources: Sequence[str], prefixes: Sequence[str], on_batch: BatchDone | None = None
    ) -> Collect:
        """Queue the batches of :meth:`translate_with_prefix`; return what collects the results.

        Every batch is queued before any result is awaited, so all workers stay busy; a later
        call's batches queue behind these. ``on_batch`` hears of each batch as it is collected.
        """
        if len(sources) != len(prefixes):
            raise ValueError("sources and prefixes must have the same length")
        rows = [self._row(source, prefix) for source, prefix in zip(sources, prefixes, strict=True)]
        batch_size = default_batch_size(self.settings, self.num_beams)
        batches = iter_batches(
            [len(row.source) for row in rows],
            batch_size,
            self.settings.max_batch_tokens,
        )
        queued = [(batch, self._submit([rows[index] for index in batch])) for batch in batches]
        finished = [
            functools.partial(self._finish, row=row, prefix=prefix)
            for row, prefix in zip(rows, prefixes, strict=True)
        ]
        return functools.partial(_collect, queued, finished, on_batch)

    def translate_with_prefix(
        self,
        sources: Sequence[str],
        prefixes: Sequence[str],
        *,
        on_batch: BatchDone | None = None,
    ) -> list[Translation]:
        """Translate each source so that its target starts with exactly its prefix.

        ``on_batch`` hears of each batch once its results are in (in submission order).
        """
        return self.submit(sources, prefixes, on_batch)()

    def _finish(self, hypothesis: list[str], row: _Row, prefix: str) -> Translation:
        """Cut the output at the row's own cap (flagged), and join its continuation to the prefix.

        A batch decodes to the largest cap among its rows (CTranslate2 takes one maximum length
        per call), so a row may run past its own cap; it is cut there and marked capped.
        """
        content = hypothesis[self._num_echoed :]
        is_capped = len(content) >= row.cap
        continuation = self._codec.decode(content[row.prefix_length : row.cap])
        if not prefix:
            continuation = self.family.strip_target(continuation)
        return Translation(text=join_prefix(prefix, continuation), is_capped=is_capped)

    def _target_pieces(self, prefix: str) -> list[str]:
        forced_text = self.family.forced_target_text(prefix)
        return self._codec.target_pieces(forced_text) if forced_text else []

    def _row(self, source: str, prefix: str) -> _Row:
        pieces = self._codec.source_pieces(self.family.source_text(source))
        prefix_pieces = self._target_pieces(prefix)
        cap = prefixed_cap(len(prefix_pieces), len(pieces), self.settings, self._room)
        return _Row(pieces, [*self._forced, *prefix_pieces], len(prefix_pieces), cap)

    def _submit(self, rows: list[_Row]) -> list[Any]:
        forced = [row.forced or None for row in rows]
        return list(
            self._translator.translate_batch(
                [row.source for row in rows],
                target_prefix=forced if any(forced) else None,
                beam_size=self.num_beams,
                max_decoding_length=self._num_echoed + max(row.cap for row in rows),
                max_input_length=0,
                repetition_penalty=self.settings.repetition_penalty,
                no_repeat_ngram_size=self.settings.no_repeat_ngram_size,
                asynchronous=True,
            )
        )


def _collect(
    queued: list[tuple[list[int], list[Any]]],
    finished: Sequence[Callable[[list[str]], Translation]],
    on_batch: BatchDone | None,
) -> list[Translation]:
    """Wait for each queued batch in turn; return each row's finished translation, in order."""
    results: dict[int, Translation] = {}
    for batch, futures in queued:
        for index, future in zip(batch, futures, strict=True):
            results[index] = finished[index](future.result().hypotheses[0])
        if on_batch is not None:
            on_batch(batch)
    return [results[index] for index in range(len(finished))]


def _import_ctranslate2() -> Any:
    try:
        import ctranslate2
    except ImportError as error:
        raise BackendError(
            f"The ct2 backend needs ctranslate2; install it with: {install_command('fast')}."
        ) from error
    return ctranslate2


def _load(
    ctranslate2: Any,
    folder: Path,
    location: ModelLocation,
    device: str,
    precision: str,
    settings: GenerationSettings,
) -> Any:
    inter, intra = thread_split(settings.threads, device)
    try:
        translator = ctranslate2.Translator(
            str(folder),
            device=device,
            compute_type=precision,
            inter_threads=inter,
            intra_threads=intra,
        )
    except (RuntimeError, ValueError) as error:
        raise BackendError(
            f"The CTranslate2 model in {folder} could not be loaded ({error}); "
            "delete that folder to convert the model again."
        ) from error
    logger.info(
        "loaded %s (%s) with CTranslate2 on %s, %s, %d x %d threads",
        location.model_id,
        location.revision,
        device,
        precision,
        inter,
        intra,
    )
    return translator


def _pick_device(ctranslate2: Any, requested: str) -> str:
    has_cuda = ctranslate2.get_cuda_device_count() > 0
    if requested == "auto":
        return "cuda" if has_cuda else "cpu"
    if requested == "cuda" and not has_cuda:
        raise BackendError(
            "--device cuda was asked for, but CTranslate2 sees no CUDA GPU; use --device cpu."
        )
    if requested not in {"cpu", "cuda"}:
        raise BackendError(f"Unknown device '{requested}'; use auto, cpu or cuda.")
    return requested


def _pick_precision(ctranslate2: Any, requested: str, device: str) -> str:
    """Return the compute type: int8 on CPU, float16 on GPU, unless asked otherwise."""
    supported = sorted(ctranslate2.get_supported_compute_types(device))
    if requested == "auto":
        preferred = "float16" if device == "cuda" else "int8"
        return preferred if preferred in supported else "float32"
    if requested not in supported:
        raise BackendError(
            f"Precision '{requested}' is not available for CTranslate2 on {device}; "
            f"use auto, {', '.join(supported)}."
        )
    return str(requested)
