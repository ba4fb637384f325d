"""What this machine offers the backends: usable cores and native bfloat16 arithmetic.

Read from the operating system, never from torch, so that the CTranslate2 backend can ask
without importing it.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

__all__ = ["available_cores", "has_native_bfloat16", "thread_split"]

#: More parallel batches than this rarely have a batch each: an article's chunk holds about four.
_MAX_PARALLEL_BATCHES = 4

# CPU flags of instructions that compute in bfloat16 (rather than emulating it in float32):
# AVX512-BF16 (Intel Cooper Lake and later, AMD Zen 4 and later) and AMX-BF16 (Intel Sapphire
# Rapids and later), as Linux names them in /proc/cpuinfo.
_BFLOAT16_FLAGS = frozenset({"avx512_bf16", "amx_bf16"})


def available_cores() -> int:
    """Return the number of CPU cores this process may run on (its affinity, where known)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


@functools.cache
def has_native_bfloat16(cpuinfo: Path = Path("/proc/cpuinfo")) -> bool:
    """Whether the CPU computes bfloat16 natively; False where that cannot be read (not Linux)."""
    try:
        text = cpuinfo.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    for line in text.splitlines():
        if line.startswith("flags"):
            return not _BFLOAT16_FLAGS.isdisjoint(line.partition(":")[2].split())
    return False


def thread_split(threads: int | None, device: str) -> tuple[int, int]:
    """Return ``(inter_threads, intra_threads)``: parallel batches, and cores per batch.

    On CPU, batches decoded side by side on one core each beat one batch on every core: with
    CTranslate2 on two cores, int8 beam 4 runs 1.3x and greedy 2.2x faster
    (``shared/reference/performance.md``). A GPU runs one batch at a time.
    """
    if device == "cuda":
        return 1, threads or 0
    cores = threads or available_cores()
    inter = min(cores, _MAX_PARALLEL_BATCHES)
    return inter, max(1, cores // inter)
