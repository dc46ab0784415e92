"""The regional comparison's suppression: across municipalities and the region at once."""

from __future__ import annotations

import random
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from basisbaan.calc import regional
from basisbaan.calc.regional import COUNTS, HELPERS, REGION, RELATIONS, Shared, compare


def _counts(started: int, transition: int, exited: int, working: int, **extra: int) -> dict:
    active = started - exited
    counts = {
        "started": started,
        "started_transition": transition,
        "started_social": started - transition,
        "active": active,
        "working": working,
        "between": active - working,
        "exited": exited,
        "exits_work": 0,
        "exits_other": exited,
        "ret12_eligible": 0,
        "ret12_retained": 0,
        "ret12_not": 0,
        "fu6_measured": 0,
        "fu6_working": 0,
        "fu6_not": 0,
        "placements_running": working,
        "cadence_kept": working,
        "cadence_overdue": 0,
    }
    counts.update(extra)
    return counts


def _shared(key, counts, *, cost=0, months=0, guidance=0, threshold=5) -> Shared:
    return Shared(
        key, counts, cost=cost, participant_months=months, guidance=guidance, threshold=threshold
    )


def _random_counts(rnd: random.Random, n: int) -> dict:
    transition = rnd.randint(0, n)
    exited = rnd.randint(0, n)
    active = n - exited
    working = rnd.randint(0, active)
    to_work = rnd.randint(0, exited)
    eligible = rnd.randint(0, n)
    retained = rnd.randint(0, eligible)
    measured = rnd.randint(0, exited)
    works = rnd.randint(0, measured)
    kept = rnd.randint(0, working)
    return {
        "started": n,
        "started_transition": transition,
        "started_social": n - transition,
        "active": active,
        "working": working,
        "between": active - working,
        "exited": exited,
        "exits_work": to_work,
        "exits_other": exited - to_work,
        "ret12_eligible": eligible,
        "ret12_retained": retained,
        "ret12_not": eligible - retained,
        "fu6_measured": measured,
        "fu6_working": works,
        "fu6_not": measured - works,
        "placements_running": working,
        "cadence_kept": kept,
        "cadence_overdue": working - kept,
    }


def _determined(items: list[Shared], comparison: regional.Comparison) -> list[tuple]:
    """Every small count a reader can recompute exactly from what is published and the
    relations (an independent check: null space of the constraint matrix restricted to
    the unknown cells)."""
    names = (*COUNTS, *HELPERS)
    keys = [*(i.key for i in items), REGION]
    rows = {i.key: r for i, r in zip(items, comparison.rows, strict=True)}
    rows[REGION] = comparison.total
    values = {(i.key, n): int(i.counts.get(n, 0)) for i in items for n in names}
    for n in names:
        values[REGION, n] = sum(values[i.key, n] for i in items)
    # Helper counts are never shown; a zero one a reader knows anyway (counts are
    # not negative, so "at work" equal to "active" says no one is between).
    unknown = [
        (k, n)
        for k in keys
        for n in names
        if (n in HELPERS and values[k, n] > 0)
        or (n not in HELPERS and rows[k].counts[n].value is None)
    ]
    index = {cell: j for j, cell in enumerate(unknown)}
    equations = [
        [((k, total), 1)] + [((k, p), -1) for p in parts]
        for k in keys
        for total, parts in RELATIONS
    ]
    equations += [[((REGION, n), 1)] + [((i.key, n), -1) for i in items] for n in names]
    matrix = np.zeros((len(equations), len(unknown)))
    for r, equation in enumerate(equations):
        for cell, sign in equation:
            if cell in index:
                matrix[r, index[cell]] += sign
    if not unknown:
        return []
    _u, s, vt = np.linalg.svd(matrix)
    rank = int((s > 1e-9).sum())
    null = vt[rank:].T  # columns span the null space
    threshold = comparison.threshold
    return [
        cell
        for cell, j in index.items()
        if 0 < values[cell] < threshold and (null.shape[1] == 0 or np.abs(null[j]).max() < 1e-9)
    ]


def test_a_small_municipality_is_not_recomputable_from_the_region():
    items = [_shared("A", _counts(16, 9, 2, 14)), _shared("B", _counts(3, 3, 0, 3))]

    result = compare(items, threshold=5)

    a, b = result.rows
    # B's 3 is small; the region's 19 goes too, or 19 - 16 would give it away (the
    # region's total goes before a municipality's figure).
    assert (b.counts["started"].value, b.counts["started"].mark) == (None, "primary")
    assert (a.counts["started"].value, a.counts["started"].mark) == (16, "published")
    assert result.total.counts["started"].mark == "secondary"
    assert _determined(items, result) == []


def test_the_strictest_threshold_applies():
    items = [
        _shared("A", _counts(30, 15, 0, 30), threshold=5),
        _shared("B", _counts(40, 20, 0, 40), threshold=10),
    ]

    assert compare(items, threshold=5).threshold == 10
    assert compare(items, threshold=12).threshold == 12


def test_rates_and_amounts_per_participant_year():
    counts = _counts(
        20,
        10,
        10,
        10,
        exits_work=5,
        exits_other=5,
        ret12_eligible=20,
        ret12_retained=15,
        ret12_not=5,
        fu6_measured=6,
        fu6_working=5,
        fu6_not=1,
    )
    # 1,234,567.89 euro over 150 months; 2,000.25 hours.
    items = [_shared("A", counts, cost=123_456_789, months=150, guidance=200_025)]

    row = compare(items, threshold=5).rows[0]

    assert row.rates["retention12"].value == Decimal("75.0")
    assert row.rates["exits_work_share"].value == Decimal("50.0")
    # 5 of 6: but 1 not working is small, so the pair is protected.
    assert row.rates["durable6"].value is None
    assert row.cost_per_year.value == 9_876_543  # 123,456,789 x 12 / 150 = 9,876,543.12
    assert row.hours_per_year.value == Decimal("160.0")  # 2000.25 x 12 / 150 = 160.02


def test_one_small_amount_hides_the_regions_amount():
    big = _counts(50, 25, 0, 50)
    items = [
        _shared("A", big, cost=50_000_000, months=500),
        _shared("B", big, cost=40_000_000, months=400),
        _shared("C", _counts(3, 3, 0, 3), cost=9_000_000, months=30),
    ]

    result = compare(items, threshold=5)

    # A's count is hidden to protect C's, but its amount per participant-year says
    # nothing of a count; C's (3 people) is kept, and so is the region's, from which
    # with A's and B's it could be approached.
    assert [r.cost_per_year.value for r in result.rows] == [1_200_000, 1_200_000, None]
    assert [r.cost_per_year.mark for r in result.rows][2] == "primary"
    assert result.total.cost_per_year.value is None
    assert result.total.hours_per_year.value is None


def test_one_municipality_is_the_region():
    items = [_shared("A", _counts(16, 9, 2, 14))]

    result = compare(items, threshold=5)

    row = result.rows[0]
    # 2 exited is small; active (14) goes with it, and so does "at work": no one is
    # between placements, so it is the same 14 people. Started stays.
    assert row.counts["started"].value == 16
    assert (row.counts["exited"].mark, row.counts["active"].mark) == ("primary", "secondary")
    assert row.counts["working"].mark == "secondary"
    assert {k: c.mark for k, c in result.total.counts.items()} == {
        k: c.mark for k, c in row.counts.items()
    }


def test_two_hidden_amounts_leave_the_regions_amount():
    small = _counts(3, 3, 0, 3)
    items = [
        _shared("A", _counts(50, 25, 0, 50), cost=60_000_000, months=600),
        _shared("B", small, cost=3_000_000, months=30),
        _shared("C", small, cost=3_000_000, months=30),
    ]

    result = compare(items, threshold=5)

    # (60,000,000 + 6,000,000) x 12 / 660 = 1,200,000 cents
    assert result.total.cost_per_year.value == 1_200_000


def test_no_municipality_no_rows():
    result = compare([], threshold=5)
    assert result.rows == []
    assert result.total.counts["started"].value == 0


def test_inconsistent_input_is_refused():
    broken = _counts(10, 5, 0, 10)
    broken["active"] = 9
    with pytest.raises(ValueError, match="started != active"):
        compare([_shared("A", broken)], threshold=5)
    with pytest.raises(ValueError, match="distinct"):
        compare([_shared("A", _counts(5, 5, 0, 5))] * 2, threshold=5)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    sizes=st.lists(st.sampled_from([1, 2, 3, 4, 6, 9, 16, 40, 250]), min_size=1, max_size=6),
    threshold=st.sampled_from([3, 5, 10]),
)
def test_no_suppressed_count_is_derivable(seed, sizes, threshold):
    rnd = random.Random(seed)
    items = [_shared(f"M{i}", _random_counts(rnd, n)) for i, n in enumerate(sizes)]

    result = compare(items, threshold=threshold)

    assert _determined(items, result) == []
    for item, row in zip(items, result.rows, strict=True):
        for name in COUNTS:
            cell = row.counts[name]
            if cell.value is not None:
                assert cell.value == item.counts[name]
                assert not 0 < cell.value < result.threshold
