"""Contract pages: list, detail with periods, new contract, renewal."""

from __future__ import annotations

import copy
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy

from basisbaan.contracts import services
from basisbaan.contracts.forms import ContractEditForm, ContractForm, RenewForm
from basisbaan.contracts.models import Contract
from basisbaan.contracts.selectors import contract_list
from basisbaan.core.views import (
    ObjectServiceFormView,
    ServiceFormView,
    TenantDetailView,
    TenantListView,
)
from basisbaan.participants.views import (
    NAME_FIELDS,
    audit_participant_list,
    audit_participant_view,
)
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm


class ContractListView(TenantListView):
    permission = Perm.CONTRACT_VIEW
    template_name = "contracts/list.html"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Contract]:
        return contract_list(municipality=municipality).order_by("-id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        page.object_list = context["object_list"] = list(page.object_list)
        audit_participant_list(self.request, (c.participant_id for c in page.object_list))
        return context


class ContractDetailView(TenantDetailView):
    permission = Perm.CONTRACT_VIEW
    template_name = "contracts/detail.html"
    context_object_name = "contract"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Contract]:
        return contract_list(municipality=municipality).select_related("placement__position__host")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        audit_participant_view(self.request, self.object.participant, NAME_FIELDS)
        return context


class ContractCreateView(ServiceFormView):
    permission = Perm.CONTRACT_MANAGE
    form_class = ContractForm
    template_name = "contracts/form.html"
    success_message = gettext_lazy("Het contract is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Nieuw contract")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "municipality": self.municipality}

    def get_initial(self) -> dict[str, Any]:
        return {
            key: self.request.GET[key]
            for key in ("participant", "placement")
            if self.request.GET.get(key, "").isdigit()
        }

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        form = response.context_data["form"]  # type: ignore[attr-defined]
        ids = form.fields["participant"].queryset.values_list("pk", flat=True)
        audit_participant_list(request, ids)
        return response

    def perform(self, form: ContractForm) -> Contract:
        data = form.cleaned_data
        return services.contract_create(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            participant=data["participant"],
            placement=data.get("placement"),
            employer_name=data["employer_name"],
            reference=data.get("reference") or "",
            employee_number=data.get("employee_number") or "",
            wage_subsidy=bool(data.get("wage_subsidy")),
            start_date=data["start_date"],
            end_date=data.get("end_date"),
            hours_per_week=data["hours_per_week"],
            hourly_wage=data["hourly_wage"],
        )

    def get_success_url(self) -> str:
        return reverse("contracts:detail", args=[self.result.pk])


class ContractUpdateView(ObjectServiceFormView):
    permission = Perm.CONTRACT_MANAGE
    form_class = ContractEditForm
    template_name = "contracts/edit_form.html"
    context_object_name = "contract"
    success_message = gettext_lazy("Het contract is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Contract wijzigen")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Contract]:
        return contract_list(municipality=municipality)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.participant, NAME_FIELDS)
        return response

    def perform(self, form: ContractEditForm) -> Contract:
        return services.contract_update(
            contract=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )

    def get_success_url(self) -> str:
        return reverse("contracts:detail", args=[self.object.pk])


class ContractRenewView(ObjectServiceFormView):
    permission = Perm.CONTRACT_MANAGE
    form_class = RenewForm
    template_name = "contracts/renew_form.html"
    context_object_name = "contract"
    success_message = gettext_lazy("De verlenging is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Contract verlengen")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Contract]:
        return contract_list(municipality=municipality)

    def get_initial(self) -> dict[str, Any]:
        periods = list(self.object.periods.all())
        if not periods:
            return {}
        last = periods[-1]
        return {"hours_per_week": last.hours_per_week, "hourly_wage": last.hourly_wage}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.participant, NAME_FIELDS)
        return response

    def perform(self, form: RenewForm) -> Any:
        data = form.cleaned_data
        return services.contract_period_add(
            contract=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            hours_per_week=data["hours_per_week"],
            hourly_wage=data["hourly_wage"],
            start_date=data.get("start_date"),
            end_date=data.get("end_date"),
        )

    def get_success_url(self) -> str:
        return reverse("contracts:detail", args=[self.object.pk])
