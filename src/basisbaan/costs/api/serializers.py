"""The API's view of actual against planned: amounts as decimal strings."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from basisbaan.costs.comparison import (
    ACTUAL_FIELDS,
    PLANNED_FIELDS,
    Actual,
    CostComparison,
    Line,
    MonthTotal,
    Planned,
)

__all__ = ["ComparisonQuerySerializer", "ComparisonSerializer", "comparison_data"]


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, **kwargs)


def _share(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=10, decimal_places=4, **kwargs)


class ComparisonQuerySerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        required=False,
        help_text="Kalenderjaar; standaard dit jaar.",
    )


class PlannedSerializer(serializers.Serializer[Any]):
    gross = _money(help_text="Brutoloon.")
    holiday_allowance = _money(help_text="Vakantiegeld.")
    employer_charges = _money(help_text="Werkgeverslasten.")
    pension = _money(help_text="Pensioen (werkgever).")
    monitoring_fee = _money(help_text="Monitoringskosten van de verloningspartij.")
    total = _money(help_text="Totaal van de vijf bedragen hierboven.")
    lks = _money(help_text="Loonkostensubsidie (uit de BUIG; geen kostenpost).")


class ActualSerializer(serializers.Serializer[Any]):
    gross_wage = _money(help_text="brutoloon")
    holiday_allowance = _money(help_text="vakantiegeld")
    employer_charges = _money(help_text="werkgeverslasten")
    pension = _money(help_text="pensioen")
    other_costs = _money(help_text="overige_kosten")
    total = _money(help_text="totaal")
    hours = serializers.DecimalField(max_digits=9, decimal_places=2, help_text="uren")


class ThresholdSerializer(serializers.Serializer[Any]):
    rate = serializers.DecimalField(max_digits=7, decimal_places=6)
    amount = _money()


class LineSerializer(serializers.Serializer[Any]):
    contract = serializers.IntegerField()
    participant = serializers.IntegerField()
    month = serializers.CharField(help_text="JJJJ-MM")
    planned = PlannedSerializer(allow_null=True)
    actual = ActualSerializer(allow_null=True, help_text="Null: de maand is nog niet ingelezen.")
    missing = serializers.BooleanField(
        help_text="De maand is ingelezen, maar dit contract heeft geen verloningsregel."
    )
    deviation = _money(allow_null=True, help_text="Werkelijk totaal min gepland totaal.")
    deviation_share = _share(allow_null=True, help_text="Afwijking gedeeld door gepland.")
    over_threshold = serializers.BooleanField()
    assumed = serializers.BooleanField(help_text="De planning gebruikt een aangenomen waarde.")
    assumed_keys = serializers.ListField(child=serializers.CharField())
    wage_value_missing = serializers.BooleanField()


class MonthSerializer(serializers.Serializer[Any]):
    month = serializers.CharField(help_text="JJJJ-MM")
    contracts = serializers.IntegerField()
    entries = serializers.IntegerField()
    planned = PlannedSerializer()
    actual = ActualSerializer(allow_null=True)
    deviation = _money(allow_null=True)
    deviation_share = _share(allow_null=True)
    over_threshold = serializers.BooleanField()
    over_count = serializers.IntegerField()
    assumed = serializers.BooleanField()
    assumed_keys = serializers.ListField(child=serializers.CharField())


class ComparisonSerializer(serializers.Serializer[Any]):
    programme = serializers.IntegerField()
    year = serializers.IntegerField()
    threshold = ThresholdSerializer()
    planned_total = _money()
    planned_imported = _money(help_text="Gepland totaal van de ingelezen maanden.")
    actual_total = _money(allow_null=True)
    deviation = _money(allow_null=True, help_text="Over de ingelezen maanden.")
    over_count = serializers.IntegerField()
    months = MonthSerializer(many=True)
    lines = LineSerializer(many=True)


def _planned(planned: Planned | None) -> dict[str, Any] | None:
    if planned is None:
        return None
    return {name: getattr(planned, name) for name in PLANNED_FIELDS}


def _actual(actual: Actual | None) -> dict[str, Any] | None:
    if actual is None:
        return None
    return {name: getattr(actual, name) for name in ACTUAL_FIELDS}


def _line(line: Line, participant: int) -> dict[str, Any]:
    return {
        "contract": line.contract_id,
        "participant": participant,
        "month": f"{line.month:%Y-%m}",
        "planned": _planned(line.planned),
        "actual": None if line.actual is None or line.missing else _actual(line.actual),
        "missing": line.missing,
        "deviation": line.deviation,
        "deviation_share": line.deviation_share,
        "over_threshold": line.over_threshold,
        "assumed": line.assumed,
        "assumed_keys": list(line.assumed_keys),
        "wage_value_missing": line.wage_value_missing,
    }


def _month(month: MonthTotal) -> dict[str, Any]:
    return {
        "month": f"{month.month:%Y-%m}",
        "contracts": month.contracts,
        "entries": month.entries,
        "planned": _planned(month.planned),
        "actual": _actual(month.actual),
        "deviation": month.deviation,
        "deviation_share": month.deviation_share,
        "over_threshold": month.over_threshold,
        "over_count": month.over_count,
        "assumed": month.assumed,
        "assumed_keys": list(month.assumed_keys),
    }


def comparison_data(comparison: CostComparison, year: int) -> dict[str, Any]:
    """The comparison as the plain structure :class:`ComparisonSerializer` describes."""
    return {
        "programme": comparison.programme.pk,
        "year": year,
        "threshold": {
            "rate": comparison.threshold.rate,
            "amount": comparison.threshold.amount,
        },
        "planned_total": comparison.planned.total,
        "planned_imported": comparison.planned_imported,
        "actual_total": comparison.actual.total if comparison.actual is not None else None,
        "deviation": comparison.deviation,
        "over_count": comparison.over_count,
        "months": [_month(m) for m in comparison.months],
        "lines": [
            _line(line, c.contract.participant_id) for c in comparison.contracts for line in c.lines
        ],
    }
