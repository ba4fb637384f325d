"""The bad-input corpus: every input a newsroom might throw at ``songngu translate``.

Each case ends in one of two ways: exit 0 with complete outputs (every sentence once, in order,
paired with its own target, in every format), or exit 1 with exactly one ``Error:`` line and no
traceback. All bytes are made here. Most cases run the CLI entry point in-process; a
representative subset runs the installed command in a subprocess.
"""

from __future__ import annotations

import codecs
import io
import os
import random
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from corpus import (
    ARTICLE,
    HEADLINE,
    PARAGRAPHS,
    article_docx,
    assert_complete_outputs,
    assert_nothing_lost,
    assert_one_line_error,
    encode_cp1258,
    expected_document,
    make_docx,
    paragraph_xml,
    run_main,
)
from songngu.readers import load_source
from songngu.readers.legacy import encode_tcvn3, encode_vni, windows_1252_text
from songngu.vietnamese import strip_diacritics

FORMATS = ("docx", "md", "json")
OPTIONS = ["--dry-run", "--no-shipped-glossary", "-f", ",".join(FORMATS)]


@dataclass(frozen=True)
class Case:
    """A bad input: how to make it (files in a folder → CLI inputs) and how it must end."""

    name: str
    make: Callable[[Path], list[str]]
    error: str | None = None  # a fragment of the one error line; None: must succeed


def _file(name: str, data: bytes | str) -> Callable[[Path], list[str]]:
    def make(folder: Path) -> list[str]:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return [str(path)]

    return make


def _folder_without_articles(folder: Path) -> list[str]:
    (folder / "articles").mkdir()
    (folder / "articles" / "notes.pdf").write_bytes(b"%PDF-1.4")
    return [str(folder / "articles")]


def _folder_named_like_a_file(folder: Path) -> list[str]:
    (folder / "a.txt").mkdir()
    return [str(folder / "a.txt")]


def _dev_zero(folder: Path) -> list[str]:
    (folder / "zero.txt").symlink_to("/dev/zero")
    return [str(folder / "zero.txt")]


def _random_bytes(size: int) -> bytes:
    return random.Random(7).randbytes(size)


_LEGACY_PARAGRAPH = windows_1252_text(encode_tcvn3(PARAGRAPHS[1]))
_MARKDOWN = (
    f"# {HEADLINE}\n\n{PARAGRAPHS[0]}\n\n- {PARAGRAPHS[1]}\n\n"
    "| Tuyến | Giá vé \\| ưu đãi |\n| --- | --- |\n| Số 1 | 7.000 đồng |\n\n"
    "```\nmã <!-- b1.s1 --> không dịch\n```\n\n"
    f"Ký tự *đặc biệt* <!-- b2.s1 --> & [liên kết] \\ {PARAGRAPHS[2]}\n"
)
# A short article copied out of Word: a manual line break (vertical tab), a page break (form
# feed), a BEL and an ESC; 4 control codes in 230 characters were once taken for a binary file.
_WORD_PASTE = f"{HEADLINE}\f{PARAGRAPHS[0]}\x1b\n".replace("cho biết ", "cho biết\v", 1).replace(
    ". ", ".\a "
)
# Zero-width spaces (one between two words), a soft hyphen, joiners and a BOM, as pasted from
# the web.
_WEB_PASTE = (
    ARTICLE.replace("Giao thông", "Giao\u200bthông", 1)
    .replace("tuyến", "tuy\u00adến", 1)
    .replace("Trần Văn", "Trần\u2060 Văn\u200d", 1)
    .replace("Sơn Trà", "Sơn\u200c Trà\ufeff", 1)
    .replace("bờ biển", "bờ\u200b biển", 1)
)
_QUOTING_ENGLISH = (
    f"{PARAGRAPHS[0]}\n\nThe new routes will run every fifteen minutes from five in the "
    "morning until ten at night, the department said in a statement on Tuesday.\n"
)

CASES = [
    # Paths and folders.
    Case("missing path", lambda folder: [str(folder / "nope.txt")], "no such file"),
    Case("folder without articles", _folder_without_articles, "holds no"),
    Case("folder named a.txt", _folder_named_like_a_file, "holds no"),
    Case("unknown suffix", _file("a.xyz", ARTICLE), "cannot read '.xyz'"),
    Case("no suffix (read as text)", _file("article", ARTICLE)),
    Case("old .doc", _file("a.doc", b"\xd0\xcf\x11\xe0"), "old Word file"),
    Case("/dev/zero behind a symlink", _dev_zero, "larger than"),
    # Empty and binary.
    Case("empty file", _file("a.txt", b""), "empty"),
    Case("whitespace only", _file("a.txt", " \n\t\r\n \u3000\n"), "empty"),
    Case("BOM only", _file("a.txt", codecs.BOM_UTF8), "empty"),
    Case("UTF-16 BOM only", _file("a.txt", codecs.BOM_UTF16_LE), "empty"),
    Case("PNG renamed .txt", _file("a.txt", b"\x89PNG\r\n\x1a\n" + _random_bytes(300)), "PNG"),
    Case("NUL bytes", _file("a.txt", ARTICLE.encode() + b"\x00" * 40), "binary"),
    Case("random bytes", _file("a.txt", _random_bytes(4096)), "binary"),
    Case("ZIP renamed .txt", _file("a.txt", article_docx()), "ZIP archive"),
    Case("PDF renamed .md", _file("a.md", b"%PDF-1.7\n%\xe2\xe3"), "PDF"),
    Case("control codes only", _file("a.txt", "\x01\x02\x03\x04" * 50), "binary"),
    # Encodings that must succeed.
    Case("UTF-8", _file("a.txt", ARTICLE)),
    Case("UTF-8 with BOM", _file("a.txt", codecs.BOM_UTF8 + ARTICLE.encode())),
    Case("UTF-16 LE BOM", _file("a.txt", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"))),
    Case("UTF-16 BE BOM", _file("a.txt", codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"))),
    Case("UTF-16 LE no BOM", _file("a.txt", ARTICLE.encode("utf-16-le"))),
    Case("UTF-16 BE no BOM", _file("a.txt", ARTICLE.encode("utf-16-be"))),
    Case("UTF-32 BOM", _file("a.txt", codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"))),
    Case("Windows-1258", _file("a.txt", encode_cp1258(ARTICLE))),
    Case(
        "Windows-1258 with a soft hyphen",
        _file("a.txt", encode_cp1258(ARTICLE.replace("tuyến", "tuy\u00adến", 1))),
    ),
    Case("TCVN3 bytes", _file("a.txt", encode_tcvn3(ARTICLE))),
    Case("VNI bytes", _file("a.md", encode_vni(ARTICLE))),
    Case("TCVN3 inside UTF-8", _file("a.txt", windows_1252_text(encode_tcvn3(ARTICLE)))),
    Case("VNI inside UTF-8", _file("a.txt", windows_1252_text(encode_vni(ARTICLE)))),
    Case("one TCVN3 paragraph", _file("a.txt", f"{HEADLINE}\n\n{_LEGACY_PARAGRAPH}\n")),
    Case("UTF-8 read as 1252", _file("a.txt", windows_1252_text(ARTICLE.encode()))),
    Case("UTF-8 cut mid-character", _file("a.txt", ARTICLE.encode()[:-3] + "ộ".encode()[:2])),
    Case("UTF-8 with broken bytes", _file("a.txt", ARTICLE.encode().replace(b" ", b" \xff", 2))),
    Case("UTF-8 with a CESU surrogate", _file("a.txt", ARTICLE.encode() + b"\xed\xa0\x80\n")),
    Case("NFD", _file("a.txt", unicodedata.normalize("NFD", ARTICLE))),
    Case("CRLF", _file("a.txt", ARTICLE.replace("\n", "\r\n"))),
    Case("CR only", _file("a.txt", ARTICLE.replace("\n", "\r"))),
    Case("mixed line endings", _file("a.txt", ARTICLE.replace("\n\n", "\r\n\r", 1))),
    Case("NEL and U+2028", _file("a.txt", ARTICLE.replace("\n\n", "\u2028\u2029", 1))),
    Case("control characters", _file("a.txt", ARTICLE.replace("hai", "h\x01ai\x0c\x1b", 1))),
    Case("text copied out of Word", _file("a.txt", _WORD_PASTE)),
    Case("a few NULs", _file("a.txt", ARTICLE.replace("hai", "h\x00ai\x00", 1))),
    Case("zero-width and invisible characters", _file("a.txt", _WEB_PASTE)),
    Case("invisible characters in Markdown", _file("a.md", _WEB_PASTE)),
    Case("invisible characters in UTF-16", _file("a.txt", _WEB_PASTE.encode("utf-16"))),
    Case("unaccented Vietnamese", _file("a.txt", strip_diacritics(ARTICLE))),
    Case("quoting English", _file("a.txt", _QUOTING_ENGLISH)),
    Case("markdown markup", _file("a.md", _MARKDOWN)),
    Case("50,000 letters, no spaces", _file("a.txt", "Việt" * 12_500)),
    Case("50,000 words, one sentence", _file("a.txt", "Đà Nẵng có mưa " * 12_500)),
    Case("emoji between sentences", _file("a.txt", ARTICLE.replace(". ", ". 🚌🌊 ", 2))),
    # Text that is not a Vietnamese article.
    Case("50,000 a's", _file("a.txt", "a" * 50_000), "plain Latin letters"),
    Case("punctuation and emoji", _file("a.txt", "!!! ... 🙂🙂 123 — ???\n"), "no letters"),
    Case("English", _file("a.txt", "The city opened two new bus lines on Tuesday."), "English"),
    Case("Chinese", _file("a.txt", "岘港市开通了两条新的沿海公交线路。"), "Chinese"),
    Case("Russian", _file("a.txt", "Город открыл две новые автобусные линии."), "Cyrillic"),
    Case(
        "French in Latin-1",
        _file("a.txt", "Le café de l'école était fermé.".encode("latin-1")),
        "accents",
    ),
    Case(
        "HTML renamed .txt",
        _file("a.txt", f"<!DOCTYPE html><html><body><p>{ARTICLE}</p></body></html>"),
        "HTML",
    ),
    Case(
        "XML renamed .md",
        _file("a.md", f'<?xml version="1.0"?><article>{ARTICLE}</article>'),
        "XML",
    ),
    Case("date marker only", _file("a.txt", "date 2024-03\n"), "no Vietnamese"),
    # Word files.
    Case("Word article", _file("a.docx", article_docx())),
    Case(
        "Word with TCVN3 font",
        _file("a.docx", make_docx(paragraph_xml(_LEGACY_PARAGRAPH, font=".VnTime"))),
    ),
    Case("truncated DOCX", _file("a.docx", article_docx()[:500]), "damaged or truncated"),
    Case("empty DOCX", _file("a.docx", b""), "empty"),
    Case("text named .docx", _file("a.docx", ARTICLE), "damaged or truncated"),
    Case(
        "ZIP of something else",
        _file("a.docx", make_docx("").replace(b"word/document.xml", b"word/notes000.xml")),
        "not a Word document",
    ),
    Case(
        "encrypted DOCX",
        _file("a.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024)),
        "password-protected",
    ),
    Case("DOCX without text", _file("a.docx", make_docx(paragraph_xml(""))), "has no text"),
    Case(
        "DOCX with invisible characters",
        _file("a.docx", make_docx("".join(paragraph_xml(p) for p in _WEB_PASTE.split("\n\n")))),
    ),
    Case(
        "DOCX in English",
        _file("a.docx", make_docx(paragraph_xml("The city opened two new bus lines."))),
        "English",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_bad_input_ends_in_output_or_one_line_error(case, tmp_path, capsys):
    output_dir = tmp_path / "out"
    inputs = case.make(tmp_path)
    code, _out, err = run_main(["translate", *OPTIONS, "-o", str(output_dir), *inputs], capsys)
    if case.error is not None:
        assert_one_line_error(code, err, case.error)
        assert not list(output_dir.glob("*.vi-en.*")), "an output was written for a refused input"
        return
    assert code == 0, err
    assert "Traceback" not in err
    document = expected_document(Path(inputs[0]))
    assert_complete_outputs(document, output_dir, FORMATS)
    assert not list(output_dir.glob(".songngu-journal-*")), "the journal outlived the run"
    if inputs[0].endswith(".txt"):
        assert_nothing_lost(load_source(inputs[0]).raw, document)


@pytest.mark.slow
def test_two_megabyte_single_paragraph_is_translated_completely(tmp_path, capsys):
    words = [
        "Người",
        "dân",
        "Đà",
        "Nẵng",
        "vui",
        "mừng",
        "khi",
        "có",
        "thêm",
        "tuyến",
        "xe",
        "buýt",
        "mới",
        "ven",
        "biển",
    ]
    rng = random.Random(3)
    text = " ".join(rng.choice(words) for _ in range(450_000))[: 2 * 2**20]
    path = tmp_path / "big.txt"
    path.write_text(text + ".\n", encoding="utf-8")
    code, _, err = run_main(
        ["translate", *OPTIONS, "-f", "md", "-o", str(tmp_path / "out"), str(path)], capsys
    )
    assert code == 0, err
    document = expected_document(path)
    assert_complete_outputs(document, tmp_path / "out", ("md",))
    assert_nothing_lost(path.read_text(encoding="utf-8"), document)


def test_fake_targets_are_each_segments_own_translation(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    code, _, err = run_main(["translate", *OPTIONS, "-o", str(tmp_path / "out"), str(path)], capsys)
    assert code == 0, err
    from songngu.exporters import EXPORTERS

    for name in FORMATS:
        pairs = EXPORTERS[name].read_pairs(tmp_path / "out" / f"a.vi-en.{name}")
        for pair in pairs:
            assert pair.target == f"[EN] {strip_diacritics(pair.source)}"


def test_stdin_is_translated(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(encode_vni(ARTICLE))))
    code, _, err = run_main(["translate", *OPTIONS, "-o", str(tmp_path), "-"], capsys)
    assert code == 0, err
    assert (tmp_path / "stdin.vi-en.md").exists()


def test_empty_stdin_is_refused(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _, err = run_main(["translate", *OPTIONS, "-o", str(tmp_path), "-"], capsys)
    assert_one_line_error(code, err, "-: the file is empty")


# --- output folders, collisions, glossaries --------------------------------------------------


def _article(folder: Path, name: str = "a.txt") -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_output_folder_under_a_file_is_refused_before_translating(tmp_path, capsys):
    blocker = tmp_path / "blocker"
    blocker.write_text("not a folder")
    code, _, err = run_main(
        ["translate", *OPTIONS, "-o", str(blocker / "out"), str(_article(tmp_path))], capsys
    )
    assert_one_line_error(code, err, "cannot write to the output folder")


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permission bits")
def test_read_only_output_folder_is_refused(tmp_path, capsys):
    folder = tmp_path / "out"
    folder.mkdir(mode=0o555)
    code, _, err = run_main(
        ["translate", *OPTIONS, "-o", str(folder), str(_article(tmp_path))], capsys
    )
    assert_one_line_error(code, err, "cannot write to the output folder")


def test_two_inputs_with_one_output_name_are_refused(tmp_path, capsys):
    first, second = _article(tmp_path / "x", "a.txt"), _article(tmp_path / "y", "a.md")
    code, _, err = run_main(
        ["translate", *OPTIONS, "-o", str(tmp_path / "out"), str(first), str(second)], capsys
    )
    assert_one_line_error(code, err, "would both be written")


def test_existing_outputs_need_force(tmp_path, capsys):
    path, output_dir = _article(tmp_path), tmp_path / "out"
    args = ["translate", *OPTIONS, "-o", str(output_dir), str(path)]
    assert run_main(args, capsys)[0] == 0
    before = (output_dir / "a.vi-en.md").read_bytes()
    later = (output_dir / "a.vi-en.md").stat().st_mtime + 10
    os.utime(path, (later, later))  # edited since: the outputs are not this article's any more
    code, _, err = run_main(args, capsys)
    assert_one_line_error(code, err, "pass --force")
    assert (output_dir / "a.vi-en.md").read_bytes() == before
    assert run_main([*args, "--force"], capsys)[0] == 0


def test_glossary_errors_stop_the_run_before_any_translation(tmp_path, capsys):
    glossary = tmp_path / "terms.tsv"
    glossary.write_text("vi\ten\ttype\nĐà Nẵng\t\tcity\n", encoding="utf-8")
    output_dir = tmp_path / "out"
    code, _, err = run_main(
        [
            "translate",
            *OPTIONS,
            "-g",
            str(glossary),
            "-o",
            str(output_dir),
            str(_article(tmp_path)),
        ],
        capsys,
    )
    assert_one_line_error(code, err, f"{glossary}:2:")
    assert not output_dir.exists()


def test_one_failing_file_does_not_stop_the_others(tmp_path, capsys):
    folder = tmp_path / "articles"
    _article(folder, "a.txt")
    (folder / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n")
    (folder / "c.docx").write_bytes(article_docx())
    output_dir = tmp_path / "out"
    code, _, err = run_main(["translate", *OPTIONS, "-o", str(output_dir), str(folder)], capsys)
    assert code == 1
    assert "Traceback" not in err
    assert "b.txt: is a PNG image" in err
    assert "3 files: 2 translated, 1 failed" in err
    for name in ("a.txt", "c.docx"):
        assert_complete_outputs(expected_document(folder / name), output_dir, FORMATS)
    assert not (output_dir / "b.vi-en.md").exists()


# --- the installed command -------------------------------------------------------------------


def _songngu(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "songngu", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HF_HUB_OFFLINE": "1"},
        check=False,
    )


SUBPROCESS_CASES = [
    "missing path",
    "random bytes",
    "TCVN3 bytes",
    "truncated DOCX",
    "Word article",
    "English",
]


@pytest.mark.parametrize("name", SUBPROCESS_CASES)
def test_the_installed_command_ends_cleanly(name, tmp_path):
    case = next(case for case in CASES if case.name == name)
    inputs = case.make(tmp_path)
    result = _songngu("translate", *OPTIONS, "-o", "out", *inputs, cwd=tmp_path)
    if case.error is None:
        assert result.returncode == 0, result.stderr
        assert_complete_outputs(expected_document(Path(inputs[0])), tmp_path / "out", FORMATS)
    else:
        assert_one_line_error(result.returncode, result.stderr, case.error)


def test_the_installed_command_refuses_an_unwritable_folder(tmp_path):
    (tmp_path / "blocker").write_text("x")
    path = _article(tmp_path)
    result = _songngu("translate", *OPTIONS, "-o", "blocker/out", str(path), cwd=tmp_path)
    assert_one_line_error(result.returncode, result.stderr, "cannot write to the output folder")
