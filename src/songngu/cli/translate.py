"""``songngu translate``: articles in, side-by-side DOCX / Markdown / JSON out."""

from __future__ import annotations

from pathlib import Path

import click

from songngu.backends import BACKENDS, DEFAULT_BACKEND, GenerationSettings
from songngu.backends.presets import licence_notice, preset_help
from songngu.cli.config import style_option
from songngu.cli.glossary import user_glossary_option, user_layers
from songngu.cli.memory import memory_option, resolve_memory_path
from songngu.cli.output import CliState
from songngu.cli.report import open_report
from songngu.clusters import CLUSTERS, ClusterOptions
from songngu.exporters import EXPORTERS
from songngu.glossary import HouseStyle, NameStyle
from songngu.pipeline import TranslationSettings
from songngu.readers import PACKAGE_READERS, READERS
from songngu.run import MemoryOptions, OutputOptions, translate_files


def _split_formats(
    _context: click.Context, _parameter: click.Parameter, value: str
) -> tuple[str, ...]:
    formats = tuple(name.strip().lower() for name in value.split(",") if name.strip())
    unknown = [name for name in formats if name not in EXPORTERS]
    if unknown or not formats:
        raise click.BadParameter(f"use a comma-separated list of {', '.join(EXPORTERS)}")
    return formats


def _input_types() -> str:
    """Name every input the readers take, from their registry (so the help stays true)."""
    return f"{', '.join((*READERS, *PACKAGE_READERS))}, or - for standard input"


TRANSLATE_HELP = f"""Translate Vietnamese articles ({_input_types()}) into side-by-side files.

    INPUTS are files, folders (every article inside) or '-'. Each INPUT gets
    OUTPUT_DIR/<stem>.vi-en.docx and .md (and .json with -f json). Inputs whose outputs
    are already there and complete are skipped without loading the model; --force
    translates them again.

    \b
    Example:
      songngu translate article.txt
      songngu translate articles/ -o review -f docx,md,json --model nllb-600m
      songngu translate articles/ -q      # only errors on stderr
    """


@click.command(
    help=TRANSLATE_HELP,
    epilog="Exit codes: 0 success; 1 a file failed (or --strict found errors); 2 usage; "
    "130 interrupted (run the same command again to continue).",
)
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output-dir",
    type=click.Path(path_type=Path),
    default=Path("output"),
    show_default=True,
    help="Folder for the outputs.",
)
@click.option(
    "-f",
    "--formats",
    default="docx,md",
    show_default=True,
    callback=_split_formats,
    help="Output formats, comma-separated: docx, md, json, xliff (XLIFF 1.2).",
)
@click.option(
    "-m",
    "--model",
    default="opus-mt",
    show_default=True,
    envvar="SONGNGU_MODEL",
    help=f"A preset ({preset_help()}), a Hugging Face Hub id, or a local folder; "
    "check the model's licence before use (songngu models list).",
)
@click.option("--revision", help="A Hub revision (branch, tag or commit) of the model.")
@click.option(
    "-g",
    "--glossary",
    "glossary_files",
    multiple=True,
    type=click.Path(path_type=Path),
    help="An extra glossary TSV (repeatable); it overrides the shipped glossary.",
)
@click.option("--no-shipped-glossary", is_flag=True, help="Use only the --glossary files.")
@user_glossary_option("--user-glossary")
@click.option("--date", help="The article's date (YYYY-MM-DD), for terms that changed over time.")
@click.option(
    "--names",
    type=click.Choice([style.value for style in NameStyle]),
    default=NameStyle.ASCII.value,
    show_default=True,
    help="Personal names: without diacritics (To Lam), kept (Tô Lâm), or left to the model.",
)
@style_option
@click.option(
    "--backend",
    # "fake" stays in the registry for --dry-run and tests; users choose a real engine.
    type=click.Choice(sorted(name for name in BACKENDS if name != "fake")),
    default=DEFAULT_BACKEND,
    show_default=True,
    help="The translation engine.",
)
@click.option(
    "--device",
    type=click.Choice(["auto", "cpu", "cuda"]),
    default="auto",
    show_default=True,
    help="Where the model runs.",
)
@click.option(
    "--beams",
    "num_beams",
    type=click.IntRange(1, 16),
    help="Beam size (default: the model's own, 4 for opus-mt).",
)
@click.option(
    "--max-length-ratio",
    type=click.FloatRange(0.5, 10),
    default=2.0,
    show_default=True,
    help="Cap each output at this many times its source tokens.",
)
@click.option(
    "--max-input-tokens",
    type=click.IntRange(8, 4096),
    help="Split sentences longer than this many model tokens (default: per model).",
)
@click.option(
    "--batch-size",
    "max_batch_size",
    type=click.IntRange(1, 1024),
    help="Most sentences per batch (default: 16 with beam search, 32 greedy).",
)
@click.option(
    "--threads",
    type=click.IntRange(1, 256),
    help="CPU cores for the model (default: all; with --cluster, each worker's share).",
)
@click.option(
    "--cluster",
    type=click.Choice(sorted(CLUSTERS)),
    help="Translate on a cluster: ray joins the one RAY_ADDRESS or 'ray start' names, else "
    "starts Ray on this machine (needs songngu[cluster]). Outputs are written here.",
)
@click.option(
    "--workers",
    type=click.IntRange(1, 10_000),
    help="With --cluster: how many workers, each loading the model once  [default: 2]",
)
@click.option(
    "--gpus-per-worker",
    type=click.FloatRange(0, 64),
    help="With --cluster: GPUs each worker reserves (0.5 shares one between two)  [default: 0]",
)
@click.option(
    "--precision",
    type=click.Choice(["auto", "float32", "bfloat16", "float16", "int8"]),
    default="auto",
    show_default=True,
    help="Number format: auto is int8 for ct2 on CPU, bfloat16 for transformers on CPUs "
    "with bfloat16 instructions, float16 on GPU, else float32.",
)
@click.option("--force", is_flag=True, help="Overwrite existing outputs.")
@click.option(
    "--no-retry",
    is_flag=True,
    help="Do not translate again the sentences that came out looping, empty or cut short.",
)
@click.option("--strict", is_flag=True, help="Exit 1 when an error-severity QA issue remains.")
@click.option(
    "--dry-run",
    is_flag=True,
    help="Use a fake translator: check inputs, glossary and outputs fast.",
)
@memory_option
@click.option("--no-memory", is_flag=True, help="Neither reuse nor store translation memory.")
@click.option(
    "--store-model/--no-store-model",
    default=True,
    show_default=True,
    help="Store the model's new translations in the memory, so reruns skip them.",
)
@click.option(
    "--fuzzy-threshold",
    type=click.FloatRange(0, 100),
    default=75.0,
    show_default=True,
    help="Show a reviewed memory translation at least this % similar as a hint (a comment, "
    "never the output) on sentences without an exact match; 0 turns hints off.",
)
def translate(  # one parameter per option, as click passes them
    inputs: tuple[str, ...],
    output_dir: Path,
    formats: tuple[str, ...],
    model: str,
    revision: str | None,
    glossary_files: tuple[Path, ...],
    no_shipped_glossary: bool,
    user_glossary: Path,
    date: str | None,
    names: str,
    style: str,
    backend: str,
    device: str,
    num_beams: int | None,
    max_length_ratio: float,
    max_input_tokens: int | None,
    max_batch_size: int | None,
    threads: int | None,
    cluster: str | None,
    workers: int | None,
    gpus_per_worker: float | None,
    precision: str,
    force: bool,
    no_retry: bool,
    strict: bool,
    dry_run: bool,
    memory_path: Path | None,
    no_memory: bool,
    store_model: bool,
    fuzzy_threshold: float,
) -> None:
    """Translate Vietnamese articles into side-by-side files (help: TRANSLATE_HELP)."""
    generation = GenerationSettings(
        model=model,
        revision=revision,
        device=device,
        num_beams=num_beams,
        max_batch_size=max_batch_size,
        max_length_ratio=max_length_ratio,
        max_input_tokens=max_input_tokens,
        threads=threads,
        precision=precision,
    )
    settings = TranslationSettings(
        backend="fake" if dry_run else backend,
        generation=generation,
        glossary_files=(*user_layers(user_glossary, not no_shipped_glossary), *glossary_files),
        use_shipped_glossary=not no_shipped_glossary,
        date=date,
        names=NameStyle(names),
        retry=not no_retry,
        style=HouseStyle(style),
    )
    if not dry_run and (notice := licence_notice(model)):
        click.echo(notice, err=True)
    memory = (
        None
        if no_memory
        else MemoryOptions(
            resolve_memory_path(memory_path), store_model and not dry_run, fuzzy_threshold
        )
    )
    state = click.get_current_context().find_object(CliState) or CliState()
    with open_report(state) as report:
        runs = translate_files(
            inputs,
            settings,
            OutputOptions(output_dir, formats, force),
            memory=memory,
            progress_for=report.progress_for,
            cluster=_cluster_options(cluster, workers, gpus_per_worker, threads),
        )
        results = [report.file(result) for result in runs]
        report.finish(results)
    failed = [result for result in results if result.error is not None]
    if failed or (strict and any(result.num_errors for result in results)):
        raise click.exceptions.Exit(1)


def _cluster_options(
    engine: str | None, workers: int | None, gpus_per_worker: float | None, threads: int | None
) -> ClusterOptions | None:
    """Return the cluster a run asked for (None: local); refuse cluster options without one."""
    if engine is None:
        if workers is not None or gpus_per_worker is not None:
            option = "--workers" if workers is not None else "--gpus-per-worker"
            raise click.UsageError(f"{option} needs --cluster ray.")
        return None
    return ClusterOptions(engine, workers or 2, threads, gpus_per_worker or 0.0)


def register(group: click.Group) -> None:
    """Add this command to the ``songngu`` group."""
    group.add_command(translate)
