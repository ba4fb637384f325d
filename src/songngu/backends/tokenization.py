"""Text to model pieces and back without transformers, exactly as the transformers tokenizers do.

CTranslate2 reads and writes token *strings*. Importing transformers to produce them would cost
two to three seconds of start-up on every run (``docs/design/performance.md``), so the CTranslate2
backend tokenizes with the libraries underneath: SentencePiece for Marian models (``source.spm``,
``target.spm``, ``vocab.json``) and the ``tokenizers`` library for models that ship a
``tokenizer.json`` (NLLB, EnViT5) or get one written at conversion (VinAI's mBART, which ships
a bare SentencePiece file). ``tests/test_backend_ct2.py`` pins the parity with transformers.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from songngu.backends.presets import ModelFamily
from songngu.errors import BackendError

__all__ = ["PROTOBUF_HINT", "PieceCodec", "load_codec", "needs_protobuf"]


class PieceCodec(Protocol):
    """A model's tokenizer, reduced to what a backend that speaks token strings needs."""

    def decode(self, pieces: Sequence[str]) -> str:
        """Return the text of target pieces, special tokens left out."""
        ...

    def source_pieces(self, text: str) -> list[str]:
        """Return the pieces the encoder reads for ``text``, special tokens included."""
        ...

    def target_pieces(self, text: str) -> list[str]:
        """Return the target pieces of ``text`` (a forced prefix), without special tokens."""
        ...


def load_codec(folder: Path, family: ModelFamily, *, also: Path | None = None) -> PieceCodec:
    """Return the codec for the tokenizer files in ``folder`` (or, failing that, in ``also``).

    Raises:
        BackendError: the folder holds neither a Marian tokenizer nor a ``tokenizer.json``.
    """
    if (folder / "source.spm").is_file() and (folder / "vocab.json").is_file():
        return MarianPieces(folder)
    for candidate in (folder, also):
        if candidate is not None and (candidate / "tokenizer.json").is_file():
            return TokenizerFilePieces(candidate, family)
    raise BackendError(
        f"{folder}: the ct2 backend reads Marian tokenizers (source.spm, vocab.json) or a "
        "tokenizer.json, and this model has neither; use --backend transformers."
    )


class MarianPieces:
    """Marian's two SentencePiece models, as ``transformers.MarianTokenizer`` applies them."""

    def __init__(self, folder: Path) -> None:
        """Load both SentencePiece models and the special tokens."""
        import sentencepiece

        config = _read_json(folder / "tokenizer_config.json")
        self.eos = _special_token(config, "eos_token", "</s>")
        self.special = frozenset(
            {
                self.eos,
                _special_token(config, "unk_token", "<unk>"),
                _special_token(config, "pad_token", "<pad>"),
            }
        )
        self._source = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))
        self._target = sentencepiece.SentencePieceProcessor(model_file=str(folder / "target.spm"))
        # MarianTokenizer.decode uses the *source* model when both sides share one vocabulary
        # (transformers/models/marian/tokenization_marian.py, MarianTokenizer._decode).
        self._decoder = self._target if config.get("separate_vocabs") else self._source

    def decode(self, pieces: Sequence[str]) -> str:
        """Join the pieces as ``MarianTokenizer.decode(..., skip_special_tokens=True)`` does."""
        kept = [piece for piece in pieces if piece not in self.special]
        text: str = self._decoder.decode_pieces(kept)
        return text.replace("▁", " ").strip()

    def source_pieces(self, text: str) -> list[str]:
        """Return the source pieces and ``</s>``; a leading ``>>xx<<`` code stays one piece."""
        code, text = _split_language_code(text)
        pieces: list[str] = self._source.encode(text, out_type=str)
        return [*code, *pieces, self.eos]

    def target_pieces(self, text: str) -> list[str]:
        """Return the target model's pieces of ``text``."""
        code, text = _split_language_code(text)
        pieces: list[str] = self._target.encode(text, out_type=str)
        return [*code, *pieces]


class TokenizerFilePieces:
    """A ``tokenizer.json``, with the family's source language code added explicitly.

    The file's own post-processor adds whatever source language it was saved with (NLLB's Hub
    files say ``eng_Latn``), so the codes come from the model family instead, in the family's
    order (:meth:`ModelFamily.frame_source`).
    """

    def __init__(self, folder: Path, family: ModelFamily) -> None:
        """Load the tokenizer file and the family's language codes."""
        import tokenizers

        config = _read_json(folder / "tokenizer_config.json")
        self.eos = _special_token(config, "eos_token", "</s>")
        self.family = family
        self._tokenizer = tokenizers.Tokenizer.from_file(str(folder / "tokenizer.json"))
        unknown = self._tokenizer.token_to_id(_special_token(config, "unk_token", "<unk>"))
        self._unknown_id: int = 0 if unknown is None else unknown

    def decode(self, pieces: Sequence[str]) -> str:
        """Return the text of the pieces, special tokens skipped."""
        ids = [self._token_id(piece) for piece in pieces]
        text: str = self._tokenizer.decode(ids, skip_special_tokens=True)
        return text

    def source_pieces(self, text: str) -> list[str]:
        """Return the pieces with ``</s>`` and the language code (or the file's own specials)."""
        if self.family.source_language is None:
            tokens: list[str] = self._tokenizer.encode(text).tokens
            return tokens
        pieces = self._tokenizer.encode(text, add_special_tokens=False).tokens
        return self.family.frame_source(pieces, self.eos)

    def target_pieces(self, text: str) -> list[str]:
        """Return the pieces of ``text`` without special tokens."""
        pieces: list[str] = self._tokenizer.encode(text, add_special_tokens=False).tokens
        return pieces

    def _token_id(self, piece: str) -> int:
        found: int | None = self._tokenizer.token_to_id(piece)
        return self._unknown_id if found is None else found


def needs_protobuf(folder: Path) -> bool:
    """Return whether loading this folder's tokenizer needs protobuf, and protobuf is missing.

    Repositories that ship only a SentencePiece file (VinAI's ``sentencepiece.bpe.model``) are
    converted to a fast tokenizer at load time, and transformers 5 reads the file with protobuf
    (transformers/tokenization_utils_tokenizers.py, convert_to_native_format); without it the
    error speaks of tiktoken, which has nothing to do with these models. Marian's own
    ``source.spm`` files load without it.
    """
    if (folder / "tokenizer.json").is_file() or (folder / "source.spm").is_file():
        return False
    if not any((folder / name).is_file() for name in ("sentencepiece.bpe.model", "spiece.model")):
        return False
    import importlib.util

    try:
        return importlib.util.find_spec("google.protobuf") is None
    except ModuleNotFoundError:  # no "google" namespace package at all
        return True


PROTOBUF_HINT = "its tokenizer is a bare SentencePiece file, which needs: pip install protobuf"


def _split_language_code(text: str) -> tuple[list[str], str]:
    """Split off a leading ``>>fra<<`` target-language code (multilingual opus-mt models)."""
    if text.startswith(">>") and (end := text.find("<<")) != -1:
        return [text[: end + 2]], text[end + 2 :]
    return [], text


def _special_token(config: dict[str, Any], name: str, default: str) -> str:
    """Read a special token from tokenizer_config.json, a string or (older files) an object."""
    value = config.get(name) or default
    if isinstance(value, dict):
        value = value.get("content") or default
    return str(value)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        raise BackendError(f"{path}: cannot read the tokenizer settings ({error}).") from error
    return data if isinstance(data, dict) else {}
