"""One input's way through a run: opened, translated alone or with its neighbours, written.

:func:`translate_in_windows` opens each input (read, resume check, the stages before the
model), groups consecutive inputs into windows of at most :data:`WINDOW_SENTENCES` sentences
for the model, translates each window's sentences in one shared pass, so that the short
articles of an archive fill the model's batches together, and then finishes, writes and
reports each input in input order (``docs/design/archive-batching.md``). A file that fails is
reported in its result and the others go on; Ctrl-C becomes
:class:`~songngu.errors.TranslationInterrupted`, saying what the journal keeps.
"""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from songngu.errors import (
    ModelCallError,
    SongnguError,
    TranslationError,
    TranslationInterrupted,
    TranslationStopped,
)
from songngu.exporters import output_path, refuse_existing, write_outputs
from songngu.journal import Journal, text_digest
from songngu.memory import MemorySession
from songngu.model import Document, Severity
from songngu.pipeline import Pipeline, Stage
from songngu.readers import read_document
from songngu.translation.runner import CHUNK_SIZE
from songngu.translation.stages import (
    TRANSLATING,
    Progress,
    ProgressCallback,
    pending_segments,
)

__all__ = [
    "WINDOW_SENTENCES",
    "FileJob",
    "FileResult",
    "OutputOptions",
    "Tracker",
    "planned_outputs",
    "translate_in_windows",
]

logger = logging.getLogger(__name__)

#: The most sentences waiting for the model that a window of consecutive files holds: the
#: runner's chunk, so that a window's batches are full and length-sorted and the first outputs
#: come after one chunk, not after the folder (``docs/design/archive-batching.md``).
WINDOW_SENTENCES = CHUNK_SIZE


@dataclass(frozen=True, slots=True)
class OutputOptions:
    """Where and in which formats outputs are written."""

    output_dir: Path = Path("output")
    formats: tuple[str, ...] = ("docx", "md")
    force: bool = False
    resume: bool = True


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


class Tracker:
    """Follow a file's translation progress; say how much is saved when it stops."""

    def __init__(self, progress: ProgressCallback | None) -> None:
        """Pass every event on to ``progress`` (if any), keeping the first pass's last one."""
        self.progress = progress
        self.last: Progress | None = None

    def __call__(self, event: Progress) -> None:
        """Note a first-pass event and pass the event on."""
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
class FileJob:
    """What translating one file needs from the run."""

    pipeline: Pipeline
    output: OutputOptions
    journal: Journal | None
    memory: MemorySession | None
    tracker: Tracker


@dataclass(slots=True)
class _Opened:
    """A file read and prepared for the model, waiting for the pass that translates it."""

    path: str
    job: FileJob
    document: Document
    digest: str
    targets: list[Path]
    #: Time spent on the file so far (opening, and its share of a pass shared with others).
    seconds: float
    #: Fills in the model's targets: the window's shared pass; None until it has run.
    model: Stage | None = None

    @property
    def num_pending(self) -> int:
        """The number of sentences waiting for the model."""
        return len(pending_segments(self.document))


_T = TypeVar("_T")


def translate_in_windows(jobs: Iterable[tuple[str, FileJob]]) -> Iterator[FileResult]:
    """Translate and write each file, in windows of neighbours; yield each result in order."""
    entries = (_guarded(path, job, functools.partial(_open, path, job)) for path, job in jobs)
    for window in _windows(entries, WINDOW_SENTENCES):
        yield from _finish_window(window)


def _guarded(
    path: str, job: FileJob, action: Callable[[], _T], spent: float = 0.0
) -> _T | FileResult:
    """Run ``action`` on one file; turn every failure into its result, Ctrl-C into the one raise.

    ``spent`` is the time already spent on the file, counted in a failure's result.
    """
    started = time.perf_counter() - spent
    failure: SongnguError
    try:
        return action()
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
    return FileResult(path, error=failure, seconds=time.perf_counter() - started)


def _open(path: str, job: FileJob) -> FileResult | _Opened:
    """Read one file and run the stages before the model; a result when there is nothing to do."""
    started = time.perf_counter()
    document = read_document(path)
    digest = text_digest(document.text)
    targets = planned_outputs(path, digest, job.output, job.journal)
    if isinstance(targets, FileResult):
        return targets
    prepared = job.pipeline.prepare(document, memory=job.memory)
    return _Opened(path, job, prepared, digest, list(targets), time.perf_counter() - started)


def planned_outputs(
    path: str, digest: str, output: OutputOptions, journal: Journal | None
) -> tuple[Path, ...] | FileResult:
    """Return the outputs an input will get, or its result when an earlier run finished it.

    Raises:
        OutputExistsError: an output exists, without --force and not left by our own run.
    """
    targets = tuple(output_path(path, output.output_dir, name) for name in output.formats)
    if journal is not None and journal.is_done(path, digest, targets):
        return FileResult(path, targets, is_resumed=True)
    # Outputs an interrupted run of ours was writing are ours to replace, --force or not.
    force = output.force or (journal is not None and journal.was_writing(path, digest, targets))
    if not force:
        refuse_existing(targets)
    return targets


def _windows(
    entries: Iterable[FileResult | _Opened], budget: int
) -> Iterator[list[FileResult | _Opened]]:
    """Group consecutive files into windows of at most ``budget`` sentences for the model.

    A file with more is a window of its own; every file counts as at least one sentence, so a
    window of files with nothing to translate stays small, and results that wait for no
    translation (resumed or failed files) are passed on at once.
    """
    window: list[FileResult | _Opened] = []
    size = 0
    for entry in entries:
        if isinstance(entry, FileResult) and not window:
            yield [entry]
            continue
        needs = max(1, entry.num_pending if isinstance(entry, _Opened) else 0)
        if window and size + needs > budget:
            yield window
            window, size = [], 0
        window.append(entry)
        size += needs
    if window:
        yield window


def _finish_window(window: list[FileResult | _Opened]) -> Iterator[FileResult]:
    """Translate the window's files in one pass, then finish and yield each in input order."""
    opened = [entry for entry in window if isinstance(entry, _Opened)]
    if len(opened) > 1:
        _share(opened)
    for entry in window:
        if isinstance(entry, _Opened):
            yield _guarded(entry.path, entry.job, functools.partial(_finish, entry), entry.seconds)
        else:
            yield entry


def _share(opened: list[_Opened]) -> None:
    """Run the model's first pass once over several files, each file's ``model`` filled from it.

    When the pass fails, each file keeps no ``model`` and is translated alone, where the
    failure ends only the file that causes it, as without sharing.
    """
    first, started = opened[0], time.perf_counter()
    job = first.job
    try:
        shared = job.pipeline.translate_together(
            [entry.document for entry in opened],
            [entry.job.tracker for entry in opened],
            job.journal,
        )
    except KeyboardInterrupt as interrupt:
        if job.journal is None:
            raise
        raise job.tracker.interruption(first.path, job.journal, interrupt) from interrupt
    except Exception as error:
        # Any failure is met again file by file (pieces already journalled are recalled).
        logger.info("%d files together failed (%s); one by one now", len(opened), error)
        return
    share = (time.perf_counter() - started) / max(1, sum(entry.num_pending for entry in opened))
    for index, entry in enumerate(opened):
        entry.model = functools.partial(shared.fill, index)
        entry.seconds += share * entry.num_pending


def _finish(entry: _Opened) -> FileResult:
    """Translate what the memory and the shared pass left, check, retry, sign, write, mark done."""
    job, started = entry.job, time.perf_counter()
    model = entry.model or _translated_alone(entry)
    translated = job.pipeline.finish(
        entry.document, model, progress=job.tracker, journal=job.journal, memory=job.memory
    )
    job.tracker.finished()
    if job.journal is not None:
        job.journal.mark_writing(entry.path, entry.digest, entry.targets)
    outputs = write_outputs(translated, job.output.output_dir, job.output.formats, force=True)
    if job.journal is not None:
        job.journal.mark_done(entry.path, entry.digest, outputs)
    seconds = entry.seconds + time.perf_counter() - started
    return FileResult(entry.path, tuple(outputs), translated, seconds=seconds)


def _translated_alone(entry: _Opened) -> Stage:
    """Run the model's first pass over this file only; return what fills its targets."""
    job = entry.job
    single = job.pipeline.translate_together([entry.document], [job.tracker], job.journal)
    return functools.partial(single.fill, 0)
