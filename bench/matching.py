"""Benchmark of matching: 1,000 waiting candidates ranked for each of 200 positions.

    .venv/bin/python -m bench.matching [--candidates 1000] [--positions 200] [--sample 20]

1. Makes synthetic profiles (no database) in the controlled vocabularies: hours,
   tracks, a location in a 30 x 30 km area and a travel range, competences,
   sectors, work types, support need, constraints and language level; half the
   profiles have gaps (unknown data), as in the field.
2. Times :func:`basisbaan.calc.matching.rank_all`: every pair scored in numpy,
   the hard filters applied, and every position's candidates ordered (best and
   median of ``--repeat`` runs), plus the reasons in words (as data) for the top
   10 of every position.
3. Times a straightforward per-pair Python loop (:func:`match_pair` for every
   candidate, filter, sort) on ``--sample`` positions, extrapolates to all
   positions and prints the ratio.
4. Checks that both give the same ranking for the sample positions.

Target (issue 6): ranking 1,000 candidates against 200 positions under 200 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from basisbaan.calc.matching import (  # noqa: E402
    Candidate,
    Opening,
    match_pair,
    rank_all,
)
from bench.costs import git_commit, machine, timed  # noqa: E402

TARGET_SECONDS = 0.2
COMPETENCES = [f"c{i}" for i in range(14)]
SECTORS = [f"s{i}" for i in range(10)]
WORK = [f"w{i}" for i in range(10)]
CONSTRAINTS = [f"k{i}" for i in range(9)]
TRACKS = ["transition", "social_value"]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--candidates", type=int, default=1000)
    parser.add_argument("--positions", type=int, default=200)
    parser.add_argument("--sample", type=int, default=20, help="positions for the Python loop")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "matching.json"))
    return parser.parse_args(argv)


def _some(rng: random.Random, codes: list[str], most: int) -> frozenset[str]:
    return frozenset(rng.sample(codes, rng.randint(0, most)))


def _maybe[T](rng: random.Random, value: T) -> T | None:
    """The value, or None (unknown) for one profile in four."""
    return None if rng.random() < 0.25 else value


def synthetic(candidates: int, positions: int, seed: int) -> tuple[list[Candidate], list[Opening]]:
    rng = random.Random(seed)
    people = [
        Candidate(
            id=i,
            hours_available=_maybe(rng, float(rng.choice([16, 20, 24, 28, 32, 36]))),
            tracks=_some(rng, TRACKS, 2),
            location=_maybe(rng, (rng.uniform(0, 30), rng.uniform(0, 30))),
            travel_km=_maybe(rng, float(rng.choice([3, 5, 8, 10, 15, 25]))),
            competences=_some(rng, COMPETENCES, 5),
            sectors=_some(rng, SECTORS, 2),
            interests=_some(rng, SECTORS, 3),
            preferred_work=_some(rng, WORK, 3),
            support_need=_maybe(rng, rng.randint(1, 3)),
            constraints=_some(rng, CONSTRAINTS, 2),
            language=_maybe(rng, rng.randint(1, 7)),
        )
        for i in range(candidates)
    ]
    places = [
        Opening(
            id=j,
            hours=float(rng.choice([16, 20, 24, 28, 32])),
            track=rng.choice(TRACKS),
            location=(rng.uniform(0, 30), rng.uniform(0, 30)),
            required_competences=_some(rng, COMPETENCES, 4),
            sector=rng.choice(SECTORS),
            work_types=_some(rng, WORK, 3),
            supervision=rng.randint(1, 3),
            accommodates=_some(rng, CONSTRAINTS, 4),
            language=rng.choice([None, 1, 2, 3, 4]),
        )
        for j in range(positions)
    ]
    return people, places


def loop_ranking(candidates: list[Candidate], opening: Opening) -> list[int]:
    """The straightforward way: explain every pair, keep the eligible, sort."""
    matches = [(match_pair(c, opening), i) for i, c in enumerate(candidates)]
    eligible = [(m.score, i) for m, i in matches if m.eligible]
    return [i for _score, i in sorted(eligible, key=lambda pair: (-pair[0], pair[1]))]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load = os.getloadavg()[0]
    print(
        f"Matching benchmark: {args.candidates:,} candidates × {args.positions:,} positions "
        f"= {args.candidates * args.positions:,} pairs; {os.cpu_count()} CPUs, load {load:.2f}."
    )
    if load > 0.5 * (os.cpu_count() or 1):
        print(f"Note: the machine is busy (load {load:.1f}); times will be higher.")
    people, places = synthetic(args.candidates, args.positions, args.seed)
    rank_all(people, places)  # warm-up
    walls, cpus, (order, counts, scores) = timed(lambda: rank_all(people, places), args.repeat)
    best, median = min(walls), statistics.median(walls)

    def explain_top() -> int:
        return sum(
            len(match_pair(people[int(i)], place).components)
            for j, place in enumerate(places)
            for i in order[j, : min(10, int(counts[j]))]
        )

    explain_walls, _cpu, _n = timed(explain_top, 3)

    sample = places[: min(args.sample, len(places))]
    wall, cpu = time.perf_counter(), time.process_time()
    expected = [loop_ranking(people, place) for place in sample]
    loop_wall, loop_cpu = time.perf_counter() - wall, time.process_time() - cpu
    loop_all = loop_wall / max(len(sample), 1) * len(places)
    mismatches = sum(
        1
        for j, ranking in enumerate(expected)
        if [int(i) for i in order[j, : int(counts[j])]] != ranking
    )

    print(
        f"  rank_all (numpy): best {best * 1000:.1f} ms, median {median * 1000:.1f} ms wall "
        f"({min(cpus) * 1000:.1f} ms CPU); {int(counts.sum()):,} pairs pass the hard filters, "
        f"mean score {float(scores.mean()):.1f}"
    )
    print(f"  reasons for the top 10 of every position: best {min(explain_walls) * 1000:.1f} ms")
    print(
        f"  per-pair Python loop: {len(sample)} positions in {loop_wall:.2f} s wall "
        f"({loop_cpu:.2f} s CPU); extrapolated to {len(places)} positions: {loop_all:.2f} s"
    )
    print(f"  ratio (Python loop / numpy, best): {loop_all / best:,.0f}×")
    print(
        f"  agreement on the {len(sample)} sample rankings: "
        + ("identical" if not mismatches else f"{mismatches} MISMATCHES")
    )
    verdict = "PASS" if best < TARGET_SECONDS else "FAIL"
    print(f"  target < {TARGET_SECONDS * 1000:.0f} ms: {verdict}")

    report = {
        "benchmark": "matching",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "load_average_start": round(load, 2),
        "candidates": args.candidates,
        "positions": args.positions,
        "rank_all_seconds": {"best": best, "median": median, "cpu": min(cpus)},
        "explain_top10_seconds": min(explain_walls),
        "python_loop": {
            "positions": len(sample),
            "seconds": loop_wall,
            "extrapolated_seconds": loop_all,
        },
        "ratio": loop_all / best if best else None,
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
