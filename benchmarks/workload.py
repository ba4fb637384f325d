"""The benchmark's workload: the model, its hub cache, and the segments every variant translates.

The segments are exactly those the translate stage sends to the model (after segmentation,
deduplication and splitting to the input budget): the pipeline is run once with a recording
translator in place of the model. Each segment's target length is the product's own length cap,
with the ratio chosen so that outputs average 1.2 x their source, as in
``shared/reference/performance.md``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from songngu.backends import GenerationSettings, Translation
from songngu.backends.decoding import length_cap
from songngu.backends.presets import family_of_config
from songngu.backends.tokenization import PieceCodec, load_codec
from songngu.pipeline import Pipeline, TranslationSettings
from songngu.readers import read_document
from songngu.segmenter import segment_document

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from tiny_models import (  # noqa: E402  (tests/ is not a package)
    VIETNAMESE_LINES,
    SourceVocabulary,
    build_marian_full_size,
    build_nllb_full_size,
    install_in_hub_cache,
)

#: Target tokens per source token of Vietnamese-to-English news (the reference workload's value).
TARGET_RATIO = 1.2


@dataclass(frozen=True)
class Workload:
    """What every variant translates, and how long each output must run."""

    model_dir: str
    model_id: str
    segments: list[str]
    source_tokens: list[int]
    target_tokens: list[int]
    max_length_ratio: float
    is_random: bool

    @property
    def num_target_tokens(self) -> int:
        """Return the target tokens of the whole workload: what every variant produces."""
        return sum(self.target_tokens)

    def save(self, path: Path) -> None:
        """Write the workload for the worker processes."""
        path.write_text(json.dumps(asdict(self), ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Workload:
        """Read a workload written by :meth:`save`."""
        return cls(**json.loads(path.read_text(encoding="utf-8")))


class RecordingTranslator:
    """A stand-in model that records what the translate stage sends on its first pass."""

    def __init__(self, codec: PieceCodec, max_input_tokens: int) -> None:
        """Count tokens with the model's own tokenizer, so that splitting matches the product."""
        self.codec = codec
        self.max_input_tokens = max_input_tokens
        self.model_id = "recording"
        self.model_revision = "none"
        self.sources: list[str] = []

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Return each text's source tokens, as the real backends count them."""
        return [len(self.codec.source_pieces(text)) for text in texts]

    def prefix_fits(self, prefixes: Sequence[str]) -> list[bool]:
        """Let every prefix through: enforcement's re-decodes are not part of the workload."""
        return [True for _ in prefixes]

    def signature(self) -> str:
        """Return a signature that no real backend has."""
        return "backend:recording"

    def translate(self, sources: Sequence[str]) -> list[Translation]:
        """Record the first-pass sources; return empty outputs."""
        self.sources.extend(sources)
        return [Translation("", is_capped=True) for _ in sources]

    def translate_with_prefix(
        self, sources: Sequence[str], prefixes: Sequence[str]
    ) -> list[Translation]:
        """Return the prefixes themselves: enforcement is not part of the workload."""
        return [Translation(prefix, is_capped=True) for prefix in prefixes]


def article_sentences(article: Path) -> tuple[str, ...]:
    document = segment_document(read_document(str(article)))
    return tuple(segment.source for segment in document.iter_segments())


def prepare_model(work_dir: Path, article: Path, preset: str = "opus-mt") -> Path:
    """Build (once) a random-weight model with the preset's exact architecture for this article."""
    if preset == "nllb-600m":
        return _prepare_nllb(work_dir)
    sentences = article_sentences(article)
    digest = hashlib.sha256("\n".join(sentences).encode()).hexdigest()[:10]
    folder = work_dir / "models" / f"opus-mt-vi-en-random-{digest}"
    if not (folder / "benchmark.json").is_file():
        # A 1,000-piece BPE on the article: about 1.35 pieces per syllable, 34.5 per sentence.
        vocabulary = SourceVocabulary(sentences + VIETNAMESE_LINES, 1000, "bpe")
        build_marian_full_size(folder, source_vocabulary=vocabulary)
        kept = _bias_towards_target_pieces(folder)
        (folder / "benchmark.json").write_text(json.dumps({"target_pieces": kept}), "utf-8")
    return folder


def _prepare_nllb(work_dir: Path) -> Path:
    """Build NLLB-200-distilled-600M's architecture: 615 M parameters, vocabulary 256,206.

    Its tokenizer is the tests' small BPE padded to the full vocabulary, so sentences come out
    longer in tokens than with the real one; the table reports tokens, which stay comparable.
    M2M100 has no output bias to keep the model off </s>, so a random output may end early;
    the harness counts such length misses in every row.
    """
    folder = work_dir / "models" / "nllb-200-distilled-600M-random"
    if not (folder / "benchmark.json").is_file():
        build_nllb_full_size(folder)
        (folder / "benchmark.json").write_text(json.dumps({"preset": "nllb-600m"}), "utf-8")
    return folder


def _bias_towards_target_pieces(folder: Path) -> int:
    """Make the random model write real English pieces, never fillers or </s>; return how many.

    The vocabulary is padded to opus-mt's 53,685 entries with fillers that are no piece of the
    target SentencePiece model, so text made of them re-tokenizes into ten times as many
    pieces. Glossary enforcement re-encodes the model's own words as a prefix, so with fillers
    every re-decode would balloon. A -30 output bias on fillers and </s> (which also makes every
    output run to its cap) changes which words come out, never how much is computed.
    """
    import sentencepiece
    import torch
    from safetensors.torch import load_file, save_file

    vocabulary = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
    target = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm"))
    pieces = [target.id_to_piece(index) for index in range(target.get_piece_size())]
    kept = sorted({vocabulary[piece] for piece in pieces if piece in vocabulary} - {0, 1})
    tensors = load_file(folder / "model.safetensors")
    bias = torch.full_like(tensors["final_logits_bias"], -30.0)
    bias[0, kept] = 0.0
    tensors["final_logits_bias"] = bias
    save_file(tensors, folder / "model.safetensors", metadata={"format": "pt"})
    return len(kept)


def install_environment(work_dir: Path, model_dir: Path, model_id: str) -> dict[str, str]:
    """Install the model in a private offline hub cache; return the environment to run with."""
    hub = work_dir / "hub"
    install_in_hub_cache(hub, model_id, model_dir)
    return {
        **os.environ,
        "HF_HUB_CACHE": str(hub),
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "XDG_CACHE_HOME": str(work_dir / "xdg-cache"),
        "TOKENIZERS_PARALLELISM": "false",
    }


def build_workload(
    model_dir: Path,
    model_id: str,
    article: Path,
    *,
    is_random: bool,
    ratio: float | None = None,
) -> Workload:
    """Record the segments the pipeline sends and fix each one's target length.

    ``ratio``: the --max-length-ratio to use (another workload's); chosen here when None.
    """
    config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    family = family_of_config(config)
    codec = load_codec(model_dir, family)
    max_positions = int(config.get("max_position_embeddings") or 512)
    recorder = RecordingTranslator(codec, min(family.default_input_budget, max_positions - 2))
    # The first pass does not depend on the glossary: every segment is sent once, as it is.
    # No retries: the recorder's empty outputs would send every sentence again, clause by clause,
    # and the bar is measured with --no-retry.
    settings = TranslationSettings(backend="fake", use_shipped_glossary=False, retry=False)
    Pipeline(settings, translator=recorder).translate(read_document(str(article)))
    counts = recorder.count_tokens(recorder.sources)
    room = max_positions - 2 - (1 if family.target_language else 0)
    if ratio is None:
        ratio = _ratio_for(counts, room) if is_random else 2.0
    caps = [length_cap(count, GenerationSettings(max_length_ratio=ratio), room) for count in counts]
    return Workload(
        str(model_dir), model_id, recorder.sources, counts, caps, ratio, is_random=is_random
    )


def _ratio_for(counts: Sequence[int], room: int) -> float:
    """Return the --max-length-ratio whose caps total closest to TARGET_RATIO x the source."""
    wanted = TARGET_RATIO * sum(counts)

    def total(ratio: float) -> int:
        settings = GenerationSettings(max_length_ratio=ratio)
        return sum(length_cap(count, settings, room) for count in counts)

    candidates = [round(0.5 + step / 100, 2) for step in range(0, 250)]
    return min(candidates, key=lambda ratio: abs(total(ratio) - wanted))


#: The archive rows (issue 15): this many short articles of at least this many words each.
ARCHIVE_FILES = 50
ARCHIVE_WORDS = 60


def prepare_archive(work_dir: Path, article: Path) -> tuple[Path, Path]:
    """Write a folder of short articles and one article of the same text; return both.

    The short articles are consecutive sentences of ``article``, each file one paragraph of at
    least ``ARCHIVE_WORDS`` words; the single article holds the same paragraphs in one file.
    """
    folder = work_dir / "archive" / "articles"
    single = work_dir / "archive" / "one-article.txt"
    paragraphs = _short_articles(article_sentences(article))
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.txt"):
        stale.unlink()
    for number, paragraph in enumerate(paragraphs, start=1):
        (folder / f"tin-{number:02d}.txt").write_text(paragraph + "\n", encoding="utf-8")
    single.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return folder, single


def _short_articles(sentences: Sequence[str]) -> list[str]:
    paragraphs: list[str] = []
    current: list[str] = []
    for sentence in sentences:
        current.append(sentence)
        if sum(len(line.split()) for line in current) >= ARCHIVE_WORDS:
            paragraphs.append(" ".join(current))
            current = []
        if len(paragraphs) == ARCHIVE_FILES:
            break
    return paragraphs
