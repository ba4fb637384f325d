"""Invariants of segmentation for any text: lossless by construction, the same for NFC and NFD."""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from songngu.model import Document, DocumentMeta
from songngu.readers.text import parse_text
from songngu.segmenter import iter_block_spans, segment_document, split_sentences
from songngu.segmenter.words import LINE_BREAKS

# Pieces of Vietnamese news text dense in everything the rules look at, glued at random.
NEWS_PIECES = (
    " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "\x85", "\x1c", "\x0c",
    ".", "?", "!", "…", "...", ",", ":", ";", "“", "”", '"', "'", "(", ")", "[", "]", "–", "-",
    "*", "+", "Ông", "ông", "nói", "cho biết", "Đà", "Nẵng", "Ư", "iPhone", "TP.", "TP.HCM",
    "T.", "A.", "Q.", "1.", "1.000", "3,5%", "v.v.", "PGS.TS.", "Ảnh:", "(Ảnh: Minh Anh)",
    "(TTXVN)", "Theo", "PV", "date 2024-03", "12/3/2024", "e\u0301", "A\u0302\u0301",
    "\u0301", "\x00", "\u200b", "福", "I.", "a)", "(...)", "Nguyễn Văn", "Tại", "Bush",
    "Cô-bi-a-cốp", "hanoi.gov.vn", "– ", "\ufeff",
)  # fmt: skip
news_text = st.lists(st.sampled_from(NEWS_PIECES), max_size=60).map("".join)
any_text = st.one_of(st.text(max_size=200), news_text)


def sentences_of(document: Document) -> list[str]:
    return [segment.source for segment in document.iter_segments()]


def segment_text(text: str) -> Document:
    return segment_document(parse_text(text, DocumentMeta()))


@given(any_text)
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
def test_sentences_are_lossless_and_cut_only_at_whitespace(text: str) -> None:
    spans = split_sentences(text)
    cursor = 0
    for start, end in spans:
        assert start < end
        assert not text[cursor:start].strip()
        sentence = text[start:end]
        assert sentence == sentence.strip()
        assert not LINE_BREAKS.intersection(sentence)
        cursor = end
    assert not text[cursor:].strip()
    assert "".join("".join(text[s:e] for s, e in spans).split()) == "".join(text.split())


@given(any_text)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_documents_are_lossless(text: str) -> None:
    assume(text.strip())
    document = segment_text(text)
    cursor = 0
    for block in document.blocks:
        assert document.text[block.start : block.end] == block.text
        for segment in block.segments:
            assert document.text[segment.start : segment.end] == segment.source
            assert not document.text[cursor : segment.start].strip()
            cursor = segment.end
    assert not document.text[cursor:].strip()


@given(any_text)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_blocks_are_ordered_and_trimmed(text: str) -> None:
    previous_end = 0
    for span in iter_block_spans(text):
        assert previous_end <= span.start < span.end
        assert not text[previous_end : span.start].strip()
        assert text[span.start : span.end] == text[span.start : span.end].strip()
        previous_end = span.end
    assert not text[previous_end:].strip()


@given(any_text)
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_nfc_and_nfd_input_are_cut_alike(text: str) -> None:
    composed = unicodedata.normalize("NFC", text)
    decomposed = unicodedata.normalize("NFD", text)
    from_composed = [composed[s:e] for s, e in split_sentences(composed)]
    from_decomposed = [decomposed[s:e] for s, e in split_sentences(decomposed)]
    assert [unicodedata.normalize("NFC", s) for s in from_decomposed] == from_composed
    kinds = [span.kind for span in iter_block_spans(composed)]
    assert [span.kind for span in iter_block_spans(decomposed)] == kinds
