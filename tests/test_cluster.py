"""``songngu translate --cluster ray``: a local Ray instance of 2 CPUs, the tiny Marian model.

A cluster run writes what a local run writes; a worker killed mid-run costs nothing; Ctrl-C
stops the workers and keeps the journal, and the next run translates only what is missing; a
bad file fails alone with the local message; a missing model or an unreachable cluster is one
line before anything is written (``docs/design/cluster.md``).
"""

from __future__ import annotations

import logging
import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import ray

from corpus import run_main
from songngu.backends import GenerationSettings
from songngu.clusters import ClusterOptions
from songngu.clusters.ray_workers import start_ray_workers
from songngu.clusters.work import WorkItem
from songngu.errors import ClusterError, InputError, ModelUnavailableError, TranslationInterrupted
from songngu.file_jobs import FileResult
from songngu.glossary import load_glossary
from songngu.model import Origin, Segment
from songngu.pipeline import TranslationSettings
from songngu.readers import read_document
from songngu.run import MemoryOptions, OutputOptions, translate_files
from songngu.translation import Progress
from tiny_models import MARIAN_REPO_ID, VIETNAMESE_LINES, install_in_hub_cache, isolate_hub

pytestmark = [pytest.mark.cluster, pytest.mark.model]

# A .docx holds zip timestamps (its text is what the md says); an XLIFF file, one date.
FORMATS = ("md", "json", "xliff")
SETTINGS = TranslationSettings()  # transformers, opus-mt (the tiny Marian in the hub cache)
FAKE = TranslationSettings(backend="fake")
# Windows of a few sentences, so that a dozen short files keep both workers busy.
TWO_WORKERS = ClusterOptions(workers=2, threads=1, window_sentences=4)
WORKER_TITLE = "ray::TranslationWorker"
SHARED = "Bộ Công an cho biết sẽ tiếp tục theo dõi sát tình hình."


@pytest.fixture(scope="module")
def ray_instance(
    tiny_model_dirs: dict[str, Path],
    tiny_hub_cache_dir: Path,
    songngu_cache_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """Start Ray with 2 CPUs; its workers see the offline hub cache that holds the tiny model."""
    with pytest.MonkeyPatch.context() as patch:
        install_in_hub_cache(tiny_hub_cache_dir, MARIAN_REPO_ID, tiny_model_dirs[MARIAN_REPO_ID])
        # Ray's processes inherit the environment of the moment it starts.
        isolate_hub(patch, tiny_hub_cache_dir, tmp_path_factory.mktemp("ray-hf-home"))
        patch.setenv("XDG_CACHE_HOME", str(songngu_cache_dir))
        patch.delenv("RAY_ADDRESS", raising=False)
        ray.init(num_cpus=2, include_dashboard=False, logging_level=logging.ERROR)
        try:
            yield
        finally:
            ray.shutdown()


def _archive(folder: Path, num_files: int = 12, *, shared: bool = False) -> Path:
    """Write short articles of two or three sentences each; return the folder.

    With ``shared``, every third article also ends with the same boilerplate line, which a
    local run takes from the memory in every article after the first.
    """
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(num_files):
        start = 3 * number % len(VIETNAMESE_LINES)
        lines = [*VIETNAMESE_LINES[start : start + 2 + number % 2]]
        if shared and number % 3 == 1:
            lines.append(SHARED)
        (folder / f"a{number:02d}.txt").write_text(" ".join(lines) + "\n", encoding="utf-8")
    return folder


def _outputs(folder: Path) -> dict[str, bytes]:
    """Return each output's bytes (an XLIFF file's date left out)."""
    return {
        path.name: re.sub(rb' date="[^"]*"', b"", path.read_bytes())
        for path in sorted(folder.iterdir())
        if not path.name.startswith(".")
    }


def _run(
    folder: Path,
    output_dir: Path,
    cluster: ClusterOptions | None,
    settings: TranslationSettings = SETTINGS,
    **options: object,
) -> list[FileResult]:
    memory = MemoryOptions(output_dir.parent / f"{output_dir.name}-memory.sqlite3")
    results = translate_files(
        [str(folder)],
        settings,
        OutputOptions(output_dir, FORMATS),
        memory=memory,
        cluster=cluster,
        **options,  # type: ignore[arg-type]
    )
    return list(results)


def _worker_pids() -> set[int]:
    """Return the process ids of the running translation workers (Ray titles them)."""
    pids = set()
    for entry in Path("/proc").iterdir():
        try:
            title = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if entry.name.isdigit() and title.startswith(WORKER_TITLE.encode()):
            pids.add(int(entry.name))
    return pids


def _wait_for(condition: object, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.2)
    return False


def test_a_cluster_run_writes_what_a_local_run_writes(ray_instance, hub_cache, tmp_path):
    folder = _archive(tmp_path / "in", shared=True)
    local = _run(folder, tmp_path / "local", None)
    clustered = _run(folder, tmp_path / "cluster", TWO_WORKERS)

    assert [r.error for r in clustered] == [None] * 12
    assert sorted(r.path for r in clustered) == sorted(r.path for r in local)
    assert _outputs(tmp_path / "cluster") == _outputs(tmp_path / "local")
    assert len(_outputs(tmp_path / "cluster")) == 3 * 12
    # Finished: the journal is gone, and the run's translations are in its memory.
    assert not list((tmp_path / "cluster").glob(".songngu-journal-*"))
    assert (tmp_path / "cluster-memory.sqlite3").stat().st_size > 0


def test_a_sentence_repeated_across_files_is_reused_from_the_memory_as_locally(
    ray_instance, tmp_path
):
    # The fake engine's output is fit to store (the tiny model's is flagged, so never stored).
    folder = _archive(tmp_path / "in", num_files=15, shared=True)
    local = _run(folder, tmp_path / "local", None, settings=FAKE)
    clustered = _run(folder, tmp_path / "cluster", TWO_WORKERS, settings=FAKE)

    assert _outputs(tmp_path / "cluster") == _outputs(tmp_path / "local")
    # The boilerplate line (and the sentences of a14, which repeats a00's): translated once,
    # then taken from the memory in every later file.
    assert _reused(clustered) == _reused(local)
    assert {"a04.txt", "a07.txt", "a10.txt", "a13.txt", "a14.txt"} <= set(_reused(local))


def _reused(results: list[FileResult]) -> list[str]:
    return sorted(
        Path(result.path).name
        for result in results
        if any(segment.origin is Origin.MEMORY for segment in _segments(result))
    )


def _segments(result: FileResult) -> list[Segment]:
    assert result.document is not None
    return list(result.document.iter_segments())


def test_a_killed_worker_costs_nothing(ray_instance, hub_cache, tmp_path):
    folder = _archive(tmp_path / "in", num_files=16, shared=True)
    results = translate_files(
        [str(folder)],
        SETTINGS,
        OutputOptions(tmp_path / "cluster", FORMATS),
        memory=MemoryOptions(tmp_path / "cluster-memory.sqlite3"),
        cluster=ClusterOptions(workers=2, threads=1, window_sentences=3),
    )
    first = next(results)
    killed = _worker_pids()
    assert len(killed) == 2
    for pid in killed:  # both, while the windows submitted to them are in flight
        os.kill(pid, signal.SIGKILL)
    rest = list(results)

    assert [r.error for r in [first, *rest]] == [None] * 16
    _run(folder, tmp_path / "local", None)
    assert _outputs(tmp_path / "cluster") == _outputs(tmp_path / "local")


def test_every_worker_gets_a_window_at_once(ray_instance, tmp_path):
    # Two windows, two workers: each takes one (both filled the first worker before a fix).
    glossary = load_glossary((), include_shipped=False)
    workers = start_ray_workers(TWO_WORKERS, FAKE, glossary)
    try:
        documents = [read_document(str(path)) for path in sorted(_archive(tmp_path).iterdir())]
        windows = [[WorkItem(doc.meta.source_path, doc)] for doc in documents[:2]]
        outcomes = [outcome for done in workers.translate(windows) for outcome in done]
    finally:
        workers.close()
    assert [outcome.error for outcome in outcomes] == ["", ""]
    assert {outcome.worker for outcome in outcomes} == set(workers.pids)
    assert len(set(workers.pids)) == 2


def test_ctrl_c_stops_the_workers_keeps_the_journal_and_a_rerun_finishes(
    ray_instance, hub_cache, tmp_path
):
    folder = _archive(tmp_path / "in")
    output_dir = tmp_path / "cluster"

    def progress_for(_label: str):
        def progress(event: Progress) -> None:
            if event.done >= 4:  # after the first file of the first window is written
                raise KeyboardInterrupt

        return progress

    with pytest.raises(TranslationInterrupted) as interrupted:
        _run(folder, output_dir, TWO_WORKERS, progress_for=progress_for)

    assert interrupted.value.journal_path.exists()
    written = sorted(path.name for path in output_dir.glob("*.md"))
    assert 0 < len(written) < 12
    assert _wait_for(lambda: not _worker_pids())  # the workers are stopped

    rerun = _run(folder, output_dir, TWO_WORKERS)
    resumed = sorted(Path(r.path).stem + ".vi-en.md" for r in rerun if r.is_resumed)
    assert resumed == written
    assert [r.error for r in rerun] == [None] * 12
    _run(folder, tmp_path / "local", None)
    assert _outputs(output_dir) == _outputs(tmp_path / "local")


def test_a_bad_file_fails_alone_with_the_local_message(ray_instance, hub_cache, tmp_path):
    folder = _archive(tmp_path / "in", num_files=4)
    (folder / "broken.docx").write_bytes(b"this is no Word file")
    local = {r.path: r for r in _run(folder, tmp_path / "local", None)}
    clustered = {r.path: r for r in _run(folder, tmp_path / "cluster", TWO_WORKERS)}

    broken = str(folder / "broken.docx")
    assert isinstance(clustered[broken].error, InputError)
    assert str(clustered[broken].error) == str(local[broken].error)
    assert [r.error for path, r in clustered.items() if path != broken] == [None] * 4


def test_a_missing_model_stops_before_any_write(ray_instance, hub_cache, tmp_path):
    missing = GenerationSettings(model="Helsinki-NLP/opus-mt-vi-fr")  # not in the cache
    settings = TranslationSettings(generation=missing)
    options = OutputOptions(tmp_path / "cluster", FORMATS)
    folder = _archive(tmp_path / "in", num_files=2)

    with pytest.raises(ModelUnavailableError) as on_cluster:
        translate_files([str(folder)], settings, options, cluster=TWO_WORKERS)
    with pytest.raises(ModelUnavailableError) as local:
        translate_files([str(folder)], settings, options)

    assert str(on_cluster.value) == str(local.value)
    assert "\n" not in str(on_cluster.value)
    assert not options.output_dir.exists()
    assert _wait_for(lambda: not _worker_pids())


def test_the_command_line_runs_on_the_cluster(ray_instance, hub_cache, tmp_path, capsys):
    folder = _archive(tmp_path / "in", num_files=3)
    code, _, err = run_main(
        [
            "translate",
            str(folder),
            "-o",
            str(tmp_path / "out"),
            "-f",
            "md",
            "--cluster",
            "ray",
            "--workers",
            "2",
            "--threads",
            "1",
        ],
        capsys,
    )
    assert code == 0, err
    assert "3 files on 2 ray workers" in err
    assert "3 files: 3 translated" in err
    assert len(list((tmp_path / "out").glob("*.md"))) == 3


@pytest.mark.parametrize(
    ("options", "code", "message"),
    [
        (["--workers", "3"], 2, "--workers needs --cluster ray."),
        (
            ["--cluster", "ray", "--workers", "3", "--threads", "1"],
            1,
            "Error: The Ray cluster has 2 CPUs; 3 workers of 1 thread need 3: lower --workers "
            "or --threads.",
        ),
    ],
)
def test_cluster_options_that_cannot_work_are_one_line(
    ray_instance, tmp_path, capsys, options, code, message
):
    folder = _archive(tmp_path / "in", num_files=1)
    status, _, err = run_main(
        ["translate", str(folder), "-o", str(tmp_path / "out"), *options], capsys
    )
    assert status == code
    assert message in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_an_unreachable_cluster_address_is_one_line_in_seconds(tmp_path, monkeypatch):
    from songngu.clusters.ray_workers import _connect

    monkeypatch.setenv("RAY_ADDRESS", "127.0.0.1:9")  # the discard port: nothing listens
    monkeypatch.setattr(ray, "is_initialized", lambda: False)
    started = time.monotonic()
    with pytest.raises(ClusterError, match=r"Cannot reach the Ray cluster at RAY_ADDRESS=127"):
        _connect()
    assert time.monotonic() - started < 10
