"""Review that means approval: only edits and ticked rows go into the memory, with their state.

The evidence test of issue 16: 17 sentences, the reviewer edits 2 and ticks the OK box of 1
more; the memory then holds exactly 3 reviewed entries, whether the file was saved by python-docx
or (when installed) by LibreOffice.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from review_samples import build_document
from songngu.cli import cli
from songngu.cli.output import CliState
from songngu.memory import EntryOrigin, MemoryEntry, TranslationMemory
from songngu.memory.store import _SCHEMA
from songngu.model import BlockKind, Document, Issue, Severity, State, replace_segments
from songngu.ooxml.markup import parse_approval
from songngu.ooxml.writer import write_docx
from songngu.review import (
    ReviewOptions,
    ReviewReport,
    import_review,
    render_report,
    report_to_dict,
)
from test_review import Reviewer, edit_sentence, review_file, save_with_libreoffice, tick

REPETITION = Issue("repetition", Severity.ERROR, "The translation repeats itself.")


def seventeen_sentences() -> Document:
    """Return an article of 17 sentences in 7 rows; three carry an [error] repetition issue."""
    rows = [(BlockKind.HEADLINE, [("Tiêu đề bài báo số một", "Headline number one")])]
    for number in range(2, 8):
        count = 3 if number <= 5 else 2
        pairs = [
            (
                f"Câu thứ {sentence} của đoạn {number} nói về cầu.",
                f"Sentence {sentence} of {number}.",
            )
            for sentence in range(1, count + 1)
        ]
        rows.append((BlockKind.PARAGRAPH, pairs))
    document = build_document(rows, source_path="muoi-bay.txt")
    assert document.num_segments == 17
    flagged = {"b2.s1", "b3.s2", "b6.s2"}
    return replace_segments(
        document,
        {
            s.id: dataclasses.replace(s, issues=(REPETITION,))
            for s in document.iter_segments()
            if s.id in flagged
        },
    )


def two_edits_and_one_tick(word: object) -> None:
    edit_sentence(word, "b2.s2", "The second sentence, edited.")  # type: ignore[arg-type]
    edit_sentence(word, "b6.s2", "A repeated sentence, rewritten.")  # type: ignore[arg-type]
    tick(word, "b1")  # type: ignore[arg-type]


def import_reviewed(
    tmp_path: Path,
    reviewer: Reviewer,
    options: ReviewOptions | None = None,
    *,
    libreoffice: bool = False,
) -> tuple[ReviewReport, dict[str, MemoryEntry]]:
    """Export the 17 sentences, let ``reviewer`` work, import; return the report and the memory."""
    exported = tmp_path / "muoi-bay.vi-en.docx"
    write_docx(seventeen_sentences(), exported)
    reviewed = review_file(exported, reviewer)
    if libreoffice:
        reviewed = save_with_libreoffice(reviewed, tmp_path)
    with TranslationMemory(tmp_path / "memory.sqlite3") as memory:
        report = import_review(reviewed, memory, options)
        return report, {entry.segment_id: entry for entry in memory.iter_entries()}


SAVERS = [
    pytest.param("python-docx", id="python-docx"),
    pytest.param(
        "libreoffice",
        id="libreoffice",
        marks=[
            pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed"),
            pytest.mark.slow,
        ],
    ),
]


@pytest.mark.parametrize("saver", SAVERS)
def test_two_edits_and_one_tick_of_17_sentences_store_exactly_three(
    tmp_path: Path, saver: str
) -> None:
    report, entries = import_reviewed(
        tmp_path, two_edits_and_one_tick, libreoffice=saver == "libreoffice"
    )
    assert len(report.segments) == 17
    assert {i: (e.origin, e.state) for i, e in entries.items()} == {
        "b1.s1": (EntryOrigin.REVIEWER, State.FINAL),
        "b2.s2": (EntryOrigin.REVIEWER, State.REVIEWED),
        "b6.s2": (EntryOrigin.REVIEWER, State.REVIEWED),
    }
    assert entries["b1.s1"].reviewer == "Lan"
    assert report.approval.held == ()
    assert "Memory: 3 entries stored" in render_report(report)
    assert "(2 reviewed, 1 final)" in render_report(report)


def test_approve_unchanged_holds_back_rows_with_an_open_error(tmp_path: Path) -> None:
    options = ReviewOptions(approve_unchanged=True)
    report, entries = import_reviewed(tmp_path, two_edits_and_one_tick, options)
    states = {segment_id: entry.state for segment_id, entry in entries.items()}
    # b6.s2 was edited (the edit resolves it); b2.s1 and b3.s2 still carry their [error] comment.
    assert report.approval.held == ("b2.s1", "b3.s2")
    assert len(states) == 15
    assert states["b6.s2"] is State.REVIEWED
    assert sum(state is State.FINAL for state in states.values()) == 13
    text = render_report(report)
    assert "Not approved: 2 unchanged sentences with an open [error] QA comment" in text
    assert "  b2.s1  [error] comment open" in text
    assert "  b3.s2  [error] comment open" in text
    assert report_to_dict(report)["counts"]["held"] == 2


def test_a_ticked_row_with_an_open_error_is_approved_and_said_so(tmp_path: Path) -> None:
    report, _ = import_reviewed(tmp_path, lambda word: tick(word, "b3", "☑"))
    assert [sid for sid, _ in report.approval.stored] == ["b3.s1", "b3.s2", "b3.s3"]
    assert "b3.s2  approved explicitly with its [error] comment open" in render_report(report)


def test_an_unclear_mark_is_reported_not_guessed(tmp_path: Path) -> None:
    report, _ = import_reviewed(tmp_path, lambda word: tick(word, "b4", "?"))
    assert report.approval.stored == ()
    assert 'row b4: OK mark "?" not understood (type x); not approved' in render_report(report)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("☐", False),
        ("", False),
        (" x ", True),
        ("☐ X", True),
        ("☑", True),
        ("✓", True),
        ("yes", True),
        ("OK", True),
        ("?", None),
        ("no", None),
    ],
)
def test_approval_marks(text: str, expected: bool | None) -> None:
    assert parse_approval(text) is expected


def test_the_cli_switch_and_the_old_edited_only_flag(
    runner: CliRunner, tmp_path: Path, private_memory: Path
) -> None:
    exported = tmp_path / "muoi-bay.vi-en.docx"
    write_docx(seventeen_sentences(), exported)
    reviewed = review_file(exported, two_edits_and_one_tick)
    result = runner.invoke(
        cli, ["review", "import", str(reviewed), "--edited-only"], obj=CliState()
    )
    assert result.exit_code == 0, result.output
    assert "Memory: 2 entries stored" in result.output, "--edited-only ignores the tick"
    both = ["review", "import", str(reviewed), "--edited-only", "--approve-unchanged"]
    assert runner.invoke(cli, both, obj=CliState()).exit_code == 2
    report = tmp_path / "report.json"
    arguments = ["review", "import", str(reviewed), "--approve-unchanged", "--report", str(report)]
    result = runner.invoke(cli, arguments, obj=CliState())
    assert result.exit_code == 0, result.output
    assert "Memory: 15 entries stored" in result.output
    (data,) = json.loads(report.read_text(encoding="utf-8"))
    assert data["approval"]["held"] == ["b2.s1", "b3.s2"]


def test_a_schema_1_memory_is_migrated_and_untouched_reviews_lose_their_vetting(
    tmp_path: Path,
) -> None:
    path = tmp_path / "memory.sqlite3"
    connection = sqlite3.connect(path)
    connection.executescript(SCHEMA_1)
    rows = [
        ("a", "untouched", "reviewer", "untouched"),
        ("b", "edited", "reviewer", "machine"),
        ("c", "from a tmx", "import", ""),
        ("d", "machine", "model", ""),
    ]
    connection.executemany(
        "INSERT INTO entries (source_key, source, target, origin, original, created, updated) "
        "VALUES (?, ?, ?, ?, ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')",
        [(key, key, target, origin, original) for key, target, origin, original in rows],
    )
    connection.commit()
    connection.close()
    with TranslationMemory(path) as memory:
        states = {entry.source: entry.state for entry in memory.iter_entries()}
    assert states == {
        "a": State.TRANSLATED,
        "b": State.REVIEWED,
        "c": State.REVIEWED,
        "d": State.TRANSLATED,
    }
    with sqlite3.connect(path) as connection:
        version = connection.execute("SELECT value FROM meta").fetchone()
    assert version == ("2",)


def test_tmx_carries_the_state(tmp_path: Path) -> None:
    from songngu.memory import read_tmx, write_tmx

    entries = [MemoryEntry("Xin chào.", "Hello.", EntryOrigin.REVIEWER, state=State.FINAL)]
    write_tmx(entries, tmp_path / "memory.tmx")
    (entry,) = read_tmx(tmp_path / "memory.tmx").entries
    assert entry.state is State.FINAL


ARTICLE = (
    "Hà Nội mở thêm tuyến xe buýt điện.\n\nTuyến mới chạy từ 5 giờ sáng. Giá vé là 35.000 đồng.\n"
)


def test_reuse_shows_the_state_and_who_vetted_it(
    runner: CliRunner, tmp_path: Path, private_memory: Path
) -> None:
    article = tmp_path / "xe-buyt.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    options = ["-f", "docx,json", "--dry-run"]
    first = runner.invoke(
        cli, ["translate", str(article), "-o", str(tmp_path / "a"), *options], obj=CliState()
    )
    assert first.exit_code == 0, first.output
    reviewed = review_file(
        tmp_path / "a" / "xe-buyt.vi-en.docx",
        lambda word: edit_sentence(word, "b2.s2", "A ticket costs 35,000 dong."),
    )
    imported = runner.invoke(cli, ["review", "import", str(reviewed)], obj=CliState())
    assert imported.exit_code == 0, imported.output
    second = runner.invoke(
        cli, ["translate", str(article), "-o", str(tmp_path / "b"), *options], obj=CliState()
    )
    assert second.exit_code == 0, second.output
    data = json.loads((tmp_path / "b" / "xe-buyt.vi-en.json").read_text(encoding="utf-8"))
    segments = {s["id"]: s for block in data["blocks"] for s in block["segments"]}
    assert (segments["b2.s2"]["state"], segments["b2.s2"]["reviewer"]) == ("reviewed", "Lan")
    assert segments["b2.s2"]["reviewed_at"]
    assert segments["b1.s1"]["state"] == "translated", "model output from the first run's memory"


# Schema 1 is schema 2 without the state column.
SCHEMA_1 = _SCHEMA.replace("    state TEXT NOT NULL DEFAULT 'translated',\n", "") + (
    "INSERT INTO meta VALUES ('schema_version', '1');"
)


def resolve_comment_on(path: Path, segment_id: str) -> Path:
    """Resolve the QA comment on ``segment_id`` as Word and LibreOffice do (commentsExtended)."""
    from songngu.ooxml.review_file import read_review_file

    numbers = [c.segment_id for c in read_review_file(path).comments]
    index = numbers.index(segment_id)
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    w14 = "http://schemas.microsoft.com/office/word/2010/wordml"
    w15 = "http://schemas.microsoft.com/office/word/2012/wordml"
    target = path.with_name("resolved.docx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/comments.xml":
                root = etree.fromstring(data)
                paragraph = root.findall(f"{{{w}}}comment")[index].findall(f"{{{w}}}p")[-1]
                paragraph.set(f"{{{w14}}}paraId", "1A2B3C4D")
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
            copy.writestr(item, data)
        copy.writestr(
            "word/commentsExtended.xml",
            f'<w15:commentsEx xmlns:w15="{w15}">'
            '<w15:commentEx w15:paraId="1A2B3C4D" w15:done="1"/></w15:commentsEx>',
        )
    return target


def test_a_resolved_error_comment_no_longer_holds_its_sentence(tmp_path: Path) -> None:
    exported = tmp_path / "muoi-bay.vi-en.docx"
    write_docx(seventeen_sentences(), exported)
    reviewed = resolve_comment_on(review_file(exported, two_edits_and_one_tick), "b2.s1")
    with TranslationMemory(tmp_path / "memory.sqlite3") as memory:
        report = import_review(reviewed, memory, ReviewOptions(approve_unchanged=True))
    assert report.approval.held == ("b3.s2",)


def test_a_review_file_from_before_the_ok_column_still_imports_its_edits(tmp_path: Path) -> None:
    def two_columns_and_an_edit(word: object) -> None:
        for row in word.tables[0].rows:  # type: ignore[attr-defined]
            row._tr.remove(row.cells[2]._tc)
        edit_sentence(word, "b2.s2", "The second sentence, edited.")  # type: ignore[arg-type]

    report, entries = import_reviewed(tmp_path, two_columns_and_an_edit)
    assert {i: e.state for i, e in entries.items()} == {"b2.s2": State.REVIEWED}
    assert report.approval.unclear_marks == ()
