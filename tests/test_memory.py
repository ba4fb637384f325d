"""The translation memory: keys, priorities, scoping, the translate policy, TMX in and out."""

from __future__ import annotations

import dataclasses
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from review_samples import build_document
from songngu.backends.fake import FakeBackend
from songngu.cli import cli
from songngu.cli.output import CliState
from songngu.errors import InputError, MemoryStoreError
from songngu.memory import (
    EntryOrigin,
    MemoryEntry,
    MemorySession,
    TranslationMemory,
    default_memory_path,
    read_tmx,
    render_tmx,
    source_key,
    write_tmx,
)
from songngu.model import BlockKind, Issue, Origin, Severity, replace_segments
from songngu.pipeline import Pipeline, TranslationSettings
from songngu.readers import read_document

DTD = Path(__file__).parent / "data" / "tmx14.dtd"
XML = "http://www.w3.org/XML/1998/namespace"
SOURCE = "Ủy ban nhân dân tỉnh Khánh Hòa họp phiên thường kỳ tháng Ba."


@pytest.fixture
def memory(tmp_path: Path) -> TranslationMemory:
    with TranslationMemory(tmp_path / "tm" / "memory.sqlite3") as store:
        yield store


def entry(target: str, origin: EntryOrigin, **fields: str) -> MemoryEntry:
    return MemoryEntry(source=fields.pop("source", SOURCE), target=target, origin=origin, **fields)


# -- keys ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (SOURCE, unicodedata.normalize("NFD", SOURCE)),
        (SOURCE, SOURCE.replace("Khánh Hòa", "Khánh Hoà")),
        (SOURCE, SOURCE.replace("Ủy", "Uỷ")),
        (SOURCE, "  " + SOURCE.replace(" ", "\n  ", 2) + " "),
    ],
    ids=["nfd", "tone-placement-hoa", "tone-placement-uy", "whitespace"],
)
def test_source_key_folds_form_tone_placement_and_spacing(first: str, second: str) -> None:
    assert source_key(first) == source_key(second)


@pytest.mark.parametrize(
    "other",
    [SOURCE.upper(), SOURCE.replace(".", "!"), SOURCE.replace("Hòa", "Hoa")],
    ids=["case", "punctuation", "tone-missing"],
)
def test_source_key_keeps_case_punctuation_and_tones(other: str) -> None:
    assert source_key(SOURCE) != source_key(other)


# -- store -----------------------------------------------------------------------------------


def test_lookup_prefers_reviewer_then_import_then_model(memory: TranslationMemory) -> None:
    memory.add([entry("model", EntryOrigin.MODEL, signature="run-a")])
    assert memory.lookup([SOURCE], "run-a")[SOURCE].target == "model"
    memory.add([entry("imported", EntryOrigin.IMPORT)])
    assert memory.lookup([SOURCE], "run-a")[SOURCE].target == "imported"
    memory.add([entry("reviewed", EntryOrigin.REVIEWER, reviewer="Lan")])
    found = memory.lookup([SOURCE.replace("Hòa", "Hoà")], "run-a")
    assert found[SOURCE.replace("Hòa", "Hoà")].target == "reviewed"
    assert found[SOURCE.replace("Hòa", "Hoà")].reviewer == "Lan"


def test_model_entries_match_only_their_own_run_signature(memory: TranslationMemory) -> None:
    memory.add([entry("from run a", EntryOrigin.MODEL, signature="run-a")])
    assert memory.lookup([SOURCE], "run-b") == {}
    assert memory.lookup([SOURCE]) == {}
    assert memory.lookup([SOURCE], "run-a")[SOURCE].target == "from run a"


def test_a_newer_review_replaces_the_older_one(memory: TranslationMemory) -> None:
    memory.add([entry("first review", EntryOrigin.REVIEWER, created="2024-01-01T00:00:00Z")])
    memory.add([entry("second review", EntryOrigin.REVIEWER)])
    assert memory.count_by_origin()["reviewer"] == 1
    found = memory.lookup([SOURCE])[SOURCE]
    assert (found.target, found.created) == ("second review", "2024-01-01T00:00:00Z")


def test_empty_sources_and_targets_are_not_stored(memory: TranslationMemory) -> None:
    stored = memory.add(
        [entry("  ", EntryOrigin.REVIEWER), entry("x", EntryOrigin.REVIEWER, source=" ")]
    )
    assert stored == 0
    assert memory.count_by_origin() == {"reviewer": 0, "import": 0, "model": 0}


def test_reading_a_missing_memory_does_not_create_it(tmp_path: Path) -> None:
    path = tmp_path / "nowhere" / "memory.sqlite3"
    with TranslationMemory(path) as store:
        assert store.lookup([SOURCE]) == {}
        assert list(store.iter_entries()) == []
    assert not path.parent.exists()


def test_an_unwritable_location_is_reported_with_the_way_out(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with (
        TranslationMemory(blocker / "memory.sqlite3") as store,
        pytest.raises(MemoryStoreError, match=r"cannot open the translation memory.*--memory"),
    ):
        store.add([entry("x", EntryOrigin.REVIEWER)])


def test_a_memory_from_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "memory.sqlite3"
    with TranslationMemory(path) as store:
        store.add([entry("x", EntryOrigin.REVIEWER)])
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with TranslationMemory(path) as store, pytest.raises(MemoryStoreError, match="schema 99"):
        store.lookup([SOURCE])


@pytest.mark.parametrize(
    ("environment", "platform", "expected"),
    [
        ({"XDG_DATA_HOME": "/data", "HOME": "/home/lan"}, "linux", "/data/songngu"),
        ({"HOME": "/home/lan"}, "linux", "/home/lan/.local/share/songngu"),
        ({"HOME": "/Users/lan"}, "darwin", "/Users/lan/.local/share/songngu"),
        (
            {"LOCALAPPDATA": "C:/Users/lan/AppData/Local"},
            "win32",
            "C:/Users/lan/AppData/Local/songngu",
        ),
    ],
)
def test_default_memory_path_follows_the_platform_conventions(
    environment: dict[str, str], platform: str, expected: str
) -> None:
    assert default_memory_path(environment, platform) == Path(expected) / "memory.sqlite3"


# -- the translate policy --------------------------------------------------------------------


ARTICLE = "Giá xăng giảm nhẹ từ chiều nay.\n\nNhiều cửa hàng điều chỉnh bảng giá ngay lập tức.\n"
SETTINGS = TranslationSettings(backend="fake", use_shipped_glossary=False)


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "gia-xang.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_a_rerun_takes_every_sentence_from_the_memory(
    memory: TranslationMemory, article: Path
) -> None:
    backend = FakeBackend()
    pipeline = Pipeline(SETTINGS, translator=backend)
    session = MemorySession(memory, str(pipeline.signature))
    first = pipeline.translate(read_document(article), memory=session)
    calls = backend.num_sources
    second = pipeline.translate(read_document(article), memory=session)
    assert backend.num_sources == calls, "the rerun must not send anything to the model"
    assert {s.origin for s in first.iter_segments()} == {Origin.MODEL}
    assert {s.origin for s in second.iter_segments()} == {Origin.MEMORY}
    assert [s.target for s in second.iter_segments()] == [s.target for s in first.iter_segments()]
    assert memory.count_by_origin()["model"] == first.num_segments


def test_a_model_entry_from_another_run_is_not_reused(
    memory: TranslationMemory, article: Path
) -> None:
    memory.add(
        [entry("Old model output.", EntryOrigin.MODEL, source="Giá xăng giảm nhẹ từ chiều nay.")]
    )
    pipeline = Pipeline(SETTINGS)
    session = MemorySession(memory, str(pipeline.signature))
    document = pipeline.translate(read_document(article), memory=session)
    assert {s.origin for s in document.iter_segments()} == {Origin.MODEL}


def test_reviewer_entries_are_reused_by_any_run(memory: TranslationMemory, article: Path) -> None:
    reviewed = "Petrol prices edge down from this afternoon."
    memory.add([entry(reviewed, EntryOrigin.REVIEWER, source="Giá xăng giảm nhẹ từ chiều nay.")])
    pipeline = Pipeline(SETTINGS)
    session = MemorySession(memory, str(pipeline.signature), store_model=False)
    document = pipeline.translate(read_document(article), memory=session)
    first, second = document.iter_segments()
    assert (first.origin, first.target) == (Origin.MEMORY, reviewed)
    assert second.origin is Origin.MODEL
    assert memory.count_by_origin()["model"] == 0, "--no-store-model stores nothing"


def test_an_unwritable_memory_costs_the_reuse_not_the_translation(
    tmp_path: Path, article: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    pipeline = Pipeline(SETTINGS)
    with TranslationMemory(blocker / "memory.sqlite3") as store:
        session = MemorySession(store, str(pipeline.signature))
        document = pipeline.translate(read_document(article), memory=session)
    assert all(segment.target for segment in document.iter_segments())
    assert "Translation memory not updated" in caplog.text


def test_unfit_model_output_is_not_stored(memory: TranslationMemory) -> None:
    rows = [("Câu một.", "One."), ("Câu hai.", "Two."), ("Câu ba.", "Three."), ("Câu bốn.", "4.")]
    document = build_document([(BlockKind.PARAGRAPH, rows)])
    first, repeated, capped, reused = document.iter_segments()
    document = replace_segments(
        document,
        {
            repeated.id: dataclasses.replace(
                repeated, issues=(Issue("repetition", Severity.ERROR, "'two' is repeated."),)
            ),
            capped.id: dataclasses.replace(
                capped, issues=(Issue("length-cap", Severity.WARNING, "Stopped at the cap."),)
            ),
            reused.id: dataclasses.replace(reused, origin=Origin.MEMORY),
        },
    )
    assert MemorySession(memory, "backend:fake").record(document) == 1
    assert [stored.source for stored in memory.iter_entries()] == [first.source]


# -- TMX -------------------------------------------------------------------------------------


ENTRIES = [
    MemoryEntry(
        SOURCE,
        "The Khanh Hoa Provincial People's Committee held its regular March meeting.",
        EntryOrigin.REVIEWER,
        signature="backend:transformers|model:x",
        document="articles/khanh-hoa.txt",
        segment_id="b2.s1",
        reviewer="Lan",
        original="The People's Committee of Khanh Hoa met.",
        created="2024-03-12T08:30:00Z",
        updated="2024-03-13T09:45:10Z",
    ),
    MemoryEntry(
        "Tin & ảnh: <Minh Anh>",
        "Story & photo: <Minh Anh>",
        EntryOrigin.IMPORT,
        level="block",
        created="2023-12-01T00:00:00Z",
        updated="2023-12-01T00:00:00Z",
    ),
]


def test_tmx_export_is_valid_tmx_1_4(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx(ENTRIES, path)
    document = etree.parse(str(path))
    assert etree.DTD(str(DTD)).validate(document), etree.DTD(str(DTD)).error_log
    header = document.getroot().find("header")
    assert header.get("srclang") == "vi-VN"
    assert header.get("o-tmf") == "songngu"
    languages = [
        tuv.get("{http://www.w3.org/XML/1998/namespace}lang") for tuv in document.iter("tuv")
    ]
    assert languages == ["vi-VN", "en-GB", "vi-VN", "en-GB"]
    first = document.getroot().find("body/tu")
    assert (first.get("creationdate"), first.get("changedate")) == (
        "20240312T083000Z",
        "20240313T094510Z",
    )
    assert first.get("creationid") == "Lan"


def test_tmx_round_trip_keeps_every_field(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    write_tmx(ENTRIES, path)
    result = read_tmx(path)
    assert result.num_skipped == 0
    assert list(result.entries) == [
        dataclasses.replace(entry, state=entry.effective_state) for entry in ENTRIES
    ]


FOREIGN_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx11.dtd">
<tmx version="1.1">
  <header creationtool="OmegaT" creationtoolversion="6" segtype="sentence" o-tmf="OmegaT TMX"
          adminlang="EN-US" srclang="VI" datatype="plaintext"/>
  <body>
    <tu>
      <tuv lang="VI">
        <seg>Lũ <bpt i="1">&lt;b&gt;</bpt>dâng cao<ept i="1">&lt;/b&gt;</ept> ở miền Trung.</seg>
      </tuv>
      <tuv lang="EN-US"><seg>Floods <hi>rise</hi> in the <ph>{0}</ph>central region.</seg></tuv>
    </tu>
    <tu creationdate="20220105T101010Z">
      <tuv xml:lang="vi-VN"><seg>Trời nắng.</seg></tuv>
      <tuv xml:lang="en-GB"><seg>It is sunny.</seg></tuv>
      <tuv xml:lang="fr-FR"><seg>Il fait beau.</seg></tuv>
    </tu>
    <tu>
      <tuv xml:lang="vi"><seg>Chỉ có tiếng Việt.</seg></tuv><tuv xml:lang="de"><seg>Nur.</seg></tuv>
    </tu>
  </body>
</tmx>
"""


def test_tmx_from_other_tools_is_read_without_inline_codes(tmp_path: Path) -> None:
    path = tmp_path / "omegat.tmx"
    path.write_text(FOREIGN_TMX, encoding="utf-8")
    result = read_tmx(path)
    assert result.num_skipped == 1
    first, second = result.entries
    assert (first.source, first.target) == (
        "Lũ dâng cao ở miền Trung.",
        "Floods rise in the central region.",
    )
    assert first.origin is EntryOrigin.IMPORT
    assert (second.target, second.created) == ("It is sunny.", "2022-01-05T10:10:10Z")


@pytest.mark.parametrize("content", ["not xml at all", "<html><body/></html>"])
def test_a_file_that_is_not_tmx_is_refused(tmp_path: Path, content: str) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tmx"):
        read_tmx(path)


def test_tmx_export_drops_characters_xml_cannot_hold() -> None:
    text = render_tmx([MemoryEntry("Câu\x0b một.", "One\x01.", EntryOrigin.REVIEWER)])
    assert "Câu một." in text
    assert "One." in text
    etree.fromstring(text.encode("utf-8"))


# -- CLI -------------------------------------------------------------------------------------


def test_memory_commands_export_import_and_info(
    runner: CliRunner, tmp_path: Path, private_memory: Path
) -> None:
    with TranslationMemory(private_memory) as store:
        store.add([*ENTRIES, entry("raw model output", EntryOrigin.MODEL, signature="s")])
    exported = tmp_path / "team.tmx"
    result = runner.invoke(cli, ["memory", "export", "--tmx", str(exported)], obj=_state())
    assert result.exit_code == 0, result.output
    assert "2 translation units" in result.output
    assert "raw model output" not in exported.read_text(encoding="utf-8")
    again = runner.invoke(cli, ["memory", "export", "--tmx", str(exported)], obj=_state())
    assert again.exit_code != 0
    assert "--force" in str(again.exception)
    other = tmp_path / "other.sqlite3"
    result = runner.invoke(
        cli, ["memory", "import", str(exported), "--memory", str(other)], obj=_state()
    )
    assert result.exit_code == 0, result.output
    info = runner.invoke(cli, ["memory", "info", "--memory", str(other)], obj=_state())
    assert str(other) in info.output
    assert "reviewer  1" in info.output
    assert "import    1" in info.output
    assert "0 translated, 2 reviewed, 0 final" in info.output


def test_memory_export_can_include_model_output(
    runner: CliRunner, tmp_path: Path, private_memory: Path
) -> None:
    with TranslationMemory(private_memory) as store:
        store.add([entry("raw model output", EntryOrigin.MODEL, signature="s")])
    exported = tmp_path / "all.tmx"
    arguments = ["memory", "export", "--tmx", str(exported), "--include-model"]
    assert runner.invoke(cli, arguments, obj=_state()).exit_code == 0
    assert '<prop type="x-origin">model</prop>' in exported.read_text(encoding="utf-8")


def _state() -> CliState:
    return CliState()
