"""Contract tests: every backend honours the same protocol (fake always; transformers tiny)."""

import pytest

from songngu.backends import BACKENDS, GenerationSettings, Translator, join_prefix, load_backend
from songngu.backends.decoding import iter_batches, prefix_fits, prefixed_cap
from songngu.errors import BackendError, ModelUnavailableError

SOURCES = [
    "Bộ trưởng Bộ Công an làm việc với tỉnh Quảng Ninh.",
    "Tăng trưởng đạt 10,3%.",
    "Hội nghị có hơn 1.000 doanh nghiệp tham dự, trong đó nhiều doanh nghiệp nước ngoài.",
]


@pytest.fixture(
    params=[
        "fake",
        "marian",
        "nllb",
        "mbart",
        "t5",
        "ct2-marian",
        "ct2-nllb",
        "ct2-mbart",
        "ct2-t5",
    ]
)
def backend(request) -> Translator:
    if request.param == "fake":
        return load_backend("fake", GenerationSettings())
    cache = request.getfixturevalue("hub_cache")
    name, _, family = request.param.rpartition("-")
    if name == "ct2":
        pytest.importorskip("ctranslate2")
        request.getfixturevalue("songngu_cache")
    model = getattr(cache, f"{family}_repo_id")
    settings = GenerationSettings(model=model, max_length_ratio=0.5, max_length_margin=2)
    return load_backend(name or "transformers", settings)


def test_translate_keeps_length_and_order(backend):
    translations = backend.translate(SOURCES)
    assert len(translations) == len(SOURCES)
    assert all(isinstance(t.text, str) and t.text for t in translations)
    single = [backend.translate([source])[0].text for source in SOURCES]
    if backend.signature() == "backend:fake":
        assert [t.text for t in translations] == single


def test_empty_list_gives_empty_list(backend):
    assert backend.translate([]) == []
    assert backend.translate_with_prefix([], []) == []
    assert backend.count_tokens([]) == []


def test_prefix_is_kept_verbatim(backend):
    prefixes = ["Minister of Public Security", "", "The conference, attended by"]
    results = backend.translate_with_prefix(SOURCES, prefixes)
    for prefix, result in zip(prefixes, results, strict=True):
        assert result.text.startswith(prefix)


def test_prefix_with_characters_outside_the_vocabulary_survives(backend):
    (result,) = backend.translate_with_prefix([SOURCES[0]], ["Ω-Team Đặng"])
    assert result.text.startswith("Ω-Team Đặng")


def test_signature_is_stable(backend):
    assert backend.signature() == backend.signature()
    assert backend.signature().startswith("backend:")


def test_count_tokens_counts_each_text(backend):
    counts = backend.count_tokens(SOURCES)
    assert len(counts) == len(SOURCES)
    assert counts[2] > counts[1] > 0


def test_max_input_tokens_is_positive(backend):
    assert backend.max_input_tokens > 0


@pytest.mark.model
def test_random_model_outputs_are_capped_and_flagged(hub_cache):
    settings = GenerationSettings(
        model=hub_cache.marian_repo_id, max_length_ratio=0.5, max_length_margin=1
    )
    backend = load_backend("transformers", settings)
    (result,) = backend.translate([SOURCES[2]])
    assert result.is_capped


@pytest.mark.model
def test_nllb_is_forced_to_english_and_keeps_the_language_token_out(hub_cache):
    settings = GenerationSettings(model="nllb-600m", max_length_ratio=0.5, max_length_margin=1)
    backend = load_backend("transformers", settings)
    assert "facebook/nllb-200-distilled-600M" in backend.signature()
    (result,) = backend.translate([SOURCES[0]])
    assert "eng_Latn" not in result.text
    assert "vie_Latn" not in result.text


@pytest.mark.model
def test_greedy_and_beam_settings_reach_the_signature(hub_cache):
    greedy = load_backend("transformers", GenerationSettings(model="opus-mt", num_beams=1))
    default = load_backend("transformers", GenerationSettings(model="opus-mt"))
    assert "beams:1" in greedy.signature()
    assert "beams:4" in default.signature()


def test_missing_model_offline_names_the_fix(hub_cache):
    hub_cache.remove(hub_cache.marian_repo_id)
    with pytest.raises(ModelUnavailableError) as raised:
        load_backend("transformers", GenerationSettings(model="opus-mt"))
    message = str(raised.value)
    assert "songngu models download" in message
    assert "--model PATH" in message
    assert "\n" not in message


def test_local_folder_without_a_model_is_refused(tmp_path):
    with pytest.raises(ModelUnavailableError, match=r"config\.json"):
        load_backend("transformers", GenerationSettings(model=str(tmp_path)))


@pytest.mark.model
def test_local_model_folder_loads(tiny_model_dirs, hub_cache):
    folder = tiny_model_dirs["Helsinki-NLP/opus-mt-vi-en"]
    backend = load_backend("transformers", GenerationSettings(model=str(folder)))
    assert backend.model_revision.startswith("local-")
    assert backend.translate(["Xin chào."])[0].text


def test_unknown_backend_lists_the_known_ones():
    with pytest.raises(BackendError, match="fake"):
        load_backend("nope", GenerationSettings())


def test_registry_holds_import_strings_only():
    assert all(isinstance(target, str) and ":" in target for target in BACKENDS.values())


def test_batches_are_length_sorted_and_within_budget():
    counts = [5, 50, 7, 48, 6, 49]
    batches = list(iter_batches(counts, max_batch_size=2, max_batch_tokens=100))
    assert sorted(index for batch in batches for index in batch) == list(range(6))
    assert batches[0] == [1, 5]
    for batch in batches:
        assert len(batch) <= 2
        assert len(batch) * max(counts[index] for index in batch) <= 100


@pytest.mark.parametrize(
    ("prefix", "continuation", "expected"),
    [
        ("Minister", "said.", "Minister said."),
        ("Minister", ", he said.", "Minister, he said."),
        ("", "Hello.", "Hello."),
        ("Minister ", "", "Minister"),
    ],
)
def test_join_prefix(prefix, continuation, expected):
    assert join_prefix(prefix, continuation) == expected


@pytest.mark.parametrize(
    ("prefix_length", "source_length", "room", "expected"),
    [
        (0, 10, 400, 20),  # a first pass: the plain cap, 1.0 x 10 + 10
        (5, 10, 400, 20),  # the prefix counts against the same cap
        (18, 10, 400, 26),  # a prefix near the cap still leaves room to finish the sentence
        (30, 10, 400, 38),
        (24, 10, 32, 32),  # never beyond the model's positions
    ],
)
def test_a_forced_prefix_counts_against_the_output_cap(
    prefix_length, source_length, room, expected
):
    settings = GenerationSettings(max_length_ratio=1.0, max_length_margin=10)
    assert prefix_fits(prefix_length, room)
    assert prefixed_cap(prefix_length, source_length, settings, room) == expected


@pytest.mark.parametrize(("prefix_length", "room"), [(25, 32), (32, 32), (40, 32), (600, 510)])
def test_a_prefix_that_leaves_no_room_to_finish_is_never_decoded(prefix_length, room):
    settings = GenerationSettings(max_length_ratio=1.0, max_length_margin=10)
    assert not prefix_fits(prefix_length, room)
    with pytest.raises(ValueError, match="leaves no room"):
        prefixed_cap(prefix_length, 10, settings, room)
