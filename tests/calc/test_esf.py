"""ESF+ indicator rules and the cost claim, by hand-computed cases."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.calc.esf import (
    EsfPerson,
    EventKind,
    HoursRow,
    RateRow,
    age_indicator,
    claim,
    indicator_totals,
    indicators_of,
    result_on_leaving,
    result_window_closed,
    status_indicators,
)

D = dt.date
LEFT = D(2025, 6, 30)


def person(**kwargs: object) -> EsfPerson:
    base: dict[str, object] = {
        "gender": "woman",
        "birth_date": D(1990, 5, 1),
        "entry_date": D(2025, 1, 6),
        "status": "unemployed",
        "education": "isced_0_2",
    }
    base.update(kwargs)
    return EsfPerson(**base)  # type: ignore[arg-type]


# -- labour-market status --------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "codes"),
    [
        ("unemployed", {"EECO01"}),
        ("long_term_unemployed", {"EECO01", "EECO02"}),
        ("inactive", {"EECO03"}),
        ("employed", {"EECO04"}),
        ("", set()),
        (None, set()),
    ],
)
def test_status_indicators(status: str | None, codes: set[str]) -> None:
    assert status_indicators(status) == codes


def test_status_codes_are_mutually_exclusive_and_total_is_their_sum() -> None:
    people = [
        person(status="unemployed"),
        person(status="long_term_unemployed"),
        person(status="inactive"),
        person(status="employed", gender="man"),
        person(status="inactive", gender="non_binary"),
    ]
    for p in people:
        main = indicators_of(p) & {"EECO01", "EECO03", "EECO04"}
        assert len(main) == 1
    totals = indicator_totals(people)
    assert totals["EECO11"]["total"] == 5
    assert totals["EECO01"]["total"] + totals["EECO03"]["total"] + totals["EECO04"]["total"] == 5
    assert totals["EECO02"]["total"] == 1
    assert totals["EECO03"] == {"woman": 1, "man": 0, "non_binary": 1, "unknown": 0, "total": 2}
    assert totals["EECO04"] == {"woman": 0, "man": 1, "non_binary": 0, "unknown": 0, "total": 1}


# -- age on the entry date -------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "entry", "code"),
    [
        (D(2007, 3, 10), D(2025, 3, 9), "EECO05"),  # 17, turns 18 the next day
        (D(2007, 3, 10), D(2025, 3, 10), "EECO06"),  # 18 on the entry date itself
        (D(1995, 3, 10), D(2025, 3, 9), "EECO06"),  # 29
        (D(1995, 3, 10), D(2025, 3, 10), None),  # 30 on the entry date
        (D(1970, 3, 10), D(2025, 3, 9), None),  # 54
        (D(1970, 3, 10), D(2025, 3, 10), "EECO07"),  # 55 on the entry date
        (D(2004, 2, 29), D(2022, 2, 28), "EECO05"),  # leap-day birthday: 18 on 1 March
        (D(2004, 2, 29), D(2022, 3, 1), "EECO06"),
    ],
)
def test_age_group_on_the_entry_date(birth: dt.date, entry: dt.date, code: str | None) -> None:
    assert age_indicator(birth, entry) == code


def test_age_counts_on_entry_not_today() -> None:
    codes = indicators_of(person(birth_date=D(1995, 6, 1), entry_date=D(2025, 5, 31)))
    assert "EECO06" in codes


# -- the result upon leaving: 28 days, last event ------------------------------------


def test_event_on_day_28_counts_day_29_does_not() -> None:
    day_28 = LEFT + dt.timedelta(days=28)
    day_29 = LEFT + dt.timedelta(days=29)
    assert result_on_leaving(LEFT, [(day_28, EventKind.EMPLOYED)]) == {"EECR04"}
    assert result_on_leaving(LEFT, [(day_29, EventKind.EMPLOYED)]) == frozenset()
    assert result_on_leaving(
        LEFT, [(day_28, EventKind.JOB_SEARCHING), (day_29, EventKind.EMPLOYED)]
    ) == {"EECR01"}


def test_event_on_the_leaving_day_counts_one_before_does_not() -> None:
    assert result_on_leaving(LEFT, [(LEFT, "job_searching")]) == {"EECR01"}
    assert result_on_leaving(LEFT, [(LEFT - dt.timedelta(days=1), "employed")]) == frozenset()


def test_last_event_wins_and_results_are_exclusive() -> None:
    events = [
        (D(2025, 7, 20), EventKind.EMPLOYED),
        (D(2025, 7, 2), EventKind.JOB_SEARCHING),
    ]
    assert result_on_leaving(LEFT, events) == {"EECR04"}
    events = [
        (D(2025, 7, 2), EventKind.EMPLOYED),
        (D(2025, 7, 20), EventKind.JOB_SEARCHING),
    ]
    assert result_on_leaving(LEFT, events) == {"EECR01"}
    # Same day: the later one given counts.
    same = [(D(2025, 7, 2), EventKind.EMPLOYED), (D(2025, 7, 2), EventKind.JOB_SEARCHING)]
    assert result_on_leaving(LEFT, same) == {"EECR01"}
    # Inactive last: no immediate result.
    assert (
        result_on_leaving(LEFT, [(D(2025, 7, 1), "employed"), (D(2025, 7, 9), "inactive")])
        == frozenset()
    )


def test_qualification_counts_beside_the_situation() -> None:
    events = [(D(2025, 7, 1), "qualification"), (D(2025, 7, 5), "education")]
    assert result_on_leaving(LEFT, events) == {"EECR02", "EECR03"}


def test_window_closed_after_day_28() -> None:
    assert not result_window_closed(LEFT, LEFT + dt.timedelta(days=28))
    assert result_window_closed(LEFT, LEFT + dt.timedelta(days=29))


def test_six_month_result_and_other_indicators() -> None:
    p = person(
        leaving_date=LEFT,
        events=((D(2025, 7, 1), "employed"),),
        employed_after_six_months=True,
        disability=True,
        third_country="yes",
        foreign_background="unknown",
        rural="no",
        education="isced_3_4",
    )
    assert indicators_of(p) == {
        "EECO01",
        "EECO09",
        "EECO11",
        "EECO12",
        "EECO13",
        "EECR04",
        "EECR05",
    }


def test_unknown_gender_counts_apart() -> None:
    totals = indicator_totals([person(gender=""), person(gender="man")])
    assert totals["EECO11"] == {"woman": 0, "man": 1, "non_binary": 0, "unknown": 1, "total": 2}


# -- the cost claim ------------------------------------------------------------------


def test_claim_by_hand_two_staff_one_part_time_one_over_the_cap() -> None:
    """Staff 1, full time, € 60.200,00 a year: 1,720 h, € 35,00 an hour. 1,800 h
    logged in 2025: 1,720 declared, 80 cut. 1,720 × 35,00 = € 60.200,00.

    Staff 2, half time, € 25.000,00 a year: 860 h, 2,500,000 / 860 = 2,906.98 ct,
    € 29,07 an hour. 100,25 h × 29,07 = € 2.914,2675 -> € 2.914,27.

    Direct staff costs € 63.114,27; 40 % = € 25.245,708 -> € 25.245,71;
    total € 88.359,98.
    """
    rates = [
        RateRow(
            staff=1, valid_from=D(2025, 1, 1), annual_cost_cents=6_020_000, part_time_ppm=1_000_000
        ),
        RateRow(
            staff=2, valid_from=D(2025, 1, 1), annual_cost_cents=2_500_000, part_time_ppm=500_000
        ),
    ]
    hours = [
        HoursRow(staff=1, day=D(2025, 9, 1), hundredths=80_000),
        HoursRow(staff=1, day=D(2025, 3, 1), hundredths=100_000),
        HoursRow(staff=2, day=D(2025, 4, 1), hundredths=10_025),
    ]
    result = claim(rates, hours, standard_hours={2025: Decimal("1720")}, flat_rate=Decimal("0.40"))
    one, two = result.lines
    assert (one.annual_hundredths, one.rate_cents, one.hundredths, one.cut_hundredths) == (
        172_000,
        3_500,
        172_000,
        8_000,
    )
    assert one.amount_cents == 6_020_000
    assert (two.annual_hundredths, two.rate_cents, two.hundredths, two.cut_hundredths) == (
        86_000,
        2_907,
        10_025,
        0,
    )
    assert two.amount_cents == 291_427
    assert result.direct_cents == 6_311_427
    assert result.flat_cents == 2_524_571
    assert result.total_cents == 8_835_998
    assert result.caps == {(1, 2025): 172_000, (2, 2025): 86_000}
    assert result.cut_hundredths == 8_000


def test_claim_rate_change_mid_year_caps_pro_rata_and_prices_each_period() -> None:
    """Full time to 30 June (181 days), half time from 1 July (184 days):
    cap = (172,000 × 181 + 86,000 × 184) / 365 = 128,646.57 -> 128,646 (down)."""
    rates = [
        RateRow(1, D(2025, 1, 1), 6_020_000, 1_000_000),
        RateRow(1, D(2025, 7, 1), 3_010_000, 500_000),
    ]
    hours = [HoursRow(1, D(2025, 6, 30), 100_000), HoursRow(1, D(2025, 7, 1), 50_000)]
    result = claim(rates, hours, standard_hours={2025: Decimal("1720")}, flat_rate=Decimal("0.4"))
    assert result.caps == {(1, 2025): 128_646}
    first, second = result.lines
    assert (first.hundredths, first.rate_cents) == (100_000, 3_500)
    assert (second.hundredths, second.cut_hundredths, second.rate_cents) == (28_646, 21_354, 3_500)


def test_hours_before_the_first_rate_are_unrated() -> None:
    rates = [RateRow(1, D(2025, 3, 1), 6_020_000, 1_000_000)]
    hours = [HoursRow(1, D(2025, 2, 28), 400), HoursRow(2, D(2025, 3, 5), 100)]
    result = claim(rates, hours, standard_hours={2025: Decimal("1720")}, flat_rate=Decimal("0.4"))
    assert result.unrated == {1: 400, 2: 100}
    assert result.lines == ()
    assert result.total_cents == 0


def test_cap_is_per_calendar_year() -> None:
    rates = [RateRow(1, D(2025, 1, 1), 6_020_000, 1_000_000)]
    hours = [HoursRow(1, D(2025, 12, 31), 172_000), HoursRow(1, D(2026, 1, 1), 1_000)]
    result = claim(
        rates,
        hours,
        standard_hours={2025: Decimal("1720"), 2026: Decimal("1720")},
        flat_rate=Decimal("0.4"),
    )
    assert [(line.year, line.hundredths, line.cut_hundredths) for line in result.lines] == [
        (2025, 172_000, 0),
        (2026, 1_000, 0),
    ]


def test_flat_rate_out_of_range_is_refused() -> None:
    with pytest.raises(ValueError, match="flat rate"):
        claim([], [], standard_hours={}, flat_rate=Decimal("1.5"))
