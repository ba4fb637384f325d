"""The driver of a cluster run: read the inputs, send them to the workers, write what returns.

Everything that touches the user's files happens here, on the machine that runs
``songngu translate``: reading each input, the resume check and the refusal of existing
outputs (as a local run makes them), the translation memory (looked up before a file is sent,
recorded when it returns) and every output, written atomically with the journal's
``writing``/``done`` lines. Workers get documents and give documents back, so they need no
shared filesystem (``docs/design/cluster.md``).
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter, deque
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from songngu import segmenter
from songngu.clusters import Workers
from songngu.clusters.work import Outcome, WorkItem
from songngu.errors import ClusterError, SongnguError, TranslationError, TranslationInterrupted
from songngu.exporters import write_outputs
from songngu.file_jobs import FileResult, OutputOptions, planned_outputs
from songngu.journal import Journal, text_digest
from songngu.memory import MemorySession, MemorySnapshot, snapshot, source_key
from songngu.readers import read_document
from songngu.translation.stages import TRANSLATING, Progress, ProgressCallback

__all__ = ["translate_on_workers"]


@dataclass(frozen=True, slots=True)
class _Sent:
    """An input read and sent to the workers, with what writing its outputs needs."""

    item: WorkItem
    digest: str
    targets: tuple[Path, ...]
    #: The sentences to translate (their memory keys), and those the memory lacked when looked
    #: up: a later file repeating one of these waits for this one (:class:`_Windows`).
    sources: tuple[str, ...]
    new_sentences: frozenset[str]
    seconds: float

    @property
    def num_sentences(self) -> int:
        """The number of sentences to translate."""
        return len(self.sources)


@dataclass(frozen=True, slots=True)
class DriverContext:
    """What the driver writes to: the outputs, the journal and the memory of the run."""

    output: OutputOptions
    journal: Journal | None
    memory: MemorySession | None


def translate_on_workers(
    paths: Sequence[str],
    workers: Workers,
    context: DriverContext,
    window_sentences: int,
    progress: ProgressCallback | None = None,
) -> Iterator[FileResult]:
    """Translate ``paths`` on ``workers``; yield each file's result as it is written.

    Consecutive files are sent together, in windows of at most ``window_sentences``
    sentences, as a local run batches them. Ctrl-C stops the workers and raises
    :class:`TranslationInterrupted`: the journal keeps every file written so far.
    """
    counter = _Counter(len(paths), progress)
    windows = _Windows(paths, context, window_sentences, counter)
    try:
        for outcomes in workers.translate(windows):
            yield from windows.drain()
            for outcome in outcomes:
                file = windows.returned(outcome.path)
                counter.finished(file.num_sentences)
                yield _written(file, outcome, context)
        yield from windows.drain()
    except KeyboardInterrupt as interrupt:
        workers.close()
        if context.journal is None:
            raise
        raise TranslationInterrupted(
            windows.first_unfinished(), context.journal.path
        ) from interrupt


class _Windows:
    """The windows to send, in input order, opened as the workers ask for more.

    A file that repeats a sentence (one the memory lacks) of a file sent and not yet back is
    held until that file is back and stored in the memory, then looked up again and sent: a
    local run translates files in order, so a later file reuses an earlier one's sentence from
    the memory, and a cluster run must give the same outputs (``docs/design/cluster.md``).
    Files that need no translation (resumed, failed to open) wait in :meth:`drain`.
    """

    def __init__(
        self, paths: Sequence[str], context: DriverContext, budget: int, counter: _Counter
    ) -> None:
        self.paths, self.context, self.budget, self.counter = paths, context, budget, counter
        self.ready: deque[FileResult] = deque()
        self.unfinished: dict[str, _Sent] = {}  # opened and not yet back, in input order
        self.held: list[_Sent] = []
        self.busy: Counter[str] = Counter()  # new sentences of the files sent, not yet back

    def __iter__(self) -> Iterator[list[WorkItem]]:
        """Yield each window to send; an empty one when only held files are left."""
        window: list[_Sent] = []
        for path in self.paths:
            opened = self._open(path)
            if opened is None:
                continue
            released = self._released()
            if self._is_blocked(opened, self.held):
                self.held.append(opened)
                window = yield from self._added(window, released)
            else:
                window = yield from self._added(window, [*released, opened])
        while self.held:
            released = self._released()
            if released:
                window = yield from self._added(window, released)
            elif window:
                yield self._sent(window)
                window = []
            else:
                yield []  # nothing can go before a file sent earlier is back
        if window:
            yield self._sent(window)

    def drain(self) -> Iterator[FileResult]:
        """Yield the results that needed no translation, in the order they were opened."""
        while self.ready:
            yield self.ready.popleft()

    def returned(self, path: str) -> _Sent:
        """Note that ``path`` is back (its sentences are in the memory once it is written)."""
        file = self.unfinished.pop(path)
        self.busy.subtract(file.new_sentences)
        self.busy = +self.busy
        return file

    def first_unfinished(self) -> str:
        """Return the first input not written yet (what an interruption names)."""
        return next(iter(self.unfinished), self.paths[-1])

    def _open(self, path: str) -> _Sent | None:
        opened = _open(path, self.context)
        if isinstance(opened, FileResult):
            self.ready.append(opened)
            self.counter.passed()
            return None
        self.counter.opened(opened.num_sentences)
        self.unfinished[path] = opened
        return opened

    def _added(
        self, window: list[_Sent], files: list[_Sent]
    ) -> Generator[list[WorkItem], None, list[_Sent]]:
        """Add ``files`` to ``window``, sending the window first whenever it is full."""
        for file in files:
            size = sum(max(1, part.num_sentences) for part in window)
            if window and size + max(1, file.num_sentences) > self.budget:
                yield self._sent(window)
                window = []
            window.append(file)
        return window

    def _sent(self, window: list[_Sent]) -> list[WorkItem]:
        for file in window:
            self.busy.update(file.new_sentences)
        return [file.item for file in window]

    def _is_blocked(self, file: _Sent, held: list[_Sent]) -> bool:
        """Whether ``file`` repeats a new sentence of a file sent earlier, or of ``held``."""
        if self.busy.keys() & file.new_sentences:
            return True
        return any(not other.new_sentences.isdisjoint(file.new_sentences) for other in held)

    def _released(self) -> list[_Sent]:
        """Take the held files that nothing earlier blocks any more, looked up again."""
        released: list[_Sent] = []
        still_held: list[_Sent] = []
        for file in self.held:
            if self._is_blocked(file, still_held):
                still_held.append(file)
            else:
                released.append(_looked_up_again(file, self.context.memory))
        self.held = still_held
        return released


def _looked_up_again(file: _Sent, memory: MemorySession | None) -> _Sent:
    """Return a held file with its sentences looked up in the memory as it is now."""
    if memory is None:
        return file
    found = snapshot(memory, file.sources)
    item = dataclasses.replace(file.item, memory=found)
    return dataclasses.replace(file, item=item, new_sentences=_new_sentences(found, file.sources))


def _open(path: str, context: DriverContext) -> FileResult | _Sent:
    """Read one input, check it as a local run would, and look its sentences up in the memory."""
    started = time.perf_counter()
    try:
        return _opened(path, context, started)
    except SongnguError as error:
        return FileResult(path, error=error, seconds=time.perf_counter() - started)
    except Exception as error:  # a failure nothing foresaw ends this file only (as locally)
        failure = TranslationError(path, error)
        failure.__cause__ = error
        return FileResult(path, error=failure, seconds=time.perf_counter() - started)


def _opened(path: str, context: DriverContext, started: float) -> FileResult | _Sent:
    document = read_document(path)
    digest = text_digest(document.text)
    targets = planned_outputs(path, digest, context.output, context.journal)
    if isinstance(targets, FileResult):
        return targets
    sources = [
        segment.source
        for block in segmenter.segment_document(document).blocks
        if block.is_translated
        for segment in block.segments
    ]
    memory = snapshot(context.memory, sources) if context.memory is not None else None
    seconds = time.perf_counter() - started
    item = WorkItem(path, document, memory)
    return _Sent(item, digest, targets, tuple(sources), _new_sentences(memory, sources), seconds)


def _new_sentences(memory: MemorySnapshot | None, sources: Sequence[str]) -> frozenset[str]:
    """Return the keys of ``sources`` the memory lacks, when the run stores what it translates."""
    if memory is None or not memory.store_model:
        return frozenset()  # nothing translated is stored, so no later file can reuse it
    keys = {source_key(source) for source in sources}
    return frozenset(keys - memory.found.keys())


def _written(file: _Sent, outcome: Outcome, context: DriverContext) -> FileResult:
    """Write a returned translation (journalled, atomically) and store it in the memory."""
    path, seconds = file.item.path, file.seconds + outcome.seconds
    document, journal = outcome.document, context.journal
    if document is None:
        return FileResult(path, error=ClusterError(outcome.error), seconds=seconds)
    try:
        if journal is not None:
            journal.mark_writing(path, file.digest, file.targets)
        outputs = write_outputs(
            document, context.output.output_dir, context.output.formats, force=True
        )
        if journal is not None:
            journal.mark_done(path, file.digest, outputs)
    except SongnguError as error:
        return FileResult(path, error=error, seconds=seconds)
    if context.memory is not None:
        context.memory.record(document)
    return FileResult(path, tuple(outputs), document, seconds=seconds)


class _Counter:
    """The run's progress in sentences; the total of unread files is estimated as they come."""

    def __init__(self, num_files: int, progress: ProgressCallback | None) -> None:
        self.num_files, self.progress = num_files, progress
        self.num_opened = self.num_read_sentences = self.num_done = 0

    def passed(self) -> None:
        """Count out a file that needs no translation (resumed, or failed to open)."""
        self.num_files -= 1

    def opened(self, num_sentences: int) -> None:
        self.num_opened += 1
        self.num_read_sentences += num_sentences
        if self.num_opened == 1:
            self._report()

    def finished(self, num_sentences: int) -> None:
        self.num_done += num_sentences
        self._report()

    def _report(self) -> None:
        if self.progress is None:
            return
        average = self.num_read_sentences / max(1, self.num_opened)
        unread = round(average * (self.num_files - self.num_opened))
        self.progress(Progress(TRANSLATING, self.num_done, self.num_read_sentences + unread))
