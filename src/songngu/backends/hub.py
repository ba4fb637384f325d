"""Finding a model: a local folder, the Hugging Face cache, or a download from the Hub.

Only huggingface_hub is imported here (never torch), so ``songngu models download`` stays
light. A model that is cached is always loaded from the cache without touching the network.
A model that is not starts with one request for its file list, without retries, so a machine
that cannot reach the Hub learns it at once, in one line (``hub_failures.py``).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from songngu.backends.hub_failures import (
    hub_failures,
    not_a_hub_id_message,
    unavailable_message,
)
from songngu.backends.presets import resolve_model
from songngu.errors import BackendError, ModelUnavailableError

logger = logging.getLogger(__name__)

# Files a translation model needs; TensorFlow, Flax, Rust and ONNX weights are never fetched.
_CONFIG_PATTERNS = ["*.json", "*.spm", "*.model", "*.txt"]
_WEIGHT_CHOICES = (["*.safetensors"], ["pytorch_model*.bin"])


@dataclass(frozen=True, slots=True)
class ModelLocation:
    """Where a model's files are, and which revision they are."""

    model_id: str
    path: Path
    revision: str


def locate_model(model: str, revision: str | None = None) -> ModelLocation:
    """Find ``model`` (preset, Hub id or folder) locally, downloading it if allowed.

    Raises:
        ModelUnavailableError: not cached, and offline or the download failed.
    """
    model_id, is_folder = resolve_model(model)
    if is_folder:
        return _locate_folder(model_id)
    cached = find_cached_model(model_id, revision)
    if cached is not None:
        return cached
    return download_model(model_id, revision)


def read_model_json(location: ModelLocation, name: str, *, required: bool = True) -> dict[str, Any]:
    """Return one of the model's JSON files (``config.json``, ``generation_config.json``).

    Raises:
        BackendError: the file is unreadable, or missing while ``required``.
    """
    path = location.path / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        if not required:
            return {}
        raise BackendError(f"{location.path}: cannot read {name} ({error}).") from error
    except (OSError, ValueError) as error:
        raise BackendError(f"{location.path}: cannot read {name} ({error}).") from error
    return data if isinstance(data, dict) else {}


def find_cached_model(model_id: str, revision: str | None = None) -> ModelLocation | None:
    """Return the cached snapshot of ``model_id``, or None if it is not fully cached.

    Raises:
        ModelUnavailableError: ``model_id`` is not a Hub id.
    """
    from huggingface_hub import try_to_load_from_cache
    from huggingface_hub.errors import HFValidationError

    try:
        config = try_to_load_from_cache(model_id, "config.json", revision=revision)
    except HFValidationError as error:
        raise ModelUnavailableError(not_a_hub_id_message(model_id), model_id) from error
    if not isinstance(config, str):
        return None
    snapshot = Path(config).parent
    if not _has_weights(snapshot):
        return None
    return ModelLocation(model_id=model_id, path=snapshot, revision=snapshot.name)


def download_model(model_id: str, revision: str | None = None) -> ModelLocation:
    """Download the files ``model_id`` needs into the Hugging Face cache, with progress bars.

    Raises:
        ModelUnavailableError: offline mode is on, the Hub cannot be reached or the download
            failed, or the Hub has no such model.
    """
    from huggingface_hub import constants, snapshot_download

    if constants.HF_HUB_OFFLINE:
        cached = find_cached_model(model_id, revision)
        if cached is not None:
            return cached
        reason = "offline mode is on (HF_HUB_OFFLINE=1)"
        raise ModelUnavailableError(unavailable_message(model_id, reason), model_id)
    patterns = _CONFIG_PATTERNS + _weight_patterns(model_id, revision)
    with hub_failures(model_id, is_download=True):
        folder = snapshot_download(model_id, revision=revision, allow_patterns=patterns)
    path = Path(folder)
    return ModelLocation(model_id=model_id, path=path, revision=path.name)


def _weight_patterns(model_id: str, revision: str | None) -> list[str]:
    """Fetch safetensors weights when the repository has them, else PyTorch ``.bin`` files."""
    from fnmatch import fnmatch

    files = _list_model_files(model_id, revision)
    for patterns in _WEIGHT_CHOICES:
        if any(fnmatch(name, pattern) for name in files for pattern in patterns):
            return patterns
    raise ModelUnavailableError(
        f"Model '{model_id}' has no PyTorch or safetensors weights on the Hub; "
        "pick another model or convert it to a local folder and pass --model PATH.",
        model_id,
    )


def _list_model_files(model_id: str, revision: str | None) -> list[str]:
    """List the model's files with one request to the Hub, which is never retried.

    This is the first request of every download. ``list_repo_files`` goes through
    huggingface_hub's ``http_backoff`` (utils/_http.py: 5 retries, 1+2+4+8+8 s, a warning per
    try), so a DNS failure took 24 s and a page of warnings; ``model_info`` sends one request.
    Its client has no timeout of its own (``timeout=None``), so the Hub's metadata timeout,
    ``HF_HUB_ETAG_TIMEOUT`` (10 s unless set), bounds a Hub that accepts and never answers.
    """
    from huggingface_hub import HfApi, constants

    with hub_failures(model_id):
        # A fresh HfApi reads HF_ENDPOINT now, as snapshot_download does.
        info = HfApi().model_info(
            model_id, revision=revision, timeout=constants.HF_HUB_ETAG_TIMEOUT
        )
    return [sibling.rfilename for sibling in info.siblings or []]


def _has_weights(folder: Path) -> bool:
    return any(folder.glob("*.safetensors")) or any(folder.glob("pytorch_model*.bin"))


def _locate_folder(path: str) -> ModelLocation:
    folder = Path(path)
    if not (folder / "config.json").is_file() or not _has_weights(folder):
        raise ModelUnavailableError(
            f"Folder '{folder}' is not a transformers model (it needs config.json and "
            "*.safetensors or pytorch_model.bin weights); save one with save_pretrained().",
            str(folder),
        )
    return ModelLocation(model_id=str(folder), path=folder, revision=_folder_revision(folder))


def _folder_revision(folder: Path) -> str:
    """Name a local model's revision by a short hash of its weight files' names and sizes."""
    import hashlib

    digest = hashlib.sha256()
    for weights in sorted([*folder.glob("*.safetensors"), *folder.glob("pytorch_model*.bin")]):
        digest.update(f"{weights.name}:{weights.stat().st_size};".encode())
    return f"local-{digest.hexdigest()[:12]}"
