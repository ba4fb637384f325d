"""Tiny random-weight models of the mBART (VinAI Translate) and T5 (EnViT5) families.

Laid out as the real repositories are, apart from their size:

- ``vinai/vinai-translate-vi2en-v2``: ``MBartForConditionalGeneration`` whose config names
  ``MBartTokenizer`` (mBART-25 conventions: ``pieces </s> vi_VN`` in, ``en_XX`` as decoder start),
  with ``sentencepiece.bpe.model``. The real repository ships no ``tokenizer.json``; transformers
  5 then needs protobuf to read the SentencePiece file, which the test environment lacks, so the
  tiny model also carries the ``tokenizer.json`` that transformers would build from it.
- ``VietAI/envit5-translation``: a gated-GELU ``T5ForConditionalGeneration`` (config of the
  real model: d_model 768, d_ff 2048, 12 + 12 layers, vocabulary 50,048, untied embeddings)
  with ``spiece.model`` and ``tokenizer.json``, trained on ``vi: ``/``en: `` prefixed lines.

SentencePiece models are trained in memory on the shared test sentences; the tokenizers are
built from their pieces and scores, which needs no protobuf.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tiny_models import (
    ENGLISH_LINES,
    NLLB_FULL_VOCAB_SIZE,
    VIETNAMESE_LINES,
    _save_model,
    _shape,
    _train_sentencepiece,
    build_nllb,
)

MBART_REPO_ID = "vinai/vinai-translate-vi2en-v2"
T5_REPO_ID = "VietAI/envit5-translation"

# EnViT5's vocabulary size (config.json of VietAI/envit5-translation and its fine-tunes).
T5_FULL_VOCAB_SIZE = 50_048
# VinAI publishes no vocabulary size in text; 64,000 SentencePiece pieces plus mBART's specials
# and language codes give 1024-wide embeddings that, with the 12 + 12 layers of mBART-large,
# come to the 1.69 GB of float32 weights the repository holds (420 M parameters).
MBART_FULL_VOCAB_SIZE = 64_030

_MBART_CONFIG: dict[str, Any] = {
    "architectures": ["MBartForConditionalGeneration"],
    "tokenizer_class": "MBartTokenizer",
    "activation_function": "gelu",
    "scale_embedding": True,
    "dropout": 0.1,
    "attention_dropout": 0.0,
    "activation_dropout": 0.0,
    "bos_token_id": 0,
    "pad_token_id": 1,
    "eos_token_id": 2,
    "forced_eos_token_id": 2,
    # fairseq-era keys the real config carries; CTranslate2's converter reads normalize_before.
    "normalize_before": True,
    "normalize_embedding": True,
    "add_final_layer_norm": True,
    "static_position_embeddings": False,
}
_MBART_GENERATION: dict[str, Any] = {
    "bos_token_id": 0,
    "pad_token_id": 1,
    "eos_token_id": 2,
    "decoder_start_token_id": 2,
    "forced_eos_token_id": 2,
}
_T5_CONFIG: dict[str, Any] = {
    "architectures": ["T5ForConditionalGeneration"],
    "feed_forward_proj": "gated-gelu",
    "tie_word_embeddings": False,
    "relative_attention_num_buckets": 32,
    "relative_attention_max_distance": 128,
    "decoder_start_token_id": 0,
    "pad_token_id": 0,
    "eos_token_id": 1,
}
_T5_GENERATION: dict[str, Any] = {"decoder_start_token_id": 0, "eos_token_id": 1, "pad_token_id": 0}


@dataclass(frozen=True)
class Size:
    """The dimensions of a built model; the defaults make a tiny one."""

    d_model: int = 16
    layers: int = 1
    heads: int = 2
    ffn: int = 32
    vocab_size: int | None = None


# mBART-large, as VinAI Translate is (config of vinai/vinai-translate-en2vi-v2's fine-tunes).
MBART_FULL_SIZE = Size(1024, 12, 16, 4096, MBART_FULL_VOCAB_SIZE)
# EnViT5 (config.json of VietAI/envit5-translation's fine-tunes).
T5_FULL_SIZE = Size(768, 12, 12, 2048, T5_FULL_VOCAB_SIZE)


def build_mbart(directory: Path, size: Size = Size(), *, seed: int = 0) -> Path:
    """Build a random-weight mBART model laid out like VinAI Translate vi2en and return it."""
    from transformers import GenerationConfig, MBartConfig, MBartForConditionalGeneration

    directory.mkdir(parents=True, exist_ok=True)
    vocab_size = _save_mbart_tokenizer(directory, size.vocab_size)
    shape = _shape(size.d_model, size.layers, size.heads, size.ffn, 1024)
    config = MBartConfig.from_dict({**_MBART_CONFIG, **shape, "vocab_size": vocab_size})
    generation = GenerationConfig.from_dict(_MBART_GENERATION)
    _save_model(MBartForConditionalGeneration, config, generation, directory, seed)
    return directory


def build_t5(directory: Path, size: Size = Size(), *, seed: int = 0) -> Path:
    """Build a random-weight T5 model laid out like EnViT5 translation and return it."""
    from transformers import GenerationConfig, T5Config, T5ForConditionalGeneration

    directory.mkdir(parents=True, exist_ok=True)
    vocab_size = _save_t5_tokenizer(directory, size.vocab_size)
    shape = {
        "d_model": size.d_model,
        "d_kv": size.d_model // size.heads,
        "d_ff": size.ffn,
        "num_layers": size.layers,
        "num_decoder_layers": size.layers,
        "num_heads": size.heads,
    }
    config = T5Config.from_dict({**_T5_CONFIG, **shape, "vocab_size": vocab_size})
    generation = GenerationConfig.from_dict(_T5_GENERATION)
    _save_model(T5ForConditionalGeneration, config, generation, directory, seed)
    return directory


def build_mbart_full_size(directory: Path) -> Path:
    """Build a random-weight model with VinAI Translate vi2en-v2's architecture, for benchmarks."""
    return build_mbart(directory, MBART_FULL_SIZE)


def build_t5_full_size(directory: Path) -> Path:
    """Build a random-weight model with EnViT5 translation's exact architecture."""
    return build_t5(directory, T5_FULL_SIZE)


def build_nllb_1_3b_full_size(directory: Path) -> Path:
    """Build a random-weight model with NLLB-200-distilled-1.3B's architecture (24 + 24 layers)."""
    return build_nllb(
        directory, d_model=1024, layers=24, heads=16, ffn=8192, vocab_size=NLLB_FULL_VOCAB_SIZE
    )


def _save_mbart_tokenizer(directory: Path, vocab_size: int | None) -> int:
    """Write sentencepiece.bpe.model and the MBartTokenizer built from it; return its size."""
    from transformers import MBartTokenizer
    from transformers.models.mbart.tokenization_mbart import FAIRSEQ_LANGUAGE_CODES

    model = _train_sentencepiece(VIETNAMESE_LINES + ENGLISH_LINES, 800, "bpe")
    (directory / "sentencepiece.bpe.model").write_bytes(model)
    # fairseq's layout (MBartTokenizer.fairseq_offset): four specials, the SentencePiece pieces
    # after its own <unk> <s> </s>, then the language codes and <mask>.
    specials = [("<s>", 0.0), ("<pad>", 0.0), ("</s>", 0.0), ("<unk>", 0.0)]
    pieces = _scored_pieces(model)[3:]
    trailing = len(FAIRSEQ_LANGUAGE_CODES) + 1
    fillers = max(0, (vocab_size or 0) - len(specials) - len(pieces) - trailing)
    vocabulary = [*specials, *pieces, *_fillers(fillers)]
    vocabulary += [(code, 0.0) for code in FAIRSEQ_LANGUAGE_CODES] + [("<mask>", 0.0)]
    tokenizer = MBartTokenizer(vocab=vocabulary, src_lang="vi_VN", tgt_lang="en_XX")
    tokenizer.save_pretrained(directory)
    return len(tokenizer)


def _save_t5_tokenizer(directory: Path, vocab_size: int | None) -> int:
    """Write spiece.model and the T5Tokenizer built from it; return the vocabulary size."""
    from transformers import T5Tokenizer

    lines = (
        VIETNAMESE_LINES
        + ENGLISH_LINES
        + tuple(f"vi: {line}" for line in VIETNAMESE_LINES)
        + tuple(f"en: {line}" for line in ENGLISH_LINES)
    )
    model = _train_sentencepiece(lines, 800, "unigram", special_ids={"pad": 0, "eos": 1, "unk": 2})
    (directory / "spiece.model").write_bytes(model)
    pieces = _scored_pieces(model)
    extra_ids = 100
    fillers = max(0, (vocab_size or 0) - len(pieces) - extra_ids)
    tokenizer = T5Tokenizer(vocab=[*pieces, *_fillers(fillers)], extra_ids=extra_ids)
    tokenizer.save_pretrained(directory)
    return len(tokenizer)


def _scored_pieces(model: bytes) -> list[tuple[str, float]]:
    """List every piece of a serialized SentencePiece model with its score, in id order."""
    import sentencepiece

    processor = sentencepiece.SentencePieceProcessor(model_proto=model)
    return [
        (processor.id_to_piece(index), float(processor.get_score(index)))
        for index in range(processor.get_piece_size())
    ]


def _fillers(count: int) -> list[tuple[str, float]]:
    """Stand-ins for the real vocabulary's pieces: never chosen by the tokenizer (score -1e9)."""
    return [(f"⟪{index}⟫", -1e9) for index in range(count)]
