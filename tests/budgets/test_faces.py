"""The budget's faces: pages, forms and export (UI) and the API, with their permissions."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from rest_framework.test import APIClient

from basisbaan.audit.models import AuditEntry
from basisbaan.budgets.models import Budget, Expenditure, PlannedStart
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ProgrammeFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
E = Decimal


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_budget_page_shows_years_chart_capacity_and_assumptions(
    client_as, controller, programme
):
    response = client_as(controller).get(f"/budget/{programme.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in (
        "Budget en prognose",
        "€ 50.000,00",
        "<svg",
        "Besteding per jaar tegen het budget",
        "Ruimte voor nieuwe instroom",
        "Hoe is dit berekend?",
        "voorkennis Beta(8, 2)",  # behind the disclosure
        "1000 gesimuleerde toekomsten (Monte Carlo), startgetal 2023",
    ):
        assert text in html, text
    scenario = client_as(controller).get(
        f"/budget/{programme.pk}/?scenario=no_renewals&draws=200&seed=5"
    )
    assert "Prognose (Geen verlengingen)" in scenario.content.decode()


def test_caseworkers_see_no_budget(client_as, municipality, programme):
    caseworker = make_member(municipality, Role.CASEWORKER)
    client = client_as(caseworker)
    with unchanged():
        assert client.get(f"/budget/{programme.pk}/").status_code == 403
    detail = client_as(caseworker).get(f"/programmas/{programme.pk}/")
    assert "Ruimte voor nieuwe instroom" not in detail.content.decode()


def test_the_programme_and_intake_pages_show_the_room_for_intake(
    client_as, municipality, programme
):
    manager = make_member(municipality, Role.PROGRAMME_MANAGER)
    for url in (f"/programmas/{programme.pk}/", f"/programmas/{programme.pk}/instroom/"):
        html = client_as(manager).get(url + "?month=01-07-2025&hours=24&probability=80").content
        assert "kunnen starten in juli 2025 met 24,0 uur per week" in html.decode()


def test_forms_write_through_the_services(client_as, controller, programme):
    client = client_as(controller)
    budget = Budget.objects.get(programme=programme, year=2025)
    response = client.post(
        f"/budget/jaar/{budget.pk}/uitgave/",
        {
            "category": "research",
            "booked_on": "01-03-2025",
            "amount": "1500,50",
            "description": "Onderzoek",
        },
    )
    assert response.status_code == 302
    assert Expenditure.objects.get().amount == E("1500.50")
    refused = client.post(
        f"/budget/jaar/{budget.pk}/uitgave/",
        {"category": "other", "booked_on": "01-03-2026", "amount": "5", "description": "x"},
    )
    assert "De datum moet in 2025 liggen" in refused.content.decode()
    response = client.post(
        f"/budget/{programme.pk}/instroom-plannen/",
        {"month": "15-03-2026", "count": "2", "hours_per_week": "24", "track": "transition"},
    )
    assert response.status_code == 302
    assert PlannedStart.objects.get().month == dt.date(2026, 3, 1)
    # The contract's months have no payroll: closing needs the confirmation and a reason.
    confirm = {"missing_confirmed": "on", "reason": "Verloning komt later"}
    response = client.post(f"/budget/jaar/{budget.pk}/afsluiten/", confirm, follow=True)
    assert "Het jaar 2025 is afgesloten." in response.content.decode()
    budget.refresh_from_db()
    assert budget.accounts_result == E("50000") - E("1500.50")
    next_year = Budget.objects.get(programme=programme, year=2026)
    response = client.post(f"/budget/jaar/{next_year.pk}/afsluiten/", confirm, follow=True)
    assert "Het jaar 2026 is nog niet voorbij" in response.content.decode()
    assert AuditEntry.objects.filter(object_type__icontains="expenditure").exists()


def test_the_excel_export_has_numbers(client_as, controller, programme):
    response = client_as(controller).get(f"/budget/{programme.pk}/export.xlsx?scenario=all_renewed")
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["Budget per jaar"]
    assert [c.value for c in sheet[2]][:3] == [2025, "nee", 50000]
    assert isinstance(sheet["F2"].value, int | float)
    assert sheet["F1"].value == "Prognose (Alle contracten verlengd)"
    assert book.sheetnames == [
        "Budget per jaar",
        "Besteding per soort",
        "Cumulatief per maand",
        "Uitgangspunten",
    ]


def test_api_budgets_and_expenditures(controller, programme, other_municipality):
    client = api(controller)
    listed = client.get("/api/v1/budgets/").json()
    assert [row["year"] for row in listed["results"]] == [2025, 2026]
    budget_id = listed["results"][0]["id"]
    created = client.post(
        "/api/v1/expenditures/",
        {
            "budget": budget_id,
            "category": "other",
            "booked_on": "2025-04-01",
            "amount": "250.00",
            "description": "Drukwerk",
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    assert (
        client.patch(f"/api/v1/budgets/{budget_id}/", {"amount": "60000.00"}, format="json").json()[
            "amount"
        ]
        == "60000.00"
    )
    # A budget of another municipality's programme is refused as unknown.
    foreign = ProgrammeFactory(municipality=other_municipality)
    with unchanged():
        refused = client.post(
            "/api/v1/budgets/",
            {"programme": foreign.pk, "year": 2025, "amount": "1.00"},
            format="json",
        )
    assert refused.status_code == 400
    confirm = {"missing_confirmed": True, "reason": "Verloning komt later"}
    closed = client.post(f"/api/v1/budgets/{budget_id}/close/", confirm, format="json")
    assert closed.status_code == 200, closed.content
    assert (closed.json()["spent_at_close"], closed.json()["accounts_result"]) == (
        "250.00",
        "59750.00",
    )
    # The closed year is locked for every change.
    expenditure_id = created.json()["id"]
    with unchanged(Budget.objects.get(pk=budget_id)):
        refused = client.delete(f"/api/v1/expenditures/{expenditure_id}/")
        amount = client.patch(f"/api/v1/budgets/{budget_id}/", {"amount": "1.00"}, format="json")
        again = client.post(f"/api/v1/budgets/{budget_id}/close/", confirm, format="json")
    assert refused.status_code == 400
    assert "Het jaar 2025 is afgesloten" in refused.content.decode()
    assert (amount.status_code, again.status_code) == (400, 400)


def test_api_planned_starts_count_in_the_forecast(controller, programme, other_municipality):
    client = api(controller)
    url = f"/api/v1/programmes/{programme.pk}/forecast/?scenario=all_renewed"
    before = client.get(url).json()

    created = client.post(
        "/api/v1/planned-starts/",
        {
            "programme": programme.pk,
            "month": "2026-01-15",
            "count": 2,
            "hours_per_week": "32.0",
            "track": "transition",
            "note": "Twee plekken bij de bibliotheek",
        },
        format="json",
    )
    other_programme = ProgrammeFactory(municipality=other_municipality)
    with unchanged():
        foreign = client.post(
            "/api/v1/planned-starts/",
            {
                "programme": other_programme.pk,
                "month": "2026-01-01",
                "count": 1,
                "hours_per_week": "32.0",
                "track": "transition",
            },
            format="json",
        )
        outside = client.post(
            "/api/v1/planned-starts/",
            {
                "programme": programme.pk,
                "month": "2027-01-01",
                "count": 1,
                "hours_per_week": "32.0",
                "track": "transition",
            },
            format="json",
        )
    after = client.get(url).json()

    assert created.status_code == 201, created.content
    assert (created.json()["month"], created.json()["count"]) == ("2026-01-01", 2)
    assert foreign.status_code == 400
    assert outside.status_code == 400
    assert outside.json() == {"month": ["De maand valt buiten de looptijd van het programma."]}
    assert before["years"][0] == after["years"][0]  # 2025 does not change
    assert Decimal(after["years"][1]["forecast"]) > Decimal(before["years"][1]["forecast"])
    deleted = client.delete(f"/api/v1/planned-starts/{created.json()['id']}/")
    assert deleted.status_code == 204
    assert client.get(url).json() == before


def test_api_forecast_and_capacity(controller, programme):
    client = api(controller)
    data = client.get(
        f"/api/v1/programmes/{programme.pk}/forecast/?scenario=all_renewed&draws=300&seed=9"
    ).json()
    assert data["scenario"] == "all_renewed"
    assert data["as_of"] == "2025-01-01"
    assert [y["year"] for y in data["years"]] == [2025, 2026]
    first = data["years"][0]
    assert first["forecast"] == first["all_renewed"]
    assert Decimal(first["no_renewals"]) <= Decimal(first["p50"]) <= Decimal(first["all_renewed"])
    again = client.get(
        f"/api/v1/programmes/{programme.pk}/forecast/?scenario=all_renewed&draws=300&seed=9"
    ).json()
    assert again == data
    with unchanged():
        too_many = client.get(f"/api/v1/programmes/{programme.pk}/forecast/?draws=99999")
        unknown = client.get(f"/api/v1/programmes/{programme.pk}/forecast/?scenario=x")
    assert (too_many.status_code, unknown.status_code) == (400, 400)
    room = client.get(
        f"/api/v1/programmes/{programme.pk}/capacity/?month=2025-07-01&hours=32&probability=0.9"
    ).json()
    assert room["years"] == [2025, 2026]
    # 50,000 a year against one contract of about 30,000: room for one more, not two.
    assert room["count"] == 0 or room["probability_at_count"] >= 0.9


def test_api_permissions(municipality, programme):
    caseworker = make_member(municipality, Role.CASEWORKER)
    reader = make_member(municipality, Role.READ_ONLY)
    with unchanged():
        assert api(caseworker).get("/api/v1/budgets/").status_code == 403
    assert api(reader).get(f"/api/v1/programmes/{programme.pk}/forecast/").status_code == 200
    budget = Budget.objects.filter(programme=programme).first()
    with unchanged(budget):
        patched = api(reader).patch(
            f"/api/v1/budgets/{budget.pk}/", {"amount": "1.00"}, format="json"
        )
    assert patched.status_code == 403
