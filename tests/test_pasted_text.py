"""Text pasted from the web and from Word: invisible characters and control codes.

Zero-width spaces, soft hyphens, joiners, word joiners, byte-order marks and direction marks
never stop a glossary term or a name from matching and never reach an output; Word's vertical
tab (manual line break) and form feed (page break) are breaks; other control codes are removed
with one warning; only real evidence (NULs, magic numbers, dense control codes) makes a file
binary. Every article here runs through the CLI entry point (``run_main``), as in
``test_bad_inputs.py``.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corpus import (
    ARTICLE,
    article_docx,
    assert_one_line_error,
    encode_cp1258,
    make_docx,
    paragraph_xml,
    run_main,
)
from songngu.glossary import load_glossary
from songngu.glossary.report import match_source, terms_to_records
from songngu.readers import load_source
from songngu.readers.invisible import INVISIBLE, remove_invisible
from songngu.readers.validation import clean_text

OPTIONS = ["--dry-run", "-f", "docx,md,json"]
# What no output may hold: every invisible character and every control code but tab and LF.
FORBIDDEN = re.compile(f"[{''.join(INVISIBLE)}\x00-\x08\x0b-\x1f\x7f-\x9f]")
TERM = "Bộ Kế hoạch và Đầu tư"
NAME = "Phạm Minh Chính"
PASTED = (
    "Thủ tướng tiếp doanh nghiệp Nhật Bản\n\n"
    "Hà Nội, ngày 12/3/2024 – Chiều nay, Thủ tướ\u00adng Phạm\u200bMinh Chính đã tiếp đoàn "
    "doanh nghiệp Nhật Bản cùng lãnh đạo Bộ Kế\u200b hoạch và Đầu tư. Ông Nguyễn\u2060 Chí "
    "Dũng\u200d cho biết Bộ\u200c Tài chính\ufeff sẽ phối hợp chặt chẽ.\n"
)
WORD_PASTE = (
    "Đà Nẵng mở thêm tuyến xe buýt ven biển\f"
    "Sáng 25/11/2026, Sở Giao thông vận tải thành phố Đà Nẵng cho biết\vsẽ mở thêm hai tuyến "
    "xe buýt chạy dọc bờ biển.\a Mỗi ngày có khoảng 1.200 lượt khách đi lại trên các tuyến này."
    "\x1b\n"
)


@pytest.fixture(autouse=True)
def no_user_glossary(tmp_path, monkeypatch):
    """Match with the shipped glossary only, never the user's own file."""
    monkeypatch.setenv("SONGNGU_USER_GLOSSARY", str(tmp_path / "no-user-glossary.tsv"))


def translate(capsys, path: Path, *options: str) -> tuple[int, str, Path]:
    """Run ``songngu translate PATH --dry-run`` into a folder of its own; return code and stderr."""
    output_dir = path.parent / "out"
    code, _, err = run_main(
        ["translate", *OPTIONS, *options, "-o", str(output_dir), str(path)], capsys
    )
    return code, err, output_dir


def output_texts(output_dir: Path) -> dict[str, str]:
    """Return the text of every output: Markdown, JSON, and each XML part of the DOCX."""
    texts = {}
    for path in sorted(output_dir.glob("*.vi-en.*")):
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    texts[f"{path.name}/{name}"] = archive.read(name).decode("utf-8")
        else:
            texts[path.name] = path.read_text(encoding="utf-8")
    return texts


def matched_terms(output_dir: Path) -> list[tuple[str, str]]:
    """Return (Vietnamese, English) of every term in the JSON output, in order."""
    (path,) = output_dir.glob("*.vi-en.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    return [
        (term["source"], term["target"])
        for block in data["blocks"]
        for segment in block["segments"]
        for term in segment["terms"]
    ]


def assert_clean_outputs(output_dir: Path) -> None:
    texts = output_texts(output_dir)
    assert len(texts) > 3
    for name, text in texts.items():
        found = FORBIDDEN.findall(text)
        assert not found, f"{name} holds {[hex(ord(c)) for c in found]}"


# --- the rule --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pasted", "cleaned"),
    [
        # Inside a syllable, anywhere: removed.
        ("Thủ tướ\u00adng", "Thủ tướng"),
        ("tướ\u200bng", "tướng"),
        ("ng\u200bười", "người"),
        ("Ngu\u200byễn", "Nguyễn"),
        # Next to a space or punctuation: removed.
        ("Bộ Kế\u200b hoạch", "Bộ Kế hoạch"),
        ("\u200bHà Nội,\u200b", "Hà Nội,"),
        # The only thing between two syllables: a space.
        ("Phạm\u200bMinh Chính", "Phạm Minh Chính"),
        ("kế\u200bhoạch", "kế hoạch"),
        ("NGUYỄN\u200bVĂN", "NGUYỄN VĂN"),
        ("Thanh\u200bLong", "Thanh Long"),
        ("Ph\u200bạm\u200bM\u200binh", "Phạm Minh"),
        ("Thủ\u200btướng\u200bPhạm\u200bMinh\u200bChính", "Thủ tướng Phạm Minh Chính"),
        # Inside a word of another language or an abbreviation: removed.
        ("Bit\u200bcoin", "Bitcoin"),
        ("AS\u200bEAN", "ASEAN"),
        ("UB\u200bND", "UBND"),
        ("Covid\u200b-19", "Covid-19"),
        # The other invisible characters are removed wherever they are.
        ("Phạm\u2060Minh", "PhạmMinh"),
        ("Bộ\u200c Tài\u200d chính\ufeff", "Bộ Tài chính"),
        ("\u200eHà Nội\u200f \u202aĐà Nẵng\u202c", "Hà Nội Đà Nẵng"),
    ],
)
def test_invisible_characters_are_removed_or_become_a_space_between_words(pasted, cleaned):
    assert remove_invisible(pasted).text == cleaned


def test_decomposed_text_is_read_the_same_way():
    assert remove_invisible("Pha\u0323m\u200bMinh tu\u031bo\u031b\u0301\u200bng").text == (
        "Pha\u0323m Minh tu\u031bo\u031b\u0301ng"
    )


def test_clean_text_counts_what_it_removed():
    removed = clean_text(PASTED).removed
    assert removed.total == 7
    assert removed.num_spaces == 1
    assert removed.describe() == (
        "removed 7 invisible characters (byte-order mark, soft hyphen, word joiner, zero-width "
        "joiner, zero-width non-joiner, zero-width spaces; 1 between two words became a space)"
    )


# --- articles through the CLI ------------------------------------------------------------------


@pytest.mark.parametrize("invisible", sorted(set(INVISIBLE)), ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("where", ["inside a word", "before a space"])
def test_each_invisible_character_leaves_terms_and_names_matching(
    capsys, caplog, tmp_path, invisible, where
):
    def spoil(text: str) -> str:
        if where == "inside a word":
            return text.replace("hoạch", f"hoạ{invisible}ch").replace("Chính", f"Chí{invisible}nh")
        return text.replace("Kế ", f"Kế{invisible} ").replace("Minh ", f"Minh{invisible} ")

    sentence = f"Ngày 12/3/2024, ông {NAME} làm việc với lãnh đạo {TERM} tại Hà Nội.\n"
    path = tmp_path / "a.txt"
    path.write_text(spoil(sentence), encoding="utf-8")
    code, err, output_dir = translate(capsys, path)
    assert code == 0, err
    assert "removed 2 invisible characters" in caplog.text
    terms = matched_terms(output_dir)
    assert (NAME, "Pham Minh Chinh") in terms
    assert any(TERM in source for source, _ in terms), terms
    assert_clean_outputs(output_dir)


def test_pasted_article_matches_like_the_clean_one(capsys, caplog, tmp_path):
    (tmp_path / "pasted").mkdir()
    (tmp_path / "clean").mkdir()
    pasted, clean = tmp_path / "pasted" / "a.txt", tmp_path / "clean" / "a.txt"
    pasted.write_text(PASTED, encoding="utf-8")
    clean.write_text(clean_text(PASTED).text, encoding="utf-8")
    code, err, pasted_out = translate(capsys, pasted)
    assert code == 0, err
    assert "a.txt: removed 7 invisible characters" in caplog.text
    assert translate(capsys, clean)[0] == 0
    terms = matched_terms(pasted_out)
    assert terms == matched_terms(clean.parent / "out")
    assert ("Thủ tướng", "Prime Minister") in terms
    assert (NAME, "Pham Minh Chinh") in terms
    assert ("Nguyễn Chí Dũng", "Nguyen Chi Dung") in terms
    assert ("Bộ Tài chính", "Ministry of Finance") in terms
    assert_clean_outputs(pasted_out)


def test_text_copied_out_of_word_is_translated_with_one_warning(capsys, caplog, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(WORD_PASTE, encoding="utf-8")
    code, err, output_dir = translate(capsys, path)
    assert code == 0, err
    warnings = [record.getMessage() for record in caplog.records if record.levelname == "WARNING"]
    assert warnings == [f"{path}: removed 2 control characters (BEL, ESC)."]
    assert_clean_outputs(output_dir)
    code, out, _ = run_main(["segment", str(path)], capsys)
    # The form feed is a paragraph break: the headline is a block of its own.
    assert out.startswith("Đà Nẵng mở thêm tuyến xe buýt ven biển\n\nSáng 25/11/2026,")
    # The vertical tab is a line break, which always ends a sentence (docs/design/segmenter.md).
    assert "cho biết\nsẽ mở thêm" in out


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("NULs", ARTICLE.encode() + b"\x00" * 40, "NUL bytes"),
        ("NUL every few letters", b"Xin ch\x00o " * 50, "NUL bytes"),
        ("PNG", b"\x89PNG\r\n\x1a\n" + ARTICLE.encode(), "PNG image"),
        ("ZIP", article_docx(), "ZIP archive"),
        ("control codes only", b"\x01\x02\x03\x04" * 50, "control codes"),
        ("random bytes", bytes((i * 73 + 41) % 256 for i in range(4096)), "binary"),
    ],
)
def test_binary_files_are_still_refused(capsys, tmp_path, name, data, fragment):
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    code, err, _ = translate(capsys, path)
    assert_one_line_error(code, err, fragment)


def test_a_few_nuls_in_an_article_are_cleaned_not_refused(capsys, caplog, tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.replace("hai tuyến", "hai\x00 tuyến\x00").encode())
    code, err, output_dir = translate(capsys, path)
    assert code == 0, err
    assert "removed 2 control characters (NUL)" in caplog.text
    assert_clean_outputs(output_dir)


@pytest.mark.parametrize("suffix", [".md", ".txt"])
def test_markdown_and_text_readers_clean_the_same_way(capsys, tmp_path, suffix):
    path = tmp_path / f"a{suffix}"
    path.write_text("# " + PASTED.replace("\n\n", "\n\n- ", 1), encoding="utf-8")
    code, err, output_dir = translate(capsys, path)
    assert code == 0, err
    assert (NAME, "Pham Minh Chinh") in matched_terms(output_dir)
    assert_clean_outputs(output_dir)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "utf-32"])
def test_unicode_encodings_are_cleaned(capsys, tmp_path, encoding):
    path = tmp_path / "a.txt"
    path.write_bytes(PASTED.encode(encoding))
    code, err, output_dir = translate(capsys, path)
    assert code == 0, err
    assert (NAME, "Pham Minh Chinh") in matched_terms(output_dir)
    assert_clean_outputs(output_dir)


def test_a_soft_hyphen_in_a_windows_1258_file_is_removed(capsys, caplog, tmp_path):
    # Windows-1258 has the soft hyphen at 0xAD; TCVN3 seen through Windows-1252 reads it as ư,
    # which legacy repair handles before cleaning (tests/test_bad_inputs.py).
    path = tmp_path / "a.txt"
    path.write_bytes(encode_cp1258(ARTICLE.replace("Sở Giao thông", "Sở Giao thô\u00adng")))
    code, err, output_dir = translate(capsys, path)
    assert code == 0, err
    assert "removed 1 invisible character (soft hyphen)" in caplog.text
    assert "Sở Giao thông vận tải" in output_texts(output_dir)["a.vi-en.md"]
    assert_clean_outputs(output_dir)


def test_word_runs_with_soft_hyphens_and_zero_width_spaces(capsys, caplog, tmp_path):
    body = paragraph_xml("Thủ tướng tiếp doanh nghiệp", "Title")
    body += paragraph_xml(
        "Ngày 12/3/2024, Thủ tướ\u00adng Phạm\u200bMinh Chính tiếp lãnh đạo Bộ Kế\u200b hoạch "
        "và Đầu tư."
    )
    # An optional hyphen Word stores as an element, and a manual line break.
    body += (
        "<w:p><w:r><w:t>Bộ Tài chí</w:t><w:softHyphen/><w:t>nh sẽ phối hợp</w:t><w:br/>"
        "<w:t>chặt chẽ với các bộ, ngành.</w:t></w:r></w:p>"
    )
    path = tmp_path / "a.docx"
    path.write_bytes(make_docx(body))
    code, err, output_dir = translate(capsys, path)
    assert code == 0, err
    assert "removed 3 invisible characters (soft hyphen, zero-width spaces" in caplog.text
    terms = matched_terms(output_dir)
    assert ("Thủ tướng", "Prime Minister") in terms
    assert (NAME, "Pham Minh Chinh") in terms
    assert ("Bộ Tài chính", "Ministry of Finance") in terms
    assert any(TERM in source for source, _ in terms), terms
    assert_clean_outputs(output_dir)


# --- glossary files ----------------------------------------------------------------------------


def test_glossary_entries_pasted_with_invisible_characters_load_and_match(capsys, tmp_path):
    glossary = tmp_path / "mine.tsv"
    glossary.write_text(
        "vi\ten\ttype\tsource\n"
        "Sở Du lị\u00adch\tDepartment\u200b of Tourism\tagency\tpasted\n"
        "Hội\u200bđồng Thẩm\u200b định\tAppraisal Council\torganisation\tpasted\n"
        "Cục Hàng\x07 không\tCivil Aviation Authority\tagency\tpasted\n"
        "Bộ Ngoại\x0bgiao\tMinistry of Foreign Affairs\tministry\tpasted\n",
        encoding="utf-8",
    )
    article = tmp_path / "a.txt"
    article.write_text(
        "Sở Du lịch họp báo\n\nHội đồng Thẩm định, Cục Hàng không, Bộ Ngoại giao và Sở Du lịch "
        "thành phố Đà Nẵng đã họp báo chiều nay.\n",
        encoding="utf-8",
    )
    code, err, output_dir = translate(capsys, article, "--no-shipped-glossary", "-g", str(glossary))
    assert code == 0, err
    terms = set(matched_terms(output_dir))
    assert ("Sở Du lịch", "Department of Tourism") in terms
    assert ("Hội đồng Thẩm định", "Appraisal Council") in terms
    assert ("Cục Hàng không", "Civil Aviation Authority") in terms
    assert ("Bộ Ngoại giao", "Ministry of Foreign Affairs") in terms
    assert_clean_outputs(output_dir)
    code, out, _ = run_main(["glossary", "check", str(glossary)], capsys)
    assert out.splitlines() == [
        f"{glossary}:2: removed 1 invisible character (soft hyphen) from the 'vi' field.",
        f"{glossary}:2: removed 1 invisible character (zero-width space) from the 'en' field.",
        f"{glossary}:3: removed 2 invisible characters (zero-width spaces; 1 between two words "
        "became a space) from the 'vi' field.",
        f"{glossary}:4: removed 1 control character (BEL) from the 'vi' field.",
        f"{glossary}:5: the 'vi' field holds a line or page break from Word; it is read as a "
        "space.",
    ]


# --- property --------------------------------------------------------------------------------

TERMS = (
    "Thủ tướng",
    "Phạm Minh Chính",
    "Bộ Kế hoạch và Đầu tư",
    "Bộ Tài chính",
    "Ủy ban nhân dân",
    "UBND",
    "TP.HCM",
    "Hà Nội",
    "Nguyễn Chí Dũng",
    "Sở Giao thông vận tải",
    "Việt Nam",
)
FILLER = tuple(
    (  # noqa: SIM905 - a word list reads best as words
        "ngày 12/3/2024 chiều nay đã tiếp đoàn doanh nghiệp lãnh đạo cho biết sẽ phối hợp chặt "
        "chẽ với các tỉnh về kế hoạch năm tới, người dân rất vui."
    ).split()
)


@pytest.fixture(scope="module")
def glossary():
    return load_glossary()


@st.composite
def articles(draw) -> str:
    words = draw(st.lists(st.sampled_from(TERMS + FILLER), min_size=5, max_size=40))
    paragraphs = [" ".join(words[index : index + 12]) + "." for index in range(0, len(words), 12)]
    return "\n\n".join(paragraphs) + "\n"


@st.composite
def spoiled(draw, text: str) -> str:
    """Insert invisible characters anywhere, half of them between two letters of a word.

    Half of them are zero-width spaces, the one character that may become a space.
    """
    characters = st.one_of(st.just("\u200b"), st.sampled_from(sorted(INVISIBLE)))
    for invisible in draw(st.lists(characters, max_size=20)):
        inside = [index for index in range(1, len(text)) if text[index - 1 : index + 1].isalpha()]
        anywhere = st.integers(0, len(text))
        position = draw(st.sampled_from(inside) if draw(st.booleans()) else anywhere)
        text = text[:position] + invisible + text[position:]
    return text


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_invisible_characters_never_change_the_matched_terms(tmp_path_factory, glossary, data):
    article = data.draw(articles())
    folder = tmp_path_factory.mktemp("property")
    clean, pasted = folder / "clean.txt", folder / "pasted.txt"
    clean.write_text(article, encoding="utf-8")
    pasted.write_text(data.draw(spoiled(article)), encoding="utf-8")
    clean_source, pasted_source = load_source(str(clean)), load_source(str(pasted))
    assert pasted_source.text == clean_source.text
    expected = terms_to_records(match_source(glossary, clean_source))
    assert terms_to_records(match_source(glossary, pasted_source)) == expected
