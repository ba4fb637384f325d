"""Benchmark songngu on this machine: the real command against the naive loop and peers' engine.

    python benchmarks/run.py                      # the default table, medians of 3
    python benchmarks/run.py --repeats 5 --variants naive,ct2,transformers
    python benchmarks/run.py --model ~/models/opus-mt-vi-en   # real weights

Every run is a fresh process; the order of variants is shuffled in each repeat; a run during
which other processes used more than ``--noise-limit`` of the CPUs is discarded and repeated.
Results go to ``benchmarks/results/<time>.json`` and a Markdown table to stdout. Method and
rules: ``docs/design/performance.md``.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import issue15
from workload import (
    Workload,
    build_workload,
    install_environment,
    prepare_archive,
    prepare_model,
)

from songngu.backends.presets import PRESETS

HERE = Path(__file__).resolve().parent
TICKS = os.sysconf("SC_CLK_TCK")
CPUS = os.cpu_count() or 1


@dataclass(frozen=True)
class Variant:
    """One way of translating the workload: a reference worker or a songngu command."""

    name: str
    worker: str | None = None
    options: tuple[str, ...] = ()
    glossary: bool = False
    label: str = ""
    memory: bool = False
    memory_path: str = ""
    #: What the songngu command translates: "" the article, or a key of ``Inputs``.
    source: str = ""


VARIANTS = {
    variant.name: variant
    for variant in [
        Variant("naive", worker="naive", label="naive loop: transformers fp32, one at a time"),
        Variant("naive-greedy", worker="naive-greedy", label="naive loop, greedy"),
        Variant("peers-ct2", worker="peers-ct2", label="CT2 int8 as peers run it, batch 32"),
        Variant("peers-ct2-greedy", worker="peers-ct2-greedy", label="CT2 int8 as peers, greedy"),
        Variant("ct2", options=("--backend", "ct2"), label="songngu --backend ct2"),
        Variant("ct2-glossary", options=("--backend", "ct2"), glossary=True),
        Variant("ct2-rerun", options=("--backend", "ct2"), glossary=True, memory=True),
        Variant("ct2-greedy", options=("--backend", "ct2", "--beams", "1")),
        Variant(
            "transformers",
            options=("--backend", "transformers"),
            label="songngu --backend transformers",
        ),
        Variant("transformers-glossary", options=("--backend", "transformers"), glossary=True),
        Variant(
            "transformers-rerun", options=("--backend", "transformers"), glossary=True, memory=True
        ),
        Variant(
            "transformers-fp32", options=("--backend", "transformers", "--precision", "float32")
        ),
        Variant("transformers-greedy", options=("--backend", "transformers", "--beams", "1")),
        Variant(
            "archive-folder",
            options=("--backend", "ct2"),
            glossary=True,
            label="songngu --backend ct2, a folder of 50 short articles",
            source="archive-folder",
        ),
        Variant(
            "archive-article",
            options=("--backend", "ct2"),
            glossary=True,
            label="songngu --backend ct2, the same text as one article",
            source="archive-article",
        ),
        Variant(
            "nllb-load",
            worker="nllb-load",
            label="NLLB-600M (float32 checkpoint) loaded by the transformers backend",
        ),
    ]
}
# The archive rows and the NLLB load are issue 15's (--issue15), not the default table's.
DEFAULT_VARIANTS = [name for name, v in VARIANTS.items() if not v.source and name != "nllb-load"]


@dataclass
class Run:
    """One timed process: its report, resources, and the CPU time others used meanwhile."""

    seconds: float
    max_rss_mb: float
    foreign_cpu: float
    report: dict = field(default_factory=dict)


def main() -> None:
    arguments = _parse_arguments()
    work_dir = arguments.work_dir.resolve()
    work_dir.mkdir(parents=True, exist_ok=True)
    model_id = PRESETS[arguments.preset]
    model_dir = arguments.model or prepare_model(work_dir, arguments.article, arguments.preset)
    environment = install_environment(work_dir, model_dir, model_id)
    workload = build_workload(model_dir, model_id, arguments.article, is_random=not arguments.model)
    workload_path = work_dir / "workload.json"
    workload.save(workload_path)
    arguments.inputs = _inputs(arguments, work_dir, model_dir, workload)
    variants = _variants(arguments)
    for backend in ("ct2", "transformers"):  # converts once, warms the page cache; not timed
        _run_cli(
            Variant("warm-up", options=("--backend", backend)), arguments, workload, environment
        )
    runs = _measure_all(variants, arguments, workload, workload_path, environment)
    results = _summarise(runs, workload, variants, arguments.inputs)
    extras = {} if arguments.issue15 else _extras(arguments, workload, environment)
    if arguments.issue15:
        extras["issue15"] = issue15.summarise(results, workload, arguments.inputs)
    _save(arguments, workload, results, extras)
    print(_table(results, workload, extras))


def _inputs(arguments, work_dir: Path, model_dir: Path, workload: Workload) -> dict:
    """Build the extra inputs the chosen variants need: the archive, the NLLB model."""
    names = arguments.variants.split(",") if arguments.variants else []
    inputs: dict = {}
    if any(name.startswith("archive-") for name in names):
        folder, single = prepare_archive(work_dir, arguments.article)
        archive = build_workload(
            model_dir,
            workload.model_id,
            single,
            is_random=workload.is_random,
            ratio=workload.max_length_ratio,
        )
        inputs.update(
            {
                "archive-folder": folder,
                "archive-article": single,
                "archive-target-tokens": archive.num_target_tokens,
                "archive-segments": len(archive.segments),
            }
        )
    if "nllb-load" in names:
        inputs["nllb-load"] = prepare_model(work_dir, arguments.article, "nllb-600m")
    return inputs


def _parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--article", type=Path, default=HERE / "data" / "han-man-mien-tay.txt")
    parser.add_argument(
        "--preset",
        choices=["opus-mt", "nllb-600m"],
        default="opus-mt",
        help="the architecture to build (peers' CT2 workers run opus-mt only)",
    )
    parser.add_argument(
        "--model", type=Path, help="a real model folder of the preset (real weights)"
    )
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--variants", help=f"comma-separated, from: {', '.join(VARIANTS)}")
    parser.add_argument("--options", default="", help="extra options for every songngu run")
    parser.add_argument("--noise-limit", type=float, default=0.05)
    parser.add_argument(
        "--patience", type=float, default=3600, help="seconds to wait for a quiet machine per try"
    )
    parser.add_argument(
        "--tries", type=int, default=20, help="runs of a variant before keeping the quietest"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--work-dir", type=Path, default=HERE / "results" / "work")
    parser.add_argument(
        "--issue15",
        action="store_true",
        help=f"the rows of issue 15 with their target ratios ({issue15.VARIANTS_OPTION})",
    )
    arguments = parser.parse_args()
    if arguments.issue15 and not arguments.variants:
        arguments.variants = issue15.VARIANTS_OPTION
    return arguments


def _variants(arguments: argparse.Namespace) -> list[Variant]:
    names = arguments.variants.split(",") if arguments.variants else DEFAULT_VARIANTS
    if arguments.preset != "opus-mt":  # the peers' workers read Marian's SentencePiece files
        names = [name for name in names if not name.startswith("peers-")]
    found = []
    for name in names:
        backend, _, extra = name.partition(":")  # e.g. "ct2:--batch-size 8 --threads 1"
        base = VARIANTS[backend]
        options = (*base.options, *extra.split())
        label = f"{base.label} {extra}" if base.label and extra else base.label
        found.append(dataclasses.replace(base, name=name, options=options, label=label))
    return found


def _measure_all(variants, arguments, workload, workload_path, environment) -> dict[str, list]:
    runs: dict[str, list[Run]] = {variant.name: [] for variant in variants}
    shuffler = random.Random(arguments.seed)
    for repeat in range(arguments.repeats):
        order = shuffler.sample(variants, len(variants))
        for variant in order:
            run = _clean_run(variant, arguments, workload, workload_path, environment)
            runs[variant.name].append(run)
            print(f"repeat {repeat + 1} {variant.name}: {run.seconds:.1f} s", file=sys.stderr)
    return runs


def _clean_run(variant, arguments, workload, workload_path, environment) -> Run:
    """Run until a run sees no foreign load; after ``--tries`` keep the quietest (load shown)."""
    runs = []
    for attempt in range(arguments.tries):
        _wait_for_quiet(arguments.noise_limit, arguments.patience)
        if variant.worker:
            run = _run_worker(variant, workload_path, environment, arguments.inputs)
        else:
            run = _run_cli(variant, arguments, workload, environment)
        run.report["discarded_before"] = attempt
        if run.foreign_cpu <= arguments.noise_limit:
            return run
        print(f"  discarded {variant.name}: {run.foreign_cpu:.0%} foreign CPU", file=sys.stderr)
        runs.append(run)
    return min(runs, key=lambda run: run.foreign_cpu)


def _wait_for_quiet(limit: float, patience: float) -> None:
    """Wait (at most ``patience`` s) until others use at most ``limit`` of the CPUs for 5 s."""
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        before = _cpu_ticks()
        time.sleep(5)
        busy, steal = (now - then for now, then in zip(_cpu_ticks(), before, strict=True))
        if (busy + steal) / TICKS <= limit * CPUS * 5:
            return


def _run_worker(variant: Variant, workload_path: Path, environment: dict, inputs: dict) -> Run:
    # The NLLB load reads its model folder; the translating workers read the workload.
    target = inputs.get(variant.worker, workload_path)
    command = [sys.executable, str(HERE / "workers.py"), variant.worker, str(target)]
    run, stdout, _ = _timed(command, environment)
    report = json.loads(stdout.strip().splitlines()[-1])
    outputs = report.pop("outputs", None)
    if outputs is not None:
        path = workload_path.parent / f"{variant.name}-outputs.json"
        path.write_text(json.dumps(outputs, ensure_ascii=False), encoding="utf-8")
        report["outputs_json"] = str(path)
    run.report.update(report)
    return run


def _run_cli(variant: Variant, arguments, workload: Workload, environment: dict) -> Run:
    output = Path(tempfile.mkdtemp(prefix="songngu-bench-"))
    source = getattr(arguments, "inputs", {}).get(variant.source, arguments.article)
    command = [
        *_songngu_command(),
        *("-v", "translate", str(source), "-o", str(output), "-f", "docx,md,json"),
        *("--force", "--max-length-ratio", str(workload.max_length_ratio)),
        "--no-retry",
        *(("--model", arguments.preset) if arguments.preset != "opus-mt" else ()),
        *(() if variant.glossary else ("--no-shipped-glossary",)),
        *_memory_options(variant, arguments, workload, environment),
        *variant.options,
        *arguments.options.split(),
    ]
    run, _, stderr_lines = _timed(command, environment)
    run.report.update(_cli_report(stderr_lines, output, workload))
    return run


def _memory_options(variant: Variant, arguments, workload, environment) -> tuple[str, ...]:
    """No memory, except for the rerun variants: their first, untimed run fills a fresh one."""
    if variant.memory_path:
        return ("--memory", variant.memory_path)
    if not variant.memory:
        return ("--no-memory",)
    memory = str(Path(tempfile.mkdtemp(prefix="songngu-memory-")) / "memory.sqlite3")
    filling = Variant("fill-memory", options=variant.options, glossary=variant.glossary)
    run = _run_cli(
        dataclasses.replace(filling, memory_path=memory), arguments, workload, environment
    )
    _remember(Path(run.report["output_json"]), Path(memory))
    return ("--memory", memory)


def _remember(output_json: Path, memory: Path) -> None:
    """Store the first run's model output in the memory, as a fit run's would be stored.

    The memory rightly refuses to reuse output that hit the length cap, and a random model's
    always does; storing it anyway stands in for a real model's output, so that the rerun
    measures the real lookup-and-skip path.
    """
    from songngu.memory.store import EntryOrigin, MemoryEntry, TranslationMemory

    document = json.loads(output_json.read_text(encoding="utf-8"))
    entries = [
        MemoryEntry(
            segment["source"],
            segment["target"],
            EntryOrigin.MODEL,
            signature=document["signature"],
            segment_id=segment["id"],
        )
        for block in document["blocks"]
        for segment in block["segments"]
        if segment["origin"] == "model"
    ]
    with TranslationMemory(memory) as store:
        store.add(entries)


def _songngu_command() -> list[str]:
    script = Path(sys.executable).parent / "songngu"
    return [str(script)] if script.is_file() else [sys.executable, "-m", "songngu"]


# Linux carries the forking process's peak RSS over into the child's ru_maxrss, so the timed
# command is started by this small launcher, never straight from the (larger) driver. It
# reports the command's exit status, CPU seconds and peak RSS on the descriptor it is given.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
os.write(int(sys.argv[1]), f"{os.waitstatus_to_exitcode(status)} "
         f"{usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}".encode())
"""


def _timed(command: list[str], environment: dict) -> tuple[Run, str, list[tuple[float, str]]]:
    """Run a process, timestamping its stderr lines; return its resources and foreign load."""
    report_read, report_write = os.pipe()
    before = _cpu_ticks()
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-S", "-c", LAUNCHER, str(report_write), *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment,
        text=True,
        pass_fds=(report_write,),
    )
    os.close(report_write)
    lines = [(time.perf_counter() - started, line.rstrip("\n")) for line in process.stderr]
    stdout = process.stdout.read()
    process.wait()
    seconds = time.perf_counter() - started
    busy, steal = (now - then for now, then in zip(_cpu_ticks(), before, strict=True))
    with os.fdopen(report_read) as report:
        code, own, max_rss_kb = report.read().split()
    if int(code) != 0:
        tail = "\n".join(line for _, line in lines[-20:])
        raise RuntimeError(f"{' '.join(command)} failed:\n{tail}")
    foreign = max(0.0, (busy + steal) / TICKS - float(own)) / (CPUS * seconds)
    return Run(seconds, int(max_rss_kb) / 1024, foreign), stdout, lines


def _cpu_ticks() -> tuple[int, int]:
    """Return machine-wide busy and steal ticks from /proc/stat."""
    fields = [int(value) for value in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return user + nice + system + irq + softirq, steal


def _cli_report(lines, output: Path, workload: Workload) -> dict:
    loaded = next((at for at, line in lines if " loaded " in line), None)
    first = next((at for at, line in lines if "translated " in line and " of " in line), None)
    paths = sorted(output.glob("*.vi-en.json"))  # one per article (a folder gives several)
    documents = [json.loads(path.read_text(encoding="utf-8")) for path in paths]
    segments = [
        s for document in documents for block in document["blocks"] for s in block["segments"]
    ]
    from_model = [segment for segment in segments if segment["origin"] == "model"]
    from_memory = [segment for segment in segments if segment["origin"] == "memory"]
    capped = [s for s in from_model if any(i["code"] == "length-cap" for i in s["issues"])]
    terms = [term for segment in segments for term in segment["terms"]]
    return {
        "startup_load_s": loaded,
        "first_output_s": first,
        "num_segments": len(segments),
        "num_model_segments": len(from_model),
        "num_memory_segments": len(from_memory),
        "length_misses": len(from_model) - len(capped) if workload.is_random else 0,
        "num_terms": len(terms),
        "num_terms_enforced": sum(term["enforced"] for term in terms),
        "signature": documents[0]["signature"],
        "output_json": str(paths[0]),
        "num_files": len(paths),
    }


def _agreement(run: Run, naive_outputs: dict[str, str] | None) -> float | None:
    """Return the share of plain segments whose output equals the naive loop's (beam 4, fp32).

    Plain: from the model in one piece, no glossary term (enforcement changes the output).
    """
    if naive_outputs is None or "output_json" not in run.report:
        return None
    document = json.loads(Path(run.report["output_json"]).read_text(encoding="utf-8"))
    plain = [
        segment
        for block in document["blocks"]
        for segment in block["segments"]
        if segment["origin"] == "model" and segment["pieces"] == 1 and not segment["terms"]
    ]
    same = [segment["target"] == naive_outputs.get(segment["source"]) for segment in plain]
    return sum(same) / len(same) if same else None


def _summarise(
    runs: dict[str, list[Run]], workload: Workload, variants: list[Variant], inputs
) -> list:
    naive_path = next((r.report.get("outputs_json") for r in runs.get("naive", [])), None)
    naive_outputs = json.loads(Path(naive_path).read_text(encoding="utf-8")) if naive_path else None
    results = []
    for variant in variants:
        kept = runs[variant.name]
        # The reference workers are timed on translation alone; songngu on its whole run.
        seconds = [run.report["translate_s"] if variant.worker else run.seconds for run in kept]
        results.append(
            {
                "variant": variant.name,
                "label": variant.label or _label(variant),
                # The archive rows translate the archive's text; every other row the workload.
                "target_tokens": inputs.get("archive-target-tokens", 0)
                if variant.source
                else workload.num_target_tokens,
                "num_segments": inputs.get("archive-segments", 0)
                if variant.source
                else len(workload.segments),
                "seconds": statistics.median(seconds),
                "seconds_all": seconds,
                "wall_s": statistics.median(run.seconds for run in kept),
                "max_rss_mb": statistics.median(run.max_rss_mb for run in kept),
                "startup_load_s": _median(run.report.get("startup_load_s") for run in kept)
                if not variant.worker
                else _median(run.report["import_s"] + run.report["load_s"] for run in kept),
                "first_output_s": _median(run.report.get("first_output_s") for run in kept),
                "foreign_cpu_max": max(run.foreign_cpu for run in kept),
                "discarded": sum(run.report["discarded_before"] for run in kept),
                "length_misses": sum(run.report.get("length_misses", 0) for run in kept),
                "same_as_naive": _median(_agreement(run, naive_outputs) for run in kept),
                "reports": [run.report for run in kept],
            }
        )
    return results


def _label(variant: Variant) -> str:
    glossary = " (shipped glossary)" if variant.glossary else " --no-shipped-glossary"
    memory = ", rerun with the memory filled" if variant.memory else ""
    return f"songngu {' '.join(variant.options)}{glossary}{memory}"


def _median(values) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def _extras(arguments, workload: Workload, environment: dict) -> dict:
    """Start-up of the light commands, and a first run that has to convert for CTranslate2."""
    article = str(arguments.article)
    commands = {
        "songngu --help": ["--help"],
        "songngu translate --help": ["translate", "--help"],
        "songngu segment": ["segment", article],
    }
    if (
        subprocess.run([*_songngu_command(), "glossary", "--help"], capture_output=True).returncode
        == 0
    ):
        commands["songngu glossary --help"] = ["glossary", "--help"]
    startup = {
        name: statistics.median(
            _timed([*_songngu_command(), *command], environment)[0].seconds for _ in range(5)
        )
        for name, command in commands.items()
    }
    first = _first_ct2_run(arguments, workload, environment)
    return {"startup_s": startup, "first_ct2_run": first}


def _first_ct2_run(arguments, workload: Workload, environment: dict) -> dict:
    fresh = {**environment, "XDG_CACHE_HOME": tempfile.mkdtemp(prefix="songngu-xdg-")}
    run = _run_cli(Variant("ct2-first", options=("--backend", "ct2")), arguments, workload, fresh)
    return {"seconds": run.seconds, "max_rss_mb": run.max_rss_mb}


def _save(arguments, workload: Workload, results: list, extras: dict) -> None:
    folder = HERE / "results"
    folder.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    data = {
        "workload": {
            "article": str(arguments.article),
            "model": workload.model_dir,
            "num_segments": len(workload.segments),
            "source_tokens": sum(workload.source_tokens),
            "target_tokens": workload.num_target_tokens,
            "max_length_ratio": workload.max_length_ratio,
            "random_weights": workload.is_random,
        },
        "machine": {"cpus": CPUS, "cpu": _cpu_name()},
        "results": results,
        "extras": extras,
    }
    (folder / f"{stamp}.json").write_text(json.dumps(data, indent=1), encoding="utf-8")


def _cpu_name() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.partition(":")[2].strip()
    return "unknown"


def _table(results: list, workload: Workload, extras: dict) -> str:
    naive = next((r for r in results if r["variant"] == "naive"), None)
    lines = [
        f"{len(workload.segments)} segments, {sum(workload.source_tokens)} source tokens, "
        f"{workload.num_target_tokens} target tokens (--max-length-ratio "
        f"{workload.max_length_ratio}); medians; songngu rows include start-up, load, checks "
        "and exports, reference rows translation only.",
        "",
        "| variant | sent/s | target tok/s | × naive | peak RSS MB | start-up+load s | "
        "first output s | same as naive | runs (discarded) | foreign CPU |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for result in results:
        if result["variant"] == "nllb-load":  # a load, no tokens: in the issue-15 lines
            continue
        ratio = f"{_tokens_per_s(result) / _tokens_per_s(naive):.1f}" if naive else "–"
        lines.append(
            f"| {result['label']} | {result['num_segments'] / result['seconds']:.2f} | "
            f"{_tokens_per_s(result):,.0f} | {ratio} | {result['max_rss_mb']:,.0f} | "
            f"{_format(result['startup_load_s'])} | {_format(result['first_output_s'])} | "
            f"{_share(result['same_as_naive'])} | {len(result['seconds_all'])} "
            f"({result['discarded']}) | {result['foreign_cpu_max']:.0%} |"
        )
    lines.append("")
    for name, seconds in extras.get("startup_s", {}).items():
        lines.append(f"- `{name}`: {seconds:.2f} s")
    first = extras.get("first_ct2_run")
    if first:
        lines.append(
            f"- first `--backend ct2` run (converts the model): {first['seconds']:.1f} s, "
            f"peak RSS {first['max_rss_mb']:,.0f} MB"
        )
    if "issue15" in extras:
        lines.extend(issue15.render(extras["issue15"]))
    return "\n".join(lines)


def _tokens_per_s(result: dict) -> float:
    return result["target_tokens"] / result["seconds"]


def _share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def _format(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"


if __name__ == "__main__":
    main()
