"""Co-occurrence of codes: overlapping coding pairs and shared transcripts."""

from __future__ import annotations

import random
import time
from itertools import combinations

from basisbaan.calc.cooccurrence import Cooccurrence, cooccurrence, pair


def test_overlaps_and_shared_transcripts_by_hand() -> None:
    """Transcript 1: A[0,10) B[5,15) C[10,20) A[12,14).
    Overlaps: A-B (0-10 with 5-15), B-C (5-15 with 10-20), B-A (5-15 with 12-14),
    C-A (10-20 with 12-14); A[0,10) and C[10,20) only touch. So A-B 2, B-C 1, A-C 1.
    Transcript 2: A[0,5) C[20,30): no overlap, but both occur."""
    a, b, c = 1, 2, 3
    result = cooccurrence(
        [
            (1, a, 0, 10),
            (1, b, 5, 15),
            (1, c, 10, 20),
            (1, a, 12, 14),
            (2, a, 0, 5),
            (2, c, 20, 30),
        ]
    )
    assert result.overlaps == {(1, 2): 2, (2, 3): 1, (1, 3): 1}
    assert result.transcripts == {(1, 2): 1, (1, 3): 2, (2, 3): 1}
    assert result.overlaps_of(c, a) == 1
    assert result.transcripts_of(3, 2) == 1


def test_same_code_overlaps_and_other_transcripts_do_not_count() -> None:
    result = cooccurrence([(1, 5, 0, 10), (1, 5, 2, 8), (2, 6, 0, 10)])
    assert result == Cooccurrence({}, {})


def test_nested_and_identical_spans_overlap() -> None:
    result = cooccurrence([(1, 1, 0, 100), (1, 2, 10, 20), (1, 3, 10, 20), (1, 2, 90, 100)])
    assert result.overlaps == {(1, 2): 2, (1, 3): 1, (2, 3): 1}


def test_empty_input() -> None:
    assert cooccurrence([]) == Cooccurrence({}, {})


def _brute(codings: list[tuple[int, int, int, int]]) -> Cooccurrence:
    overlaps: dict[tuple[int, int], int] = {}
    for x, y in combinations(codings, 2):
        if x[0] == y[0] and x[1] != y[1] and x[2] < y[3] and y[2] < x[3]:
            key = pair(x[1], y[1])
            overlaps[key] = overlaps.get(key, 0) + 1
    transcripts: dict[tuple[int, int], int] = {}
    for t in {c[0] for c in codings}:
        for key in combinations(sorted({c[1] for c in codings if c[0] == t}), 2):
            transcripts[key] = transcripts.get(key, 0) + 1
    return Cooccurrence(overlaps, transcripts)


def test_the_sweep_agrees_with_comparing_every_pair() -> None:
    rng = random.Random(15)
    for _round in range(30):
        codings = []
        for _ in range(rng.randint(0, 40)):
            start = rng.randint(0, 200)
            codings.append(
                (rng.randint(1, 3), rng.randint(1, 6), start, start + rng.randint(1, 40))
            )
        assert cooccurrence(codings) == _brute(codings)


def test_five_thousand_codings_are_fast() -> None:
    rng = random.Random(5)
    codings = []
    for _ in range(5000):
        start = rng.randint(0, 12_000)
        codings.append(
            (rng.randint(1, 50), rng.randint(1, 60), start, start + rng.randint(20, 400))
        )
    started = time.perf_counter()
    result = cooccurrence(codings)
    assert time.perf_counter() - started < 1.0
    assert sum(result.overlaps.values()) > 0
