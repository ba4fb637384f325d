"""How ``songngu segment`` shows a segmented document: text lines or JSON with offsets."""

from __future__ import annotations

from typing import Any

from songngu.model import Document
from songngu.vietnamese import nfc_with_offsets


def render_segments(document: Document) -> str:
    """Return one sentence per line and a blank line between blocks."""
    blocks = ["\n".join(segment.source for segment in block.segments) for block in document.blocks]
    return "\n\n".join(block for block in blocks if block) + "\n"


def segments_to_dict(document: Document, raw: str) -> dict[str, Any]:
    """Return blocks and sentences with kinds and offsets into ``raw`` (the cleaned text)."""
    _, to_raw = nfc_with_offsets(raw)
    return {
        "source": document.meta.source_path,
        "date": document.meta.date,
        "blocks": [
            {
                "id": block.id,
                "kind": block.kind.value,
                "start": to_raw[block.start],
                "end": to_raw[block.end],
                "segments": [
                    {
                        "id": segment.id,
                        "text": segment.source,
                        "start": to_raw[segment.start],
                        "end": to_raw[segment.end],
                    }
                    for segment in block.segments
                ],
            }
            for block in document.blocks
        ],
    }
