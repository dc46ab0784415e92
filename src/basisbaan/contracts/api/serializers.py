from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.core.api.fields import DateField, ScopedPrimaryKeyRelatedField
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.placements.models import Placement
from basisbaan.placements.selectors import placement_list


def _hours(**kwargs: object) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("1"),
        max_value=Decimal("40"),
        label="uren per week",
        **kwargs,  # type: ignore[arg-type]
    )


def _wage(**kwargs: object) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("99999.99"),
        label="uurloon",
        **kwargs,  # type: ignore[arg-type]
    )


class ContractPeriodSerializer(serializers.ModelSerializer[ContractPeriod]):
    class Meta:
        model = ContractPeriod
        fields = ["id", "sequence", "start_date", "end_date", "hours_per_week", "hourly_wage"]
        read_only_fields = fields


class ContractSerializer(serializers.ModelSerializer[Contract]):
    """A contract as read: its periods nested, first start and last end."""

    periods = ContractPeriodSerializer(many=True, read_only=True)
    first_start = serializers.DateField(read_only=True, allow_null=True)
    last_end = serializers.DateField(read_only=True, allow_null=True)

    class Meta:
        model = Contract
        fields = [
            "id",
            "participant",
            "placement",
            "employer_name",
            "reference",
            "wage_subsidy",
            "first_start",
            "last_end",
            "periods",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ContractCreateSerializer(serializers.Serializer[None]):
    """A new contract with its first period."""

    participant = ScopedPrimaryKeyRelatedField(
        selector=participant_list, queryset=Participant.objects.none()
    )
    placement = ScopedPrimaryKeyRelatedField(
        selector=placement_list,
        queryset=Placement.objects.none(),
        required=False,
        allow_null=True,
        default=None,
        help_text="De plaatsing waar het contract bij hoort (van dezelfde deelnemer).",
    )
    employer_name = serializers.CharField(
        max_length=150, help_text="Juridisch werkgever, bijvoorbeeld Caparis."
    )
    reference = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    wage_subsidy = serializers.BooleanField(required=False, default=False)
    start_date = DateField(help_text="Begin van de eerste periode.")
    end_date = DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Einde van de eerste periode; leeg: de standaardduur van het programma.",
    )
    hours_per_week = _hours()
    hourly_wage = _wage()


class ContractRenewSerializer(serializers.Serializer[None]):
    """A renewal: the next period of the contract."""

    start_date = DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Leeg: de dag na het einde van de vorige periode.",
    )
    end_date = DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Leeg: de standaardduur van het programma.",
    )
    hours_per_week = _hours()
    hourly_wage = _wage()
