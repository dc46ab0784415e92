"""The capacity search when the new participant's first months fall in a year that does
not count (calc.capacity): the cause of "minstens 2000" after closing a year."""

from __future__ import annotations

import numpy as np

from basisbaan.calc.capacity import capacity
from basisbaan.calc.forecast import ForecastInput, Rates


def test_capacity_from_a_month_of_a_year_that_does_not_count():
    """A new participant from July 2025 while only 2026 counts (2025 closed): before, the
    search saw no cost in its first month and answered "at least 2,000"; now it bounds by
    the first month in 2026. Existing 12,000 a year, 2026 budget 26,000: 14,000 room,
    a new participant costs 6,000 in 2026: 2 fit."""
    sure = Rates(renew_a=1e12, renew_b=1e-12, exit_a=1e-12, exit_b=1e12)
    months = np.arange(24)
    inp = ForecastInput.build(
        years=[2025, 2026],
        year_of_month=months // 12,
        fixed=[0, 0],
        budget=[10, 26_000],
        cost=np.full((1, 24), 1_000),
        segment=(months // 6).reshape(1, 24),
    )
    result = capacity(
        inp,
        sure,
        template_cost=np.where(months >= 6, 500, 0),
        template_segment=np.where(months >= 6, (months - 6) // 6, -1),
        count_years=[False, True],
        probability=0.9,
        draws=100,
        seed=1,
    )
    assert (result.count, result.at_limit) == (2, False)
