"""The parameter page: the national figures per key with their sources, the values
now assumed because a published one is missing, and (for a national administrator,
never a municipal role) the form to add or correct a value."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from basisbaan.core.views import ServiceFormView
from basisbaan.costs.assumed import assumed_values
from basisbaan.costs.forms import percent_of
from basisbaan.costs.selectors import indexation_list
from basisbaan.parameters.constants import ParameterKey, Unit, unit_of
from basisbaan.parameters.forms import ParameterValueForm
from basisbaan.parameters.models import ParameterValue
from basisbaan.parameters.selectors import parameter_list
from basisbaan.parameters.services import parameter_value_set
from basisbaan.tenancy.roles import Perm, may_manage_parameters
from basisbaan.tenancy.scoping import TenantViewMixin

GROUPS: tuple[tuple[Any, tuple[str, ...]], ...] = (
    (
        gettext_lazy("Wettelijk minimumloon"),
        (
            ParameterKey.MINIMUM_WAGE_HOURLY,
            ParameterKey.MINIMUM_WAGE_HOURLY_36,
            ParameterKey.MINIMUM_WAGE_HOURLY_38,
            ParameterKey.MINIMUM_WAGE_HOURLY_40,
            ParameterKey.MINIMUM_WAGE_MONTHLY,
        ),
    ),
    (
        gettext_lazy("Jeugdlonen"),
        (
            ParameterKey.YOUTH_20,
            ParameterKey.YOUTH_19,
            ParameterKey.YOUTH_18,
            ParameterKey.YOUTH_17,
            ParameterKey.YOUTH_16,
            ParameterKey.YOUTH_15,
        ),
    ),
    (
        gettext_lazy("Vakantiegeld en werkgeverspremies"),
        (
            ParameterKey.HOLIDAY_ALLOWANCE,
            ParameterKey.AWF_LOW,
            ParameterKey.AWF_HIGH,
            ParameterKey.AOF_LOW,
            ParameterKey.AOF_HIGH,
            ParameterKey.UFO,
            ParameterKey.CHILDCARE_SURCHARGE,
            ParameterKey.WHK,
            ParameterKey.ZVW_EMPLOYER,
            ParameterKey.MAX_PREMIUM_WAGE,
        ),
    ),
    (
        gettext_lazy("Loonkostensubsidie"),
        (ParameterKey.LKS_EMPLOYER_CHARGES, ParameterKey.LKS_CAP),
    ),
)


class ParameterListView(TenantViewMixin, TemplateView):
    permission = Perm.PARAMETER_VIEW
    template_name = "parameters/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        by_key: dict[str, list[ParameterValue]] = {}
        for row in parameter_list():
            by_key.setdefault(row.key, []).append(row)
        today = timezone.localdate()
        context["groups"] = [
            {
                "title": title,
                "keys": [
                    {
                        "key": key,
                        "label": ParameterKey(key).label,
                        "unit": str(unit_of(key)),
                        "rows": sorted(by_key.get(key, []), key=lambda r: r.effective_date),
                    }
                    for key in keys
                    if key in by_key
                ],
            }
            for title, keys in GROUPS
        ]
        context["assumed"] = assumed_values(municipality=self.municipality, today=today)
        context["indexations"] = list(indexation_list(municipality=self.municipality))
        context["today"] = today
        context["may_manage_parameters"] = may_manage_parameters(self.request.user)
        return context


class ParameterValueSetView(ServiceFormView):
    """Add a value, or correct the value of a key on a date (the same key and date)."""

    permission = Perm.PARAMETER_MANAGE
    form_class = ParameterValueForm
    template_name = "parameters/form.html"
    success_message = gettext_lazy("De waarde is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Parameterwaarde vastleggen")}

    def has_perm(self, perm: Perm) -> bool:
        # An installation-level right: the account's, not the membership's role.
        if perm == Perm.PARAMETER_MANAGE:
            return may_manage_parameters(self.request.user)
        return super().has_perm(perm)

    def get_initial(self) -> dict[str, Any]:
        key = self.request.GET.get("parameter", "")
        raw_day = self.request.GET.get("datum", "")
        initial: dict[str, Any] = {"key": key}
        try:
            day = dt.date.fromisoformat(raw_day) if raw_day else None
        except ValueError:
            day = None
        if key in ParameterKey.values and day is not None:
            found = ParameterValue.objects.filter(key=key, effective_date=day).first()
            initial["effective_date"] = day
            if found is not None:
                shown = (
                    percent_of(found.value)
                    if unit_of(key) == Unit.FRACTION
                    else found.value.quantize(Decimal("0.01"))
                )
                initial.update(
                    value=shown,
                    source=found.source,
                    is_assumption=found.is_assumption,
                    note=found.note,
                )
        return initial

    def perform(self, form: ParameterValueForm) -> ParameterValue:
        return parameter_value_set(actor=self.request.user, **form.service_data())  # type: ignore[arg-type]

    def get_success_url(self) -> str:
        return reverse("parameters:list")
