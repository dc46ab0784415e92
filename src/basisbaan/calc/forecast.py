"""The budget forecast: deterministic scenarios and a seeded Monte Carlo. Pure numpy; no Django.

The caller (``basisbaan.budgets.forecasting``) gives, from the forecast's
first month (*as of*) to the programme's end, one row per contract with its
cost per month in euro **cents** (from the cost model, what the programme
budget is charged) and the *segment* each month belongs to:

- ``0``: the committed part: the period running at the as-of date, or a
  contract or renewal already decided;
- ``k >= 1``: the k-th renewal still to be decided (it happens only when
  every renewal before it happened too);
- ``-1``: no contract that month.

A contract's segments follow each other in time (never back to a lower
number), so "renewed k times and still working after t months" always keeps a
contract's first months and drops the rest: each drawn future is a cut-off
month per contract. That makes the whole engine prefix sums and gathers.

Besides the contracts: ``fixed`` per year is what is certain already (imported
actuals, manual expenditures, modelled months before the as-of date).

**Ending employment** (``exit_cost``, C x M cents, optional): what the
employer owes when a contract's employment ends after month m, the transition
payment (:mod:`basisbaan.calc.severance`). It is booked in the month the
employment ends, once per contract, when the *employer* ends it: at the end of
its last segment (a renewal that does not happen, or the programme's end). A
participant who leaves (the exit hazard) resigns: no payment. The caller puts
zero where no payment is due (a permanent contract that continues, an end
reason that excludes it).

**Scenarios** (per year, cents):

- ``all_renewed``: every renewal happens, nobody leaves (the council letter's
  assumption);
- ``no_renewals``: only the committed segments;
- ``observed``: the expected cost when each renewal happens with probability
  ``r`` and a participant leaves after each month with probability ``h``:
  month m of segment k, t months after the contract's first forecast month,
  counts ``r**k × (1 − h)**t`` of its cost. ``r`` and ``h`` are the posterior
  means of Beta distributions (a stated prior plus the programme's own
  counts; :class:`Rates`).

**Monte Carlo** (:func:`monte_carlo`): per draw, ``r`` and ``h`` are drawn
from their Beta posteriors (so a short history widens the band), then per
contract the number of renewals ``R = ⌊log U₁ / log r⌋`` (so ``P(R ≥ k) = r**k``)
and the months worked ``W = 1 + ⌊log U₂ / log(1 − h)⌋`` (so
``P(W > t) = (1 − h)**t``). The contract stops at the earlier of the end of
segment ``R`` and its first month + ``W``; its cost per year is a difference
of its prefix sums. Vectorised over draws and contracts (blocks of draws keep
the memory bounded), seeded by a :class:`numpy.random.Generator`, so the same
seed gives the same result. Per year: P10, P50, P90 of total spending and the
probability that it exceeds the budget.

Observed expectations are float (an expected value of cents is no amount of
money) and rounded half up to whole cents at the end; the two other scenarios
are exact integer sums.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Self

import numpy as np
import numpy.typing as npt

from basisbaan.calc.fixed import Ints

__all__ = [
    "NO_BUDGET",
    "ForecastInput",
    "MonteCarloResult",
    "Rates",
    "Scenario",
    "deterministic",
    "draw_ends",
    "exit_by_month",
    "expected_weights",
    "monte_carlo",
    "draw_stops",
    "percentile",
    "simulate",
    "summarise",
]

Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]
NO_BUDGET: Final = -1  # a year without a budget: never overspent
DRAW_BLOCK_ELEMENTS: Final = 2_000_000  # draws x contracts per block of uniforms
SUB_BLOCK_ELEMENTS: Final = 1 << 16  # draws x contracts worked on at once (in the cache)
MAX_DRAWS: Final = 100_000


class Scenario(enum.StrEnum):
    ALL_RENEWED = "all_renewed"
    NO_RENEWALS = "no_renewals"
    OBSERVED = "observed"


@dataclass(frozen=True, slots=True)
class Rates:
    """Beta posteriors of the renewal probability and the monthly exit hazard.

    ``Beta(renew_a, renew_b)``: a renewal happens; ``Beta(exit_a, exit_b)``: a
    participant leaves after a month. Each is a prior plus observed counts
    (:meth:`posterior`).
    """

    renew_a: float
    renew_b: float
    exit_a: float
    exit_b: float

    def __post_init__(self) -> None:
        for name in ("renew_a", "renew_b", "exit_a", "exit_b"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive")

    @classmethod
    def posterior(
        cls,
        prior: Rates,
        *,
        renewals: int,
        non_renewals: int,
        exits: int,
        exposure_months: int,
    ) -> Self:
        """The prior updated with the counts: successes add to a, failures to b."""
        if min(renewals, non_renewals, exits, exposure_months) < 0:
            raise ValueError("counts must not be negative")
        if exits > exposure_months:
            raise ValueError("exits cannot exceed the months observed")
        return cls(
            prior.renew_a + renewals,
            prior.renew_b + non_renewals,
            prior.exit_a + exits,
            prior.exit_b + exposure_months - exits,
        )

    @property
    def renewal(self) -> float:
        """Posterior mean probability that a renewal happens."""
        return self.renew_a / (self.renew_a + self.renew_b)

    @property
    def exit(self) -> float:
        """Posterior mean probability of leaving after a month."""
        return self.exit_a / (self.exit_a + self.exit_b)


@dataclass(frozen=True, slots=True)
class ForecastInput:
    """Contracts x future months, with what is certain per year. See the module docstring.

    ``year_of_month``: per future month, the index of its year in ``years``
    (non-decreasing). ``budget``: per year in cents, :data:`NO_BUDGET` for none.
    """

    years: Ints  # Y calendar years
    year_of_month: Ints  # M: index into years
    fixed: Ints  # Y: cents certain already
    budget: Ints  # Y: cents, or NO_BUDGET
    cost: Ints  # C x M: cents
    segment: npt.NDArray[np.int8]  # C x M: -1, 0, 1, ...
    exit_cost: Ints | None = None  # C x M: cents owed if the employment ends after month m

    @classmethod
    def build(
        cls,
        *,
        years: npt.ArrayLike,
        year_of_month: npt.ArrayLike,
        fixed: npt.ArrayLike,
        budget: npt.ArrayLike,
        cost: npt.ArrayLike,
        segment: npt.ArrayLike,
        exit_cost: npt.ArrayLike | None = None,
    ) -> Self:
        """Arrays in, checked; raises ValueError on shapes or values that do not fit."""
        years_a = np.asarray(years, dtype=np.int64)
        yom = np.asarray(year_of_month, dtype=np.int64)
        m = len(yom)
        cost_a = (
            np.asarray(cost, dtype=np.int64).reshape(-1, m) if m else np.zeros((0, 0), np.int64)
        )
        seg = np.asarray(segment, dtype=np.int8).reshape(cost_a.shape)
        inp = cls(
            years=years_a,
            year_of_month=yom,
            fixed=np.asarray(fixed, dtype=np.int64),
            budget=np.asarray(budget, dtype=np.int64),
            cost=cost_a,
            segment=seg,
            exit_cost=(
                None
                if exit_cost is None
                else np.asarray(exit_cost, dtype=np.int64).reshape(cost_a.shape)
            ),
        )
        inp.validate()
        return inp

    def validate(self) -> None:
        y = len(self.years)
        if len(self.fixed) != y or len(self.budget) != y:
            raise ValueError("fixed and budget need one value per year")
        if len(self.year_of_month) and (
            self.year_of_month.min() < 0
            or self.year_of_month.max() >= y
            or bool((np.diff(self.year_of_month) < 0).any())
        ):
            raise ValueError("year_of_month must be non-decreasing indices into years")
        if bool((self.cost < 0).any()):
            raise ValueError("costs must not be negative")
        if self.exit_cost is not None and (
            self.exit_cost.shape != self.cost.shape or bool((self.exit_cost < 0).any())
        ):
            raise ValueError("exit costs must be C x M and not negative")
        if bool((self.cost[self.segment < 0] != 0).any()):
            raise ValueError("a month without a contract (segment -1) must cost nothing")
        running = np.maximum.accumulate(self.segment, axis=1) if self.segment.size else self.segment
        if bool(((self.segment >= 0) & (self.segment < running)).any()):
            raise ValueError("segments must not go back in time")

    @property
    def has_exit_cost(self) -> bool:
        return self.exit_cost is not None and bool(self.exit_cost.any())

    @property
    def contracts(self) -> int:
        return int(self.cost.shape[0])

    @property
    def months(self) -> int:
        return len(self.year_of_month)

    def year_bounds(self) -> tuple[Ints, Ints]:
        """Per year, the first future month and the month after its last (empty: equal)."""
        index = np.arange(len(self.years))
        starts = np.searchsorted(self.year_of_month, index, side="left")
        ends = np.searchsorted(self.year_of_month, index, side="right")
        return starts.astype(np.int64), ends.astype(np.int64)


def _per_year(inp: ForecastInput, per_month: Ints | Floats) -> Floats:
    sums: Floats = np.bincount(inp.year_of_month, weights=per_month, minlength=len(inp.years))
    return sums


def _round_half_up(values: Floats) -> Ints:
    return np.floor(values + 0.5).astype(np.int64)


def first_months(segment: npt.NDArray[np.int8]) -> Ints:
    """Per contract, the first month with a contract (M when there is none)."""
    if not segment.size:
        return np.full(segment.shape[0], segment.shape[1], dtype=np.int64)
    has = segment >= 0
    first = np.argmax(has, axis=1).astype(np.int64)
    first[~has.any(axis=1)] = segment.shape[1]
    return first


def expected_weights(inp: ForecastInput, rates: Rates) -> Floats:
    """Per contract and month, the probability it is paid under the observed rates."""
    r, h = rates.renewal, rates.exit
    max_seg = int(inp.segment.max()) if inp.segment.size else 0
    renew_pow = r ** np.arange(max(max_seg, 0) + 1, dtype=np.float64)
    stay_pow = (1 - h) ** np.arange(inp.months + 1, dtype=np.float64)
    first = first_months(inp.segment)
    elapsed = np.arange(inp.months, dtype=np.int64)[None, :] - first[:, None]
    weights: Floats = (
        renew_pow[np.maximum(inp.segment, 0)] * stay_pow[np.clip(elapsed, 0, inp.months)]
    )
    weights[inp.segment < 0] = 0
    return weights


def grouped_costs(inp: ForecastInput, first: Ints | None = None) -> tuple[Ints, Ints]:
    """F x K x M cost sums by (first month, segment, month), and the F first months.

    One pass over the C x M matrix (a bincount); every scenario's expectation is
    then a weighting of this small array. Months without a contract cost nothing
    and land in segment 0. Sums are exact: float64 holds integers up to 2**53
    cents (90 billion euros), far above any programme. ``first``: the contracts'
    first months, when the caller has them already.
    """
    if first is None:
        first = first_months(inp.segment)
    firsts, group = np.unique(first, return_inverse=True)
    k = max(int(inp.segment.max()) + 1, 1) if inp.segment.size else 1
    m = inp.months
    key = group.astype(np.int64)[:, None] * k
    key = key + np.maximum(inp.segment, 0)
    key *= m
    key += np.arange(m, dtype=np.int64)
    sums = np.bincount(key.ravel(), weights=inp.cost.ravel(), minlength=len(firsts) * k * m)
    return np.rint(sums).astype(np.int64).reshape(len(firsts), k, m), firsts.astype(np.int64)


def deterministic(inp: ForecastInput, rates: Rates) -> dict[Scenario, Ints]:
    """Per scenario, per year: fixed + the contracts' cost (cents)."""
    if not inp.contracts or not inp.months:
        return {scenario: inp.fixed.copy() for scenario in Scenario}
    first = first_months(inp.segment)
    grouped, firsts = grouped_costs(inp, first)
    r, h = rates.renewal, rates.exit
    renew_pow = r ** np.arange(grouped.shape[1], dtype=np.float64)
    elapsed = np.arange(inp.months, dtype=np.int64)[None, :] - firsts[:, None]
    stay_pow = np.where(elapsed >= 0, (1 - h) ** np.maximum(elapsed, 0), 0.0)
    weights = renew_pow[None, :, None] * stay_pow[:, None, :]
    observed = (grouped * weights).sum(axis=(0, 1))
    exits = exit_by_month(inp, rates, first)
    return {
        Scenario.ALL_RENEWED: inp.fixed
        + _per_year(inp, grouped.sum(axis=(0, 1)) + exits[Scenario.ALL_RENEWED]).astype(np.int64),
        Scenario.NO_RENEWALS: inp.fixed
        + _per_year(inp, grouped[:, 0].sum(axis=0) + exits[Scenario.NO_RENEWALS]).astype(np.int64),
        Scenario.OBSERVED: inp.fixed
        + _round_half_up(_per_year(inp, observed + exits[Scenario.OBSERVED])),
    }


def _exit_at(inp: ForecastInput, stop: Ints) -> Floats:
    """Per month, the exit costs of the contracts whose employment ends at ``stop``
    (the month after their last month; 0: no month)."""
    if inp.exit_cost is None:
        return np.zeros(inp.months, dtype=np.float64)
    rows = np.flatnonzero(stop > 0)
    month = stop[rows] - 1
    amounts = inp.exit_cost.ravel()[rows * inp.months + month]
    per_month: Floats = np.bincount(month, weights=amounts, minlength=inp.months).astype(np.float64)
    return per_month


def exit_by_month(
    inp: ForecastInput, rates: Rates, first: Ints | None = None
) -> dict[Scenario, Floats]:
    """Per scenario and future month, the exit costs (cents; float for the expectation).

    All renewed: each contract at the end of its last segment. No renewals: at the
    end of its committed segment. Observed: at the end of segment k with probability
    ``P(R = k) × (1 − h)**t`` (still working in that month, t months after its first):
    ``P(R = k) = r**k × (1 − r)`` below the last segment, ``r**k`` for it.
    ``first``: the contracts' first months, when the caller has them already.
    """
    zero = np.zeros(inp.months, dtype=np.float64)
    if inp.exit_cost is None or not inp.contracts or not inp.months:
        return {scenario: zero for scenario in Scenario}
    ends = segment_ends(inp.segment)
    if first is None:
        first = first_months(inp.segment)
    r, h = rates.renewal, rates.exit
    k = ends.shape[1]
    flat_exit = inp.exit_cost.ravel()
    row_base = np.arange(inp.contracts, dtype=np.int64) * inp.months
    stay_pow = (1 - h) ** np.arange(inp.months + 1, dtype=np.float64)
    observed = np.zeros(inp.months, dtype=np.float64)
    for s in range(k):
        stop = ends[:, s]
        chance = r**s * ((1 - r) if s < k - 1 else 1.0)
        rows = np.flatnonzero(stop > first)
        month = stop[rows] - 1
        weight = stay_pow[month - first[rows]] * flat_exit[row_base[rows] + month]
        observed += chance * np.bincount(month, weights=weight, minlength=inp.months)
    return {
        Scenario.ALL_RENEWED: _exit_at(inp, ends[:, -1]),
        Scenario.NO_RENEWALS: _exit_at(inp, ends[:, 0]),
        Scenario.OBSERVED: observed,
    }


def segment_ends(segment: npt.NDArray[np.int8]) -> Ints:
    """C x K: per contract the month after the last month of segments 0..k (cumulative).

    Only the few cells where a contract's segment changes are visited: a run of one
    segment ends where the next cell differs (or at the last month). Row-major, the
    (contract, segment) keys of those run ends never decrease (segments do not go
    back in time), so the last run end of each key is that segment's last month.
    """
    c, m = segment.shape
    k = int(segment.max()) + 1 if segment.size and segment.max() >= 0 else 1
    ends = np.zeros((c, k), dtype=np.int64)
    if segment.size:
        edge = np.empty((c, m), dtype=np.bool_)
        np.not_equal(segment[:, :-1], segment[:, 1:], out=edge[:, :-1])
        edge[:, -1] = True
        flat = np.flatnonzero(edge)
        seg = segment.ravel()[flat]
        flat = flat[seg >= 0]
        if len(flat):
            keys = (flat // m) * k + segment.ravel()[flat]
            last = np.flatnonzero(np.append(keys[1:] != keys[:-1], True))
            ends.ravel()[keys[last]] = flat[last] % m + 1
    np.maximum.accumulate(ends, axis=1, out=ends)
    return ends


def prefix_sums(cost: Ints) -> Ints:
    """C x (M + 1): cost of months before each month (column 0 is zero)."""
    out = np.zeros((cost.shape[0], cost.shape[1] + 1), dtype=np.int64)
    np.cumsum(cost, axis=1, out=out[:, 1:])
    return out


def _draw_rates(rng: np.random.Generator, rates: Rates, draws: int) -> tuple[Floats, Floats]:
    """Per draw: log r and log(1 − h), from the Beta posteriors."""
    r = rng.beta(rates.renew_a, rates.renew_b, draws)
    h = rng.beta(rates.exit_a, rates.exit_b, draws)
    with np.errstate(divide="ignore"):
        return np.log(r), np.log1p(-h)


def draw_stops(
    log_r: Floats,
    log_stay: Floats,
    u_renew: Floats,
    u_stay: Floats,
    ends: Ints,
    first: Ints,
) -> Ints:
    """D x C cut-off months: the earlier of the end of segment R and first + W.

    ``u_*`` are uniforms in (0, 1] of shape D x C; ``log_r``/``log_stay`` per draw.
    """
    stop, leave = draw_ends(log_r, log_stay, u_renew, u_stay, ends, first)
    np.minimum(stop, leave, out=stop)
    return stop


def draw_ends(
    log_r: Floats,
    log_stay: Floats,
    u_renew: Floats,
    u_stay: Floats,
    ends: Ints,
    first: Ints,
) -> tuple[Ints, Ints]:
    """D x C: the end of segment R (the employer's end) and first + W (the
    participant's); the contract stops at the earlier (:func:`draw_stops`)."""
    # A certain renewal (log r = 0) or stay divides by a tiny negative: +inf, never -inf.
    # In place, on two D x C buffers: the block's arrays are large (allocations cost).
    tiny = -np.finfo(np.float64).tiny
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        renewals = np.log(u_renew)
        renewals /= np.minimum(log_r, tiny)[:, None]
        np.floor(renewals, out=renewals)
        worked = np.log(u_stay)
        worked /= np.minimum(log_stay, tiny)[:, None]
        np.floor(worked, out=worked)
    c, width = ends.shape
    k = width - 1
    # fmin: NaN (r = 1: always renewed) and +inf become the cap; then the end of segment R.
    np.fmin(renewals, k, out=renewals)
    index = renewals.astype(np.int64)
    index += (np.arange(c, dtype=np.int64) * width)[None, :]
    stop: Ints = ends.ravel()[index]
    horizon = float(ends.max(initial=0))
    np.fmin(worked, horizon, out=worked)  # h = 0: never leaves
    leave = worked.astype(np.int64)
    leave += first[None, :] + 1
    return stop, leave


def _uniforms(rng: np.random.Generator, shape: tuple[int, int]) -> Floats:
    """Uniforms in (0, 1]: log is finite."""
    u = rng.random(shape)
    np.subtract(1.0, u, out=u)
    return u


def year_costs(prefix: Ints, stop: Ints, starts: Ints, ends: Ints) -> Ints:
    """D x Y: per draw and year, the summed cost of the contracts up to their stop months."""
    d, c = stop.shape
    out = np.zeros((d, len(starts)), dtype=np.int64)
    width = prefix.shape[1]
    row = (np.arange(c, dtype=np.int64) * width)[None, :]
    flat = prefix.ravel()
    index = np.empty_like(stop)
    gathered = np.empty(stop.shape, dtype=np.int64)
    for y, (a, b) in enumerate(zip(starts, ends, strict=True)):
        if a == b:
            continue
        np.clip(stop, a, b, out=index)
        index += row
        np.take(flat, index, out=gathered)
        out[:, y] = gathered.sum(axis=1) - prefix[:, a].sum()
    return out


def year_tables(inp: ForecastInput, prefix: Ints, *, exits: bool) -> list[tuple[int, Ints]]:
    """Per year with future months, a flat table of each contract's cost in that year
    when it stops at month s (0..M): ``table[c * (M + 1) + s]``. With ``exits`` a
    second half (from ``C * (M + 1)`` on) adds the exit cost owed when the employer
    ends the employment at s, where that falls in the year.

    A draw's total per year is then one gather and one sum
    (:func:`simulate`), exit costs included."""
    c, width = prefix.shape
    s = np.arange(width, dtype=np.int64)
    starts, stops = inp.year_bounds()
    tables = []
    for y, (a, b) in enumerate(zip(starts.tolist(), stops.tolist(), strict=True)):
        if a == b:
            continue
        part = prefix[:, np.clip(s, a, b)] - prefix[:, [a]]
        if exits and inp.exit_cost is not None:
            ending = s[(s - 1 >= a) & (s - 1 < b)]  # the last month lies in this year
            with_exit = part.copy()
            with_exit[:, ending] += inp.exit_cost[:, ending - 1]
            part = np.concatenate([part, with_exit])
        tables.append((y, part.ravel()))
    return tables


@dataclass(frozen=True, slots=True)
class MonteCarloResult:
    """Per year (cents): percentiles of total spending; the chance of overspending."""

    years: Ints
    p10: Ints
    p50: Ints
    p90: Ints
    mean: Ints
    p_overspend: Floats
    totals: Ints  # D x Y: every draw's total per year (fixed included)
    draws: int
    seed: int


def simulate(
    inp: ForecastInput,
    rates: Rates,
    *,
    draws: int,
    rng: np.random.Generator,
    paths: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[Ints, Ints | None]:
    """D x Y: every draw's total per year (fixed included); with ``paths`` also D x M,
    every draw's cumulative contract cost at the end of each future month (for a chart;
    C x D x M work, so for one programme, not for a benchmark of 10,000 contracts).

    ``progress(done, total)`` is called after each block of draws (the draws
    themselves are the same with or without it)."""
    if not 1 <= draws <= MAX_DRAWS:
        raise ValueError(f"draws must be between 1 and {MAX_DRAWS}")
    log_r, log_stay = _draw_rates(rng, rates, draws)
    totals = np.tile(inp.fixed, (draws, 1))
    monthly = np.zeros((draws, inp.months), dtype=np.int64) if paths else None
    if not inp.contracts or not inp.months:
        return totals, monthly
    prefix = prefix_sums(inp.cost)
    ends = segment_ends(inp.segment)
    first = first_months(inp.segment)
    block = max(1, DRAW_BLOCK_ELEMENTS // inp.contracts)
    exits = inp.has_exit_cost
    tables = year_tables(inp, prefix, exits=exits)
    width = inp.months + 1
    row = (np.arange(inp.contracts, dtype=np.int64) * width)[None, :]
    gathered = np.empty(0, dtype=np.int64)
    # The uniforms come per block (that order is the seed's answer); the work on them
    # goes in parts of about SUB_BLOCK_ELEMENTS, whose arrays stay in the CPU's cache.
    part = max(1, SUB_BLOCK_ELEMENTS // inp.contracts)
    for lo in range(0, draws, block):
        hi = min(draws, lo + block)
        shape = (hi - lo, inp.contracts)
        u_renew, u_stay = _uniforms(rng, shape), _uniforms(rng, shape)
        for start in range(lo, hi, part):
            end = min(hi, start + part)
            rows = slice(start - lo, end - lo)
            stop, leave = draw_ends(
                log_r[start:end], log_stay[start:end], u_renew[rows], u_stay[rows], ends, first
            )
            # The employer ends it (an exit cost is owed) when its last segment ends first.
            employer = (stop <= leave) if exits else None
            np.minimum(stop, leave, out=stop)
            index = leave  # reused: the flat table index of every draw and contract
            np.add(stop, row, out=index)
            if employer is not None:
                employer &= stop > 0
                index += employer * (inp.contracts * width)
            if gathered.shape != stop.shape:
                gathered = np.empty(stop.shape, dtype=np.int64)
            for y, table in tables:
                np.take(table, index, out=gathered)
                totals[start:end, y] += gathered.sum(axis=1)
            if monthly is not None:
                for m in range(inp.months):
                    monthly[start:end, m] = np.take_along_axis(
                        prefix, np.minimum(stop, m + 1).T, axis=1
                    ).sum(axis=0)
        if progress is not None:
            progress(hi, draws)
    return totals, monthly


def percentile(ordered: Ints, q: int) -> Ints:
    """Nearest-rank percentile of rows sorted along axis 0 (no interpolation)."""
    d = len(ordered)
    row: Ints = ordered[max(0, -(-q * d // 100) - 1)]
    return row


def summarise(inp: ForecastInput, totals: Ints, *, seed: int) -> MonteCarloResult:
    """Percentiles (nearest-rank on the sorted draws, no interpolation) and P(overspend)."""
    ordered = np.sort(totals, axis=0)
    d = len(totals)

    def rank(q: int) -> Ints:
        return percentile(ordered, q)

    has_budget = inp.budget != NO_BUDGET
    over = (totals > inp.budget[None, :]).mean(axis=0) * has_budget
    return MonteCarloResult(
        years=inp.years,
        p10=rank(10),
        p50=rank(50),
        p90=rank(90),
        mean=_round_half_up(totals.mean(axis=0)),
        p_overspend=over.astype(np.float64),
        totals=totals,
        draws=d,
        seed=seed,
    )


def monte_carlo(inp: ForecastInput, rates: Rates, *, draws: int, seed: int) -> MonteCarloResult:
    """Seeded Monte Carlo over renewals and exits: same seed, same result."""
    totals, _paths = simulate(inp, rates, draws=draws, rng=np.random.default_rng(seed))
    return summarise(inp, totals, seed=seed)
