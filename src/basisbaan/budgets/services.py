"""Writes of budgets, expenditures and planned starts. Each is one transaction with
its audit entry; a closed year refuses every change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.budgets.constants import BUDGET_FIELDS, EXPENDITURE_FIELDS
from basisbaan.budgets.forecasting import closing_preview
from basisbaan.budgets.models import Budget, Expenditure, PlannedStart
from basisbaan.core.services import (
    model_create,
    model_delete,
    model_update,
)
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import User

__all__ = [
    "budget_close",
    "budget_reopen",
    "budget_create",
    "budget_update",
    "expenditure_create",
    "expenditure_delete",
    "expenditure_update",
    "planned_start_create",
    "planned_start_delete",
]

EDITABLE_BUDGET = frozenset(BUDGET_FIELDS)
EDITABLE_EXPENDITURE = frozenset(EXPENDITURE_FIELDS)


def _refuse_closed(budget: Budget) -> None:
    if budget.is_closed:
        raise ValidationError(
            _("Het jaar %(year)s is afgesloten: er kan niets meer worden gewijzigd.")
            % {"year": budget.year}
        )


def _check_year(programme: Programme, year: int) -> None:
    if not programme.start_date.year <= year <= programme.end_date.year:
        raise ValidationError(
            {
                "year": _("Het jaar valt buiten de looptijd van het programma (%(a)s-%(b)s).")
                % {"a": programme.start_date.year, "b": programme.end_date.year}
            }
        )


@transaction.atomic
def budget_create(
    *,
    programme: Programme,
    actor: User | None,
    year: int,
    amount: Decimal,
    iv3_task_field: str = "",
    municipal_programme: str = "",
    note: str = "",
) -> Budget:
    _check_year(programme, year)
    if Budget.objects.filter(programme=programme, year=year).exists():
        raise ValidationError({"year": _("Dit programma heeft al een budget voor dit jaar.")})
    budget = Budget(
        municipality_id=programme.municipality_id,
        programme=programme,
        year=year,
        amount=amount,
        municipal_programme=municipal_programme,
        note=note,
    )
    if iv3_task_field:
        budget.iv3_task_field = iv3_task_field
    return model_create(instance=budget, actor=actor)


@transaction.atomic
def budget_update(*, budget: Budget, actor: User | None, data: dict[str, Any]) -> Budget:
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    _refuse_closed(budget)
    budget, _changed = model_update(
        instance=budget, data=data, actor=actor, allowed=EDITABLE_BUDGET
    )
    return budget


@transaction.atomic
def budget_close(
    *,
    budget: Budget,
    actor: User | None,
    today: dt.date | None = None,
    missing_confirmed: bool = False,
    reason: str = "",
) -> Budget:
    """Close the year: record what was spent and the rest as the accounts result; lock it.

    Spent is the imported payroll of the year plus its expenditures, read in this
    transaction (:func:`~basisbaan.budgets.forecasting.closing_preview`, which the
    confirmation page shows). A year can only be closed once it has ended, and after
    the years before it. While months of the year lack payroll for a contract, closing
    is refused unless the controller confirms it explicitly with a reason; the months
    and the reason are recorded (and audited with the closing).
    """
    budget = Budget.objects.select_for_update().select_related("programme").get(pk=budget.pk)
    _refuse_closed(budget)
    today = today or timezone.localdate()
    if budget.year >= today.year:
        raise ValidationError(
            _("Het jaar %(year)s is nog niet voorbij en kan nog niet worden afgesloten.")
            % {"year": budget.year}
        )
    if Budget.objects.filter(
        programme_id=budget.programme_id, year__lt=budget.year, closed_at__isnull=True
    ).exists():
        raise ValidationError(_("Sluit eerst de jaren hiervoor af."))
    preview = closing_preview(budget)
    reason = reason.strip()
    if preview.missing and not (missing_confirmed and reason):
        raise ValidationError(
            {
                "reason": _(
                    "In %(year)s ontbreekt verloning (%(months)s). Lees die eerst in, of "
                    "bevestig dat u het jaar toch afsluit en geef de reden."
                )
                % {"year": budget.year, "months": preview.missing_text}
            }
        )
    # What is written is what may be written: the fields of this step only.
    data: dict[str, Any] = {
        "closed_at": timezone.now(),
        "closed_by": actor,
        "spent_at_close": preview.spent.total,
        "accounts_result": preview.accounts_result,
        "missing_at_close": preview.missing_months,
        "close_reason": reason if preview.missing else "",
    }
    budget, _changed = model_update(instance=budget, data=data, actor=actor, allowed=set(data))
    return budget


@transaction.atomic
def budget_reopen(*, budget: Budget, actor: User | None, reason: str) -> Budget:
    """Reopen a closed year (the functional administrator, with a reason).

    Only the last closed year of the programme: the years after it must be open.
    The recorded spending and accounts result are cleared (the audit entry keeps
    what they were); the reason, who and when are recorded.
    """
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    if not budget.is_closed:
        raise ValidationError(_("Het jaar %(year)s is niet afgesloten.") % {"year": budget.year})
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Geef de reden om het jaar te heropenen.")})
    later = (
        Budget.objects.filter(
            programme_id=budget.programme_id, year__gt=budget.year, closed_at__isnull=False
        )
        .order_by("-year")
        .first()
    )
    if later is not None:
        raise ValidationError(
            _("Heropen eerst %(year)s: een jaar gaat pas open als de jaren erna open zijn.")
            % {"year": later.year}
        )
    # What is written is what may be written: the fields of this step only.
    data: dict[str, Any] = {
        "closed_at": None,
        "closed_by": None,
        "spent_at_close": None,
        "accounts_result": None,
        "missing_at_close": [],
        "close_reason": "",
        "reopened_at": timezone.now(),
        "reopened_by": actor,
        "reopen_reason": reason,
    }
    budget, _changed = model_update(instance=budget, data=data, actor=actor, allowed=set(data))
    return budget


def _check_booking(budget: Budget, booked_on: dt.date, amount: Decimal) -> None:
    errors = {}
    if booked_on.year != budget.year:
        errors["booked_on"] = _("De datum moet in %(year)s liggen, het jaar van het budget.") % {
            "year": budget.year
        }
    if amount == 0:
        errors["amount"] = _("Vul een bedrag in (een correctie mag negatief zijn).")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def expenditure_create(
    *,
    budget: Budget,
    actor: User | None,
    category: str,
    booked_on: dt.date,
    amount: Decimal,
    description: str,
) -> Expenditure:
    budget = Budget.objects.select_for_update().get(pk=budget.pk)
    _refuse_closed(budget)
    _check_booking(budget, booked_on, amount)
    return model_create(
        instance=Expenditure(
            municipality_id=budget.municipality_id,
            budget=budget,
            category=category,
            booked_on=booked_on,
            amount=amount,
            description=description,
        ),
        actor=actor,
    )


@transaction.atomic
def expenditure_update(
    *, expenditure: Expenditure, actor: User | None, data: dict[str, Any]
) -> Expenditure:
    budget = Budget.objects.select_for_update().get(pk=expenditure.budget_id)
    _refuse_closed(budget)
    if "budget" in data and data["budget"].pk != budget.pk:
        raise ValidationError({"budget": _("Een uitgave blijft bij haar budgetjaar.")})
    data = {k: v for k, v in data.items() if k != "budget"}
    _check_booking(
        budget, data.get("booked_on", expenditure.booked_on), data.get("amount", expenditure.amount)
    )
    expenditure, _changed = model_update(
        instance=expenditure, data=data, actor=actor, allowed=EDITABLE_EXPENDITURE
    )
    return expenditure


@transaction.atomic
def expenditure_delete(*, expenditure: Expenditure, actor: User | None) -> None:
    budget = Budget.objects.select_for_update().get(pk=expenditure.budget_id)
    _refuse_closed(budget)
    model_delete(instance=expenditure, actor=actor)


@transaction.atomic
def planned_start_create(
    *,
    programme: Programme,
    actor: User | None,
    month: dt.date,
    count: int,
    hours_per_week: Decimal,
    track: str,
    note: str = "",
) -> PlannedStart:
    month = month.replace(day=1)
    if not programme.start_date.replace(day=1) <= month <= programme.end_date:
        raise ValidationError({"month": _("De maand valt buiten de looptijd van het programma.")})
    return model_create(
        instance=PlannedStart(
            municipality_id=programme.municipality_id,
            programme=programme,
            month=month,
            count=count,
            hours_per_week=hours_per_week,
            track=track,
            note=note,
        ),
        actor=actor,
    )


@transaction.atomic
def planned_start_delete(*, planned: PlannedStart, actor: User | None) -> None:
    model_delete(instance=planned, actor=actor)
