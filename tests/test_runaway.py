"""A misbehaving model never crashes a run: runaway outputs, limits that bite, backends that raise.

The runaway models (``tests/tiny_models.py``) never write end-of-sentence and have 64 positions,
so every first output runs to its cap and every forced glossary prefix near the end of a long
sentence would overrun the position table if the limits were not respected.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import scripted
from corpus import assert_complete_outputs, assert_one_line_error, expected_document, run_main
from songngu.backends import BACKENDS

# Terms of the shipped glossary and personal names, put at the end of long sentences, where a
# forced prefix is longest.
TERMS = (
    "Bộ trưởng Bộ Công an",
    "Chủ tịch UBND tỉnh Quảng Ninh",
    "Ủy ban Thường vụ Quốc hội",
    "Thủ tướng Chính phủ",
    "Sở Y tế TP.HCM",
    "Bộ Kế hoạch và Đầu tư",
)
NAMES = ("Nguyễn Văn Hùng", "Trần Thị Mai", "Lê Quốc Khánh")
FILLER = [
    "người",
    "dân",
    "thành",
    "phố",
    "mừng",
    "vì",
    "có",
    "thêm",
    "tuyến",
    "đường",
    "mới",
    "chạy",
    "dọc",
    "bờ",
    "biển",
    "mỗi",
    "ngày",
    "và",
    "các",
    "doanh",
    "nghiệp",
    "được",
    "hỗ",
    "trợ",
    "mở",
    "rộng",
    "sản",
    "xuất",
    "trong",
    "năm",
    "tới",
    "theo",
    "kế",
    "hoạch",
    "đã",
    "được",
    "phê",
    "duyệt",
]


def long_sentence(number: int, num_words: int = 60) -> str:
    """A sentence of ``num_words`` filler words that ends on a term and a name."""
    words = [FILLER[(number + index) % len(FILLER)] for index in range(num_words)]
    term, name = TERMS[number % len(TERMS)], NAMES[number % len(NAMES)]
    return f"Theo {' '.join(words)}, {term} {name} cho biết."


def article(num_sentences: int = 4) -> str:
    sentences = [long_sentence(number) for number in range(num_sentences)]
    return "Tin vắn\n\n" + " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:]) + "\n"


def assert_every_term_rendered_or_flagged(json_path: Path) -> None:
    document = json.loads(json_path.read_text(encoding="utf-8"))
    segments = [segment for block in document["blocks"] for segment in block["segments"]]
    for segment in segments:
        codes = {issue["code"] for issue in segment["issues"]}
        for term in segment["terms"]:
            assert term["enforced"] or "term-missing" in codes, (segment["id"], term)


@pytest.fixture
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.mark.model
@pytest.mark.usefixtures("_in_tmp")
@pytest.mark.parametrize("model", ["opus-mt", "nllb-600m"])
@pytest.mark.parametrize("backend", ["transformers", "ct2"])
@pytest.mark.parametrize("retry", [True, False])
def test_runaway_outputs_end_in_complete_files(runaway_hub_cache, capsys, model, backend, retry):
    path = Path("article.txt")
    path.write_text(article(), encoding="utf-8")
    options = ["-m", model, "--backend", backend, "-f", "docx,md,json", "--no-memory"]
    code, _, err = run_main(
        ["translate", *options, *([] if retry else ["--no-retry"]), str(path)], capsys
    )
    assert code == 0, err
    assert "Traceback" not in err
    assert_complete_outputs(expected_document(path), Path("output"))
    assert_every_term_rendered_or_flagged(Path("output/article.vi-en.json"))


@st.composite
def runaway_articles(draw) -> str:
    """Paragraphs of sentences of any length, with terms and names anywhere, often at the end."""
    paragraphs = []
    for _ in range(draw(st.integers(1, 4))):
        sentences = []
        for _ in range(draw(st.integers(1, 3))):
            words = draw(st.lists(st.sampled_from(FILLER), min_size=1, max_size=90))
            extras = draw(st.lists(st.sampled_from(TERMS + NAMES), max_size=3))
            position = draw(st.integers(0, len(words)))
            words[position:position] = extras
            sentences.append(" ".join(words) + draw(st.sampled_from([".", "!", "?", ""])))
        paragraphs.append(" ".join(sentences))
    return "\n\n".join(paragraphs) + "\n"


@pytest.mark.model
@pytest.mark.usefixtures("_in_tmp")
@pytest.mark.parametrize("model", ["opus-mt", "nllb-600m"])
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=runaway_articles(), retry=st.booleans())
def test_any_article_through_a_runaway_model_is_complete_or_refused(
    runaway_hub_cache, capsys, model, text, retry
):
    path = Path("random.txt")
    path.write_text(text, encoding="utf-8")
    options = ["-m", model, "--backend", "ct2", "-f", "md,json", "--no-memory", "--force"]
    code, _, err = run_main(
        ["translate", *options, *([] if retry else ["--no-retry"]), str(path)], capsys
    )
    if code != 0:
        assert_one_line_error(code, err, "random.txt")
        return
    assert "Traceback" not in err
    assert_complete_outputs(expected_document(path), Path("output"), ("md", "json"))
    assert_every_term_rendered_or_flagged(Path("output/random.vi-en.json"))


@pytest.mark.usefixtures("_in_tmp")
@pytest.mark.parametrize(
    ("failure", "message"),
    [
        (RuntimeError("CUDA error: device-side assert triggered"), "the model failed"),
        (scripted.OutOfMemoryError("CUDA out of memory."), "lower --batch-size or --beams"),
        (MemoryError(), "ran out of memory"),
    ],
)
def test_a_backend_that_raises_ends_its_file_in_one_line_and_the_others_go_on(
    capsys, monkeypatch, failure, message
):
    files = [Path(f"{name}.txt") for name in ("a", "b", "c")]
    sentences = ["Trời nắng đẹp.", "Bão số 3 sắp đổ bộ.", "Mưa to."]
    for path, sentence in zip(files, sentences, strict=True):
        path.write_text(f"Tin vắn\n\n{sentence} Người dân được sơ tán.\n", encoding="utf-8")
    monkeypatch.setattr(scripted.FailingBackend, "failure", failure)
    monkeypatch.setitem(BACKENDS, "fake", "scripted:FailingBackend")
    code, _out, err = run_main(["translate", "--dry-run", "-f", "md", *map(str, files)], capsys)
    assert code == 1
    assert "Traceback" not in err
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, err
    assert errors[0].startswith("Error: b.txt: "), errors[0]
    assert message in errors[0], errors[0]
    assert "b2.s1" in errors[0], errors[0]
    assert "sentences are saved in" in errors[0], errors[0]
    assert Path("output/a.vi-en.md").is_file()
    assert Path("output/c.vi-en.md").is_file()
    assert not Path("output/b.vi-en.md").exists()
    assert "3 files: 2 translated, 1 failed" in err


@pytest.mark.usefixtures("_in_tmp")
def test_debug_shows_the_traceback_of_a_backend_failure(capsys, monkeypatch):
    Path("b.txt").write_text("Tin vắn\n\nBão số 3 sắp đổ bộ.\n", encoding="utf-8")
    monkeypatch.setattr(scripted.FailingBackend, "failure", RuntimeError("broken kernel"))
    monkeypatch.setitem(BACKENDS, "fake", "scripted:FailingBackend")
    code, _, err = run_main(["--debug", "translate", "--dry-run", "-f", "md", "b.txt"], capsys)
    assert code == 1
    assert "Traceback" in err
    assert "RuntimeError: broken kernel" in err
    assert err.rstrip().splitlines()[-1].startswith("Error: b.txt: the model failed")
