"""The title every output shows for an article: its headline, or words the editor recognises.

A file name (``bai-3.txt``) tells the editor nothing about the article; an article without a
headline is titled with its first sentence, shortened, and one without text "Untitled article".
"""

from __future__ import annotations

from songngu.model import BlockKind, Document

__all__ = ["document_title", "untitled_title"]

# About one line of the review file's title at 20 pt.
_TITLE_WORDS = 12
UNTITLED = "Untitled article"


def document_title(document: Document) -> str:
    """Return the headline, else the title in the metadata, else the first sentence."""
    for block in document.blocks:
        if block.kind is BlockKind.HEADLINE:
            return block.text
    return document.meta.title or untitled_title(document)


def untitled_title(document: Document) -> str:
    """Return the first sentence of an article without a headline, cut to about twelve words."""
    first = next((s.source for s in document.iter_segments() if s.source.strip()), "")
    if not first:
        first = next((b.text for b in document.blocks if b.text.strip()), "")
    words = first.split()
    if not words:
        return UNTITLED
    return " ".join(words[:_TITLE_WORDS]) + ("…" if len(words) > _TITLE_WORDS else "")
