"""Outcome figures of a programme as one table of counts with its additive relations.

Pure, typed, vectorised with numpy; no Django. The Django side
(:mod:`basisbaan.outcomes.figures`) reads spells, placements and follow-up
measurements into the arrays below; this module counts every figure the
outcomes page, its export, the API and the command line show, for all tracks
and per track, and states every relation between two figures a reader could
use to recompute a third (``started = active + exited``, a year's figures
adding up to the total, one track plus the other making all). The one
suppression function (:func:`basisbaan.calc.suppression.suppress`) gets all
of it at once, so no small number can be recovered by subtraction between
two tables of the page, two periods, or two tracks.

Definitions (also in docs/outcomes.md):

- A **spell** is one participant's time in the programme from the first day
  of work (the first placement) to the exit from the programme; a participant
  who returns has a second spell. Spells without any work (left from the
  waiting list) are not counted here.
- **Started** up to the as-of day; **active**: started and not exited on the
  as-of day; **exited**: the exit day is on or before it. ``started = active
  + exited``. **At work** on the as-of day: a placement runs that day;
  ``active = at work + between placements``.
- **Retention after n months**: of the spells started at least n months
  before the as-of day (*eligible*), those with a placement running on the day
  n months after the start (*retained*): ``eligible = retained + not``.
- **In work n months after the exit** (follow-up measurements of spells that
  exited): ``due = works + not working + not reachable + not yet measured``;
  ``measured = works + not working = on assistance + not on assistance``.
- **Cohort**: the quarter (and year) in which a spell started.

Days are ordinals (``date.toordinal()``); :data:`NO_END` marks a spell or
placement still running.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

import numpy as np
import numpy.typing as npt

from basisbaan.calc.suppression import Constraint

Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

__all__ = [
    "COLUMNS",
    "CURVE_MONTHS",
    "FOLLOW_UP_MONTHS",
    "NO_END",
    "RETENTION_MONTHS",
    "Cube",
    "FollowUps",
    "Spells",
    "Stints",
    "add_months",
    "build_cube",
]

NO_END: Final = int(dt.date.max.toordinal())
# Column 0 is all tracks; 1 and 2 the tracks (transition, social value).
COLUMNS: Final = (0, 1, 2)
RETENTION_MONTHS: Final = (6, 12, 24)
FOLLOW_UP_MONTHS: Final = (1, 3, 6, 12, 18)
# The points of the cohort retention curves (per start year).
CURVE_MONTHS: Final = (3, 6, 9, 12, 15, 18, 21, 24, 30, 36)

# Follow-up status and assistance codes (as :mod:`basisbaan.outcomes.figures` maps them).
OPEN, MEASURED, NOT_REACHABLE = 0, 1, 2
ASSIST_NONE, ASSIST_PARTIAL, ASSIST_FULL = 0, 1, 2

type Key = tuple[Hashable, ...]


@dataclass(frozen=True, slots=True)
class Spells:
    """One row per spell that had work. ``track`` 0 = transition, 1 = social value
    (the last placement's); ``reason`` an exit-reason index, -1 while running."""

    start: Ints
    end: Ints
    track: Ints
    reason: Ints
    hours: Ints  # tenths of an hour per week of the current or last contract, 0 unknown


@dataclass(frozen=True, slots=True)
class Stints:
    """One row per placement: the spell it belongs to, first and last day."""

    spell: Ints
    start: Ints
    end: Ints


@dataclass(frozen=True, slots=True)
class FollowUps:
    """One row per follow-up measurement of a spell's exit."""

    spell: Ints
    months: Ints
    status: Ints  # OPEN, MEASURED, NOT_REACHABLE
    works: Ints  # 1 works, 0 not, -1 unknown
    assistance: Ints  # ASSIST_* or -1
    due: Ints  # ordinal of the day it is due


@dataclass
class Cube:
    """Every count of the outcome page and the relations between them."""

    values: dict[Key, int] = field(default_factory=dict)
    constraints: list[Constraint[Key]] = field(default_factory=list)
    hidden: set[Key] = field(default_factory=set)  # helper cells never shown
    years: list[int] = field(default_factory=list)
    quarters: list[int] = field(default_factory=list)  # year * 4 + quarter - 1
    reasons: int = 0
    hours_sum: dict[int, int] = field(default_factory=dict)  # column -> tenths, at work

    def add(self, key: Key, value: int) -> Key:
        self.values[key] = int(value)
        return key

    aliases: dict[Key, Key] = field(default_factory=dict)  # a cell equal to another

    def relate(self, total: Key, parts: Iterable[Key]) -> None:
        self.constraints.append(Constraint(total, tuple(parts)))

    def resolve(self, key: Key) -> Key:
        """The cell ``key`` stands for (itself, unless it is the same set as another)."""
        while key in self.aliases:
            key = self.aliases[key]
        return key

    def system(self) -> tuple[dict[Key, int], list[Constraint[Key]], set[Key]]:
        """Values, constraints and hidden cells with every alias replaced by its cell:
        what the suppression gets (one cell per distinct set of people)."""
        values = {k: v for k, v in self.values.items() if k not in self.aliases}
        constraints = []
        for c in self.constraints:
            total = self.resolve(c.total)
            parts = tuple(self.resolve(p) for p in c.parts)
            if parts == (total,):
                continue
            constraints.append(Constraint(total, parts))
        return values, constraints, {self.resolve(k) for k in self.hidden}


def add_months(days: Ints, months: int) -> Ints:
    """Ordinals ``days`` plus ``months`` calendar months, clipped to the month's
    last day (as :func:`basisbaan.calc.dates.add_months`), vectorised."""
    arr = np.asarray(days, dtype=np.int64)
    safe = np.minimum(arr, NO_END - 400 * 36)
    d64 = (safe - _EPOCH).astype("datetime64[D]")
    month = d64.astype("datetime64[M]")
    offset = (d64 - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    length = (
        (target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")
    ).astype(np.int64)
    result = target.astype("datetime64[D]").astype(np.int64) + np.minimum(offset, length - 1)
    out: Ints = result + _EPOCH
    return np.where(arr >= NO_END, NO_END, out)


_EPOCH: Final = dt.date(1970, 1, 1).toordinal()


def _quarter_of(days: Ints) -> Ints:
    d64 = (np.asarray(days, dtype=np.int64) - _EPOCH).astype("datetime64[D]")
    months = d64.astype("datetime64[M]").astype(np.int64)  # months since 1970-01
    year = months // 12 + 1970
    return year * 4 + (months % 12) // 3


def _year_of(days: Ints) -> Ints:
    d64 = (np.asarray(days, dtype=np.int64) - _EPOCH).astype("datetime64[D]")
    return d64.astype("datetime64[Y]").astype(np.int64) + 1970


def working_on(stints: Stints, n_spells: int, days: Ints) -> Bools:
    """Per spell: whether one of its placements runs on ``days[spell]``."""
    if len(stints.spell) == 0:
        return np.zeros(n_spells, dtype=bool)
    day = days[stints.spell]
    covers = (stints.start <= day) & (day <= stints.end)
    return np.bincount(stints.spell[covers], minlength=n_spells) > 0


def _columns(track: Ints) -> list[Bools]:
    return [np.ones(len(track), dtype=bool), track == 0, track == 1]


def _count(mask: Bools, cols: list[Bools]) -> list[int]:
    return [int(np.count_nonzero(mask & c)) for c in cols]


def _add_row(cube: Cube, name: Key, counts: Sequence[int]) -> list[Key]:
    """One figure for all tracks and per track, with ``all = transition + social``."""
    keys = [cube.add((*name, col), count) for col, count in enumerate(counts)]
    if len(keys) > 1:
        cube.relate(keys[0], keys[1:])
    return keys


def build_cube(
    spells: Spells,
    stints: Stints,
    follow_ups: FollowUps,
    *,
    as_of: dt.date,
    first_year: int,
    reasons: int,
) -> Cube:
    """Count every outcome figure up to ``as_of`` (see the module docstring).

    ``first_year`` is the programme's first year (the year table starts there);
    ``reasons`` the number of exit reasons (indexes ``0 .. reasons - 1``).
    """
    day = as_of.toordinal()
    cube = Cube(reasons=reasons)
    seen = spells.start <= day
    sp = Spells(*(np.asarray(a, dtype=np.int64)[seen] for a in _fields(spells)))
    index = np.full(len(spells.start), -1, dtype=np.int64)
    index[seen] = np.arange(int(np.count_nonzero(seen)))
    keep = index[stints.spell] >= 0 if len(stints.spell) else np.zeros(0, dtype=bool)
    st = Stints(index[stints.spell[keep]], stints.start[keep], stints.end[keep])
    fkeep = (index[follow_ups.spell] >= 0) if len(follow_ups.spell) else np.zeros(0, dtype=bool)
    fu = FollowUps(
        index[follow_ups.spell[fkeep]],
        *(np.asarray(a)[fkeep] for a in _fields(follow_ups)[1:]),
    )
    cols = _columns(sp.track)
    exited = sp.end <= day
    _key_figures(cube, sp, st, cols, exited, day)
    # Only the key figures are split by track; the other tables show all tracks
    # together (fewer cells: fewer small numbers to hide, faster to protect).
    _years(cube, sp, cols[:1], exited, as_of, first_year)
    _cohorts(cube, sp, st, cols[:1], exited, day)
    _follow_ups(cube, sp, fu, day)
    return cube


def _fields(obj: object) -> list[Ints]:
    return [getattr(obj, name) for name in obj.__slots__]  # type: ignore[attr-defined]


def _key_figures(
    cube: Cube, sp: Spells, st: Stints, cols: list[Bools], exited: Bools, day: int
) -> None:
    n = len(sp.start)
    started = _add_row(cube, ("started",), _count(np.ones(n, dtype=bool), cols))
    active = _add_row(cube, ("active",), _count(~exited, cols))
    out = _add_row(cube, ("exited",), _count(exited, cols))
    for col in COLUMNS:
        cube.relate(started[col], [active[col], out[col]])
    by_reason = [
        _add_row(cube, ("exited", r), _count(exited & (sp.reason == r), cols))
        for r in range(cube.reasons)
    ]
    for col in COLUMNS:
        cube.relate(out[col], [row[col] for row in by_reason])
    at_work = working_on(st, n, np.full(n, day, dtype=np.int64)) & ~exited
    working = _add_row(cube, ("working",), _count(at_work, cols))
    between = _add_row(cube, ("between",), _count(~exited & ~at_work, cols))
    for col in COLUMNS:
        cube.relate(active[col], [working[col], between[col]])
        cube.hours_sum[col] = int(sp.hours[at_work & cols[col]].sum())
    for months in RETENTION_MONTHS:
        eligible, yes = _retention(sp, st, months, day)
        e = _add_row(cube, ("ret_eligible", months), _count(eligible, cols))
        y = _add_row(cube, ("ret_yes", months), _count(eligible & yes, cols))
        no = _add_row(cube, ("ret_no", months), _count(eligible & ~yes, cols))
        for col in COLUMNS:
            cube.relate(e[col], [y[col], no[col]])
            _same_set(cube, e[col], started[col])


def _same_set(cube: Cube, subset: Key, whole: Key) -> None:
    """Relate a subset's count to the whole's when they are equal: the subset is
    then the whole set, which a reader knows from the dates (everyone started
    long enough ago), so hiding one but not the other would hide nothing."""
    if cube.values[subset] == cube.values[whole] and cube.resolve(whole) != subset:
        cube.aliases[subset] = whole


def _retention(sp: Spells, st: Stints, months: int, day: int) -> tuple[Bools, Bools]:
    """Eligible: started ``months`` before ``day``; retained: at work on that mark."""
    mark = add_months(sp.start, months)
    eligible = mark <= day
    retained = working_on(st, len(sp.start), mark)
    return eligible, retained


def _years(
    cube: Cube, sp: Spells, cols: list[Bools], exited: Bools, as_of: dt.date, first_year: int
) -> None:
    # The years run from the programme's first year: a start or exit stored before it
    # (odd data, a year 1 say) counts in that first year, so a wild date cannot
    # make thousands of empty years to count and protect.
    first = min(first_year, as_of.year)
    start_year = np.maximum(_year_of(sp.start), first)
    end_year = np.where(
        exited, np.maximum(_year_of(np.minimum(sp.end, as_of.toordinal())), first), -1
    )
    cube.years = list(range(first, as_of.year + 1))
    for name, per_year in (("started", start_year), ("exited", end_year)):
        rows = [_add_row(cube, (f"y_{name}", y), _count(per_year == y, cols)) for y in cube.years]
        for col in range(len(cols)):
            cube.relate((name, col), [row[col] for row in rows])
    for r in range(cube.reasons):
        rows = [
            _add_row(cube, ("y_exited", y, r), _count((end_year == y) & (sp.reason == r), cols))
            for y in cube.years
        ]
        for col in range(len(cols)):
            cube.relate(("exited", r, col), [row[col] for row in rows])
    for y in cube.years:
        for col in range(len(cols)):
            cube.relate(
                ("y_exited", y, col), [("y_exited", y, r, col) for r in range(cube.reasons)]
            )
    # Active at each year's end (or on the as-of day in its year): the stock that
    # links the years: active(y-1) + started(y) = active(y) + exited(y). The sum
    # on either side is a helper cell, never shown.
    day = as_of.toordinal()
    previous: list[Key] | None = None
    for y in cube.years:
        end = min(dt.date(y, 12, 31).toordinal(), day)
        in_year = (sp.start <= end) & (sp.end > end)
        keys = _add_row(cube, ("y_active", y), _count(in_year, cols))
        if previous is None:
            for col in range(len(cols)):
                cube.relate(("y_started", y, col), [keys[col], ("y_exited", y, col)])
        else:
            for col in range(len(cols)):
                flow = cube.add(
                    ("y_flow", y, col),
                    cube.values[previous[col]] + cube.values[("y_started", y, col)],
                )
                cube.hidden.add(flow)
                cube.relate(flow, [previous[col], ("y_started", y, col)])
                cube.relate(flow, [keys[col], ("y_exited", y, col)])
        previous = keys
    if previous is not None:
        for col in range(len(cols)):
            cube.relate(("active", col), [previous[col]])


def _cohorts(
    cube: Cube, sp: Spells, st: Stints, cols: list[Bools], exited: Bools, day: int
) -> None:
    quarter = _quarter_of(sp.start)
    cube.quarters = sorted(set(quarter.tolist()))
    retention = {m: _retention(sp, st, m, day) for m in RETENTION_MONTHS}
    per_year: dict[tuple[str, int, int], list[Key]] = {}
    for q in cube.quarters:
        mine = quarter == q
        size = _add_row(cube, ("c_size", q), _count(mine, cols))
        act = _add_row(cube, ("c_active", q), _count(mine & ~exited, cols))
        ex = _add_row(cube, ("c_exited", q), _count(mine & exited, cols))
        for col in range(len(cols)):
            cube.relate(size[col], [act[col], ex[col]])
            per_year.setdefault(("size", q // 4, col), []).append(size[col])
        for m, (eligible, yes) in retention.items():
            e = _add_row(cube, ("c_ret_eligible", q, m), _count(mine & eligible, cols))
            y = _add_row(cube, ("c_ret_yes", q, m), _count(mine & eligible & yes, cols))
            no = _add_row(cube, ("c_ret_no", q, m), _count(mine & eligible & ~yes, cols))
            for col in range(len(cols)):
                cube.relate(e[col], [y[col], no[col]])
                _same_set(cube, e[col], size[col])
                for part in ("eligible", "yes", "no"):
                    per_year.setdefault((f"ret_{part}_{m}", q // 4, col), []).append(
                        (f"c_ret_{part}", q, m, col)
                    )
    for col in range(len(cols)):
        cube.relate(("started", col), [("c_size", q, col) for q in cube.quarters])
        cube.relate(("active", col), [("c_active", q, col) for q in cube.quarters])
        cube.relate(("exited", col), [("c_exited", q, col) for q in cube.quarters])
        for m in RETENTION_MONTHS:
            for part in ("eligible", "yes", "no"):
                cube.relate(
                    (f"ret_{part}", m, col), [(f"c_ret_{part}", q, m, col) for q in cube.quarters]
                )
    for year in sorted({q // 4 for q in cube.quarters}):
        for col in range(len(cols)):
            if ("y_started", year, col) in cube.values:
                cube.relate(("y_started", year, col), per_year[("size", year, col)])
    _curves(cube, sp, st, cols, day, quarter // 4, per_year)


def _curves(
    cube: Cube,
    sp: Spells,
    st: Stints,
    cols: list[Bools],
    day: int,
    start_year: Ints,
    per_year: dict[tuple[str, int, int], list[Key]],
) -> None:
    """Retention curves per start year: at work ``m`` months after the start."""
    for m in CURVE_MONTHS:
        eligible, yes = _retention(sp, st, m, day)
        for y in sorted(set(start_year.tolist())):
            mine = (start_year == y) & eligible
            e = _add_row(cube, ("k_eligible", y, m), _count(mine, cols))
            k = _add_row(cube, ("k_yes", y, m), _count(mine & yes, cols))
            no = _add_row(cube, ("k_no", y, m), _count(mine & ~yes, cols))
            for col in range(len(cols)):
                cube.relate(e[col], [k[col], no[col]])
                if ("y_started", y, col) in cube.values:
                    _same_set(cube, e[col], ("y_started", y, col))
                if m in RETENTION_MONTHS:
                    for part, key in (("eligible", e), ("yes", k), ("no", no)):
                        cube.relate(key[col], per_year[(f"ret_{part}_{m}", y, col)])


def _follow_ups(cube: Cube, sp: Spells, fu: FollowUps, day: int) -> None:
    fcols = cols = [np.ones(len(fu.spell), dtype=bool)]
    due = fu.due <= day
    measured = fu.status == MEASURED
    for m in FOLLOW_UP_MONTHS:
        at = (fu.months == m) & due
        parts = {
            "works": at & measured & (fu.works == 1),
            "not_working": at & measured & (fu.works != 1),
            "unreachable": at & (fu.status == NOT_REACHABLE),
            "open": at & (fu.status == OPEN),
        }
        d = _add_row(cube, ("fu_due", m), _count(at, fcols))
        for col in range(len(cols)):
            # Everyone who left long enough ago (and worked) has this measurement due.
            if ("exited", col) in cube.values:
                _same_set(cube, d[col], ("exited", col))
        rows = {
            name: _add_row(cube, (f"fu_{name}", m), _count(mask, fcols))
            for name, mask in parts.items()
        }
        meas = _add_row(cube, ("fu_measured", m), _count(at & measured, fcols))
        on = _add_row(
            cube, ("fu_assist_yes", m), _count(at & measured & (fu.assistance > ASSIST_NONE), fcols)
        )
        off = _add_row(
            cube, ("fu_assist_no", m), _count(at & measured & (fu.assistance <= ASSIST_NONE), fcols)
        )
        for col in range(len(cols)):
            cube.relate(d[col], [rows[name][col] for name in parts])
            cube.relate(meas[col], [rows["works"][col], rows["not_working"][col]])
            cube.relate(meas[col], [on[col], off[col]])
