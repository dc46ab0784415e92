"""The domain's date ranges (``calc.dates``, pure) and their Dutch face
(``core.dates``), and that every face refuses out-of-range dates through the
services with nothing changed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.calc.dates import (
    HORIZON,
    MAX_HOURS_PER_DAY,
    DateProblem,
    add_days,
    add_months,
    birth_date_problem,
    birth_date_range,
    bounded_span,
    clip,
    day_hours_problem,
    period_end,
    range_problem,
    week_start,
    years_after,
)
from basisbaan.core.dates import check_birth_date, check_within

D = dt.date
TODAY = D(2026, 11, 18)


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2024, 8, 31), 6, D(2025, 2, 28)),
        (D(9999, 12, 31), 1, D(9999, 12, 31)),
        (D(9999, 7, 1), 6, D(9999, 12, 31)),
        (D(1, 1, 31), -1, D(1, 1, 1)),
    ],
)
def test_add_months_saturates_at_the_ends_of_the_calendar(day, months, expected):
    assert add_months(day, months) == expected


def test_days_years_and_periods_saturate():
    assert add_days(D(9999, 12, 30), 7) == D(9999, 12, 31)
    assert add_days(D(1, 1, 2), -7) == D(1, 1, 1)
    assert years_after(D(2004, 2, 29), 1) == D(2005, 3, 1)
    assert years_after(D(9990, 5, 1), 21) == D(9999, 12, 31)
    assert period_end(D(9999, 7, 1), 12) == D(9999, 12, 31)
    assert period_end(D(2024, 7, 1), 6) == D(2024, 12, 31)


def test_clip_and_bounded_span_keep_loops_short():
    assert clip(D(1, 1, 1)) == HORIZON[0]
    assert clip(D(9999, 12, 31)) == HORIZON[1]
    assert bounded_span(D(2025, 1, 1), D(2207, 6, 30)) == (D(2025, 1, 1), D(2034, 12, 31))
    assert bounded_span(D(2024, 7, 1), D(2024, 12, 31)) == (D(2024, 7, 1), D(2024, 12, 31))
    assert bounded_span(D(1, 1, 1), D(1, 12, 31)) == (D(1900, 1, 1), D(1900, 1, 1))


def test_week_start_is_a_monday_within_the_horizon():
    assert week_start(D(2026, 11, 18)) == D(2026, 11, 16)
    assert week_start(D(9999, 12, 31)) == D(2199, 12, 23)
    assert week_start(D(1, 1, 1)) == D(1900, 1, 1)


@pytest.mark.parametrize(
    ("birth", "expected"),
    [
        (D(1, 1, 1), DateProblem.TOO_OLD),
        (D(1926, 11, 18), None),  # 100 today
        (D(1925, 11, 18), DateProblem.TOO_OLD),  # 101 today
        (D(2011, 11, 18), None),  # 15 today
        (D(2011, 11, 19), DateProblem.TOO_YOUNG),  # 15 tomorrow
        (D(9999, 12, 31), DateProblem.TOO_YOUNG),
    ],
)
def test_a_birth_date_makes_the_participant_15_to_100(birth, expected):
    assert birth_date_problem(birth, TODAY) == expected


def test_birth_date_range_matches_the_rule():
    first, last = birth_date_range(TODAY)
    assert (first, last) == (D(1925, 11, 19), D(2011, 11, 18))
    assert birth_date_problem(first, TODAY) is None
    assert birth_date_problem(last, TODAY) is None
    assert birth_date_problem(first - dt.timedelta(days=1), TODAY) == DateProblem.TOO_OLD
    assert birth_date_problem(last + dt.timedelta(days=1), TODAY) == DateProblem.TOO_YOUNG


def test_range_problem_names_the_side_at_fault():
    first, last = D(2023, 1, 1), D(2026, 12, 31)
    assert range_problem(D(2024, 1, 1), D(2024, 12, 31), first, last) is None
    assert range_problem(D(2024, 1, 1), None, first, last) is None
    assert range_problem(D(2027, 1, 1), None, first, last) == ("start", DateProblem.AFTER)
    assert range_problem(D(2022, 12, 31), None, first, last) == ("start", DateProblem.BEFORE)
    assert range_problem(D(2026, 7, 1), D(2027, 6, 30), first, last) == ("end", DateProblem.AFTER)
    assert range_problem(D(2026, 7, 1), D(2026, 6, 30), first, last) == (
        "end",
        DateProblem.END_BEFORE_START,
    )


def test_a_day_holds_at_most_twelve_hours():
    assert Decimal(12) == MAX_HOURS_PER_DAY
    assert day_hours_problem(Decimal(12)) is None
    assert day_hours_problem(Decimal("12.25")) == DateProblem.TOO_MANY_HOURS
    assert day_hours_problem(Decimal(24)) == DateProblem.TOO_MANY_HOURS


def test_the_dutch_messages(settings):
    with pytest.raises(ValidationError) as info:
        check_birth_date(D(1, 1, 1), TODAY)
    assert info.value.message_dict == {
        "date_of_birth": [
            "Met deze geboortedatum is de deelnemer ouder dan 100 jaar; controleer de datum."
        ]
    }
    with pytest.raises(ValidationError) as info:
        check_within(D(2027, 1, 1), None, D(2023, 1, 1), D(2026, 12, 31), what="het programma")
    assert info.value.message_dict == {
        "start_date": ["Deze datum ligt na het einde van het programma (31-12-2026)."]
    }


# -- every face refuses through the services ------------------------------------------------


@pytest.fixture
def admin_api(municipality):
    from rest_framework.test import APIClient

    from basisbaan.tenancy.roles import Role
    from tests.conftest import make_member

    client = APIClient()
    client.force_login(make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheer"))
    return client


@pytest.mark.django_db
def test_a_birth_date_of_year_one_is_refused_by_service_and_api(municipality, admin_api):
    from basisbaan.participants.services import participant_create
    from tests.factories import ProgrammeFactory
    from tests.unchanged import unchanged

    programme = ProgrammeFactory(municipality=municipality)
    data = {
        "bsn": "111222333",
        "first_name": "A",
        "last_name": "B",
        "date_of_birth": D(1, 1, 1),
        "household_type": "single",
    }
    with pytest.raises(ValidationError) as info, unchanged():
        participant_create(municipality=municipality, actor=None, programme=programme, **data)
    assert info.value.message_dict["date_of_birth"] == [
        "Met deze geboortedatum is de deelnemer ouder dan 100 jaar; controleer de datum."
    ]
    with unchanged():
        response = admin_api.post(
            "/api/v1/participants/",
            {**data, "programme": programme.pk, "date_of_birth": "2015-01-01"},
            format="json",
        )
    assert response.status_code == 400
    assert response.json()["date_of_birth"] == [
        "Met deze geboortedatum is de deelnemer jonger dan 15 jaar; controleer de datum."
    ]


@pytest.mark.django_db
def test_a_contract_needs_a_placement_and_the_programmes_period(municipality, admin_api):
    from tests.factories import ParticipantFactory, PlacementFactory
    from tests.unchanged import unchanged

    participant = ParticipantFactory(
        programme__municipality=municipality, date_of_birth=D(1980, 5, 17)
    )
    payload = {
        "participant": participant.pk,
        "employer_name": "Caparis",
        "start_date": "2025-01-01",
        "hours_per_week": "32",
        "hourly_wage": "15.00",
    }
    with unchanged(participant):
        response = admin_api.post("/api/v1/contracts/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["placement"] == [
        "Een contract hoort bij een plaatsing: kies de plaatsing van de deelnemer "
        "die op de startdatum loopt."
    ]
    placement = PlacementFactory(participant=participant)
    payload |= {"placement": placement.pk, "start_date": "2027-01-01"}  # programme ends 2026
    with unchanged(participant, placement):
        response = admin_api.post("/api/v1/contracts/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["start_date"] == [
        "Deze datum ligt na het einde van het programma (31-12-2026)."
    ]
    payload |= {"start_date": "2025-01-01", "end_date": "2031-12-31"}
    with unchanged(participant, placement):
        response = admin_api.post("/api/v1/contracts/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["end_date"] == ["Een contractperiode duurt ten hoogste 36 maanden."]
    payload |= {"end_date": "2025-12-31"}
    created = admin_api.post("/api/v1/contracts/", payload, format="json")
    assert created.status_code == 201, created.json()


@pytest.mark.django_db
def test_an_exit_date_lies_within_the_programme(municipality):
    from basisbaan.participants.constants import ParticipantStatus
    from basisbaan.participants.services import participant_change_status
    from tests.factories import ParticipantFactory
    from tests.unchanged import unchanged

    participant = ParticipantFactory(
        programme__municipality=municipality, status=ParticipantStatus.PLACED
    )
    with pytest.raises(ValidationError) as info, unchanged(participant):
        participant_change_status(
            participant=participant,
            actor=None,
            status=ParticipantStatus.EXITED,
            exit_date=D(9999, 12, 31),
            exit_reason="Werk gevonden",
        )
    assert info.value.message_dict == {
        "exit_date": ["Deze datum ligt na het einde van het programma (31-12-2026)."]
    }


@pytest.mark.django_db
def test_a_contract_without_a_chosen_placement_gets_the_running_one(municipality, admin_api):
    from basisbaan.contracts.models import Contract
    from tests.factories import ParticipantFactory, PlacementFactory

    participant = ParticipantFactory(
        programme__municipality=municipality, date_of_birth=D(1980, 5, 17)
    )
    PlacementFactory(participant=participant, start_date=D(2024, 1, 1), end_date=D(2024, 6, 30))
    running = PlacementFactory(participant=participant, start_date=D(2024, 7, 1))
    payload = {
        "participant": participant.pk,
        "employer_name": "Caparis",
        "start_date": "2025-01-01",
        "end_date": "2025-12-31",
        "hours_per_week": "32",
        "hourly_wage": "15.00",
    }
    created = admin_api.post("/api/v1/contracts/", payload, format="json")
    assert created.status_code == 201, created.json()
    assert Contract.objects.get().placement == running
