"""Contract pages: create, renew, edit, refusals in Dutch."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.participants.constants import ParticipantStatus
from tests.factories import (
    ContractPeriodFactory,
    ParticipantFactory,
    PlacementFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def test_contract_create_and_renew_with_dutch_amounts(programme, municipality, manager, client_as):
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.PLACED)
    placement = PlacementFactory(participant=participant)  # a contract needs its placement
    client = client_as(manager)
    response = client.post(
        "/contracten/nieuw/",
        {
            "participant": participant.pk,
            "placement": placement.pk,
            "employer_name": "Caparis",
            "start_date": "01-07-2025",
            "end_date": "",
            "hours_per_week": "32",
            "hourly_wage": "14,40",
            "wage_subsidy": "on",
        },
    )
    contract = Contract.objects.get()
    assert response["Location"] == f"/contracten/{contract.pk}/"
    first = contract.periods.get()
    assert (first.start_date, first.end_date) == (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    assert first.hourly_wage == Decimal("14.40")
    assert contract.wage_subsidy is True

    renew = client.get(f"/contracten/{contract.pk}/verlengen/")
    assert renew.context["form"].initial == {
        "hours_per_week": Decimal("32.0"),
        "hourly_wage": Decimal("14.40"),
    }
    response = client.post(
        f"/contracten/{contract.pk}/verlengen/", {"hours_per_week": "28,5", "hourly_wage": "14,71"}
    )
    assert response.status_code == 302
    second = ContractPeriod.objects.get(sequence=2)
    assert (second.start_date, second.end_date) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    body = client.get(f"/contracten/{contract.pk}/").content.decode()
    assert "€ 14,40" in body
    assert "€ 14,71" in body
    assert "28,5" in body
    assert "Verlenging 1" in body


def test_renewal_overlapping_previous_period_is_refused(municipality, manager, client_as):
    period = ContractPeriodFactory(contract__participant__programme__municipality=municipality)
    client = client_as(manager)
    with unchanged(period, period.contract):
        response = client.post(
            f"/contracten/{period.contract_id}/verlengen/",
            {"start_date": "01-12-2024", "hours_per_week": "32", "hourly_wage": "13,68"},
        )
    assert response.context["form"].errors["start_date"] == [
        "Een verlenging begint na het einde van de vorige periode."
    ]
    assert ContractPeriod.objects.count() == 1


def test_contract_wage_below_a_cent_is_refused_in_dutch(programme, manager, client_as):
    participant = ParticipantFactory(programme=programme)
    client = client_as(manager)
    with unchanged(participant, reads=True):  # the form shown again lists the name
        response = client.post(
            "/contracten/nieuw/",
            {
                "participant": participant.pk,
                "employer_name": "Caparis",
                "start_date": "01-07-2025",
                "hours_per_week": "32",
                "hourly_wage": "0",
            },
        )
    assert response.status_code == 200
    assert "hourly_wage" in response.context["form"].errors
    assert Contract.objects.count() == 0


def test_contract_edit_through_service(municipality, manager, client_as):
    period = ContractPeriodFactory(contract__participant__programme__municipality=municipality)
    contract = period.contract
    response = client_as(manager).post(
        f"/contracten/{contract.pk}/bewerken/",
        {"employer_name": "Caparis NV", "reference": "K-12", "employee_number": "P0042"},
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert (contract.employer_name, contract.employee_number, contract.wage_subsidy) == (
        "Caparis NV",
        "P0042",
        False,
    )
    assert AuditEntry.objects.get(action=AuditAction.UPDATE).changes["employee_number"] == [
        "",
        "***",
    ]
