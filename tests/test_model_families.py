"""VinAI's mBART and EnViT5's T5: family rules, detection, both backends, and the whole CLI run.

The tiny models (tests/tiny_families.py) are laid out like vinai/vinai-translate-vi2en-v2 and
VietAI/envit5-translation and served offline from the temporary hub cache under those ids.
"""

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from songngu.backends import GenerationSettings, load_backend
from songngu.backends.presets import (
    CARDS,
    MARIAN,
    MBART,
    MBART50,
    NLLB,
    PRESETS,
    T5,
    family_for,
    family_of_config,
    licence_notice,
)
from songngu.cli import main
from songngu.errors import BackendError
from tiny_families import MBART_REPO_ID, T5_REPO_ID
from tiny_models import FAKE_COMMIT, VIETNAMESE_LINES

FAMILY_PRESETS = [("vinai-vi2en", MBART_REPO_ID), ("envit5", T5_REPO_ID)]
ENGINES = ["transformers", "ct2"]


@pytest.mark.parametrize(
    ("model_type", "tokenizer_class", "family"),
    [
        ("marian", None, MARIAN),
        ("m2m_100", "NllbTokenizer", NLLB),
        ("mbart", "MBartTokenizer", MBART),
        ("mbart", None, MBART),
        ("mbart", "MBart50Tokenizer", MBART50),
        ("t5", None, T5),
        ("mt5", "T5Tokenizer", T5),
        ("bart", None, MARIAN),
    ],
)
def test_family_is_read_from_model_type_and_tokenizer_class(model_type, tokenizer_class, family):
    assert family_for(model_type, tokenizer_class) is family
    config = {"model_type": model_type, "tokenizer_class": tokenizer_class}
    assert family_of_config(config) is family


@pytest.mark.parametrize(
    ("family", "expected"),
    [
        (MARIAN, ["▁Mưa", "</s>"]),
        (NLLB, ["vie_Latn", "▁Mưa", "</s>"]),
        (MBART, ["▁Mưa", "</s>", "vi_VN"]),
        (MBART50, ["vi_VN", "▁Mưa", "</s>"]),
        (T5, ["▁Mưa", "</s>"]),
    ],
)
def test_source_is_framed_with_the_language_code_where_the_family_puts_it(family, expected):
    assert family.frame_source(["▁Mưa"], "</s>") == expected


@pytest.mark.parametrize(
    ("family", "text", "expected"),
    [
        (T5, "en: The minister said.", "The minister said."),
        (T5, "  en:The minister", "The minister"),
        (T5, "Men: the talks", "Men: the talks"),
        (T5, "The en: code", "The en: code"),
        (MARIAN, "en: kept", "en: kept"),
    ],
)
def test_only_a_leading_model_prefix_is_stripped(family, text, expected):
    assert family.strip_target(text) == expected


@pytest.mark.parametrize(
    ("family", "prefix", "expected"),
    [(T5, "", "en:"), (T5, "Minister of", "en: Minister of"), (MBART, "Minister", "Minister")],
)
def test_a_forced_glossary_prefix_comes_after_the_model_prefix(family, prefix, expected):
    assert family.forced_target_text(prefix) == expected


def test_t5_sources_carry_the_task_prefix():
    assert T5.source_text("Mưa lớn.") == "vi: Mưa lớn."
    assert MBART.source_text("Mưa lớn.") == "Mưa lớn."


def test_presets_name_the_real_repositories():
    assert PRESETS["vinai-vi2en"] == MBART_REPO_ID
    assert PRESETS["envit5"] == T5_REPO_ID
    assert PRESETS["opus-mt"] == "Helsinki-NLP/opus-mt-vi-en"


def _settings(model: str) -> GenerationSettings:
    return GenerationSettings(model=model, max_length_ratio=0.5, max_length_margin=2, num_beams=1)


def _engine(name: str):
    if name == "ct2":
        pytest.importorskip("ctranslate2")
    return name


@pytest.mark.model
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("repo", "family"), [(MBART_REPO_ID, MBART), (T5_REPO_ID, T5)])
def test_family_is_detected_from_a_local_folder(tiny_model_dirs, engine, repo, family):
    folder = tiny_model_dirs[repo]
    backend = load_backend(_engine(engine), _settings(str(folder)))
    assert backend.family is family
    assert f"|model:{folder.resolve()}@" in backend.signature()
    assert backend.translate(["Mưa lớn."])[0].text


@pytest.mark.model
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("preset", "repo"), FAMILY_PRESETS)
def test_signature_names_the_model_and_its_revision(hub_cache, engine, preset, repo):
    backend = load_backend(_engine(engine), _settings(preset))
    assert f"backend:{engine}|model:{repo}@{FAKE_COMMIT}|" in backend.signature()


@pytest.mark.model
@pytest.mark.parametrize("engine", ENGINES)
def test_t5_target_never_starts_with_its_model_prefix(hub_cache, engine):
    backend = load_backend(_engine(engine), _settings("envit5"))
    sources = list(VIETNAMESE_LINES[:6])
    plain = backend.translate(sources)
    prefixed = backend.translate_with_prefix(sources, ["Minister", "", "The", "", "Ω", ""])
    for translation in [*plain, *prefixed]:
        assert not translation.text.lstrip().lower().startswith("en:"), translation
    assert [t.text.split()[0] for t in prefixed[::2]] == ["Minister", "The", "Ω"]


def _run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as raised:
        main(list(args))
    captured = capsys.readouterr()
    return raised.value.code, captured.out, captured.err


@pytest.mark.model
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("preset", "repo"), FAMILY_PRESETS)
def test_translate_runs_end_to_end_with_every_term_rendered_or_flagged(
    capsys, hub_cache, sample_article, tmp_path, engine, preset, repo
):
    code, _, err = _run(
        capsys,
        "translate",
        str(sample_article),
        "-o",
        str(tmp_path),
        "-f",
        "json,md",
        "-m",
        preset,
        "--backend",
        _engine(engine),
        "--max-length-ratio",
        "0.5",
        "--beams",
        "1",
    )
    assert code == 0, err
    licence_notes = [line for line in err.splitlines() if "AGPL-3.0" in line]
    assert len(licence_notes) == (1 if preset == "vinai-vi2en" else 0)
    data = json.loads((tmp_path / "bao-cao-kinh-te.vi-en.json").read_text(encoding="utf-8"))
    assert f"backend:{engine}|model:{repo}@{FAKE_COMMIT}" in data["signature"]
    segments = [segment for block in data["blocks"] for segment in block["segments"]]
    terms = [(segment, term) for segment in segments for term in segment["terms"]]
    assert terms, "the sample article holds shipped glossary terms"
    for segment, term in terms:
        codes = {issue["code"] for issue in segment["issues"]}
        assert (term["enforced"] and term["target"] in segment["target"]) or (
            "term-missing" in codes
        ), (term, segment["target"])
    assert all(not segment["target"].lower().startswith("en:") for segment in segments)


@pytest.mark.parametrize(
    ("model", "licence"),
    [
        ("vinai-vi2en", "AGPL-3.0"),
        ("vinai/vinai-translate-vi2en-v2", "AGPL-3.0"),
        ("nllb-600m", "CC-BY-NC-4.0"),
        ("facebook/nllb-200-distilled-1.3B", "CC-BY-NC-4.0"),
    ],
)
def test_restricted_licences_are_named_for_preset_and_hub_id(model, licence):
    notice = licence_notice(model)
    assert licence in notice
    assert "\n" not in notice


@pytest.mark.parametrize("model", ["opus-mt", "envit5", "someone/other-model", "./folder"])
def test_other_models_get_no_licence_note(model):
    assert licence_notice(model) == ""


def test_translate_help_names_every_preset_with_its_licence(capsys):
    code, out, _ = _run(capsys, "translate", "--help")
    assert code == 0
    flat = " ".join(out.split())
    for card in CARDS:
        assert f"{card.name} ({card.licence})" in flat


def test_models_list_shows_family_size_licence_and_a_sourced_score(hub_cache, capsys):
    code, out, _ = _run(capsys, "models", "list")
    assert code == 0
    for card in CARDS:
        row = next(line for line in out.splitlines() if line.startswith(f"{card.name} "))
        for value in (card.model_id, card.family, card.parameters, card.disk_size, card.licence):
            assert value in row
        assert f"quality: {card.quality} ({card.quality_source})" in out
    assert f"cached ({FAKE_COMMIT[:12]})" in out


def test_readme_model_table_mirrors_the_preset_cards():
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Choosing a model") :]
    for card in CARDS:
        row = next(line for line in table.splitlines() if line.startswith(f"| `{card.name}`"))
        for value in (card.model_id, card.family, card.parameters, card.disk_size, card.licence):
            assert value in row, (card.name, value)
        assert card.quality_source in row


@pytest.mark.model
@pytest.mark.parametrize("engine", ENGINES)
def test_a_bare_sentencepiece_tokenizer_without_protobuf_names_the_fix(
    tiny_model_dirs, tmp_path, engine
):
    pytest.importorskip("ctranslate2")
    if importlib.util.find_spec("google") and importlib.util.find_spec("google.protobuf"):
        pytest.skip("protobuf is installed: the real layout loads")
    # The real repository's layout: config, weights and sentencepiece.bpe.model only.
    folder = tmp_path / "vinai-as-published"
    shutil.copytree(tiny_model_dirs[MBART_REPO_ID], folder)
    for name in ("tokenizer.json", "tokenizer_config.json"):
        (folder / name).unlink()
    with pytest.raises(BackendError) as raised:
        load_backend(engine, _settings(str(folder)))
    assert "needs: pip install protobuf" in str(raised.value)
    assert "--backend transformers" not in str(raised.value)


@pytest.mark.model
@pytest.mark.parametrize("engine", ENGINES)
def test_the_published_vinai_layout_loads_with_protobuf(tiny_model_dirs, tmp_path, engine):
    """protobuf is a dependency: the repository as VinAI publishes it (no tokenizer.json) loads."""
    pytest.importorskip("ctranslate2")
    pytest.importorskip("google.protobuf")
    folder = tmp_path / "vinai-as-published"
    shutil.copytree(tiny_model_dirs[MBART_REPO_ID], folder)
    for name in ("tokenizer.json", "tokenizer_config.json"):
        (folder / name).unlink()
    backend = load_backend(engine, _settings(str(folder)))
    assert backend.translate(["Mưa lớn ở Hà Nội."])[0].text is not None
