"""API serializers of budgets, expenditures and the forecast; amounts as decimal strings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from basisbaan.budgets.constants import (
    BUDGET_FIELDS,
    DEFAULT_DRAWS,
    DEFAULT_PROBABILITY,
    DEFAULT_SEED,
    EXPENDITURE_FIELDS,
    MAX_SEED,
)
from basisbaan.budgets.models import Budget, Expenditure, PlannedStart
from basisbaan.budgets.selectors import budget_list
from basisbaan.calc.forecast import Scenario
from basisbaan.core.api.fields import DateField, ScopedPrimaryKeyRelatedField
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list

MAX_API_DRAWS = 2_000


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class BudgetSerializer(serializers.ModelSerializer[Budget]):
    programme = ScopedPrimaryKeyRelatedField(
        selector=programme_list, queryset=Programme.objects.all(), help_text="Het programma."
    )
    amount = _money(min_value=0, max_value=10**11, help_text="Budget van het jaar in euro.")
    year = serializers.IntegerField(min_value=2000, max_value=2100)

    class Meta:
        model = Budget
        fields = [
            "id",
            "programme",
            "year",
            *BUDGET_FIELDS,
            "closed_at",
            "spent_at_close",
            "accounts_result",
            "missing_at_close",
            "close_reason",
            "reopened_at",
            "reopen_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "closed_at",
            "spent_at_close",
            "accounts_result",
            "missing_at_close",
            "close_reason",
            "reopened_at",
            "reopen_reason",
            "created_at",
            "updated_at",
        ]


class BudgetUpdateSerializer(BudgetSerializer):
    class Meta(BudgetSerializer.Meta):
        read_only_fields = [*BudgetSerializer.Meta.read_only_fields, "programme", "year"]


class ExpenditureSerializer(serializers.ModelSerializer[Expenditure]):
    budget = ScopedPrimaryKeyRelatedField(
        selector=budget_list, queryset=Budget.objects.all(), help_text="Het budgetjaar."
    )
    booked_on = DateField(label="datum")
    amount = _money(min_value=-(10**11), max_value=10**11, help_text="Bedrag in euro.")

    class Meta:
        model = Expenditure
        fields = ["id", "budget", *EXPENDITURE_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class PlannedStartSerializer(serializers.ModelSerializer[PlannedStart]):
    programme = ScopedPrimaryKeyRelatedField(
        selector=programme_list, queryset=Programme.objects.all(), help_text="Het programma."
    )
    month = DateField(label="maand", help_text="Een dag in de maand; opgeslagen als de eerste.")
    hours_per_week = serializers.DecimalField(
        max_digits=4, decimal_places=1, min_value=Decimal(1), max_value=Decimal(40)
    )

    class Meta:
        model = PlannedStart
        fields = [
            "id",
            "programme",
            "month",
            "count",
            "hours_per_week",
            "track",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]


class ForecastQuerySerializer(serializers.Serializer[Any]):
    scenario = serializers.ChoiceField(
        choices=[str(s) for s in Scenario],
        default=str(Scenario.OBSERVED),
        help_text="all_renewed, no_renewals of observed (de P50 van de simulatie).",
    )
    draws = serializers.IntegerField(
        min_value=1, max_value=MAX_API_DRAWS, default=DEFAULT_DRAWS, help_text="Trekkingen."
    )
    seed = serializers.IntegerField(
        min_value=0, max_value=MAX_SEED, default=DEFAULT_SEED, help_text="Seed: zelfde uitkomst."
    )


class CapacityQuerySerializer(ForecastQuerySerializer):
    month = DateField(required=False, help_text="Startmaand; standaard de maand na vandaag.")
    hours = serializers.DecimalField(
        max_digits=3, decimal_places=1, min_value=1, max_value=40, default=Decimal(32)
    )
    probability = serializers.DecimalField(
        max_digits=4,
        decimal_places=3,
        min_value=Decimal("0.5"),
        max_value=Decimal("0.999"),
        default=DEFAULT_PROBABILITY,
        help_text="De vereiste kans dat elk resterend jaar binnen budget blijft.",
    )


class SpentSerializer(serializers.Serializer[Any]):
    payroll = _money()
    monitoring = _money()
    research = _money()
    other = _money()
    total = _money()


class TransitionPaymentsSerializer(serializers.Serializer[Any]):
    all_renewed = _money()
    no_renewals = _money()
    observed_expected = _money()


class CommitmentSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    permanent_contracts = serializers.IntegerField()
    cost = _money()


class YearForecastSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    budget = _money(allow_null=True)
    spent = SpentSerializer()
    committed = _money(
        help_text="Lopende en besloten contractperiodes na de laatste ingelezen maand."
    )
    forecast = _money(help_text="De prognose van het gekozen scenario.")
    all_renewed = _money()
    no_renewals = _money()
    observed_expected = _money(help_text="Verwachting van het waargenomen scenario.")
    p10 = _money()
    p50 = _money()
    p90 = _money()
    p_overspend = serializers.FloatField(help_text="Kans dat het jaar het budget overschrijdt.")
    to_accounts_result = _money(allow_null=True, help_text="Vastgelegd bij het afsluiten.")
    closed = serializers.BooleanField()
    transition_payments = TransitionPaymentsSerializer(
        help_text="De transitievergoedingen in de prognose van elk scenario (in dit jaar)."
    )


class RatesSerializer(serializers.Serializer[Any]):
    renewal = serializers.FloatField()
    exit_per_month = serializers.FloatField()
    prior = serializers.DictField(child=serializers.FloatField())
    renewals = serializers.IntegerField()
    non_renewals = serializers.IntegerField()
    exits = serializers.IntegerField()
    exposure_months = serializers.IntegerField()


class MissingPayrollSerializer(serializers.Serializer[Any]):
    month = serializers.CharField(help_text="jjjj-mm")
    contracts = serializers.IntegerField()
    modelled = _money(help_text="Wat het kostenmodel voor die contracten verwacht.")


class ForecastSerializer(serializers.Serializer[Any]):
    programme = serializers.IntegerField()
    as_of = serializers.DateField(help_text="De eerste maand van de prognose.")
    last_imported = serializers.DateField(
        allow_null=True, help_text="De laatste maand met ingelezen verloning."
    )
    missing_payroll = MissingPayrollSerializer(
        many=True,
        help_text="Maanden tot en met de laatst ingelezen maand waarin voor een contract "
        "verloning ontbreekt; de prognose rekent daar met het kostenmodel.",
    )
    scenario = serializers.CharField()
    draws = serializers.IntegerField()
    seed = serializers.IntegerField()
    rates = RatesSerializer()
    years = YearForecastSerializer(many=True)
    commitments_after_end = CommitmentSerializer(
        many=True,
        help_text="Wat doorlopende vaste contracten na het einde van het programma per jaar "
        "blijven kosten.",
    )


class CapacitySerializer(serializers.Serializer[Any]):
    programme = serializers.IntegerField()
    month = serializers.DateField()
    hours = serializers.DecimalField(max_digits=3, decimal_places=1)
    probability = serializers.DecimalField(max_digits=4, decimal_places=3)
    years = serializers.ListField(child=serializers.IntegerField())
    count = serializers.IntegerField(help_text="Zoveel nieuwe deelnemers passen.")
    at_limit = serializers.BooleanField()
    probability_at_count = serializers.FloatField(allow_null=True)
    probability_next = serializers.FloatField(allow_null=True)
    draws = serializers.IntegerField()
    seed = serializers.IntegerField()


class BudgetCloseSerializer(serializers.Serializer[Any]):
    missing_confirmed = serializers.BooleanField(
        default=False,
        help_text="Toch afsluiten terwijl er maanden zonder verloning zijn (met reason).",
    )
    reason = serializers.CharField(
        default="", allow_blank=True, max_length=1000, help_text="Reden; wordt vastgelegd."
    )


class BudgetReopenSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=1000, help_text="Reden; wordt vastgelegd.")


class ClosingPreviewSerializer(serializers.Serializer[Any]):
    budget = serializers.IntegerField()
    year = serializers.IntegerField()
    amount = _money()
    spent = SpentSerializer()
    accounts_result = _money()
    missing_payroll = MissingPayrollSerializer(many=True)
