import json
import zipfile

import pytest

from corpus import ARTICLE, PARAGRAPHS, run_main
from scripted import DroppingBackend, LoopingBackend, TruncatingBackend
from songngu.backends import BACKENDS
from songngu.backends.fake import FakeBackend
from songngu.checks import check_document
from songngu.model import Block, BlockKind, Document, Origin, Segment, Severity
from songngu.pipeline import Pipeline, TranslationSettings, run_stages
from songngu.readers import read_document
from songngu.translation import ModelStage, PieceTranslator, RetryStage
from songngu.translation.retry import RETRY_CODES, RetryAttempt, retry_reasons, retry_segments


def _translate(tmp_path, translator, *, retry=True, text=ARTICLE):
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    settings = TranslationSettings(backend="fake", use_shipped_glossary=False, retry=retry)
    return Pipeline(settings, translator=translator).translate(read_document(path))


def _issues(document):
    return {s.id: {i.code for i in s.issues} for s in document.iter_segments()}


def test_loops_are_retried_clause_by_clause(tmp_path):
    document = _translate(tmp_path, LoopingBackend(fixed_by="clauses"))
    long_segments = [s for s in document.iter_segments() if len(s.source.split()) >= 14]
    assert long_segments
    for segment in long_segments:
        assert "sorry sorry" not in segment.target
        assert segment.num_pieces >= 2
        codes = {issue.code for issue in segment.issues}
        assert "repetition" not in codes
        assert "retried" in codes
        note = next(issue for issue in segment.issues if issue.code == "retried")
        assert note.severity is Severity.INFO
        assert "clause by clause" in note.message


def test_loops_are_retried_with_repetition_controls(tmp_path):
    document = _translate(tmp_path, LoopingBackend(fixed_by="controls"))
    for segment in document.iter_segments():
        assert "sorry sorry" not in segment.target
        if len(segment.source.split()) > 1:
            notes = [issue.message for issue in segment.issues if issue.code == "retried"]
            assert notes
            assert "with repetition controls" in notes[0]


def test_a_retry_that_does_not_help_keeps_the_first_translation_flagged(tmp_path):
    document = _translate(tmp_path, LoopingBackend(fixed_by="nothing"))
    for segment in document.iter_segments():
        codes = {issue.code for issue in segment.issues}
        assert "repetition" in codes
        assert "retried" not in codes
        assert segment.num_pieces == 1


def test_no_retry_leaves_loops_flagged(tmp_path):
    document = _translate(tmp_path, LoopingBackend(fixed_by="clauses"), retry=False)
    flagged = [s for s in document.iter_segments() if "repetition" in _issues(document)[s.id]]
    assert flagged
    assert all(s.num_pieces == 1 for s in flagged)


def test_a_dropped_sentence_is_retried():
    # The v1 segmenter splits at every sentence end; a segment can still hold two sentences
    # when built by a caller (or a future segmenter keeps a quotation together).
    source = "Ông Minh nói: “Tôi rất vui. Chúng tôi sẽ đi xe buýt mỗi ngày.”"
    segment = Segment("b1.s1", source, 0, len(source))
    block = Block("b1", BlockKind.PARAGRAPH, source, 0, len(source), (segment,))
    runner = PieceTranslator(DroppingBackend())
    stages = [ModelStage(runner), check_document, RetryStage(runner)]
    translated = run_stages(Document(source, (block,)), stages)
    result = next(translated.iter_segments())
    codes = {issue.code for issue in result.issues}
    assert "sentence-count" not in codes
    assert "retried" in codes
    assert "se di xe buyt moi ngay" in result.target


def test_a_cut_short_translation_is_retried_clause_by_clause(tmp_path):
    document = _translate(tmp_path, TruncatingBackend())
    for segment in document.iter_segments():
        assert "length-ratio" not in {issue.code for issue in segment.issues}, segment


def test_retry_reasons_name_the_failures():
    source = PARAGRAPHS[1].split(". ")[0] + "."
    segment = Segment("b1.s1", source, 0, len(source), target="Tickets.", origin=Origin.MODEL)
    assert retry_reasons(segment) == ["too-short"]
    looping = Segment("b1.s1", PARAGRAPHS[1], 0, 10, target="no " * 9, origin=Origin.MODEL)
    assert "repetition" in retry_reasons(looping)
    assert {"repetition", "sentence-count", "empty-target", "length-cap"} <= RETRY_CODES


def test_healthy_segments_are_not_retried():
    segment = Segment("b1.s1", "Xin chào.", 0, 9, target="Hello.", origin=Origin.MODEL)

    def attempt(segments):
        raise AssertionError("no attempt should run")

    assert retry_segments([segment], [RetryAttempt("never", attempt)]) == {}


def _docx_comments(path):
    with zipfile.ZipFile(path) as archive:
        names = [name for name in archive.namelist() if name.endswith("comments.xml")]
        return "".join(archive.read(name).decode("utf-8") for name in names)


def test_the_cli_no_retry_flag_turns_retries_off(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(BACKENDS, "fake", "scripted:LoopingBackend")
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    codes = {}
    for flag, folder in (([], "with"), (["--no-retry"], "without")):
        args = [
            "translate",
            "--dry-run",
            "--no-shipped-glossary",
            "-f",
            "json,md,docx",
            "-o",
            str(tmp_path / folder),
        ]
        assert run_main([*args, *flag, str(path)], capsys)[0] == 0
        data = json.loads((tmp_path / folder / "a.vi-en.json").read_text(encoding="utf-8"))
        codes[folder] = {
            issue["code"]
            for block in data["blocks"]
            for s in block["segments"]
            for issue in s["issues"]
        }
        markdown = (tmp_path / folder / "a.vi-en.md").read_text(encoding="utf-8")
        comments = _docx_comments(tmp_path / folder / "a.vi-en.docx")
        for code in codes[folder] - {"retried"}:
            assert f"| {code} |" in markdown
            assert f"] {code}: " in comments
    assert "retried" in codes["with"]
    assert "repetition" not in codes["with"]
    assert "repetition" in codes["without"]
    assert "retried" not in codes["without"]


@pytest.mark.parametrize("translator", [FakeBackend()])
def test_a_healthy_backend_gets_no_retry_notes(tmp_path, translator):
    document = _translate(tmp_path, translator)
    assert all("retried" not in codes for codes in _issues(document).values())


@pytest.mark.model
def test_repetition_controls_on_a_tiny_marian_block_repeated_trigrams(hub_cache, tmp_path):
    from songngu.backends import GenerationSettings, load_backend

    settings = GenerationSettings(
        model="opus-mt",
        device="cpu",
        num_beams=1,
        max_length_ratio=1.0,
        max_length_margin=2,
        threads=1,
    )
    backend = load_backend("transformers", settings)
    controlled = backend.with_repetition_controls(1.2, 3)
    assert controlled.signature() == backend.signature()
    sources = [PARAGRAPHS[0], "Xin chào các bạn."]
    for translation in controlled.translate(sources):
        words = translation.text.split()
        trigrams = [tuple(words[i : i + 3]) for i in range(len(words) - 2)]
        assert len(trigrams) == len(set(trigrams))
    # A random-weight model loops; the pipeline retries and keeps every pairing intact.
    document = _translate(tmp_path, backend, text=PARAGRAPHS[1])
    codes = _issues(document)
    assert all(
        ("retried" in c) or ("repetition" in c) or not c & RETRY_CODES for c in codes.values()
    )
    assert [s.id for s in document.iter_segments()] == [
        s.id for s in read_document_segments(tmp_path / "a.txt")
    ]


def read_document_segments(path):
    from songngu.segmenter import segment_document

    return list(segment_document(read_document(path)).iter_segments())
