"""The regional comparison as JSON: one entry per sharing municipality and the region's
total; a suppressed figure is null with its mark."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from basisbaan.calc.regional import COUNTS, RATES, Cell, Row
from basisbaan.regions.models import Region
from basisbaan.regions.selectors import RegionComparison


class RegionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Region
        fields = ("slug", "name", "kind", "description", "threshold")


MARKS = ["published", "primary", "secondary"]


class RegionCountCellSerializer(serializers.Serializer):  # type: ignore[type-arg]
    value = serializers.IntegerField(allow_null=True)
    mark = serializers.ChoiceField(choices=MARKS)


class RegionCellSerializer(serializers.Serializer):  # type: ignore[type-arg]
    value = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    mark = serializers.ChoiceField(choices=MARKS)


class RegionFiguresSerializer(serializers.Serializer):  # type: ignore[type-arg]
    counts = serializers.DictField(child=RegionCountCellSerializer())
    rates = serializers.DictField(
        child=RegionCellSerializer(), help_text="Percentages, one decimal."
    )
    cost_per_participant_year = RegionCellSerializer(help_text="Euros.")
    guidance_hours_per_participant_year = RegionCellSerializer()


class RegionMunicipalityFiguresSerializer(RegionFiguresSerializer):
    municipality = serializers.CharField()
    programmes = serializers.ListField(child=serializers.CharField())
    as_of = serializers.DateField()
    stale = serializers.BooleanField()


class RegionComparisonSerializer(serializers.Serializer):  # type: ignore[type-arg]
    region = RegionSerializer()
    definition_version = serializers.CharField()
    threshold = serializers.IntegerField()
    municipalities = RegionMunicipalityFiguresSerializer(many=True)
    total = RegionFiguresSerializer()
    not_sharing = serializers.ListField(child=serializers.CharField())
    waiting = serializers.ListField(child=serializers.CharField())


def _cell(cell: Cell) -> dict[str, Any]:
    return {"value": cell.value, "mark": cell.mark}


def _figures(row: Row) -> dict[str, Any]:
    cost = row.cost_per_year
    return {
        "counts": {name: _cell(row.counts[name]) for name in COUNTS},
        "rates": {name: _cell(row.rates[name]) for name in RATES},
        "cost_per_participant_year": {
            "value": None if cost.value is None else Decimal(int(cost.value)) / 100,
            "mark": cost.mark,
        },
        "guidance_hours_per_participant_year": _cell(row.hours_per_year),
    }


def comparison_data(data: RegionComparison) -> dict[str, Any]:
    municipalities = []
    for column, row in data.rows():
        entry = _figures(row)
        entry.update(
            municipality=column.name,
            programmes=list(column.programmes),
            as_of=column.as_of,
            stale=column.stale,
        )
        municipalities.append(entry)
    total = _figures(data.comparison.total)
    return {
        "region": data.region,
        "definition_version": data.version,
        "threshold": data.comparison.threshold,
        "municipalities": municipalities,
        "total": total,
        "not_sharing": data.not_sharing,
        "waiting": data.waiting,
    }
