"""Hypothesis invariants: readers, segmenter, glossary matcher, exporters, and the whole path.

Every test states its example count (``@examples(n)``); together they run 1,016 examples, 16 of
them (8 each) through the tiny random-weight Marian and NLLB models.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from corpus import assert_complete_outputs
from songngu.backends import GenerationSettings, Translator, load_backend
from songngu.backends.fake import FakeBackend
from songngu.errors import InputError
from songngu.exporters import EXPORTERS, write_outputs
from songngu.glossary import Glossary
from songngu.glossary.entries import Entry
from songngu.model import Block, BlockKind, Document, DocumentMeta, Origin, Segment
from songngu.pipeline import Pipeline, TranslationSettings
from songngu.readers import load_source, parse_source, read_document
from songngu.readers.encoding import decode_bytes
from songngu.readers.language import has_vietnamese_mark
from songngu.readers.legacy import decode_tcvn3, decode_vni, encode_tcvn3, encode_vni
from songngu.readers.validation import CleanText, clean_text, single_line
from songngu.segmenter import segment_document, split_to_budget
from songngu.vietnamese import normalize_nfc, syllable_key

# Real syllables with Vietnamese marks (our own choice), so that generated text reads as
# Vietnamese: real articles have 80-90 % marked words.
SYLLABLES = tuple(
    word
    for word in (  # noqa: SIM905 - a word list reads best as words
        "người dân thành phố Đà Nẵng mừng có thêm tuyến buýt mới chạy dọc bờ biển mỗi ngày học "
        "được giảm giá vé Sở Giao thông biết sẽ mở rộng năm tới ông bà chị nói rằng rất tiện lợi "
        "nhưng cần trạm dừng quyển nghiêng ướt át Huế Thủy giữa gì Ủy ban tỉnh Quảng Ngãi"
    ).split()
    if has_vietnamese_mark(word)
)
PUNCTUATION = [". ", ", ", "; ", ": ", "? ", "! ", "… ", " – ", " (", ") ", ' "', '" ', " "]
NASTY = ["|", "\\", "*", "_", "`", "[", "]", "<", ">", "&", "<!-- b1.s1 -->", "<br>", "#", "🙂"]
CONTROLS = ["\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\ufeff", "\r"]


def examples(count: int) -> settings:
    """Run ``count`` examples, without a deadline (CI machines are slow and shared)."""
    return settings(
        max_examples=count,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )


@st.composite
def sentences(draw, nasty: bool = False) -> str:
    words = draw(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=25))
    parts = []
    for word in words:
        parts.append(word)
        extras = PUNCTUATION + (NASTY if nasty else [])
        parts.append(draw(st.sampled_from(extras)) if draw(st.booleans()) else " ")
    return "".join(parts).strip() + draw(st.sampled_from([".", "!", "?", ""]))


@st.composite
def articles(draw, nasty: bool = False, max_paragraphs: int = 8, max_sentences: int = 6) -> str:
    paragraphs = draw(
        st.lists(
            st.lists(sentences(nasty), min_size=1, max_size=max_sentences),
            min_size=1,
            max_size=max_paragraphs,
        )
    )
    separators = st.sampled_from(["\n\n", "\r\n\r\n", "\n \n", "\n\n\n"])
    text = ""
    for paragraph in paragraphs:
        text += " ".join(paragraph) + draw(separators)
    if nasty and len(text) > 400:
        # A few control characters in a real text (more would make it a binary file).
        for control in draw(st.lists(st.sampled_from(CONTROLS), max_size=4)):
            position = draw(st.integers(0, len(text)))
            text = text[:position] + control + text[position:]
    return text


# --- readers ---------------------------------------------------------------------------------


@examples(200)
@given(st.binary(max_size=2000))
def test_any_bytes_are_read_or_refused_with_an_input_error(data):
    try:
        text, _ = decode_bytes(data, "a.txt")
    except InputError as error:
        message = str(error)
    else:
        assert isinstance(text, str)
        return
    assert message.startswith("a.txt: ")
    assert "\n" not in message


@examples(150)
@given(st.text(max_size=3000))
def test_any_text_file_is_read_consistently_or_refused(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("any") / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    try:
        source = load_source(str(path))
    except InputError as error:
        message = str(error)
        assert "\n" not in message
        return
    assert unicodedata.is_normalized("NFC", source.text)
    assert clean_text(source.raw) == CleanText(source.raw)
    document = segment_document(parse_source(source))
    _assert_offsets(document)


@examples(60)
@given(articles(nasty=True), st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "utf-32"]))
def test_articles_in_unicode_encodings_read_back_as_written(tmp_path_factory, text, encoding):
    path = tmp_path_factory.mktemp("unicode") / "a.txt"
    path.write_bytes(text.encode(encoding))
    source = load_source(str(path))
    assert source.text == normalize_nfc(clean_text(text).text)


@examples(60)
@given(articles(), st.sampled_from(["tcvn3", "vni"]))
def test_legacy_articles_are_converted_exactly_or_refused(tmp_path_factory, text, encoding):
    encode = {"tcvn3": encode_tcvn3, "vni": encode_vni}[encoding]
    assume("Ủy" not in text or encoding == "vni")  # TCVN3 has no code for capital Ủ
    path = tmp_path_factory.mktemp("legacy") / "a.txt"
    path.write_bytes(encode(text))
    try:
        source = load_source(str(path))
    except InputError as error:
        message = str(error)
        assert "encoding is unclear" in message
        return
    assert source.text == normalize_nfc(clean_text(text).text)


@examples(100)
@given(st.lists(st.sampled_from(SYLLABLES), min_size=1, max_size=30).map(" ".join))
def test_legacy_tables_round_trip(text):
    assert decode_vni(encode_vni(text)) == text
    if "Ủ" not in text:
        assert decode_tcvn3(encode_tcvn3(text)) == text


# --- segmenter -------------------------------------------------------------------------------


def _assert_offsets(document: Document) -> None:
    ids = [segment.id for segment in document.iter_segments()]
    assert len(ids) == len(set(ids))
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
        for segment in block.segments:
            assert document.text[segment.start : segment.end] == segment.source
            assert segment.source
            assert segment.source == segment.source.strip()


@examples(100)
@given(articles(nasty=True))
def test_segments_cover_every_block_exactly(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("segments") / "a.txt"
    path.write_text(text, encoding="utf-8")
    try:
        document = segment_document(read_document(path))
    except InputError:
        return
    for block in document.blocks:
        squeezed = re.sub(r"\s", "", block.text)
        assert re.sub(r"\s", "", "".join(s.source for s in block.segments)) == squeezed
    _assert_offsets(document)


@examples(100)
@given(
    st.one_of(sentences(nasty=True), st.text(min_size=1, max_size=400)),
    st.integers(min_value=1, max_value=40),
)
def test_split_to_budget_concatenates_back_and_fits(text, budget):
    def count(piece: str) -> int:
        return len(piece.split()) + 1

    pieces = split_to_budget(text, budget, count)
    assert "".join(pieces) == text
    for piece in pieces:
        assert count(piece.strip()) <= budget or len(piece.strip().split()) <= 1


# --- glossary matcher ------------------------------------------------------------------------

GLOSSARY = Glossary.from_entries(
    [
        Entry("Ủy ban nhân dân", "People's Committee", "agency"),
        Entry("Sở Giao thông", "Department of Transport", "agency"),
        Entry("Đà Nẵng", "Da Nang", "city"),
        Entry("Quảng Ngãi", "Quang Ngai", "province"),
    ]
)


@examples(150)
@given(sentences(nasty=True))
def test_matches_are_in_place_and_the_same_in_nfd(text):
    matches = GLOSSARY.match(text)
    previous_end = 0
    for match in matches:
        assert match.start >= previous_end
        assert text[match.start : match.end] == match.source
        previous_end = match.end
    decomposed = normalize_nfc(unicodedata.normalize("NFD", text))
    assert [(m.source, m.target) for m in GLOSSARY.match(decomposed)] == [
        (m.source, m.target) for m in matches
    ]
    keys = {syllable_key(word) for entry in GLOSSARY.entries for word in entry.vi.split()}
    # Personal names are found by rules (after "ông", a title or a surname), not from rows.
    for match in (m for m in matches if m.type != "name"):
        assert {syllable_key(word) for word in match.source.split()} <= keys


# --- exporters -------------------------------------------------------------------------------

# What reaches the exporters: sources are one sentence each (the reader cleans them, the
# segmenter cuts at every line break) and targets are made one clean line (translation stage).
CELL_TEXT = (
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80)
    .map(single_line)
    .filter(bool)
)


@st.composite
def documents(draw) -> Document:
    blocks, text, offset = [], "", 0
    for number in range(1, draw(st.integers(1, 5)) + 1):
        sources = draw(
            st.lists(CELL_TEXT.map(lambda t: " ".join(t.split())), min_size=1, max_size=3)
        )
        segments = []
        for index, source in enumerate(sources, start=1):
            target = draw(CELL_TEXT)
            start = offset + len(" ".join(sources[: index - 1])) + (1 if index > 1 else 0)
            segments.append(
                Segment(
                    f"b{number}.s{index}",
                    source,
                    start,
                    start + len(source),
                    target,
                    origin=Origin.MODEL,
                )
            )
        block_text = " ".join(sources)
        kind = draw(st.sampled_from(list(BlockKind)))
        blocks.append(
            Block(f"b{number}", kind, block_text, offset, offset + len(block_text), tuple(segments))
        )
        text += block_text + "\n\n"
        offset = len(text)
    return Document(
        text, tuple(blocks), DocumentMeta(source_path="a.txt", signature="backend:fake")
    )


@examples(40)
@given(documents())
def test_every_exporter_reads_back_every_pair(tmp_path, document):
    folder = tmp_path / "export"
    paths = write_outputs(document, folder, list(EXPORTERS), force=True)
    assert len(paths) == len(EXPORTERS)
    for name, exporter in EXPORTERS.items():
        path = folder / f"a.vi-en{exporter.suffix}"
        pairs = [(p.id, p.source, p.target) for p in exporter.read_pairs(path)]
        expected = [
            (s.id, exporter.sanitize(s.source), exporter.sanitize(s.target or ""))
            for s in document.iter_segments()
        ]
        assert pairs == expected, name


# --- the whole path --------------------------------------------------------------------------


def _translate_file(path: Path, output_dir: Path, translator) -> Document:
    settings_ = TranslationSettings(backend="fake", use_shipped_glossary=False)
    pipeline = Pipeline(settings_, translator=translator)
    pipeline.glossary = GLOSSARY
    document = pipeline.translate(read_document(path))
    write_outputs(document, output_dir, list(EXPORTERS), force=True)
    return document


@examples(40)
@given(articles(nasty=True), st.sampled_from([".txt", ".md"]), st.integers(4, 64))
def test_every_sentence_is_in_every_output_once_in_order_with_its_own_target(
    tmp_path_factory, text, suffix, budget
):
    folder = tmp_path_factory.mktemp("path")
    path = folder / f"a{suffix}"
    path.write_text(text, encoding="utf-8")
    try:
        expected = segment_document(read_document(path))
    except InputError:
        return
    translator = FakeBackend(GenerationSettings(max_input_tokens=budget))
    document = _translate_file(path, folder / "out", translator)
    assert [(s.id, s.source) for s in document.iter_segments()] == [
        (s.id, s.source) for s in expected.iter_segments()
    ]
    assert_complete_outputs(document, folder / "out")
    for name, exporter in EXPORTERS.items():
        pairs = exporter.read_pairs(folder / "out" / f"a.vi-en{exporter.suffix}")
        targets = [exporter.sanitize(s.target or "") for s in document.iter_segments()]
        assert [pair.target for pair in pairs] == targets, name


@pytest.mark.model
@pytest.mark.parametrize("model", ["opus-mt", "nllb-600m"])
@examples(8)
@given(articles(nasty=True, max_paragraphs=3, max_sentences=3))
def test_the_invariant_holds_with_the_tiny_transformers_models(hub_cache, tmp_path, model, text):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    try:
        expected = segment_document(read_document(path))
    except InputError:
        return
    document = _translate_file(path, tmp_path / "out", _tiny_backend(model))
    assert [(s.id, s.source) for s in document.iter_segments()] == [
        (s.id, s.source) for s in expected.iter_segments()
    ]
    assert_complete_outputs(document, tmp_path / "out")


_TINY: dict[str, Translator] = {}


def _tiny_backend(model: str) -> Translator:
    """Load a tiny model once for all hypothesis examples (a backend is read-only)."""
    if model not in _TINY:
        # Greedy, short outputs, one thread: a random-weight model runs to the cap, and torch's
        # thread pool on a busy two-core CI machine costs more than these tiny models compute.
        settings_ = GenerationSettings(
            model=model,
            device="cpu",
            num_beams=1,
            max_length_ratio=1.0,
            max_input_tokens=24,
            threads=1,
        )
        _TINY[model] = load_backend("transformers", settings_)
    return _TINY[model]
