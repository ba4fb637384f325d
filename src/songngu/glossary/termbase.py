"""The :class:`Glossary`: loaded entries, their content hash, and a term index per date.

The top of the glossary package: it uses the index and the matcher, and nothing below it
uses it (entries → slots → compose → index → names/matching → termbase).
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from songngu.glossary.entries import Entry, NameStyle, fold
from songngu.glossary.index import TermCatalogue, TermIndex
from songngu.glossary.matching import match_terms
from songngu.glossary.styles import HouseStyle
from songngu.model import TermMatch

__all__ = ["Glossary"]


@dataclass(frozen=True)
class Glossary:
    """A set of entries, what was loaded to make it (for the signature), and its indexes."""

    entries: tuple[Entry, ...]
    content_hash: str = field(default="")
    _indexes: dict[Hashable, TermIndex] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    @classmethod
    def from_entries(cls, entries: Sequence[Entry], contents: Sequence[bytes] = ()) -> Glossary:
        """Build a glossary; ``contents`` are the raw files, hashed for the signature."""
        digest = hashlib.sha256()
        for content in contents:
            digest.update(hashlib.sha256(content).digest())
        return cls(entries=tuple(entries), content_hash=digest.hexdigest())

    def index(self, date: str | None = None) -> TermIndex:
        """Return the index of the terms in force on ``date``.

        Built once per era: an archive's thousand dates mostly pick the same terms.
        """
        era = self._catalogue.era(date)
        if era not in self._indexes:
            self._indexes[era] = self._catalogue.index(date)
        return self._indexes[era]

    @cached_property
    def _catalogue(self) -> TermCatalogue:
        """Every term composed and keyed once, on the first index asked for."""
        return TermCatalogue.of(self.entries)

    def match(
        self,
        text: str,
        date: str | None = None,
        *,
        names: NameStyle = NameStyle.ASCII,
        style: HouseStyle = HouseStyle.GOV,
        known_locals: Collection[tuple[str, ...]] = (),
    ) -> list[TermMatch]:
        """Return the terms and names found in ``text``: longest first, in text order.

        ``known_locals``: the keys of local units found elsewhere in the article, recognised in
        all capitals too (:class:`~songngu.glossary.stage.GlossaryStage` passes them).
        """
        return match_terms(self.index(date), text, names, style, known_locals)

    def search(self, text: str) -> list[Entry]:
        """Return the entries whose Vietnamese or English contains ``text`` (accents optional)."""
        wanted = fold(text)
        return [
            entry for entry in self.entries if wanted in fold(entry.vi) or wanted in fold(entry.en)
        ]

    def signature(self) -> str:
        """Return ``glossary:sha256:<first 12 hex digits>`` (``glossary:none`` when empty)."""
        if not self.entries:
            return "glossary:none"
        return f"glossary:sha256:{self.content_hash[:12]}"
