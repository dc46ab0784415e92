"""Benchmark of the budget forecast: deterministic, Monte Carlo and capacity, beside Python loops.

    .venv/bin/python -m bench.forecast [--contracts 100000] [--mc-contracts 10000]
        [--months 48] [--draws 1000] [--capacity-contracts 250] [--seed 7]

Synthetic input, no database: per contract a cost per month in cents (EUR
1,800-2,900, the cost model's range for 16-40 hours at about the minimum
wage), starting in one of the first twelve months, in six-month periods (the
first committed, later ones renewals), over four budget years.

1. **Deterministic**: :func:`basisbaan.calc.forecast.deterministic` (the three
   scenarios per year) on contracts x months, beside a per-contract Python loop
   over the months doing the same sums and weights (timed on a sample,
   extrapolated); both must agree.
2. **Monte Carlo**: :func:`~basisbaan.calc.forecast.monte_carlo` with ``--draws``
   draws over ``--mc-contracts`` contracts (the timing includes drawing the
   rates and uniforms, the cut-offs, the per-year sums and the percentiles),
   beside a per-draw, per-contract Python loop doing the same (timed on a
   few draws, extrapolated).
3. **Wage lines and endings** (issue 18): the same contracts x months built as the
   cost model's rows, with a wage line on every 1 July and, for one contract in
   five, a mid-month change that cuts the month in two rows; the cost model
   (:func:`~basisbaan.calc.costs.compute_costs`), the C x M matrix, the transition
   payment owed at the end of every month (:mod:`basisbaan.calc.severance`) and the
   engine with those exit costs, each timed apart. The target is the engine's.
4. **Capacity** for a ``--capacity-contracts`` programme with 1,000 draws:
   :func:`basisbaan.calc.capacity.capacity` (base simulation, the new
   participants' draws and the bisection), beside the same search with the
   draws evaluated in Python loops (timed on a share of the draws, extrapolated).

Times are wall clock, best of ``--repeat``; what a page adds (the database
reads and the cost model) is not in them: see ``docs/performance.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from basisbaan.calc.capacity import capacity  # noqa: E402
from basisbaan.calc.costs import CostInputs, compute_costs  # noqa: E402
from basisbaan.calc.fixed import PPM, monthly_amount, mul_div_round  # noqa: E402
from basisbaan.calc.forecast import (  # noqa: E402
    ForecastInput,
    Rates,
    Scenario,
    deterministic,
    first_months,
    monte_carlo,
)
from basisbaan.calc.severance import service_spans, transition_payment_cents  # noqa: E402

TARGETS = {"deterministic": 0.1, "monte_carlo": 2.0, "capacity": 5.0, "wage_lines_engine": 0.1}
RATES = Rates(renew_a=8, renew_b=2, exit_a=1, exit_b=99)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--contracts", type=int, default=100_000)
    parser.add_argument("--mc-contracts", type=int, default=10_000)
    parser.add_argument("--capacity-contracts", type=int, default=250)
    parser.add_argument("--months", type=int, default=48)
    parser.add_argument("--draws", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "forecast.json"))
    return parser.parse_args(argv)


def synthetic(contracts: int, months: int, seed: int, budget: int) -> ForecastInput:
    rng = np.random.default_rng(seed)
    start = rng.integers(0, 12, contracts)
    month = np.arange(months)[None, :]
    active = month >= start[:, None]
    seg = np.where(active, (month - start[:, None]) // 6, -1).astype(np.int8)
    cost = np.where(active, rng.integers(180_000, 290_000, (contracts, 1)), 0)
    years = np.arange(months) // 12
    return ForecastInput.build(
        years=2025 + np.arange(years[-1] + 1),
        year_of_month=years,
        fixed=np.zeros(years[-1] + 1, dtype=np.int64),
        budget=np.full(years[-1] + 1, budget),
        cost=cost,
        segment=seg,
    )


def best(run: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def loop_deterministic(inp: ForecastInput, rows: range) -> dict[str, list[float]]:
    """The three scenarios, one contract and one month at a time."""
    r, h = RATES.renewal, RATES.exit
    years = len(inp.years)
    out = {"all": [0.0] * years, "none": [0.0] * years, "observed": [0.0] * years}
    cost, seg, yom = inp.cost.tolist(), inp.segment.tolist(), inp.year_of_month.tolist()
    for c in rows:
        first = None
        for m, amount in enumerate(cost[c]):
            s = seg[c][m]
            if s < 0:
                continue
            if first is None:
                first = m
            y = yom[m]
            out["all"][y] += amount
            if s == 0:
                out["none"][y] += amount
            out["observed"][y] += amount * r**s * (1 - h) ** (m - first)
    return out


def loop_draws(inp: ForecastInput, draws: int, seed: int) -> list[list[int]]:
    """Per draw and contract: draw the rates, renewals and months worked, then add the
    contract's months up to its cut-off into the years, all in Python."""
    rnd = random.Random(seed)
    cost, seg, yom = inp.cost.tolist(), inp.segment.tolist(), inp.year_of_month.tolist()
    firsts = first_months(inp.segment).tolist()
    totals = []
    for _ in range(draws):
        r = rnd.betavariate(RATES.renew_a, RATES.renew_b)
        h = rnd.betavariate(RATES.exit_a, RATES.exit_b)
        year = [0] * len(inp.years)
        for c in range(inp.contracts):
            renewals = math.floor(math.log(1.0 - rnd.random()) / math.log(r))
            worked = 1 + math.floor(math.log(1.0 - rnd.random()) / math.log1p(-h))
            first = firsts[c]
            for m in range(first, min(first + worked, inp.months)):
                if 0 <= seg[c][m] <= renewals:
                    year[yom[m]] += cost[c][m]
        totals.append(year)
    return totals


def part_deterministic(args: argparse.Namespace, report: dict[str, Any]) -> None:
    inp = synthetic(args.contracts, args.months, args.seed, 10**15)
    deterministic(inp, RATES)  # warm-up
    fast, result = best(lambda: deterministic(inp, RATES), args.repeat)
    sample = min(2_000, args.contracts)
    start = time.perf_counter()
    loop_deterministic(inp, range(sample))
    loop = (time.perf_counter() - start) / sample * args.contracts
    small = synthetic(min(args.contracts, 5_000), args.months, args.seed + 1, 10**15)
    full = loop_deterministic(small, range(small.contracts))
    check = deterministic(small, RATES)
    agree = full["all"] == check[Scenario.ALL_RENEWED].tolist() and all(
        abs(a - b) <= 1 for a, b in zip(full["observed"], check[Scenario.OBSERVED], strict=True)
    )
    print(f"Deterministic forecast, {args.contracts:,} contracts x {args.months} months:")
    print(f"  vectorised: best {fast * 1000:.0f} ms (three scenarios per year)")
    print(f"  per-contract Python loop: {loop:.2f} s (timed on {sample:,}, extrapolated)")
    print(f"  ratio: {loop / fast:,.0f}x; agreement on 5,000 contracts: {'yes' if agree else 'NO'}")
    print(
        f"  all renewed per year (EUR): "
        f"{', '.join(f'{v / 100:,.0f}' for v in result[Scenario.ALL_RENEWED])}"
    )
    verdict = "PASS" if fast < TARGETS["deterministic"] else "FAIL"
    print(f"  target < {TARGETS['deterministic'] * 1000:.0f} ms: {verdict}")
    report["deterministic"] = {"seconds": fast, "loop_seconds": loop, "agree": agree}


def part_monte_carlo(args: argparse.Namespace, report: dict[str, Any]) -> None:
    inp = synthetic(args.mc_contracts, args.months, args.seed, 10**15)
    fast, result = best(
        lambda: monte_carlo(inp, RATES, draws=args.draws, seed=args.seed), max(2, args.repeat // 2)
    )
    again = monte_carlo(inp, RATES, draws=args.draws, seed=args.seed)
    sample = 3
    start = time.perf_counter()
    loop_draws(inp, sample, args.seed)
    loop = (time.perf_counter() - start) / sample * args.draws
    same = bool((again.totals == result.totals).all())
    print(
        f"Monte Carlo, {args.draws:,} draws over {args.mc_contracts:,} contracts x "
        f"{args.months} months:"
    )
    print(f"  vectorised: best {fast:.2f} s (rates, uniforms, cut-offs, sums, percentiles)")
    print(f"  per-draw, per-contract Python loop: {loop:.0f} s (timed on {sample} draws)")
    print(f"  ratio: {loop / fast:,.0f}x; same seed, same result: {'yes' if same else 'NO'}")
    print(
        "  P10 / P50 / P90 of year 1 (EUR): "
        f"{result.p10[0] / 100:,.0f} / {result.p50[0] / 100:,.0f} / {result.p90[0] / 100:,.0f}"
    )
    verdict = "PASS" if fast < TARGETS["monte_carlo"] else "FAIL"
    print(f"  target < {TARGETS['monte_carlo']:g} s: {verdict}")
    report["monte_carlo"] = {"seconds": fast, "loop_seconds": loop, "reproducible": same}


def wage_line_rows(
    contracts: int, months: int, seed: int
) -> tuple[CostInputs, np.ndarray, np.ndarray, np.ndarray]:
    """Cost-model rows: every contract-month from its start, a 2 % raise on each 1 July
    (a wage line), and for one contract in five a change on the 16th of a month that
    cuts that month in two rows. Returns the rows, each row's month index, the start
    month per contract, and the segment matrix."""
    rng = np.random.default_rng(seed)
    start = rng.integers(0, 12, contracts)
    month = np.arange(months)
    c_idx, m_idx = np.nonzero(month[None, :] >= start[:, None])
    wage = rng.integers(1_471, 1_800, contracts)[c_idx]
    years = m_idx // 12
    raised = (m_idx % 12) >= 6  # from July (the as-of month is January)
    wage = wage * (100 + 2 * (years * 2 + raised)) // 100
    hours = rng.integers(160, 401, contracts)[c_idx]
    days = np.full(len(c_idx), 30, dtype=np.int64)
    cut = (c_idx % 5 == 0) & (m_idx == start[c_idx] + 3)  # a mid-month change
    extra = np.flatnonzero(cut)
    days[extra] = 15
    c_all = np.concatenate([c_idx, c_idx[extra]])
    m_all = np.concatenate([m_idx, m_idx[extra]])
    wage_all = np.concatenate([wage, wage[extra] + 50])
    hours_all = np.concatenate([hours, hours[extra]])
    days_all = np.concatenate([days, np.full(len(extra), 15, dtype=np.int64)])
    order = np.lexsort((m_all, c_all))
    c_all, m_all = c_all[order], m_all[order]
    inputs = CostInputs.build(
        contract=c_all,
        year=2026 + m_all // 12,
        month=m_all % 12 + 1,
        days=days_all[order],
        days_in_month=30,
        hourly_wage=wage_all[order],
        hours=hours_all[order],
        holiday_ppm=80_000,
        charges_ppm=223_600,
        pension_ppm=60_000,
        monitoring_fee=9_000,
    )
    active = month[None, :] >= start[:, None]
    seg = np.where(active, (month[None, :] - start[:, None]) // 6, -1).astype(np.int8)
    return inputs, m_all, start, seg


def part_wage_lines(args: argparse.Namespace, report: dict[str, Any]) -> None:
    n, m = args.contracts, args.months
    inputs, month_of_row, start, seg = wage_line_rows(n, m, args.seed)

    def cost_model() -> Any:
        return compute_costs(inputs)

    model_time, rows = best(cost_model, max(2, args.repeat // 2))

    def matrices() -> tuple[np.ndarray, np.ndarray]:
        cell = inputs.contract * m + month_of_row  # rows are sorted by contract and month
        cost = np.bincount(cell, weights=rows.budget_charge, minlength=n * m)
        cost = np.rint(cost).astype(np.int64).reshape(n, m)
        r = np.flatnonzero(np.append(cell[1:] != cell[:-1], True))  # each cell's last row
        has = np.zeros(n * m, dtype=np.bool_)
        has[cell[r]] = True
        has = has.reshape(n, m)
        gross = monthly_amount(inputs.hourly_wage[r], inputs.hours[r])
        wage = gross + mul_div_round(gross, inputs.holiday_ppm[r], PPM)
        first = np.datetime64("2026-01-01") + np.zeros(n, dtype="timedelta64[D]")
        service_start = (first.astype("datetime64[M]") + start.astype("timedelta64[M]")).astype(
            "datetime64[D]"
        )
        cell_c, cell_m = np.nonzero(has)
        end = (np.datetime64("2026-01", "M") + (cell_m + 1).astype("timedelta64[M]")).astype(
            "datetime64[D]"
        ) - np.timedelta64(1, "D")
        months_, days_ = service_spans(service_start[cell_c], end)
        exits = np.zeros((n, m), dtype=np.int64)
        exits[has] = transition_payment_cents(wage, months_, days_, 10_200_000)
        return cost, exits

    matrix_time, (cost, exits) = best(matrices, max(2, args.repeat // 2))
    years = np.arange(m) // 12
    inp = ForecastInput.build(
        years=2026 + np.arange(years[-1] + 1),
        year_of_month=years,
        fixed=np.zeros(years[-1] + 1, dtype=np.int64),
        budget=np.full(years[-1] + 1, 10**15),
        cost=cost,
        segment=seg,
        exit_cost=exits,
    )
    deterministic(inp, RATES)  # warm-up
    engine, result = best(lambda: deterministic(inp, RATES), args.repeat)
    print(
        f"Forecast with wage lines and transition payments, {n:,} contracts x {m} months "
        f"({len(inputs):,} cost rows):"
    )
    print(f"  cost model: best {model_time * 1000:.0f} ms")
    print(f"  C x M cost and exit-cost matrices: best {matrix_time * 1000:.0f} ms")
    print(f"  engine (three scenarios with exit costs): best {engine * 1000:.0f} ms")
    print(
        f"  all renewed per year (EUR): "
        f"{', '.join(f'{v / 100:,.0f}' for v in result[Scenario.ALL_RENEWED])}"
    )
    verdict = "PASS" if engine < TARGETS["wage_lines_engine"] else "FAIL"
    print(f"  target engine < {TARGETS['wage_lines_engine'] * 1000:.0f} ms: {verdict}")
    report["wage_lines"] = {
        "rows": len(inputs),
        "cost_model_seconds": model_time,
        "matrices_seconds": matrix_time,
        "engine_seconds": engine,
    }


def part_capacity(args: argparse.Namespace, report: dict[str, Any]) -> None:
    n = args.capacity_contracts
    # A budget with room: 250 contracts cost about EUR 7 million a year; allow 8 million.
    inp = synthetic(n, args.months, args.seed, 800_000_000)
    months = np.arange(args.months)
    template_cost = np.full(args.months, 250_000)
    template_segment = (months // 6).astype(np.int8)
    counted = np.ones(len(inp.years), dtype=bool)

    def run() -> Any:
        return capacity(
            inp,
            RATES,
            template_cost=template_cost,
            template_segment=template_segment,
            count_years=counted,
            probability=0.9,
            draws=1_000,
            seed=args.seed,
        )

    fast, result = best(run, max(2, args.repeat // 2))
    # The loop: the base draws and, per bisection step, the new participants' draws in Python.
    sample = 10
    template = ForecastInput.build(
        years=inp.years,
        year_of_month=inp.year_of_month,
        fixed=inp.fixed,
        budget=inp.budget,
        cost=np.tile(template_cost, (result.count + 1, 1)),
        segment=np.tile(template_segment, (result.count + 1, 1)),
    )
    start = time.perf_counter()
    loop_draws(inp, sample, args.seed)
    for _ in range(result.evaluations):
        loop_draws(template, sample, args.seed)
    loop = (time.perf_counter() - start) / sample * 1_000
    print(f"Capacity, a {n}-contract programme, 1,000 draws, p = 90 %:")
    print(
        f"  vectorised: best {fast:.2f} s (base simulation, new participants' draws, "
        f"bisection of {result.evaluations} steps)"
    )
    print(f"  the same with Python loops over draws and contracts: {loop:.0f} s (extrapolated)")
    print(
        f"  ratio: {loop / fast:,.0f}x; answer: {result.count} new participants "
        f"(P within budget {result.probability:.3f}, with one more {result.probability_next:.3f})"
    )
    verdict = "PASS" if fast < TARGETS["capacity"] else "FAIL"
    print(f"  target < {TARGETS['capacity']:g} s: {verdict}")
    report["capacity"] = {"seconds": fast, "loop_seconds": loop, "count": result.count}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    report: dict[str, Any] = {
        "benchmark": "forecast",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    part_deterministic(args, report)
    part_monte_carlo(args, report)
    part_wage_lines(args, report)
    part_capacity(args, report)
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Results: {out}")
    return 0 if report["deterministic"]["agree"] and report["monte_carlo"]["reproducible"] else 1


if __name__ == "__main__":
    sys.exit(main())
