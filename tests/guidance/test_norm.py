"""The norm report: hours against the pro-rata norm per programme, staff
member and participant, with quarters and cost; computed by hand."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.guidance import services
from basisbaan.guidance.constants import Activity
from basisbaan.guidance.selectors import norm_report

pytestmark = pytest.mark.django_db

D = dt.date
E = Decimal


def _log(municipality, staff, participant, day, hours, activity=Activity.COACHING):
    services.hours_entry_create(
        municipality=municipality,
        actor=staff,
        participant=participant,
        staff=staff,
        date=day,
        activity=activity,
        hours=E(hours),
    )


def test_norm_report_by_hand(municipality, placed, coach, caseworker_user, manager, programme):
    services.guidance_settings_set(
        programme=programme,
        actor=manager,
        data={
            "norm_hours": E(200),
            "hourly_rate": E("60.00"),
            "rate_source": "Begroting",
            "rate_date": D(2025, 1, 1),
        },
    )
    whole = placed(start=D(2024, 7, 1), first_name="Anna", last_name="Aa").participant
    half = placed(start=D(2025, 7, 1), first_name="Bert", last_name="Bb").participant
    _log(municipality, coach, whole, D(2025, 1, 6), "10")
    _log(municipality, coach, whole, D(2025, 5, 6), "10")
    _log(municipality, coach, whole, D(2025, 5, 7), "10")  # at most 12 hours a day
    _log(municipality, caseworker_user, whole, D(2025, 5, 6), "5", Activity.ADMINISTRATION)
    _log(municipality, coach, half, D(2025, 7, 7), "7.5")
    _log(municipality, coach, half, D(2025, 10, 1), "2.25")  # after the as-of date

    report = norm_report(municipality=municipality, year=2025, as_of=D(2025, 9, 30))

    anna, bert = report.participants
    # Anna: placed all year; to 30-09 is 273 days: 200 x 273 / 365 = 149.589 -> 149.59.
    assert (anna.label, anna.line.hours, anna.line.norm_to_date, anna.line.norm_year) == (
        "Anna Aa",
        3500,
        14959,
        20000,
    )
    assert anna.line.quarters == (1000, 2500, 0, 0)
    assert anna.cost == E("2100.00")  # 35 h x 60
    # Bert: 1 July to 30 September is 92 days: 200 x 92 / 365 = 50.41; whole year 184 days.
    assert (bert.line.hours, bert.line.norm_to_date, bert.line.norm_year) == (750, 5041, 10082)
    assert bert.line.quarters == (0, 0, 750, 0)
    assert bert.line.ratio == E("0.15")
    (row,) = report.programmes
    assert (row.participants, row.line.hours, row.line.norm_to_date, row.cost) == (
        2,
        4250,
        20000,
        E("2550.00"),
    )
    staff = {r.label: r for r in report.staff}
    assert staff["Jolanda Coach"].line.hours == 3750
    assert staff["Jolanda Coach"].participants == 2
    assert staff["Jolanda Coach"].cost == E("2250.00")
    assert staff[caseworker_user.get_full_name() or "consulent"].line.quarters == (0, 500, 0, 0)


def test_without_a_rate_there_is_no_cost(municipality, placed, coach):
    person = placed().participant
    _log(municipality, coach, person, D(2025, 2, 3), "1")
    report = norm_report(municipality=municipality, year=2025, as_of=D(2025, 12, 31))
    assert report.participants[0].cost is None
    assert report.staff[0].cost is None
    assert report.programmes[0].cost is None


def test_norm_report_uses_a_fixed_number_of_queries(
    municipality, placed, coach, django_assert_num_queries
):
    for _ in range(5):
        person = placed().participant
        _log(municipality, coach, person, D(2025, 2, 3), "1")
    with django_assert_num_queries(5):
        norm_report(municipality=municipality, year=2025, as_of=D(2025, 12, 31))
