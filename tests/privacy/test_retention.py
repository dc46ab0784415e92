"""The retention rules (calc/retention.py), by hand-computed cases."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.calc.retention import (
    RetentionPolicy,
    days_expired,
    file_closed_on,
    participant_expires_on,
)

D = dt.date


@pytest.mark.parametrize(
    ("left_on", "programme_end", "closed"),
    [
        (D(2016, 6, 30), D(2026, 12, 31), D(2016, 6, 30)),  # left during the programme
        (None, D(2020, 12, 31), D(2020, 12, 31)),  # still "in" when the programme ended
        (D(2021, 3, 1), D(2020, 12, 31), D(2020, 12, 31)),  # exit recorded after the end
        (None, None, None),
    ],
)
def test_file_closes_on_the_earlier_of_leaving_and_the_programme_end(
    left_on, programme_end, closed
):
    assert file_closed_on(left_on=left_on, programme_end=programme_end) == closed


@pytest.mark.parametrize(
    ("closed", "years", "expires"),
    [
        # Kept up to and including the tenth anniversary, expired the day after.
        (D(2016, 6, 30), 10, D(2026, 7, 1)),
        (D(2016, 12, 31), 10, D(2027, 1, 1)),
        # 29 February: the anniversary in a common year is 1 March.
        (D(2016, 2, 29), 10, D(2026, 3, 2)),
        (D(2016, 6, 30), 0, D(2016, 7, 1)),
        (None, 10, None),
    ],
)
def test_participant_expires_the_day_after_the_anniversary(closed, years, expires):
    assert participant_expires_on(closed, years) == expires


def test_a_file_closed_on_30_june_2016_is_kept_on_30_june_2026_and_expired_on_1_july():
    expires = participant_expires_on(D(2016, 6, 30), 10)
    assert expires is not None
    assert not D(2026, 6, 30) >= expires
    assert D(2026, 7, 1) >= expires


@pytest.mark.parametrize(
    ("today", "expired"),
    [(D(2026, 12, 8), False), (D(2026, 12, 9), True)],
)
def test_a_preview_of_1_december_kept_7_days_expires_on_9_december(today, expired):
    assert days_expired(D(2026, 12, 1), 7, today) is expired


def test_a_policy_cannot_be_negative():
    with pytest.raises(ValueError):
        RetentionPolicy(participant_years=-1)
