"""The glossary stage: record the terms each segment contains (``Document -> Document``)."""

from __future__ import annotations

import dataclasses

from songngu.glossary.entries import Glossary, NameStyle
from songngu.model import Document, Segment, map_segments


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
        translated = {s.id for b in document.blocks if b.is_translated for s in b.segments}

        def attach(segment: Segment) -> Segment:
            if segment.id not in translated:
                return segment
            terms = self.glossary.match(segment.source, date, names=self.names)
            return dataclasses.replace(segment, terms=tuple(terms))

        document = map_segments(document, attach)
        meta = dataclasses.replace(
            document.meta, glossary_hash=self.glossary.signature().rpartition(":")[2]
        )
        return dataclasses.replace(document, meta=meta)
