"""The exit fields every API face that ends a placement or a participation shares."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from basisbaan.outcomes.constants import ContractType, WageBand
from basisbaan.participants.constants import ExitReason


class ExitWorkSerializer(serializers.Serializer[None]):
    """What came after an exit to work; only for the two work reasons."""

    employer = serializers.CharField(
        max_length=200,
        required=False,
        allow_blank=True,
        default="",
        help_text="Nieuwe werkgever (bij werk; leeg bij werk bij de eigen werkgever).",
    )
    hours_per_week = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("0.5"),
        max_value=Decimal("60"),
        required=False,
        allow_null=True,
        default=None,
        help_text="Uren per week (bij werk).",
    )
    contract_type = serializers.ChoiceField(
        choices=ContractType.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Soort contract (bij werk).",
    )
    wage_band = serializers.ChoiceField(
        choices=WageBand.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="Loon ten opzichte van het minimumloon (bij werk).",
    )
    note = serializers.CharField(
        max_length=1000, required=False, allow_blank=True, default="", help_text="Toelichting."
    )

    def work_data(self) -> dict[str, Any]:
        data = self.validated_data
        return {
            "employer": data.get("employer", ""),
            "hours_per_week": data.get("hours_per_week"),
            "contract_type": data.get("contract_type", ""),
            "wage_band": data.get("wage_band", ""),
            "note": data.get("note", ""),
        }


REASON_HELP = "Reden (vaste lijst): " + ", ".join(ExitReason.values) + "."
