"""Issue 17: an archive of 40 short articles on Ray, 1 worker versus 2 workers of one thread.

``python benchmarks/cluster.py`` builds (once) the full-size random-weight opus-mt of
``workload.py``, writes 40 articles of about 60 words (consecutive sentences of the benchmark
article), and runs, back to back in fresh processes, ``songngu translate FOLDER --backend ct2``:

- locally with ``--threads 1`` (the reference for the per-file overhead),
- ``--cluster ray --workers 1 --threads 1``,
- ``--cluster ray --workers 2 --threads 1``,

each with a local Ray instance started by the command itself (start-up, model loads and writes
included: the wall time a user waits). It prints each run's seconds and sentences/s, the
speed-up of 2 workers over 1, and the overhead per file of the cluster run over the local one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from workload import article_sentences, install_environment, prepare_archive, prepare_model

HERE = Path(__file__).resolve().parent
NUM_FILES = 40
RUNS = {
    "local, 1 thread": ["--threads", "1"],
    "ray, 1 worker x 1 thread": ["--cluster", "ray", "--workers", "1", "--threads", "1"],
    "ray, 2 workers x 1 thread": ["--cluster", "ray", "--workers", "2", "--threads", "1"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=HERE / "data" / "han-man-mien-tay.txt")
    parser.add_argument("--work-dir", type=Path, default=HERE / "results" / "work")
    parser.add_argument("--max-length-ratio", default="0.89", help="as in archive-batching.md")
    arguments = parser.parse_args()
    work_dir = arguments.work_dir.resolve()
    model_dir = prepare_model(work_dir, arguments.article)
    environment = install_environment(work_dir, model_dir, "Helsinki-NLP/opus-mt-vi-en")
    folder = _forty_articles(work_dir, arguments.article)
    num_sentences = sum(len(article_sentences(path)) for path in folder.glob("*.txt"))
    seconds = {
        name: _timed(folder, work_dir, options, environment, arguments)
        for name, options in RUNS.items()
    }
    for name, value in seconds.items():
        print(f"{name:28} {value:7.1f} s  {num_sentences / value:6.2f} sentences/s")
    one, two = seconds["ray, 1 worker x 1 thread"], seconds["ray, 2 workers x 1 thread"]
    overhead = (one - seconds["local, 1 thread"]) / NUM_FILES
    print(f"speed-up, 2 workers / 1 worker: {one / two:.2f}x")
    print(f"overhead per file, 1 worker over local: {overhead * 1000:.0f} ms")
    print(json.dumps({"files": NUM_FILES, "sentences": num_sentences, "seconds": seconds}))


def _forty_articles(work_dir: Path, article: Path) -> Path:
    """Return a folder of the first 40 short articles of the issue-15 archive."""
    archive, _ = prepare_archive(work_dir, article)
    folder = work_dir / "cluster" / "articles"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for path in sorted(archive.glob("*.txt"))[:NUM_FILES]:
        shutil.copy(path, folder / path.name)
    return folder


def _timed(
    folder: Path,
    work_dir: Path,
    options: list[str],
    environment: dict[str, str],
    arguments: argparse.Namespace,
) -> float:
    output = work_dir / "cluster" / "out"
    shutil.rmtree(output, ignore_errors=True)
    command = [
        sys.executable, "-m", "songngu", "-q", "translate", str(folder), "-o", str(output),
        "--backend", "ct2", "--no-memory", "--no-retry", "-f", "md,json",
        "--max-length-ratio", arguments.max_length_ratio, *options,
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, env=environment, check=True)
    elapsed = time.perf_counter() - started
    assert len(list(output.glob("*.md"))) == NUM_FILES
    return elapsed


if __name__ == "__main__":
    main()
