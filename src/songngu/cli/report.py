"""What ``songngu translate`` tells the user on stderr while it runs and when it ends.

A :class:`RunReport` owns the progress display (a rich bar on a terminal, plain lines in a log,
nothing with ``-q``), the library warnings hidden during the run, the steps the library
announces (the first ``--backend ct2`` run converting its model), a line per file and the
final summary (``5 files: 0 translated, 5 already done (skipped)``).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager

from songngu.cli.library_warnings import STDERR_HANDLER_NAME, HiddenWarnings
from songngu.cli.output import CliState, echo_error
from songngu.cli.progress import Display, PlainDisplay, TerminalDisplay
from songngu.model import Origin
from songngu.run import FileResult
from songngu.translation import ProgressCallback

__all__ = ["RunReport", "open_report", "render_file_line", "render_summary"]

#: The attribute of a log record that announces a step of the run (see backends/conversion.py).
STEP_ATTRIBUTE = "songngu_step"


class RunReport:
    """Progress, per-file lines and the summary of one run, on stderr."""

    def __init__(self, display: Display | None, hidden: HiddenWarnings | None) -> None:
        """Show progress and notes on ``display`` (None: ``-q``); summarise ``hidden``."""
        self.display = display
        self.hidden = hidden

    def file(self, result: FileResult) -> FileResult:
        """Report one file's result: an error always, its line unless quiet."""
        if self.display is not None:
            self.display.end_file(result.path)
        if result.error is not None or (result.document is None and not _is_kept(result)):
            echo_error(result.error or ValueError("no document"))
        elif self.display is not None:
            self.display.echo(render_file_line(result))
        return result

    def finish(self, results: Sequence[FileResult]) -> None:
        """Print the summary (of more than one file) and the hidden warnings line."""
        if self.display is None:
            return
        if len(results) > 1:
            self.display.echo(render_summary(results))
        notice = self.hidden.summary() if self.hidden is not None else None
        if notice:
            self.display.echo(notice)

    def progress_for(self, path: str) -> ProgressCallback | None:
        """Return the progress callback of ``path`` (None when quiet)."""
        return self.display.progress_for(path) if self.display is not None else None


@contextmanager
def open_report(state: CliState) -> Iterator[RunReport]:
    """Open the display and, unless ``-v``, hide library warnings until the run ends."""
    with ExitStack() as stack:
        display = None if state.is_quiet else _open_display()
        if display is not None:
            stack.callback(display.close)
            stack.enter_context(_StepLines(display))
        hidden = None if state.verbosity > 0 else stack.enter_context(HiddenWarnings())
        report = RunReport(display, hidden)
        yield report


def render_file_line(result: FileResult) -> str:
    """Return the line that says what became of one input."""
    outputs = ", ".join(str(path) for path in result.outputs)
    if result.is_skipped:
        return f"{result.path}: already done ({outputs}); skipped, --force translates it again."
    if result.is_resumed:
        return f"{result.path} → {outputs}: done before the interruption; kept."
    if result.document is None:
        return f"{result.path} → {outputs}"
    segments = list(result.document.iter_segments())
    terms = [term for segment in segments for term in segment.terms]
    issues = [issue for segment in segments for issue in segment.issues]
    reused = sum(segment.origin is Origin.MEMORY for segment in segments)
    from_memory = f" ({reused} from memory)" if reused else ""
    hinted = sum(segment.hint is not None for segment in segments)
    from_memory += f", {hinted} with memory hints" if hinted else ""
    return (
        f"{result.path} → {outputs}: {len(segments)} sentences{from_memory}, "
        f"{sum(t.enforced for t in terms)}/{len(terms)} glossary terms enforced, "
        f"{len(issues)} QA issues ({result.num_errors} errors) in {result.seconds:.1f} s"
    )


def render_summary(results: Sequence[FileResult]) -> str:
    """Return ``5 files: 3 translated, 2 already done (skipped)`` (and failures, if any)."""
    skipped = sum(result.is_skipped for result in results)
    kept = sum(result.is_resumed for result in results)
    failed = sum(result.error is not None for result in results)
    translated = len(results) - skipped - kept - failed
    noun = "file" if len(results) == 1 else "files"
    parts = [f"{translated} translated"]
    parts += [f"{skipped} already done (skipped)"] if skipped else []
    parts += [f"{kept} kept from the interrupted run"] if kept else []
    parts += [f"{failed} failed"] if failed else []
    return f"{len(results)} {noun}: {', '.join(parts)}"


def _is_kept(result: FileResult) -> bool:
    return result.is_skipped or result.is_resumed


def _open_display() -> Display:
    return TerminalDisplay() if sys.stderr.isatty() else PlainDisplay()


class _StepLines(logging.Handler):
    """Show the steps the library announces on the display, instead of as log lines."""

    def __init__(self, display: Display) -> None:
        super().__init__(logging.INFO)
        self.display = display
        self.addFilter(lambda record: hasattr(record, STEP_ATTRIBUTE))

    def __enter__(self) -> _StepLines:
        self._stderr = [
            h for h in logging.getLogger().handlers if h.get_name() == STDERR_HANDLER_NAME
        ]
        for handler in self._stderr:
            handler.addFilter(self._is_not_step)
        logging.getLogger("songngu").addHandler(self)
        return self

    def __exit__(self, *_: object) -> None:
        logging.getLogger("songngu").removeHandler(self)
        for handler in self._stderr:
            handler.removeFilter(self._is_not_step)

    def emit(self, record: logging.LogRecord) -> None:
        self.display.echo(record.getMessage())

    @staticmethod
    def _is_not_step(record: logging.LogRecord) -> bool:
        return not hasattr(record, STEP_ATTRIBUTE)
