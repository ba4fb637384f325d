"""Progress on stderr: a rich bar on a terminal, plain lines in a log, nothing under ``-q``.

Both count sentences (``Progress`` events from the translation stages) and give the pace and
the time left; each step of a file (``translating``, ``retrying clause by clause``) is a bar or
a run of lines of its own. Plain lines never redraw: one when a step starts, then one every
tenth of the way or every :data:`PLAIN_INTERVAL` seconds, and one when it ends, so a log shows
progress without carriage-return noise (tqdm's ``mininterval`` idea, in whole lines).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import click

from songngu.translation import Progress, ProgressCallback

if TYPE_CHECKING:
    from rich.progress import TaskID

__all__ = ["PLAIN_INTERVAL", "Display", "PlainDisplay", "TerminalDisplay", "describe_pace"]

#: The most seconds between two plain progress lines while sentences keep finishing.
PLAIN_INTERVAL = 10.0

Clock = Callable[[], float]


class Display(Protocol):
    """Where a run's progress and messages go."""

    def close(self) -> None:
        """Finish the display (a bar stops redrawing)."""
        ...

    def echo(self, message: str) -> None:
        """Print a message line (above a bar, if one is drawn)."""
        ...

    def end_file(self, path: str) -> None:
        """Forget the progress of ``path``: its result line says the rest."""
        ...

    def progress_for(self, path: str) -> ProgressCallback | None:
        """Return the callback that shows the progress of ``path``."""
        ...


@dataclass(slots=True)
class _Pace:
    """Sentences per second since a step started (sentences done before it do not count)."""

    started: float
    first_done: int

    def describe(self, event: Progress, now: float) -> str:
        return describe_pace(
            event.done - self.first_done, event.total - event.done, now - self.started
        )


def describe_pace(num_done: int, num_left: int, seconds: float) -> str:
    """Return ``1.2 sentences/s, about 20 s left`` (or ``done in 41 s``)."""
    if num_left <= 0:
        return f"done in {_duration(seconds)}"
    if num_done <= 0 or seconds <= 0:
        return "starting"
    rate = num_done / seconds
    return f"{rate:.1f} sentences/s, about {_duration(num_left / rate)} left"


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.0f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest:02d} s"


class PlainDisplay:
    """Whole lines on stderr, for logs and pipes."""

    def __init__(self, clock: Clock = time.monotonic) -> None:
        """Time the pace with ``clock``."""
        self.clock = clock

    def close(self) -> None:
        """Nothing to finish: every line is already out."""

    def echo(self, message: str) -> None:
        """Print the message on stderr."""
        click.echo(message, err=True)

    def end_file(self, path: str) -> None:
        """Nothing to forget: lines stay where they are."""

    def progress_for(self, path: str) -> ProgressCallback:
        """Return a callback printing ``path``'s steps as throttled lines."""
        return _PlainLines(path, self.echo, self.clock)


class _PlainLines:
    """The plain progress lines of one file."""

    def __init__(self, path: str, echo: Callable[[str], None], clock: Clock) -> None:
        self.path, self.echo, self.clock = path, echo, clock
        self.step = ""
        self.pace = _Pace(0.0, 0)
        self.printed = (0, 0.0)  # sentences done and time at the last line

    def __call__(self, event: Progress) -> None:
        now = self.clock()
        if event.total <= 0:
            return
        if event.step != self.step:
            self.step, self.pace, self.printed = (
                event.step,
                _Pace(now, event.done),
                (event.done, now),
            )
            earlier = f" ({event.done} done before)" if event.done else ""
            self.echo(f"{self.path}: {event.step} {event.total} sentences{earlier}")
            if event.done < event.total:
                return
        elif not self._is_due(event, now):
            return
        percent = 100 * event.done // event.total
        self.echo(
            f"{self.path}: {event.step} {event.done}/{event.total} sentences ({percent}%), "
            f"{self.pace.describe(event, now)}"
        )
        self.printed = (event.done, now)

    def _is_due(self, event: Progress, now: float) -> bool:
        last_done, last_time = self.printed
        if event.done <= last_done:
            return False
        next_tenth = 10 * event.done // event.total > 10 * last_done // event.total
        return next_tenth or event.done >= event.total or now - last_time >= PLAIN_INTERVAL


class TerminalDisplay:
    """A rich progress bar per file and step, with messages printed above the bars."""

    def __init__(self, console: object | None = None) -> None:
        """Draw on ``console`` (a ``rich.console.Console``; stderr when not given)."""
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bars

        self.bars = Bars(
            TextColumn("{task.description}", markup=False),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("sentences"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[pace]}", markup=False),
            console=console if isinstance(console, Console) else Console(stderr=True),
            redirect_stdout=False,
        )
        self.bars.start()
        self.clock: Clock = time.monotonic
        self.tasks: dict[str, list[TaskID]] = {}

    def close(self) -> None:
        """Stop redrawing; the finished bars stay on screen."""
        self.bars.stop()

    def echo(self, message: str) -> None:
        """Print the message above the bars."""
        self.bars.console.print(message, markup=False, highlight=False, soft_wrap=True)

    def end_file(self, path: str) -> None:
        """Remove the bars of ``path`` (a folder of articles would otherwise fill the screen)."""
        for task in self.tasks.pop(path, []):
            self.bars.remove_task(task)

    def progress_for(self, path: str) -> ProgressCallback:
        """Return a callback that draws ``path``'s steps as bars."""
        tasks: dict[str, tuple[TaskID, _Pace]] = {}

        def report(event: Progress) -> None:
            if event.total <= 0:
                return
            now = self.clock()
            if event.step not in tasks:
                task = self.bars.add_task(f"{path}: {event.step}", total=event.total, pace="")
                tasks[event.step] = (task, _Pace(now, event.done))
                self.tasks.setdefault(path, []).append(task)
            task, pace = tasks[event.step]
            self.bars.update(
                task,
                completed=event.done,
                total=event.total,
                pace=pace.describe(event, now),
            )

        return report
