"""Room for new intake: how many new participants can start without overspending. Pure numpy.

The question: how many new participants can start in month M at H hours a
week so that every remaining year stays within its budget with probability at
least p? The caller gives the programme's forecast input
(:class:`~basisbaan.calc.forecast.ForecastInput`), one *template* contract (the
cost per future month and the segments of one new participant starting in M
at H hours: the first period committed, later periods renewals), the years
that count and p.

Method, with **common random numbers**: the draws of the existing contracts
and of new participant i are fixed once (new participant i always gets the
same uniforms, whatever n is asked), so the spending of every draw can only
grow with n, the estimated probability of staying within budget can only fall,
and the answer is reproducible for a seed. Bisection then finds the largest n
whose probability is at least p, between 0 and an upper bound at which every
draw overspends (each new participant costs at least their first month).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

from basisbaan.calc.fixed import Ints
from basisbaan.calc.forecast import (
    NO_BUDGET,
    ForecastInput,
    Rates,
    draw_stops,
    first_months,
    prefix_sums,
    segment_ends,
    simulate,
)

__all__ = ["MAX_NEW", "CapacityResult", "capacity"]

MAX_NEW: Final = 2_000
MAX_ELEMENTS: Final = 16_000_000  # draws x new participants x years held at once (128 MB)
NEW_STREAM: Final = 1  # the random stream of the new participants (the base uses stream 0)


@dataclass(frozen=True, slots=True)
class CapacityResult:
    """The answer, with the probability at n and at n + 1 as evidence."""

    count: int  # new participants that fit (0: none)
    at_limit: bool  # count is MAX_NEW: the real room may be larger
    probability: float  # P(every counted year within budget) with `count` new participants
    probability_next: float  # the same with count + 1
    base_probability: float  # the same without new participants
    required: float  # p
    draws: int
    seed: int
    evaluations: int  # probabilities computed by the search


def _within(base: Ints, new: Ints, limit: Ints) -> float:
    return float(np.all(base + new <= limit[None, :], axis=1).mean())


def capacity(
    inp: ForecastInput,
    rates: Rates,
    *,
    template_cost: npt.ArrayLike,
    template_segment: npt.ArrayLike,
    count_years: npt.ArrayLike,
    probability: float,
    draws: int,
    seed: int,
    max_new: int = MAX_NEW,
    progress: Callable[[int, int], None] | None = None,
) -> CapacityResult:
    """The largest n of new participants that keeps every counted year within budget.

    At most ``max_new``, and fewer when draws x n x counted years would pass
    :data:`MAX_ELEMENTS` (the answer then says ``at_limit``).

    ``count_years``: a boolean per year of ``inp.years`` (the remaining years
    with a budget). ``probability``: the required p, between 0 and 1.
    ``progress(done, total)``: the base simulation's draws, after each block.
    """
    if not 0 < probability <= 1:
        raise ValueError("probability must be in (0, 1]")
    counted = np.asarray(count_years, dtype=np.bool_) & (inp.budget != NO_BUDGET)
    totals, _paths = simulate(
        inp, rates, draws=draws, rng=np.random.default_rng([seed, 0]), progress=progress
    )
    base = totals[:, counted]
    limit = inp.budget[counted]
    template = ForecastInput.build(
        years=inp.years,
        year_of_month=inp.year_of_month,
        fixed=np.zeros(len(inp.years), dtype=np.int64),
        budget=inp.budget,
        cost=np.asarray(template_cost, dtype=np.int64).reshape(1, -1),
        segment=np.asarray(template_segment, dtype=np.int8).reshape(1, -1),
    )
    base_p = _within(base, np.zeros_like(base), limit)
    if not counted.any():
        return CapacityResult(0, False, base_p, base_p, base_p, probability, draws, seed, 0)

    # Each new participant's cost per counted year, by its stop month (a small table).
    starts, ends = template.year_bounds()
    prefix = prefix_sums(template.cost)[0]
    stops_all = np.arange(template.months + 1, dtype=np.int64)
    table = np.stack(
        [prefix[np.clip(stops_all, a, b)] - prefix[a] for a, b in zip(starts, ends, strict=True)],
        axis=1,
    )[:, counted]
    # Each new participant works at least its first month: that month's cost in the
    # counted year where it is largest bounds n (above it, every draw overspends).
    first = int(first_months(template.segment)[0])
    one_month = table[min(first + 1, template.months)]
    if not one_month.any():
        # The first month lies in a year that does not count (before the counted years):
        # bound by the first month that costs something in a counted year. Whoever leaves
        # before it costs nothing there, so the bound is no longer strict: the answer at
        # the bound says "at least" (below). No such month at all: no cost, no limit.
        in_counted = counted[template.year_of_month] & (template.cost[0] > 0)
        later = np.flatnonzero(in_counted[first:]) + first
        if not len(later):
            return CapacityResult(
                max_new, True, base_p, base_p, base_p, probability, draws, seed, 0
            )
        one_month = table[int(later[0]) + 1]
    year = int(np.argmax(one_month))
    headroom = int((limit[year] - base[:, year]).max(initial=0))
    max_new = max(1, min(max_new, MAX_ELEMENTS // (draws * int(counted.sum()))))
    upper = min(max_new, max(headroom, 0) // int(one_month[year]) + 1)

    rng = np.random.default_rng([seed, NEW_STREAM])
    r = rng.beta(rates.renew_a, rates.renew_b, draws)
    h = rng.beta(rates.exit_a, rates.exit_b, draws)
    with np.errstate(divide="ignore"):
        log_r, log_stay = np.log(r), np.log1p(-h)
    shape = (draws, max(upper, 1))
    u_renew = 1.0 - rng.random(shape)
    u_stay = 1.0 - rng.random(shape)
    ends_t = np.repeat(segment_ends(template.segment), shape[1], axis=0)
    first_t = np.repeat(first_months(template.segment), shape[1])
    stops = draw_stops(log_r, log_stay, u_renew, u_stay, ends_t, first_t)
    cumulative = table[stops]  # D x n x years, then summed over the first n in place
    np.cumsum(cumulative, axis=1, out=cumulative)

    evaluations = 0

    def p_of(n: int) -> float:
        nonlocal evaluations
        evaluations += 1
        if n == 0:
            return base_p
        return _within(base, cumulative[:, n - 1, :], limit)

    if base_p < probability:
        return CapacityResult(0, False, base_p, base_p, base_p, probability, draws, seed, 0)
    lo, hi = 0, upper  # p(lo) >= probability; p(hi) < probability unless hi is the cap
    if p_of(hi) >= probability:  # the bound still fits: the room is at least hi
        return CapacityResult(
            hi, True, p_of(hi), p_of(hi), base_p, probability, draws, seed, evaluations
        )
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if p_of(mid) >= probability:
            lo = mid
        else:
            hi = mid
    return CapacityResult(
        lo, False, p_of(lo), p_of(lo + 1), base_p, probability, draws, seed, evaluations
    )
