"""Vietnamese news segmentation: blocks into sentences (``Document -> Document``).

Every cut falls on whitespace, so the sentences of a block plus the whitespace between them
reproduce the block exactly. The rules follow conventions C1–C11 of
``docs/design/segmenter.md``; plain-text structure (paragraphs, headline, captions, bylines,
meta markers) comes from :func:`iter_block_spans`.
"""

from __future__ import annotations

import dataclasses

from songngu.model import Block, BlockKind, Document, Segment
from songngu.segmenter.clauses import join_pieces, split_to_budget
from songngu.segmenter.sentences import split_sentences
from songngu.segmenter.structure import BlockSpan, iter_block_spans

__all__ = [
    "SEGMENTER_VERSION",
    "BlockSpan",
    "iter_block_spans",
    "join_pieces",
    "segment_block",
    "segment_document",
    "signature",
    "split_sentences",
    "split_to_budget",
]

SEGMENTER_VERSION = "v2"


def signature() -> str:
    """Return the segmenter's part of the reproducibility signature."""
    return f"segmenter:{SEGMENTER_VERSION}"


def segment_block(block: Block) -> Block:
    """Split one block into sentence segments with ids ``<block id>.s1``, ``.s2``, ….

    A meta block ("date 2024-03") is one segment: it is carried over, never read as prose.
    """
    if block.kind is BlockKind.META:
        stripped = block.text.strip()
        offset = block.text.index(stripped) if stripped else 0
        spans = [(offset, offset + len(stripped))] if stripped else []
    else:
        spans = split_sentences(block.text)
    segments = tuple(
        Segment(
            id=f"{block.id}.s{number}",
            source=block.text[start:end],
            start=block.start + start,
            end=block.start + end,
        )
        for number, (start, end) in enumerate(spans, start=1)
    )
    return dataclasses.replace(block, segments=segments)


def segment_document(document: Document) -> Document:
    """Segment every block of ``document`` that has not been segmented yet."""
    blocks = tuple(block if block.segments else segment_block(block) for block in document.blocks)
    return dataclasses.replace(document, blocks=blocks)
