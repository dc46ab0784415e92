"""The business case of a basisbaan programme: its costs against the social
assistance (bijstand) the municipality no longer pays. Pure; no Django.

Input is one row per participant-month (:class:`CaseRows`); every amount is in
euro **cents** (int64), every rate in **parts per million** (ppm), guidance
hours in **hundredths of an hour** (see :mod:`basisbaan.calc.fixed`). Each
division rounds half up, once, on the row where it happens; the lines below are
exact integer sums of those rows, so every total adds up to the cent.

Per row (participant-month)
---------------------------
- **guidance** = guidance hours × guidance factor × internal hourly rate,
  i.e. ``hours_hundredths × factor_ppm × rate / (100 × 1,000,000)``.
- A row **counts for savings** when the participant received bijstand before
  the start (``was_on_assistance = 1``) and the month is a basisbaan month
  (IN_BASISBAAN) or a month after an exit to work (WORK_AFTER). OTHER_AFTER
  months (after an exit, not in work or unknown) save nothing; the caller
  gives them no costs either (a cost it does give still counts: money spent
  is spent, in whatever month).
- **assistance saved (gross)** = norm − still paid, never below 0, where the
  norm is the household's monthly bijstand norm of that month (the caller
  gives it: single and single parent have the same norm, a couple its own)
  and *still paid* is 0 when no assistance is paid (NONE), the norm when the
  full benefit is still paid (FULL), and for partial assistance (PARTIAL) the
  amount paid when known, else ``norm × partial share / 1,000,000``.
- **execution saved (gross)** = execution cost of one benefit per year / 12
  (Berenschot 2018: EUR 2,883 a year, EUR 240.25 a month) in counted months
  with no assistance at all: a partial benefit still has to be executed.
- **net savings** = gross × (1,000,000 − deadweight of the track) / 1,000,000:
  the deadweight is the share of the savings that would have happened anyway
  (people who would have left assistance without the basisbaan). Rounded on
  each row, separately for assistance and execution.

Programme level
---------------
- **Research** and **other overheads** are amounts per year for the whole
  programme. For the per-participant and per-track figures each year's amount
  is allocated to (participant, track) in proportion to the basisbaan months
  of that year, by largest remainder, so the shares add up exactly to the
  year's amount. A year with an overhead but no basisbaan months keeps it at
  programme level only (in the year and total lines, not in a track line or
  a participant's figures).
- **gross cost** = payroll + fees + guidance + research + other.
- **net cost** = gross cost − assistance saved (net) − execution saved (net);
  the **net cost with the gross effect** uses the gross savings instead
  (deadweight 0). The wage-cost subsidy (LKS) does not lower the
  municipality's net cost: when the BUIG pays it to the programme it is a
  transfer between two budgets of the same municipality (see below).

Who pays and who gains (per year)
---------------------------------
- **General fund** (programme budget, algemene middelen) = payroll + fees +
  guidance + research + other − LKS (only when the LKS is programme income)
  − execution saved.
- **BUIG** (the bijstand budget) = + LKS (only when the LKS is programme
  income: the BUIG pays it) − assistance saved.
- General fund + BUIG = the municipality's net cost, exactly: the LKS cancels.
  When the LKS is not programme income it is in neither line. What the state
  and the health insurers gain is named on the page, not computed here.

Each of these is given with the net savings (``general_fund``, ``buig``) and
with the gross savings (``general_fund_gross_effect``, ``buig_gross_effect``).

Key figures
-----------
- **net cost per participant-year** = total net cost / (basisbaan months / 12),
  rounded half away from zero to the cent.
- **net cost per placement** = total net cost / placements.
- **payback (years)**: of the participants with at least one month after an
  exit to work, their average net cost during the basisbaan (basisbaan months
  only: payroll + fees + guidance + allocated overheads − net savings),
  divided by the yearly net saving of one participant after an exit to work
  (net savings of all WORK_AFTER months / the number of those months × 12).
  None when there are no such months or they save nothing ("not within the
  period"); 0 when the basisbaan months already saved more than they cost.
- **waterfall**: gross cost, − LKS (income of the programme), + LKS (paid by
  the BUIG), − assistance saved (gross), − execution saved (gross),
  + deadweight correction (gross − net savings), = net cost.
- **sensitivity**: the net cost per participant-year for each pair of a
  deadweight (applied to *both* tracks in this table, whatever the
  assumptions say per track) and a guidance factor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

import numpy as np

from basisbaan.calc.business_case_rows import (
    MAX_GUIDANCE_FACTOR_PPM,
    TRACKS,
    Assistance,
    Assumptions,
    Bools,
    CaseRows,
    Overheads,
    State,
    allocate,
    check_whole,
    checked,
    guidance_cost,
    net_month,
    net_of_deadweight,
    savings_rows,
    track_deadweights,
)
from basisbaan.calc.fixed import MONTHS_PER_YEAR, PPM, Ints, round_half_up

__all__ = [
    "SUMMED",
    "WATERFALL_STEPS",
    "Assistance",
    "Assumptions",
    "CaseRows",
    "Overheads",
    "ParticipantTotals",
    "Result",
    "State",
    "YearLine",
    "compute",
    "per_participant_year",
    "sensitivity",
    "waterfall",
]


@dataclass(frozen=True, slots=True)
class YearLine:
    """The figures of one year (``year`` None: the total over the years), in cents."""

    year: int | None
    participant_months: int  # basisbaan (IN_BASISBAAN) months
    payroll: int
    fees: int
    lks: int
    guidance: int
    research: int
    other: int
    gross_cost: int
    assistance_saved_gross: int
    assistance_saved_net: int
    execution_saved_gross: int
    execution_saved_net: int
    net_cost_gross_effect: int
    net_cost: int
    general_fund: int
    buig: int
    general_fund_gross_effect: int
    buig_gross_effect: int

    @property
    def deadweight_correction(self) -> int:
        """Savings that would have happened anyway: gross − net savings."""
        return self.net_cost - self.net_cost_gross_effect


# The summed fields of a line, in the order of the last axis of the sums arrays;
# the other fields of YearLine are derived from them.
SUMMED: Final = (
    "participant_months",
    "payroll",
    "fees",
    "lks",
    "guidance",
    "research",
    "other",
    "assistance_saved_gross",
    "assistance_saved_net",
    "execution_saved_gross",
    "execution_saved_net",
)
_FIELD = {name: i for i, name in enumerate(SUMMED)}


@dataclass(frozen=True, slots=True)
class ParticipantTotals:
    """Per participant (arrays of length P, index = participant), cents over all years."""

    cost: Ints  # payroll + fees + guidance + allocated research and other
    lks: Ints
    savings_net: Ints  # assistance + execution saved, after deadweight
    net_cost: Ints  # cost − savings_net
    basisbaan_months: Ints


@dataclass(frozen=True, slots=True)
class Result:
    """The business case: programme lines per year and in total, the same per track,
    and per participant. ``tracks[t]`` has a line for each year of ``years``.
    Track lines hold only allocated overheads, so the year lines are the sum of
    the two track lines plus the overheads of years without basisbaan months."""

    years: tuple[YearLine, ...]
    total: YearLine
    tracks: tuple[tuple[YearLine, ...], ...]
    track_totals: tuple[YearLine, ...]
    participants: ParticipantTotals
    lks_is_programme_income: bool
    payback_years: Fraction | None

    @property
    def net_cost_per_participant_year(self) -> int | None:
        """Total net cost per 12 basisbaan months, cents; None without basisbaan months."""
        return per_participant_year(self.total.net_cost, self.total.participant_months)

    def net_cost_per_placement(self, placements: int) -> int:
        """Total net cost / ``placements``, cents rounded half away from zero."""
        if placements <= 0:
            raise ValueError("placements must be positive")
        return round_half_up(self.total.net_cost, placements)


def per_participant_year(cents: int, months: int) -> int | None:
    """``cents / (months / 12)`` rounded half away from zero; None when ``months`` is 0."""
    return round_half_up(cents * MONTHS_PER_YEAR, months) if months else None


# -- runs -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Runs:
    """The rows summed over runs of consecutive rows with the same participant, year,
    track and state. Rows come from the database in participant and month order,
    so a participant's year in one state is one run: the sums below then go over
    about one run per participant-year instead of 12 rows. Any order gives the
    same figures (a key that comes back starts another run), only slower.
    """

    first_year: int
    n_years: int
    participant: Ints  # per run
    cell: Ints  # (year − first_year) × 2 + track
    state: Ints
    rows: Ints  # the number of rows (months) of the run
    sums: dict[str, Ints]  # SUMMED name -> cents per run (research and other excepted)


def _year_span(rows: CaseRows) -> tuple[int, int]:
    if not len(rows.month):
        return 0, 0
    first = int(rows.month.min()) // MONTHS_PER_YEAR
    return first, int(rows.month.max()) // MONTHS_PER_YEAR - first + 1


def _runs(rows: CaseRows, assumptions: Assumptions) -> _Runs:
    first, n_years = _year_span(rows)
    n_cells = n_years * TRACKS
    key = rows.month // MONTHS_PER_YEAR
    key -= first
    key *= TRACKS
    key += rows.track
    key += rows.participant * n_cells
    key *= len(State)
    key += rows.state
    starts = np.flatnonzero(key[1:] != key[:-1])
    starts += 1
    starts = np.concatenate(([0], starts)) if len(key) else starts

    def run_sum(values: Ints | Bools) -> Ints:
        if not len(starts):
            return np.zeros(0, dtype=np.int64)
        return np.add.reduceat(values, starts, dtype=np.int64)

    assistance, execution_rows = savings_rows(rows, assumptions.partial_share_ppm)
    deadweight = track_deadweights(rows.track, assumptions.deadweight_ppm)
    guidance = guidance_cost(
        rows.guidance_hours, assumptions.guidance_rate, assumptions.guidance_factor_ppm
    )
    run_key = key[starts]
    state, run_key = run_key % len(State), run_key // len(State)
    cell, participant = run_key % max(n_cells, 1), run_key // max(n_cells, 1)
    counts = np.diff(starts, append=len(key)).astype(np.int64)
    sums = {
        "participant_months": np.where(state == State.IN_BASISBAAN, counts, 0),
        "payroll": run_sum(rows.payroll),
        "fees": run_sum(rows.fees),
        "lks": run_sum(rows.lks),
        "guidance": run_sum(guidance),
        "assistance_saved_gross": run_sum(assistance),
        "assistance_saved_net": run_sum(net_of_deadweight(assistance, deadweight)),
        **_execution_sums(run_sum(execution_rows), cell % TRACKS, assumptions),
    }
    return _Runs(first, n_years, participant, cell, state, counts, sums)


def _execution_sums(months: Ints, track: Ints, assumptions: Assumptions) -> dict[str, Ints]:
    """Execution saved per run: the same amount every month, rounded per month."""
    month = assumptions.execution_month
    net = [net_month(month, deadweight) for deadweight in assumptions.deadweight_ppm]
    return {
        "execution_saved_gross": months * month,
        "execution_saved_net": months * np.where(track == 1, net[1], net[0]),
    }


def _cell_sums(runs: _Runs) -> Ints:
    """Sums per (year index, track, field): shape ``(n_years, 2, len(SUMMED))``."""
    n_cells = runs.n_years * TRACKS
    sums = np.zeros((n_cells, len(SUMMED)), dtype=np.int64)
    for name, values in runs.sums.items():
        column = np.zeros(n_cells, dtype=np.int64)
        np.add.at(column, runs.cell, values)
        sums[:, _FIELD[name]] = column
    return sums.reshape(runs.n_years, TRACKS, len(SUMMED))


@dataclass(frozen=True, slots=True)
class _Allocated:
    """Overheads allocated to (participant, track), and what stayed at programme level."""

    per_participant: Ints  # cents, length P
    per_track_year: dict[tuple[int, int, str], int]  # (year, track, field) -> cents
    unallocated: dict[tuple[int, str], int]  # (year, field) -> cents


def _months_in(runs: _Runs, year: int, n_participants: int) -> Ints:
    """Basisbaan months per (participant, track) in ``year``, flattened: index p × 2 + t."""
    weights = np.zeros(n_participants * TRACKS, dtype=np.int64)
    year_index = year - runs.first_year
    if 0 <= year_index < runs.n_years:
        chosen = (runs.cell // TRACKS == year_index) & (runs.state == State.IN_BASISBAAN)
        cells = runs.participant[chosen] * TRACKS + runs.cell[chosen] % TRACKS
        np.add.at(weights, cells, runs.rows[chosen])
    return weights


def _allocate_overheads(runs: _Runs, overheads: Overheads, n_participants: int) -> _Allocated:
    months: dict[int, Ints] = {}
    per_participant = np.zeros(n_participants, dtype=np.int64)
    per_track_year: dict[tuple[int, int, str], int] = {}
    unallocated: dict[tuple[int, str], int] = {}
    for name, amounts in (("research", overheads.research), ("other", overheads.other)):
        for year, amount in amounts.items():
            if year not in months:
                months[year] = _months_in(runs, year, n_participants)
            if not months[year].any():
                unallocated[year, name] = amount
                continue
            share = allocate(amount, months[year]).reshape(n_participants, TRACKS)
            per_participant += share.sum(axis=1)
            for track, cents in enumerate(share.sum(axis=0).tolist()):
                per_track_year[year, track, name] = cents
    return _Allocated(per_participant, per_track_year, unallocated)


# -- lines ----------------------------------------------------------------------------


def _line(year: int | None, summed: Sequence[int], lks_is_programme_income: bool) -> YearLine:
    s = dict(zip(SUMMED, (int(value) for value in summed), strict=True))
    gross_cost = s["payroll"] + s["fees"] + s["guidance"] + s["research"] + s["other"]
    lks_income = s["lks"] if lks_is_programme_income else 0
    return YearLine(
        year=year,
        **s,
        gross_cost=gross_cost,
        net_cost_gross_effect=(
            gross_cost - s["assistance_saved_gross"] - s["execution_saved_gross"]
        ),
        net_cost=gross_cost - s["assistance_saved_net"] - s["execution_saved_net"],
        general_fund=gross_cost - lks_income - s["execution_saved_net"],
        buig=lks_income - s["assistance_saved_net"],
        general_fund_gross_effect=gross_cost - lks_income - s["execution_saved_gross"],
        buig_gross_effect=lks_income - s["assistance_saved_gross"],
    )


def _line_years(runs: _Runs, overheads: Overheads) -> list[int]:
    years = {runs.first_year + int(i) for i in np.unique(runs.cell // TRACKS)}
    return sorted(years | set(overheads.research) | set(overheads.other))


def _track_sums(runs: _Runs, allocated: _Allocated, years: list[int]) -> Ints:
    """Sums per (year of ``years``, track, field), the allocated overheads included."""
    cells = _cell_sums(runs)
    out = np.zeros((len(years), TRACKS, len(SUMMED)), dtype=np.int64)
    for i, year in enumerate(years):
        if 0 <= year - runs.first_year < runs.n_years:
            out[i] = cells[year - runs.first_year]
    for (year, track, name), cents in allocated.per_track_year.items():
        out[years.index(year), track, _FIELD[name]] += cents
    return out


def _lines(
    sums: Ints, allocated: _Allocated, years: list[int], lks_income: bool
) -> tuple[tuple[YearLine, ...], YearLine, tuple[tuple[YearLine, ...], ...], tuple[YearLine, ...]]:
    programme = sums.sum(axis=1)
    for (year, name), cents in allocated.unallocated.items():
        programme[years.index(year), _FIELD[name]] += cents
    year_lines = tuple(
        _line(year, programme[i].tolist(), lks_income) for i, year in enumerate(years)
    )
    total = _line(None, programme.sum(axis=0).tolist(), lks_income)
    tracks = tuple(
        tuple(_line(year, sums[i, t].tolist(), lks_income) for i, year in enumerate(years))
        for t in range(TRACKS)
    )
    track_totals = tuple(
        _line(None, sums[:, t].sum(axis=0).tolist(), lks_income) for t in range(TRACKS)
    )
    return year_lines, total, tracks, track_totals


# -- per participant ------------------------------------------------------------------


def _per_participant(
    runs: _Runs, allocated: _Allocated, n: int
) -> tuple[ParticipantTotals, Fraction | None]:
    """The participants' totals, and the payback (it needs the same sums)."""
    s = runs.sums

    def total(values: Ints) -> Ints:
        out = np.zeros(n, dtype=np.int64)
        np.add.at(out, runs.participant, values)
        return out

    cost_run = s["payroll"] + s["fees"] + s["guidance"]
    saved_run = s["assistance_saved_net"] + s["execution_saved_net"]
    cost = total(cost_run) + allocated.per_participant
    saved = total(saved_run)
    net_during = total((cost_run - saved_run) * (runs.state == State.IN_BASISBAAN))
    net_during += allocated.per_participant
    totals = ParticipantTotals(
        cost=cost,
        lks=total(s["lks"]),
        savings_net=saved,
        net_cost=cost - saved,
        basisbaan_months=total(s["participant_months"]),
    )
    return totals, _payback(runs, saved_run, net_during)


def _payback(runs: _Runs, saved_run: Ints, net_during: Ints) -> Fraction | None:
    """Years until the yearly saving after an exit to work earns back the basisbaan's net cost.

    ``net_during``: per participant, the net cost of the basisbaan months.
    """
    work = runs.state == State.WORK_AFTER
    work_months = int(runs.rows[work].sum())
    saved_after = int(saved_run[work].sum())
    if not work_months or saved_after <= 0:
        return None
    exited = np.zeros(len(net_during), dtype=np.bool_)
    exited[runs.participant[work]] = True
    cost = int(net_during[exited].sum())
    if cost <= 0:
        return Fraction(0)
    # (cost / exited participants) / (saved_after / work months × 12)
    return Fraction(cost * work_months, int(exited.sum()) * saved_after * MONTHS_PER_YEAR)


# -- public ---------------------------------------------------------------------------


def compute(rows: CaseRows, assumptions: Assumptions, overheads: Overheads) -> Result:
    """The business case of ``rows`` under ``assumptions``, with the programme's overheads.

    Raises ValueError for inconsistent or out-of-range rows (see :func:`checked`).
    """
    rows = checked(rows)
    n = int(rows.participant.max()) + 1 if len(rows.participant) else 0
    runs = _runs(rows, assumptions)
    allocated = _allocate_overheads(runs, overheads, n)
    years = _line_years(runs, overheads)
    sums = _track_sums(runs, allocated, years)
    participants, payback = _per_participant(runs, allocated, n)
    year_lines, total, tracks, track_totals = _lines(
        sums, allocated, years, assumptions.lks_is_programme_income
    )
    return Result(
        years=year_lines,
        total=total,
        tracks=tracks,
        track_totals=track_totals,
        participants=participants,
        lks_is_programme_income=assumptions.lks_is_programme_income,
        payback_years=payback,
    )


WATERFALL_STEPS: Final = (
    "gross_cost",
    "lks_income",
    "lks_paid_by_buig",
    "assistance_saved_gross",
    "execution_saved_gross",
    "deadweight_correction",
    "net_cost",
)


def waterfall(result: Result) -> list[tuple[str, int]]:
    """The steps from gross cost to net cost over all years, cents, in the order of
    :data:`WATERFALL_STEPS`: every step but the last adds up to the last exactly.

    The LKS appears twice when it is programme income: it relieves the programme
    (−) and the BUIG pays it (+); both are 0 otherwise.
    """
    total = result.total
    lks = total.lks if result.lks_is_programme_income else 0
    return [
        ("gross_cost", total.gross_cost),
        ("lks_income", -lks),
        ("lks_paid_by_buig", lks),
        ("assistance_saved_gross", -total.assistance_saved_gross),
        ("execution_saved_gross", -total.execution_saved_gross),
        ("deadweight_correction", total.deadweight_correction),
        ("net_cost", total.net_cost),
    ]


def sensitivity(
    rows: CaseRows,
    assumptions: Assumptions,
    overheads: Overheads,
    deadweights_ppm: Sequence[int],
    guidance_factors_ppm: Sequence[int],
) -> dict[tuple[int, int], int | None]:
    """Net cost per participant-year (cents) for each (deadweight, guidance factor).

    The deadweight of a pair applies to *both* tracks here, in place of the
    per-track deadweights of ``assumptions``; every other assumption stays.
    Each value equals ``compute(...).net_cost_per_participant_year`` under the
    changed assumptions, but the rows are checked and the gross savings
    computed once; each deadweight and each factor costs one pass over the rows.
    None when there are no basisbaan months.
    """
    for deadweight in deadweights_ppm:
        check_whole("deadweight", deadweight, PPM)
    for factor in guidance_factors_ppm:
        check_whole("guidance factor", factor, MAX_GUIDANCE_FACTOR_PPM)
    rows = checked(rows)
    assistance, execution_rows = savings_rows(rows, assumptions.partial_share_ppm)
    months = int(np.count_nonzero(rows.state == State.IN_BASISBAAN))
    fixed = int(rows.payroll.sum()) + int(rows.fees.sum())
    fixed += sum(overheads.research.values()) + sum(overheads.other.values())
    hours = rows.guidance_hours[rows.guidance_hours > 0]
    guidance = {
        factor: int(guidance_cost(hours, assumptions.guidance_rate, factor).sum())
        for factor in guidance_factors_ppm
    }
    assistance = assistance[assistance > 0]
    execution_months = int(np.count_nonzero(execution_rows))
    month = assumptions.execution_month
    saved = {
        deadweight: int(net_of_deadweight(assistance, deadweight).sum())
        + net_month(month, deadweight) * execution_months
        for deadweight in deadweights_ppm
    }
    return {
        (deadweight, factor): per_participant_year(
            fixed + guidance[factor] - saved[deadweight], months
        )
        for deadweight in deadweights_ppm
        for factor in guidance_factors_ppm
    }
