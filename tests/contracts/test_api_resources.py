from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.contracts.models import Contract
from basisbaan.tenancy.roles import Role
from tests.factories import (
    ContractPeriodFactory,
    ParticipantFactory,
    PlacementFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

URL = "/api/v1/contracts/"


@pytest.fixture
def controller(member):
    return member(Role.CONTROLLER)


def test_create_with_its_first_period(api_as, controller, municipality):
    placement = PlacementFactory(participant__programme__municipality=municipality)
    response = api_as(controller).post(
        URL,
        {
            "participant": placement.participant_id,
            "placement": placement.pk,
            "employer_name": "Caparis",
            "reference": "C-1",
            "wage_subsidy": True,
            "start_date": "2024-07-01",
            "hours_per_week": "32",
            "hourly_wage": "13.68",
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["participant"] == placement.participant_id
    assert body["placement"] == placement.pk
    assert body["employer_name"] == "Caparis"
    assert body["wage_subsidy"] is True
    assert body["first_start"] == "2024-07-01"
    assert body["last_end"] == "2024-12-31"  # the programme's six months
    assert body["periods"] == [
        {
            "id": body["periods"][0]["id"],
            "sequence": 1,
            "start_date": "2024-07-01",
            "end_date": "2024-12-31",
            "hours_per_week": "32.0",
            "hourly_wage": "13.68",
            "wage_lines": [],
            "notice_deadline": "2024-11-30",
            "decision": None,
        }
    ]
    assert Contract.objects.get().municipality == municipality


def test_create_refuses_a_placement_of_another_participant(api_as, controller, municipality):
    placement = PlacementFactory(participant__programme__municipality=municipality)
    other = ParticipantFactory(programme=placement.participant.programme)
    client = api_as(controller)

    with unchanged(placement, other):
        response = client.post(
            URL,
            {
                "participant": other.pk,
                "placement": placement.pk,
                "employer_name": "Caparis",
                "start_date": "2024-07-01",
                "hours_per_week": "32",
                "hourly_wage": "13.68",
            },
            format="json",
        )

    assert response.status_code == 400
    assert response.json() == {"placement": ["Deze plaatsing hoort bij een andere deelnemer."]}
    assert not Contract.objects.exists()


def test_renew_adds_the_next_period(api_as, controller, municipality):
    period = ContractPeriodFactory(contract__participant__programme__municipality=municipality)
    url = f"{URL}{period.contract_id}/renew/"
    client = api_as(controller)

    with unchanged(period, period.contract):
        overlap = client.post(
            url,
            {"start_date": "2024-12-01", "hours_per_week": "32", "hourly_wage": "14.00"},
            format="json",
        )
    renewed = client.post(url, {"hours_per_week": "36", "hourly_wage": "14.06"}, format="json")
    detail = client.get(f"{URL}{period.contract_id}/").json()

    assert overlap.status_code == 400
    assert "start_date" in overlap.json()
    assert renewed.status_code == 201, renewed.json()
    assert renewed.json()["sequence"] == 2
    assert renewed.json()["start_date"] == "2025-01-01"
    assert renewed.json()["end_date"] == "2025-06-30"
    assert [p["sequence"] for p in detail["periods"]] == [1, 2]
    assert detail["last_end"] == "2025-06-30"
    assert period.contract.periods.get(sequence=2).hourly_wage == Decimal("14.06")


def test_caseworker_cannot_renew(api_as, caseworker, municipality):
    period = ContractPeriodFactory(contract__participant__programme__municipality=municipality)

    client = api_as(caseworker)
    with unchanged(period, period.contract):
        response = client.post(
            f"{URL}{period.contract_id}/renew/",
            {"hours_per_week": "36", "hourly_wage": "14.06"},
            format="json",
        )

    assert response.status_code == 403
    assert period.contract.periods.count() == 1


def test_filter_by_participant(api_as, caseworker, municipality):
    first = ContractPeriodFactory(contract__participant__programme__municipality=municipality)
    ContractPeriodFactory(
        contract__participant__programme__municipality=municipality,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 6, 30),
    )

    body = api_as(caseworker).get(URL, {"participant": first.contract.participant_id}).json()

    assert [c["id"] for c in body["results"]] == [first.contract_id]
