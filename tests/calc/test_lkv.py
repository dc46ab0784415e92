"""The wage-cost advantage (LKV) by hand: paid hours by the 52/12 rule pro rata per
calendar day, the yearly maximum, the maximum duration, the regimes of 2024-2026
with their transitional law, and the conditions the data shows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from basisbaan.calc.dated import DatedSeries
from basisbaan.calc.lkv import (
    HOUR_UNITS,
    Claim,
    LkvReason,
    LkvTable,
    Span,
    entitlement_days,
    lkv_cents,
    lkv_years,
    yearly_units,
)
from basisbaan.parameters.seed_lkv import LKV

D = dt.date
PREFIX = {
    "banenafspraak": "banenafspraak",
    "scholingsbelemmerd": "scholing",
    "older": "older",
    "disabled": "disabled",
    "replaced": "replaced",
}


def _tables() -> dict[str, LkvTable]:
    rows: dict[str, list[tuple[dt.date, Decimal, str]]] = {}
    for row in LKV:
        rows.setdefault(row.key, []).append((row.effective_date, row.value, row.source))

    def series(key: str) -> DatedSeries | None:
        return DatedSeries.of(key, rows[key]) if key in rows else None

    tables = {}
    for kind, prefix in PREFIX.items():
        hourly, maximum, months = (series(f"lkv_{prefix}_{n}") for n in ("hourly", "max", "months"))
        assert hourly and maximum and months
        tables[kind] = LkvTable(
            hourly,
            maximum,
            months,
            series(f"lkv_{prefix}_trans_hourly"),
            series(f"lkv_{prefix}_trans_max"),
            series(f"lkv_{prefix}_no_limit"),
        )
    return tables


TABLES = _tables()


FIRST = D(2024, 1, 1)


def claim(kind: str = "banenafspraak", start: dt.date = FIRST, **kw) -> Claim:
    defaults = {
        "end": None,
        "employment_start": None,
        "has_declaration": True,
        "needs_declaration": kind != "banenafspraak",
        "older": kind == "older",
    }
    return Claim(kind=kind, start=start, **{**defaults, **kw})


def years_of(c: Claim, spans: list[Span], years: range) -> dict[int, tuple[Fraction, str, object]]:
    [lines] = lkv_years([c], [spans], TABLES, years)
    return {line.year: (line.hours, f"{line.amount / 100:.2f}", line.reason) for line in lines}


def test_a_full_year_at_32_hours_is_1664_hours_below_the_cap():
    """32 × 52/12 = 138 2/3 hours a month; a year 1,664 h × 2.00 = 3,328.00 < 4,000."""
    out = years_of(claim(), [Span(D(2025, 1, 1), D(2025, 12, 31), 320)], range(2025, 2026))
    assert out == {2025: (Fraction(1664), "3328.00", None)}


def test_a_full_year_at_40_hours_is_capped():
    """2,080 h × 2.00 = 4,160.00, capped at 4,000.00."""
    [[line]] = lkv_years(
        [claim()], [[Span(D(2025, 1, 1), D(2025, 12, 31), 400)]], TABLES, range(2025, 2026)
    )
    assert (line.hours, line.amount, line.capped) == (Fraction(2080), 400_000, True)


def test_an_entitlement_from_15_march_counts_17_of_31_days_of_march():
    """138 2/3 × (9 + 17/31) = 123,136/93 h = 1,324.04 h × 2.00 = 2,648.086 -> 2,648.09."""
    out = years_of(
        claim(start=D(2024, 3, 15)), [Span(D(2024, 1, 1), D(2024, 12, 31), 320)], range(2024, 2025)
    )
    assert out == {2024: (Fraction(123_136, 93), "2648.09", None)}


def test_the_duration_ends_three_years_after_the_employment_start():
    """Employment from 15 March 2024: the last day is 14 March 2027, so 2027 counts
    January, February and 14 of 31 days of March: 138 2/3 × (2 + 14/31) = 31,616/93 h."""
    c = claim(start=D(2024, 3, 15), employment_start=D(2024, 3, 15))
    assert entitlement_days(c, TABLES["banenafspraak"]) == (D(2024, 3, 15), D(2027, 3, 14))
    out = years_of(c, [Span(D(2024, 3, 15), D(2028, 12, 31), 320)], range(2024, 2029))
    assert list(out) == [2024, 2025, 2026, 2027]
    assert out[2027] == (Fraction(31_616, 93), "679.91", None)


def test_banenafspraak_2026_new_regime_against_transitional_law():
    """Begun in 2026: 1.01 an hour, at most 2,000, no end; begun in 2025: 2.00 / 4,000."""
    spans = [Span(D(2025, 1, 1), D(2030, 12, 31), 320)]
    new = years_of(claim(start=D(2026, 1, 1)), spans, range(2026, 2031))
    assert new == {year: (Fraction(1664), "1680.64", None) for year in range(2026, 2031)}
    [lines] = lkv_years([claim(start=D(2025, 1, 1))], [spans], TABLES, range(2025, 2029))
    assert [(line.year, line.amount, line.rates and line.rates.transitional) for line in lines] == [
        (2025, 332_800, False),
        (2026, 332_800, True),
        (2027, 332_800, True),
    ]


def test_banenafspraak_2026_at_40_hours_is_capped_at_2000():
    out = years_of(
        claim(start=D(2026, 1, 1)), [Span(D(2026, 1, 1), D(2026, 12, 31), 400)], range(2026, 2027)
    )
    assert out == {2026: (Fraction(2080), "2000.00", None)}


def test_scholingsbelemmerden_abolished_for_employment_begun_in_2026():
    spans = [Span(D(2025, 1, 1), D(2026, 12, 31), 320)]
    new = years_of(claim("scholingsbelemmerd", D(2026, 1, 1)), spans, range(2026, 2027))
    assert new == {2026: (Fraction(1664), "0.00", LkvReason.ABOLISHED)}
    old = years_of(claim("scholingsbelemmerd", D(2025, 7, 1)), spans, range(2026, 2027))
    assert old == {2026: (Fraction(1664), "3328.00", None)}


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        # Before 2024: 3.05 / 6,000 in every year (1,664 × 3.05 = 5,075.20).
        (D(2023, 1, 1), {2024: "5075.20", 2025: "5075.20"}),
        # Begun in 2024: 3.05 in 2024, 1.35 in 2025 (1,664 × 1.35 = 2,246.40), nothing in 2026.
        (D(2024, 1, 1), {2024: "5075.20", 2025: "2246.40", 2026: "0.00"}),
        # Begun in 2025: 1.35 in 2025, nothing in 2026.
        (D(2025, 1, 1), {2025: "2246.40", 2026: "0.00"}),
    ],
)
def test_older_worker_phase_out(start, expected):
    born = D(1960, 1, 1)
    c = claim("older", start, birth_date=born)
    out = years_of(c, [Span(D(2023, 1, 1), D(2026, 12, 31), 320)], range(2024, 2027))
    assert {year: amount for year, (_hours, amount, _reason) in out.items()} == expected


def test_older_worker_2025_cap_is_2600():
    out = years_of(
        claim("older", D(2025, 1, 1), birth_date=D(1960, 1, 1)),
        [Span(D(2025, 1, 1), D(2025, 12, 31), 400)],
        range(2025, 2026),
    )
    assert out == {2025: (Fraction(2080), "2600.00", None)}  # 2,080 × 1.35 = 2,808 > 2,600


def test_the_conditions_the_data_shows():
    spans = [Span(D(2025, 1, 1), D(2025, 12, 31), 320)]
    no_declaration = claim("disabled", D(2025, 1, 1), has_declaration=False)
    assert years_of(no_declaration, spans, range(2025, 2026))[2025][2] == LkvReason.NO_DECLARATION
    young = claim("older", D(2025, 1, 1), birth_date=D(1970, 1, 1))  # 55 on 1-1-2025
    assert years_of(young, spans, range(2025, 2026))[2025][2] == LkvReason.TOO_YOUNG
    turned_56 = claim("older", D(2025, 1, 1), birth_date=D(1969, 1, 1))
    assert years_of(turned_56, spans, range(2025, 2026))[2025][2] is None
    before_law = claim("disabled", D(2017, 1, 1))
    assert years_of(before_law, [], range(2017, 2018))[2017][2] == LkvReason.NO_AMOUNT
    no_hours = claim("disabled", D(2025, 1, 1))
    assert years_of(no_hours, [], range(2025, 2026))[2025] == (0, "0.00", LkvReason.NO_HOURS)


def test_replaced_worker_gets_one_year():
    c = claim("replaced", D(2025, 4, 1))
    assert entitlement_days(c, TABLES["replaced"]) == (D(2025, 4, 1), D(2026, 3, 31))


def test_overlapping_periods_add_up_and_an_end_date_stops_the_entitlement():
    """Two periods of 16 h in January 2025, entitlement until 15 January:
    32 × 52/12 × 15/31 = 6,240/93 hours."""
    out = years_of(
        claim(start=D(2025, 1, 1), end=D(2025, 1, 15)),
        [Span(D(2025, 1, 1), D(2025, 1, 31), 160), Span(D(2025, 1, 1), D(2025, 1, 31), 160)],
        range(2025, 2026),
    )
    assert out[2025][0] == Fraction(6_240, 93)


def test_yearly_units_group_by_entitlement_and_year():
    group, year, units = yearly_units(
        np.array([0, 1]),
        [D(2024, 12, 1), D(2025, 1, 1)],
        [D(2025, 1, 31), D(2025, 1, 31)],
        np.array([320, 320]),
    )
    assert group.tolist() == [0, 0, 1]
    assert year.tolist() == [2024, 2025, 2025]
    assert [Fraction(u, HOUR_UNITS) for u in units.tolist()] == [Fraction(416, 3)] * 3


@given(
    hours=st.lists(st.integers(0, 400), min_size=2, max_size=2),
    hourly=st.integers(0, 500),
    cap=st.integers(0, 1_000_000),
    days=st.integers(1, 365),
)
def test_monotone_in_hours_and_never_above_the_cap(hours, hourly, cap, days):
    low, high = sorted(hours)
    start = D(2025, 1, 1)
    end = start + dt.timedelta(days=days - 1)
    _g, _y, units = yearly_units(
        np.array([0, 1]), [start, start], [end, end], np.array([low, high])
    )
    amounts = lkv_cents(units, hourly, cap).tolist()
    assert amounts[0] <= amounts[1] <= cap
    assert amounts[0] >= 0
