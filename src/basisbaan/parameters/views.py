"""The parameter page: the national figures per key with their sources, the values
now assumed because a published one is missing, and (for a national administrator,
never a municipal role) the form to add or correct a value; and the municipality's
own local schemes for low incomes, kept by its functional administrator."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from basisbaan.core.views import ObjectServiceFormView, ServiceFormView
from basisbaan.costs.assumed import assumed_values
from basisbaan.costs.forms import percent_of
from basisbaan.costs.selectors import indexation_list
from basisbaan.parameters.constants import ParameterKey, Unit, unit_of
from basisbaan.parameters.forms import LocalSchemeEndForm, LocalSchemeForm, ParameterValueForm
from basisbaan.parameters.local_schemes import (
    AMOUNT_FIELDS,
    local_scheme_create,
    local_scheme_end,
    local_scheme_update,
)
from basisbaan.parameters.models import LocalScheme, ParameterValue
from basisbaan.parameters.selectors import local_scheme_list, parameter_list
from basisbaan.parameters.services import parameter_value_set
from basisbaan.tenancy.models import Municipality
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
    (
        gettext_lazy("Einde dienstverband"),
        (ParameterKey.TRANSITION_PAYMENT_MAX,),
    ),
    (
        gettext_lazy("Loonkostenvoordelen (LKV)"),
        tuple(key for key in ParameterKey.values if key.startswith("lkv_")),
    ),
    (
        gettext_lazy("Bijstandsnormen en inkomstenvrijlating"),
        (
            ParameterKey.ASSISTANCE_NORM_SINGLE,
            ParameterKey.ASSISTANCE_NORM_SINGLE_PARENT,
            ParameterKey.ASSISTANCE_NORM_COUPLE,
            ParameterKey.ASSISTANCE_HOLIDAY_SHARE,
            ParameterKey.DISREGARD_RATE,
            ParameterKey.DISREGARD_CAP,
            ParameterKey.DISREGARD_MONTHS,
        ),
    ),
    (
        gettext_lazy("Box 1 en heffingskortingen"),
        (
            ParameterKey.TAX_LIMIT_1,
            ParameterKey.TAX_LIMIT_2,
            ParameterKey.TAX_RATE_1,
            ParameterKey.TAX_RATE_2,
            ParameterKey.TAX_RATE_3,
            ParameterKey.GENERAL_CREDIT_MAX,
            ParameterKey.GENERAL_CREDIT_START,
            ParameterKey.GENERAL_CREDIT_RATE,
            ParameterKey.LABOUR_CREDIT_END_1,
            ParameterKey.LABOUR_CREDIT_RATE_1,
            ParameterKey.LABOUR_CREDIT_END_2,
            ParameterKey.LABOUR_CREDIT_RATE_2,
            ParameterKey.LABOUR_CREDIT_END_3,
            ParameterKey.LABOUR_CREDIT_RATE_3,
            ParameterKey.LABOUR_CREDIT_PHASEOUT,
        ),
    ),
    (
        gettext_lazy("Zorgtoeslag"),
        (
            ParameterKey.HEALTHCARE_PREMIUM,
            ParameterKey.HEALTHCARE_THRESHOLD,
            ParameterKey.HEALTHCARE_SHARE_SINGLE,
            ParameterKey.HEALTHCARE_SHARE_PARTNER,
            ParameterKey.HEALTHCARE_RATE,
            ParameterKey.HEALTHCARE_LIMIT_SINGLE,
            ParameterKey.HEALTHCARE_LIMIT_PARTNER,
        ),
    ),
    (
        gettext_lazy("Huurtoeslag"),
        (
            ParameterKey.RENT_MAX,
            ParameterKey.RENT_MAX_CAPS,
            ParameterKey.RENT_QUALITY_LIMIT,
            ParameterKey.RENT_CAP_SMALL,
            ParameterKey.RENT_CAP_LARGE,
            ParameterKey.RENT_MIN_NORM_SINGLE,
            ParameterKey.RENT_MIN_NORM_MULTI,
            ParameterKey.RENT_FACTOR_A_SINGLE,
            ParameterKey.RENT_FACTOR_B_SINGLE,
            ParameterKey.RENT_FACTOR_A_MULTI,
            ParameterKey.RENT_FACTOR_B_MULTI,
            ParameterKey.RENT_TARGET,
            ParameterKey.RENT_RATE_MIDDLE,
            ParameterKey.RENT_RATE_HIGH_SINGLE,
            ParameterKey.RENT_RATE_HIGH_MULTI,
            ParameterKey.RENT_PHASEOUT_POINT_SINGLE,
            ParameterKey.RENT_PHASEOUT_POINT_MULTI,
            ParameterKey.RENT_PHASEOUT_RATE_SINGLE,
            ParameterKey.RENT_PHASEOUT_RATE_MULTI,
        ),
    ),
    (
        gettext_lazy("Kindgebonden budget"),
        (
            ParameterKey.CHILD_PER_CHILD,
            ParameterKey.CHILD_EXTRA_12,
            ParameterKey.CHILD_EXTRA_16,
            ParameterKey.CHILD_SINGLE_PARENT,
            ParameterKey.CHILD_RATE,
            ParameterKey.CHILD_THRESHOLD_SINGLE,
            ParameterKey.CHILD_THRESHOLD_PARTNER,
        ),
    ),
    (
        gettext_lazy("ESF+ vereenvoudigde kosten"),
        (ParameterKey.ESF_FLAT_RATE, ParameterKey.ESF_STANDARD_HOURS),
    ),
)


def typed_value(value: Decimal, unit: Unit) -> Decimal:
    """A stored value as the form wants it typed: a fraction as a percentage, an
    amount in cents, a factor with every decimal it has, a number of months or a
    flag whole."""
    if unit == Unit.FRACTION:
        return percent_of(value)
    if unit in (Unit.EUR, Unit.EUR_ANY):
        return value.quantize(Decimal("0.01"))
    plain = value.normalize()
    if plain.as_tuple().exponent > 0:  # type: ignore[operator]
        plain = plain.quantize(Decimal(1))
    return plain


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
                shown = typed_value(found.value, unit_of(key))
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


# -- local schemes -------------------------------------------------------------------

SCHEME_FIELDS = (
    "name",
    "kind",
    "income_limit",
    *AMOUNT_FIELDS,
    "valid_from",
    "valid_until",
    "source",
    "is_assumption",
    "note",
)


class LocalSchemeListView(TenantViewMixin, TemplateView):
    """The municipality's local schemes, running and ended; the administrator's links."""

    permission = Perm.PARAMETER_VIEW
    template_name = "parameters/local_schemes.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["schemes"] = [
            {
                "scheme": scheme,
                "running": scheme.valid_from <= today
                and (scheme.valid_until is None or scheme.valid_until >= today),
                "ended": scheme.valid_until is not None and scheme.valid_until < today,
            }
            for scheme in local_scheme_list(municipality=self.municipality)
        ]
        context["may_manage"] = self.has_perm(Perm.LOCAL_SCHEME_MANAGE)
        return context


class LocalSchemeCreateView(ServiceFormView):
    permission = Perm.LOCAL_SCHEME_MANAGE
    form_class = LocalSchemeForm
    template_name = "parameters/local_scheme_form.html"
    success_message = gettext_lazy("De regeling is toegevoegd.")
    extra_context = {"page_title": gettext_lazy("Nieuwe lokale regeling")}

    def perform(self, form: LocalSchemeForm) -> LocalScheme:
        return local_scheme_create(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            **form.service_data(),
        )

    def get_success_url(self) -> str:
        return reverse("parameters:local_schemes")


class LocalSchemeObjectView(ObjectServiceFormView):
    permission = Perm.LOCAL_SCHEME_MANAGE
    template_name = "parameters/local_scheme_form.html"
    context_object_name = "scheme"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[LocalScheme]:
        return local_scheme_list(municipality=municipality)

    def get_success_url(self) -> str:
        return reverse("parameters:local_schemes")


class LocalSchemeUpdateView(LocalSchemeObjectView):
    form_class = LocalSchemeForm
    success_message = gettext_lazy("De regeling is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Lokale regeling wijzigen")}

    def get_initial(self) -> dict[str, Any]:
        return {name: getattr(self.object, name) for name in SCHEME_FIELDS}

    def perform(self, form: LocalSchemeForm) -> LocalScheme:
        return local_scheme_update(
            scheme=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )


class LocalSchemeEndView(LocalSchemeObjectView):
    form_class = LocalSchemeEndForm
    success_message = gettext_lazy("De einddatum van de regeling is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Lokale regeling beëindigen")}

    def get_initial(self) -> dict[str, Any]:
        return {"valid_until": self.object.valid_until or timezone.localdate()}

    def perform(self, form: LocalSchemeEndForm) -> LocalScheme:
        return local_scheme_end(
            scheme=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            valid_until=form.cleaned_data["valid_until"],
        )
