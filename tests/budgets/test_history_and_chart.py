"""The observed scenario's counts from a programme's history, and the chart's geometry."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from basisbaan.budgets.chart import chart_of
from basisbaan.budgets.forecasting import MonthPoint, _counts, _Period

D = dt.date


def period(pk, contract, start, end, decision=None, decided=None, sequence=1):
    return _Period(
        pk=pk,
        contract_id=contract,
        sequence=sequence,
        start=start,
        end=end,
        hours=Decimal(32),
        wage=Decimal("14.06"),
        decision=decision,
        decided_on=decided,
        exited=False,
        permanent=False,
        subsidy=False,
        participant_id=contract,
        birth=D(1980, 1, 1),
    )


def test_counts_before_the_as_of_month():
    as_of = D(2025, 7, 1)
    periods = {
        # Renewed in December 2024, the renewal still runs: 1 renewal, 6 + 6 months.
        1: [
            period(1, 1, D(2024, 7, 1), D(2024, 12, 31), "renew", D(2024, 11, 15)),
            period(2, 1, D(2025, 1, 1), D(2025, 12, 31), sequence=2),
        ],
        # Not renewed at the end of March: 1 non-renewal, 3 months; no exit.
        2: [period(3, 2, D(2025, 1, 1), D(2025, 3, 31), "not_renew", D(2025, 2, 20))],
        # Left in April without a decision: an exit, 3 months (February to April).
        3: [period(4, 3, D(2025, 2, 1), D(2025, 4, 10))],
        # Decided after the as-of month: not counted.
        4: [period(5, 4, D(2025, 1, 1), D(2025, 6, 30), "renew", D(2025, 7, 2))],
    }
    counts = _counts(periods, as_of, D(2026, 12, 31))
    assert counts.renewals == 1
    assert counts.non_renewals == 1
    assert counts.exits == 1
    # 6 + 6 (contract 1, to June 2025) + 3 + 3 (Feb-Apr) + 6 = 24 contract-months.
    assert counts.exposure_months == 24


def test_chart_lines_start_again_each_year_and_scale_to_the_top():
    points = [
        MonthPoint(D(2025, 11, 1), Decimal(100), Decimal(80), None, None, None, None),
        MonthPoint(
            D(2025, 12, 1),
            Decimal(200),
            None,
            Decimal(150),
            Decimal(120),
            Decimal(150),
            Decimal(190),
        ),
        MonthPoint(
            D(2026, 1, 1), Decimal(50), None, Decimal(40), Decimal(30), Decimal(40), Decimal(45)
        ),
    ]
    chart = chart_of(points, width=320, height=228, size="narrow")
    assert chart is not None
    assert len(chart.budget) == 2  # one line per year
    # Plot from y 16 to 200 (184 high), top EUR 200; x at month centres of 300 / 3.
    assert chart.actual == ["60.0,126.4"]  # 80 of 200: 200 - 184 x 0.4
    # The 2025 forecast joins the last actual point, then December; 2026 starts anew.
    assert chart.scenario == ["60.0,126.4 160.0,62.0", "260.0,163.2"]
    assert [t.label for t in chart.x_ticks] == ["2025", "2026"]
    assert chart.y_ticks[-1].label == "€ 200"
