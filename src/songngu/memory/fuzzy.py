"""Fuzzy memory hints: the vetted entry closest to a sentence that has no exact match.

Similarity is :func:`rapidfuzz.fuzz.ratio` (normalised Indel similarity, 0–100) of the two
sources' lookup keys (:func:`~songngu.memory.store.source_key`), so a hint ignores exactly what
the exact lookup ignores. Entries are sorted by key length: a ratio of at least ``t`` needs the
shorter key to be at least ``t / (200 - t)`` of the longer, so only that slice is scored, by
:func:`rapidfuzz.process.extractOne` with a ``score_cutoff``. A hint is shown to the reviewer,
never used as the output (``docs/design/approval-and-xliff.md``).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Iterable

from rapidfuzz import fuzz, process

from songngu.memory.store import MemoryEntry, source_key
from songngu.model import MemoryMatch

#: The usual CAT tool threshold for a fuzzy match worth showing (Trados and memoQ default to 70–75).
DEFAULT_THRESHOLD = 75.0


class FuzzyIndex:
    """Vetted sentence entries of a memory, bucketed by key length for fast nearest lookups."""

    def __init__(self, entries: Iterable[MemoryEntry]) -> None:
        """Index the sentence-level entries whose state is vetted (``reviewed``, ``final``)."""
        # Sorted on the length alone: two entries may share a key (a review and an import).
        keyed = sorted(
            (
                (len(key), key, entry)
                for entry in entries
                if entry.level == "sentence" and entry.effective_state.is_vetted
                for key in (source_key(entry.source),)
            ),
            key=lambda item: item[0],
        )
        self._lengths = [length for length, _, _ in keyed]
        self._keys = [key for _, key, _ in keyed]
        self._entries = [entry for _, _, entry in keyed]

    def __len__(self) -> int:
        """Return the number of indexed entries."""
        return len(self._entries)

    def best(self, source: str, threshold: float = DEFAULT_THRESHOLD) -> MemoryMatch | None:
        """Return the closest entry at or above ``threshold`` percent, if any (an exact one too)."""
        key = source_key(source)
        low, high = _length_window(len(key), threshold)
        start = bisect.bisect_left(self._lengths, low)
        end = bisect.bisect_right(self._lengths, high)
        found = process.extractOne(
            key, self._keys[start:end], scorer=fuzz.ratio, score_cutoff=threshold
        )
        if found is None:
            return None
        _, score, index = found
        return self._entries[start + index].to_match(similarity=round(score, 1))


def _length_window(length: int, threshold: float) -> tuple[int, int]:
    """Return the key lengths that can reach ``threshold`` against a key of ``length``.

    ratio = 2·M / (a + b) ≤ 2·min(a, b) / (a + b), so ratio ≥ t needs
    b ∈ [a·t / (200 − t), a·(200 − t) / t].
    """
    if threshold <= 0:
        return 0, 1 << 30
    return math.ceil(length * threshold / (200 - threshold)), math.floor(
        length * (200 - threshold) / threshold
    )
