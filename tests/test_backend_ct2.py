"""The CTranslate2 backend: same results as transformers, local cached conversion, light start-up.

The contract tests in test_backends.py run on this backend too; these tests pin what is
specific to it. CTranslate2 in float32 with greedy search computes what transformers computes,
so on the tiny models the two backends must agree word for word, prefixes and per-sentence
length caps included.
"""

import json
import random
import re
import subprocess
import sys
import warnings

import pytest

from songngu.backends import GenerationSettings, load_backend
from songngu.backends import conversion as conversion_module
from songngu.backends.hardware import thread_split
from songngu.backends.hub import locate_model
from songngu.backends.presets import MARIAN, MBART, NLLB, T5
from songngu.backends.tokenization import load_codec
from songngu.cli import main
from songngu.errors import BackendError
from songngu.installation import install_command
from tiny_models import VIETNAMESE_LINES

pytest.importorskip("ctranslate2")

SOURCES = [
    "Bộ trưởng Bộ Công an làm việc với tỉnh Quảng Ninh.",
    "Tăng trưởng đạt 10,3%.",
    "Hội nghị có hơn 1.000 doanh nghiệp tham dự, trong đó nhiều doanh nghiệp nước ngoài.",
    "Mưa lớn.",
]
PREFIXES = ["Minister of Public Security", "", "Ω-Team Đặng", "The"]
ODD_TEXTS = ["", "  hai  khoảng   trắng ", "a\tb\nc", "Ω-Team Đặng ½ ﬁ", ">>eng<< Xin chào."]


def _settings(model: str, **options) -> GenerationSettings:
    return GenerationSettings(model=model, max_length_ratio=0.5, max_length_margin=2, **options)


@pytest.mark.model
@pytest.mark.parametrize("model", ["opus-mt", "nllb-600m", "vinai-vi2en", "envit5"])
def test_float32_greedy_agrees_with_transformers_word_for_word(hub_cache, songngu_cache, model):
    settings = _settings(model, num_beams=1, precision="float32")
    ct2 = load_backend("ct2", settings)
    reference = load_backend("transformers", settings)
    # One batch holds sentences of different lengths, so each row must stop at its own cap.
    assert ct2.translate(SOURCES) == reference.translate(SOURCES)
    assert ct2.translate_with_prefix(SOURCES, PREFIXES) == reference.translate_with_prefix(
        SOURCES, PREFIXES
    )


@pytest.mark.model
@pytest.mark.parametrize("model", ["opus-mt", "nllb-600m", "vinai-vi2en", "envit5"])
def test_token_counts_match_transformers(hub_cache, songngu_cache, model):
    texts = [*VIETNAMESE_LINES, *ODD_TEXTS]
    ct2 = load_backend("ct2", _settings(model))
    reference = load_backend("transformers", _settings(model, precision="float32"))
    assert ct2.count_tokens(texts) == reference.count_tokens(texts)


@pytest.mark.model
@pytest.mark.parametrize(
    ("repo", "family"), [("marian", MARIAN), ("nllb", NLLB), ("mbart", MBART), ("t5", T5)]
)
def test_decoding_matches_transformers_on_any_pieces(hub_cache, repo, family):
    from transformers import AutoTokenizer

    location = locate_model(getattr(hub_cache, f"{repo}_repo_id"))
    codec = load_codec(location.path, family)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Recommended: pip install sacremoses")
        tokenizer = AutoTokenizer.from_pretrained(location.path)
    generator = random.Random(6)
    for _ in range(200):
        ids = [generator.randrange(len(tokenizer)) for _ in range(generator.randrange(1, 25))]
        pieces = tokenizer.convert_ids_to_tokens(ids)
        assert codec.decode(pieces) == tokenizer.decode(ids, skip_special_tokens=True)


@pytest.mark.model
def test_conversion_is_cached_by_model_revision_and_quantization(
    hub_cache, songngu_cache, monkeypatch
):
    load_backend("ct2", _settings("opus-mt", precision="int8"))
    folder = songngu_cache / "ct2" / "Helsinki-NLP--opus-mt-vi-en"
    assert (folder / "0123456789abcdef0123456789abcdef01234567-int8" / "model.bin").is_file()

    def refuse(*args):
        raise AssertionError("converted again")

    monkeypatch.setattr(conversion_module, "_convert", refuse)
    backend = load_backend("ct2", _settings("opus-mt", precision="int8"))
    assert backend.signature().endswith("|beams:4|precision:int8")
    assert not [path for path in folder.iterdir() if path.name.startswith(".")]


@pytest.mark.model
def test_a_damaged_cache_entry_is_converted_again(hub_cache, songngu_cache):
    location = locate_model("opus-mt")
    target = conversion_module.converted_model_folder(location, "float32")
    load_backend("ct2", _settings("opus-mt", precision="float32"))
    (target / "model.bin").unlink()
    backend = load_backend("ct2", _settings("opus-mt", precision="float32", num_beams=1))
    assert (target / "model.bin").is_file()
    assert backend.translate(["Xin chào."])[0].text


@pytest.mark.model
def test_a_conversion_finished_by_another_run_meanwhile_is_kept(
    hub_cache, songngu_cache, monkeypatch
):
    location = locate_model("opus-mt")
    original = conversion_module._convert

    def convert_while_another_run_finishes(location, output, quantization):
        original(location, output, quantization)
        target = conversion_module.converted_model_folder(location, quantization)
        original(location, target, quantization)

    monkeypatch.setattr(conversion_module, "_convert", convert_while_another_run_finishes)
    folder = conversion_module.converted_model(location, "int8_float32")
    assert (folder / "model.bin").is_file()
    assert [path.name for path in folder.parent.iterdir() if path.name.startswith(".")] == []


def test_missing_ctranslate2_names_the_extra(hub_cache, monkeypatch):
    monkeypatch.setitem(sys.modules, "ctranslate2", None)
    # The command fits how songngu is installed (tests/test_installation.py has each kind).
    with pytest.raises(
        BackendError, match=re.escape(f"install it with: {install_command('fast')}.")
    ):
        load_backend("ct2", GenerationSettings())


@pytest.mark.model
def test_a_precision_the_device_lacks_lists_the_available_ones(hub_cache, songngu_cache):
    with pytest.raises(BackendError, match=r"use auto, .*int8"):
        load_backend("ct2", _settings("opus-mt", precision="float16", device="cpu"))


@pytest.mark.parametrize(
    ("threads", "device", "expected"),
    [
        (2, "cpu", (2, 1)),
        (1, "cpu", (1, 1)),
        (8, "cpu", (4, 2)),
        (3, "cpu", (3, 1)),
        (4, "cuda", (1, 4)),
    ],
)
def test_threads_go_to_parallel_batches_first(threads, device, expected):
    assert thread_split(threads, device) == expected


@pytest.mark.model
def test_translating_imports_neither_torch_nor_transformers(hub_cache, songngu_cache):
    load_backend("ct2", _settings("opus-mt"))  # converts, which does need them
    code = (
        "import sys\n"
        "from songngu.backends import GenerationSettings, load_backend\n"
        "backend = load_backend('ct2', GenerationSettings(max_length_ratio=0.5))\n"
        "assert backend.translate(['Xin chào.'])[0].text\n"
        "sys.exit(int(any(name in sys.modules for name in ('torch', 'transformers'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _translate_json(capsys, article, out_dir, backend):
    glossary = out_dir.parent / "terms.tsv"
    glossary.write_text(
        "vi\ten\ttype\nBộ Công an\tMinistry of Public Security\tministry\n", encoding="utf-8"
    )
    arguments = [
        *("translate", str(article), "-o", str(out_dir), "-f", "json,md,docx"),
        *("--backend", backend, "--beams", "1", "--precision", "float32"),
        *("--max-length-ratio", "0.5", "-g", str(glossary)),
    ]
    with pytest.raises(SystemExit) as raised:
        main(arguments)
    assert raised.value.code == 0, capsys.readouterr().err
    document = json.loads((out_dir / f"{article.stem}.vi-en.json").read_text(encoding="utf-8"))
    document.pop("signature")
    document["meta"].pop("backend")
    return document


@pytest.mark.model
def test_the_whole_pipeline_gives_the_same_document_on_both_backends(
    capsys, hub_cache, songngu_cache, tmp_path
):
    article = tmp_path / "bai.txt"
    article.write_text(
        "Bộ Công an họp báo\n\nSáng nay, Bộ Công an thông tin về vụ án. "
        "Đại diện Bộ Công an cho biết đã bắt ba đối tượng, thu giữ 1.200 mét khối cát.\n\n"
        "Theo Báo Mới\n",
        encoding="utf-8",
    )
    ct2 = _translate_json(capsys, article, tmp_path / "ct2", "ct2")
    reference = _translate_json(capsys, article, tmp_path / "transformers", "transformers")
    assert ct2 == reference
    segments = [segment for block in ct2["blocks"] for segment in block["segments"]]
    terms = [term for segment in segments for term in segment["terms"]]
    assert len(terms) == 3
    assert all(term["enforced"] for term in terms)
