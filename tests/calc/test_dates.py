import datetime as dt

import pytest

from basisbaan.calc.dates import add_months, period_end


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2024, 7, 1), 6, dt.date(2025, 1, 1)),
        (dt.date(2024, 8, 31), 6, dt.date(2025, 2, 28)),  # clipped to February's end
        (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),  # leap year
        (dt.date(2024, 11, 15), 2, dt.date(2025, 1, 15)),  # across the year end
        (dt.date(2025, 1, 31), -1, dt.date(2024, 12, 31)),
    ],
)
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected


def test_half_year_period_ends_the_day_before_six_months_later():
    """A period from 1 July runs to 31 December inclusive."""
    assert period_end(dt.date(2024, 7, 1), 6) == dt.date(2024, 12, 31)
    assert period_end(dt.date(2024, 9, 16), 6) == dt.date(2025, 3, 15)
