"""The glossary stage: record the terms each segment contains (``Document -> Document``).

Terms are matched per block, not per sentence: the segmenter cuts at every line break, and a
term split by one ("Công an tỉnh Khánh" ending a line, "Hòa" starting the next) must still be
found. Each term goes to the segment it starts in; one that runs on into the next segment is
cut at its segment's end (its rendering is enforced in the segment where it starts).
"""

from __future__ import annotations

import dataclasses

from songngu.glossary.entries import Glossary, NameStyle
from songngu.model import Block, Document, Segment, TermMatch


class GlossaryStage:
    """Attach glossary matches (and personal names) to every segment, by the article's date."""

    def __init__(
        self, glossary: Glossary, date: str | None = None, names: NameStyle = NameStyle.ASCII
    ) -> None:
        """Use ``date`` (ISO) over the document's own date when given."""
        self.glossary = glossary
        self.date = date
        self.names = names

    def __call__(self, document: Document) -> Document:
        """Return the document with ``Segment.terms`` filled in."""
        date = self.date or document.meta.date
        blocks = tuple(
            self._attach(block, date) if block.is_translated else block for block in document.blocks
        )
        meta = dataclasses.replace(
            document.meta, glossary_hash=self.glossary.signature().rpartition(":")[2]
        )
        return dataclasses.replace(document, blocks=blocks, meta=meta)

    def match_block(self, block: Block, date: str | None) -> list[TermMatch]:
        """Return the terms of a block, offsets into ``block.text``."""
        return self.glossary.match(block.text, date, names=self.names)

    def _attach(self, block: Block, date: str | None) -> Block:
        terms = self.match_block(block, date)
        segments = tuple(_with_terms(segment, block, terms) for segment in block.segments)
        return dataclasses.replace(block, segments=segments)


def _with_terms(segment: Segment, block: Block, terms: list[TermMatch]) -> Segment:
    start, end = segment.start - block.start, segment.end - block.start
    inside = tuple(
        dataclasses.replace(
            term,
            source=segment.source[term.start - start : min(term.end, end) - start],
            start=term.start - start,
            end=min(term.end, end) - start,
        )
        for term in terms
        if start <= term.start < end
    )
    return dataclasses.replace(segment, terms=inside)
