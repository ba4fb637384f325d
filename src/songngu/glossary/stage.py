"""The glossary stage: record the terms each segment contains (``Document -> Document``)."""

from __future__ import annotations

import dataclasses

from songngu.glossary.entries import Glossary
from songngu.model import Document, Segment, map_segments


class GlossaryStage:
    """Attach glossary matches to every segment, choosing entries by the article's date."""

    def __init__(self, glossary: Glossary, date: str | None = None) -> None:
        """Use ``date`` (ISO) over the document's own date when given."""
        self.glossary = glossary
        self.date = date

    def __call__(self, document: Document) -> Document:
        """Return the document with ``Segment.terms`` filled in."""
        date = self.date or document.meta.date
        translated = {s.id for b in document.blocks if b.is_translated for s in b.segments}

        def attach(segment: Segment) -> Segment:
            if segment.id not in translated:
                return segment
            return dataclasses.replace(
                segment, terms=tuple(self.glossary.match(segment.source, date))
            )

        document = map_segments(document, attach)
        meta = dataclasses.replace(
            document.meta, glossary_hash=self.glossary.signature().rpartition(":")[2]
        )
        return dataclasses.replace(document, meta=meta)
