"""Cost pages: actual against planned per programme and year and per contract,
the programme's cost settings, and the municipality's indexation assumptions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Max, Min, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, TemplateView, View

from basisbaan.audit.services import audit_export, audit_list_access
from basisbaan.calc.dates import bounded_span
from basisbaan.contracts.models import Contract
from basisbaan.core.forms import add_service_errors
from basisbaan.core.views import PAGE_SIZE, ObjectServiceFormView
from basisbaan.costs import services
from basisbaan.costs.comparison import (
    CostComparison,
    contract_comparison,
    programme_comparison,
    year_totals,
)
from basisbaan.costs.export import comparison_workbook
from basisbaan.costs.forms import CostSettingsForm, IndexationForm
from basisbaan.costs.labels import assumption_labels
from basisbaan.costs.models import IndexationAssumption, ProgrammeCostSettings
from basisbaan.costs.selectors import cost_settings_list, cost_settings_of, indexation_list
from basisbaan.participants.privacy import NAME_FIELDS, audit_participant_list, policy_for
from basisbaan.payroll.models import PayrollEntry
from basisbaan.payroll.validation import VALUE_FIELDS
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin, scope

YEARS = range(2000, 2101)


def _programme(municipality: Municipality, pk: int) -> Programme:
    """The municipality's programme ``pk`` with its cost settings; 404 for any other."""
    found = programme_list(municipality=municipality).select_related("cost_settings")
    return get_object_or_404(found, pk=pk)


def _audit_shown(request: HttpRequest, comparison: CostComparison, contracts: list[Any]) -> None:
    """One audit entry for the participants named, one for the payroll entries shown."""
    audit_participant_list(request, (c.contract.participant_id for c in contracts), NAME_FIELDS)
    entry_ids = sorted({i for c in contracts for line in c.lines for i in line.entry_ids})
    if entry_ids:
        audit_list_access(
            actor=request.user,  # type: ignore[arg-type]
            municipality=request.municipality,  # type: ignore[attr-defined]
            model=PayrollEntry,
            ids=entry_ids,
            fields=list(VALUE_FIELDS),
        )


class CostOverviewView(TenantViewMixin, TemplateView):
    """The programmes with their cost settings, and the indexation assumptions."""

    permission = Perm.COSTS_VIEW
    template_name = "costs/overview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["settings_list"] = cost_settings_list(municipality=self.municipality)
        context["indexations"] = list(indexation_list(municipality=self.municipality))
        context["year"] = timezone.localdate().year
        return context


class ComparisonRedirectView(TenantViewMixin, View):
    """``/kosten/<programme>/``: this year's comparison."""

    permission = Perm.COSTS_VIEW

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        programme = _programme(self.municipality, pk)
        year = timezone.localdate().year
        return HttpResponseRedirect(reverse("costs:comparison", args=[programme.pk, year]))


class ComparisonView(TenantViewMixin, TemplateView):
    """Actual against planned for one programme and calendar year.

    The month table covers every contract; the table per contract and month
    is paginated by contract.
    """

    permission = Perm.COSTS_VIEW
    template_name = "costs/comparison.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = int(self.kwargs["year"])
        if year not in YEARS:
            raise Http404(_("Dit jaar valt buiten het bereik."))
        programme = _programme(self.municipality, int(self.kwargs["pk"]))
        comparison = programme_comparison(
            municipality=self.municipality, programme=programme, year=year
        )
        page = Paginator(comparison.contracts, PAGE_SIZE).get_page(self.request.GET.get("page"))
        _audit_shown(self.request, comparison, list(page.object_list))
        context.update(
            programme=programme,
            year=year,
            comparison=comparison,
            page_obj=page,
            contracts=page.object_list,
            assumptions=assumption_labels(comparison.assumptions),
            settings=cost_settings_of(programme),
            previous_year=year - 1 if year - 1 in YEARS else None,
            next_year=year + 1 if year + 1 in YEARS else None,
        )
        return context


class ComparisonExportView(TenantViewMixin, View):
    """The comparison of a programme and year as an Excel workbook (every contract)."""

    permission = Perm.COSTS_VIEW

    def get(self, request: HttpRequest, pk: int, year: int) -> HttpResponse:
        if year not in YEARS:
            raise Http404(_("Dit jaar valt buiten het bereik."))
        programme = _programme(self.municipality, pk)
        comparison = programme_comparison(
            municipality=self.municipality, programme=programme, year=year
        )
        _audit_shown(request, comparison, comparison.contracts)
        # A file leaves the application: recorded as an export too.
        audit_export(
            actor=request.user,  # type: ignore[arg-type]
            municipality=self.municipality,
            model=Contract,
            filters={"programme": str(programme.pk), "year": str(year)},
            rows=len(comparison.contracts),
            file_format="xlsx",
        )
        content = comparison_workbook(comparison, name=policy_for(request).name)
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        name = f"kosten-{programme.slug}-{year}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class ContractComparisonView(TenantViewMixin, TemplateView):
    """Actual against planned for one contract, over its whole term (or one year)."""

    permission = Perm.COSTS_VIEW
    template_name = "costs/contract.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        contracts = scope(Contract.objects.all(), self.municipality).select_related(
            "participant__programme__cost_settings"
        )
        contract = get_object_or_404(
            contracts.annotate(first=Min("periods__start_date"), last=Max("periods__end_date")),
            pk=int(self.kwargs["pk"]),
        )
        first: dt.date | None = contract.first
        last: dt.date | None = contract.last
        comparison, cost_error, shown_until = None, "", None
        if first is not None and last is not None:
            try:
                # A term stored as lasting centuries is costed for its first years only.
                start, end = bounded_span(first, last)
                shown_until = end if end < last else None
                comparison = contract_comparison(
                    municipality=self.municipality, contract=contract, start=start, end=end
                )
            except LookupError:
                cost_error = _(
                    "De kosten van dit contract zijn niet te berekenen: voor (een deel van) "
                    "de looptijd ontbreken parameterwaarden."
                )
            else:
                _audit_shown(self.request, comparison, comparison.contracts)
        context.update(
            contract=contract,
            comparison=comparison,
            cost_error=cost_error,
            shown_until=shown_until,
            lines=comparison.contracts[0].lines if comparison and comparison.contracts else [],
            totals=comparison.contracts[0] if comparison and comparison.contracts else None,
            assumptions=assumption_labels(comparison.assumptions) if comparison else [],
            programme=contract.participant.programme,
            years=year_totals(comparison) if comparison else [],
        )
        return context


class CostSettingsUpdateView(ObjectServiceFormView):
    permission = Perm.COSTS_MANAGE
    form_class = CostSettingsForm
    template_name = "costs/settings_form.html"
    context_object_name = "programme"
    success_message = gettext_lazy("De kosteninstellingen zijn opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Kosteninstellingen")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return programme_list(municipality=municipality).select_related("cost_settings")

    def get_initial(self) -> dict[str, Any]:
        return CostSettingsForm.initial_of(cost_settings_of(self.object))

    def perform(self, form: CostSettingsForm) -> ProgrammeCostSettings:
        return services.cost_settings_set(
            programme=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )

    def get_success_url(self) -> str:
        return reverse("costs:overview")


class IndexationView(TenantViewMixin, FormView):  # type: ignore[type-arg]
    """The indexation assumptions, and (with the right) the form to set one."""

    permission = Perm.COSTS_VIEW
    template_name = "costs/indexation.html"
    form_class = IndexationForm

    def get_initial(self) -> dict[str, Any]:
        key = self.request.GET.get("parameter", "")
        found = indexation_list(municipality=self.municipality).filter(key=key).first()
        if found is None:
            return {"key": key}
        return {"key": found.key, "rate": found.rate, "note": found.note}

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.has_perm(Perm.COSTS_MANAGE):
            raise PermissionDenied(_("U mag de indexatieaannames niet wijzigen."))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: IndexationForm) -> HttpResponse:
        try:
            services.indexation_set(
                municipality=self.municipality,
                actor=self.request.user,  # type: ignore[arg-type]
                key=form.cleaned_data["key"],
                rate=form.cleaned_data["rate"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("De indexatieaanname is opgeslagen."))
        return HttpResponseRedirect(reverse("costs:indexation"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["indexations"] = list(indexation_list(municipality=self.municipality))
        context["can_manage"] = self.has_perm(Perm.COSTS_MANAGE)
        return context


class IndexationDeleteView(TenantViewMixin, View):
    """Remove an indexation assumption (POST only)."""

    permission = Perm.COSTS_MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        found = indexation_list(municipality=self.municipality).filter(pk=pk).first()
        if not isinstance(found, IndexationAssumption):
            raise Http404(_("Deze indexatieaanname bestaat niet."))
        services.indexation_delete(assumption=found, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("De indexatieaanname is verwijderd."))
        return HttpResponseRedirect(reverse("costs:indexation"))
