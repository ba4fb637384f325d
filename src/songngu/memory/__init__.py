"""The translation memory: a per-user SQLite store of approved translations, and TMX 1.4 I/O.

See ``docs/design/review.md`` for the key, the origins and the reuse policy.
"""

from __future__ import annotations

from songngu.memory.session import MemorySession, MemorySnapshot, snapshot
from songngu.memory.store import (
    EntryOrigin,
    MemoryEntry,
    TranslationMemory,
    default_memory_path,
    source_key,
)
from songngu.memory.tmx import TmxLanguages, TmxReadResult, read_tmx, render_tmx, write_tmx

__all__ = [
    "EntryOrigin",
    "MemoryEntry",
    "MemorySession",
    "MemorySnapshot",
    "TmxLanguages",
    "TmxReadResult",
    "TranslationMemory",
    "default_memory_path",
    "read_tmx",
    "render_tmx",
    "snapshot",
    "source_key",
    "write_tmx",
]
