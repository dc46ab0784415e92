"""Reads of the cost settings and indexation assumptions, always within one municipality."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet

from basisbaan.calc.labour_law import MinimumWageTable
from basisbaan.contracts.selectors import minimum_wage_table
from basisbaan.costs.models import IndexationAssumption, ProgrammeCostSettings
from basisbaan.parameters.constants import ParameterKey
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality

__all__ = [
    "cost_settings_list",
    "cost_settings_of",
    "indexation_list",
    "indexation_rates",
    "minimum_wage_table_of",
]


def cost_settings_of(programme: Programme) -> ProgrammeCostSettings:
    """The programme's cost settings; an unsaved row with the defaults when it has none.

    Uses ``programme.cost_settings`` when it was selected with the programme. The
    cost model reads a missing row as these same defaults.
    """
    try:
        return programme.cost_settings
    except ProgrammeCostSettings.DoesNotExist:
        return ProgrammeCostSettings(municipality_id=programme.municipality_id, programme=programme)


def cost_settings_list(*, municipality: Municipality) -> list[ProgrammeCostSettings]:
    """Every programme's cost settings, in programme order (defaults where none saved)."""
    programmes = Programme.objects.filter(municipality=municipality).select_related("cost_settings")
    return [cost_settings_of(p) for p in programmes]


def indexation_list(*, municipality: Municipality) -> QuerySet[IndexationAssumption]:
    return IndexationAssumption.objects.filter(municipality=municipality).select_related(
        "updated_by"
    )


def indexation_rates(*, municipality: Municipality) -> dict[str, Decimal]:
    """The municipality's assumed rise per expected change, by parameter key."""
    return dict(
        IndexationAssumption.objects.filter(municipality=municipality).values_list("key", "rate")
    )


def minimum_wage_table_of(*, municipality: Municipality) -> MinimumWageTable:
    """The minimum-wage table with ``municipality``'s indexation assumption for
    the half-years past the last published amount (0 when none is set): the
    amounts the cost model assumes for those days, marked as assumptions.
    Two queries."""
    rate = (
        IndexationAssumption.objects.filter(
            municipality=municipality, key=ParameterKey.MINIMUM_WAGE_HOURLY
        )
        .values_list("rate", flat=True)
        .first()
    )
    return minimum_wage_table(indexation=rate or Decimal(0))
