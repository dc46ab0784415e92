import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.calc.dated import DatedSeries

D = dt.date
WML = DatedSeries.of(
    "minimum_wage_hourly",
    [
        (D(2025, 7, 1), Decimal("14.40"), "b"),
        (D(2025, 1, 1), Decimal("14.06"), "a"),
        (D(2026, 1, 1), Decimal("14.71"), "c"),
    ],
    cadence_months=6,
    places=2,
)


def test_value_holds_from_its_date_until_the_next_row():
    assert WML.at(D(2025, 1, 1)).value == Decimal("14.06")
    assert WML.at(D(2025, 6, 30)).value == Decimal("14.06")
    got = WML.at(D(2025, 7, 1))
    assert (got.value, got.effective_date, got.source, got.assumed) == (
        Decimal("14.40"),
        D(2025, 7, 1),
        "b",
        False,
    )


def test_before_the_first_row_is_unknown():
    with pytest.raises(LookupError):
        WML.at(D(2024, 12, 31))


def test_last_value_is_known_until_the_next_expected_change():
    assert WML.at(D(2026, 6, 30)).assumed is False


def test_past_the_next_expected_change_the_last_value_is_an_assumption():
    got = WML.at(D(2026, 7, 1))
    assert (got.value, got.assumed) == (Decimal("14.71"), True)


def test_indexation_applies_once_per_missed_change():
    """14.71 x 1.02 = 15.0042 -> 15.00 (July 2026); x 1.02^2 = 15.304284 -> 15.30 (Jan 2027)."""
    assert WML.at(D(2026, 7, 1), indexation=Decimal("0.02")).value == Decimal("15.00")
    assert WML.at(D(2027, 1, 1), indexation=Decimal("0.02")).value == Decimal("15.30")


def test_a_series_without_cadence_never_turns_into_an_assumption():
    lks = DatedSeries.of("lks_cap", [(D(2015, 1, 1), Decimal("0.70"), "law")])
    assert lks.at(D(2040, 1, 1)).assumed is False
