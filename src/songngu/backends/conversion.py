"""Converting a transformers model to CTranslate2 once, locally, and caching the result.

The converted model lives in ``$XDG_CACHE_HOME/songngu/ct2/<model-id>/<revision>-<quantization>/``
(``~/.cache`` when the variable is unset), so a new revision or another quantization is a new
folder and a cached one is never stale. Conversion writes into a temporary folder beside the
target and renames it into place: an interrupted run leaves no half-written model, and of two
runs converting at once the second simply keeps the first one's result.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import warnings
from pathlib import Path

from songngu.backends.hf import route_transformers_logging
from songngu.backends.hub import ModelLocation
from songngu.backends.tokenization import PROTOBUF_HINT, needs_protobuf
from songngu.errors import BackendError
from songngu.installation import install_command

__all__ = ["cache_root", "converted_model", "converted_model_folder"]

logger = logging.getLogger(__name__)

# The file CTranslate2 writes last; a folder without it is not a finished model.
_MODEL_FILE = "model.bin"


def cache_root() -> Path:
    """Return songngu's cache folder (the XDG base directory convention)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "songngu"


def converted_model_folder(location: ModelLocation, quantization: str) -> Path:
    """Return where the converted model of this revision and quantization is kept."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "--", location.model_id).strip("-.") or "model"
    return cache_root() / "ct2" / name / f"{location.revision}-{quantization}"


def converted_model(location: ModelLocation, quantization: str) -> Path:
    """Return the CTranslate2 model folder for ``location``, converting it on first use.

    Raises:
        BackendError: the converter is missing, or cannot convert this model.
    """
    target = converted_model_folder(location, quantization)
    if (target / _MODEL_FILE).is_file():
        return target
    # A step the CLI shows (at the default level too): it takes a while, once per model.
    logger.warning(
        "Converting %s to CTranslate2 (%s); once per model, it takes a minute or two.",
        location.model_id,
        quantization,
        extra={"songngu_step": "converting"},
    )
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        _convert(location, scratch / "model", quantization)
        _move_into_place(scratch / "model", target)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target


def _convert(location: ModelLocation, output: Path, quantization: str) -> None:
    try:
        from ctranslate2.converters import TransformersConverter
    except ImportError as error:
        raise BackendError(
            f"The ct2 backend needs {error.name}; install it with: {install_command('fast')}."
        ) from error
    route_transformers_logging()  # the converter has just imported transformers
    try:
        with warnings.catch_warnings():
            # The converter loads the tokenizer, and MarianTokenizer warns when sacremoses is
            # missing; conversion never uses it (see the same filter in backends/hf.py).
            warnings.filterwarnings("ignore", "Recommended: pip install sacremoses")
            converter = TransformersConverter(str(location.path), low_cpu_mem_usage=True)
            converter.convert(str(output), quantization=quantization)
            _write_tokenizer_file(location.path, output)
    # AttributeError: CTranslate2 reads config keys some models lack (mBART's normalize_before).
    except (AttributeError, ImportError, NotImplementedError, OSError, ValueError) as error:
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        advice = "; use --backend transformers."
        if needs_protobuf(location.path):  # transformers needs it too
            reason, advice = PROTOBUF_HINT, "."
        raise BackendError(
            f"Model '{location.model_id}' could not be converted to CTranslate2: {reason}{advice}"
        ) from error


def _write_tokenizer_file(model_folder: Path, output: Path) -> None:
    """Save the fast tokenizer as ``tokenizer.json`` beside a model that ships none.

    VinAI Translate ships only ``sentencepiece.bpe.model``; transformers builds the fast
    tokenizer from it at load time, and the ct2 backend, which never imports transformers when
    translating, reads the result from here (:func:`songngu.backends.tokenization.load_codec`).
    Marian models keep their own SentencePiece files.
    """
    if (model_folder / "tokenizer.json").is_file() or (model_folder / "source.spm").is_file():
        return
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model_folder))
    tokenizer.backend_tokenizer.save(str(output / "tokenizer.json"))


def _move_into_place(folder: Path, target: Path) -> None:
    if target.exists() and not (target / _MODEL_FILE).is_file():
        shutil.rmtree(target)  # the remains of a damaged cache entry, never a finished model
    try:
        folder.rename(target)
    except OSError as error:
        # Another run may have finished the same conversion first; then its result is used.
        if not (target / _MODEL_FILE).is_file():
            raise BackendError(
                f"Cannot store the converted model in {target} ({error}); "
                "check that the folder is writable."
            ) from error
