"""Live progress of a running job, shared through the ``jobs`` cache.

The worker writes, the web processes read. Writes are thinned out to a few a
second: a million-row import reports far more often than anyone can look.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches

from basisbaan.calc.progress import ProgressFigures, progress_figures

WRITE_INTERVAL = 0.25  # seconds between two writes of the same job
KEEP = 24 * 3600  # seconds a progress record outlives its last write


def _cache() -> Any:
    return caches["jobs"]


def _key(job_id: int) -> str:
    return f"job-progress:{job_id}"


class JobProgress:
    """``progress(phase, done, total)``: the callback the services take."""

    def __init__(self, job_id: int, *, started: float | None = None) -> None:
        self.job_id = job_id
        self.started = time.time() if started is None else started
        self._last_write = 0.0
        self.phase = ""
        self.done = 0
        self.total = 0

    def __call__(self, phase: str, done: int, total: int) -> None:
        changed_phase = phase != self.phase
        self.phase, self.done, self.total = phase, done, total
        now = time.monotonic()
        if changed_phase or done >= total or now - self._last_write >= WRITE_INTERVAL:
            self._last_write = now
            self.write()

    def write(self) -> None:
        _cache().set(
            _key(self.job_id),
            {"phase": str(self.phase), "done": self.done, "total": self.total, "at": time.time()},
            KEEP,
        )

    def clear(self) -> None:
        _cache().delete(_key(self.job_id))


@dataclass(frozen=True, slots=True)
class LiveProgress:
    phase: str
    figures: ProgressFigures
    updated: float | None  # when the worker last reported (epoch seconds)


def read_progress(job_id: int, started: float | None, *, now: float | None = None) -> LiveProgress:
    """What the worker last reported; zeros before its first report."""
    now = time.time() if now is None else now
    record = _cache().get(_key(job_id)) or {}
    elapsed = now - started if started is not None else 0.0
    # The pace is the reported one: measured up to the report, not up to now.
    at = record.get("at")
    pace_elapsed = (at - started) if (at is not None and started is not None) else elapsed
    figures = progress_figures(
        int(record.get("done", 0)), int(record.get("total", 0)), pace_elapsed
    )
    if figures.remaining is not None and at is not None:
        figures = ProgressFigures(
            figures.done,
            figures.total,
            figures.percent,
            elapsed,
            max(round(figures.remaining - (now - at), 1), 0.0),
        )
    else:
        figures = ProgressFigures(figures.done, figures.total, figures.percent, elapsed, None)
    return LiveProgress(str(record.get("phase", "")), figures, at)
