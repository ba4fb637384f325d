"""Checkpoint weights read straight into the precision the model runs in, a slice at a time.

transformers memory-maps a safetensors checkpoint and casts each tensor as it loads it, but the
pages it has read stay resident until the whole load is over: NLLB-200-distilled-600M saved in
float32 (2.4 GB) peaks at 4.0 GB while it loads in bfloat16, the float32 file and the bfloat16
model side by side (``docs/design/performance.md``). Here each tensor is copied in slices of
64 MB into a tensor of the target precision, and the pages of every slice are handed back to
the kernel as soon as it is copied, so the peak is the model in its own precision plus one
slice. Used by :mod:`songngu.backends.hf` only when a floating-point checkpoint is cast to a
narrower type; torch is passed in, as everywhere outside that module's loader.
"""

from __future__ import annotations

import json
import mmap
import struct
from pathlib import Path
from typing import Any

__all__ = ["checkpoint_files", "needs_narrowing", "read_state_dict"]

#: safetensors' names of the element types a checkpoint may hold, as torch attributes.
_DTYPES = {
    "F64": "float64",
    "F32": "float32",
    "F16": "float16",
    "BF16": "bfloat16",
    "I64": "int64",
    "I32": "int32",
    "I16": "int16",
    "I8": "int8",
    "U8": "uint8",
    "BOOL": "bool",
}
_SLICE_BYTES = 64 << 20


def checkpoint_files(folder: Path) -> list[Path]:
    """Return the folder's safetensors files (every shard of a sharded one); [] if none."""
    index = folder / "model.safetensors.index.json"
    if index.is_file():
        weight_map = json.loads(index.read_text(encoding="utf-8"))["weight_map"]
        return [folder / name for name in sorted(set(weight_map.values()))]
    single = folder / "model.safetensors"
    return [single] if single.is_file() else []


def needs_narrowing(files: list[Path], itemsize: int) -> bool:
    """Return whether a floating-point tensor of the files is wider than ``itemsize`` bytes."""
    wide = {"F64": 8, "F32": 4}
    return any(
        wide.get(entry["dtype"], 0) > itemsize for path in files for entry in _header(path)[0]
    )


def read_state_dict(torch: Any, files: list[Path], dtype: Any) -> dict[str, Any]:
    """Return every tensor of the files, floating-point ones in ``dtype``, others as stored."""
    state = {}
    for path in files:
        entries, names, base = _header(path)
        with (
            path.open("rb") as handle,
            mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_COPY) as view,
        ):
            for name, entry in zip(names, entries, strict=True):
                state[name] = _read_tensor(torch, view, base, entry, dtype)
    return state


def _header(path: Path) -> tuple[list[dict[str, Any]], list[str], int]:
    """Return the file's tensor entries, their names, and where the data starts."""
    with path.open("rb") as handle:
        (length,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(length))
    names = [name for name in header if name != "__metadata__"]
    return [header[name] for name in names], names, 8 + length


def _read_tensor(torch: Any, view: mmap.mmap, base: int, entry: dict[str, Any], dtype: Any) -> Any:
    stored = getattr(torch, _DTYPES[entry["dtype"]])
    target = dtype if stored.is_floating_point else stored
    tensor = torch.empty(entry["shape"], dtype=target)
    flat = tensor.view(-1)
    start = base + entry["data_offsets"][0]
    itemsize = stored.itemsize
    step = max(1, _SLICE_BYTES // itemsize)
    for first in range(0, flat.numel(), step):
        count = min(step, flat.numel() - first)
        offset = start + first * itemsize
        flat[first : first + count].copy_(
            torch.frombuffer(view, dtype=stored, count=count, offset=offset)
        )
        _release(view, offset, count * itemsize)
    return tensor


def _release(view: mmap.mmap, offset: int, length: int) -> None:
    """Drop the slice's pages from memory (they are clean: the kernel rereads them if needed)."""
    if not hasattr(mmap, "MADV_DONTNEED"):  # not Linux/macOS: the pages stay until the end
        return
    aligned = offset - offset % mmap.PAGESIZE
    view.madvise(mmap.MADV_DONTNEED, aligned, offset + length - aligned)
