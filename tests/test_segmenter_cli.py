"""``songngu segment``: the text contract the held-out check parses, and ``--json``."""

from __future__ import annotations

import io
import json
import sys
import unicodedata
from pathlib import Path

import pytest

from songngu.cli import main

ARTICLE = (
    "Quảng Ninh đón 1.000 nhà đầu tư\n\n"
    "QUẢNG NINH - Sáng 12/3/2024, tỉnh tổ chức hội nghị xúc tiến đầu tư.\n\n"
    "Phát biểu tại TP. Hạ Long, PGS.TS. Lê Văn Bình cho biết tăng trưởng đạt 10,3%. "
    "Tỉnh đặt mục tiêu thu hút 2,5 tỷ USD.\n\n"
    "Toàn cảnh hội nghị (Ảnh: Minh Anh)\n\n"
    "Theo Báo Quảng Ninh\n"
)


def run(capsys: pytest.CaptureFixture[str], *arguments: str) -> str:
    with pytest.raises(SystemExit) as raised:
        main(["segment", *arguments])
    captured = capsys.readouterr()
    assert raised.value.code == 0, captured.err
    return captured.out


def test_one_sentence_per_line_and_a_blank_line_between_blocks(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bai.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    assert run(capsys, str(path)) == (
        "Quảng Ninh đón 1.000 nhà đầu tư\n\n"
        "QUẢNG NINH - Sáng 12/3/2024, tỉnh tổ chức hội nghị xúc tiến đầu tư.\n\n"
        "Phát biểu tại TP. Hạ Long, PGS.TS. Lê Văn Bình cho biết tăng trưởng đạt 10,3%.\n"
        "Tỉnh đặt mục tiêu thu hút 2,5 tỷ USD.\n\n"
        "Toàn cảnh hội nghị (Ảnh: Minh Anh)\n\n"
        "Theo Báo Quảng Ninh\n"
    )


def test_standard_input_is_read_with_a_dash(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO("Câu một. Câu hai.\nDòng ba".encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    assert run(capsys, "-") == "Câu một.\nCâu hai.\nDòng ba\n"


def test_json_gives_kinds_date_and_offsets_into_the_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bai.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    data = json.loads(run(capsys, str(path), "--json"))
    assert [block["kind"] for block in data["blocks"]] == [
        "headline", "lead", "paragraph", "caption", "byline"
    ]  # fmt: skip
    assert data["date"] == "2024-03-12"
    for block in data["blocks"]:
        for segment in block["segments"]:
            assert ARTICLE[segment["start"] : segment["end"]] == segment["text"]


def test_json_offsets_point_into_decomposed_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = unicodedata.normalize("NFD", "Ông về Đà Nẵng. Trời mưa.")
    path = tmp_path / "nfd.txt"
    path.write_text(text, encoding="utf-8")
    segments = json.loads(run(capsys, str(path), "--json"))["blocks"][0]["segments"]
    assert [text[s["start"] : s["end"]] for s in segments] == [
        unicodedata.normalize("NFD", "Ông về Đà Nẵng."),
        unicodedata.normalize("NFD", "Trời mưa."),
    ]


def test_a_missing_file_is_a_one_line_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["segment", str(tmp_path / "khong-co.txt")])
    assert raised.value.code == 1
    assert capsys.readouterr().err.startswith("Error: ")


def test_a_file_without_a_suffix_is_read_as_plain_text(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "muc-42"
    path.write_text("Ông về TP.HCM. Trời mưa.", encoding="utf-8")
    assert run(capsys, str(path)) == "Ông về TP.HCM.\nTrời mưa.\n"
