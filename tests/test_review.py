"""Review re-import: a reviewer edits the DOCX with python-docx as Word would, we read it back.

The reviewer helpers below do what Word does to the file: an accepted edit is plain runs inside
the sentence bookmark; an unaccepted Track Changes edit is ``w:del`` + ``w:ins``; overtyping a
whole sentence deletes its bookmark; comments, deleted and added rows, notes after the table.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from review_samples import build_document, sample_document
from songngu.cli import cli
from songngu.cli.output import CliState
from songngu.errors import InputError, ReviewError
from songngu.memory import EntryOrigin, TranslationMemory
from songngu.model import BlockKind
from songngu.ooxml.writer import write_docx
from songngu.review import ReviewOptions, import_review, render_report, report_to_dict
from songngu.review.report import SegmentStatus

Reviewer = Callable[[docx.document.Document], None]


# -- what a reviewer does in Word, done with python-docx -------------------------------------


def bookmark(word: docx.document.Document, column: str, segment_id: str) -> tuple[object, object]:
    name = f"sn_{column}_{segment_id.replace('.', '_')}"
    start = next(
        e for e in word.element.body.iter(qn("w:bookmarkStart")) if e.get(qn("w:name")) == name
    )
    end = next(
        e
        for e in word.element.body.iter(qn("w:bookmarkEnd"))
        if e.get(qn("w:id")) == start.get(qn("w:id"))
    )
    return start, end


def runs_inside(start: object, end: object) -> list[object]:
    runs = []
    element = start.getnext()  # type: ignore[attr-defined]
    while element is not None and element is not end:
        if element.tag == qn("w:r"):
            runs.append(element)
        element = element.getnext()
    return runs


def make_run(text: str) -> object:
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(text_element)
    return run


def edit_sentence(
    word: docx.document.Document, segment_id: str, text: str, column: str = "en"
) -> None:
    """An edit made with Track Changes off (or accepted): the bookmark now holds ``text``."""
    start, end = bookmark(word, column, segment_id)
    runs = runs_inside(start, end)
    runs[0].find(qn("w:t")).text = text  # type: ignore[attr-defined]
    for run in runs[1:]:
        run.getparent().remove(run)  # type: ignore[attr-defined]


def track_replace(word: docx.document.Document, segment_id: str, text: str, author: str) -> None:
    """An edit made with Track Changes on and not accepted: old runs deleted, new run inserted."""
    start, end = bookmark(word, "en", segment_id)
    deletion = OxmlElement("w:del", {qn("w:id"): "901", qn("w:author"): author})
    for run in runs_inside(start, end):
        for text_element in run.findall(qn("w:t")):  # type: ignore[attr-defined]
            text_element.tag = qn("w:delText")
        deletion.append(run)
    insertion = OxmlElement("w:ins", {qn("w:id"): "902", qn("w:author"): author})
    insertion.append(make_run(text))
    end.addprevious(deletion)  # type: ignore[attr-defined]
    end.addprevious(insertion)  # type: ignore[attr-defined]


def overtype_sentence(word: docx.document.Document, segment_id: str, text: str) -> None:
    """Select a whole sentence and type: Word deletes the bookmark with the old text."""
    start, end = bookmark(word, "en", segment_id)
    for run in runs_inside(start, end):
        run.getparent().remove(run)  # type: ignore[attr-defined]
    start.addprevious(make_run(text))  # type: ignore[attr-defined]
    for element in (start, end):
        element.getparent().remove(element)  # type: ignore[attr-defined]


def retype_cell(cell: object, text: str) -> None:
    """Select the whole cell's text and type: every bookmark in it goes."""
    paragraph = cell.paragraphs[0]._p  # type: ignore[attr-defined]
    for child in list(paragraph):
        if child.tag != qn("w:pPr"):
            paragraph.remove(child)
    paragraph.append(make_run(text))


def english_runs(word: docx.document.Document, segment_id: str) -> list[object]:
    from docx.text.run import Run

    start, end = bookmark(word, "en", segment_id)
    paragraph = word.tables[0].rows[1].cells[1].paragraphs[0]
    return [Run(run, paragraph) for run in runs_inside(start, end)]


def tick(word: docx.document.Document, block_id: str, mark: str = "x") -> None:
    """Type ``mark`` into the OK box of a block's row (over the ☐, as a reviewer would)."""
    row = next(
        row
        for row in word.tables[0].rows[1:]
        if any(
            f"sn_en_{block_id}_s" in bookmark.get(qn("w:name"), "")
            for bookmark in row._tr.iter(qn("w:bookmarkStart"))
        )
    )
    row.cells[2].paragraphs[0].runs[0].text = mark


def review_file(path: Path, reviewer: Reviewer, name: str = "reviewed.docx") -> Path:
    word = docx.Document(str(path))
    reviewer(word)
    word.core_properties.last_modified_by = "Lan"
    target = path.with_name(name)
    word.save(str(target))
    return target


NEW = {
    "b2": "On 5 June the Da Nang People's Committee opened a 320-metre footbridge "
    "that cost 180 billion dong.",
    "b3.s1": "Speaking at the ceremony, the city chairman said the bridge would make getting "
    "around easier for residents and visitors, especially in the fireworks season.",
    "b3.s2": "The bridge is open daily from 6am to 11pm.",
    "b4.s2": "It is designed to withstand level-12 storm winds.",
    "added": "Editor's addition: the bridge is lit at night.",
}


def thorough_reviewer(word: docx.document.Document) -> None:
    """Every kind of change a reviewer makes, on the sample article."""
    table = word.tables[0]
    tick(word, "b5")
    retype_cell(table.rows[2].cells[1], NEW["b2"])
    edit_sentence(word, "b3.s1", NEW["b3.s1"])
    overtype_sentence(word, "b3.s2", NEW["b3.s2"])
    track_replace(word, "b4.s2", NEW["b4.s2"], author="Lan")
    start, end = bookmark(word, "en", "b4.s1")
    from docx.text.run import Run

    paragraph = table.rows[4].cells[1].paragraphs[0]
    word.add_comment(Run(runs_inside(start, end)[0], paragraph), "Is 'pace' right?", "Lan", "L")
    edit_sentence(word, "b5.s1", "Cầu đi bộ mới nhìn từ bờ đông (Ảnh: T.H.)", column="vi")
    table._tbl.remove(table.rows[6]._tr)
    added = table.add_row()
    added.cells[1].paragraphs[0].add_run(NEW["added"])
    word.add_paragraph("General note: call it a footbridge throughout.")


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    path = tmp_path / "cau-di-bo.vi-en.docx"
    write_docx(sample_document(), path)
    return path


@pytest.fixture
def memory(tmp_path: Path) -> TranslationMemory:
    with TranslationMemory(tmp_path / "memory.sqlite3") as store:
        yield store


# -- the evidence test -------------------------------------------------------------------------


def test_a_thorough_review_comes_back_by_id_and_lands_in_the_memory(
    exported: Path, memory: TranslationMemory
) -> None:
    reviewed = review_file(exported, thorough_reviewer)
    report = import_review(reviewed, memory)
    status = {result.id: result.status for result in report.segments}
    assert status == {
        "b1.s1": SegmentStatus.UNCHANGED,
        "b2.s1": SegmentStatus.IN_BLOCK,
        "b2.s2": SegmentStatus.IN_BLOCK,
        "b3.s1": SegmentStatus.EDITED,
        "b3.s2": SegmentStatus.EDITED,
        "b4.s1": SegmentStatus.UNCHANGED,
        "b4.s2": SegmentStatus.EDITED,
        "b5.s1": SegmentStatus.UNCHANGED,
        "b6.s1": SegmentStatus.MISSING,
        "b7.s1": SegmentStatus.UNCHANGED,
        "b8.s1": SegmentStatus.UNCHANGED,
    }
    targets = {result.id: result.target for result in report.segments}
    assert targets["b3.s1"] == NEW["b3.s1"]
    assert targets["b3.s2"] == NEW["b3.s2"], "overtyped sentence found in its own place"
    assert targets["b4.s2"] == NEW["b4.s2"], "tracked insertion counts, tracked deletion not"
    assert [(block.id, block.target) for block in report.blocks] == [("b2", NEW["b2"])]
    assert report.missing_blocks == ("b6",)
    assert [(row.after, row.target) for row in report.added_rows] == [("b8", NEW["added"])]
    assert [(c.anchor, c.author, c.text) for c in report.comments] == [
        ("b4.s1", "Lan", "Is 'pace' right?")
    ]
    assert report.notes == ("General note: call it a footbridge throughout.",)
    assert [edit.id for edit in report.source_edits] == ["b5.s1"]
    assert report.reviewer == "Lan"

    entries = {entry.segment_id: entry for entry in memory.iter_entries()}
    assert sorted(entries) == ["b2", "b3.s1", "b3.s2", "b4.s2", "b5.s1"], (
        "edits and the ticked row only; untouched rows are not approvals"
    )
    assert report.num_stored == len(entries)
    assert {i: e.state.value for i, e in entries.items() if e.state} == {
        "b2": "reviewed",
        "b3.s1": "reviewed",
        "b3.s2": "reviewed",
        "b4.s2": "reviewed",
        "b5.s1": "final",
    }
    assert {entry.origin for entry in entries.values()} == {EntryOrigin.REVIEWER}
    assert entries["b2"].level == "block"
    assert entries["b2"].source == sample_document().blocks[1].text
    assert (
        entries["b3.s1"].original == "Speaking at the ceremony, the city chairman said the "
        "bridge would make it easier for residents and visitors to get around, especially "
        "during the fireworks season."
    )
    assert entries["b5.s1"].source == "Cầu đi bộ mới nhìn từ bờ đông sông Hàn (Ảnh: Thu Hà)", (
        "the memory keys on the exported source, not the reviewer's Vietnamese edit"
    )
    assert {entry.reviewer for entry in entries.values()} == {"Lan"}
    source = sample_document().blocks[2].segments[1].source
    assert memory.lookup([source])[source].target == NEW["b3.s2"]


def test_the_report_text_and_json_hold_everything_the_reviewer_wrote(
    exported: Path, memory: TranslationMemory
) -> None:
    report = import_review(review_file(exported, thorough_reviewer), memory)
    text = render_report(report)
    data = json.dumps(report_to_dict(report), ensure_ascii=False)
    for written in [*NEW.values(), "Is 'pace' right?", "call it a footbridge", "(Ảnh: T.H.)"]:
        assert written in text
        assert written in data
    assert "11 sentences: 3 edited, 5 unchanged, 2 in-block, 1 missing; 1 row added" in text
    assert report_to_dict(report)["counts"]["missing"] == 1


def test_unchanged_file_reports_all_unchanged_and_a_dry_run_stores_nothing(
    exported: Path, memory: TranslationMemory
) -> None:
    report = import_review(exported, memory, ReviewOptions(is_dry_run=True))
    assert {result.status for result in report.segments} == {SegmentStatus.UNCHANGED}
    assert report.added_rows == report.comments == report.notes == ()
    assert memory.count_by_origin()["reviewer"] == 0
    assert "Dry run" in render_report(report)


def test_edited_only_stores_only_the_edits(exported: Path, memory: TranslationMemory) -> None:
    reviewed = review_file(exported, lambda word: edit_sentence(word, "b3.s1", NEW["b3.s1"]))
    import_review(reviewed, memory, ReviewOptions(is_edited_only=True))
    assert [entry.segment_id for entry in memory.iter_entries()] == ["b3.s1"]


@pytest.mark.parametrize(
    ("reviewer", "expected_block"),
    [
        (lambda word: retype_cell(word.tables[0].rows[3].cells[1], "Whole new paragraph."), "b3"),
        (
            lambda word: retype_cell(word.tables[0].rows[1].cells[1], "Da Nang's new footbridge"),
            None,
        ),
    ],
    ids=["two-sentence-row-kept-whole", "one-sentence-row-paired-as-the-sentence"],
)
def test_a_retyped_cell_falls_back_to_the_row(
    exported: Path, memory: TranslationMemory, reviewer: Reviewer, expected_block: str | None
) -> None:
    report = import_review(review_file(exported, reviewer), memory)
    assert [block.id for block in report.blocks] == ([expected_block] if expected_block else [])
    if expected_block is None:
        headline = next(r for r in report.segments if r.id == "b1.s1")
        assert (headline.status, headline.target) == (
            SegmentStatus.EDITED,
            "Da Nang's new footbridge",
        )


def test_text_typed_after_a_sentence_marker_keeps_the_row_whole(
    exported: Path, memory: TranslationMemory
) -> None:
    def append_after_first_sentence(word: docx.document.Document) -> None:
        _, end = bookmark(word, "en", "b3.s1")
        end.addnext(make_run(" Residents welcomed it."))  # type: ignore[attr-defined]

    report = import_review(review_file(exported, append_after_first_sentence), memory)
    status = {r.id: r.status for r in report.segments if r.id.startswith("b3")}
    assert status == {"b3.s1": SegmentStatus.IN_BLOCK, "b3.s2": SegmentStatus.IN_BLOCK}
    assert "Residents welcomed it." in report.blocks[0].target
    assert "next to b3.s1 and b3.s2" in report.blocks[0].reason


def test_an_emptied_sentence_is_reported_and_not_stored(
    exported: Path, memory: TranslationMemory
) -> None:
    reviewed = review_file(exported, lambda word: edit_sentence(word, "b4.s2", ""))
    report = import_review(reviewed, memory)
    assert next(r for r in report.segments if r.id == "b4.s2").status is SegmentStatus.EMPTIED
    assert "b4.s2" not in {entry.segment_id for entry in memory.iter_entries()}


def test_a_file_without_its_manifest_is_still_paired_by_bookmarks(
    exported: Path, memory: TranslationMemory, tmp_path: Path
) -> None:
    stripped = tmp_path / "stripped.docx"
    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(stripped, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if not (item.filename.startswith("customXml/") and b"songngu" in data):
                target.writestr(item, data)
    assert import_review(stripped, memory).approval.stored == (), "nothing tells edits apart"
    report = import_review(stripped, memory, ReviewOptions(approve_unchanged=True))
    assert not report.has_manifest
    assert {r.status for r in report.segments} == {SegmentStatus.REVIEWED}
    assert "lost songngu's manifest" in render_report(report)
    assert report.approval.held == ("b2.s1",), "its [error] term-missing comment is still there"
    assert memory.count_by_origin()["reviewer"] == 9


def test_a_word_file_without_ids_is_refused(tmp_path: Path, memory: TranslationMemory) -> None:
    path = tmp_path / "plain.docx"
    word = docx.Document()
    word.add_table(rows=1, cols=2).rows[0].cells[0].text = "Xin chào"
    word.save(str(path))
    with pytest.raises(ReviewError, match="no songngu segment ids"):
        import_review(path, memory)


def test_a_file_that_is_not_word_is_refused(tmp_path: Path, memory: TranslationMemory) -> None:
    path = tmp_path / "notes.docx"
    path.write_text("plain text", encoding="utf-8")
    with pytest.raises(InputError, match="not a readable Word file"):
        import_review(path, memory)


# -- glossary suggestions ----------------------------------------------------------------------


def footbridge_reviewer(word: docx.document.Document) -> None:
    edit_sentence(word, "b1.s1", "Da Nang opens a new footbridge over the Han river")
    edit_sentence(
        word,
        "b2.s1",
        "On the morning of June 5, the Da Nang City People's Committee opened "
        "a 320-metre footbridge.",
    )
    edit_sentence(
        word, "b5.s1", "The new footbridge seen from the east bank of the Han river (Photo: Thu Ha)"
    )


def test_consistent_changes_become_glossary_suggestions(
    exported: Path, memory: TranslationMemory
) -> None:
    report = import_review(review_file(exported, footbridge_reviewer), memory)
    found = {(s.vietnamese, s.english, s.replaces): s for s in report.suggestions}
    river = found[("sông Hàn", "Han river", "River")]
    assert river.segment_ids == ("b1.s1", "b5.s1")
    assert river.method == "changes the glossary's rendering"
    bridge = found[("cầu đi bộ", "footbridge", "pedestrian bridge")]
    assert bridge.segment_ids == ("b1.s1", "b2.s1")
    assert 'songngu glossary add "cầu đi bộ" "footbridge"' in render_report(report)


def test_a_change_made_once_is_not_a_suggestion(exported: Path, memory: TranslationMemory) -> None:
    reviewed = review_file(exported, lambda word: edit_sentence(word, "b3.s1", NEW["b3.s1"]))
    assert import_review(reviewed, memory).suggestions == ()


def test_suggestions_count_earlier_reviews_from_the_memory(
    exported: Path, memory: TranslationMemory, tmp_path: Path
) -> None:
    first = review_file(
        exported,
        lambda word: edit_sentence(
            word, "b1.s1", "Da Nang opens a new footbridge over the Han River"
        ),
    )
    assert import_review(first, memory).suggestions == ()
    other = build_document(
        [
            (
                BlockKind.PARAGRAPH,
                [
                    (
                        "Hà Nội xây thêm hai cầu đi bộ qua đường Láng.",
                        "Hanoi builds two more pedestrian bridge crossings on Lang Road.",
                    )
                ],
            )
        ],
        source_path="ha-noi.txt",
    )
    path = tmp_path / "ha-noi.vi-en.docx"
    write_docx(other, path)
    second = review_file(
        path,
        lambda word: edit_sentence(
            word, "b1.s1", "Hanoi builds two more footbridge crossings on Lang Road."
        ),
        "second.docx",
    )
    suggestions = import_review(second, memory).suggestions
    assert [(s.vietnamese, s.english, s.segment_ids) for s in suggestions] == [
        ("cầu đi bộ", "footbridge", ("b1.s1", "cau-di-bo.txt:b1.s1"))
    ]


# -- the CLI, and translate reusing what was reviewed -------------------------------------------


ARTICLE = (
    "Hà Nội mở thêm tuyến xe buýt điện nối sân bay với trung tâm.\n\n"
    "Tuyến mới chạy từ 5 giờ sáng. Giá vé là 35.000 đồng mỗi lượt.\n"
)


def invoke(runner: CliRunner, *arguments: str) -> object:
    result = runner.invoke(cli, list(arguments), obj=CliState())
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def test_translate_review_import_translate_reuses_the_review(
    runner: CliRunner, tmp_path: Path, private_memory: Path
) -> None:
    article = tmp_path / "xe-buyt.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    first = tmp_path / "first"
    invoke(runner, "translate", str(article), "-o", str(first), "-f", "docx,json", "--dry-run")
    reviewed = review_file(
        first / "xe-buyt.vi-en.docx",
        lambda word: edit_sentence(word, "b2.s2", "A ticket costs 35,000 dong per ride."),
    )
    report_path = tmp_path / "review.json"
    result = invoke(
        runner, "review", "import", str(reviewed), "--report", str(report_path), "--edited-only"
    )
    assert "1 edited, 2 unchanged" in result.output  # type: ignore[attr-defined]
    (report,) = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["counts"]["edited"] == 1
    assert report["segments"][2]["status"] == "edited"
    second = tmp_path / "second"
    result = invoke(
        runner, "translate", str(article), "-o", str(second), "-f", "docx,json", "--dry-run"
    )
    assert "(1 from memory)" in result.output  # type: ignore[attr-defined]
    data = json.loads((second / "xe-buyt.vi-en.json").read_text(encoding="utf-8"))
    segments = {s["id"]: s for block in data["blocks"] for s in block["segments"]}
    assert segments["b2.s2"]["target"] == "A ticket costs 35,000 dong per ride."
    assert segments["b2.s2"]["origin"] == "memory"
    assert segments["b2.s1"]["origin"] == "model"
    assert "numbers-differ" not in [issue["code"] for issue in segments["b2.s2"]["issues"]]


def test_translate_without_memory_neither_reads_nor_writes(
    runner: CliRunner, tmp_path: Path, private_memory: Path
) -> None:
    article = tmp_path / "xe-buyt.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    with TranslationMemory(private_memory) as store:
        from songngu.memory import MemoryEntry

        store.add([MemoryEntry("Tuyến mới chạy từ 5 giờ sáng.", "Reviewed.", EntryOrigin.REVIEWER)])
    out = tmp_path / "out"
    invoke(
        runner, "translate", str(article), "-o", str(out), "-f", "json", "--dry-run", "--no-memory"
    )
    data = json.loads((out / "xe-buyt.vi-en.json").read_text(encoding="utf-8"))
    assert {s["origin"] for b in data["blocks"] for s in b["segments"]} == {"model"}


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.slow
def test_a_file_saved_again_by_libreoffice_still_pairs(
    exported: Path, memory: TranslationMemory, tmp_path: Path
) -> None:
    reviewed = review_file(exported, lambda word: edit_sentence(word, "b3.s1", NEW["b3.s1"]))
    report = import_review(save_with_libreoffice(reviewed, tmp_path), memory)
    assert report.has_manifest
    status = {r.id: r.status for r in report.segments}
    assert status.pop("b3.s1") is SegmentStatus.EDITED
    assert set(status.values()) == {SegmentStatus.UNCHANGED}
    assert report.added_rows == ()


def save_with_libreoffice(path: Path, tmp_path: Path) -> Path:
    """Open ``path`` in LibreOffice and save it again as Word 2007 XML; return the new file."""
    profile, output = tmp_path / "profile", tmp_path / "libreoffice"
    subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{profile}",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(output),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return output / path.name
