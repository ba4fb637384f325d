import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from songngu.exporters import SegmentPair
from songngu.exporters.json_document import read_json_pairs, render_json, write_json
from songngu.exporters.markdown import (
    escape_cell,
    read_markdown_pairs,
    render_markdown,
    unescape_cell,
    write_markdown,
)
from songngu.model import (
    Block,
    BlockKind,
    Document,
    DocumentMeta,
    Issue,
    Segment,
    Severity,
    TermMatch,
)

CELL_TEXT = st.text(st.characters(blacklist_categories=("Cs",)))


def _document(sources: list[str], targets: list[str], kind=BlockKind.PARAGRAPH) -> Document:
    segments = []
    offset = 0
    for number, (source, target) in enumerate(zip(sources, targets, strict=True), start=1):
        segments.append(Segment(f"b1.s{number}", source, offset, offset + len(source), target))
        offset += len(source) + 1
    text = " ".join(sources)
    block = Block("b1", kind, text, 0, len(text), tuple(segments))
    return Document(text, (block,), DocumentMeta(source_path="a.txt", signature="backend:x|y"))


@given(CELL_TEXT)
def test_escaping_round_trips(text):
    assert unescape_cell(escape_cell(text)) == text


@given(CELL_TEXT)
def test_escaped_cells_hold_no_bare_pipe_or_newline(text):
    escaped = escape_cell(text)
    assert "\n" not in escaped
    assert "|" not in escaped.replace("\\|", "")


@settings(max_examples=60)
@given(st.lists(st.tuples(CELL_TEXT, CELL_TEXT), min_size=1, max_size=4))
def test_markdown_reads_back_every_pair(tmp_path_factory, pairs):
    sources = [source.strip() or "x" for source, _ in pairs]
    targets = [target.strip() for _, target in pairs]
    document = _document(sources, targets)
    path = tmp_path_factory.mktemp("md") / "a.md"
    write_markdown(document, path)
    expected = [
        SegmentPair(f"b1.s{number}", source, target)
        for number, (source, target) in enumerate(zip(sources, targets, strict=True), 1)
    ]
    assert read_markdown_pairs(path) == expected


def test_headlines_are_bold_and_captions_italic():
    headline = render_markdown(_document(["Tiêu đề"], ["Headline"], BlockKind.HEADLINE))
    caption = render_markdown(_document(["Ảnh"], ["Photo"], BlockKind.CAPTION))
    assert "| **<!-- b1.s1 -->Tiêu đề** | **<!-- b1.s1 -->Headline** |" in headline
    assert "| *<!-- b1.s1 -->Ảnh* | *<!-- b1.s1 -->Photo* |" in caption


def test_markdown_has_metadata_on_top_and_signature_in_the_footer():
    text = render_markdown(_document(["Câu."], ["Sentence."]))
    lines = text.splitlines()
    assert lines[0].startswith("# ")
    assert "- Source: `a.txt`" in lines
    assert lines[-1] == "<sub>backend:x\\|y</sub>"


def test_terms_and_issues_are_listed_for_the_reviewer():
    document = _document(["Bộ Công an họp."], ["The ministry met."])
    term = TermMatch("Bộ Công an", "Ministry of Public Security", 0, 10, "ministry")
    issue = Issue("term-missing", Severity.ERROR, "missing")
    segment = dataclasses.replace(document.blocks[0].segments[0], terms=(term,), issues=(issue,))
    block = dataclasses.replace(document.blocks[0], segments=(segment,))
    text = render_markdown(dataclasses.replace(document, blocks=(block,)))
    assert "| b1.s1 | Bộ Công an | Ministry of Public Security | **no** | missing |" in text
    assert "| b1.s1 | error | term-missing | missing |" in text


def test_json_reads_back_and_keeps_unicode_unescaped(tmp_path):
    document = _document(["Hà Nội."], ["Hanoi."])
    assert "Hà Nội" in render_json(document)
    path = tmp_path / "a.json"
    write_json(document, path)
    assert read_json_pairs(path) == [SegmentPair("b1.s1", "Hà Nội.", "Hanoi.")]


def test_states_and_memory_provenance_are_listed() -> None:
    from review_samples import sample_document

    text = render_markdown(sample_document())
    assert "- States: 1 final, 9 translated" in text
    assert "| b2.s2 | final, Lan, 2026-11-30 | memory | - |" in text
