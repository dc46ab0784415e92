"""Closing a budget year: a confirmation step showing what will be recorded, refused
while months lack payroll unless confirmed with a reason, reopening by the functional
administrator with a reason; in pages and API. And the room for intake after closing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from basisbaan.audit.models import AuditEntry
from basisbaan.budgets.capacity import programme_capacity
from basisbaan.budgets.models import Budget
from basisbaan.budgets.services import budget_close, budget_reopen
from basisbaan.contracts.models import ContractPeriod
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.costs.conftest import import_payroll
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal
AFTER = D(2026, 1, 2)


def budget_of(programme, year: int) -> Budget:
    return Budget.objects.get(programme=programme, year=year)


def import_half_year(programme) -> None:
    """Payroll for every month of the contract (January to June 2025), 1,400.00 each."""
    bsn = ContractPeriod.objects.get().contract.participant.bsn
    import_payroll(
        programme.municipality,
        [
            [bsn, f"2025-{m:02d}", "1000,00", "80,00", "200,00", "70,00", "50,00", "1400,00", "139"]
            for m in range(1, 7)
        ],
    )


@pytest.fixture
def admin(municipality):
    return make_member(municipality, Role.FUNCTIONAL_ADMIN)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_missing_payroll_refuses_closing_unless_confirmed_with_a_reason(programme, controller):
    budget = budget_of(programme, 2025)
    with (
        pytest.raises(ValidationError, match=r"ontbreekt verloning \(januari 2025, .*juni 2025\)"),
        unchanged(),
    ):
        budget_close(budget=budget, actor=controller, today=AFTER)
    with pytest.raises(ValidationError, match="reden"), unchanged():
        budget_close(
            budget=budget, actor=controller, today=AFTER, missing_confirmed=True, reason=" "
        )
    with pytest.raises(ValidationError, match="reden"), unchanged():
        budget_close(budget=budget, actor=controller, today=AFTER, reason="Zonder bevestiging")
    closed = budget_close(
        budget=budget,
        actor=controller,
        today=AFTER,
        missing_confirmed=True,
        reason="Bestanden volgen",
    )
    assert closed.missing_at_close == [f"2025-{m:02d}" for m in range(1, 7)]
    assert closed.close_reason == "Bestanden volgen"
    assert (closed.spent_at_close, closed.accounts_result) == (E("0.00"), E("50000.00"))
    entry = AuditEntry.objects.filter(action="update").order_by("-id").first()
    assert entry is not None and "close_reason" in entry.changes


def test_a_complete_year_closes_without_a_reason(programme, controller):
    import_half_year(programme)
    closed = budget_close(budget=budget_of(programme, 2025), actor=controller, today=AFTER)
    assert closed.missing_at_close == []
    assert closed.close_reason == ""
    assert closed.spent_at_close == E("8400.00")


def test_the_confirmation_page_shows_what_will_be_recorded(client_as, controller, programme):
    budget = budget_of(programme, 2025)
    client = client_as(controller)
    with unchanged(budget):
        page = client.get(f"/budget/jaar/{budget.pk}/afsluiten/").content.decode()
    for text in (
        "Jaar 2025 afsluiten",
        "Wat bij het afsluiten van 2025 wordt vastgelegd",
        "Naar het rekeningresultaat",
        "€ 50.000,00",
        "Verloning ontbreekt",
        "januari 2025 (1 contract, volgens het kostenmodel € ",
        'name="missing_confirmed"',
        'name="reason"',
    ):
        assert text in page, text
    with unchanged(budget):
        refused = client.post(f"/budget/jaar/{budget.pk}/afsluiten/", {})
    assert refused.status_code == 200
    assert "Lees die eerst in, of bevestig" in refused.content.decode()
    budget.refresh_from_db()
    assert not budget.is_closed
    done = client.post(
        f"/budget/jaar/{budget.pk}/afsluiten/",
        {"missing_confirmed": "on", "reason": "Bestanden volgen"},
        follow=True,
    )
    assert "Het jaar 2025 is afgesloten." in done.content.decode()
    budget.refresh_from_db()
    assert budget.close_reason == "Bestanden volgen"


def test_without_missing_payroll_the_page_just_asks_to_confirm(client_as, controller, programme):
    import_half_year(programme)
    budget = budget_of(programme, 2025)
    page = client_as(controller).get(f"/budget/jaar/{budget.pk}/afsluiten/").content.decode()
    assert "Verloning ontbreekt" not in page
    assert 'name="reason"' not in page
    assert "€ 8.400,00" in page


def test_the_functional_administrator_reopens_with_a_reason(
    client_as, controller, admin, programme
):
    budget = budget_close(
        budget=budget_of(programme, 2025),
        actor=controller,
        today=AFTER,
        missing_confirmed=True,
        reason="x",
    )
    with unchanged(budget):
        assert client_as(controller).get(f"/budget/jaar/{budget.pk}/heropenen/").status_code == 403
        assert (
            client_as(controller)
            .post(f"/budget/jaar/{budget.pk}/heropenen/", {"reason": "y"})
            .status_code
            == 403
        )
        empty = client_as(admin).post(f"/budget/jaar/{budget.pk}/heropenen/", {"reason": ""})
    assert empty.status_code == 200
    page = client_as(admin).get(f"/budget/{programme.pk}/").content.decode()
    assert "Jaar 2025 heropenen" in page
    done = client_as(admin).post(
        f"/budget/jaar/{budget.pk}/heropenen/", {"reason": "Late correctie verloning"}, follow=True
    )
    assert "Het jaar 2025 is heropend." in done.content.decode()
    budget.refresh_from_db()
    assert not budget.is_closed
    assert (budget.spent_at_close, budget.accounts_result, budget.reopen_reason) == (
        None,
        None,
        "Late correctie verloning",
    )
    assert budget.reopened_by == admin
    entry = AuditEntry.objects.filter(action="update").order_by("-id").first()
    assert entry is not None
    assert entry.changes["reopen_reason"] == ["", "Late correctie verloning"]
    assert entry.changes["accounts_result"][1] is None


def test_reopening_goes_from_the_last_closed_year_back(programme, controller, admin):
    close = {"actor": controller, "today": D(2027, 1, 2), "missing_confirmed": True, "reason": "x"}
    first = budget_close(budget=budget_of(programme, 2025), **close)
    second = budget_close(budget=budget_of(programme, 2026), **close)
    with pytest.raises(ValidationError, match="Heropen eerst 2026"), unchanged():
        budget_reopen(budget=first, actor=admin, reason="te vroeg")
    budget_reopen(budget=second, actor=admin, reason="correctie")
    with pytest.raises(ValidationError, match="niet afgesloten"), unchanged():
        budget_reopen(budget=second, actor=admin, reason="nog eens")
    assert not budget_reopen(budget=first, actor=admin, reason="correctie").is_closed


def test_the_api_previews_closes_with_a_reason_and_reopens(programme, controller, admin):
    budget = budget_of(programme, 2025)
    preview = api(controller).get(f"/api/v1/budgets/{budget.pk}/closing/").json()
    assert preview["accounts_result"] == "50000.00"
    assert [m["month"] for m in preview["missing_payroll"]] == [
        f"2025-{m:02d}" for m in range(1, 7)
    ]
    with unchanged(budget):
        refused = api(controller).post(f"/api/v1/budgets/{budget.pk}/close/", {}, format="json")
    assert refused.status_code == 400
    assert "ontbreekt verloning" in refused.json()["reason"][0]
    closed = api(controller).post(
        f"/api/v1/budgets/{budget.pk}/close/",
        {"missing_confirmed": True, "reason": "Bestanden volgen"},
        format="json",
    )
    assert closed.status_code == 200, closed.content
    assert closed.json()["close_reason"] == "Bestanden volgen"
    budget.refresh_from_db()
    with unchanged(budget):
        denied = api(controller).post(
            f"/api/v1/budgets/{budget.pk}/reopen/", {"reason": "x"}, format="json"
        )
        no_reason = api(admin).post(f"/api/v1/budgets/{budget.pk}/reopen/", {}, format="json")
    assert (denied.status_code, no_reason.status_code) == (403, 400)
    reopened = api(admin).post(
        f"/api/v1/budgets/{budget.pk}/reopen/", {"reason": "Correctie"}, format="json"
    )
    assert reopened.status_code == 200, reopened.content
    assert (reopened.json()["closed_at"], reopened.json()["reopen_reason"]) == (None, "Correctie")


def test_after_closing_the_room_for_intake_does_not_jump_to_the_cap(programme, controller):
    """The forecast starts in January 2025 (nothing imported). Once 2025 is closed, a
    question about a month of 2025 was answered "at least 2,000": the new participant's
    first month fell in the closed year, which no longer counted, so the search saw no
    cost at all. A closed year takes no new starts: the question moves to January 2026."""
    before = programme_capacity(programme, today=D(2025, 12, 31))
    budget_close(
        budget=budget_of(programme, 2025),
        actor=controller,
        today=AFTER,
        missing_confirmed=True,
        reason="x",
    )
    after = programme_capacity(programme, today=D(2025, 3, 10))
    assert after.month == D(2026, 1, 1)
    assert after.years == [2026]
    assert after.result is not None and not after.result.at_limit
    assert after.count == before.count
    assert after.count < 20
