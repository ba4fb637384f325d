"""One run of ``songngu translate`` as a library call: many files, one model, nothing lost.

:func:`translate_files` checks the inputs and the output names, loads the glossary and the
model, and then translates and writes each input, yielding a :class:`FileResult` per input as
soon as it is written; consecutive short inputs share the model's batches
(:mod:`songngu.file_jobs`). It owns the run's resume journal and translation memory. A file
that cannot be read, translated or written is reported in its result and the run goes on with
the next one; Ctrl-C ends the run with :class:`~songngu.errors.TranslationInterrupted`, raised
by the run and only there, saying how much the journal keeps (``docs/design/robustness.md``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from songngu.clusters import ClusterOptions, Workers, start_workers
from songngu.clusters.driver import DriverContext, translate_on_workers
from songngu.completion import find_finished, run_origin
from songngu.errors import ExportError, InputError
from songngu.exporters import EXPORTERS, output_path
from songngu.file_jobs import FileJob, FileResult, OutputOptions, Tracker, translate_in_windows
from songngu.glossary import load_glossary
from songngu.journal import Journal
from songngu.memory import MemorySession, TranslationMemory
from songngu.pipeline import Pipeline, TranslationSettings
from songngu.readers import SUFFIXES
from songngu.signature import Signature
from songngu.translation.stages import ProgressCallback

__all__ = [
    "ClusterOptions",
    "FileResult",
    "MemoryOptions",
    "OutputOptions",
    "check_output_names",
    "expand_inputs",
    "prepare_output_folder",
    "translate_files",
]


@dataclass(frozen=True, slots=True)
class MemoryOptions:
    """The translation memory a run reuses, and whether it stores the model's new output.

    ``fuzzy_threshold`` is how similar (percent) a vetted entry must be to be shown as a hint on
    a sentence without an exact match; 0 turns hints off.
    """

    path: Path
    store_model: bool = True
    fuzzy_threshold: float = 75.0


ProgressFor = Callable[[str], ProgressCallback | None]


def translate_files(
    inputs: Sequence[str],
    settings: TranslationSettings,
    output: OutputOptions,
    *,
    memory: MemoryOptions | None = None,
    progress_for: ProgressFor | None = None,
    cluster: ClusterOptions | None = None,
) -> Iterator[FileResult]:
    """Check everything, load the model, then yield a result per input as it is written.

    Inputs whose outputs an earlier run finished (:func:`~songngu.completion.find_finished`)
    are skipped unless ``output.force``; when every input is, no model is loaded at all.
    With ``cluster``, the model runs on the cluster's workers and this process reads the
    inputs and writes every output (``docs/design/cluster.md``); the results, journal and
    outputs are those of a local run.

    Raises:
        InputError: no input exists, a folder holds no articles, or two inputs would write
            the same output (all before the model is loaded).
        ExportError: the output folder cannot be written.
        GlossaryError, ModelUnavailableError, BackendError: the glossary or model cannot be
            loaded.
        ClusterError: the cluster cannot be reached or cannot hold the workers; while
            iterating, every worker died.
        TranslationInterrupted: while iterating, Ctrl-C; says what the journal keeps.
    """
    paths = expand_inputs(inputs)
    check_output_names(paths, output)
    origin = run_origin(settings.backend, settings.generation.model)
    finished = (
        {} if output.force else find_finished(paths, output.output_dir, output.formats, origin)
    )
    pending = [path for path in paths if path not in finished]
    if not pending:
        return _in_order(paths, finished, iter(()))
    if cluster is not None:
        workers = _start_cluster(settings, output, cluster)
        results = _on_cluster(workers, pending, output, memory, progress_for, cluster)
        return _in_order(paths, finished, results)
    pipeline = Pipeline(settings)  # a bad glossary or a missing model stops before any write
    prepare_output_folder(output)
    return _in_order(paths, finished, iter_results(pending, pipeline, output, memory, progress_for))


def _start_cluster(
    settings: TranslationSettings, output: OutputOptions, cluster: ClusterOptions
) -> Workers:
    """Load the glossary here, start the workers with it, prove the output folder writable."""
    glossary = load_glossary(settings.glossary_files, include_shipped=settings.use_shipped_glossary)
    workers = start_workers(cluster, settings, glossary)
    try:
        prepare_output_folder(output)
    except BaseException:
        workers.close()
        raise
    return workers


def _on_cluster(
    workers: Workers,
    paths: Sequence[str],
    output: OutputOptions,
    memory: MemoryOptions | None,
    progress_for: ProgressFor | None,
    cluster: ClusterOptions,
) -> Iterator[FileResult]:
    """Translate ``paths`` on started workers, as :func:`iter_results` does with a pipeline.

    The workers are stopped at the end, on an error and on Ctrl-C.
    """
    with contextlib.closing(workers):
        signature = workers.signature
        journal = Journal.for_run(output.output_dir, signature.identity) if output.resume else None
        label = f"{len(paths)} files on {cluster.workers} {cluster.engine} workers"
        progress = progress_for(label) if progress_for else None
        with _memory_session(memory, signature) as session:
            context = DriverContext(output, journal, session)
            yield from translate_on_workers(
                paths, workers, context, cluster.window_sentences, progress
            )
        if journal is not None:
            journal.remove()


def _in_order(
    paths: Sequence[str], finished: dict[str, tuple[Path, ...]], results: Iterator[FileResult]
) -> Iterator[FileResult]:
    """Yield a result per input in input order: skipped ones, and ``results`` for the rest."""
    for path in paths:
        if path in finished:
            yield FileResult(path, finished[path], is_skipped=True)
        else:
            yield next(results)
    yield from results  # lets the run finish (it removes its journal after the last input)


def iter_results(
    paths: Sequence[str],
    pipeline: Pipeline,
    output: OutputOptions,
    memory: MemoryOptions | None = None,
    progress_for: ProgressFor | None = None,
) -> Iterator[FileResult]:
    """Translate and write each input with a loaded pipeline (see :func:`translate_files`).

    Consecutive short inputs are translated together, their sentences sharing the model's
    batches (``docs/design/archive-batching.md``); each input is still written, and its result
    yielded, as soon as it is finished. The resume journal is deleted once every input has
    been handled; when Ctrl-C stops the run it stays for the next run.
    """
    journal = (
        Journal.for_run(output.output_dir, pipeline.signature.identity) if output.resume else None
    )
    with _memory_session(memory, pipeline.signature) as session:
        yield from translate_in_windows(
            (path, FileJob(pipeline, output, journal, session, _tracker(path, progress_for)))
            for path in paths
        )
    if journal is not None:
        journal.remove()


def expand_inputs(inputs: Sequence[str]) -> list[str]:
    """Replace each folder by the article files in it (sorted); keep files and ``-`` as given.

    Raises:
        InputError: a folder holds no articles, or no input exists at all (before any model
            is loaded; a single missing file among others is reported with the others).
    """
    missing = [item for item in inputs if item != "-" and not Path(item).exists()]
    if missing and len(missing) == len(inputs):
        raise InputError(f"{missing[0]}: no such file or folder; check the path.")
    expanded: list[str] = []
    for item in inputs:
        folder = Path(item)
        if item != "-" and folder.is_dir():
            found = sorted(str(p) for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES)
            if not found:
                raise InputError(f"{item}: the folder holds no {'/'.join(SUFFIXES)} files.")
            expanded.extend(found)
        else:
            expanded.append(item)
    return expanded


def check_output_names(inputs: Sequence[str], options: OutputOptions) -> None:
    """Refuse unknown formats, and two inputs that would write the same output file.

    Raises:
        InputError: naming the format, or both inputs (``a/x.txt`` and ``b/x.md``).
    """
    unknown = [name for name in options.formats if name not in EXPORTERS]
    if unknown:
        raise InputError(f"Unknown output format {unknown[0]!r}; use {', '.join(EXPORTERS)}.")
    seen: dict[Path, str] = {}
    for item in inputs:
        target = output_path(item, options.output_dir, options.formats[0])
        if target in seen:
            raise InputError(
                f"{seen[target]} and {item} would both be written to {target}; "
                "translate them in separate runs with different -o folders."
            )
        seen[target] = item


def prepare_output_folder(options: OutputOptions) -> None:
    """Create the output folder and prove it writable by writing a file, before any translation.

    A real write, not :func:`os.access`: permission bits do not bind the superuser, and a
    network or read-only mount can refuse what the bits allow.

    Raises:
        ExportError: the folder cannot be created or written.
    """
    folder = options.output_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(prefix=".songngu-probe-", dir=folder)
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ExportError(
            f"{folder}: cannot write to the output folder ({reason}); choose another with -o."
        ) from error


def _tracker(path: str, progress_for: ProgressFor | None) -> Tracker:
    return Tracker(progress_for(path) if progress_for else None)


@contextmanager
def _memory_session(
    options: MemoryOptions | None, signature: Signature
) -> Iterator[MemorySession | None]:
    """Open the translation memory for the run, bound to its signature (or none)."""
    if options is None:
        yield None
        return
    with TranslationMemory(options.path) as store:
        yield MemorySession(
            store,
            str(signature),
            store_model=options.store_model,
            fuzzy_threshold=options.fuzzy_threshold,
        )
