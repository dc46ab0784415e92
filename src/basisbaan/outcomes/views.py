"""Outcome pages: the figures and the business case per programme, the
follow-up worklist, the assumptions and the threshold."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from basisbaan.audit.services import audit_export
from basisbaan.core.forms import Form
from basisbaan.core.listing import ListColumn
from basisbaan.core.views import ObjectServiceFormView, ServiceFormView, TenantListView
from basisbaan.outcomes import services
from basisbaan.outcomes.anchors import ANCHORS
from basisbaan.outcomes.business import BusinessCase, business_case
from basisbaan.outcomes.charts import cost_chart, retention_chart, waterfall_chart
from basisbaan.outcomes.constants import DUE_BEFORE_DAYS, OVERDUE_AFTER_DAYS, FollowUpStatus
from basisbaan.outcomes.export import business_case_workbook, outcomes_workbook
from basisbaan.outcomes.forms import AssumptionForm, ExitFilterForm, FollowUpForm, ThresholdForm
from basisbaan.outcomes.layout import curve_series, outcome_tables
from basisbaan.outcomes.lists import exit_columns, follow_up_columns
from basisbaan.outcomes.models import Assumption, Exit, FollowUp
from basisbaan.outcomes.presentation import business_context
from basisbaan.outcomes.reports import cached_outcome_report
from basisbaan.outcomes.selectors import (
    assumption_list,
    assumptions_on,
    exit_list,
    follow_up_list,
    follow_up_worklist,
    is_overdue,
    threshold_of,
)
from basisbaan.participants.listing import PersonalListMixin
from basisbaan.participants.privacy import (
    NAME_FIELDS,
    audit_participant_list,
    audit_participant_view,
    policy_for,
)
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class AsOfForm(Form):
    peildatum = forms.DateField(
        label=gettext_lazy("Peildatum"),
        required=False,
        help_text=gettext_lazy("Leeg is vandaag. Bijvoorbeeld 31-12-2025."),
    )

    def day(self, today: dt.date) -> dt.date:
        if self.is_bound and self.is_valid() and self.cleaned_data.get("peildatum"):
            chosen: dt.date = self.cleaned_data["peildatum"]
            return min(chosen, today)
        return today


def _programme(municipality: Municipality, pk: int) -> Programme:
    return get_object_or_404(programme_list(municipality=municipality), pk=pk)


def _as_of(request: HttpRequest) -> tuple[AsOfForm, dt.date]:
    form = AsOfForm(request.GET or None)
    return form, form.day(timezone.localdate())


class OutcomeOverviewView(TenantViewMixin, TemplateView):
    """The programmes, each with its outcomes and business case; the worklist's count."""

    permission = Perm.OUTCOME_VIEW
    template_name = "outcomes/overview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            programmes=programme_list(municipality=self.municipality).order_by(
                "-start_date", "name"
            ),
            can_record=self.has_perm(Perm.OUTCOME_RECORD),
            can_see_case=self.has_perm(Perm.BUSINESS_CASE_VIEW),
            can_manage=self.has_perm(Perm.OUTCOME_MANAGE),
            open_count=follow_up_worklist(municipality=self.municipality, today=today).count()
            if self.has_perm(Perm.OUTCOME_RECORD)
            else None,
            threshold=threshold_of(self.municipality),
        )
        return context


class OutcomeView(TenantViewMixin, TemplateView):
    permission = Perm.OUTCOME_VIEW
    template_name = "outcomes/programme.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programme = _programme(self.municipality, int(self.kwargs["pk"]))
        form, as_of = _as_of(self.request)
        report = cached_outcome_report(programme, as_of=as_of)
        tables = outcome_tables(report)
        context.update(
            programme=programme,
            as_of=as_of,
            as_of_form=form,
            report=report,
            tables={table.key: table for table in tables},
            charts=retention_chart(curve_series(report)),
            anchors=ANCHORS,
            scores=report.scores,
            can_see_case=self.has_perm(Perm.BUSINESS_CASE_VIEW),
            export_query=self.request.GET.urlencode(),
        )
        return context


class OutcomeExportView(TenantViewMixin, View):
    permission = Perm.OUTCOME_VIEW

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        programme = _programme(self.municipality, pk)
        _form, as_of = _as_of(request)
        report = cached_outcome_report(programme, as_of=as_of)
        tables = outcome_tables(report)
        audit_export(
            actor=request.user,  # type: ignore[arg-type]
            municipality=self.municipality,
            model=Exit,
            filters={"programme": str(programme.pk), "as_of": as_of.isoformat()},
            rows=sum(len(t.rows) for t in tables),
            file_format="xlsx",
        )
        response = HttpResponse(outcomes_workbook(report, tables), content_type=XLSX)
        name = f"uitkomsten-{programme.slug}-{as_of:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class BusinessCaseView(TenantViewMixin, TemplateView):
    permission = Perm.BUSINESS_CASE_VIEW
    template_name = "outcomes/business_case.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programme = _programme(self.municipality, int(self.kwargs["pk"]))
        form, as_of = _as_of(self.request)
        case = business_case(programme, as_of=as_of)
        context.update(
            programme=programme,
            as_of=as_of,
            as_of_form=form,
            case=case,
            threshold=threshold_of(self.municipality),
            can_manage=self.has_perm(Perm.OUTCOME_MANAGE),
            export_query=self.request.GET.urlencode(),
            **business_context(case, threshold_of(self.municipality)),
        )
        context["charts"] = cost_chart(case)
        context["waterfall_charts"] = waterfall_chart(case)
        return context


class BusinessCaseExportView(TenantViewMixin, View):
    permission = Perm.BUSINESS_CASE_VIEW

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        programme = _programme(self.municipality, pk)
        _form, as_of = _as_of(request)
        case: BusinessCase = business_case(programme, as_of=as_of)
        audit_export(
            actor=request.user,  # type: ignore[arg-type]
            municipality=self.municipality,
            model=Assumption,
            filters={"programme": str(programme.pk), "as_of": as_of.isoformat()},
            rows=len(case.result.years),
            file_format="xlsx",
        )
        content = business_case_workbook(case, threshold_of(self.municipality))
        response = HttpResponse(content, content_type=XLSX)
        name = f"business-case-{programme.slug}-{as_of:%Y%m%d}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class WorklistFilterForm(forms.Form):
    state = forms.ChoiceField(
        label=gettext_lazy("Tonen"),
        required=False,
        choices=[
            ("", gettext_lazy("Te meten (nu en binnenkort)")),
            ("overdue", gettext_lazy("Te laat")),
            ("done", gettext_lazy("Vastgelegd")),
        ],
    )


class FollowUpWorklistView(PersonalListMixin, TenantListView):
    """The measurements due, overdue or recorded, with the person's name (audited),
    sortable, and exported to Excel or CSV with the chosen filter (audited; refused
    to a viewer who sees pseudonyms)."""

    permission = Perm.OUTCOME_RECORD
    template_name = "outcomes/worklist.html"
    context_object_name = "follow_ups"
    export_name = "nametingen"
    export_title = gettext_lazy("Nametingen")

    def get_columns(self) -> list[ListColumn]:
        return follow_up_columns(self.policy(), timezone.localdate())

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[FollowUp]:
        self.filter_form = WorklistFilterForm(self.request.GET or None)
        state = self.filter_form.cleaned_data["state"] if self.filter_form.is_valid() else ""
        self.state = state
        return follow_up_worklist(
            municipality=municipality, today=timezone.localdate(), state=state
        ).select_related("exit__programme")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        today = timezone.localdate()
        page = context["page_obj"]
        rows = list(page.object_list)
        page.object_list = context["object_list"] = context["follow_ups"] = rows
        policy = policy_for(self.request)
        context["rows"] = [
            {
                "follow_up": f,
                "name": policy.name(f.exit.participant),
                "overdue": is_overdue(f, today),
            }
            for f in rows
        ]
        context.update(
            today=today,
            state=self.state,
            due_before=DUE_BEFORE_DAYS,
            overdue_after=OVERDUE_AFTER_DAYS,
        )
        audit_participant_list(self.request, (f.exit.participant_id for f in rows))
        return context


class ExitListView(PersonalListMixin, TenantListView):
    """Every exit (a placement ended, or the programme left), filtered and sortable,
    exported to Excel or CSV (audited; refused to a viewer who sees pseudonyms)."""

    permission = Perm.OUTCOME_VIEW
    template_name = "outcomes/exit_list.html"
    export_name = "uitstroom"
    export_title = gettext_lazy("Uitstroom")

    def get_columns(self) -> list[ListColumn]:
        return exit_columns(self.policy())

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Exit]:
        self.filter_form = ExitFilterForm(self.request.GET or None, municipality=municipality)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        rows = exit_list(municipality=municipality).select_related("participant", "programme")
        if data.get("van"):
            rows = rows.filter(exit_date__gte=data["van"])
        if data.get("tot"):
            rows = rows.filter(exit_date__lte=data["tot"])
        if data.get("programma"):
            rows = rows.filter(programme=data["programma"])
        if data.get("soort"):
            rows = rows.filter(kind=data["soort"])
        if data.get("reden"):
            rows = rows.filter(reason=data["reden"])
        return rows.order_by("-exit_date", "-id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        page = context["page_obj"]
        page.object_list = context["object_list"] = rows = list(page.object_list)
        audit_participant_list(self.request, (e.participant_id for e in rows))
        return context


class FollowUpRecordView(ObjectServiceFormView):
    permission = Perm.OUTCOME_RECORD
    form_class = FollowUpForm
    template_name = "outcomes/follow_up_form.html"
    context_object_name = "follow_up"
    success_message = gettext_lazy("De nameting is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Nameting vastleggen")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[FollowUp]:
        return follow_up_list(municipality=municipality).select_related(
            "exit__participant__programme", "exit__placement__position__host"
        )

    def get_initial(self) -> dict[str, Any]:
        f = self.object
        if f.status == FollowUpStatus.OPEN:
            return {"measured_on": timezone.localdate(), "reachable": "yes"}
        return {
            "measured_on": f.measured_on,
            "reachable": "no" if f.status == FollowUpStatus.NOT_REACHABLE else "yes",
            "works": {True: "yes", False: "no"}.get(f.works, ""),
            "hours_per_week": f.hours_per_week,
            "same_employer": {True: "yes", False: "no"}.get(f.same_employer, ""),
            "assistance": f.assistance,
            "assistance_amount": f.assistance_amount,
            "note": f.note,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["name"] = policy_for(self.request).name(self.object.exit.participant)
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.exit.participant, NAME_FIELDS)
        return response

    def perform(self, form: FollowUpForm) -> FollowUp:
        return services.follow_up_record(
            follow_up=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            today=timezone.localdate(),
            **form.service_data(),
        )

    def get_success_url(self) -> str:
        return reverse("outcomes:worklist")


class AssumptionListView(TenantViewMixin, TemplateView):
    """The business case's assumptions as they hold today, and every stored row."""

    permission = Perm.BUSINESS_CASE_VIEW
    template_name = "outcomes/assumptions.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            current=list(assumptions_on(municipality=self.municipality, day=today).values()),
            stored=assumption_list(municipality=self.municipality).order_by(
                "key", "-effective_date"
            ),
            can_manage=self.has_perm(Perm.OUTCOME_MANAGE),
            threshold=threshold_of(self.municipality),
            today=today,
        )
        return context


class AssumptionCreateView(ServiceFormView):
    permission = Perm.OUTCOME_MANAGE
    form_class = AssumptionForm
    template_name = "outcomes/form.html"
    success_message = gettext_lazy("De aanname is vastgelegd.")
    extra_context = {"page_title": gettext_lazy("Aanname vastleggen")}

    def get_initial(self) -> dict[str, Any]:
        key = self.request.GET.get("key", "")
        return {"key": key} if key else {}

    def perform(self, form: AssumptionForm) -> Assumption:
        return services.assumption_set(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            **form.cleaned_data,
        )

    def get_success_url(self) -> str:
        return reverse("outcomes:assumptions")


class AssumptionDeleteView(TenantViewMixin, View):
    permission = Perm.OUTCOME_MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        row = get_object_or_404(assumption_list(municipality=self.municipality), pk=pk)
        services.assumption_delete(assumption=row, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("De aanname is verwijderd; de vorige geldt weer."))
        return HttpResponseRedirect(reverse("outcomes:assumptions"))


class ThresholdView(ServiceFormView):
    permission = Perm.OUTCOME_MANAGE
    form_class = ThresholdForm
    template_name = "outcomes/form.html"
    success_message = gettext_lazy("De drempel is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Drempel kleine aantallen")}

    def get_initial(self) -> dict[str, Any]:
        return {"threshold": threshold_of(self.municipality)}

    def perform(self, form: ThresholdForm) -> Any:
        return services.outcome_settings_update(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            threshold=form.cleaned_data["threshold"],
        )

    def get_success_url(self) -> str:
        return reverse("outcomes:assumptions")
