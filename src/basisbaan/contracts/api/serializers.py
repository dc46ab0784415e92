from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from basisbaan.calc.labour_law import notice_deadline
from basisbaan.contracts.constants import (
    WAGE_VALUE_FIELDS,
    Decision,
    EndReason,
    PermanentReason,
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
from basisbaan.contracts.severance import (
    NoticeRow,
    TransitionPaymentView,
    contract_notices,
    transition_payment_of,
)
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


def _confirm_permanent() -> serializers.BooleanField:
    return serializers.BooleanField(
        required=False,
        default=False,
        write_only=True,
        help_text=(
            "Bevestigt dat het contract door de ketenregeling van rechtswege vast wordt "
            "(het 4e contract op rij, of langer dan 36 maanden; de aantallen van het "
            "programma). Zonder deze bevestiging wordt zo'n contract of verlenging geweigerd "
            "(400, veld confirm_permanent, met de regel en de datum); met bevestiging wordt "
            "het contract vast vanaf die datum."
        ),
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
    # Declared: a read-only model field loses allow_blank, and "" (not recorded) would
    # fall outside the schema's enum.
    permanent_reason = serializers.ChoiceField(
        choices=PermanentReason.choices,
        allow_blank=True,
        read_only=True,
        help_text="Waarom het contract vast is: decision, chain_count of chain_duration; leeg: niet vast.",
    )
    end_reason = serializers.ChoiceField(
        choices=EndReason.choices,
        allow_blank=True,
        read_only=True,
        help_text="Reden van het einde van het dienstverband; leeg: niet vastgelegd.",
    )

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
            "permanent_reason",
            "end_reason",
            "first_start",
            "last_end",
            "periods",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=12, decimal_places=2, **kwargs)


class TransitionPaymentSerializer(serializers.Serializer[Any]):
    """The transition payment: due, or what it would be (prospective)."""

    due = serializers.BooleanField(help_text="Verschuldigd: het dienstverband is geëindigd.")
    prospective = serializers.BooleanField(
        help_text=(
            "Het dienstverband loopt nog: het bedrag bij een einde op `end` (het einde van de "
            "laatste periode; vast contract: het einde van het programma)."
        )
    )
    amount = _money(help_text="Transitievergoeding in euro.")
    monthly_wage = _money(help_text="Maandloon inclusief vakantiegeld.")
    service_months = serializers.IntegerField(source="service.months")
    service_days = serializers.IntegerField(source="service.days")
    cap = _money(help_text="Het wettelijk maximum of een jaarsalaris als dat hoger is.")
    cap_source = serializers.CharField()
    cap_assumed = serializers.BooleanField()
    end = serializers.DateField(help_text="Laatste dag van het dienstverband.")
    reason = serializers.CharField(help_text="Reden van het einde (leeg: nog niet geëindigd).")
    why_not = serializers.CharField(help_text="Waarom (nog) niet verschuldigd.")


class LateNoticeSerializer(serializers.Serializer[Any]):
    """The notice of one period of six months or more, and the compensation it owes."""

    period = serializers.IntegerField(source="period.pk")
    deadline = serializers.DateField(help_text="Uiterste aanzegdatum.")
    notice_sent_on = serializers.DateField(allow_null=True)
    days_late = serializers.IntegerField(allow_null=True)
    monthly_wage = _money(help_text="Maandloon zonder vakantiegeld.")
    month_days = serializers.IntegerField(help_text="Dagen van de aanzegmaand.")
    owed = _money(
        allow_null=True,
        help_text="Aanzegvergoeding volgens de vastgelegde feiten; leeg: de aanzegging is nog open.",
    )
    per_day = _money(help_text="Wat elke dag te laat kost (afgerond).")


class ContractDetailSerializer(ContractSerializer):
    """One contract, with its transition payment and the notice of each period."""

    transition_payment = serializers.SerializerMethodField()
    late_notice = serializers.SerializerMethodField()

    class Meta(ContractSerializer.Meta):
        fields = [*ContractSerializer.Meta.fields, "transition_payment", "late_notice"]
        read_only_fields = fields

    @extend_schema_field(TransitionPaymentSerializer(allow_null=True))
    def get_transition_payment(self, contract: Contract) -> dict[str, Any] | None:
        view: TransitionPaymentView | None = transition_payment_of(contract)
        return TransitionPaymentSerializer(view).data if view else None

    @extend_schema_field(LateNoticeSerializer(many=True))
    def get_late_notice(self, contract: Contract) -> list[dict[str, Any]]:
        rows: list[NoticeRow] = contract_notices(contract, today=self.context["today"])
        return [LateNoticeSerializer(row.notice).data for row in rows if row.notice]


class EndReasonSerializer(serializers.Serializer[None]):
    end_reason = serializers.ChoiceField(
        choices=EndReason.choices,
        allow_blank=True,
        help_text=(
            "Reden van het einde van het dienstverband; leeg wist de reden. Geen "
            "transitievergoeding bij resigned en serious_culpable."
        ),
    )


class NoticeRecordSerializer(serializers.Serializer[None]):
    period = serializers.IntegerField(min_value=1, help_text="De periode (met een besluit).")
    notice_sent_on = DateField(help_text="Schriftelijk aangezegd op.")


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
    confirm_permanent = _confirm_permanent()


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
    confirm_permanent = _confirm_permanent()


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


class RenewalDecisionRecordedSerializer(RenewalDecisionSerializer):
    """A decision just recorded, with the warning of a late notice."""

    late_notice_compensation = _money(
        allow_null=True,
        read_only=True,
        help_text="De aanzegvergoeding die een te late aanzegging nu kost; leeg: op tijd.",
    )
    warning = serializers.CharField(read_only=True)

    class Meta(RenewalDecisionSerializer.Meta):
        fields = [*RenewalDecisionSerializer.Meta.fields, "late_notice_compensation", "warning"]
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
    confirm_permanent = _confirm_permanent()


class ChainSerializer(serializers.Serializer[Any]):
    position = serializers.IntegerField(
        help_text="Het hoeveelste contract op rij de verlenging wordt."
    )
    chain_start = serializers.DateField()
    months = serializers.IntegerField()
    last_fixed_day = serializers.DateField(
        help_text="Laatste dag dat de keten binnen het maximum aantal maanden blijft (wettelijk 36)."
    )
    renewals_left = serializers.IntegerField(
        help_text="Verlengingen voor bepaalde tijd die na deze nog mogelijk zijn."
    )
    permanent_from = serializers.DateField(allow_null=True)
    reason = serializers.CharField(allow_null=True)
    makes_permanent = serializers.BooleanField()
    next_makes_permanent = serializers.BooleanField()


class DelayCostSerializer(serializers.Serializer[Any]):
    """What a later notice costs (a period of six months or more)."""

    deadline = serializers.DateField()
    per_day = _money(help_text="Aanzegvergoeding per dag na de uiterste aanzegdatum.")
    so_far = _money(help_text="De aanzegvergoeding als vandaag wordt aangezegd.")
    monthly_wage = _money(help_text="De aanzegvergoeding zonder aanzegging: een maandloon.")


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
    delay_cost = DelayCostSerializer(source="delay", allow_null=True)


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
