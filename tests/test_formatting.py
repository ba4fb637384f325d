"""Word articles keep structure and formatting: tables, literal cells, bold, italic and links.

Covers the reader (marks and cell positions beside the text), the English side
(:mod:`songngu.formatting`), the review file's table layout and its re-import, and the JSON.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import docx
import pytest

from songngu.exporters.json_document import render_json
from songngu.exporters.markdown import METHOD_WORDS, read_markdown_pairs, write_markdown
from songngu.formatting import format_sentence
from songngu.literals import is_literal
from songngu.model import Block, BlockKind, Document, Mark, MarkStyle, Origin, Segment, State
from songngu.ooxml.review_file import read_review_file
from songngu.ooxml.rows import ROW_SENTENCES
from songngu.ooxml.writer import read_docx_pairs, write_docx
from songngu.pipeline import TranslationSettings, translate_document
from songngu.readers import load_source, read_document
from songngu.review.approval import ApprovalPolicy, decide_approvals
from songngu.review.pairing import pair_review
from songngu.review.report import SegmentStatus
from songngu.segmenter import segment_document
from songngu.titles import document_title
from word_articles import (
    BOLD,
    ITALIC_SENTENCE,
    MARKDOWN_ARTICLE,
    MINISTRY_URL,
    PAGE_ANCHOR,
    PAGE_URL,
    TABLE_ROWS,
    one_line_article,
    write_word_article,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def translated(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = write_word_article(tmp_path_factory.mktemp("in") / "gia-dien.docx")
    return translate_document(read_document(path), TranslationSettings(backend="fake"))


@pytest.fixture(scope="module")
def review_path(tmp_path_factory: pytest.TempPathFactory, translated: Document) -> Path:
    path = tmp_path_factory.mktemp("out") / "gia-dien.vi-en.docx"
    write_docx(translated, path)
    return path


LITERALS = [
    ("250.000", True),
    ("58%", True),
    ("12/5/2025", True),
    ("QĐ-123", True),
    ("123/2025/NĐ-CP", True),
    ("3,5 - 4", True),
    ("25 %", True),
    ("Hà Nội", False),
    ("1,5 tỷ", False),
    ("TP.HCM", False),
    ("Quý 1", False),
    ("USD", False),
]


@pytest.mark.parametrize(("text", "expected"), LITERALS)
def test_is_literal_accepts_only_numbers_dates_and_codes(text, expected):
    assert is_literal(text) is expected


def test_word_table_cells_keep_their_row_and_column(translated):
    cells = [b for b in translated.blocks if b.kind is BlockKind.TABLE_CELL]
    assert [(c.cell.row, c.cell.column) for c in cells if c.cell] == [
        (row, column) for row in range(4) for column in range(3)
    ]
    assert [c.text for c in cells] == [text for row in TABLE_ROWS for text in row]


def test_number_date_and_code_cells_are_copied_not_translated(translated):
    copied = {
        b.text
        for b in translated.blocks
        for s in b.segments
        if b.cell and s.origin is Origin.COPY and s.target == s.source
    }
    assert copied == {"2.006", "2.103", "250.000", "58%", "12/5/2025", "QĐ-123"}


def test_runs_become_marks_beside_the_text_without_markup(translated):
    marks = {
        (translated.text[m.start : m.end], m.style, m.url)
        for block in translated.blocks
        for m in block.marks
    }
    assert marks == {
        (BOLD, MarkStyle.BOLD, ""),
        (ITALIC_SENTENCE, MarkStyle.ITALIC, ""),
        (PAGE_ANCHOR, MarkStyle.LINK, PAGE_URL),
        ("Bộ Công Thương", MarkStyle.LINK, MINISTRY_URL),
    }


def test_whole_sentence_formatting_is_carried_and_partial_bold_is_not():
    text = "Bộ Y tế họp. Giá tăng mạnh."
    block = Block(
        "b1",
        BlockKind.PARAGRAPH,
        text,
        0,
        len(text),
        marks=(Mark(0, 5, MarkStyle.BOLD), Mark(13, 26, MarkStyle.ITALIC)),
    )
    first = Segment("b1.s1", "Bộ Y tế họp.", 0, 12, "The ministry met.")
    second = Segment("b1.s2", "Giá tăng mạnh.", 13, 27, "Prices rose sharply.")
    assert format_sentence(block, first).target == ()
    assert format_sentence(block, second).target == (Mark(0, 20, MarkStyle.ITALIC),)


def test_link_on_a_glossary_term_sits_on_its_english_and_others_are_listed(translated):
    block = next(b for b in translated.blocks if b.marks)
    segment = next(s for s in block.segments if PAGE_ANCHOR in s.source)
    formatting = format_sentence(block, segment)
    placed = {(segment.target or "")[m.start : m.end]: m.url for m in formatting.target}
    assert placed == {"Ministry of Industry and Trade": MINISTRY_URL}
    assert formatting.unplaced == ((PAGE_ANCHOR, PAGE_URL),)


def test_a_source_table_row_is_one_review_row_with_the_cells_side_by_side(review_path, translated):
    table = docx.Document(str(review_path)).tables[0]
    inner = [cell.tables[0] for row in table.rows[1:] for cell in row.cells if cell.tables]
    assert len(inner) == 2 * len(TABLE_ROWS)
    vietnamese = [[c.text for c in t.rows[0].cells] for t in inner[::2]]
    assert vietnamese == [list(row) for row in TABLE_ROWS]
    numbers = [c.text for c in inner[3].rows[0].cells[1:]]
    assert numbers == ["2.006", "2.103"]
    assert len(table.rows) == 1 + 1 + 1 + len(TABLE_ROWS) + 1


def test_vietnamese_runs_keep_bold_italic_and_links_and_rows_may_split(review_path):
    root = read_part(review_path, "word/document.xml")
    assert root.find(f".//{_W}trPr/{_W}cantSplit/../{_W}tblHeader") is not None
    assert len(root.findall(f".//{_W}cantSplit")) == 1
    assert BOLD in _text_of_runs_with(root, "b")
    assert ITALIC_SENTENCE in _text_of_runs_with(root, "i")
    hyperlinks = list(root.iter(f"{_W}hyperlink"))
    texts = ["".join(t.text or "" for t in link.iter(f"{_W}t")) for link in hyperlinks]
    assert PAGE_ANCHOR in texts
    assert "Bộ Công Thương" in texts
    assert "Ministry of Industry and Trade" in texts
    rels = zip_text(review_path, "word/_rels/document.xml.rels")
    assert PAGE_URL in rels
    assert MINISTRY_URL in rels


def test_unplaced_links_are_listed_under_the_row(review_path):
    table = docx.Document(str(review_path)).tables[0]
    notes = [
        p.text
        for row in table.rows
        for p in row.cells[1].paragraphs
        if p.style.name == "Links note"
    ]
    assert notes == [f"Links: {PAGE_ANCHOR} → {PAGE_URL}"]


def test_review_import_pairs_every_id_through_inner_tables_and_link_notes(review_path, translated):
    pairs = read_docx_pairs(review_path)
    assert [p.id for p in pairs] == [s.id for s in translated.iter_segments()]
    pairing = pair_review(read_review_file(review_path))
    assert {s.status for s in pairing.segments} == {SegmentStatus.UNCHANGED}
    assert not pairing.added_rows
    assert not pairing.blocks
    assert not pairing.source_edits


def test_json_carries_marks_cells_and_links(translated):
    data = json.loads(render_json(translated))
    paragraph = next(b for b in data["blocks"] if b["marks"])
    assert {m["style"] for m in paragraph["marks"]} == {"bold", "italic", "link"}
    links = [link for s in paragraph["segments"] for link in s["links"]]
    assert {(link["text"], link["url"], link["target"]) for link in links} == {
        (PAGE_ANCHOR, PAGE_URL, None),
        ("Bộ Công Thương", MINISTRY_URL, "Ministry of Industry and Trade"),
    }
    cells = [b["cell"] for b in data["blocks"] if b["cell"]]
    assert cells[-1] == {"table": 0, "row": 3, "column": 2}


def _text_of_runs_with(root: ElementTree.Element, toggle: str) -> str:
    runs = [run for run in root.iter(f"{_W}r") if run.find(f"{_W}rPr/{_W}{toggle}") is not None]
    return "".join(t.text or "" for run in runs for t in run.iter(f"{_W}t"))


def read_part(path: Path, name: str) -> ElementTree.Element:
    return ElementTree.fromstring(zip_text(path, name))


def zip_text(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode()


def test_headers_and_footnotes_are_named_in_one_warning(tmp_path, caplog):
    path = write_word_article(tmp_path / "a.docx")
    word = docx.Document(str(path))
    word.sections[0].header.paragraphs[0].text = "Báo Quảng Ninh"
    word.save(str(path))
    read_document(path)
    warnings = [r.getMessage() for r in caplog.records if r.levelname == "WARNING"]
    assert len(warnings) == 1
    assert "headers are not translated" in warnings[0]


# --- Markdown input and output ---------------------------------------------------------------


@pytest.fixture(scope="module")
def markdown_translated(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = tmp_path_factory.mktemp("md") / "gia-dien.md"
    path.write_text(MARKDOWN_ARTICLE, encoding="utf-8")
    return translate_document(read_document(path), TranslationSettings(backend="fake"))


def test_markdown_has_the_same_structure_as_word(markdown_translated, translated):
    def shape(document: Document) -> list[tuple[str, object, str]]:
        return [(b.kind.value, b.cell, b.text) for b in document.blocks if b.cell or b.marks]

    assert shape(markdown_translated) == shape(translated)


def test_markdown_markup_never_reaches_the_model(markdown_translated):
    for segment in markdown_translated.iter_segments():
        assert not set("*_[]") & set(segment.source), segment.source
    items = [b.text for b in markdown_translated.blocks if b.kind is BlockKind.LIST_ITEM]
    assert items == [
        "Giá điện sinh hoạt tăng ở tất cả các bậc.",
        "Giá điện cho sản xuất tăng ít hơn.",
    ]


def test_markdown_output_renders_emphasis_links_lists_and_table_rows(markdown_translated, tmp_path):
    path = tmp_path / "out.md"
    write_markdown(markdown_translated, path)
    text = path.read_text(encoding="utf-8")
    assert f"**{BOLD}**" in text
    assert f"*{ITALIC_SENTENCE}*" in text
    assert f"[{PAGE_ANCHOR}]({PAGE_URL})" in text
    assert f"[Ministry of Industry and Trade]({MINISTRY_URL})" in text
    assert f"<sub>Links: {PAGE_ANCHOR} → {PAGE_URL}</sub>" in text
    assert "| • <!-- " in text
    assert "<!-- b8.s1 -->Hộ gia đình \\| <!-- b9.s1 -->2.006 \\| <!-- b10.s1 -->2.103 |" in text
    assert [(p.id, p.source, p.target) for p in read_markdown_pairs(path)] == [
        (s.id, s.source, s.target) for s in markdown_translated.iter_segments()
    ]


def test_glossary_methods_are_told_in_editor_words():
    assert set(METHOD_WORDS.values()) >= {"enforced by the model", "inserted"}
    assert "prefix" not in " ".join(METHOD_WORDS.values())


# --- long paragraphs, titles -----------------------------------------------------------------


@pytest.fixture(scope="module")
def long_review(tmp_path_factory: pytest.TempPathFactory) -> tuple[Document, Path]:
    folder = tmp_path_factory.mktemp("long")
    source = folder / "bai-dai.txt"
    source.write_text(one_line_article(), encoding="utf-8")
    document = translate_document(read_document(source), TranslationSettings(backend="fake"))
    path = folder / "bai-dai.vi-en.docx"
    write_docx(document, path)
    return document, path


def test_a_55_sentence_line_is_one_block_written_as_several_rows(long_review):
    document, path = long_review
    assert len(document.blocks) == 1
    assert document.num_segments == 55
    rows = [row for row in read_review_file(path).rows if not row.is_header]
    sizes = [len(row.segment_ids()) for row in rows]
    assert len(rows) >= 8
    assert max(sizes) <= ROW_SENTENCES
    assert sum(sizes) == 55


def test_split_rows_pair_every_id_on_review_import(long_review):
    document, path = long_review
    pairing = pair_review(read_review_file(path))
    assert [s.id for s in pairing.segments] == [s.id for s in document.iter_segments()]
    assert {s.status for s in pairing.segments} == {SegmentStatus.UNCHANGED}
    assert not pairing.added_rows
    assert not pairing.missing_blocks


def test_an_edit_in_a_later_row_of_a_split_paragraph_is_imported(long_review, tmp_path):
    _, path = long_review
    word = docx.Document(str(path))
    row = word.tables[0].rows[3]
    run = next(r for r in row.cells[1].paragraphs[0].runs if r.text.strip())
    run.text = "Edited by the reviewer."
    edited = tmp_path / "edited.docx"
    word.save(str(edited))
    statuses = {s.id: s.status for s in pair_review(read_review_file(edited)).segments}
    assert list(statuses.values()).count(SegmentStatus.EDITED) == 1
    assert list(statuses.values()).count(SegmentStatus.UNCHANGED) == 54


def test_an_article_without_headline_is_titled_by_its_first_sentence(long_review):
    document, path = long_review
    title = docx.Document(str(path)).paragraphs[0].text
    assert title.startswith("Ngày 2 tháng 2, người dân Đà Nẵng")
    assert title.endswith("…")
    assert "bai-dai" not in title
    assert document_title(document) == title


def test_an_empty_document_is_an_untitled_article():
    assert document_title(Document("", ())) == "Untitled article"


def test_footer_page_fields_look_like_the_footer_words(review_path):
    footer = zip_text(review_path, "word/footer1.xml")
    root = ElementTree.fromstring(footer)
    sizes = {
        element.get(f"{_W}val") for run in root.iter(f"{_W}r") for element in run.iter(f"{_W}sz")
    }
    colours = {
        element.get(f"{_W}val") for run in root.iter(f"{_W}r") for element in run.iter(f"{_W}color")
    }
    assert len(list(root.iter(f"{_W}fldSimple"))) == 2
    assert all(run.find(f"{_W}rPr/{_W}sz") is not None for run in root.iter(f"{_W}r"))
    assert sizes == {"15"}
    assert colours == {"7F7F7F"}


def test_markdown_offsets_refer_to_the_text_without_markup(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(MARKDOWN_ARTICLE, encoding="utf-8")
    source = load_source(str(path))
    assert "**" not in source.raw
    assert "](" not in source.raw
    document = segment_document(read_document(path))
    for segment in document.iter_segments():
        assert document.text[segment.start : segment.end] == segment.source


def test_emptying_one_row_of_a_split_paragraph_touches_only_its_sentences(long_review, tmp_path):
    _, path = long_review
    word = docx.Document(str(path))
    first = word.tables[0].rows[1]
    for run in first.cells[1].paragraphs[0].runs:
        run.text = ""
    edited = tmp_path / "emptied.docx"
    word.save(str(edited))
    statuses = [s.status for s in pair_review(read_review_file(edited)).segments]
    # Word drops a bookmark whose text is deleted: those sentences are kept with their row.
    assert statuses[:ROW_SENTENCES] == [SegmentStatus.IN_BLOCK] * ROW_SENTENCES
    assert statuses[ROW_SENTENCES:] == [SegmentStatus.UNCHANGED] * (55 - ROW_SENTENCES)


def test_strong_and_emphasis_character_styles_count_as_bold_and_italic(tmp_path):
    word = docx.Document()
    paragraph = word.add_paragraph()
    paragraph.add_run("Hà Nội", style="Strong")
    paragraph.add_run(" và ")
    paragraph.add_run("Huế", style="Emphasis")
    paragraph.add_run(" đón khách du lịch.")
    word.save(str(tmp_path / "a.docx"))
    document = read_document(tmp_path / "a.docx")
    marks = {(document.text[m.start : m.end], m.style) for m in document.blocks[0].marks}
    assert marks == {("Hà Nội", MarkStyle.BOLD), ("Huế", MarkStyle.ITALIC)}


def test_list_items_get_a_bullet_that_is_not_text(markdown_translated, tmp_path):
    path = tmp_path / "list.docx"
    write_docx(markdown_translated, path)
    word = docx.Document(str(path))
    for column in ("vi", "en"):
        style = word.styles[f"List item ({column})"]
        assert style.element.find(f"{_W}pPr/{_W}numPr") is not None
    assert [p.id for p in read_docx_pairs(path)] == [
        s.id for s in markdown_translated.iter_segments()
    ]


def test_ticking_one_row_of_a_split_paragraph_approves_only_its_sentences(long_review, tmp_path):
    _, path = long_review
    word = docx.Document(str(path))
    row = word.tables[0].rows[3]
    row.cells[2].paragraphs[0].runs[0].text = "x"
    ticked = read_review_file(path).rows[3].segment_ids()
    edited = tmp_path / "ticked.docx"
    word.save(str(edited))
    approvals = decide_approvals(pair_review(read_review_file(edited)), ApprovalPolicy())
    assert ticked
    assert {i for i, state in approvals.states.items() if state is State.FINAL} == set(ticked)
