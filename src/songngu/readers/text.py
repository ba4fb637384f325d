"""Plain-text articles: blocks come from the segmenter's structure rules."""

from __future__ import annotations

from songngu.model import Document, DocumentMeta
from songngu.readers import build_document
from songngu.segmenter.structure import iter_block_spans


def parse_text(text: str, meta: DocumentMeta) -> Document:
    """Build a Document from plain text: paragraphs, headline, captions, bylines, …."""
    return build_document(text, iter_block_spans(text), meta)
