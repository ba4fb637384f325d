"""Exchange formats: import reads what export writes, for every format; CSV for Excel; DeepL."""

import csv
import io
from pathlib import Path

import pytest

from songngu.errors import GlossaryError
from songngu.glossary import Entry, load_glossary
from songngu.glossary.exchange import (
    CSV_COLUMNS,
    FORMATS,
    format_for,
    left_out_message,
    read_entries,
    render_entries,
)

DEFAULTS = Entry("", "", "other", "imported")
ENTRIES = [
    Entry("Ủy ban nhân dân", "People's Committee", "agency", "Circular 03/2009", note='say "PC"'),
    Entry("UBND", "Ủy ban nhân dân", "abbreviation", "press usage", valid_from="1990-01-01"),
    Entry("TW", "Trung ương", "abbreviation", "press", note="as in 'Ban TW'"),
    Entry("T.Ư", "Trung ương", "abbreviation", "press"),
    Entry("đại tá", "colonel", "rank", "x", case="any"),
    Entry("Bộ Công an", "Ministry of Public Security", "ministry", "x", variants=("MPS", "MoPS")),
    Entry(
        "Bộ Kế hoạch và Đầu tư",
        "Ministry of Planning and Investment",
        "ministry",
        "x",
        valid_from="2002-08-05",
        valid_to="2025-02-28",
    ),
    Entry(
        "Bí thư Tỉnh ủy {province}",
        "Secretary of the {province} Provincial Party Committee",
        "pattern",
        "x",
    ),
    Entry("Quảng Ninh", "Quang Ninh", "province", "x"),
]
FIELDS = ("vi", "en", "type", "source", "valid_from", "valid_to", "note", "case", "variants")
#: The formats that keep every row; the TBX formats leave pattern rows out.
KEEPS_PATTERNS = {"csv": True, "tsv": True, "tbx": False, "tbx3": False}


def as_set(entries):
    return {tuple(getattr(entry, name) for name in FIELDS) for entry in entries}


def round_trip(tmp_path, entries, file_format):
    path = tmp_path / f"glossary.{file_format}"
    path.write_text(render_entries(entries, file_format), encoding="utf-8")
    return read_entries(path, file_format, DEFAULTS)


def test_every_format_is_covered_here():
    assert set(FORMATS) == {*KEEPS_PATTERNS, "deepl"}


@pytest.mark.parametrize("file_format", sorted(KEEPS_PATTERNS))
def test_import_reads_back_every_field_that_export_writes(tmp_path, file_format):
    expected = [e for e in ENTRIES if KEEPS_PATTERNS[file_format] or e.type != "pattern"]
    assert as_set(round_trip(tmp_path, ENTRIES, file_format)) == as_set(expected)


@pytest.fixture(scope="module")
def shipped_entries():
    return load_glossary().entries


@pytest.mark.parametrize("file_format", sorted(KEEPS_PATTERNS))
def test_the_shipped_glossary_survives_export_and_import(tmp_path, file_format, shipped_entries):
    entries = shipped_entries
    expected = [e for e in entries if KEEPS_PATTERNS[file_format] or e.type != "pattern"]
    assert as_set(round_trip(tmp_path, entries, file_format)) == as_set(expected)


def test_deepl_rows_import_back_as_the_pairs_exported(tmp_path):
    text = render_entries(ENTRIES, "deepl", "2024-01-01")
    path = tmp_path / "deepl.tsv"
    path.write_text(text, encoding="utf-8")
    read = read_entries(path, "tsv", DEFAULTS)
    assert {(e.vi, e.en) for e in read} == {tuple(row.split("\t")) for row in text.splitlines()}
    assert {(e.type, e.source) for e in read} == {("other", "imported")}


def test_csv_puts_an_abbreviation_and_its_full_form_on_the_vietnamese_side():
    rows = list(csv.DictReader(io.StringIO(render_entries(ENTRIES, "csv").lstrip("\ufeff"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_vi = {row["vi"]: row for row in rows}
    assert (by_vi["UBND"]["vi_full"], by_vi["UBND"]["en"]) == (
        "Ủy ban nhân dân",
        "People's Committee",
    )
    assert (by_vi["TW"]["vi_full"], by_vi["TW"]["en"]) == ("Trung ương", "")
    assert by_vi["Bộ Công an"]["vi_full"] == ""
    assert by_vi["Bộ Công an"]["variants"] == "MPS | MoPS"


def test_csv_starts_with_a_byte_order_mark_that_excel_and_translate_toolkit_read(tmp_path):
    data = render_entries(ENTRIES, "csv").encode("utf-8")
    assert data.startswith(b"\xef\xbb\xbf")
    # As Excel opens it: UTF-8 because of the mark, comma-separated, RFC 4180 quoting.
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "vi"
    assert rows[1][:3] == ["Ủy ban nhân dân", "", "People's Committee"]
    csvl10n = pytest.importorskip("translate.storage.csvl10n")
    names = ["source" if n == "vi" else "target" if n == "en" else n for n in CSV_COLUMNS]
    store = csvl10n.csvfile(fieldnames=names)
    store.parse(data, dialect="excel")
    units = [(unit.source, unit.target) for unit in store.units]
    assert units[0] == ("vi", "en")  # the header row, which has no "source" column
    assert units[1:] == [(e.vi, rows[n + 1][2]) for n, e in enumerate(ENTRIES)]


@pytest.mark.parametrize("mark", ["\ufeff", ""], ids=["with-bom", "without-bom"])
def test_csv_import_accepts_files_with_or_without_the_mark(tmp_path, mark):
    path = tmp_path / "terms.csv"
    path.write_text(mark + "vi,en,type\nBộ Y tế,Ministry of Health,ministry\n", encoding="utf-8")
    (entry,) = read_entries(path, "csv", DEFAULTS)
    assert (entry.vi, entry.en, entry.type) == ("Bộ Y tế", "Ministry of Health", "ministry")


def test_csv_row_with_a_full_form_is_an_abbreviation(tmp_path):
    path = tmp_path / "terms.csv"
    path.write_text(
        "vi,vi_full,en,source\nHĐND,Hội đồng nhân dân,People's Council,press\n", encoding="utf-8"
    )
    (entry,) = read_entries(path, "csv", DEFAULTS)
    assert (entry.vi, entry.en, entry.type) == ("HĐND", "Hội đồng nhân dân", "abbreviation")


def test_csv_written_before_vi_full_is_still_read(tmp_path):
    path = tmp_path / "old.csv"
    path.write_text("vi,en,type\nUBND,Ủy ban nhân dân,abbreviation\n", encoding="utf-8")
    (entry,) = read_entries(path, "csv", DEFAULTS)
    assert (entry.vi, entry.en, entry.type) == ("UBND", "Ủy ban nhân dân", "abbreviation")


@pytest.mark.parametrize(
    ("file_format", "message"),
    [
        ("tbx", "1 pattern rows left out: TBX cannot hold a pattern; export --format tsv or csv"),
        ("tbx3", "1 pattern rows left out: TBX cannot hold a pattern"),
        ("deepl", "3 abbreviation rows left out: a DeepL glossary holds Vietnamese-English"),
        ("csv", ""),
        ("tsv", ""),
    ],
)
def test_left_out_rows_are_counted_in_one_line(file_format, message):
    assert left_out_message(ENTRIES, file_format).startswith(message)
    assert "\n" not in left_out_message(ENTRIES, file_format)


@pytest.mark.parametrize("file_format", ["csv", "tbx", "tbx3", "tsv", "deepl"])
def test_no_export_holds_placeholder_values(file_format, shipped_entries):
    text = render_entries(shipped_entries, file_format, "2025-06-01")
    assert "valid_from: -" not in text
    assert "valid_to: -" not in text
    if file_format.startswith("tbx") or file_format == "deepl":
        assert "{province}" not in text


def test_deepl_export_composes_patterns_and_drops_abbreviations():
    rows = [
        line.split("\t") for line in render_entries(ENTRIES, "deepl", "2024-01-01").splitlines()
    ]
    assert [
        "Bí thư Tỉnh ủy Quảng Ninh",
        "Secretary of the Quang Ninh Provincial Party Committee",
    ] in rows
    assert ["Bộ Kế hoạch và Đầu tư", "Ministry of Planning and Investment"] in rows
    assert not [row for row in rows if row[0] == "UBND"]


def test_headerless_two_column_files_are_read_as_deepl(tmp_path):
    path = tmp_path / "deepl.csv"
    path.write_text(
        "Bộ Y tế,Ministry of Health\n"
        '"Bộ Văn hóa, Thể thao và Du lịch","Ministry of Culture, Sports and Tourism"\n',
        encoding="utf-8",
    )
    entries = read_entries(path, "csv", DEFAULTS)
    assert [(e.vi, e.en) for e in entries] == [
        ("Bộ Y tế", "Ministry of Health"),
        ("Bộ Văn hóa, Thể thao và Du lịch", "Ministry of Culture, Sports and Tourism"),
    ]


def test_tbx_from_another_tool_is_read(tmp_path):
    path = tmp_path / "other.tbx"
    path.write_text(
        '<?xml version="1.0"?><martif type="TBX" xml:lang="en"><text><body>'
        '<termEntry id="t1"><langSet xml:lang="vi"><tig><term>Bộ Y tế</term></tig></langSet>'
        '<langSet xml:lang="en"><tig><term>Ministry of Health</term></tig></langSet></termEntry>'
        "</body></text></martif>",
        encoding="utf-8",
    )
    (entry,) = read_entries(path, "tbx", DEFAULTS)
    assert (entry.vi, entry.en, entry.type, entry.source) == (
        "Bộ Y tế",
        "Ministry of Health",
        "other",
        "imported",
    )


def test_unknown_formats_and_bad_xml_are_clear_errors(tmp_path):
    with pytest.raises(GlossaryError, match="--format"):
        format_for(Path("terms.xlsx"), None)
    path = tmp_path / "bad.tbx"
    path.write_text("<tbx>", encoding="utf-8")
    with pytest.raises(GlossaryError, match="not well-formed XML"):
        read_entries(path, "tbx", DEFAULTS)
