"""Block structure of plain text: paragraphs, scraped layout, markers, kinds and dates."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from songngu.model import BlockKind, DocumentMeta
from songngu.readers.text import parse_text
from songngu.segmenter import iter_block_spans, segment_document
from songngu.segmenter.dates import find_article_date
from test_segmenter_cases import unescape

STRUCTURE = Path(__file__).parent / "data" / "segmentation" / "structure.tsv"


def load_rows() -> list[tuple[str, str, list[str], str | None]]:
    with STRUCTURE.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        (row["behaviour"], unescape(row["text"]), row["kinds"].split(","), row["date"] or None)
        for row in rows
    ]


ROWS = load_rows()


@pytest.mark.parametrize(("behaviour", "text", "kinds", "date"), ROWS, ids=[r[0] for r in ROWS])
def test_structure(behaviour: str, text: str, kinds: list[str], date: str | None) -> None:
    document = parse_text(text, DocumentMeta(source_path="article.txt"))
    assert [block.kind.value for block in document.blocks] == kinds, behaviour
    assert document.meta.date == date, behaviour


def _scraped_article() -> str:
    sentence = "Ủy ban nhân dân tỉnh đã họp bàn về kế hoạch phát triển kinh tế năm tới. "
    body = sentence * 12
    return "\n".join(
        [
            "Tỉnh họp bàn kế hoạch phát triển kinh tế",
            "Sáng nay, Ủy ban nhân dân tỉnh họp phiên thường kỳ tháng 6 để bàn kế hoạch năm tới.",
            body.strip(),
            body.strip(),
        ]
    )


def test_a_scraped_article_with_one_paragraph_per_line_gives_one_block_per_line() -> None:
    text = _scraped_article()
    kinds = [span.kind for span in iter_block_spans(text)]
    assert kinds == [BlockKind.HEADLINE, BlockKind.LEAD, BlockKind.PARAGRAPH, BlockKind.PARAGRAPH]


def test_a_long_list_with_short_items_stays_one_block() -> None:
    text = "\n".join(
        f"- Mục thứ {number} trong danh sách công việc cần làm;" for number in range(40)
    )
    assert len(list(iter_block_spans(text))) == 1


def test_the_scraped_layout_needs_three_lines() -> None:
    text = _scraped_article().split("\n", 2)[2]
    assert len(list(iter_block_spans(text))) == 1


def test_blocks_cover_all_text_but_whitespace() -> None:
    text = "  date 2024-03 Đoạn một.\r\n\r\n\tẢnh: Minh Anh  \n\nĐoạn hai.\nThu Trang\n"
    spans = list(iter_block_spans(text))
    covered = "".join(text[span.start : span.end] for span in spans)
    assert "".join(covered.split()) == "".join(text.split())
    assert all(text[span.start : span.end] == text[span.start : span.end].strip() for span in spans)


def test_meta_blocks_are_one_segment_and_not_translated() -> None:
    document = segment_document(parse_text("date 2024-03 Câu một. Câu hai.", DocumentMeta()))
    meta, paragraph = document.blocks
    assert [segment.source for segment in meta.segments] == ["date 2024-03"]
    assert not meta.is_translated
    assert [segment.source for segment in paragraph.segments] == ["Câu một.", "Câu hai."]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("date 2024-03 Tại buổi làm việc", "2024-03"),
        ("Ngày 5.6.2023, đoàn đến Huế.", "2023-06-05"),
        ("Cập nhật 2024-05-06 08:00", "2024-05-06"),
        ("Ngày 31/2/2024 không có thật, còn 12/3/2024 thì có.", "2024-03-12"),
        ("Từ ngày 11 đến 18/6, đoàn thăm Việt Nam.", None),
        ("Số điện thoại 0912.345.678 hoạt động cả ngày.", None),
    ],
)
def test_find_article_date(text: str, date: str | None) -> None:
    assert find_article_date(text) == date
