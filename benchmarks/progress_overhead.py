"""Does progress within a chunk cost throughput? Time one article with and without a listener.

Progress now moves batch by batch (the backend reports each batch; chunks stay 64 pieces, so
batches and the journal are unchanged). This times ``Pipeline.translate`` on a random-weight
model of opus-mt-vi-en's exact size, alternating a run with a progress listener and one
without, in one process (the model loaded once), and prints the medians and how many progress
events each run produced. Run it against another checkout's ``src`` to compare versions::

    PYTHONPATH=src:tests python benchmarks/progress_overhead.py --sentences 64 --repeats 3
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from songngu.backends import GenerationSettings
from songngu.pipeline import Pipeline, TranslationSettings
from songngu.readers import read_document
from songngu.translation import Progress
from tiny_models import build_marian_full_size

HERE = Path(__file__).parent


def main() -> None:
    """Build the model once, then alternate runs with and without a progress listener."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work-dir", type=Path, default=Path("/tmp/songngu-progress-bench"))
    parser.add_argument("--sentences", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    options = parser.parse_args()
    model = options.work_dir / "opus-mt-full-size"
    if not (model / "config.json").is_file():
        build_marian_full_size(model)
    article = options.work_dir / "article.txt"
    lines = (HERE / "data" / "han-man-mien-tay.txt").read_text(encoding="utf-8").splitlines()
    article.write_text("\n\n".join(lines[: options.sentences]), encoding="utf-8")
    generation = GenerationSettings(
        model=str(model), max_length_ratio=0.5, threads=options.threads, precision="float32"
    )
    settings = TranslationSettings(use_shipped_glossary=False, retry=False, generation=generation)
    pipeline = Pipeline(settings)
    document = read_document(str(article))
    timings: dict[str, list[float]] = {"listener": [], "none": []}
    events: list[Progress] = []
    for _ in range(options.repeats):
        for name in ("none", "listener"):
            events.clear()
            started = time.perf_counter()
            pipeline.translate(document, progress=events.append if name == "listener" else None)
            timings[name].append(time.perf_counter() - started)
    num_sentences = sum(1 for _ in pipeline.translate(document).iter_segments())
    for name, seconds in timings.items():
        print(f"{name:9} median {statistics.median(seconds):6.2f} s  runs {seconds}")
    print(f"{num_sentences} sentences; progress events in a listened run: {len(events)}")


if __name__ == "__main__":
    main()
