"""The reviewer-grade DOCX: table contract, ids, languages, styles, marks, comments, properties.

The file is inspected with python-docx (as external checks do) and as raw WordprocessingML. A
LibreOffice render to PDF runs only where ``soffice`` is installed (scripts/render_docx.sh).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from review_samples import sample_document
from songngu.exporters import EXPORTERS, verify_output
from songngu.exporters.markdown import read_markdown_pairs, write_markdown
from songngu.model import Document, Segment, State, replace_segments
from songngu.ooxml.manifest import manifest_from_document
from songngu.ooxml.markup import (
    MISSING_TERM_STYLE,
    TERM_STYLE,
    Span,
    parse_bookmark_name,
    term_spans,
)
from songngu.ooxml.review_file import read_review_file
from songngu.ooxml.writer import PAPER_SIZES, WordLayout, read_docx_pairs, write_docx
from songngu.xmltext import xml_safe

SCRIPT = Path(__file__).parent.parent / "scripts" / "render_docx.sh"


@pytest.fixture(scope="module")
def document() -> Document:
    return sample_document()


@pytest.fixture(scope="module")
def review_file(tmp_path_factory: pytest.TempPathFactory, document: Document) -> Path:
    path = tmp_path_factory.mktemp("word") / "cau-di-bo.vi-en.docx"
    write_docx(document, path)
    return path


@pytest.fixture(scope="module")
def word(review_file: Path) -> docx.document.Document:
    return docx.Document(str(review_file))


def test_one_row_per_block_with_source_and_target_in_cells_0_and_1(
    word: docx.document.Document, document: Document
) -> None:
    table = word.tables[0]
    assert len(table.columns) == 3
    assert [cell.text for cell in table.rows[0].cells] == ["Tiếng Việt", "English", "OK"]
    assert len(table.rows) == len(document.blocks) + 1
    for row, block in zip(table.rows[1:], document.blocks, strict=True):
        assert row.cells[0].text == " ".join(s.source for s in block.segments)
        assert row.cells[1].text == " ".join(s.target or "" for s in block.segments)
        assert row.cells[2].text == ("☐" if block.is_translated else "")


def test_every_segment_reads_back_by_id(review_file: Path, document: Document) -> None:
    pairs = read_docx_pairs(review_file)
    expected = [(s.id, s.source, s.target) for s in document.iter_segments()]
    assert [(p.id, p.source, p.target) for p in pairs] == expected
    verify_output(document, review_file, EXPORTERS["docx"])


def test_bookmark_names_are_unique_and_name_column_and_segment(review_file: Path) -> None:
    xml = zipfile.ZipFile(review_file).read("word/document.xml").decode("utf-8")
    names = re.findall(r'w:bookmarkStart w:id="\d+" w:name="([^"]+)"', xml)
    assert len(names) == len(set(names))
    parsed = [parse_bookmark_name(name) for name in names]
    assert ("vi", "b3.s2") in parsed
    assert ("en", "b3.s2") in parsed
    assert None not in parsed


def test_header_row_repeats_on_every_page_and_never_splits(word: docx.document.Document) -> None:
    header = word.tables[0].rows[0]._tr
    assert header.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None
    assert header.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None


@pytest.mark.parametrize("paper", sorted(PAPER_SIZES))
def test_columns_share_the_text_width_of_the_paper(
    tmp_path: Path, document: Document, paper: str
) -> None:
    path = tmp_path / f"{paper}.docx"
    write_docx(document, path, WordLayout(paper=paper))
    word = docx.Document(str(path))
    section = word.sections[0]
    width, height = PAPER_SIZES[paper]
    # Word stores twips (635 EMU), so sizes read back to within one twip.
    assert abs(section.page_width - width) <= 635
    assert abs(section.page_height - height) <= 635
    text_width = section.page_width - section.left_margin - section.right_margin
    grid = [column.width for column in word.tables[0].columns]
    assert abs(sum(grid) - text_width) <= 3 * 635
    assert grid[0] == grid[1] > 8 * grid[2]
    table_width = word.tables[0]._tbl.tblPr.find(qn("w:tblW"))
    assert (table_width.get(qn("w:type")), table_width.get(qn("w:w"))) == ("pct", "5000")


def style_language(style: object) -> str | None:
    while style is not None:
        language = style.element.find(f"{qn('w:rPr')}/{qn('w:lang')}")  # type: ignore[attr-defined]
        if language is not None:
            return language.get(qn("w:val"))
        style = style.base_style  # type: ignore[attr-defined]
    return None


def test_columns_carry_vietnamese_and_english_language_tags(word: docx.document.Document) -> None:
    for row in word.tables[0].rows[1:]:
        assert style_language(row.cells[0].paragraphs[0].style) == "vi-VN"
        assert style_language(row.cells[1].paragraphs[0].style) == "en-GB"


def test_language_of_the_english_column_can_be_american(tmp_path: Path, document: Document) -> None:
    path = tmp_path / "us.docx"
    write_docx(document, path, WordLayout(target_language="en-US"))
    row = docx.Document(str(path)).tables[0].rows[2]
    assert style_language(row.cells[1].paragraphs[0].style) == "en-US"


def test_block_kinds_get_real_paragraph_styles(word: docx.document.Document) -> None:
    styles = [row.cells[1].paragraphs[0].style.name for row in word.tables[0].rows[1:]]
    assert styles == [
        "Headline (en)",
        "Lead (en)",
        "Body (en)",
        "Body (en)",
        "Caption (en)",
        "Byline (en)",
        "Credit (en)",
        "Metadata (en)",
    ]
    assert word.styles["Headline (vi)"].font.bold
    assert word.styles["Caption (vi)"].font.italic


def test_glossary_terms_are_marked_enforced_and_missing(word: docx.document.Document) -> None:
    lead = word.tables[0].rows[2]
    source_marks = {(run.text, run.style.name) for run in lead.cells[0].paragraphs[0].runs}
    assert ("Ủy ban nhân dân thành phố", MISSING_TERM_STYLE) in source_marks
    assert ("Đà Nẵng", TERM_STYLE) in source_marks
    target_marks = {(run.text, run.style.name) for run in lead.cells[1].paragraphs[0].runs}
    assert ("Da Nang", TERM_STYLE) in target_marks


def test_term_spans_cut_at_marks_and_drop_overlaps() -> None:
    spans = term_spans("Bộ Công an họp", [(0, 10, "t"), (4, 8, "x"), (11, 14, "u")])
    assert spans == [Span("Bộ Công an", "t"), Span(" "), Span("họp", "u")]
    assert term_spans("", []) == [Span("")]


def test_memory_hits_are_shaded(word: docx.document.Document) -> None:
    lead_target = word.tables[0].rows[2].cells[1].paragraphs[0]
    shading = f"{qn('w:rPr')}/{qn('w:shd')}"
    shaded = [run.text for run in lead_target.runs if run._r.find(shading) is not None]
    assert shaded == ["The project cost 180 billion dong in total."]


def test_unvetted_memory_hits_are_not_shaded_and_every_hit_says_its_state(
    tmp_path: Path, document: Document
) -> None:
    unvetted = replace_segments(
        document,
        {
            "b2.s2": dataclasses.replace(
                segment_of(document, "b2.s2"), state=State.TRANSLATED, reviewer="", reviewed_at=""
            )
        },
    )
    path = tmp_path / "unvetted.docx"
    write_docx(unvetted, path)
    lead_target = docx.Document(str(path)).tables[0].rows[2].cells[1].paragraphs[0]
    assert all(run._r.find(f"{qn('w:rPr')}/{qn('w:shd')}") is None for run in lead_target.runs)
    comments = {c.segment_id: c.text for c in read_review_file(path).comments}
    assert "From the translation memory: translated." in comments["b2.s2"]


def segment_of(document: Document, segment_id: str) -> Segment:
    return next(s for s in document.iter_segments() if s.id == segment_id)


def test_qa_issues_are_comments_on_their_sentence(review_file: Path) -> None:
    comments = {c.segment_id: c for c in read_review_file(review_file).comments}
    assert set(comments) == {"b2.s1", "b2.s2", "b3.s2", "b4.s2"}
    assert "From the translation memory: final, Lan, 2026-11-30." in comments["b2.s2"].text
    assert comments["b2.s1"].author == "songngu"
    assert comments["b2.s1"].text.startswith("[error] term-missing:")
    assert "[warning] length-ratio" in comments["b4.s2"].text


def test_properties_carry_title_signature_and_languages(word: docx.document.Document) -> None:
    properties = word.core_properties
    assert properties.title == "Đà Nẵng khánh thành cầu đi bộ mới bắc qua sông Hàn"
    assert properties.subject == "Da Nang opens a new pedestrian bridge over the Han River"
    assert properties.comments == "backend:fake"
    assert properties.language == "vi-VN, en-GB"
    assert properties.category == "songngu review"


def test_footer_numbers_pages(word: docx.document.Document) -> None:
    footer = word.sections[0].footer._element
    instructions = [field.get(qn("w:instr")) for field in footer.iter(qn("w:fldSimple"))]
    assert [instruction.split()[0] for instruction in instructions] == ["PAGE", "NUMPAGES"]


def test_the_manifest_part_describes_the_export(review_file: Path, document: Document) -> None:
    manifest = read_review_file(review_file).manifest
    assert manifest is not None
    expected = manifest_from_document(document, manifest.front)
    assert manifest == expected
    assert manifest.front[0] == "Đà Nẵng khánh thành cầu đi bộ mới bắc qua sông Hàn"


def test_track_changes_is_off_by_default_and_can_be_switched_on(
    tmp_path: Path, document: Document, review_file: Path
) -> None:
    assert b"trackRevisions" not in zipfile.ZipFile(review_file).read("word/settings.xml")
    path = tmp_path / "tracked.docx"
    write_docx(document, path, WordLayout(track_changes=True))
    assert b"<w:trackRevisions/>" in zipfile.ZipFile(path).read("word/settings.xml")


def test_no_template_thumbnail_is_left_in_the_file(review_file: Path) -> None:
    assert not any("thumbnail" in name for name in zipfile.ZipFile(review_file).namelist())


def test_control_characters_are_removed_counted_and_noted(
    tmp_path: Path, document: Document, caplog: pytest.LogCaptureFixture
) -> None:
    segment = next(document.iter_segments())
    dirty = dataclasses.replace(segment, target="Da Nang\x0b opens\x01 a bridge")
    document = replace_segments(document, {segment.id: dirty})
    path = tmp_path / "dirty.docx"
    with caplog.at_level(logging.WARNING, logger="songngu.ooxml.writer"):
        write_docx(document, path)
    assert "removed 2 control characters" in caplog.text
    assert docx.Document(str(path)).tables[0].rows[1].cells[1].text == "Da Nang opens a bridge"
    notes = [c.text for c in read_review_file(path).comments if c.segment_id == segment.id]
    assert notes == ["2 control characters that Word cannot hold were removed here."]
    verify_output(document, path, EXPORTERS["docx"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [("a\x00b\x1fc", "abc"), ("line\r\nnext\rlast", "line\nnext\nlast"), ("tab\tok", "tab\tok")],
)
def test_xml_safe(text: str, expected: str) -> None:
    assert xml_safe(text) == expected


def test_markdown_and_docx_carry_the_same_segment_ids(
    tmp_path: Path, document: Document, review_file: Path
) -> None:
    markdown = tmp_path / "cau-di-bo.vi-en.md"
    write_markdown(document, markdown)
    markdown_ids = [pair.id for pair in read_markdown_pairs(markdown)]
    assert markdown_ids == [pair.id for pair in read_docx_pairs(review_file)]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.slow
def test_libreoffice_renders_a4_and_letter(tmp_path: Path, document: Document) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    files = []
    for paper in sorted(PAPER_SIZES):
        files.append(tmp_path / f"sample-{paper}.docx")
        write_docx(document, files[-1], WordLayout(paper=paper))
    output = tmp_path / "render"
    subprocess.run([str(SCRIPT), str(output), *map(str, files)], check=True, timeout=180)
    for paper in sorted(PAPER_SIZES):
        assert (output / f"sample-{paper}.pdf").stat().st_size > 1000
        assert (output / f"sample-{paper}-1.png").exists()
