"""Progress of a long import or export: a bar on a terminal, plain lines elsewhere.

A phase (``validating``, ``writing``, ...) has an optional total in its own unit
(bytes while validating, rows while writing) and a running count of rows; the
reporter shows rows, rows/s and, when the total is known, the time left.
"""

from __future__ import annotations

import sys
import time
from typing import IO, Any, Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class Reporter(Protocol):
    """Where an import or export says how far it is."""

    def start(self, phase: str, total: int | None) -> None:
        """Begin a phase; ``total`` is in the unit that :meth:`update` counts ``done`` in."""

    def update(self, rows: int, done: int | None = None) -> None:
        """``rows`` rows so far in this phase, and ``done`` units of the total."""

    def finish(self) -> None:
        """End the current phase."""

    def message(self, text: str) -> None:
        """Print a line (a summary, a problem) without breaking the display."""


def _eta(elapsed: float, done: int | None, total: int | None) -> str:
    if not total or not done or elapsed <= 0:
        return ""
    left = elapsed * (total - done) / done
    return f", ETA {_duration(left)}"


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}" if m else f"{s}s"


class LineReporter:
    """Plain progress lines to a stream (stderr), at most one per ``interval``
    seconds or per ``every`` rows, whichever comes first."""

    def __init__(self, stream: IO[str] | None = None, interval: float = 5.0, every: int = 1_000_000) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.interval = interval
        self.every = every
        self._phase = ""
        self._total: int | None = None
        self._start = 0.0
        self._last_time = 0.0
        self._last_rows = 0
        self._rows = 0
        self._done: int | None = None

    def start(self, phase: str, total: int | None) -> None:
        self._phase, self._total = phase, total
        self._start = self._last_time = time.monotonic()
        self._rows = self._last_rows = 0
        self._done = None

    def update(self, rows: int, done: int | None = None) -> None:
        self._rows, self._done = rows, done
        now = time.monotonic()
        if now - self._last_time >= self.interval or rows - self._last_rows >= self.every:
            self._last_time, self._last_rows = now, rows
            self._line(now)

    def _line(self, now: float) -> None:
        elapsed = now - self._start
        rate = self._rows / elapsed if elapsed > 0 else 0.0
        pct = ""
        if self._total and self._done is not None:
            pct = f" ({min(100.0, 100.0 * self._done / self._total):.0f}%)"
        self.stream.write(
            f"{self._phase}: {self._rows:,} rows{pct}, {rate:,.0f} rows/s"
            f"{_eta(elapsed, self._done, self._total)}\n"
        )
        self.stream.flush()

    def finish(self) -> None:
        pass

    def message(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()


class _RowsColumn(ProgressColumn):
    def render(self, task: Task) -> Text:
        rows = int(task.fields.get("rows", 0))
        elapsed = task.elapsed or 0.0
        rate = rows / elapsed if elapsed > 0 else 0.0
        return Text(f"{rows:,} rows  {rate:,.0f} rows/s")


class RichReporter:
    """A progress bar (rich) on a terminal."""

    def __init__(self, stream: IO[str] | None = None) -> None:
        self._console = Console(file=stream if stream is not None else sys.stderr)
        self._progress: Progress | None = None
        self._task: TaskID | None = None

    def start(self, phase: str, total: int | None) -> None:
        self.finish()
        self._progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            _RowsColumn(),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=self._console,
            transient=False,
        )
        self._progress.start()
        self._task = self._progress.add_task(phase, total=total, rows=0)

    def update(self, rows: int, done: int | None = None) -> None:
        if self._progress is not None and self._task is not None:
            kwargs: dict[str, Any] = {"rows": rows}
            self._progress.update(self._task, completed=done if done is not None else rows, **kwargs)

    def finish(self) -> None:
        if self._progress is not None:
            if self._task is not None:
                task = self._progress.tasks[0]
                if task.total is not None:
                    self._progress.update(self._task, completed=task.total)
            self._progress.stop()
        self._progress, self._task = None, None

    def message(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False)
        else:
            self._console.print(text, markup=False, highlight=False)


class QuietReporter:
    """No progress at all (for library use and tests)."""

    def __init__(self) -> None:
        self.messages: list[str] = []

    def start(self, phase: str, total: int | None) -> None:
        pass

    def update(self, rows: int, done: int | None = None) -> None:
        pass

    def finish(self) -> None:
        pass

    def message(self, text: str) -> None:
        self.messages.append(text)


def make_reporter(stream: IO[str] | None = None, interval: float = 5.0) -> Reporter:
    """A bar when ``stream`` (default stderr) is a terminal, plain lines otherwise."""
    s = stream if stream is not None else sys.stderr
    isatty = getattr(s, "isatty", None)
    if isatty is not None and isatty():
        return RichReporter(s)
    return LineReporter(s, interval=interval)
