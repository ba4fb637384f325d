import dataclasses

import pytest

from songngu.model import (
    Block,
    BlockKind,
    Document,
    Origin,
    Segment,
    map_segments,
    replace_segments,
)


def _document() -> Document:
    text = "Câu một. Câu hai.\n\ndate 2024-03"
    first = Block(
        "b1",
        BlockKind.PARAGRAPH,
        text[:17],
        0,
        17,
        (Segment("b1.s1", "Câu một.", 0, 8), Segment("b1.s2", "Câu hai.", 9, 17)),
    )
    meta = Block("b2", BlockKind.META, text[19:], 19, 31, (Segment("b2.s1", text[19:], 19, 31),))
    return Document(text=text, blocks=(first, meta))


def test_segments_are_frozen():
    segment = Segment("b1.s1", "Câu.", 0, 4)
    with pytest.raises(dataclasses.FrozenInstanceError):
        segment.target = "Sentence."  # type: ignore[misc]


def test_iter_segments_keeps_reading_order():
    assert [s.id for s in _document().iter_segments()] == ["b1.s1", "b1.s2", "b2.s1"]


def test_num_segments_counts_every_block():
    assert _document().num_segments == 3


def test_segment_offsets_point_into_document_text():
    document = _document()
    for segment in document.iter_segments():
        assert document.text[segment.start : segment.end] == segment.source


def test_meta_blocks_are_not_translated():
    kinds = {block.kind: block.is_translated for block in _document().blocks}
    assert kinds == {BlockKind.PARAGRAPH: True, BlockKind.META: False}


def test_map_segments_returns_a_new_document_and_keeps_the_old():
    document = _document()
    translated = map_segments(document, lambda s: dataclasses.replace(s, target="x"))
    assert all(s.target == "x" for s in translated.iter_segments())
    assert all(s.target is None for s in document.iter_segments())


def test_replace_segments_replaces_by_id_only():
    document = _document()
    new = dataclasses.replace(document.blocks[0].segments[1], target="Two.", origin=Origin.MODEL)
    result = replace_segments(document, {"b1.s2": new})
    assert [s.target for s in result.iter_segments()] == [None, "Two.", None]
