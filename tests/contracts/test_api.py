"""The API of decisions, the worklist, wage values and minimum-wage flags: scoping,
permissions and contents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.calc.dates import add_months
from basisbaan.contracts.models import ContractPeriod, RenewalDecision, WageValueMeasurement
from basisbaan.tenancy.roles import Role
from tests.contracts.factories import (
    AdultContractFactory,
    AdultPeriodFactory,
    WageValueMeasurementFactory,
)
from tests.factories import ParticipantFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal


def ending_in(programme, days, **contract):
    end = timezone.localdate() + dt.timedelta(days=days)
    start = add_months(end + dt.timedelta(days=1), -6)
    made = AdultContractFactory(participant__programme=programme, **contract)
    return AdultPeriodFactory(contract=made, start_date=start, end_date=end, hourly_wage=E("16.00"))


def test_record_a_decision_and_read_it_back(programme, manager, api_as):
    period = ending_in(programme, 40)
    client = api_as(manager)
    url = f"/api/v1/contracts/{period.contract_id}/decisions/"
    response = client.post(
        url, {"decision": "renew", "notice_sent_on": str(timezone.localdate())}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["decision"], body["period"], body["contract"]) == (
        "renew",
        period.pk,
        period.contract_id,
    )
    assert body["decided_by"] == manager.pk
    assert body["next_period"]["sequence"] == 2
    assert body["next_period"]["hourly_wage"] == "16.00"
    listed = client.get(url).json()
    assert [d["id"] for d in listed] == [body["id"]]
    contract = client.get(f"/api/v1/contracts/{period.contract_id}/").json()
    assert contract["periods"][0]["decision"]["decision"] == "renew"
    assert contract["is_permanent"] is False
    entry = AuditEntry.objects.filter(
        object_type="contracts.renewaldecision", action=AuditAction.CREATE
    ).get()
    assert (entry.action, entry.actor, entry.channel) == (AuditAction.CREATE, manager, "api")


def test_a_refused_decision_is_a_400_with_the_reason(programme, manager, api_as):
    period = ending_in(programme, 40)
    client = api_as(manager)
    with unchanged(period):
        response = client.post(
            f"/api/v1/contracts/{period.contract_id}/decisions/",
            {"decision": "not_renew"},
            format="json",
        )
    assert response.status_code == 400
    assert "Geef de motivering van dit besluit." in str(response.json())
    assert not RenewalDecision.objects.exists()


def test_a_caseworker_cannot_decide(programme, member, api_as):
    period = ending_in(programme, 40)
    client = api_as(member(Role.CASEWORKER))
    assert client.get(f"/api/v1/contracts/{period.contract_id}/decisions/").status_code == 200
    with unchanged(period):
        response = client.post(
            f"/api/v1/contracts/{period.contract_id}/decisions/",
            {"decision": "renew"},
            format="json",
        )
    assert response.status_code == 403
    assert not RenewalDecision.objects.exists()
    assert ContractPeriod.objects.count() == 1


def test_another_municipality_sees_nothing_and_cannot_decide(
    programme, outsider, api_as, other_programme
):
    mine = ending_in(programme, 40, wage_subsidy=True)
    WageValueMeasurementFactory(participant=mine.contract.participant)
    ending_in(other_programme, 40)  # the outsider's own
    client = api_as(outsider)
    with unchanged(mine, mine.contract):
        assert client.get(f"/api/v1/contracts/{mine.contract_id}/").status_code == 404
        assert client.get(f"/api/v1/contracts/{mine.contract_id}/decisions/").status_code == 404
        response = client.post(
            f"/api/v1/contracts/{mine.contract_id}/decisions/",
            {"decision": "not_renew", "reason": "x"},
            format="json",
        )
    assert response.status_code == 404
    assert not RenewalDecision.objects.exists()
    due = client.get("/api/v1/contract-decisions-due/").json()
    assert [row["contract"] for row in due] != [mine.contract_id]
    assert mine.contract_id not in [row["contract"] for row in due]
    assert client.get("/api/v1/wage-value-measurements/").json()["count"] == 0
    assert client.get("/api/v1/wage-value-measurements/due/").json() == []
    with unchanged():
        created = client.post(
            "/api/v1/wage-value-measurements/",
            {
                "participant": mine.contract.participant_id,
                "measured_on": "2025-01-01",
                "percentage": "50",
                "assessor": "X",
            },
            format="json",
        )
    assert created.status_code == 400
    assert WageValueMeasurement.objects.count() == 1


def test_decisions_due_with_notice_deadline_and_chain(programme, manager, api_as):
    soon = ending_in(programme, 20)
    ending_in(programme, 200)
    response = api_as(manager).get("/api/v1/contract-decisions-due/")
    assert response.status_code == 200
    rows = response.json()
    assert [(r["contract"], r["period"], r["status"]) for r in rows] == [
        (soon.contract_id, soon.pk, "overdue")
    ]
    row = rows[0]
    assert row["end_date"] == str(soon.end_date)
    assert row["notice_deadline"] is not None
    assert row["chain"]["position"] == 2
    assert row["chain"]["makes_permanent"] is False
    assert row["chain_text"].startswith("Deze verlenging wordt het 2e contract op rij")
    assert len(api_as(manager).get("/api/v1/contract-decisions-due/", {"weeks": 52}).json()) == 2
    client = api_as(manager)
    with unchanged():
        bad = client.get("/api/v1/contract-decisions-due/", {"weeks": "x"})
    assert bad.status_code == 400


def test_decisions_due_queries_do_not_grow(programme, manager, api_as):
    client = api_as(manager)
    ending_in(programme, 20)
    client.get("/api/v1/contract-decisions-due/")
    with CaptureQueriesContext(connection) as one:
        client.get("/api/v1/contract-decisions-due/")
    for _ in range(5):
        ending_in(programme, 20)
    with CaptureQueriesContext(connection) as six:
        rows = client.get("/api/v1/contract-decisions-due/").json()
    assert len(rows) == 6
    assert len(six) == len(one)


def test_wage_value_measurements_create_list_correct(programme, manager, api_as):
    participant = ParticipantFactory(programme=programme)
    client = api_as(manager)
    created = client.post(
        "/api/v1/wage-value-measurements/",
        {
            "participant": participant.pk,
            "measured_on": "2025-03-01",
            "percentage": "55.5",
            "assessor": "R. de Boer",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["percentage"], body["next_measurement_on"], body["method"]) == (
        "55.50",
        "2026-03-01",
        "uniform",
    )
    listed = client.get("/api/v1/wage-value-measurements/", {"participant": participant.pk})
    assert [m["id"] for m in listed.json()["results"]] == [body["id"]]
    patched = client.patch(
        f"/api/v1/wage-value-measurements/{body['id']}/", {"percentage": "60"}, format="json"
    )
    assert patched.status_code == 200
    assert patched.json()["percentage"] == "60.00"
    with unchanged():
        too_much = client.post(
            "/api/v1/wage-value-measurements/",
            {
                "participant": participant.pk,
                "measured_on": "2025-04-01",
                "percentage": "101",
                "assessor": "R. de Boer",
            },
            format="json",
        )
    assert too_much.status_code == 400
    assert WageValueMeasurement.objects.count() == 1


def test_a_caseworker_reads_but_cannot_record_wage_values(programme, member, api_as):
    participant = ParticipantFactory(programme=programme)
    client = api_as(member(Role.CASEWORKER))
    assert client.get("/api/v1/wage-value-measurements/").status_code == 200
    with unchanged():
        response = client.post(
            "/api/v1/wage-value-measurements/",
            {
                "participant": participant.pk,
                "measured_on": "2025-03-01",
                "percentage": "55",
                "assessor": "R",
            },
            format="json",
        )
    assert response.status_code == 403
    assert not WageValueMeasurement.objects.exists()


def test_remeasurements_due(programme, manager, api_as):
    period = ending_in(programme, 100, wage_subsidy=True)
    response = api_as(manager).get("/api/v1/wage-value-measurements/due/")
    assert response.json() == [
        {
            "participant": period.contract.participant_id,
            "measurement": None,
            "due_on": None,
            "days_left": None,
            "status": "missing",
        }
    ]


def test_below_minimum_wage(programme, manager, api_as):
    period = ending_in(programme, 40)
    ContractPeriod.objects.filter(pk=period.pk).update(hourly_wage=E("13.27"))
    rows = api_as(manager).get("/api/v1/contracts/below-minimum-wage/").json()
    assert [(r["period"], r["hourly_wage"], r["assumed"]) for r in rows] == [
        (period.pk, "13.27", False)
    ]
    assert rows[0]["message"].startswith("Het uurloon € 13,27 ligt onder het minimumloon van")


def test_the_schema_documents_the_new_endpoints():
    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    assert {"get", "post"} <= set(paths["/api/v1/contracts/{id}/decisions/"])
    for path in (
        "/api/v1/contract-decisions-due/",
        "/api/v1/contracts/below-minimum-wage/",
        "/api/v1/wage-value-measurements/",
        "/api/v1/wage-value-measurements/due/",
    ):
        assert "get" in paths[path], path
    assert "post" in paths["/api/v1/wage-value-measurements/"]
