"""A translated sample article with every feature a review file shows, built without a model.

The Vietnamese and English are our own writing. ``sample_document()`` has a headline, lead,
paragraphs, a caption, a byline, a source credit and a metadata line; glossary terms (enforced and
missing), QA issues, a memory hit and a copied metadata block. ``build_document`` makes any other
article from ``(kind, [(source, target), ...])`` rows with correct offsets.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from songngu.model import (
    Block,
    BlockKind,
    Document,
    DocumentMeta,
    Issue,
    Origin,
    Segment,
    Severity,
    State,
    TermMatch,
)

Row = tuple[BlockKind, Sequence[tuple[str, str]]]

SAMPLE_ROWS: list[Row] = [
    (
        BlockKind.HEADLINE,
        [
            (
                "Đà Nẵng khánh thành cầu đi bộ mới bắc qua sông Hàn",
                "Da Nang opens a new pedestrian bridge over the Han River",
            )
        ],
    ),
    (
        BlockKind.LEAD,
        [
            (
                "Sáng 5/6, Ủy ban nhân dân thành phố Đà Nẵng khánh thành cây cầu đi bộ "
                "dài 320 mét.",
                "On the morning of June 5, the Da Nang City People's Committee opened a "
                "320-metre pedestrian bridge.",
            ),
            (
                "Công trình có tổng vốn đầu tư 180 tỷ đồng.",
                "The project cost 180 billion dong in total.",
            ),
        ],
    ),
    (
        BlockKind.PARAGRAPH,
        [
            (
                "Phát biểu tại buổi lễ, Chủ tịch thành phố cho biết cây cầu giúp người dân và du "
                "khách đi lại thuận tiện hơn, nhất là vào mùa lễ hội pháo hoa.",
                "Speaking at the ceremony, the city chairman said the bridge would make it easier "
                "for residents and visitors to get around, especially during the fireworks season.",
            ),
            (
                "Theo kế hoạch, cầu mở cửa từ 6 giờ đến 23 giờ hằng ngày.",
                "The bridge will be open from 6am to 11pm every day.",
            ),
        ],
    ),
    (
        BlockKind.PARAGRAPH,
        [
            (
                "Đại diện Bộ Giao thông vận tải đánh giá cao tiến độ thi công của nhà thầu.",
                "A representative of the Ministry of Transport praised the contractor's pace.",
            ),
            ("Cầu được thiết kế để chịu được gió bão cấp 12.", "It was built."),
        ],
    ),
    (
        BlockKind.CAPTION,
        [
            (
                "Cầu đi bộ mới nhìn từ bờ đông sông Hàn (Ảnh: Thu Hà)",
                "The new footbridge seen from the east bank of the Han River (Photo: Thu Ha)",
            )
        ],
    ),
    (BlockKind.BYLINE, [("Minh Quân", "Minh Quan")]),
    (BlockKind.CREDIT, [("Theo Báo Đà Nẵng", "According to Da Nang Newspaper")]),
    (BlockKind.META, [("date 2024-06", "date 2024-06")]),
]

#: Who approved the sample's memory hit (b2.s2), and when.
MEMORY_HIT = {"state": State.FINAL, "reviewer": "Lan", "reviewed_at": "2026-11-30T10:00:00Z"}

_TERMS = {
    "Đà Nẵng": "Da Nang",
    "sông Hàn": "Han River",
    "Bộ Giao thông vận tải": "Ministry of Transport",
    "Ủy ban nhân dân thành phố": "Municipal People's Committee",
}


def build_document(
    rows: Sequence[Row], source_path: str = "cau-di-bo.txt", signature: str = "backend:fake"
) -> Document:
    """Return a translated document whose blocks are ``rows`` (blank lines between blocks)."""
    blocks: list[Block] = []
    offset = 0
    for number, (kind, pairs) in enumerate(rows, start=1):
        segments = []
        start = offset
        for sentence, (source, target) in enumerate(pairs, start=1):
            segments.append(
                _segment(f"b{number}.s{sentence}", source, target, offset, kind is BlockKind.META)
            )
            offset += len(source) + 1
        text = " ".join(source for source, _ in pairs)
        blocks.append(Block(f"b{number}", kind, text, start, start + len(text), tuple(segments)))
        offset = start + len(text) + 2
    meta = DocumentMeta(source_path=source_path, date="2024-06-05", signature=signature)
    document_text = "\n\n".join(block.text for block in blocks)
    return Document(document_text, tuple(blocks), meta)


def sample_document() -> Document:
    """Return the sample article with terms, issues, a memory hit and a copied block."""
    document = build_document(SAMPLE_ROWS)
    blocks = []
    for block in document.blocks:
        segments = tuple(_annotate(segment) for segment in block.segments)
        blocks.append(Block(block.id, block.kind, block.text, block.start, block.end, segments))
    return Document(document.text, tuple(blocks), document.meta)


def _segment(segment_id: str, source: str, target: str, start: int, is_meta: bool) -> Segment:
    origin = Origin.COPY if is_meta else Origin.MODEL
    state = None if is_meta else State.TRANSLATED
    return Segment(
        segment_id, source, start, start + len(source), target, origin=origin, state=state
    )


def _annotate(segment: Segment) -> Segment:
    terms = tuple(
        TermMatch(
            vietnamese,
            english,
            segment.source.index(vietnamese),
            segment.source.index(vietnamese) + len(vietnamese),
            enforced=english in (segment.target or ""),
        )
        for vietnamese, english in _TERMS.items()
        if vietnamese in segment.source and segment.origin is not Origin.COPY
    )
    issues = tuple(
        Issue("term-missing", Severity.ERROR, f"'{t.source}' must be rendered as '{t.target}'.")
        for t in terms
        if not t.enforced
    )
    if segment.id == "b4.s2":
        issues += (Issue("length-ratio", Severity.WARNING, "The translation is 0.3× the source."),)
    if segment.id == "b3.s2":
        issues += (Issue("numbers-differ", Severity.WARNING, "Not found: 23."),)
    annotated = dataclasses.replace(segment, terms=terms, issues=issues)
    if segment.id == "b2.s2":
        return dataclasses.replace(annotated, origin=Origin.MEMORY, **MEMORY_HIT)
    return annotated
