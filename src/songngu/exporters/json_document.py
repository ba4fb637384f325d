"""JSON of the whole document model, in the shape external tools rely on.

``{"songngu", "signature", "source", "meta", "blocks": [{"id", "kind", "segments": [{"id",
"source", "target", "terms": [...], "issues": [...], "state", "reviewer", "reviewed_at",
"hint"}]}]}``; extra fields may be added, none removed or renamed. ``state`` is an XLIFF 2.1
state (``docs/design/approval-and-xliff.md``); ``hint`` is a fuzzy memory match or null. Also
added since: a block's ``marks`` (bold, italic, links; offsets into the document text) and
``cell`` (table, row, column of a table cell), and a segment's ``links`` (anchor, URL, and the
English the link sits on, or null where it could not be placed).
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

from songngu.exporters import SegmentPair
from songngu.formatting import format_sentence
from songngu.model import Block, Document, Mark, MarkStyle, MemoryMatch, Segment, TermMatch


def render_json(document: Document) -> str:
    """Return the document model as indented JSON (UTF-8 text, not ASCII-escaped)."""
    return json.dumps(document_to_dict(document), ensure_ascii=False, indent=2) + "\n"


def write_json(document: Document, path: Path) -> None:
    """Write :func:`render_json` to ``path``."""
    path.write_text(render_json(document), encoding="utf-8")


def read_json_pairs(path: Path) -> list[SegmentPair]:
    """Read segment ids, sources and targets back from a JSON export."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        SegmentPair(segment["id"], segment["source"], segment["target"] or "")
        for block in data["blocks"]
        for segment in block["segments"]
    ]


def document_to_dict(document: Document) -> dict[str, Any]:
    """Return the JSON-ready dictionary of a document."""
    meta = document.meta
    return {
        "songngu": meta.tool_version,
        "signature": meta.signature,
        "source": meta.source_path,
        "meta": {
            "title": meta.title,
            "date": meta.date,
            "source_language": meta.source_language,
            "target_language": meta.target_language,
            "encoding": meta.encoding,
            "backend": meta.backend,
            "model": meta.model,
            "model_revision": meta.model_revision,
            "glossary_hash": meta.glossary_hash,
            **dict(meta.extra),
        },
        "blocks": [_block_to_dict(block) for block in document.blocks],
    }


def _block_to_dict(block: Block) -> dict[str, Any]:
    return {
        "id": block.id,
        "kind": block.kind.value,
        "level": block.level,
        "start": block.start,
        "end": block.end,
        "segments": [
            {**_segment_to_dict(segment), "links": _links(block, segment)}
            for segment in block.segments
        ],
        "marks": [_mark_to_dict(mark) for mark in block.marks],
        "cell": dataclasses.asdict(block.cell) if block.cell else None,
    }


def _mark_to_dict(mark: Mark) -> dict[str, Any]:
    record: dict[str, Any] = {"start": mark.start, "end": mark.end, "style": mark.style.value}
    if mark.url:
        record["url"] = mark.url
    return record


def _links(block: Block, segment: Segment) -> list[dict[str, Any]]:
    """Return the segment's links: anchor, URL, and the English they sit on (None: unplaced)."""
    formatting = format_sentence(block, segment)
    target = segment.target or ""
    placed = {m.url: target[m.start : m.end] for m in formatting.target if m.url}
    return [
        {
            "text": segment.source[m.start : m.end],
            "url": m.url,
            "target": placed.get(m.url),
        }
        for m in formatting.source
        if m.style is MarkStyle.LINK
    ]


def _segment_to_dict(segment: Segment) -> dict[str, Any]:
    return {
        "id": segment.id,
        "source": segment.source,
        "target": segment.target,
        "start": segment.start,
        "end": segment.end,
        "origin": segment.origin.value if segment.origin else None,
        "pieces": segment.num_pieces,
        "terms": [_term_to_dict(term) for term in segment.terms],
        "issues": [
            {"code": issue.code, "severity": issue.severity.value, "message": issue.message}
            for issue in segment.issues
        ],
        "state": segment.state.value if segment.state else None,
        "reviewer": segment.reviewer or None,
        "reviewed_at": segment.reviewed_at or None,
        "hint": _hint_to_dict(segment.hint),
    }


def _hint_to_dict(hint: MemoryMatch | None) -> dict[str, Any] | None:
    if hint is None:
        return None
    record = dataclasses.asdict(hint)
    record["state"] = hint.state.value
    return record


def _term_to_dict(term: TermMatch) -> dict[str, Any]:
    record: dict[str, Any] = {
        "source": term.source,
        "target": term.target,
        "enforced": term.enforced,
        "start": term.start,
        "end": term.end,
        "type": term.type,
        "method": term.method,
        "entry": term.entry,
    }
    if term.parts:
        # A composed unit (glossary-units.md §1) names the official names it was made of.
        record["parts"] = [dataclasses.asdict(part) for part in term.parts]
    return record
