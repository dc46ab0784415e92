"""Reads of budgets, expenditures and planned starts, always within one municipality."""

from __future__ import annotations

from django.db.models import QuerySet

from basisbaan.budgets.models import Budget, Expenditure, PlannedStart
from basisbaan.participants.models import Participant
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality

__all__ = [
    "budget_list",
    "closed_years_by_participant",
    "expenditure_list",
    "planned_start_list",
]


def budget_list(*, municipality: Municipality) -> QuerySet[Budget]:
    return Budget.objects.filter(municipality=municipality).select_related("programme")


def closed_years_by_participant(
    *, municipality: Municipality
) -> dict[int, tuple[str, frozenset[int]]]:
    """Participant id -> (programme name, the programme's closed budget years).

    Only participants of programmes with a closed year are in it, so an import
    in a municipality without closed years reads one small query.
    """
    closed: dict[int, set[int]] = {}
    for programme_id, year in (
        budget_list(municipality=municipality)
        .filter(closed_at__isnull=False)
        .values_list("programme_id", "year")
    ):
        closed.setdefault(programme_id, set()).add(year)
    if not closed:
        return {}
    names = dict(
        Programme.objects.filter(municipality=municipality, pk__in=closed).values_list("pk", "name")
    )
    years = {pk: (names[pk], frozenset(found)) for pk, found in closed.items()}
    rows = Participant.objects.filter(
        municipality=municipality, programme_id__in=closed
    ).values_list("pk", "programme_id")
    return {pk: years[programme_id] for pk, programme_id in rows}


def expenditure_list(*, municipality: Municipality) -> QuerySet[Expenditure]:
    return Expenditure.objects.filter(municipality=municipality).select_related("budget__programme")


def planned_start_list(*, municipality: Municipality) -> QuerySet[PlannedStart]:
    return PlannedStart.objects.filter(municipality=municipality).select_related("programme")
