"""One run of ``songngu translate`` as a library call: many files, one model, nothing lost.

:func:`translate_files` checks the inputs and the output names, loads the glossary and the
model, and then translates and writes each input in turn, yielding a :class:`FileResult` per
input. It owns the run's resume journal and translation memory. A file that cannot be read,
translated or written is reported in its result and the run goes on with the next one; Ctrl-C
ends the run with :class:`~songngu.errors.TranslationInterrupted`, raised here and only here,
saying how much the journal keeps (``docs/design/robustness.md``).
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from songngu.completion import find_finished, run_origin
from songngu.errors import (
    ExportError,
    InputError,
    ModelCallError,
    SongnguError,
    TranslationError,
    TranslationInterrupted,
    TranslationStopped,
)
from songngu.exporters import EXPORTERS, output_path, refuse_existing, write_outputs
from songngu.journal import Journal, text_digest
from songngu.memory import MemorySession, TranslationMemory
from songngu.model import Document, Severity
from songngu.pipeline import Pipeline, TranslationSettings
from songngu.readers import SUFFIXES, read_document
from songngu.signature import Signature
from songngu.translation.stages import TRANSLATING, Progress, ProgressCallback

__all__ = [
    "FileResult",
    "MemoryOptions",
    "OutputOptions",
    "check_output_names",
    "expand_inputs",
    "prepare_output_folder",
    "translate_files",
]


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """Where and in which formats outputs are written."""

    output_dir: Path = Path("output")
    formats: tuple[str, ...] = ("docx", "md")
    force: bool = False
    resume: bool = True


@dataclass(frozen=True, slots=True)
class MemoryOptions:
    """The translation memory a run reuses, and whether it stores the model's new output.

    ``fuzzy_threshold`` is how similar (percent) a vetted entry must be to be shown as a hint on
    a sentence without an exact match; 0 turns hints off.
    """

    path: Path
    store_model: bool = True
    fuzzy_threshold: float = 75.0


@dataclass(frozen=True, slots=True)
class FileResult:
    """What happened to one input: its outputs and document, or the error that stopped it."""

    path: str
    outputs: tuple[Path, ...] = ()
    document: Document | None = None
    error: SongnguError | None = None
    seconds: float = 0.0
    is_resumed: bool = False
    #: Finished by an earlier run (``songngu.completion``) and left alone; no model was needed.
    is_skipped: bool = False

    @property
    def num_errors(self) -> int:
        """The number of error-severity QA issues in the translated document."""
        if self.document is None:
            return 0
        return sum(
            issue.severity is Severity.ERROR
            for segment in self.document.iter_segments()
            for issue in segment.issues
        )


ProgressFor = Callable[[str], ProgressCallback | None]


def translate_files(
    inputs: Sequence[str],
    settings: TranslationSettings,
    output: OutputOptions,
    *,
    memory: MemoryOptions | None = None,
    progress_for: ProgressFor | None = None,
) -> Iterator[FileResult]:
    """Check everything, load the model, then yield a result per input as it is written.

    Inputs whose outputs an earlier run finished (:func:`~songngu.completion.find_finished`)
    are skipped unless ``output.force``; when every input is, no model is loaded at all.

    Raises:
        InputError: no input exists, a folder holds no articles, or two inputs would write
            the same output (all before the model is loaded).
        ExportError: the output folder cannot be written.
        GlossaryError, ModelUnavailableError, BackendError: the glossary or model cannot be
            loaded.
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
    pipeline = Pipeline(settings)  # a bad glossary or a missing model stops before any write
    prepare_output_folder(output)
    return _in_order(paths, finished, iter_results(pending, pipeline, output, memory, progress_for))


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

    The resume journal is deleted once every input has been handled; when Ctrl-C stops the
    run it stays for the next run.
    """
    journal = (
        Journal.for_run(output.output_dir, pipeline.signature.identity) if output.resume else None
    )
    with _memory_session(memory, pipeline.signature) as session:
        for path in paths:
            tracker = _Tracker(progress_for(path) if progress_for else None)
            yield _run_file(path, _FileJob(pipeline, output, journal, session, tracker))
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


class _Tracker:
    """Follow a file's translation progress; say how much is saved when it stops."""

    def __init__(self, progress: ProgressCallback | None) -> None:
        self.progress = progress
        self.last: Progress | None = None

    def __call__(self, event: Progress) -> None:
        if event.step == TRANSLATING:  # a second attempt's counts say nothing of what is saved
            self.last = event
        if self.progress is not None:
            self.progress(event)

    def finished(self) -> None:
        """Forget the counts: the translation is over (an interruption now is in writing)."""
        self.last = None

    def interruption(
        self, path: str, journal: Journal, interrupt: KeyboardInterrupt
    ) -> TranslationInterrupted:
        """Say how much of ``path`` the journal keeps: counted by the model stage, else seen."""
        if isinstance(interrupt, TranslationStopped):
            return TranslationInterrupted(
                path, journal.path, interrupt.num_saved, interrupt.num_total
            )
        if self.last is None:
            return TranslationInterrupted(path, journal.path)
        return TranslationInterrupted(path, journal.path, self.last.done, self.last.total)

    def saved_note(self, journal: Journal | None, failure: ModelCallError) -> str:
        """Say how much of a failed file the journal keeps (the model stage counts it)."""
        counts = failure.saved or (self.last and (self.last.done, self.last.total))
        if journal is None or not counts:
            return ""
        return f"{counts[0]} of {counts[1]} sentences are saved in {journal.path}"


@dataclass(frozen=True, slots=True)
class _FileJob:
    """What translating one file needs from the run."""

    pipeline: Pipeline
    output: OutputOptions
    journal: Journal | None
    memory: MemorySession | None
    tracker: _Tracker


def _run_file(path: str, job: _FileJob) -> FileResult:
    """Translate one file; turn every failure into its result, and Ctrl-C into the one raise."""
    started = time.perf_counter()
    failure: SongnguError
    try:
        result = _translate_file(path, job)
    except ModelCallError as error:
        failure = TranslationError(path, error, job.tracker.saved_note(job.journal, error))
        failure.__cause__ = error.cause
    except SongnguError as error:
        failure = error
    except KeyboardInterrupt as interrupt:
        if job.journal is None:
            raise
        raise job.tracker.interruption(path, job.journal, interrupt) from interrupt
    except Exception as error:
        # A failure nothing foresaw ends this file, not the run (--debug shows the cause).
        failure = TranslationError(path, error)
        failure.__cause__ = error
    else:
        return dataclasses.replace(result, seconds=time.perf_counter() - started)
    return FileResult(path, error=failure, seconds=time.perf_counter() - started)


def _translate_file(path: str, job: _FileJob) -> FileResult:
    document = read_document(path)
    digest = text_digest(document.text)
    journal, output = job.journal, job.output
    targets = [output_path(path, output.output_dir, name) for name in output.formats]
    if journal is not None and journal.is_done(path, digest, targets):
        return FileResult(path, tuple(targets), is_resumed=True)
    # Outputs an interrupted run of ours was writing are ours to replace, --force or not.
    force = output.force or (journal is not None and journal.was_writing(path, digest, targets))
    if not force:
        refuse_existing(targets)
    translated = job.pipeline.translate(
        document, progress=job.tracker, journal=journal, memory=job.memory
    )
    job.tracker.finished()
    if journal is not None:
        journal.mark_writing(path, digest, targets)
    outputs = write_outputs(translated, output.output_dir, output.formats, force=True)
    if journal is not None:
        journal.mark_done(path, digest, outputs)
    return FileResult(path, tuple(outputs), translated)


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
