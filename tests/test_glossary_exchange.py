"""Exchange formats: CSV, TBX-Basic (and TBX v2 on import), DeepL TSV."""

import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest

from songngu.errors import GlossaryError
from songngu.glossary import Entry
from songngu.glossary.exchange import format_for, read_entries, render_entries

DEFAULTS = Entry("", "", "other", "imported")
ENTRIES = [
    Entry("Ủy ban nhân dân", "People's Committee", "agency", "Circular 03/2009", note='say "PC"'),
    Entry("UBND", "Ủy ban nhân dân", "abbreviation", "press usage"),
    Entry(
        "Bộ Công an",
        "Ministry of Public Security",
        "ministry",
        "x",
        variants=("Ministry of Police",),
    ),
    Entry(
        "Bộ Kế hoạch và Đầu tư",
        "Ministry of Planning and Investment",
        "ministry",
        "x",
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
TBX_NAMESPACE = "{urn:iso:std:iso:30042:ed:3.0}"


def round_trip(tmp_path, file_format):
    path = tmp_path / f"glossary.{file_format}"
    path.write_text(render_entries(ENTRIES, file_format), encoding="utf-8")
    return read_entries(path, file_format, DEFAULTS)


@pytest.mark.parametrize("file_format", ["csv", "tsv"])
def test_tables_round_trip_every_field(tmp_path, file_format):
    read = round_trip(tmp_path, file_format)
    fields = ("vi", "en", "type", "source", "valid_to", "note", "variants")
    assert [tuple(getattr(e, f) for f in fields) for e in read] == [
        tuple(getattr(e, f) for f in fields) for e in ENTRIES
    ]


def test_tbx_is_tbx_basic_with_terms_statuses_and_sources(tmp_path):
    root = ElementTree.fromstring(render_entries(ENTRIES, "tbx"))
    assert root.tag == f"{TBX_NAMESPACE}tbx"
    assert root.get("type") == "TBX-Basic"
    concepts = root.findall(f".//{TBX_NAMESPACE}conceptEntry")
    assert len(concepts) == 5
    committee = concepts[0]
    vi_terms = [
        t.text
        for t in committee.findall(
            f".//{TBX_NAMESPACE}langSec[@{{http://www.w3.org/XML/1998/namespace}}lang='vi']//{TBX_NAMESPACE}term"
        )
    ]
    assert vi_terms == ["Ủy ban nhân dân", "UBND"]
    police = concepts[1]
    statuses = [
        n.text
        for n in police.iter(f"{TBX_NAMESPACE}termNote")
        if n.get("type") == "administrativeStatus"
    ]
    assert statuses == ["preferredTerm-admn-sts", "admittedTerm-admn-sts"]
    assert police.find(f".//{TBX_NAMESPACE}admin").text == "x"


def test_tbx_round_trip_keeps_terms_abbreviations_and_variants(tmp_path):
    read = round_trip(tmp_path, "tbx")
    pairs = {(e.vi, e.en, e.type) for e in read}
    assert ("Ủy ban nhân dân", "People's Committee", "agency") in pairs
    assert ("UBND", "Ủy ban nhân dân", "abbreviation") in pairs
    police = next(e for e in read if e.vi == "Bộ Công an")
    assert police.variants == ("Ministry of Police",)
    planning = next(e for e in read if e.vi == "Bộ Kế hoạch và Đầu tư")
    assert (planning.valid_from, planning.valid_to, planning.note) == ("", "2025-02-28", "")
    committee = next(e for e in read if e.vi == "Ủy ban nhân dân")
    assert committee.note == 'say "PC"'


def test_tbx_v2_is_read(tmp_path):
    path = tmp_path / "old.tbx"
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


def test_unknown_formats_and_bad_xml_are_clear_errors(tmp_path):
    with pytest.raises(GlossaryError, match="--format"):
        format_for(Path("terms.xlsx"), None)
    path = tmp_path / "bad.tbx"
    path.write_text("<tbx>", encoding="utf-8")
    with pytest.raises(GlossaryError, match="not well-formed XML"):
        read_entries(path, "tbx", DEFAULTS)
