"""Room for new intake of a programme: the question of issue 4, asked of the database.

"How many new participants can start in month M at H hours a week so that every
remaining year stays within budget with probability at least p?" The programme's
forecast (observed rates, planned starts included) is the base; the new
participants are contracts from M (first period committed, renewals and exits
as observed). See :mod:`basisbaan.calc.capacity` for the search.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from basisbaan.budgets.constants import DEFAULT_DRAWS, DEFAULT_PROBABILITY, DEFAULT_SEED
from basisbaan.budgets.forecasting import (
    TEMPLATE_CONTRACT,
    build,
    cost_matrix,
    month_key,
    template_contract,
)
from basisbaan.calc.capacity import CapacityResult, capacity
from basisbaan.programmes.models import Programme

__all__ = ["CapacityAnswer", "default_month", "programme_capacity"]

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
    """The answer for new participants from ``month`` (default: the month after ``today``).

    The start is never before the forecast's first month, nor in a closed year: a
    new participant cannot start in a year whose books are closed (the question
    then is about January of the first open year)."""
    built = build(programme)
    start = (month or default_month(programme, today)).replace(day=1)
    start = max(start, built.as_of)
    while start.year in built.budgets and built.budgets[start.year].is_closed:
        start = dt.date(start.year + 1, 1, 1)
    counted = [
        year >= start.year and year in built.budgets and not built.budgets[year].is_closed
        for year in built.years
    ]
    years = [y for y, c in zip(built.years, counted, strict=True) if c]
    if not years or start > programme.end_date:
        return CapacityAnswer(start, hours, probability, years, None)
    periods, segments = template_contract(
        programme,
        contract_id=TEMPLATE_CONTRACT,
        first_period_id=TEMPLATE_CONTRACT,
        month=start,
        hours=hours,
    )
    cost, seg, _assumed = cost_matrix(
        programme, built.as_of, hypothetical=periods, segments=segments, stored=False
    )
    months = built.inp.months
    template_cost = cost[0] if len(cost) else np.zeros(months, dtype=np.int64)
    template_segment = seg[0] if len(seg) else np.full(months, -1, dtype=np.int8)
    assert month_key(start) - month_key(built.as_of) < max(months, 1)
    result = capacity(
        built.inp,
        built.rates,
        template_cost=template_cost,
        template_segment=template_segment,
        count_years=counted,
        probability=float(probability),
        draws=draws,
        seed=seed,
    )
    return CapacityAnswer(start, hours, probability, years, result)
