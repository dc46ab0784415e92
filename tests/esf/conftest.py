"""A small ESF+ operation: the programme 2023-2026 as an operation 2025-2026.

- Anna Akkerman, woman, born 10-03-2000, placed 01-02-2025, registered complete;
- Bert Bakker, man, born 05-05-1968, placed 01-03-2025, left to work on
  30-06-2025 (employed on 14-07-2025), registered complete;
- Cas Claassen, placed 01-04-2025, not registered.

Hours: the coach (full time, € 60.200 a year: € 35,00 an hour) and the caseworker
(half time, € 25.000: € 29,07 an hour) log hours for Anna and Bert.
The suite's today is 18 November 2026.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.esf import services
from basisbaan.guidance.models import HoursEntry
from basisbaan.outcomes.services import exit_record
from basisbaan.participants.constants import ExitReason, ParticipantStatus
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory, PlacementFactory, ProgrammeFactory

D = dt.date


@pytest.fixture
def staff(municipality):
    coach = make_member(municipality, Role.JOBCOACH, username="coach")
    coach.first_name, coach.last_name = "Jolanda", "Coach"
    coach.save()
    worker = make_member(municipality, Role.CASEWORKER, username="consulent")
    worker.first_name, worker.last_name = "Karel", "Consulent"
    worker.save()
    return coach, worker


@pytest.fixture
def world(municipality, staff):
    coach, worker = staff
    programme = ProgrammeFactory(municipality=municipality, name="Basisbanen ESF", slug="esf")
    people = {}
    for first, last, gender_birth, start in (
        ("Anna", "Akkerman", D(2000, 3, 10), D(2025, 2, 1)),
        ("Bert", "Bakker", D(1968, 5, 5), D(2025, 3, 1)),
        ("Cas", "Claassen", D(1985, 1, 1), D(2025, 4, 1)),
    ):
        participant = ParticipantFactory(
            programme=programme,
            first_name=first,
            last_name=last,
            date_of_birth=gender_birth,
            bsn={"Anna": "111222333", "Bert": "123456782", "Cas": "999999990"}[first],
            status=ParticipantStatus.PLACED,
            contact_person=coach,
        )
        PlacementFactory(participant=participant, start_date=start)
        people[first] = participant
    exit_record(
        municipality=municipality,
        actor=None,
        participant=people["Bert"],
        exit_date=D(2025, 6, 30),
        reason=ExitReason.REGULAR_WORK_ELSEWHERE,
        leaves_programme=True,
        employer="Bakkerij",
        hours_per_week=Decimal(32),
        contract_type="permanent",
        wage_band="minimum",
    )
    people["Bert"].refresh_from_db()
    operation = services.operation_save(
        municipality=municipality,
        actor=None,
        programme=programme,
        co_financed=True,
        reference="2025EU-AMR-LWD",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
        target_group="Bijstandsgerechtigden met afstand tot de arbeidsmarkt",
    )
    common = {"disability": False, "third_country": "no", "rural": "no"}
    anna = services.registration_create(
        municipality=municipality,
        actor=None,
        operation=operation,
        participant=people["Anna"],
        labour_status="long_term_unemployed",
        education="isced_0_2",
        gender="woman",
        activities="Basisbaan, begeleiding",
        **common,
    )
    bert = services.registration_create(
        municipality=municipality,
        actor=None,
        operation=operation,
        participant=people["Bert"],
        labour_status="unemployed",
        education="isced_3_4",
        gender="man",
        activities="Basisbaan",
        **common,
    )
    services.result_event_add(registration=bert, actor=None, date=D(2025, 7, 14), kind="employed")
    services.staff_rate_set(
        municipality=municipality,
        actor=None,
        staff=coach,
        valid_from=D(2025, 1, 1),
        annual_cost=Decimal("60200.00"),
        part_time_factor=Decimal(1),
        source="Loonstrook januari 2025",
    )
    services.staff_rate_set(
        municipality=municipality,
        actor=None,
        staff=worker,
        valid_from=D(2025, 1, 1),
        annual_cost=Decimal("25000.00"),
        part_time_factor=Decimal("0.5"),
        source="Begroting 2025",
    )
    for participant, who, day, hours in (
        (people["Anna"], coach, D(2025, 2, 3), "4.00"),
        (people["Anna"], worker, D(2025, 2, 4), "2.50"),
        (people["Bert"], coach, D(2025, 3, 3), "3.00"),
        # After Bert left: not in the claim.
        (people["Bert"], coach, D(2025, 7, 1), "1.00"),
        # Cas is not registered: not in the claim.
        (people["Cas"], coach, D(2025, 4, 2), "5.00"),
    ):
        HoursEntry.objects.create(
            municipality=municipality,
            participant=participant,
            staff=who,
            date=day,
            activity="coaching",
            hours=Decimal(hours),
        )
    return {
        "programme": programme,
        "operation": operation,
        "people": people,
        "anna": anna,
        "bert": bert,
        "coach": coach,
        "worker": worker,
    }
