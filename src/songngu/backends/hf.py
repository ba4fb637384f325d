"""The transformers backend: Marian, NLLB, mBART, T5 and any seq2seq folder, batched on CPU or GPU.

torch and transformers are imported when a backend is constructed, never at module import
time elsewhere in songngu. Model-family quirks come from :mod:`songngu.backends.presets`.
"""

from __future__ import annotations

import contextlib
import logging
import math
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from songngu.backends import BatchDone, GenerationSettings, Translation, join_prefix
from songngu.backends.decoding import (
    default_batch_size,
    iter_batches,
    prefix_fits,
    prefixed_cap,
)
from songngu.backends.hardware import has_native_bfloat16, thread_split
from songngu.backends.hub import ModelLocation
from songngu.backends.presets import ModelFamily
from songngu.backends.seq2seq import Seq2SeqBackend
from songngu.backends.tokenization import PROTOBUF_HINT, needs_protobuf
from songngu.backends.weights import checkpoint_files, needs_narrowing, read_state_dict
from songngu.errors import BackendError
from songngu.installation import install_command

if TYPE_CHECKING:
    import torch

logger = logging.getLogger(__name__)

# generate() copies the whole key/value cache at every beam reorder, so a beam-search batch's
# peak memory grows with sentences × beams × length. 8 sentences a batch decode as fast as 16 on
# two cores and keep the peak 300-800 MB lower (the benchmark article with the shipped glossary:
# peak RSS 1.25 GB, against 2.0 GB with 16; docs/design/performance.md).
_BEAM_SEARCH_BATCH_SIZE = 8


#: Checkpoints from this size on are read in the target precision (backends/weights.py).
_NARROWED_FROM_BYTES = 1 << 30


class TransformersBackend(Seq2SeqBackend):
    """Translate with ``AutoModelForSeq2SeqLM`` in length-sorted, token-budgeted batches."""

    name = "transformers"

    def __init__(self, settings: GenerationSettings) -> None:
        """Locate, load and prepare the model; nothing else is loaded later.

        Raises:
            ModelUnavailableError: the model is neither cached nor downloadable.
            BackendError: torch/transformers are missing or the model cannot be loaded.
        """
        super().__init__(settings)
        self._torch, self._tokenizer, self._model = _load(self.location, self.family, settings)
        self._workers = _parallel_batches(self._torch, settings, self._model.device.type)
        self.num_beams = settings.num_beams or self._model.generation_config.num_beams or 1
        self.precision = str(self._model.dtype).removeprefix("torch.")
        self._limits = _GenerationLimits.for_model(self._model, self._tokenizer, self.family)
        self.max_positions = self._limits.max_positions

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Return the source-token count of each text, special tokens included."""
        if not texts:
            return []
        encoded = self._tokenizer(
            [self.family.source_text(text) for text in texts], add_special_tokens=True
        )
        return [len(ids) for ids in encoded["input_ids"]]

    def prefix_fits(self, prefixes: Sequence[str]) -> list[bool]:
        """Return whether each prefix leaves room to finish within the model's positions."""
        return [
            prefix_fits(len(self._target_ids(prefix)), self._limits.room) for prefix in prefixes
        ]

    def translate_with_prefix(
        self,
        sources: Sequence[str],
        prefixes: Sequence[str],
        *,
        on_batch: BatchDone | None = None,
    ) -> list[Translation]:
        """Translate each source so that its target starts with exactly its prefix.

        ``on_batch`` hears of each batch as its results come in (in batch order).
        """
        if len(sources) != len(prefixes):
            raise ValueError("sources and prefixes must have the same length")
        counts = self.count_tokens(sources)
        batch_size = default_batch_size(
            self.settings, self.num_beams, beam_search_batch_size=_BEAM_SEARCH_BATCH_SIZE
        )
        batches = list(iter_batches(counts, batch_size, self.settings.max_batch_tokens))
        # The tokenizer switches between source and target mode as it works, so it is only
        # ever used on this thread; the worker threads run generate() alone.
        jobs = [
            self._encode([sources[index] for index in batch], [prefixes[index] for index in batch])
            for batch in batches
        ]
        results: dict[int, Translation] = {}
        for batch, job, rows in zip(
            batches, jobs, _generate_all(self._generate, jobs, self._workers), strict=True
        ):
            for index, row, ids, cap, prefix in zip(
                batch, rows, job.prefix_ids, job.caps, job.prefixes, strict=True
            ):
                results[index] = self._decode(row, ids, cap, prefix)
            if on_batch is not None:
                on_batch(batch)
        return [results[index] for index in range(len(sources))]

    def _encode(self, texts: list[str], prefixes: list[str]) -> _Job:
        sources = [self.family.source_text(text) for text in texts]
        encoded = self._tokenizer(sources, return_tensors="pt", padding=True, truncation=False)
        prefix_ids = [self._target_ids(prefix) for prefix in prefixes]
        source_lengths = encoded["attention_mask"].sum(dim=1).tolist()
        caps = [
            self._limits.cap(len(ids), length, self.settings)
            for ids, length in zip(prefix_ids, source_lengths, strict=True)
        ]
        return _Job(encoded.to(self._model.device), prefix_ids, caps, prefixes)

    def _generate(self, job: _Job) -> list[list[int]]:
        constraints = _RowConstraints(job.prefix_ids, job.caps, self._limits, self.num_beams)
        with self._torch.inference_mode():
            output = self._model.generate(
                **job.encoded,
                num_beams=self.num_beams,
                # max_length, not max_new_tokens: the model's own generation_config sets
                # max_length, and giving both makes transformers log a warning every call.
                max_length=max(job.caps) + self._limits.num_forced + 2,
                logits_processor=[constraints],
                repetition_penalty=self.settings.repetition_penalty,
                no_repeat_ngram_size=self.settings.no_repeat_ngram_size,
                **self._limits.generate_options,
            )
        rows: list[list[int]] = output.tolist()
        return rows

    def _decode(self, row: list[int], prefix_ids: list[int], cap: int, prefix: str) -> Translation:
        content = row[1 + self._limits.num_forced :]
        if self._limits.eos_id in content:
            content = content[: content.index(self._limits.eos_id)]
        is_capped = len(content) >= cap
        continuation = self._tokenizer.decode(content[len(prefix_ids) :], skip_special_tokens=True)
        if not prefix:
            continuation = self.family.strip_target(continuation)
        return Translation(text=join_prefix(prefix, continuation), is_capped=is_capped)

    def _target_ids(self, prefix: str) -> list[int]:
        """Return the ids forced at the start of a target: the family's own prefix, then ours."""
        text = self.family.forced_target_text(prefix)
        if not text:
            return []
        ids: list[int] = self._tokenizer(text_target=text, add_special_tokens=False)["input_ids"]
        return ids


def _generate_all(
    generate: Callable[[_Job], list[list[int]]], jobs: list[_Job], workers: int
) -> Iterator[list[list[int]]]:
    """Yield each batch's rows in order, as they are done.

    As many batches run at a time as there are workers (see _parallel_batches).
    """
    if workers == 1 or len(jobs) == 1:
        yield from map(generate, jobs)
        return
    with ThreadPoolExecutor(workers, thread_name_prefix="songngu-batch") as pool:
        yield from pool.map(generate, jobs)


@dataclass(frozen=True, slots=True)
class _Job:
    """One batch, tokenized: its encoder inputs, forced prefixes and per-row length caps."""

    encoded: Any
    prefix_ids: list[list[int]]
    caps: list[int]
    prefixes: list[str]


class _GenerationLimits:
    """Token ids and limits that depend on the model, computed once at load time."""

    def __init__(
        self, eos_id: int, max_positions: int, forced_ids: list[int], start_id: int | None = None
    ) -> None:
        self.eos_id = eos_id
        self.max_positions = max_positions
        self.forced_ids = forced_ids
        self.num_forced = len(forced_ids)
        self.generate_options: dict[str, Any] = (
            {"forced_bos_token_id": forced_ids[0]} if forced_ids else {}
        )
        if start_id is not None:
            self.generate_options["decoder_start_token_id"] = start_id

    @classmethod
    def for_model(cls, model: Any, tokenizer: Any, family: ModelFamily) -> _GenerationLimits:
        """Read the limits, and where the target language code goes (see ModelFamily)."""
        config = model.config
        # T5 has relative positions and no table; 512 is the length it was trained on.
        max_positions = int(getattr(config, "max_position_embeddings", 512) or 512)
        code = (
            int(tokenizer.convert_tokens_to_ids(family.target_language))
            if family.target_language
            else None
        )
        if code is not None and family.is_target_code_the_start:
            return cls(int(config.eos_token_id), max_positions, [], start_id=code)
        return cls(int(config.eos_token_id), max_positions, [] if code is None else [code])

    @property
    def room(self) -> int:
        """Return the target positions left for content: not the start, forced tokens or </s>."""
        return self.max_positions - 2 - self.num_forced

    def cap(self, prefix_length: int, source_length: int, settings: GenerationSettings) -> int:
        """Return the most target tokens, prefix included, a source of this length may produce."""
        return prefixed_cap(prefix_length, source_length, settings, self.room)


class _RowConstraints:
    """A logits processor that forces each row's prefix and ends each row at its own cap.

    transformers hands processors ``batch × beams`` rows; row ``r`` belongs to sentence
    ``r // beams``. Positions count from the first token after the decoder start token and
    any forced language token (NLLB's ``eng_Latn``).
    """

    def __init__(
        self,
        prefix_ids: list[list[int]],
        caps: list[int],
        limits: _GenerationLimits,
        num_beams: int,
    ) -> None:
        self.prefix_ids = prefix_ids
        self.caps = caps
        self.limits = limits
        self.num_beams = num_beams

    def __call__(self, input_ids: torch.Tensor, scores: torch.Tensor) -> torch.Tensor:
        position = input_ids.shape[1] - 1 - self.limits.num_forced
        if position < 0:
            return scores
        for row in range(scores.shape[0]):
            sentence = row // self.num_beams
            forced = self._forced_token(sentence, position)
            if forced is not None:
                keep = scores[row, forced].clone()
                scores[row, :] = -math.inf
                scores[row, forced] = keep
        return scores

    def _forced_token(self, sentence: int, position: int) -> int | None:
        prefix = self.prefix_ids[sentence]
        if position < len(prefix):
            return prefix[position]
        if position >= self.caps[sentence]:
            return self.limits.eos_id
        return None


def _load(location: ModelLocation, family: ModelFamily, settings: GenerationSettings) -> Any:
    try:
        import torch
        import transformers
        from transformers import AutoTokenizer
    except ImportError as error:
        raise BackendError(
            f"The transformers backend needs {error.name}; install it with: {install_command()}"
        ) from error
    route_transformers_logging()
    device = _pick_device(torch, settings.device)
    tokenizer_options = (
        {"src_lang": family.source_language, "tgt_lang": family.target_language}
        if family.source_language
        else {}
    )
    try:
        with warnings.catch_warnings():
            # MarianTokenizer warns when sacremoses is missing, but in transformers 5.x only its
            # unused normalize() needs it; encoding and decoding never do
            # (transformers/models/marian/tokenization_marian.py, _setup_normalizer).
            warnings.filterwarnings("ignore", "Recommended: pip install sacremoses")
            tokenizer = AutoTokenizer.from_pretrained(location.path, **tokenizer_options)
        # songngu counts whole sentences before splitting them to the model's own limits, and
        # never truncates; the tokenizer would warn "Token indices sequence length is longer
        # than the specified maximum" at each count of a long sentence. transformers' own
        # "no limit" value (tokenization_utils_base.VERY_LARGE_INTEGER) turns that off.
        tokenizer.model_max_length = int(1e30)
        dtype = _pick_dtype(torch, settings.precision, device)
        with _quiet_weight_loading():
            model = _load_model(torch, transformers, location, dtype, device)
    except (OSError, ValueError) as error:
        raise BackendError(_load_failure(location, error)) from error
    model.to(device).eval()
    logger.info("loaded %s (%s) on %s", location.model_id, location.revision, device)
    return torch, tokenizer, model


def _load_model(
    torch: Any, transformers: Any, location: ModelLocation, dtype: Any, device: str
) -> Any:
    """Load the model in ``dtype``; a wider checkpoint is read in ``dtype`` slice by slice.

    transformers would hold the float32 file's pages and the narrower model at once (NLLB-600M:
    4.0 GB); :mod:`songngu.backends.weights` never holds more than the model and one slice.
    """
    attention = _attention(torch, dtype, device)
    config = transformers.AutoConfig.from_pretrained(location.path)
    # The Auto class needs a model name to resolve; the mapping gives its class from the config.
    model_class = transformers.MODEL_FOR_SEQ_TO_SEQ_CAUSAL_LM_MAPPING.get(type(config), None)
    files = checkpoint_files(location.path)
    if not _is_narrowed_here(model_class, files, dtype):
        return transformers.AutoModelForSeq2SeqLM.from_pretrained(
            location.path, dtype=dtype, attn_implementation=attention
        )
    model = model_class.from_pretrained(
        None,
        config=config,
        state_dict=read_state_dict(torch, files, dtype),
        dtype=dtype,
        attn_implementation=attention,
    )
    if (location.path / "generation_config.json").is_file():
        model.generation_config = transformers.GenerationConfig.from_pretrained(location.path)
    return model


def _is_narrowed_here(model_class: Any, files: list[Path], dtype: Any) -> bool:
    """Whether the checkpoint is large, wider than ``dtype``, and every weight is cast to it.

    Models that keep some layers in float32 (T5's ``wo``) are left to transformers, which
    knows which ones. So are checkpoints under ``_NARROWED_FROM_BYTES``: their float32 copy
    costs little, and opus-mt built from this loader's state dict generated 1.25x slower in
    bfloat16 than transformers' own load of the same weights (42 against 34 s on the benchmark
    article; the weights are bit-identical, the cause is not yet found).
    """
    keeps_float32 = getattr(model_class, "_keep_in_fp32_modules", None) or getattr(
        model_class, "_keep_in_fp32_modules_strict", None
    )
    return (
        model_class is not None
        and not keeps_float32
        and sum(path.stat().st_size for path in files) >= _NARROWED_FROM_BYTES
        and needs_narrowing(files, dtype.itemsize)
    )


def route_transformers_logging() -> None:
    """Send transformers' log records through Python logging, as every other library does.

    transformers gives its logger a stderr handler of its own and stops propagation
    (``transformers/utils/logging.py``, ``_configure_library_root_logger``), so its warnings
    bypassed the application: the CLI could neither hide, count nor format them.
    """
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_default_handler()
    transformers_logging.enable_propagation()


def _load_failure(location: ModelLocation, error: Exception) -> str:
    """Say why a model did not load; name protobuf where a bare SentencePiece file needs it."""
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if needs_protobuf(location.path):
        reason = PROTOBUF_HINT
    return f"Model '{location.model_id}' could not be loaded from {location.path}: {reason}"


@contextlib.contextmanager
def _quiet_weight_loading() -> Iterator[None]:
    """Hide transformers' "Loading weights" bar: local weights load in under a second."""
    from transformers.utils import logging as transformers_logging

    was_enabled = transformers_logging.is_progress_bar_enabled()
    transformers_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    try:
        yield
    finally:
        if was_enabled:
            transformers_logging.enable_progress_bar()  # type: ignore[no-untyped-call]


def _parallel_batches(torch: Any, settings: GenerationSettings, device: str) -> int:
    """Set torch's threads and return how many batches to decode at once.

    On CPU, batches run side by side with a thread each rather than one batch on every core,
    as CTranslate2 does (``thread_split``): generate() spends a third of each step in Python
    bookkeeping, during which one thread's core would idle, and torch's threads wait for each
    other at every operation, which another busy program on the machine turns into a crawl
    (docs/design/performance.md).
    """
    workers, threads = thread_split(settings.threads, device)
    if device == "cpu" or settings.threads:
        torch.set_num_threads(max(1, threads))
    return workers


def _attention(torch: Any, dtype: Any, device: str) -> str | None:
    """Return the attention implementation: the plain one for bfloat16 on CPU, else the default.

    torch's fused CPU attention is slower than plain matrix products in bfloat16 at sentence
    lengths (50 against 69 ms per beam-4 step of 16 sentences, one thread;
    docs/design/performance.md); in float32 and on GPU the default is as fast or faster.
    """
    return "eager" if device == "cpu" and dtype == torch.bfloat16 else None


def _pick_device(torch: Any, requested: str) -> str:
    if requested == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if requested == "cuda" and not torch.cuda.is_available():
        raise BackendError(
            "--device cuda was asked for, but torch sees no CUDA GPU; use --device cpu."
        )
    if requested not in {"cpu", "cuda"}:
        raise BackendError(f"Unknown device '{requested}'; use auto, cpu or cuda.")
    return requested


def _pick_dtype(torch: Any, precision: str, device: str) -> Any:
    choices = {"float32": torch.float32, "bfloat16": torch.bfloat16, "float16": torch.float16}
    if precision == "auto":
        if device == "cuda":
            return torch.float16
        # On the benchmark model bfloat16 moves token log-probabilities from float32's by about
        # as much as CTranslate2's int8 does, for 1.3-1.6x the speed (performance.md); CPUs
        # without bfloat16 instructions would only emulate it, so they keep float32.
        return torch.bfloat16 if has_native_bfloat16() else torch.float32
    if precision not in choices:
        raise BackendError(f"Unknown precision '{precision}'; use auto, {', '.join(choices)}.")
    return choices[precision]
