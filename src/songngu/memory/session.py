"""The translation memory as one ``songngu translate`` run uses it: lookups, then storing.

A session is bound to the run's signature, so it reuses model entries only from an identical run,
and stores the run's new model output when asked (``docs/design/review.md``, "Policy").
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from songngu.errors import MemoryStoreError
from songngu.memory.store import EntryOrigin, MemoryEntry, TranslationMemory, source_key
from songngu.model import Document, MemoryMatch, Origin, Segment, Severity, State

if TYPE_CHECKING:
    from songngu.memory.fuzzy import FuzzyIndex

logger = logging.getLogger(__name__)

#: Issue codes that make a model output unfit to reuse (besides any error-severity issue).
_UNFIT_CODES = frozenset({"length-cap"})


class MemorySession:
    """Look sources up in a memory for one run, and record the run's fit model output."""

    def __init__(
        self,
        memory: TranslationMemory,
        signature: str,
        *,
        store_model: bool = True,
        fuzzy_threshold: float = 75.0,
    ) -> None:
        """Match model entries of run ``signature``; store new model output if ``store_model``.

        Sentences without an exact match get a hint from a vetted entry at least
        ``fuzzy_threshold`` percent similar (0 turns hints off).
        """
        self.memory = memory
        self.signature = signature
        self.store_model = store_model
        self.fuzzy_threshold = fuzzy_threshold
        self._index: FuzzyIndex | None = None

    def hints(self, sources: Sequence[str]) -> dict[str, MemoryMatch]:
        """Return the closest vetted entry of each source that has one above the threshold."""
        if self.fuzzy_threshold <= 0 or not sources:
            return {}
        if self._index is None:
            self._index = _fuzzy_index(self.memory)
        found = {source: self._index.best(source, self.fuzzy_threshold) for source in sources}
        return {source: match for source, match in found.items() if match is not None}

    def lookup(self, sources: Sequence[str]) -> dict[str, MemoryMatch]:
        """Return the stored entry of each source that has one (the translate stage's protocol)."""
        found = self.memory.lookup(sources, self.signature)
        return {source: entry.to_match() for source, entry in found.items()}

    def record(self, document: Document) -> int:
        """Store the document's fit model translations; return how many were stored.

        A memory that cannot be written costs only the reuse, not the translation: the failure
        is logged as a warning and the run goes on.
        """
        if not self.store_model:
            return 0
        entries = model_entries(document)
        try:
            return self.memory.add(entries) if entries else 0
        except MemoryStoreError as error:
            logger.warning("Translation memory not updated: %s", error)
            return 0


def model_entries(document: Document) -> list[MemoryEntry]:
    """Return the entries a run stores for a translated document: its fit model output."""
    return [
        MemoryEntry(
            source=segment.source,
            target=segment.target or "",
            origin=EntryOrigin.MODEL,
            signature=document.meta.signature,
            document=document.meta.source_path,
            segment_id=segment.id,
            state=State.TRANSLATED,
        )
        for segment in document.iter_segments()
        if _is_fit(segment)
    ]


class MemorySnapshot:
    """What a memory holds for some documents' sentences, looked up ahead (for a remote worker).

    A cluster worker cannot open the driver's memory file, so the driver looks every sentence
    of a document up before sending it (:func:`snapshot`) and stores the finished document in
    the real memory itself. On the worker, the snapshots of a window's documents are joined
    (:meth:`joined`) and record each finished document's model output as a session would, so
    that a later document of the window reuses an earlier one's sentence as in a local run.
    """

    def __init__(
        self,
        found: dict[str, MemoryMatch],
        hints: dict[str, MemoryMatch],
        *,
        store_model: bool = True,
    ) -> None:
        """Answer from ``found`` (exact entries) and ``hints`` (close vetted entries)."""
        # Keyed as the store keys sources, so that spellings it takes as one match here too.
        self.found = {source_key(source): match for source, match in found.items()}
        self.hinted = {source_key(source): match for source, match in hints.items()}
        self.store_model = store_model

    @classmethod
    def joined(cls, snapshots: Sequence[MemorySnapshot]) -> MemorySnapshot:
        """Return one snapshot answering for all of ``snapshots`` (the earlier one first)."""
        joined = cls({}, {}, store_model=all(part.store_model for part in snapshots))
        for part in reversed(snapshots):
            joined.found.update(part.found)
            joined.hinted.update(part.hinted)
        return joined

    def lookup(self, sources: Sequence[str]) -> dict[str, MemoryMatch]:
        """Return the entry found ahead for each source that has one."""
        keys = {source: source_key(source) for source in sources}
        return {source: self.found[key] for source, key in keys.items() if key in self.found}

    def hints(self, sources: Sequence[str]) -> dict[str, MemoryMatch]:
        """Return the hint found ahead for each source that has one."""
        keys = {source: source_key(source) for source in sources}
        return {source: self.hinted[key] for source, key in keys.items() if key in self.hinted}

    def record(self, document: Document) -> int:
        """Answer later lookups with the document's fit model output (as a session stores it).

        The real memory is not touched: the driver records the document there.
        """
        if not self.store_model:
            return 0
        entries = model_entries(document)
        for entry in entries:
            self.found.setdefault(source_key(entry.source), entry.to_match())
        return len(entries)


def snapshot(session: MemorySession, sources: Sequence[str]) -> MemorySnapshot:
    """Look ``sources`` up in ``session`` now, exactly as the memory stage would."""
    found = session.lookup(sources)
    hints = session.hints([source for source in sources if source not in found])
    return MemorySnapshot(found, hints, store_model=session.store_model)


def _fuzzy_index(memory: TranslationMemory) -> FuzzyIndex:
    # Imported here, not at the top: rapidfuzz costs ~60 ms that `songngu --help` need not pay.
    from songngu.memory.fuzzy import FuzzyIndex

    return FuzzyIndex(memory.iter_entries([EntryOrigin.REVIEWER, EntryOrigin.IMPORT]))


def _is_fit(segment: Segment) -> bool:
    """Whether a segment is new model output without a known failure (reusing it is safe)."""
    return segment.origin is Origin.MODEL and not any(
        issue.severity is Severity.ERROR or issue.code in _UNFIT_CODES for issue in segment.issues
    )
