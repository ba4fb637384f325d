"""Word and Markdown articles as editors write them, built in code (python-docx, plain text).

A price table of 4 rows × 3 columns with number, date and code cells; bold, italic and two
links (one on a glossary term, one on running words). Shared by the formatting tests.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

TABLE_ROWS = (
    ("Nhóm khách hàng", "Giá cũ (đồng)", "Giá mới (đồng)"),
    ("Hộ gia đình", "2.006", "2.103"),
    ("Kinh doanh", "250.000", "58%"),
    ("Sản xuất", "12/5/2025", "QĐ-123"),
)
MINISTRY_URL = "https://moit.gov.vn/"
PAGE_URL = "https://moit.gov.vn/gia-dien"
BOLD = "Tập đoàn Điện lực Việt Nam"
ITALIC_SENTENCE = "Mức giá mới áp dụng từ ngày 11/10/2024."
PAGE_ANCHOR = "trang thông tin giá điện"

MARKDOWN_ARTICLE = (
    f"""# Giá điện tăng 4,8% từ ngày 11/10

**{BOLD}** vừa công bố quyết định điều chỉnh giá bán lẻ điện. *{ITALIC_SENTENCE}* Chi tiết \
xem tại [{PAGE_ANCHOR}]({PAGE_URL}) của [Bộ Công Thương]({MINISTRY_URL}).

- Giá điện sinh hoạt tăng ở tất cả các bậc.
- Giá điện cho sản xuất tăng ít hơn.

| {" | ".join(TABLE_ROWS[0])} |
| --- | --- | --- |
"""
    + "".join(f"| {' | '.join(row)} |\n" for row in TABLE_ROWS[1:])
    + """
Theo EVN, mức tăng này là cần thiết để bù đắp chi phí sản xuất.
"""
)


def write_word_article(path: Path) -> Path:
    """Write the sample Word article to ``path`` and return it."""
    document = docx.Document()
    document.add_heading("Giá điện tăng 4,8% từ ngày 11/10", level=1)
    paragraph = document.add_paragraph()
    paragraph.add_run(BOLD).bold = True
    paragraph.add_run(" vừa công bố quyết định điều chỉnh giá bán lẻ điện. ")
    paragraph.add_run(ITALIC_SENTENCE).italic = True
    paragraph.add_run(" Chi tiết xem tại ")
    _add_link(paragraph, PAGE_ANCHOR, PAGE_URL)
    paragraph.add_run(" của ")
    _add_link(paragraph, "Bộ Công Thương", MINISTRY_URL)
    paragraph.add_run(".")
    table = document.add_table(rows=len(TABLE_ROWS), cols=len(TABLE_ROWS[0]))
    for row_number, row in enumerate(TABLE_ROWS):
        for column, text in enumerate(row):
            table.cell(row_number, column).text = text
    document.add_paragraph("Theo EVN, mức tăng này là cần thiết để bù đắp chi phí sản xuất.")
    document.save(str(path))
    return path


def _add_link(paragraph: docx.text.paragraph.Paragraph, text: str, url: str) -> None:
    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    hyperlink = OxmlElement("w:hyperlink", {qn("r:id"): relationship})
    run = OxmlElement("w:r")
    run_text = OxmlElement("w:t")
    run_text.text = text
    run.append(run_text)
    hyperlink.append(run)
    paragraph._p.append(hyperlink)


def one_line_article(num_sentences: int = 55) -> str:
    """A scraped article whose whole body is one line of ``num_sentences`` sentences."""
    places = ("Hà Nội", "Đà Nẵng", "Cần Thơ", "Huế", "Hải Phòng")
    return (
        " ".join(
            f"Ngày {number % 28 + 1} tháng {number % 12 + 1}, người dân {places[number % 5]} "
            f"đã tham gia hoạt động thứ {number} của chương trình bảo vệ môi trường."
            for number in range(1, num_sentences + 1)
        )
        + "\n"
    )
