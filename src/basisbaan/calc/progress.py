"""Progress arithmetic of long work: percentage and the time left.

Pure: no Django. The estimate assumes the rest goes at the pace so far,
which for row-by-row work (imports, draws) is what users expect to see.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ProgressFigures:
    done: int
    total: int
    percent: int | None  # None when the total is not known yet
    elapsed: float  # seconds since the start
    remaining: float | None  # seconds, None until there is a pace to go by


def progress_figures(done: int, total: int, elapsed: float) -> ProgressFigures:
    """``done`` of ``total`` after ``elapsed`` seconds: percentage and time left.

    >>> progress_figures(250, 1000, 10.0).remaining
    30.0
    """
    done = max(done, 0)
    elapsed = max(elapsed, 0.0)
    if total <= 0:
        return ProgressFigures(done, 0, None, elapsed, None)
    done = min(done, total)
    percent = done * 100 // total
    remaining = None
    if done > 0 and elapsed > 0:
        remaining = round(elapsed * (total - done) / done, 1)
    return ProgressFigures(done, total, percent, elapsed, remaining)
