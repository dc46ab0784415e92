"""Benchmark of "does work pay?": 10,000 households × 41 hour levels in one vectorised call.

    .venv/bin/python -m bench.income_check [--households 10000] [--year 2025] [--repeat 9]
        [--sample 200] [--seed 16]

1. Makes synthetic households (no database, a fixed seed): 55 % single, 20 %
   single parents with 1-3 children, 25 % couples with 0-3 children (ages 0-19:
   those of 18 and over do not count), a rent of EUR 350-1,050 for 85 %
   (none for the rest), a partner with EUR 5,000-25,000 gross for a third of
   the couples, an hourly wage of the year's WML plus 0-15 %.
2. Builds the rules of ``--year`` from the seed lists (plain data, no Django),
   as ``basisbaan.income.rules`` reads them from the tables.
3. Times the comparison: :func:`basisbaan.calc.income.scenario` on assistance
   (gross 0) and at the gross matrix of 0 to 40 hours, and the gain per
   household and hour level (best and median of ``--repeat`` runs after a warm-up).
4. Checks ``--sample`` households against :func:`basisbaan.calc.income.compare`
   (one household at a time, Decimal cents): every point of the curve to the cent.

Prints the figures and writes them to var/bench/income_check.json. Target: a
median below 200 ms.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import os
import statistics
import sys
import time
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from basisbaan.calc.income import (  # noqa: E402
    HOURS,
    Household,
    Households,
    Incomes,
    Job,
    compare,
    gross_year,
    scenario,
)
from basisbaan.calc.income_rules import (  # noqa: E402
    IncomeRules,
    Kind,
)
from basisbaan.income.build import rules_from  # noqa: E402  (no database)
from basisbaan.parameters.seed import NORMS, SEED  # noqa: E402  (plain data, no Django)
from basisbaan.parameters.seed_income import INCOME  # noqa: E402
from bench.costs import git_commit, machine  # noqa: E402

TARGET_MS = 200.0


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--households", type=int, default=10_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=9)
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "income_check.json"))
    return parser.parse_args(argv)


def rules_for(year: int) -> IncomeRules:
    """The rules of ``year`` from the seed lists: each value in force on
    1 January, the assistance norms on the first of each month."""
    rows: dict[str, list[tuple[dt.date, Decimal]]] = defaultdict(list)
    for key, day, value, *_rest in [*SEED, *NORMS, *INCOME]:
        rows[key].append((day, value))

    def at(key: str, day: dt.date) -> Decimal:
        return max((row for row in rows[key] if row[0] <= day), key=lambda row: row[0])[1]

    return rules_from(year, at)


def minimum_wage(year: int) -> Decimal:
    """The hourly WML in force on 1 January of ``year``."""
    rows = [(day, value) for key, day, value, _source in SEED if key == "minimum_wage_hourly"]
    return max((row for row in rows if row[0] <= dt.date(year, 1, 1)), key=lambda row: row[0])[1]


@dataclasses.dataclass(frozen=True)
class Synthetic:
    households: list[Household]
    arrays: Households  # a column: one row per household
    wages: np.ndarray  # hourly, one per household


def synthetic(n: int, year: int, seed: int) -> Synthetic:
    rng = np.random.default_rng(seed)
    kinds = rng.choice([Kind.SINGLE, Kind.SINGLE_PARENT, Kind.COUPLE], size=n, p=[0.55, 0.20, 0.25])
    wml = float(minimum_wage(year))
    wages = np.round(wml * (1 + rng.uniform(0, 0.15, n)), 2)
    households = []
    for kind in kinds:
        children = {Kind.SINGLE: 0, Kind.SINGLE_PARENT: int(rng.integers(1, 4))}.get(
            Kind(kind), int(rng.integers(0, 4))
        )
        ages = tuple(int(a) for a in rng.integers(0, 20, children))
        rent = Decimal(int(rng.integers(350, 1051))) if rng.random() < 0.85 else Decimal(0)
        partner = (
            Decimal(int(rng.integers(5000, 25001)))
            if kind == Kind.COUPLE and rng.random() < 1 / 3
            else Decimal(0)
        )
        households.append(Household(Kind(kind), ages, rent, partner))
    parts = [h.arrays() for h in households]
    arrays = Households(
        *(np.array([getattr(p, f.name) for p in parts]) for f in dataclasses.fields(Households))
    ).column()
    return Synthetic(households, arrays, wages)


def check(
    rules: IncomeRules, data: Synthetic, on: Incomes, gains: np.ndarray, sample: np.ndarray
) -> int:
    """Households of the sample compared one by one: every curve point to the cent."""
    cent = Decimal("0.01")
    mismatches = 0
    for i in sample:
        c = compare(
            rules, data.households[i], Job(Decimal(24), Decimal(repr(float(data.wages[i]))))
        )
        on_month = Decimal(repr(round(float(on.total[i, 0]) / 12, 6))).quantize(cent, ROUND_HALF_UP)
        for point in c.curve:
            gain = Decimal(repr(round(float(gains[i, point.hours]) / 12, 6)))
            working = (on_month + gain).quantize(cent, ROUND_HALF_UP)
            if point.on_assistance != on_month or abs(point.working - working) > cent:
                mismatches += 1
                if mismatches <= 5:
                    print(f"  MISMATCH household {i}, {point.hours} h: {point} vs {working}")
    return mismatches


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load = os.getloadavg()[0]
    print(
        f"Does work pay: {args.households:,} households × {len(HOURS)} hour levels, "
        f"rules of {args.year}; {os.cpu_count()} CPUs, load average {load:.2f}."
    )
    if load > 0.5 * (os.cpu_count() or 1):
        print(f"Note: the machine is busy (load {load:.1f}); times will be higher.")
    rules = rules_for(args.year)
    started = time.perf_counter()
    data = synthetic(args.households, args.year, args.seed)
    print(f"  households made in {time.perf_counter() - started:.2f} s")
    gross = gross_year(rules, data.wages[:, None], np.array(HOURS, dtype=np.float64))

    def run() -> tuple[Incomes, Incomes, np.ndarray]:
        on = scenario(rules, data.arrays, 0.0)
        working = scenario(rules, data.arrays, gross)
        return on, working, working.total - on.total

    run()  # warm-up
    walls: list[float] = []
    cpus: list[float] = []
    for _ in range(max(args.repeat, 1)):
        wall, cpu = time.perf_counter(), time.process_time()
        on, working, gains = run()
        walls.append((time.perf_counter() - wall) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    best, median, cpu_median = min(walls), statistics.median(walls), statistics.median(cpus)

    rng = np.random.default_rng(args.seed + 1)
    sample = np.sort(
        rng.choice(args.households, size=min(args.sample, args.households), replace=False)
    )
    mismatches = check(rules, data, on, gains, sample)

    pays = gains > 0.005
    pays_at = {h: float(pays[:, h].mean()) for h in (12, 24, 32, 36, 40)}
    gain_36 = float(np.median(gains[:, 36]) / 12)
    print(
        f"  scenario on assistance + at 0-40 hours + gains: best {best:.1f} ms, "
        f"median {median:.1f} ms wall, median {cpu_median:.1f} ms CPU "
        f"({args.households * len(HOURS):,} household-hour levels)"
    )
    print(
        "  share of households better off working: "
        + ", ".join(f"{h} h {share:.0%}" for h, share in pays_at.items())
        + f"; median gain at 36 h EUR {gain_36:,.2f} a month"
    )
    print(
        f"  agreement with compare() on {len(sample)} households × {len(HOURS)} points: "
        + ("exact to the cent" if not mismatches else f"{mismatches} MISMATCHES")
    )
    verdict = "PASS" if median < TARGET_MS else "FAIL"
    print(f"  target median < {TARGET_MS:.0f} ms: {verdict}")

    report = {
        "benchmark": "income_check",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "load_average_start": round(load, 2),
        "households": args.households,
        "hour_levels": len(HOURS),
        "year": args.year,
        "milliseconds": {
            "best": round(best, 1),
            "median": round(median, 1),
            "cpu_median": round(cpu_median, 1),
            "runs": [round(w, 1) for w in walls],
        },
        "share_better_off": pays_at,
        "median_gain_36_hours_month": round(gain_36, 2),
        "sample": len(sample),
        "mismatches": mismatches,
        "target_ms": TARGET_MS,
        "result": verdict,
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Results: {out}")
    return 0 if verdict == "PASS" and not mismatches else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
