"""The Django admin keeps a closed budget year locked: it writes no budget data at all."""

from __future__ import annotations

from decimal import Decimal

import pytest

from django.utils import timezone

from basisbaan.budgets.models import Budget, Expenditure
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(municipality):
    user = make_member(municipality, Role.FUNCTIONAL_ADMIN)
    user.is_staff = True
    user.save()
    return user


def _close(budget: Budget) -> Budget:
    Budget.objects.filter(pk=budget.pk).update(closed_at=timezone.now())
    budget.refresh_from_db()
    return budget


def test_a_closed_year_cannot_be_changed_or_deleted_in_the_admin(programme, staff, client_as):
    budget = _close(Budget.objects.get(programme=programme, year=2025))
    client = client_as(staff)

    page = client.get(f"/beheer/budgets/budget/{budget.pk}/change/")
    with unchanged(budget):
        posted = client.post(
            f"/beheer/budgets/budget/{budget.pk}/change/",
            {"programme": programme.pk, "year": 2025, "amount": "1", "iv3_task_field": "6.5"},
        )
        deleted = client.post(f"/beheer/budgets/budget/{budget.pk}/delete/", {"post": "yes"})

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()  # read-only view
    assert posted.status_code == 403
    assert deleted.status_code == 403
    budget.refresh_from_db()
    assert budget.amount == Decimal("50000.00")


def test_no_expenditure_can_be_added_in_the_admin_closed_year_or_open(programme, staff, client_as):
    """Expenditures are booked on the budget page (the service checks the lock), never here."""
    budget = _close(Budget.objects.get(programme=programme, year=2025))
    open_budget = Budget.objects.get(programme=programme, year=2026)
    client = client_as(staff)
    data = {
        "category": "research",
        "booked_on": "15-03-2025",
        "amount": "100.00",
        "description": "Onderzoek",
        "municipality": programme.municipality_id,
    }

    with unchanged(budget, open_budget):
        closed = client.post("/beheer/budgets/expenditure/add/", {**data, "budget": budget.pk})
        still_open = client.post(
            "/beheer/budgets/expenditure/add/",
            {**data, "budget": open_budget.pk, "booked_on": "15-03-2026"},
        )

    assert (closed.status_code, still_open.status_code) == (403, 403)
    assert not Expenditure.objects.exists()
