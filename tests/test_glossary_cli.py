"""``songngu glossary …`` and the glossary options of ``songngu translate``."""

import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from songngu.cli import main
from songngu.glossary import load_glossary

DATA = Path(__file__).parent / "data" / "glossary"
ARTICLE = (
    "Bộ trưởng Bộ Công an làm việc tại Quảng Ninh\n\n"
    "Sáng 12/3/2024, Đại tướng Tô Lâm, Bộ trưởng Bộ Công an, làm việc với Ban Thường vụ "
    "Tỉnh uỷ Quảng Ninh. Theo ông Lâm, Bộ Công an sẽ tăng cường Công an tỉnh Quảng Ninh.\n"
)


def run(capsys, *arguments):
    with pytest.raises(SystemExit) as raised:
        main(list(arguments))
    out, err = capsys.readouterr()
    return raised.value.code, out, err


@pytest.fixture
def user_file(tmp_path, monkeypatch):
    path = tmp_path / "user" / "glossary.tsv"
    monkeypatch.setenv("SONGNGU_USER_GLOSSARY", str(path))
    return path


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "bai-viet.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_match_json_is_the_external_contract(capsys, article, user_file):
    code, out, _ = run(capsys, "glossary", "match", str(article), "--json")
    assert code == 0
    records = json.loads(out)
    text = article.read_text(encoding="utf-8")
    assert records
    for record in records:
        assert set(record) == {"source", "target", "start", "end", "type"}
        assert text[record["start"] : record["end"]] == record["source"]
    pairs = [(r["source"], r["target"]) for r in records]
    assert ("Bộ trưởng Bộ Công an", "Minister of Public Security") in pairs
    assert ("Tô Lâm", "To Lam") in pairs
    assert ("Lâm", "Lam") in pairs
    assert (
        "Ban Thường vụ Tỉnh uỷ Quảng Ninh",
        "Standing Board of the Quang Ninh Provincial Party Committee",
    ) in pairs


def test_match_offsets_point_into_a_decomposed_file_as_read(capsys, tmp_path, user_file):
    path = tmp_path / "nfd.txt"
    raw = unicodedata.normalize("NFD", ARTICLE)
    path.write_bytes(raw.encode("utf-8"))
    code, out, _ = run(capsys, "glossary", "match", str(path), "--json")
    records = json.loads(out)
    assert code == 0
    assert len(records) >= 8
    for record in records:
        assert raw[record["start"] : record["end"]] == record["source"]
        assert not unicodedata.is_normalized("NFC", record["source"]) or record["source"].isascii()


def test_match_text_output_and_names_option(capsys, article, user_file):
    code, out, _ = run(capsys, "glossary", "match", str(article), "--names", "keep")
    assert code == 0
    assert "\tname\tTô Lâm\tTô Lâm\n" in out
    code, out, _ = run(capsys, "glossary", "match", str(article), "--names", "off")
    assert "\tname\t" not in out


def test_add_list_search_and_override(capsys, article, user_file):
    code, _, err = run(
        capsys, "glossary", "add", "Bộ Công an", "Ministry of Police", "--type", "ministry"
    )
    assert code == 0
    assert f"{user_file}:2" in err
    code, out, _ = run(capsys, "glossary", "search", "bo cong an")
    assert "Bộ Công an\tMinistry of Police\tministry" in out
    assert "Bộ Công an\tMinistry of Public Security" not in out
    code, out, _ = run(capsys, "glossary", "list", "--type", "ministry")
    assert f"Bộ Công an\tMinistry of Police\tministry\t\t\t{user_file}:2" in out
    code, out, _ = run(capsys, "glossary", "match", str(article), "--json")
    assert "Ministry of Police" in [r["target"] for r in json.loads(out)]


def test_add_refuses_a_bad_row_with_file_and_line(capsys, user_file):
    run(capsys, "glossary", "add", "Sở Tư pháp", "Department of Justice", "--type", "agency")
    code, _, err = run(capsys, "glossary", "add", "Sở Tư pháp", "Justice Department")
    assert code == 1
    assert err.startswith(f"Error: {user_file}:3: ")
    code, _, err = run(
        capsys, "glossary", "add", "Sở X", "Department X", "--valid-from", "2025-99-01"
    )
    assert code == 1
    assert "is not a date" in err


def test_check_exit_codes(capsys, tmp_path, user_file):
    good = tmp_path / "good.tsv"
    good.write_text(
        "vi\ten\ttype\tsource\nBộ Y tế\tMinistry of Health\tministry\tx\n", encoding="utf-8"
    )
    bad = tmp_path / "bad.tsv"
    bad.write_text(
        "vi\ten\ttype\tsource\nBộ Y tế\tMinistry of Health\tminstry\tx\n", encoding="utf-8"
    )
    assert run(capsys, "glossary", "check", str(good))[0] == 0
    code, out, _ = run(capsys, "glossary", "check", str(bad))
    assert code == 1
    assert out.startswith(f"{bad}:2: unknown type 'minstry'")
    assert run(capsys, "glossary", "check")[0] == 0


def test_suggest_lists_bodies_the_glossary_lacks(capsys, tmp_path, user_file):
    path = tmp_path / "a.txt"
    path.write_text(
        "Sở Giao thông vận tải tỉnh Quảng Ninh cho biết Bộ Công an đã vào cuộc. "
        "Sở Giao thông vận tải tỉnh Quảng Ninh cũng đề nghị Cục Đường bộ hỗ trợ.\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys,
        "glossary",
        "suggest",
        str(path),
        "--no-shipped-glossary",
        "-g",
        str(DATA / "terms.tsv"),
    )
    assert code == 0
    lines = [line.split("\t")[:2] for line in out.splitlines()]
    assert lines[0] == ["2", "Sở Giao thông vận tải tỉnh Quảng Ninh"]
    assert ["1", "Cục Đường bộ"] in lines
    assert not [line for line in lines if "Bộ Công an" in line[1]]


SUGGEST_ARTICLE = (
    "Giám đốc Sở Y tế tỉnh Lào Cai làm việc với Chủ tịch UBND xã Tả Van. "
    "Sở Y tế tỉnh Lào Cai cũng đề nghị Cục Đường bộ hỗ trợ.\n"
)


@pytest.fixture
def places(tmp_path):
    """A glossary of one place: everything else is unknown."""
    path = tmp_path / "places.tsv"
    path.write_text("vi\ten\ttype\tsource\nLào Cai\tLao Cai\tprovince\ttest\n", encoding="utf-8")
    return path


def test_suggest_json_lists_units_with_drafts(capsys, tmp_path, user_file, places):
    folder = tmp_path / "articles"
    folder.mkdir()
    for name in ("a.txt", "b.md"):
        (folder / name).write_text(SUGGEST_ARTICLE, encoding="utf-8")
    arguments = ["--json", "--no-shipped-glossary", "-g", str(places)]
    code, out, _ = run(capsys, "glossary", "suggest", str(folder), *arguments)
    assert code == 0
    records = {record["source"]: record for record in json.loads(out)}
    health = records["Sở Y tế tỉnh Lào Cai"]
    assert health["target"] == "Lao Cai Department of Health"
    assert (health["type"], health["count"], health["status"]) == ("agency", 2, "draft")
    assert health["context"].startswith("Sở Y tế tỉnh Lào Cai cũng đề nghị")
    assert len(health["files"]) == 2
    assert records["Cục Đường bộ"]["target"] == ""
    assert "Lào Cai" not in records


def test_suggest_tsv_is_imported_as_it_is(capsys, tmp_path, user_file, places, article):
    path = tmp_path / "a.txt"
    path.write_text(SUGGEST_ARTICLE, encoding="utf-8")
    suggested = tmp_path / "new-terms.tsv"
    code, out, _ = run(
        capsys,
        "glossary",
        "suggest",
        str(path),
        "--tsv",
        "--no-shipped-glossary",
        "-g",
        str(places),
    )
    assert code == 0
    suggested.write_text(out, encoding="utf-8")
    assert "# Cục Đường bộ\t\t" in out  # no draft: commented out until an editor writes one
    code, _, err = run(capsys, "glossary", "import", str(suggested))
    assert code == 0
    drafts = [line for line in out.splitlines()[1:] if not line.startswith("#")]
    assert f"{len(drafts)} of {len(drafts)} entries added" in err
    glossary = load_glossary([user_file], include_shipped=False)
    assert {entry.vi for entry in glossary.entries} >= {
        "Giám đốc Sở Y tế tỉnh Lào Cai",
        "Chủ tịch UBND xã Tả Van",
    }
    # once imported, they are known: nothing is proposed again but the unit without a draft
    code, out, _ = run(capsys, "glossary", "suggest", str(path))
    assert [line.split("\t")[1] for line in out.splitlines()] == ["Cục Đường bộ"]


def test_suggest_refuses_two_outputs(capsys, tmp_path, article):
    code, _, err = run(capsys, "glossary", "suggest", str(article), "--json", "--tsv")
    assert code == 2
    assert "choose one" in err


@pytest.mark.parametrize("file_format", ["csv", "tbx", "tbx3", "tsv"])
def test_export_then_import_keeps_the_entries(capsys, tmp_path, user_file, file_format):
    exported = tmp_path / f"out.{file_format.rstrip('3')}"
    glossary_args = ["--no-shipped-glossary", "-g", str(DATA / "terms.tsv")]
    glossary_args += ["--format", file_format]
    code, _, _ = run(capsys, "glossary", "export", str(exported), *glossary_args)
    assert code == 0
    assert run(capsys, "glossary", "export", str(exported), *glossary_args)[0] == 1
    code, _, err = run(capsys, "glossary", "import", str(exported))
    assert code == 0
    rows = len(load_glossary([DATA / "terms.tsv"], include_shipped=False).entries)
    assert f"{rows} of {rows} entries added" in err
    code, out, _ = run(capsys, "glossary", "list", "--no-shipped-glossary", "-g", str(user_file))
    assert len(out.splitlines()) == rows
    assert "Ministry of Public Security" in out


def test_tbx_export_counts_the_pattern_rows_it_leaves_out(capsys, tmp_path, user_file):
    patterns = DATA / "patterns.tsv"
    num_patterns = len(load_glossary([patterns], include_shipped=False).entries)
    arguments = ["--no-shipped-glossary", "-g", str(DATA / "terms.tsv"), "-g", str(patterns)]
    code, out, err = run(capsys, "glossary", "export", "-", "--format", "tbx", *arguments)
    assert code == 0
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert "{" not in out
    assert err.splitlines() == [
        f"{num_patterns} pattern rows left out: TBX cannot hold a pattern; "
        "export --format tsv or csv keeps them."
    ]


def test_deepl_export_is_two_clean_columns(capsys, tmp_path, user_file):
    code, out, _ = run(
        capsys,
        "glossary",
        "export",
        "-",
        "--format",
        "deepl",
        "--date",
        "2024-03-01",
        "--no-shipped-glossary",
        *[argument for p in sorted(DATA.glob("*.tsv")) for argument in ("-g", str(p))],
    )
    assert code == 0
    rows = [line.split("\t") for line in out.splitlines()]
    assert all(len(row) == 2 and all(cell == cell.strip() and cell for cell in row) for row in rows)
    sources = [row[0] for row in rows]
    assert len(sources) == len(set(sources))
    assert [
        "Bí thư Tỉnh ủy Quảng Ninh",
        "Secretary of the Quang Ninh Provincial Party Committee",
    ] in rows
    assert not [row for row in rows if "{" in row[0] or row[1] == "Ủy ban nhân dân"]


def test_translate_uses_the_user_glossary_and_names_option(capsys, article, tmp_path, user_file):
    run(capsys, "glossary", "add", "Bộ Công an", "Ministry of Police", "--type", "ministry")
    out_dir = tmp_path / "out"
    code, _, err = run(
        capsys,
        "translate",
        str(article),
        "-o",
        str(out_dir),
        "-f",
        "json",
        "--dry-run",
        "--names",
        "keep",
    )
    assert code == 0, err
    data = json.loads((out_dir / "bai-viet.vi-en.json").read_text(encoding="utf-8"))
    terms = [t for b in data["blocks"] for s in b["segments"] for t in s["terms"]]
    assert all(term["enforced"] for term in terms)
    targets = {term["target"] for term in terms}
    assert "Ministry of Police" in targets
    assert "Tô Lâm" in targets
    assert "glossary terms enforced" in err


def test_glossary_commands_never_import_torch(tmp_path, article):
    script = (
        "import sys\n"
        "from songngu.cli import main\n"
        "try:\n"
        f"    main(['glossary', 'match', {str(article)!r}, '--json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = {'torch', 'transformers'} & set(sys.modules)\n"
        "sys.stderr.write('TORCH' if heavy else 'CLEAN')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        env={"SONGNGU_USER_GLOSSARY": str(tmp_path / "none.tsv"), "PATH": ""},
    )
    assert result.stderr.endswith("CLEAN"), result.stderr
    assert json.loads(result.stdout)
