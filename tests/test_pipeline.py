import dataclasses

import pytest

from songngu.backends import GenerationSettings
from songngu.backends.fake import FakeBackend
from songngu.errors import PipelineError
from songngu.model import BlockKind, Document, MemoryMatch, Origin, State
from songngu.pipeline import Pipeline, TranslationSettings, run_stages
from songngu.readers import read_document


def _pipeline(backend=None, **settings):
    return Pipeline(
        TranslationSettings(backend="fake", use_shipped_glossary=False, **settings),
        translator=backend or FakeBackend(),
    )


def test_every_segment_gets_a_target_paired_with_its_own_source(sample_article):
    document = _pipeline().translate(read_document(sample_article))
    segments = list(document.iter_segments())
    assert segments
    for segment in segments:
        assert segment.target
        assert segment.target.startswith("[EN]")
        assert segment.origin is Origin.MODEL


def test_segment_ids_are_stable_and_unique(sample_article):
    document = _pipeline().translate(read_document(sample_article))
    ids = [segment.id for segment in document.iter_segments()]
    assert len(ids) == len(set(ids))
    assert ids[0] == "b1.s1"


def test_identical_sentences_are_translated_once(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("Trời mưa to.\n\nTrời mưa to.\n\nTrời mưa to.\n", encoding="utf-8")
    backend = FakeBackend()
    document = _pipeline(backend).translate(read_document(article))
    assert backend.num_sources == 1
    assert [s.target for s in document.iter_segments()] == ["[EN] Troi mua to."] * 3


def test_long_sentences_are_split_to_the_budget_and_rejoined(tmp_path):
    clauses = [f"đoạn thứ {number} của câu dài" for number in range(40)]
    article = tmp_path / "long.txt"
    article.write_text(", ".join(clauses) + ".\n", encoding="utf-8")
    backend = FakeBackend(GenerationSettings(max_input_tokens=20))
    document = _pipeline(backend).translate(read_document(article))
    (segment,) = document.iter_segments()
    assert segment.num_pieces > 1
    assert "doan thu 0" in segment.target
    assert "doan thu 39" in segment.target


def test_signature_names_backend_glossary_segmenter_and_version(sample_article):
    document = _pipeline().translate(read_document(sample_article))
    parts = document.meta.signature.split("|")
    assert parts[0] == "backend:fake"
    assert parts[1].startswith("glossary:")
    assert parts[2].startswith("segmenter:")
    assert parts[3].startswith("songngu:")


def test_meta_blocks_are_copied_not_translated(tmp_path):
    article = tmp_path / "code.md"
    article.write_text("# Tiêu đề\n\n```\nx = 1\n```\n", encoding="utf-8")
    document = _pipeline().translate(read_document(article))
    meta = [b for b in document.blocks if b.kind is BlockKind.META]
    assert meta
    assert all(s.target == s.source and s.origin is Origin.COPY for s in meta[0].segments)


def test_a_stage_that_returns_something_else_is_named():
    def broken(document: Document) -> Document:
        return "oops"  # type: ignore[return-value]

    document = Document(text="x", blocks=())
    with pytest.raises(PipelineError, match="broken"):
        run_stages(document, [broken])


def test_glossary_terms_are_enforced_with_the_fake_backend(tmp_path):
    glossary = tmp_path / "terms.tsv"
    glossary.write_text(
        "vi\ten\ttype\tsource\nBộ Công an\tMinistry of Public Security\tministry\ttest\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text("Đại diện Bộ Công an phát biểu tại hội nghị.\n", encoding="utf-8")
    pipeline = _pipeline(glossary_files=(glossary,))
    (segment,) = pipeline.translate(read_document(article)).iter_segments()
    (term,) = segment.terms
    assert term.enforced
    assert "Ministry of Public Security" in segment.target
    assert not [issue for issue in segment.issues if issue.code == "term-missing"]


def test_the_memory_stage_reuses_hits_and_the_finished_document_is_recorded(sample_article):
    class Memory:
        def __init__(self):
            self.recorded = []

        def lookup(self, sources):
            return {
                source: MemoryMatch(source, "FROM MEMORY", State.FINAL, reviewer="Lan")
                for source in sources
                if source.startswith("Theo")
            }

        def hints(self, sources):
            return {}

        def record(self, document):
            self.recorded.append(document)
            return 0

    memory = Memory()
    document = _pipeline().translate(read_document(sample_article), memory=memory)
    hits = [s for s in document.iter_segments() if s.origin is Origin.MEMORY]
    assert [(s.target, s.state, s.reviewer) for s in hits] == [("FROM MEMORY", State.FINAL, "Lan")]
    assert memory.recorded == [document]


def test_settings_are_frozen():
    settings = TranslationSettings()
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.backend = "x"  # type: ignore[misc]
