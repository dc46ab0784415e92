"""What the "does work pay?" endpoints take: the inputs of a comparison (no
personal data), and the overrides of a participant's comparison."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from basisbaan.calc.income import MAX_CHILDREN
from basisbaan.calc.income_rules import Kind
from basisbaan.income.texts import KIND_CODE, KIND_TEXT

__all__ = ["IncomeCheckInputSerializer", "ParticipantCheckQuerySerializer"]

# The years a comparison may be asked for; the tables decide which of them can be made.
YEAR_MIN, YEAR_MAX = 2000, 2100
# Children of this age and older count for no allowance.
ADULT = 18


def _this_year() -> int:
    return timezone.localdate().year


def hours_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=4,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(40),
        help_text="Uren per week in de basisbaan, 0 tot 40.",
        **kwargs,
    )


def wage_field(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=6,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        help_text="Bruto uurloon in euro.",
        **kwargs,
    )


def year_field(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=YEAR_MIN,
        max_value=YEAR_MAX,
        help_text="Het kalenderjaar van de berekening; standaard dit jaar.",
        **kwargs,
    )


def month_field(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(
        min_value=1, max_value=12, help_text="De maand (1-12) waarin het werk begint.", **kwargs
    )


class IncomeCheckInputSerializer(serializers.Serializer[Any]):
    household = serializers.ChoiceField(
        choices=[(code, KIND_TEXT[kind]) for kind, code in KIND_CODE.items()],
        help_text="single (alleenstaand), single_parent (alleenstaande ouder) of couple.",
    )
    children_ages = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=30),
        max_length=MAX_CHILDREN,
        error_messages={"max_length": _("Geef hoogstens {max_length} kinderen op.")},
        required=False,
        default=list,
        help_text=f"De leeftijden van de thuiswonende kinderen (hoogstens {MAX_CHILDREN}).",
    )
    rent_month = serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(10000),
        required=False,
        default=Decimal(0),
        help_text="Huur per maand (rekenhuur) in euro.",
    )
    partner_income_year = serializers.DecimalField(
        max_digits=9,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(1000000),
        required=False,
        default=Decimal(0),
        help_text="Bruto inkomen uit werk van de partner per jaar (alleen bij couple).",
    )
    hours_per_week = hours_field()
    hourly_wage = wage_field()
    year = year_field(required=False, default=_this_year)
    start_month = month_field(required=False, default=1)
    pension_rate = serializers.DecimalField(
        max_digits=5,
        decimal_places=4,
        min_value=Decimal(0),
        max_value=Decimal("0.5"),
        required=False,
        default=Decimal(0),
        help_text="Pensioenpremie van de werknemer als deel van het bruto (0,075 is 7,5%).",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        minors = [age for age in attrs["children_ages"] if age < ADULT]
        if attrs["household"] == KIND_CODE[Kind.SINGLE] and minors:
            raise serializers.ValidationError(
                {
                    "children_ages": [
                        _(
                            "Met kinderen onder de 18 thuis bent u een alleenstaande ouder: "
                            "kies single_parent."
                        )
                    ]
                }
            )
        return attrs


class ParticipantCheckQuerySerializer(serializers.Serializer[Any]):
    hours = hours_field(required=False)
    wage = wage_field(required=False)
    year = year_field(required=False)
    start_month = month_field(required=False)
