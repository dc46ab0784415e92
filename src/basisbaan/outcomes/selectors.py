"""Reads of outcomes: exits, the follow-up worklist, the threshold and the
business case's assumptions as they hold on a day."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from basisbaan.calc.dates import add_days
from basisbaan.core.money import format_euro
from basisbaan.outcomes.constants import (
    ASSUMPTION_DEFAULTS,
    DEFAULT_FROM,
    DEFAULT_THRESHOLD,
    DUE_BEFORE_DAYS,
    OVERDUE_AFTER_DAYS,
    AssumptionKey,
    AssumptionUnit,
    FollowUpStatus,
)
from basisbaan.outcomes.models import Assumption, Exit, FollowUp, OutcomeSettings
from basisbaan.tenancy.models import Municipality

__all__ = [
    "AssumptionValue",
    "assumption_list",
    "assumptions_on",
    "exit_list",
    "follow_up_list",
    "follow_up_worklist",
    "threshold_of",
]


def threshold_of(municipality: Municipality) -> int:
    """The municipality's threshold for small numbers (default 5)."""
    stored = (
        OutcomeSettings.objects.filter(municipality=municipality)
        .values_list("threshold", flat=True)
        .first()
    )
    return int(stored) if stored is not None else DEFAULT_THRESHOLD


def exit_list(*, municipality: Municipality) -> QuerySet[Exit]:
    return Exit.objects.filter(municipality=municipality)


def follow_up_list(*, municipality: Municipality) -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(municipality=municipality)


def follow_up_worklist(
    *, municipality: Municipality, today: dt.date, state: str = ""
) -> QuerySet[FollowUp]:
    """Open measurements due (from :data:`DUE_BEFORE_DAYS` before their day) or
    overdue (more than :data:`OVERDUE_AFTER_DAYS` after it), soonest first.

    ``state``: ``"overdue"`` only the overdue ones, ``"due"`` only those not yet
    overdue, ``"done"`` the recorded ones (newest first); else every open one due.
    """
    base = follow_up_list(municipality=municipality).select_related("exit__participant__programme")
    if state == "done":
        return base.exclude(status=FollowUpStatus.OPEN).order_by("-measured_on", "-id")
    rows = base.filter(status=FollowUpStatus.OPEN, due_date__lte=add_days(today, DUE_BEFORE_DAYS))
    late = add_days(today, -OVERDUE_AFTER_DAYS)
    if state == "overdue":
        rows = rows.filter(due_date__lt=late)
    elif state == "due":
        rows = rows.filter(due_date__gte=late)
    return rows.order_by("due_date", "id")


def is_overdue(follow_up: FollowUp, today: dt.date) -> bool:
    return follow_up.status == FollowUpStatus.OPEN and follow_up.due_date < add_days(
        today, -OVERDUE_AFTER_DAYS
    )


def assumption_list(*, municipality: Municipality) -> QuerySet[Assumption]:
    return Assumption.objects.filter(municipality=municipality)


@dataclass(frozen=True, slots=True)
class AssumptionValue:
    """An assumption as it holds on a day: stored by the controller, or the default."""

    key: str
    value: Decimal
    effective_date: dt.date
    source: str
    note: str
    is_default: bool

    @property
    def label(self) -> str:
        return str(AssumptionKey(self.key).label)

    @property
    def unit(self) -> str:
        return ASSUMPTION_DEFAULTS[self.key].unit

    @property
    def display(self) -> str:
        """The value as the page shows it: 10%, € 2.883,00, ja or nee."""
        if self.unit == AssumptionUnit.EUR:
            return format_euro(self.value)
        if self.unit == AssumptionUnit.FLAG:
            return str(_("ja")) if self.value == 1 else str(_("nee"))
        percent = (self.value * 100).normalize()
        return f"{percent:f}".replace(".", ",") + "%"


def assumptions_on(*, municipality: Municipality, day: dt.date) -> dict[str, AssumptionValue]:
    """Every assumption as it holds on ``day`` (the latest row on or before it)."""
    out: dict[str, AssumptionValue] = {}
    for key, default in ASSUMPTION_DEFAULTS.items():
        out[key] = AssumptionValue(
            key, default.value, DEFAULT_FROM, default.source, "", is_default=True
        )
    rows = (
        assumption_list(municipality=municipality)
        .filter(Q(effective_date__lte=day))
        .order_by("key", "effective_date")
    )
    for row in rows:
        out[row.key] = AssumptionValue(
            row.key, row.value, row.effective_date, row.source, row.note, is_default=False
        )
    return out
