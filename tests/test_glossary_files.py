"""Glossary files: loading in layers, every problem at file:line, adding rows safely."""

import unicodedata
from pathlib import Path

import pytest

from songngu.errors import GlossaryError
from songngu.glossary import Entry, load_glossary, shipped_glossary_files
from songngu.glossary.files import add_entries, check_files

HEADER = "vi\ten\ttype\tsource\tvalid_from\tvalid_to\tnote\n"


def write(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text(header + "".join(row + "\n" for row in rows), encoding="utf-8")
    return path


def messages(problems):
    return [str(problem) for problem in problems]


def test_the_shipped_glossary_loads_and_has_no_problems():
    files = shipped_glossary_files()
    assert files
    assert len(load_glossary().entries) >= 400
    assert messages(check_files(files)) == []


def test_two_renderings_in_force_at_once_are_refused_naming_both_lines(tmp_path):
    terms = write(
        tmp_path / "terms.tsv",
        "Bộ Công an\tMinistry of Public Security\tministry\tx",
        "Bộ Công An\tMinistry of Police\tministry\ty",
    )
    with pytest.raises(GlossaryError) as raised:
        load_glossary([terms], include_shipped=False)
    assert f"{terms}:3:" in str(raised.value)
    assert f"{terms}:2" in str(raised.value)


def test_renderings_with_separate_validity_load(tmp_path):
    terms = write(
        tmp_path / "terms.tsv",
        "Bộ Kế hoạch và Đầu tư\tMinistry of Planning and Investment\tministry\tx\t\t2025-02-28",
        "Bộ Kế hoạch và Đầu tư\tMinistry of Finance\tministry\tx\t2025-03-01\t",
    )
    assert len(load_glossary([terms], include_shipped=False).entries) == 2


def test_a_later_layer_overrides_every_entry_for_the_same_term(tmp_path):
    shipped = write(
        tmp_path / "shipped.tsv",
        "Bộ Kế hoạch và Đầu tư\tMinistry of Planning and Investment\tministry\tx\t\t2025-02-28",
        "Bộ Kế hoạch và Đầu tư\tMinistry of Finance\tministry\tx\t2025-03-01\t",
        "Bộ Y tế\tMinistry of Health\tministry\tx",
    )
    mine = write(tmp_path / "mine.tsv", "bộ kế hoạch và đầu tư\tMPI\tministry\tmine")
    glossary = load_glossary([shipped, mine], include_shipped=False)
    assert [(e.vi, e.en) for e in glossary.entries] == [
        ("Bộ Y tế", "Ministry of Health"),
        ("bộ kế hoạch và đầu tư", "MPI"),
    ]
    assert [m.target for m in glossary.match("Bộ Kế hoạch và Đầu tư", "2024-01-01")] == ["MPI"]


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("Bộ Y tế\tMinistry of Health\tministry\tx\t\t\t\textra", "fields but the header has"),
        ("Bộ Y tế\t\tministry\tx", "the 'en' field is empty"),
        ("Bộ Y tế\tMinistry of Health\tminstry\tx", "unknown type 'minstry'"),
        ("Bộ Y tế\tMinistry of Health\tministry\tx\t2025-13-01", "is not a date"),
        ("Bộ Y tế\tMinistry of Health\tministry\tx\t2025-03-01\t2024-01-01", "is after valid_to"),
        ("Bí thư {tinh}\tSecretary of {tinh}\tpattern\tx", "unknown slot {tinh}"),
        ("Bí thư {province}\tSecretary\tpattern\tx", "must have the same slots"),
        ("Bộ {ministry}\tMinistry\tministry\tx", "braces are for pattern rows"),
        ("—\tdash\tother\tx", "no letters or digits"),
    ],
)
def test_malformed_rows_are_refused_at_load_time(tmp_path, row, message):
    terms = write(tmp_path / "terms.tsv", row)
    with pytest.raises(GlossaryError, match=message) as raised:
        load_glossary([terms], include_shipped=False)
    assert str(raised.value).startswith(f"{terms}:2: ")


def test_check_reports_every_problem_with_its_line(tmp_path):
    decomposed = unicodedata.normalize("NFD", "Bộ Y tế")
    terms = write(
        tmp_path / "terms.tsv",
        f"{decomposed}\tMinistry of Health\tministry\tx",
        "Bộ Tư pháp \tMinistry of Justice\tministry\tx",
        "Bộ Ngoại giao\tMinistry of Foreign Affairs\tministry\t",
        "Bộ Y tế\tMinistry of Health\tministry\ty",
        "Bộ Tư pháp\tMinistry of Law\tministry\tx",
        "Bộ Nội vụ\tMinistry of Home Affairs\tnope\tx",
    )
    found = messages(check_files([terms]))
    expected_lines = [2, 3, 4, 5, 6, 7]
    assert [int(message.split(":")[1]) for message in found] == expected_lines
    assert "not in Unicode NFC" in found[0]
    assert "spaces at its ends" in found[1]
    assert "'source' field is empty" in found[2]
    assert "repeats" in found[3]
    assert "two renderings in force at once" in found[4]
    assert "unknown type" in found[5]


def test_add_creates_the_file_and_refuses_contradictions(tmp_path):
    mine = tmp_path / "folder" / "mine.tsv"
    (added,) = add_entries([Entry("Sở Tư pháp", "Department of Justice", "agency", "x")], mine)
    assert added.location == f"{mine}:2"
    assert mine.read_text(encoding="utf-8").splitlines()[0].startswith("vi\ten\ttype")
    assert add_entries([Entry("Sở Tư Pháp", "Department of Justice", "agency", "x")], mine) == []
    with pytest.raises(GlossaryError, match="two renderings"):
        add_entries([Entry("Sở Tư pháp", "Justice Department", "agency", "y")], mine)
    with pytest.raises(GlossaryError, match="control character"):
        add_entries([Entry("Sở Y tế\tx", "Department of Health", "agency", "y")], mine)
    assert len(load_glossary([mine], include_shipped=False).entries) == 1


def test_added_text_is_stored_in_nfc(tmp_path):
    mine = tmp_path / "mine.tsv"
    add_entries(
        [
            Entry(
                unicodedata.normalize("NFD", "Sở Tài chính"), "Department of Finance", "agency", "x"
            )
        ],
        mine,
    )
    assert check_files([mine]) == []


def test_variants_and_case_columns_are_read(tmp_path):
    terms = write(
        tmp_path / "terms.tsv",
        "đại tá\tColonel\trank\tx\t\t\t\tany\tSenior Colonel | Col.",
        header="vi\ten\ttype\tsource\tvalid_from\tvalid_to\tnote\tcase\tvariants\n",
    )
    (entry,) = load_glossary([terms], include_shipped=False).entries
    assert entry.variants == ("Senior Colonel", "Col.")
    assert entry.case_policy == "any"
