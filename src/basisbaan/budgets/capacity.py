"""Room for new intake of a programme: the question of issue 4, asked of the database.

"How many new participants can start in month M at H hours a week so that every
remaining year stays within budget with probability at least p?" The programme's
forecast (observed rates, planned starts included) is the base; the new
participants are contracts from M (first period committed, renewals and exits
as observed). See :mod:`basisbaan.calc.capacity` for the search.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from basisbaan.budgets.constants import DEFAULT_DRAWS, DEFAULT_PROBABILITY, DEFAULT_SEED
from basisbaan.budgets.forecasting import (
    TEMPLATE_CONTRACT,
    _Built,
    build,
    cost_matrix,
    month_key,
    template_contract,
)
from basisbaan.calc.capacity import CapacityResult, capacity
from basisbaan.calc.fixed import Ints
from basisbaan.calc.forecast import ForecastInput, Rates
from basisbaan.programmes.models import Programme

__all__ = [
    "CapacityAnswer",
    "CapacityProblem",
    "answer_of",
    "capacity_problem",
    "default_month",
    "programme_capacity",
    "solve",
]

DEFAULT_HOURS = Decimal(32)


@dataclass(frozen=True, slots=True)
class CapacityAnswer:
    month: dt.date
    hours: Decimal
    probability: Decimal
    years: list[int]  # the years that count
    result: CapacityResult | None  # None: no remaining year with an open budget

    @property
    def count(self) -> int:
        return self.result.count if self.result is not None else 0


def default_month(programme: Programme, today: dt.date) -> dt.date:
    """The month after ``today``, within the programme: the question is about the future."""
    next_month = (today.replace(day=1) + dt.timedelta(days=31)).replace(day=1)
    return min(
        max(next_month, programme.start_date.replace(day=1)), programme.end_date.replace(day=1)
    )


@dataclass(frozen=True, slots=True)
class CapacityProblem:
    """The capacity question made concrete, before the search: what takes time."""

    programme_id: int
    month: dt.date
    hours: Decimal
    probability: Decimal
    years: list[int]
    inp: ForecastInput | None  # None: no remaining year with an open budget
    rates: Rates | None
    template_cost: Ints
    template_segment: npt.NDArray[np.int8]
    counted: list[bool]
    draws: int
    seed: int

    def key(self) -> str:
        """Changes whenever the answer could (see :func:`simulation_key`)."""
        digest = hashlib.sha256()
        if self.inp is not None:
            inp = self.inp
            for array in (
                inp.years,
                inp.year_of_month,
                inp.fixed,
                inp.budget,
                inp.cost,
                inp.segment,
                self.template_cost,
                self.template_segment,
            ):
                digest.update(str(array.shape).encode())
                digest.update(np.ascontiguousarray(array).tobytes())
        digest.update(
            repr(
                (
                    self.rates,
                    self.month.isoformat(),
                    format(self.hours.normalize(), "f"),
                    format(self.probability.normalize(), "f"),
                    self.years,
                    self.counted,
                    self.draws,
                    self.seed,
                )
            ).encode()
        )
        return f"capacity:{self.programme_id}:{digest.hexdigest()}"

    @property
    def size(self) -> int:
        """Draws x contracts: what the inline limit weighs."""
        return self.draws * (self.inp.contracts if self.inp is not None else 0)


def capacity_problem(
    programme: Programme,
    *,
    built: _Built,
    today: dt.date,
    month: dt.date | None = None,
    hours: Decimal = DEFAULT_HOURS,
    probability: Decimal = DEFAULT_PROBABILITY,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> CapacityProblem:
    """The question for new participants from ``month`` (default: the month after ``today``).

    The start is never before the forecast's first month, nor in a closed year: a
    new participant cannot start in a year whose books are closed (the question
    then is about January of the first open year)."""
    start = (month or default_month(programme, today)).replace(day=1)
    start = max(start, built.as_of)
    while start.year in built.budgets and built.budgets[start.year].is_closed:
        start = dt.date(start.year + 1, 1, 1)
    counted = [
        year >= start.year and year in built.budgets and not built.budgets[year].is_closed
        for year in built.years
    ]
    years = [y for y, c in zip(built.years, counted, strict=True) if c]
    empty = np.zeros(0, dtype=np.int64)
    if not years or start > programme.end_date:
        return CapacityProblem(
            programme.pk,
            start,
            hours,
            probability,
            years,
            None,
            None,
            empty,
            empty.astype(np.int8),
            counted,
            draws,
            seed,
        )
    periods, segments = template_contract(
        programme,
        contract_id=TEMPLATE_CONTRACT,
        first_period_id=TEMPLATE_CONTRACT,
        month=start,
        hours=hours,
    )
    cost, seg, _assumed, _exits, _ids = cost_matrix(
        programme, built.as_of, hypothetical=periods, segments=segments, stored=False
    )
    months = built.inp.months
    template_cost = cost[0] if len(cost) else np.zeros(months, dtype=np.int64)
    template_segment = seg[0] if len(seg) else np.full(months, -1, dtype=np.int8)
    assert month_key(start) - month_key(built.as_of) < max(months, 1)
    return CapacityProblem(
        programme.pk,
        start,
        hours,
        probability,
        years,
        built.inp,
        built.rates,
        template_cost,
        template_segment,
        counted,
        draws,
        seed,
    )


def solve(
    problem: CapacityProblem, *, progress: Callable[[int, int], None] | None = None
) -> CapacityResult | None:
    """The search (:func:`basisbaan.calc.capacity.capacity`); None when no year counts."""
    if problem.inp is None or problem.rates is None:
        return None
    return capacity(
        problem.inp,
        problem.rates,
        template_cost=problem.template_cost,
        template_segment=problem.template_segment,
        count_years=problem.counted,
        probability=float(problem.probability),
        draws=problem.draws,
        seed=problem.seed,
        progress=progress,
    )


def answer_of(problem: CapacityProblem, result: CapacityResult | None) -> CapacityAnswer:
    return CapacityAnswer(problem.month, problem.hours, problem.probability, problem.years, result)


def programme_capacity(
    programme: Programme,
    *,
    today: dt.date,
    month: dt.date | None = None,
    hours: Decimal = DEFAULT_HOURS,
    probability: Decimal = DEFAULT_PROBABILITY,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> CapacityAnswer:
    """The answer for new participants from ``month`` (default: the month after ``today``);
    see :func:`capacity_problem`."""
    problem = capacity_problem(
        programme,
        built=build(programme),
        today=today,
        month=month,
        hours=hours,
        probability=probability,
        draws=draws,
        seed=seed,
    )
    return answer_of(problem, solve(problem))
