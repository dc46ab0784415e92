"""Split date ranges (contract periods) into calendar months. Pure; no Django.

A period from 16 July to 15 January covers July for 16 of its 31 days, August
to December whole, and January for 15 of 31 days. The cost model pays partial
months pro rata by calendar days: ``days / days_in_month``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from basisbaan.calc.fixed import Ints

Days = npt.NDArray[np.datetime64]


@dataclass(frozen=True, slots=True)
class MonthSlices:
    """One row per (range, calendar month) that the range touches, in input order."""

    source: Ints  # index of the range in the input
    year: Ints
    month: Ints  # 1..12
    days: Ints  # days of the month the range covers (1..days_in_month)
    days_in_month: Ints

    def __len__(self) -> int:
        return len(self.source)


@dataclass(frozen=True, slots=True)
class MonthSlice:
    year: int
    month: int
    days: int
    days_in_month: int


_EPOCH: Final = dt.date(1970, 1, 1).toordinal()


def as_days(days: Sequence[dt.date] | Days) -> Days:
    """Dates as a numpy ``datetime64[D]`` array."""
    if isinstance(days, np.ndarray):
        return np.asarray(days, dtype="datetime64[D]")
    # Day numbers, not numpy's parsing of each date object: many times faster.
    try:
        ordinals = np.fromiter((day.toordinal() for day in days), dtype=np.int64, count=len(days))
    except AttributeError:  # None (not a time) among them
        return np.asarray(days, dtype="datetime64[D]")
    ordinals -= _EPOCH
    return ordinals.astype("datetime64[D]")


def month_slices(
    starts: Sequence[dt.date] | Days,
    ends: Sequence[dt.date] | Days,
    *,
    window_start: dt.date | None = None,
    window_end: dt.date | None = None,
) -> MonthSlices:
    """Expand inclusive ranges ``starts[i]..ends[i]`` into calendar months, vectorised.

    Only the part inside ``window_start..window_end`` (inclusive, when given)
    counts; a range wholly outside the window yields no rows. Ranges with the
    end before the start yield no rows.
    """
    first = as_days(starts)
    last = as_days(ends)
    if first.shape != last.shape or first.ndim != 1:
        raise ValueError("starts and ends must be 1-d and of equal length")
    if window_start is not None:
        first = np.maximum(first, np.datetime64(window_start, "D"))
    if window_end is not None:
        last = np.minimum(last, np.datetime64(window_end, "D"))
    keep = np.flatnonzero(first <= last)
    first, last = first[keep], last[keep]
    first_month = first.astype("datetime64[M]")
    counts = (last.astype("datetime64[M]") - first_month).astype(np.int64) + 1
    row_range = np.repeat(np.arange(len(keep), dtype=np.int64), counts)
    offsets = np.arange(int(counts.sum()), dtype=np.int64) - np.repeat(
        np.cumsum(counts) - counts, counts
    )
    months = first_month[row_range] + offsets.astype("timedelta64[M]")
    month_first = months.astype("datetime64[D]")
    next_first = (months + np.timedelta64(1, "M")).astype("datetime64[D]")
    covered_first = np.maximum(month_first, first[row_range])
    covered_last = np.minimum(next_first - np.timedelta64(1, "D"), last[row_range])
    month_number = months.astype(np.int64)
    return MonthSlices(
        source=keep.astype(np.int64)[row_range],
        year=month_number // 12 + 1970,
        month=month_number % 12 + 1,
        days=(covered_last - covered_first).astype(np.int64) + 1,
        days_in_month=(next_first - month_first).astype(np.int64),
    )


def month_slices_of(start: dt.date, end: dt.date) -> list[MonthSlice]:
    """The calendar months of one inclusive range (plain Python, for one contract).

    >>> [(s.month, s.days, s.days_in_month) for s in month_slices_of(
    ...     dt.date(2024, 7, 16), dt.date(2024, 8, 31))]
    [(7, 16, 31), (8, 31, 31)]
    """
    slices = month_slices([start], [end])
    return [
        MonthSlice(int(y), int(m), int(d), int(n))
        for y, m, d, n in zip(
            slices.year, slices.month, slices.days, slices.days_in_month, strict=True
        )
    ]


@dataclass(frozen=True, slots=True)
class Pieces:
    """Ranges cut at change days: one row per piece, in input order, then by date."""

    source: Ints  # index of the range in the input
    start: Days
    end: Days

    def __len__(self) -> int:
        return len(self.source)


def split_ranges(
    starts: Sequence[dt.date] | Days,
    ends: Sequence[dt.date] | Days,
    cut_source: Sequence[int] | Ints,
    cut_day: Sequence[dt.date] | Days,
) -> Pieces:
    """Cut inclusive ranges ``starts[i]..ends[i]`` so that each ``cut_day[j]`` starts a
    new piece of range ``cut_source[j]``; vectorised.

    A cut on or before the range's start or after its end is ignored, and so is
    a second cut on the same day. A range without cuts is one piece; a range
    whose end lies before its start stays one (empty) piece, as
    :func:`month_slices` skips it.

    >>> p = split_ranges([dt.date(2026, 1, 1)], [dt.date(2026, 12, 31)],
    ...                  [0, 0, 0], [dt.date(2026, 7, 1), dt.date(2026, 1, 1), dt.date(2026, 7, 1)])
    >>> [(str(a), str(b)) for a, b in zip(p.start, p.end)]
    [('2026-01-01', '2026-06-30'), ('2026-07-01', '2026-12-31')]
    """
    first = as_days(starts)
    last = as_days(ends)
    n = len(first)
    source = np.asarray(cut_source, dtype=np.int64)
    day = as_days(cut_day).reshape(-1)
    if len(source):
        valid = (source >= 0) & (source < n)
        source, day = source[valid], day[valid]
        valid = (day > first[source]) & (day <= last[source])
        source, day = source[valid], day[valid]
    if not len(source):
        return Pieces(np.arange(n, dtype=np.int64), first, last)
    key = source * (1 << 24) + (day.astype(np.int64) + (1 << 22))
    key, order = np.unique(key, return_index=True)
    source, day = source[order], day[order]
    counts = np.bincount(source, minlength=n) + 1
    piece_source = np.repeat(np.arange(n, dtype=np.int64), counts)
    offsets = np.cumsum(counts) - counts  # the first piece of each range
    piece_start = first[piece_source].copy()
    piece_end = last[piece_source].copy()
    # The j-th cut of range r starts piece offsets[r] + j + 1 and ends the piece before it.
    rank = np.arange(len(source), dtype=np.int64) - (np.cumsum(counts - 1) - (counts - 1))[source]
    position = offsets[source] + rank + 1
    piece_start[position] = day
    piece_end[position - 1] = day - np.timedelta64(1, "D")
    return Pieces(piece_source, piece_start, piece_end)
