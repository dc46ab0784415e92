"""Forms of the budget pages; the rules live in budgets/services.py."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.budgets.capacity import DEFAULT_HOURS
from basisbaan.budgets.constants import (
    BUDGET_FIELDS,
    DEFAULT_DRAWS,
    DEFAULT_PROBABILITY,
    DEFAULT_SEED,
    EXPENDITURE_FIELDS,
    MAX_DRAWS,
    MAX_SEED,
    SCENARIO_CHOICES,
)
from basisbaan.budgets.models import Budget, Expenditure, PlannedStart
from basisbaan.calc.forecast import Scenario
from basisbaan.core.forms import Form, ModelForm


class ServiceDataMixin:
    cleaned_data: dict[str, Any]
    _meta: Any

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or []}


class BudgetCreateForm(ServiceDataMixin, ModelForm):
    class Meta:
        model = Budget
        fields = ["year", *BUDGET_FIELDS]


class BudgetUpdateForm(ServiceDataMixin, ModelForm):
    class Meta:
        model = Budget
        fields = list(BUDGET_FIELDS)


class ExpenditureForm(ServiceDataMixin, ModelForm):
    class Meta:
        model = Expenditure
        fields = list(EXPENDITURE_FIELDS)
        help_texts = {"amount": _("Een correctie mag negatief zijn.")}


class PlannedStartForm(ServiceDataMixin, ModelForm):
    month = forms.DateField(
        label=_("Maand"), help_text=_("Een dag in de maand van de start, bijvoorbeeld 01-03-2026.")
    )

    class Meta:
        model = PlannedStart
        fields = ["month", "count", "hours_per_week", "track", "note"]


class ForecastQueryForm(Form):
    """The page's choices: scenario, and the Monte Carlo's draws and seed."""

    # Not required: a link that names only draws and seed shows the default scenario.
    scenario = forms.ChoiceField(
        label=_("Scenario"),
        choices=SCENARIO_CHOICES,
        initial=str(Scenario.OBSERVED),
        required=False,
    )
    draws = forms.IntegerField(
        label=_("Aantal gesimuleerde toekomsten"),
        required=False,
        min_value=100,
        max_value=MAX_DRAWS,
        initial=DEFAULT_DRAWS,
        help_text=_("Meer geeft een nauwkeurigere bandbreedte, maar rekent langer."),
    )
    seed = forms.IntegerField(
        label=_("Startgetal van de simulatie"),
        required=False,
        min_value=0,
        max_value=MAX_SEED,
        initial=DEFAULT_SEED,
        help_text=_("Hetzelfde startgetal geeft dezelfde uitkomst."),
    )

    def values(self) -> tuple[Scenario, int, int]:
        """The valid choices, or the defaults for what is missing or invalid."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return (
            Scenario(data.get("scenario") or Scenario.OBSERVED),
            int(data.get("draws") or DEFAULT_DRAWS),
            int(data["seed"]) if data.get("seed") is not None else DEFAULT_SEED,
        )


class CapacityForm(Form):
    """The capacity question: start month, hours per week, required probability."""

    month = forms.DateField(label=_("Startmaand"), help_text=_("Bijvoorbeeld 01-01-2025."))
    hours = forms.DecimalField(
        label=_("Uren per week"),
        min_value=Decimal(1),
        max_value=Decimal(40),
        decimal_places=1,
        initial=DEFAULT_HOURS,
    )
    probability = forms.DecimalField(
        label=_("Zekerheid (%)"),
        min_value=Decimal(50),
        max_value=Decimal("99.9"),
        decimal_places=1,
        initial=DEFAULT_PROBABILITY * 100,
        help_text=_("De kans dat elk resterend jaar binnen het budget blijft."),
    )

    def values(self, default_month: dt.date | None) -> tuple[dt.date | None, Decimal, Decimal]:
        data = self.cleaned_data if self.is_valid() else {}
        return (
            data.get("month") or default_month,
            data.get("hours") or DEFAULT_HOURS,
            (data.get("probability") or DEFAULT_PROBABILITY * 100) / 100,
        )


class BudgetCloseForm(Form):
    """Closing a year. When months lack payroll, closing anyway needs both boxes."""

    missing_confirmed = forms.BooleanField(
        label=_("Ik sluit het jaar af, hoewel er maanden zonder verloning zijn"),
        required=False,
    )
    reason = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Alleen nodig als er verloning ontbreekt; de reden wordt vastgelegd."),
    )

    def __init__(self, *args: Any, missing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not missing:  # nothing to confirm: the plain confirmation button is enough
            del self.fields["missing_confirmed"]
            del self.fields["reason"]

    def service_data(self) -> dict[str, Any]:
        return {
            "missing_confirmed": bool(self.cleaned_data.get("missing_confirmed")),
            "reason": self.cleaned_data.get("reason") or "",
        }


class BudgetReopenForm(Form):
    reason = forms.CharField(
        label=_("Reden"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Waarom het jaar weer open moet; de reden wordt vastgelegd."),
    )
