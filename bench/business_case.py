"""Benchmark of the business-case model: 100,000 participants × 60 months, beside a row loop.

    .venv/bin/python -m bench.business_case [--participants 100000] [--months 60] [--sample 2000]

1. Makes synthetic participant-month rows (no database) from January 2025: 30 %
   on the eindbaan track (in the basisbaan all the time), the others in the
   basisbaan for 12-48 months and then in work (40 %) or not (60 %); single,
   single-parent and couple households with the bijstand norms of 2025 (later
   half-years keep the July 2025 norm: bench data, not a forecast); 90 % on
   assistance before the start; partial assistance in some months, its amount
   unknown in half of them; payroll, fees, LKS for 6 in 16, guidance hours; and
   research and other overheads every year.
2. Times :func:`basisbaan.calc.business_case.compute` on all rows (best and
   median of ``--repeat`` runs, wall and CPU time) and a 3 × 3 sensitivity table.
3. Computes the same business case for ``--sample`` participants with a plain
   per-row Python loop in Fractions (the formulas of the module docstring,
   without overheads), extrapolates its time to all rows, and checks that both
   agree to the cent on every participant and on the total line.

Prints the figures and writes them to var/bench/business_case.json. Target:
6 million rows well under 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from dataclasses import fields
from fractions import Fraction
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from basisbaan.calc.business_case import (  # noqa: E402
    Assistance,
    Assumptions,
    CaseRows,
    Overheads,
    State,
    compute,
    sensitivity,
)
from basisbaan.calc.fixed import PPM  # noqa: E402
from bench.costs import git_commit, machine, timed  # noqa: E402

TARGET_SECONDS = 1.0
FIRST_YEAR = 2025
NORMS = {"single": (134_545, 136_906), "couple": (192_207, 195_580)}  # Jan / Jul 2025
ASSUMPTIONS = Assumptions(
    guidance_rate=7_500,
    execution_cost_year=288_300,
    deadweight_ppm=(100_000, 0),
    partial_share_ppm=300_000,
    lks_is_programme_income=True,
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--sample", type=int, default=2_000, help="participants for the loop")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "business_case.json"))
    return parser.parse_args(argv)


def synthetic_rows(participants: int, months: int, seed: int) -> CaseRows:
    """Rows for ``participants`` × ``months``, in participant and month order."""
    rng = np.random.default_rng(seed)
    n = participants * months
    participant = np.repeat(np.arange(participants, dtype=np.int64), months)
    offset = np.tile(np.arange(months, dtype=np.int64), participants)

    def each(values: np.ndarray) -> np.ndarray:
        return values[participant]

    eindbaan_each = rng.random(participants) < 0.3
    eindbaan = each(eindbaan_each)
    exit_after = each(np.where(eindbaan_each, months, rng.integers(12, 49, participants)))
    to_work = each(rng.random(participants) < 0.4)
    state = np.where(
        offset < exit_after, State.IN_BASISBAAN, np.where(to_work, State.WORK_AFTER, 2)
    ).astype(np.int64)
    inside = state == State.IN_BASISBAAN
    couple = each(rng.random(participants) < 0.15)
    second_half = (offset >= 6).astype(np.int64)  # from July 2025 on
    single = np.array(NORMS["single"], dtype=np.int64)[second_half]
    norm = np.where(couple, np.array(NORMS["couple"], dtype=np.int64)[second_half], single)

    draw = rng.random(n)
    partial_share = np.where(inside, 0.08, 0.25)
    assistance = np.where(draw < partial_share, Assistance.PARTIAL, Assistance.NONE)
    assistance = np.where(~inside & (draw > 0.95), Assistance.FULL, assistance)
    known = rng.random(n) < 0.5
    partial_amount = np.where(known, rng.integers(10_000, 60_000, n), -1)

    payroll = each(rng.integers(200_000, 320_001, participants))
    lks_share = each(np.where(rng.random(participants) < 6 / 16, 400_000, 0))
    return CaseRows(
        participant=participant,
        month=FIRST_YEAR * 12 + offset,
        track=eindbaan.astype(np.int64),
        state=state,
        payroll=np.where(inside, payroll, 0),
        fees=np.where(inside, 2_500, 0),
        lks=np.where(inside, payroll * lks_share // PPM, 0),
        guidance_hours=np.where(inside, rng.integers(800, 2_501, n), rng.integers(0, 301, n)),
        norm=norm,
        assistance=assistance.astype(np.int64),
        partial_amount=partial_amount.astype(np.int64),
        was_on_assistance=each(rng.random(participants) < 0.9).astype(np.int64),
    )


def half_up(value: Fraction) -> int:
    """Round a non-negative Fraction half up to an int."""
    return int(value + Fraction(1, 2))


def loop_business_case(rows: CaseRows, a: Assumptions) -> tuple[dict[int, list[int]], list[int]]:
    """Per participant [cost, savings_net], and [gross cost, savings gross, savings net]."""
    per: dict[int, list[int]] = {}
    total = [0, 0, 0]
    execution_month = half_up(Fraction(a.execution_cost_year, 12))
    for i in range(len(rows.participant)):
        p, track, state = int(rows.participant[i]), int(rows.track[i]), int(rows.state[i])
        hours, norm = int(rows.guidance_hours[i]), int(rows.norm[i])
        guidance = half_up(Fraction(hours * a.guidance_factor_ppm * a.guidance_rate, 100 * PPM))
        cost = int(rows.payroll[i]) + int(rows.fees[i]) + guidance
        saved_gross = saved_net = 0
        if rows.was_on_assistance[i] == 1 and state != State.OTHER_AFTER:
            kind, amount = int(rows.assistance[i]), int(rows.partial_amount[i])
            if kind == Assistance.NONE:
                still = 0
            elif kind == Assistance.FULL:
                still = norm
            else:
                still = (
                    amount if amount >= 0 else half_up(Fraction(norm * a.partial_share_ppm, PPM))
                )
            parts = [max(norm - still, 0)] + ([execution_month] if kind == Assistance.NONE else [])
            keep = Fraction(PPM - a.deadweight_ppm[track], PPM)
            saved_gross = sum(parts)
            saved_net = sum(half_up(part * keep) for part in parts)
        entry = per.setdefault(p, [0, 0])
        entry[0] += cost
        entry[1] += saved_net
        total[0] += cost
        total[1] += saved_gross
        total[2] += saved_net
    return per, total


def sample_rows(rows: CaseRows, participants: int) -> CaseRows:
    keep = rows.participant < participants
    return CaseRows(**{f.name: getattr(rows, f.name)[keep] for f in fields(CaseRows)})


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load = os.getloadavg()[0]
    print(
        f"Business-case benchmark: {args.participants:,} participants × {args.months} months; "
        f"{os.cpu_count()} CPUs, load average {load:.2f}."
    )
    start = time.perf_counter()
    rows = synthetic_rows(args.participants, args.months, args.seed)
    n = len(rows.participant)
    print(f"  input rows: {n:,} (made in {time.perf_counter() - start:.2f} s)")
    years = range(FIRST_YEAR, FIRST_YEAR + (args.months + 11) // 12)
    overheads = Overheads(
        research={y: 5_000_000 for y in years}, other={y: 2_000_000 for y in years}
    )
    compute(rows, ASSUMPTIONS, overheads)  # warm-up
    walls, cpus, result = timed(lambda: compute(rows, ASSUMPTIONS, overheads), args.repeat)
    grid = ([0, 100_000, 500_000], [500_000, PPM, 1_500_000])
    sens_walls, _, table = timed(
        lambda: sensitivity(rows, ASSUMPTIONS, overheads, *grid), max(args.repeat // 2, 1)
    )

    sample = sample_rows(rows, min(args.sample, args.participants))
    loop_start = time.perf_counter()
    expected, expected_total = loop_business_case(sample, ASSUMPTIONS)
    loop_wall = time.perf_counter() - loop_start
    loop_all = loop_wall / max(len(sample.participant), 1) * n
    got = compute(sample, ASSUMPTIONS, Overheads(research={}, other={}))
    mismatches = sum(
        [int(got.participants.cost[p]), int(got.participants.savings_net[p])] != values
        for p, values in expected.items()
    )
    line = got.total
    got_total = [
        line.gross_cost,
        line.assistance_saved_gross + line.execution_saved_gross,
        line.assistance_saved_net + line.execution_saved_net,
    ]
    mismatches += got_total != expected_total

    best, median = min(walls), statistics.median(walls)
    print(
        f"  compute: best {best * 1000:.0f} ms, median {median * 1000:.0f} ms wall "
        f"({min(cpus) * 1000:.0f} ms CPU) for {n:,} rows"
    )
    print(f"  sensitivity 3 × 3: best {min(sens_walls) * 1000:.0f} ms")
    print(
        f"  per-row Fraction loop: {len(sample.participant):,} rows in {loop_wall:.2f} s; "
        f"extrapolated to {n:,} rows: {loop_all:.0f} s; ratio {loop_all / best:,.0f}×"
    )
    print(
        f"  agreement on {len(expected):,} participants and the total: "
        + ("exact" if not mismatches else f"{mismatches} MISMATCHES")
    )
    total = result.total
    print(
        f"  all rows: gross cost EUR {total.gross_cost / 100:,.2f}, net cost EUR "
        f"{total.net_cost / 100:,.2f}, per participant-year EUR "
        f"{(result.net_cost_per_participant_year or 0) / 100:,.2f}, payback "
        f"{float(result.payback_years) if result.payback_years is not None else '-'} years"
    )
    verdict = "PASS" if best < TARGET_SECONDS else "FAIL"
    print(f"  target < {TARGET_SECONDS:g} s for all rows: {verdict}")
    report = {
        "benchmark": "business_case",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "load_average_start": round(load, 2),
        "rows": n,
        "compute_seconds": {"best": best, "median": median, "cpu": min(cpus)},
        "sensitivity_3x3_seconds": min(sens_walls),
        "sensitivity": {f"{dw}/{gf}": v for (dw, gf), v in table.items()},
        "loop": {"rows": len(sample.participant), "seconds": loop_wall, "all": loop_all},
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
