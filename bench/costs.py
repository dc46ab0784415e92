"""Benchmark of the cost model: 100,000 contracts × 48 months, vectorised, beside a Decimal loop.

    .venv/bin/python -m bench.costs [--contracts 100000] [--months 48] [--sample 10000]

1. Makes synthetic input rows (no database): ``--contracts`` contracts, each for
   ``--months`` calendar months from January 2023, in half-year periods with a
   wage of the minimum wage plus 0-15 %, 16-40 hours a week, a partial first
   month for a third of them, the seeded premium rates of each year, LKS with a
   wage value of 30-80 % for 6 in 16 contracts, a pension rate for half, a
   monitoring fee, and a host contribution for a fifth.
2. Times :func:`basisbaan.calc.costs.compute_costs` on all rows (best and median
   of ``--repeat`` runs, wall and CPU time), and the sums per contract and year.
3. Times the same rules as a plain per-row Decimal loop
   (:mod:`basisbaan.calc.costs_reference`) on ``--sample`` random rows,
   extrapolates to all rows and prints the ratio.
4. Checks that both agree to the cent on every amount of the sample rows.

Prints the figures and writes them to var/bench/costs.json. Target: the whole
model on 4.8 million rows well under 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from basisbaan.calc.costs import (  # noqa: E402
    COST_FIELDS,
    CostInputs,
    compute_costs,
    employer_charges_rate,
    sum_by_contract_year,
)
from basisbaan.calc.costs_reference import reference_month_cost, reference_row  # noqa: E402
from basisbaan.calc.fixed import PPM, mul_div_round, to_cents, to_ppm  # noqa: E402
from basisbaan.parameters.seed import SEED  # noqa: E402  (plain data, no Django)

TARGET_SECONDS = 1.0
FIRST_YEAR = 2023
# The hourly minimum wage per half year from 2023 (2023: the 38-hour week).
MINIMUM_WAGE = {
    (2023, 1): "11.75",
    (2023, 2): "12.12",
    (2024, 1): "13.27",
    (2024, 2): "13.68",
    (2025, 1): "14.06",
    (2025, 2): "14.40",
    (2026, 1): "14.71",
}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--contracts", type=int, default=100_000, choices=range(1, 10**7), metavar="N"
    )
    parser.add_argument("--months", type=int, default=48, choices=range(1, 481), metavar="M")
    parser.add_argument("--sample", type=int, default=10_000, help="rows for the Decimal loop")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "costs.json"))
    return parser.parse_args(argv)


def yearly_rates() -> dict[int, dict[str, Decimal]]:
    rates: dict[int, dict[str, Decimal]] = {}
    for key, day, value, _source in SEED:
        if day.year >= FIRST_YEAR and day.month == 1:
            rates.setdefault(day.year, {})[key] = value
    return rates


def synthetic_inputs(contracts: int, months: int, seed: int) -> CostInputs:
    """Realistic rows for ``contracts`` × ``months``, in contract and date order."""
    rng = np.random.default_rng(seed)
    rates = yearly_rates()
    last_year = max(rates)
    contract = np.repeat(np.arange(contracts, dtype=np.int64), months)
    offset = np.tile(np.arange(months, dtype=np.int64), contracts)
    year = FIRST_YEAR + offset // 12
    month = offset % 12 + 1
    rate_year = np.minimum(year, last_year) - FIRST_YEAR  # later years: the last known rates
    days_in_month = np.array([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)[
        month - 1
    ]
    leap = (month == 2) & (year % 4 == 0)
    days_in_month[leap] = 29
    days = days_in_month.copy()
    starts_late = rng.random(contracts) < 1 / 3
    first_rows = np.flatnonzero(starts_late) * months
    days[first_rows] = rng.integers(1, days_in_month[first_rows] + 1)

    half = (year - FIRST_YEAR) * 2 + (month > 6)
    known = sorted(MINIMUM_WAGE)
    wage_table = np.array([to_cents(Decimal(MINIMUM_WAGE[k])) for k in known], dtype=np.int64)
    minimum_wage = wage_table[np.minimum(half, len(known) - 1)]
    uplift = rng.integers(0, 150_001, contracts)[contract]  # 0-15 % above the minimum wage
    hourly_wage = minimum_wage + mul_div_round(minimum_wage, uplift, PPM)
    hours = (rng.integers(32, 81, contracts) * 5)[contract]  # 16.0-40.0 hours, half hours

    years = sorted(rates)
    charges_table = np.array(
        [
            to_ppm(employer_charges_rate(rates[y], permanent=False, large_employer=True))
            for y in years
        ],
        dtype=np.int64,
    )
    cap_table = np.array([to_cents(rates[y]["max_premium_wage"]) for y in years], dtype=np.int64)
    with_lks = rng.random(contracts) < 6 / 16
    wage_value = np.where(with_lks, rng.integers(300_000, 800_001, contracts), PPM)[contract]
    pension = np.where(rng.random(contracts) < 0.5, 70_000, 0)[contract]
    host = np.where(rng.random(contracts) < 0.2, 25_000, 0)[contract]  # 250 euro a month
    return CostInputs.build(
        contract=contract,
        year=year,
        month=month,
        days=days,
        days_in_month=days_in_month,
        hourly_wage=hourly_wage,
        hours=hours,
        holiday_ppm=80_000,
        charges_ppm=charges_table[rate_year],
        max_premium_wage=cap_table[rate_year],
        pension_ppm=pension,
        monitoring_fee=4_000,
        minimum_wage=minimum_wage,
        wage_value_ppm=wage_value,
        lks_cap_ppm=700_000,
        lks_allowance_ppm=235_000,
        host_contribution=host,
    )


def timed[T](function: Callable[[], T], repeat: int) -> tuple[list[float], list[float], T]:
    """Wall and CPU seconds of ``repeat`` calls (at least one), and the last result."""
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(max(repeat, 1)):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return walls, cpus, result


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "numpy": np.__version__,
        "platform": platform.platform(),
    }
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return info


def git_commit() -> str | None:
    try:
        out = subprocess.run(  # noqa: S603
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load = os.getloadavg()[0]
    print(
        f"Cost model benchmark: {args.contracts:,} contracts × {args.months} months; "
        f"{os.cpu_count()} CPUs, load average {load:.2f}."
    )
    if load > 0.5 * (os.cpu_count() or 1):
        print(f"Note: the machine is busy (load {load:.1f}); times will be higher.")

    start = time.perf_counter()
    inputs = synthetic_inputs(args.contracts, args.months, args.seed)
    n = len(inputs)
    print(f"  input rows: {n:,} (made and checked in {time.perf_counter() - start:.2f} s)")
    compute_costs(inputs)  # warm-up: first use of the memory
    walls, cpus, costs = timed(lambda: compute_costs(inputs), args.repeat)
    reuse_walls, _reuse_cpus, _ = timed(lambda: compute_costs(inputs, out=costs), args.repeat)
    sum_walls, _sum_cpus, totals = timed(lambda: sum_by_contract_year(inputs, costs), args.repeat)
    vector_best, vector_median = min(walls), statistics.median(walls)

    rng = np.random.default_rng(args.seed + 1)
    sample = np.sort(rng.choice(n, size=min(args.sample, n), replace=False))
    rows = [reference_row(inputs, int(i)) for i in sample]
    wall, cpu = time.perf_counter(), time.process_time()
    expected = [reference_month_cost(row) for row in rows]
    loop_wall, loop_cpu = time.perf_counter() - wall, time.process_time() - cpu
    loop_all = loop_wall / max(len(rows), 1) * n

    mismatches = 0
    for k, i in enumerate(sample):
        for name in COST_FIELDS:
            if Decimal(int(getattr(costs, name)[i])) / 100 != expected[k][name]:
                mismatches += 1
                if mismatches <= 5:
                    print(
                        f"  MISMATCH row {i} {name}: {getattr(costs, name)[i]} vs {expected[k][name]}"
                    )

    total_cost = Decimal(int(costs.total.sum())) / 100
    lks = Decimal(int(costs.lks.sum())) / 100
    print(
        f"  vectorised (numpy int64): best {vector_best * 1000:.0f} ms, median "
        f"{vector_median * 1000:.0f} ms wall ({min(cpus) * 1000:.0f} ms CPU) for {n:,} rows = "
        f"{n / vector_best / 1e6:.1f} million rows/s"
    )
    print(
        f"  the same into the previous result's columns (out=): best "
        f"{min(reuse_walls) * 1000:.0f} ms (no new memory for the {len(COST_FIELDS)} output columns)"
    )
    print(
        f"  sums per contract and year: best {min(sum_walls) * 1000:.0f} ms "
        f"({len(totals.contract):,} contract-years)"
    )
    print(
        f"  per-row Decimal loop: {len(rows):,} rows in {loop_wall:.2f} s wall "
        f"({loop_cpu:.2f} s CPU) = {loop_wall / max(len(rows), 1) * 1e6:.1f} µs/row; "
        f"extrapolated to {n:,} rows: {loop_all:.0f} s"
    )
    print(f"  ratio (Decimal loop / vectorised, best): {loop_all / vector_best:,.0f}×")
    print(
        f"  agreement on the {len(rows):,} sample rows × {len(COST_FIELDS)} amounts: "
        + ("exact" if not mismatches else f"{mismatches} MISMATCHES")
    )
    print(f"  all rows: total cost EUR {total_cost:,.2f}, of which LKS EUR {lks:,.2f}")
    verdict = "PASS" if vector_best < TARGET_SECONDS else "FAIL"
    print(f"  target < {TARGET_SECONDS:g} s for all rows: {verdict}")

    report = {
        "benchmark": "costs",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "load_average_start": round(load, 2),
        "contracts": args.contracts,
        "months": args.months,
        "rows": n,
        "vectorised_seconds": {
            "best": vector_best,
            "median": vector_median,
            "cpu": min(cpus),
            "into_existing_columns": min(reuse_walls),
        },
        "sum_by_contract_year_seconds": min(sum_walls),
        "decimal_loop": {
            "rows": len(rows),
            "seconds": loop_wall,
            "extrapolated_seconds": loop_all,
        },
        "ratio": loop_all / vector_best if vector_best else None,
        "mismatches": mismatches,
        "target_seconds": TARGET_SECONDS,
        "result": verdict,
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Results: {out}")
    return 0 if not mismatches else 1


if __name__ == "__main__":
    sys.exit(main())
