"""What a glossary re-decode costs: a forced prefix against a first pass, per backend.

Issue 15's enforcement target (glossary on costs at most 15 % over glossary off) depends on
what decoding from a forced prefix costs. ``python benchmarks/prefix_cost.py`` builds (once)
the full-size random-weight opus-mt of ``workload.py``, takes 16 sentences of the benchmark
article, times their first pass, then re-decodes them with each output's first half forced as
the prefix (what enforcement does when a term belongs mid-sentence), in one call each, on the
backends as songngu runs them (beam 4, 2 threads): CTranslate2 (``target_prefix``) and
transformers (a logits processor forcing the prefix token by token).

It prints seconds and each re-decode's cost as a share of the first pass. Every output runs
to its length cap (random weights), so the re-decode spans as many positions as the first;
a backend that read the forced half in one pass would cost about half a first pass.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

from workload import article_sentences, install_environment, prepare_model

from songngu.backends import GenerationSettings, Translator, load_backend

HERE = Path(__file__).resolve().parent
MODEL_ID = "Helsinki-NLP/opus-mt-vi-en"
NUM_SENTENCES = 16


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=HERE / "data" / "han-man-mien-tay.txt")
    parser.add_argument("--work-dir", type=Path, default=HERE / "results" / "work")
    parser.add_argument("--repeats", type=int, default=2, help="best of this many timings")
    arguments = parser.parse_args()
    work_dir = arguments.work_dir.resolve()
    model_dir = prepare_model(work_dir, arguments.article)
    os.environ.update(install_environment(work_dir, model_dir, MODEL_ID))
    sentences = list(article_sentences(arguments.article)[:NUM_SENTENCES])
    settings = GenerationSettings(model=MODEL_ID, num_beams=4, threads=2)
    print(f"{len(sentences)} sentences, beam 4, 2 threads; best of {arguments.repeats}")
    print("| backend | first pass s | re-decode s | re-decode / first pass |")
    print("|---|---:|---:|---:|")
    for backend in ("ct2", "transformers"):
        _row(backend, load_backend(backend, settings), sentences, arguments.repeats)


def _row(label: str, backend: Translator, sentences: list[str], repeats: int) -> None:
    first, outputs = _best(repeats, lambda: backend.translate(sentences))
    prefixes = [_first_half(output.text) for output in outputs]
    again, _ = _best(repeats, lambda: backend.translate_with_prefix(sentences, prefixes))
    print(f"| {label} | {first:.2f} | {again:.2f} | {again / first:.2f} |")


def _best(repeats: int, call):
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = call()
        timings.append(time.perf_counter() - start)
    return min(timings), result


def _first_half(text: str) -> str:
    """Return the output up to the word boundary nearest its middle."""
    words = text.split()
    return " ".join(words[: max(1, len(words) // 2)])


if __name__ == "__main__":
    main()
