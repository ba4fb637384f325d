"""Every preset's architecture at full size, random weights, on both backends, in one run.

    python benchmarks/architectures.py                          # all presets, 4 sentences
    python benchmarks/architectures.py --presets envit5,vinai-vi2en --sentences 8

No weights are downloaded: each model is built from the real model's config dimensions
(tests/tiny_models.py, tests/tiny_families.py) with random weights, saved once under
``--work-dir`` and served from a private offline hub cache under its real id. Each backend then
runs in a fresh process that loads the preset and translates the same few sentences greedily,
every output capped at ``--max-length-ratio`` × its source tokens (a random model always runs to
its cap). Reported per preset and backend: load time, target tokens per second of translation,
and the process's peak RSS. Short on purpose: a full-size NLLB or mBART on two cores decodes a
few tokens a second, so the figures compare architectures, not articles.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from run import HERE, _timed
from workload import install_environment

from songngu.backends.presets import CARDS, PRESETS

BUILDERS = {
    "opus-mt": ("tiny_models", "build_marian_full_size"),
    "nllb-600m": ("tiny_models", "build_nllb_full_size"),
    "nllb-1.3b": ("tiny_families", "build_nllb_1_3b_full_size"),
    "vinai-vi2en": ("tiny_families", "build_mbart_full_size"),
    "envit5": ("tiny_families", "build_t5_full_size"),
}

# Runs in a fresh process per backend: load, then translate the sentences, timing each step.
PROBE = """
import json, sys, time
from songngu.backends import GenerationSettings, load_backend
from songngu.backends.decoding import length_cap
preset, engine, ratio, sentences = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4:]
settings = GenerationSettings(model=preset, num_beams=1, max_length_ratio=ratio,
                              max_length_margin=0)
started = time.perf_counter()
backend = load_backend(engine, settings)
loaded = time.perf_counter()
outputs = backend.translate(sentences)
done = time.perf_counter()
caps = [length_cap(n, settings, backend.max_positions - 3) for n in backend.count_tokens(sentences)]
print(json.dumps({"load_s": loaded - started, "translate_s": done - loaded,
                  "target_tokens": sum(caps), "capped": sum(t.is_capped for t in outputs),
                  "precision": backend.precision, "signature": backend.signature()}))
"""

BUILD = """
import importlib, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
builder = getattr(importlib.import_module(sys.argv[2]), sys.argv[3])
builder(Path(sys.argv[4]))
"""


def main() -> None:
    arguments = _parse_arguments()
    sentences = _sentences(arguments.sentences)
    rows = []
    for preset in arguments.presets.split(","):
        folder = _built_model(arguments.work_dir, preset)
        environment = install_environment(arguments.work_dir / preset, folder, PRESETS[preset])
        environment["OMP_NUM_THREADS"] = str(arguments.threads)
        for engine in ("transformers", "ct2"):
            _probe(preset, engine, arguments, sentences, environment)  # converts, warms the cache
            rows.append(_probe(preset, engine, arguments, sentences, environment))
            print(json.dumps(rows[-1]), file=sys.stderr)
    print(_table(rows, sentences, arguments))


def _parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presets", default=",".join(BUILDERS))
    parser.add_argument("--sentences", type=int, default=4)
    parser.add_argument("--max-length-ratio", type=float, default=1.0)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--work-dir", type=Path, default=HERE / "results" / "architectures")
    return parser.parse_args()


def _sentences(count: int) -> list[str]:
    sys.path.insert(0, str(HERE.parent / "tests"))
    from tiny_models import VIETNAMESE_LINES

    return list(VIETNAMESE_LINES[:count])


def _built_model(work_dir: Path, preset: str) -> Path:
    """Build the preset's full-size random model once, in a child process (keeps this one small)."""
    folder = work_dir / "models" / preset
    if not (folder / "config.json").is_file():
        module, builder = BUILDERS[preset]
        tests = str(HERE.parent / "tests")
        subprocess.run(
            [sys.executable, "-c", BUILD, tests, module, builder, str(folder)], check=True
        )
    return folder


def _probe(preset: str, engine: str, arguments, sentences: list[str], environment) -> dict:
    command = [
        sys.executable,
        "-c",
        PROBE,
        preset,
        engine,
        str(arguments.max_length_ratio),
        *sentences,
    ]
    run, stdout, _ = _timed(command, environment)
    report = json.loads(stdout.strip().splitlines()[-1])
    return {
        "preset": preset,
        "engine": engine,
        **report,
        "peak_rss_mb": run.max_rss_mb,
        "foreign_cpu": run.foreign_cpu,
    }


def _table(rows: list[dict], sentences: list[str], arguments) -> str:
    cards = {card.name: card for card in CARDS}
    lines = [
        f"{len(sentences)} sentences, greedy, outputs capped at {arguments.max_length_ratio}× "
        f"the source tokens, {arguments.threads} threads; random weights at full size.",
        "",
        "| preset | family | backend | precision | load s | target tokens | tok/s | "
        "peak RSS MB | others' CPU |",
        "|---|---|---|---|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        speed = row["target_tokens"] / row["translate_s"]
        lines.append(
            f"| {row['preset']} | {cards[row['preset']].family} | {row['engine']} | "
            f"{row['precision']} | {row['load_s']:.1f} | {row['target_tokens']} | {speed:.1f} | "
            f"{row['peak_rss_mb']:,.0f} | {row['foreign_cpu']:.0%} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    main()
