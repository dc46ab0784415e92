from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from basisbaan.calc.labour_law import notice_deadline
from basisbaan.contracts.constants import (
    WAGE_VALUE_FIELDS,
    Decision,
    WageLineReason,
    WageValueMethod,
)
from basisbaan.contracts.models import (
    Contract,
    ContractPeriod,
    ContractWageLine,
    RenewalDecision,
    WageValueMeasurement,
)
from basisbaan.contracts.selectors import contract_period_list
from basisbaan.core.api.fields import DateField, ScopedPrimaryKeyRelatedField
from basisbaan.participants.api.serializers import PseudonymousParticipantMixin
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


class DecisionSummarySerializer(serializers.ModelSerializer[RenewalDecision]):
    class Meta:
        model = RenewalDecision
        fields = ["id", "decision", "reason", "decided_by", "decided_at", "notice_sent_on"]
        read_only_fields = fields


class WageLineSummarySerializer(serializers.ModelSerializer[ContractWageLine]):
    class Meta:
        model = ContractWageLine
        fields = ["id", "start_date", "hourly_wage", "reason", "note"]
        read_only_fields = fields


class ContractPeriodSerializer(serializers.ModelSerializer[ContractPeriod]):
    wage_lines = WageLineSummarySerializer(
        many=True,
        read_only=True,
        help_text=(
            "Loonregels: het uurloon van de periode geldt tot de eerste; elke loonregel "
            "geldt vanaf start_date tot de volgende of het einde van de periode."
        ),
    )
    notice_deadline = serializers.SerializerMethodField(
        help_text="Uiterste datum om schriftelijk aan te zeggen (leeg: korter dan zes maanden)."
    )
    decision = serializers.SerializerMethodField()

    class Meta:
        model = ContractPeriod
        fields = [
            "id",
            "sequence",
            "start_date",
            "end_date",
            "hours_per_week",
            "hourly_wage",
            "wage_lines",
            "notice_deadline",
            "decision",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.DateField(allow_null=True))
    def get_notice_deadline(self, period: ContractPeriod) -> str | None:
        deadline = notice_deadline(period.start_date, period.end_date)
        return deadline.isoformat() if deadline else None

    @extend_schema_field(DecisionSummarySerializer(allow_null=True))
    def get_decision(self, period: ContractPeriod) -> dict[str, object] | None:
        try:
            decision = period.decision
        except RenewalDecision.DoesNotExist:
            return None
        return DecisionSummarySerializer(decision).data


class ContractSerializer(PseudonymousParticipantMixin, serializers.ModelSerializer[Contract]):
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
            "is_permanent",
            "permanent_from",
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
        max_length=150,
        required=False,
        allow_blank=True,
        default="",
        help_text=(
            "Juridisch werkgever, bijvoorbeeld Caparis; leeg: de standaard verloningspartij "
            "van het programma."
        ),
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


class RenewalDecisionSerializer(serializers.ModelSerializer[RenewalDecision]):
    """A decision about the end of a contract period, as read."""

    contract = serializers.IntegerField(source="period.contract_id", read_only=True)
    next_period = ContractPeriodSerializer(read_only=True, allow_null=True)

    class Meta:
        model = RenewalDecision
        fields = [
            "id",
            "contract",
            "period",
            "decision",
            "reason",
            "decided_by",
            "decided_at",
            "notice_sent_on",
            "next_period",
        ]
        read_only_fields = fields


class RenewalDecisionCreateSerializer(serializers.Serializer[None]):
    """The decision about the contract's last period (the one without a decision)."""

    decision = serializers.ChoiceField(
        choices=Decision.choices,
        help_text=(
            "renew: verlengen met een nieuwe periode; not_renew: niet verlengen; "
            "permanent: vast contract vanaf de dag na de periode."
        ),
    )
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=4000,
        help_text="Motivering; verplicht bij not_renew en permanent.",
    )
    notice_sent_on = DateField(
        required=False, allow_null=True, default=None, help_text="Schriftelijk aangezegd op."
    )
    start_date = DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Begin van de nieuwe periode; leeg: de dag na de huidige periode.",
    )
    end_date = DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Einde van de nieuwe periode; leeg: de standaardduur (vast: einde programma).",
    )
    hours_per_week = _hours(required=False, allow_null=True, default=None)
    hourly_wage = _wage(
        required=False,
        allow_null=True,
        default=None,
        help_text="Leeg: het huidige uurloon, verhoogd tot het minimumloon in de nieuwe periode.",
    )


class ChainSerializer(serializers.Serializer[Any]):
    position = serializers.IntegerField(
        help_text="Het hoeveelste contract op rij de verlenging wordt."
    )
    chain_start = serializers.DateField()
    months = serializers.IntegerField()
    last_fixed_day = serializers.DateField(
        help_text="Laatste dag dat de keten binnen 36 maanden blijft."
    )
    renewals_left = serializers.IntegerField(
        help_text="Verlengingen voor bepaalde tijd die na deze nog mogelijk zijn."
    )
    permanent_from = serializers.DateField(allow_null=True)
    reason = serializers.CharField(allow_null=True)
    makes_permanent = serializers.BooleanField()
    next_makes_permanent = serializers.BooleanField()


class DueDecisionSerializer(PseudonymousParticipantMixin, serializers.Serializer[Any]):
    """A contract's last period that needs a decision about renewal."""

    contract = serializers.IntegerField(source="period.contract_id")
    period = serializers.IntegerField(source="period.pk")
    participant = serializers.IntegerField(source="period.contract.participant_id")
    programme = serializers.IntegerField(source="period.contract.participant.programme_id")
    employer_name = serializers.CharField(source="period.contract.employer_name")
    start_date = serializers.DateField(source="period.start_date")
    end_date = serializers.DateField(source="period.end_date")
    notice_deadline = serializers.DateField(allow_null=True)
    days_left = serializers.IntegerField(
        help_text="Dagen tot de aanzegdatum (of tot het einde); negatief: verstreken."
    )
    status = serializers.CharField(help_text="due, overdue (aanzegtermijn verstreken) of ended.")
    chain = ChainSerializer(source="check")
    chain_text = serializers.CharField()


class WageFlagSerializer(PseudonymousParticipantMixin, serializers.Serializer[Any]):
    """A period whose hourly wage is below the statutory minimum from a date on."""

    contract = serializers.IntegerField(source="period.contract_id")
    period = serializers.IntegerField(source="period.pk")
    participant = serializers.IntegerField(source="period.contract.participant_id")
    start_date = serializers.DateField(source="period.start_date")
    end_date = serializers.DateField(source="period.end_date")
    hourly_wage = serializers.DecimalField(
        max_digits=7,
        decimal_places=2,
        help_text="Het uurloon dat tekortschiet: van de periode of van een loonregel.",
    )
    wage_line = serializers.IntegerField(
        source="line.pk",
        allow_null=True,
        default=None,
        help_text="De loonregel waarvan het uurloon tekortschiet (leeg: de periode zelf).",
    )
    minimum_wage = serializers.DecimalField(source="step.value", max_digits=7, decimal_places=2)
    since = serializers.DateField(source="step.since")
    assumed = serializers.BooleanField(help_text="Het minimumloon is een aanname.")
    message = serializers.CharField()


class ContractWageLineSerializer(serializers.ModelSerializer[ContractWageLine]):
    """A change of the hourly wage within a contract period, from ``start_date`` on."""

    contract = serializers.IntegerField(source="period.contract_id", read_only=True)

    class Meta:
        model = ContractWageLine
        fields = [
            "id",
            "contract",
            "period",
            "start_date",
            "hourly_wage",
            "reason",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ContractWageLineCreateSerializer(serializers.Serializer[None]):
    period = ScopedPrimaryKeyRelatedField(
        selector=contract_period_list, queryset=ContractPeriod.objects.none()
    )
    start_date = DateField(
        help_text="Na de startdatum van de periode, uiterlijk de einddatum; één per dag."
    )
    hourly_wage = _wage(
        help_text=(
            "Ten minste het gepubliceerde minimumloon op elke dag dat de regel geldt "
            "(tot de volgende loonregel of het einde van de periode)."
        )
    )
    reason = serializers.ChoiceField(
        choices=WageLineReason.choices, required=False, default=WageLineReason.OTHER
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)


class WageValueMeasurementSerializer(
    PseudonymousParticipantMixin, serializers.ModelSerializer[WageValueMeasurement]
):
    class Meta:
        model = WageValueMeasurement
        fields = ["id", "participant", *WAGE_VALUE_FIELDS, "created_at", "updated_at"]
        read_only_fields = fields


def _percentage(**kwargs: object) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=5,
        decimal_places=2,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        help_text="Loonwaarde in procent van het minimumloon (0-100).",
        **kwargs,  # type: ignore[arg-type]
    )


class WageValueCreateSerializer(serializers.Serializer[None]):
    participant = ScopedPrimaryKeyRelatedField(
        selector=participant_list, queryset=Participant.objects.none()
    )
    measured_on = DateField()
    percentage = _percentage()
    method = serializers.ChoiceField(
        choices=WageValueMethod.choices, required=False, default=WageValueMethod.UNIFORM
    )
    assessor = serializers.CharField(max_length=150, help_text="Naam van de loonwaardedeskundige.")
    next_measurement_on = DateField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Leeg: na de hermeettermijn van het programma (standaard 12 maanden).",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=4000)


class WageValueUpdateSerializer(serializers.Serializer[None]):
    measured_on = DateField(required=False)
    percentage = _percentage(required=False)
    method = serializers.ChoiceField(choices=WageValueMethod.choices, required=False)
    assessor = serializers.CharField(max_length=150, required=False)
    next_measurement_on = DateField(required=False)
    note = serializers.CharField(required=False, allow_blank=True, max_length=4000)


class RemeasurementDueSerializer(PseudonymousParticipantMixin, serializers.Serializer[Any]):
    participant = serializers.IntegerField(source="participant.pk")
    measurement = WageValueMeasurementSerializer(allow_null=True)
    due_on = serializers.DateField(allow_null=True)
    days_left = serializers.IntegerField(allow_null=True)
    status = serializers.CharField(help_text="missing, overdue of due.")
