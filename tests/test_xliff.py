"""XLIFF 1.2: every export validates against the official OASIS schema and reads in
translate-toolkit; a file reviewed in translate-toolkit comes back as a reviewed DOCX does."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree
from translate.storage import factory
from translate.storage.xliff import xlifffile

from review_samples import sample_document
from songngu.cli import cli
from songngu.cli.output import CliState
from songngu.errors import InputError
from songngu.exporters import EXPORTERS, verify_output
from songngu.exporters.xliff import read_xliff, render_xliff, write_xliff
from songngu.memory import TranslationMemory
from songngu.model import Document, MemoryMatch, State, replace_segments
from songngu.review import import_review, render_report
from songngu.review.report import SegmentStatus

SCHEMAS = Path(__file__).parent / "data" / "xliff"


class _LocalSchemas(etree.Resolver):
    """Serve the W3C xml.xsd the OASIS schema imports by URL from tests/data (no network)."""

    def resolve(self, url: str, public_id: str, context: object) -> object:
        if url.endswith("/xml.xsd"):
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    parser = etree.XMLParser()
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "xliff-core-1.2-strict.xsd"), parser))


def assert_valid(schema: etree.XMLSchema, path: Path) -> None:
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log


def with_hint(document: Document) -> Document:
    segment = next(s for s in document.iter_segments() if s.id == "b3.s2")
    hint = MemoryMatch("Cầu mở cửa từ 6 giờ đến 22 giờ.", "Open 6am to 10pm.", State.FINAL, 87.0)
    return replace_segments(document, {"b3.s2": dataclasses.replace(segment, hint=hint)})


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    path = tmp_path / "cau-di-bo.vi-en.xlf"
    write_xliff(with_hint(sample_document()), path)
    return path


def unit_id(unit: object) -> str:
    return unit.xmlelement.get("id")  # type: ignore[attr-defined]


def test_the_export_validates_against_the_official_xliff_1_2_schema(
    schema: etree.XMLSchema, exported: Path
) -> None:
    assert_valid(schema, exported)


def test_translate_toolkit_reads_ids_texts_states_notes_and_matches(exported: Path) -> None:
    store = factory.getobject(str(exported))
    assert isinstance(store, xlifffile)
    document = sample_document()
    units = {unit_id(unit): unit for unit in store.units}
    assert list(units) == [s.id for s in document.iter_segments()]
    for segment in document.iter_segments():
        assert (units[segment.id].source, units[segment.id].target) == (
            segment.source,
            segment.target,
        )
    assert units["b2.s2"].isapproved(), "a final memory entry is signed off"
    assert not units["b1.s1"].isapproved()
    assert "Ủy ban nhân dân thành phố → Municipal People's Committee" in units["b2.s1"].getnotes()
    assert "[error] term-missing" in units["b2.s1"].getnotes()
    hints = [alt for alt in units["b3.s2"].getalttrans() if alt.target == "Open 6am to 10pm."]
    assert [alt.xmlelement.get("match-quality") for alt in hints] == ["87"]
    assert units["b8.s1"].xmlelement.get("translate") == "no", "copied metadata"


def test_states_map_to_xliff_1_2(exported: Path) -> None:
    units = {unit.id: unit for unit in read_xliff(exported).units}
    assert (units["b1.s1"].state, units["b1.s1"].is_approved) == ("needs-review-translation", False)
    assert (units["b2.s2"].state, units["b2.s2"].is_approved) == ("signed-off", True)


def test_translate_writes_xliff_beside_the_other_outputs(
    runner: CliRunner, tmp_path: Path, private_memory: Path, schema: etree.XMLSchema
) -> None:
    article = tmp_path / "xe-buyt.txt"
    article.write_text("Hà Nội mở tuyến xe buýt mới.\n\nGiá vé là 7.000 đồng.\n", encoding="utf-8")
    arguments = ["translate", str(article), "-o", str(tmp_path / "out"), "-f", "docx,xliff"]
    result = runner.invoke(cli, [*arguments, "--dry-run"], obj=CliState())
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / "xe-buyt.vi-en.xlf"
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "xe-buyt.vi-en.docx",
        "xe-buyt.vi-en.xlf",
    ]
    assert_valid(schema, path)
    assert [unit_id(u) for u in factory.getobject(str(path)).units] == ["b1.s1", "b2.s1"]


def review_in_translate_toolkit(path: Path) -> Path:
    """Edit b3.s1, approve b4.s1 as is, comment on b5.s1, as a CAT tool user would."""
    store = factory.getobject(str(path))
    units = {unit_id(unit): unit for unit in store.units}
    units["b3.s1"].target = "The chairman said the bridge makes getting around easier."
    units["b4.s1"].markapproved(True)
    units["b5.s1"].addnote("Photo credit style?", origin="translator")
    reviewed = path.with_name("reviewed.xlf")
    store.savefile(str(reviewed))
    return reviewed


def test_a_reviewed_xliff_comes_back_like_a_reviewed_docx(
    exported: Path, tmp_path: Path, schema: etree.XMLSchema
) -> None:
    reviewed = review_in_translate_toolkit(exported)
    assert_valid(schema, reviewed)
    with TranslationMemory(tmp_path / "memory.sqlite3") as memory:
        report = import_review(reviewed, memory)
        entries = {entry.segment_id: entry for entry in memory.iter_entries()}
    status = {result.id: result.status for result in report.segments}
    assert status["b3.s1"] is SegmentStatus.EDITED
    assert {s for i, s in status.items() if i != "b3.s1"} == {SegmentStatus.UNCHANGED}
    # translate-toolkit marks an edited unit approved as it sets the target: both are final.
    assert {i: e.state for i, e in entries.items()} == {"b3.s1": State.FINAL, "b4.s1": State.FINAL}
    assert entries["b3.s1"].original.startswith("Speaking at the ceremony")
    assert entries["b3.s1"].document == "cau-di-bo.txt"
    assert [(c.anchor, c.author, c.text) for c in report.comments] == [
        ("b5.s1", "translator", "Photo credit style?")
    ]
    assert "Memory: 2 entries stored" in render_report(report)


def test_review_import_reads_xliff_from_the_command_line(
    runner: CliRunner, exported: Path, tmp_path: Path, private_memory: Path
) -> None:
    reviewed = review_in_translate_toolkit(exported)
    report = tmp_path / "report.json"
    arguments = ["review", "import", str(reviewed), "--approve-unchanged", "--report", str(report)]
    result = runner.invoke(cli, arguments, obj=CliState())
    assert result.exit_code == 0, result.output
    (data,) = json.loads(report.read_text(encoding="utf-8"))
    assert data["counts"]["edited"] == 1
    assert data["approval"]["held"] == ["b2.s1"], "its [error] note is still in the file"


def test_verify_output_reads_the_xliff_back(exported: Path) -> None:
    verify_output(with_hint(sample_document()), exported, EXPORTERS["xliff"])


def test_control_characters_are_dropped_and_the_file_stays_valid(
    tmp_path: Path, schema: etree.XMLSchema
) -> None:
    document = sample_document()
    segment = next(document.iter_segments())
    dirty = replace_segments(document, {segment.id: dataclasses.replace(segment, target="A\x0bB")})
    path = tmp_path / "dirty.xlf"
    write_xliff(dirty, path)
    assert_valid(schema, path)
    assert "AB" in render_xliff(dirty)


@pytest.mark.parametrize("content", ["not xml", "<tmx version='1.4'><body/></tmx>"])
def test_a_file_that_is_not_xliff_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.xlf"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match="XLIFF"):
        read_xliff(path)
