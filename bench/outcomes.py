"""Benchmark of the outcome figures: counting and small-number suppression.

    .venv/bin/python -m bench.outcomes [--spells 100000] [--years 5]

Makes synthetic spells (no database): starts spread over ``--years`` years from
2022, 30 % exited after 6-48 months with a random reason, one placement per
spell, five follow-up measurements per exit in a mix of statuses. Times
:func:`basisbaan.calc.outcomes.build_cube` and
:func:`basisbaan.calc.suppression.suppress` on it (best of three), and on a
small programme (16 and 40 spells, where most numbers are small and the
suppression does most work). Target: 100,000 spells with 5 years of history
well under 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from basisbaan.calc.outcomes import NO_END, FollowUps, Spells, Stints, build_cube  # noqa: E402
from basisbaan.calc.suppression import suppress  # noqa: E402

AS_OF = dt.date(2026, 12, 4)


def synthetic(n: int, years: int, seed: int = 13) -> tuple[Spells, Stints, FollowUps]:
    rng = random.Random(seed)
    base = dt.date(2022, 1, 1).toordinal()
    start = np.array([base + rng.randint(0, 365 * years - 200) for _ in range(n)], dtype=np.int64)
    end = np.array(
        [s + rng.randint(180, 1460) if rng.random() < 0.3 else NO_END for s in start],
        dtype=np.int64,
    )
    end = np.where(end > AS_OF.toordinal(), NO_END, end)
    track = np.array([rng.randint(0, 1) for _ in range(n)], dtype=np.int64)
    reason = np.where(end != NO_END, np.array([rng.randint(0, 8) for _ in range(n)]), -1)
    spells = Spells(start, end, track, reason.astype(np.int64), np.full(n, 320, dtype=np.int64))
    stints = Stints(np.arange(n, dtype=np.int64), start, end)
    columns: list[list[int]] = [[], [], [], [], [], []]
    for i in np.flatnonzero(end != NO_END).tolist():
        for months in (1, 3, 6, 12, 18):
            row = [i, months, rng.choice([0, 1, 1, 1, 2]), rng.randint(0, 1), rng.randint(0, 2)]
            columns_row = [*row, int(end[i]) + months * 30]
            for column, value in zip(columns, columns_row, strict=True):
                column.append(value)
    follow_ups = FollowUps(*(np.array(c, dtype=np.int64) for c in columns))
    return spells, stints, follow_ups


def timed(n: int, years: int) -> dict[str, float | int]:
    data = synthetic(n, years)
    best_count = best_suppress = float("inf")
    cells = suppressed = 0
    for _ in range(3):
        t0 = time.perf_counter()
        cube = build_cube(*data, as_of=AS_OF, first_year=2022, reasons=9)
        t1 = time.perf_counter()
        values, constraints, hidden = cube.system()
        marks = suppress(values, constraints, threshold=5, hidden=hidden)
        t2 = time.perf_counter()
        best_count, best_suppress = min(best_count, t1 - t0), min(best_suppress, t2 - t1)
        cells, suppressed = len(values), sum(1 for m in marks.values() if m != "published")
    return {
        "spells": n,
        "cells": cells,
        "suppressed": suppressed,
        "count_ms": round(best_count * 1000, 1),
        "suppress_ms": round(best_suppress * 1000, 1),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spells", type=int, default=100_000, help="spells of the large case")
    parser.add_argument("--years", type=int, default=5, help="years of history")
    args = parser.parse_args(argv)
    results = [timed(16, 2), timed(40, 2), timed(args.spells, args.years)]
    for r in results:
        print(
            f"outcomes: {r['spells']:>7} spells, {r['cells']} cells ({r['suppressed']} hidden): "
            f"counting {r['count_ms']} ms, suppression {r['suppress_ms']} ms"
        )
    large = results[-1]
    total = float(large["count_ms"]) + float(large["suppress_ms"])
    print(f"outcomes: {args.spells} spells in {total:.0f} ms (target: under 1000 ms)")
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "outcomes.json").write_text(json.dumps(results, indent=2))
    return 0 if total < 1000 else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
