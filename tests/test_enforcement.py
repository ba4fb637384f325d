"""Enforcement: every matched term's rendering ends up in the output, with any model."""

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from songngu.backends import GenerationSettings, Translation, join_prefix, load_backend
from songngu.backends.fake import FakeBackend
from songngu.glossary import load_glossary
from songngu.glossary.presence import find_folded, is_rendered, locate
from songngu.model import TermMatch
from songngu.pipeline import Pipeline, TranslationSettings
from songngu.readers import read_document
from songngu.translation.enforcement import TermJob, enforce_terms, mark_enforced

DATA = Path(__file__).parent / "data" / "glossary"
GLOSSARY = load_glossary(sorted(DATA.glob("*.tsv")), include_shipped=False)

SENTENCES = [
    "Đại tướng Tô Lâm, Bộ trưởng Bộ Công an, làm việc với Bí thư Tỉnh ủy Quảng Ninh.",
    "Chủ tịch UBND tỉnh Quảng Ninh cho biết tỉnh Quảng Ninh thu hút 2,5 tỷ USD.",
    "Theo ông Lâm, Bộ Quốc phòng và Bộ Công an sẽ phối hợp tại Hà Nội và TP.HCM.",
    "Phó Thủ tướng Nguyễn Hòa Bình gặp Chủ tịch Quốc hội.",
    "Bộ Công an",
]


class ScriptedBackend(FakeBackend):
    """Answers with fixed words after the prefix: a model that never renders a term."""

    def __init__(self, words: str = "the official said that work went well") -> None:
        super().__init__()
        self.words = words

    def translate_with_prefix(self, sources, prefixes):
        self.num_calls += 1
        return [Translation(join_prefix(prefix, self.words)) for prefix in prefixes]


VOCABULARY = ("the", "of", "Minister", "Public", "Security", "General", "To", "Lam", "Quang")
VOCABULARY += ("Ninh", ",", ".", "said", "-", "and", "Provincial", "Committee")


class RandomWordsBackend(FakeBackend):
    """Answers with random English-looking words (seeded): a random model, without torch."""

    def __init__(self, seed: int) -> None:
        super().__init__()
        self.random = random.Random(seed)

    def translate_with_prefix(self, sources, prefixes):
        vocabulary = VOCABULARY
        return [
            Translation(join_prefix(prefix, " ".join(self.random.choices(vocabulary, k=12))))
            for prefix in prefixes
        ]


def _jobs(backend, sentences=SENTENCES, date="2024-03-01"):
    terms = [tuple(GLOSSARY.match(sentence, date)) for sentence in sentences]
    first = backend.translate(sentences)
    return [TermJob(s, t, f) for s, t, f in zip(sentences, terms, first, strict=True)]


def _assert_all_rendered(jobs):
    for job in jobs:
        marked = mark_enforced(job)
        assert marked, job.source
        missing = [term.target for term in marked if not term.enforced]
        assert not missing, (job.translation.text, missing)
        spans = locate(job.translation.text, [term.target for term in job.terms])
        assert all(span is not None for span in spans)


@pytest.mark.parametrize("backend", [FakeBackend(), ScriptedBackend(), ScriptedBackend("")])
def test_every_rendering_is_present_with_uncooperative_backends(backend):
    _assert_all_rendered(enforce_terms(_jobs(backend), backend))


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 10_000), st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=4))
def test_every_rendering_is_present_with_random_output(seed, sentences):
    backend = RandomWordsBackend(seed)
    _assert_all_rendered(enforce_terms(_jobs(backend, sentences), backend))


def test_a_rendering_the_model_already_wrote_is_kept_without_decoding():
    backend = ScriptedBackend("the Minister of Public Security spoke")
    (job,) = enforce_terms(_jobs(backend, ["Bộ trưởng Bộ Công an phát biểu."]), backend)
    assert backend.num_calls == 1
    assert job.translation.text == "the Minister of Public Security spoke"
    assert [term.method for term in mark_enforced(job)] == ["model"]


@pytest.mark.parametrize(
    ("output", "fixed"),
    [
        ("The minister of public security spoke.", "The Minister of Public Security spoke."),
        ("Minister of Public-Security spoke.", "Minister of Public Security spoke."),
        ("The Ministry of Police spoke.", "The Ministry of Public Security spoke."),
    ],
)
def test_near_misses_and_variants_are_repaired_in_place(output, fixed):
    sentence = (
        "Bộ Công an phát biểu." if "Ministry" in output else "Bộ trưởng Bộ Công an phát biểu."
    )
    backend = ScriptedBackend()
    terms = tuple(GLOSSARY.match(sentence))
    (job,) = enforce_terms([TermJob(sentence, terms, Translation(output))], backend)
    assert job.translation.text == fixed
    assert backend.num_calls == 0
    assert [term.method for term in mark_enforced(job)] == ["repair"]


def test_diacritics_in_a_name_are_repaired():
    sentence = "Theo ông Lâm, công việc đã xong."
    terms = tuple(GLOSSARY.match(sentence))
    (job,) = enforce_terms(
        [TermJob(sentence, terms, Translation("According to Mr. Lâm, it is done."))], FakeBackend()
    )
    assert job.translation.text == "According to Mr. Lam, it is done."


def test_a_stretch_pinned_by_anchors_is_replaced_not_duplicated():
    sentence = "Đại tướng Tô Lâm, Bộ trưởng Bộ Công an"
    terms = tuple(GLOSSARY.match(sentence))
    assert [term.target for term in terms] == ["General To Lam", "Minister of Public Security"]
    sentence = "Đại tướng Tô Lâm, Bộ trưởng Bộ Công an, cho biết"
    rank, name = "Đại tướng", "Tô Lâm"
    terms = (
        TermMatch(rank, "General", 0, len(rank), "rank"),
        TermMatch(name, "To Lam", sentence.index(name), sentence.index(name) + len(name), "name"),
        *GLOSSARY.match(sentence)[1:],
    )
    output = "General Forest Tree, the Minister of Public Security, said"
    (job,) = enforce_terms([TermJob(sentence, terms, Translation(output))], ScriptedBackend())
    assert job.translation.text == "General To Lam, the Minister of Public Security, said"
    assert [term.method for term in mark_enforced(job)] == ["model", "aligned", "model"]


def test_a_forced_term_at_the_start_is_capitalised():
    backend = ScriptedBackend("and more")
    sentence = "tỉnh Quảng Ninh đón khách."
    (job,) = enforce_terms(_jobs(backend, [sentence]), backend)
    assert job.translation.text.startswith("Quang Ninh Province")


def test_unplaceable_terms_are_flagged_not_dropped():
    job = TermJob(
        "Bộ Công an",
        (TermMatch("Bộ Công an", "Ministry of Public Security", 0, 10),),
        Translation("x"),
    )
    (marked,) = mark_enforced(job)
    assert not marked.enforced
    assert marked.method == ""


def test_a_rendering_needed_twice_must_be_there_twice():
    assert is_rendered("Lam and To Lam", "Lam", 2)
    assert not is_rendered("To Lam", "Lam", 2)
    assert locate("To Lam", ["To Lam", "Lam"]) == [(0, 6), None]
    assert locate("Hanoians", ["Hanoi"]) == [None]
    assert locate("Minister of X. member of the Politburo", ["Member of the Politburo"]) == [None]
    assert locate("Done. Member of the Politburo", ["member of the Politburo"]) == [(6, 29)]


def test_a_one_word_rendering_keeps_its_case_when_folded():
    assert find_folded("an official said", "An", []) is None
    assert find_folded("Mr Lâm said", "Lam", []) == (3, 6)


def test_the_pipeline_records_methods_and_flags_nothing(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text(
        "Bộ trưởng Bộ Công an làm việc tại Quảng Ninh\n\n"
        "Sáng 12/3/2024, Đại tướng Tô Lâm, Bộ trưởng Bộ Công an, làm việc với lãnh đạo "
        "tỉnh Quảng Ninh. Theo ông Lâm, Chủ tịch UBND tỉnh Quảng Ninh đã báo cáo.\n",
        encoding="utf-8",
    )
    settings = TranslationSettings(
        backend="fake", use_shipped_glossary=False, glossary_files=tuple(sorted(DATA.glob("*.tsv")))
    )
    document = Pipeline(settings, translator=ScriptedBackend()).translate(read_document(article))
    terms = [term for segment in document.iter_segments() for term in segment.terms]
    assert len(terms) >= 7
    assert all(term.enforced for term in terms)
    assert {term.method for term in terms} <= {"model", "repair", "aligned", "prefix", "insert"}
    assert not [i for s in document.iter_segments() for i in s.issues if i.code == "term-missing"]


@pytest.mark.model
@pytest.mark.parametrize("model", ["marian", "nllb"])
@pytest.mark.parametrize("num_beams", [1, 4])
def test_every_rendering_is_present_with_tiny_random_models(hub_cache, model, num_beams):
    repo = hub_cache.marian_repo_id if model == "marian" else hub_cache.nllb_repo_id
    settings = GenerationSettings(
        model=repo, num_beams=num_beams, max_length_ratio=0.6, max_length_margin=4
    )
    backend = load_backend("transformers", settings)
    sentences = [SENTENCES[0], SENTENCES[2], SENTENCES[4]]
    _assert_all_rendered(enforce_terms(_jobs(backend, sentences), backend))


class CrampedBackend(ScriptedBackend):
    """A model with a tiny position table: a prefix of more than ``room`` words does not fit."""

    def __init__(self, room: int) -> None:
        super().__init__()
        self.room = room
        self.decoded_prefixes: list[str] = []

    def prefix_fits(self, prefixes):
        return [len(prefix.split()) <= self.room for prefix in prefixes]

    def translate_with_prefix(self, sources, prefixes):
        if not all(self.prefix_fits(prefixes)):
            raise ValueError("a prefix beyond the position table")
        self.decoded_prefixes.extend(prefix for prefix in prefixes if prefix)
        return super().translate_with_prefix(sources, prefixes)


@pytest.mark.parametrize("room", [0, 3, 8])
def test_terms_whose_prefix_does_not_fit_are_inserted_not_decoded(room):
    backend = CrampedBackend(room)
    jobs = enforce_terms(_jobs(backend), backend)
    _assert_all_rendered(jobs)
    assert all(len(prefix.split()) <= room for prefix in backend.decoded_prefixes)
    if room == 0:
        assert backend.decoded_prefixes == []
        methods = {term.method for job in jobs for term in mark_enforced(job)}
        assert "prefix" not in methods
