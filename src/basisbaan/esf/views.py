"""ESF+ pages: the operations, an operation with its indicator totals and
registrations, the worklist, a participant's registration and results, the staff
rates and the cost claim; the files (deelnemerslijst, BSN report, indicators,
claim) as CSV or Excel, every download audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from basisbaan.audit.services import audit_export
from basisbaan.core.export import CONTENT_TYPES, csv_bytes, xlsx_bytes
from basisbaan.core.views import ServiceFormView
from basisbaan.esf import export, selectors, services
from basisbaan.esf.forms import (
    ClaimPeriodForm,
    EventForm,
    OperationForm,
    RegistrationForm,
    StaffRateForm,
)
from basisbaan.esf.models import EsfOperation, EsfRegistration, StaffRate
from basisbaan.esf.selectors import COLUMNS
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import (
    LIST_FIELDS,
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

COLUMN_TITLES = {
    "woman": gettext_lazy("Vrouwen"),
    "man": gettext_lazy("Mannen"),
    "non_binary": gettext_lazy("Non-binair"),
    "unknown": gettext_lazy("Onbekend"),
    "total": gettext_lazy("Totaal"),
}


def _programme(municipality: Municipality, pk: int) -> Programme:
    return get_object_or_404(programme_list(municipality=municipality), pk=pk)


def _operation(municipality: Municipality, pk: int) -> EsfOperation:
    programme = _programme(municipality, pk)
    operation = selectors.operation_of(programme)
    if operation is None:
        raise Http404(_("Dit programma is geen ESF+-operatie."))
    return operation


def _download(content: bytes, fmt: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


class EsfOverviewView(TenantViewMixin, TemplateView):
    """The programmes, each as an ESF+ operation or not (yet)."""

    permission = Perm.ESF_VIEW
    template_name = "esf/overview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        operations = {
            o.programme_id: o for o in selectors.operation_list(municipality=self.municipality)
        }
        programmes = programme_list(municipality=self.municipality).order_by("-start_date", "name")
        context.update(
            rows=[(p, operations.get(p.pk)) for p in programmes],
            can_manage=self.has_perm(Perm.ESF_MANAGE),
            can_claim=self.has_perm(Perm.ESF_CLAIM),
        )
        return context


class OperationView(TenantViewMixin, TemplateView):
    """An operation: its settings, the indicator totals (suppressed) and the
    registered participants (names: audited)."""

    permission = Perm.ESF_VIEW
    template_name = "esf/operation.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programme = _programme(self.municipality, int(self.kwargs["pk"]))
        operation = selectors.operation_of(programme)
        today = timezone.localdate()
        context.update(
            programme=programme,
            operation=operation,
            can_manage=self.has_perm(Perm.ESF_MANAGE),
            can_claim=self.has_perm(Perm.ESF_CLAIM),
            may_bsn=self.has_perm(Perm.PARTICIPANT_VIEW_BSN),
            columns=[(c, COLUMN_TITLES[c]) for c in COLUMNS],
            today=today,
        )
        if operation is None:
            return context
        report = selectors.indicator_report(operation, today=today)
        rows = selectors.registration_rows(operation, today=today)
        policy = policy_for(self.request)
        context.update(
            report=report,
            registrations=[
                {"row": r, "name": policy.name(r.participant), "result": export.result_text(r)}
                for r in rows
            ],
            problem_count=len(selectors.worklist(operation, today=today)),
            years=list(
                range(operation.start_date.year, min(operation.end_date.year, today.year) + 1)
            )
            if operation.start_date <= today
            else [],
        )
        audit_participant_list(self.request, (r.participant.pk for r in rows))
        return context


class OperationFormView(ServiceFormView):
    permission = Perm.ESF_MANAGE
    form_class = OperationForm
    template_name = "esf/form.html"
    success_message = gettext_lazy("De ESF+-operatie is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("ESF+-operatie")}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        self.programme = _programme(self.municipality, int(self.kwargs["pk"]))
        kwargs["instance"] = selectors.operation_of(self.programme)
        if kwargs["instance"] is None:
            kwargs["initial"] = {
                "start_date": self.programme.start_date,
                "end_date": self.programme.end_date,
            }
        return kwargs

    def perform(self, form: OperationForm) -> EsfOperation:
        return services.operation_save(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            programme=self.programme,
            **form.cleaned_data,
        )

    def get_success_url(self) -> str:
        return reverse("esf:operation", args=[self.programme.pk])


class WorklistView(TenantViewMixin, TemplateView):
    """Missing or inconsistent registration data (names: audited)."""

    permission = Perm.ESF_VIEW
    template_name = "esf/worklist.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        operation = _operation(self.municipality, int(self.kwargs["pk"]))
        problems = selectors.worklist(operation, today=timezone.localdate())
        policy = policy_for(self.request)
        context.update(
            operation=operation,
            programme=operation.programme,
            can_manage=self.has_perm(Perm.ESF_MANAGE),
            problems=[
                {
                    "problem": p,
                    "name": policy.name(p.participant)
                    if p.participant
                    else export.staff_name(p.staff),
                }
                for p in problems
            ],
        )
        audit_participant_list(self.request, (p.participant.pk for p in problems if p.participant))
        return context


class RegistrationView(ServiceFormView):
    """A participant's ESF+ registration (new or changed), with the results after leaving."""

    permission = Perm.ESF_MANAGE
    form_class = RegistrationForm
    template_name = "esf/registration.html"
    success_message = gettext_lazy("De ESF+-registratie is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("ESF+-registratie")}

    def setup_objects(self) -> None:
        self.participant = get_object_or_404(
            Participant.objects.filter(municipality=self.municipality), pk=int(self.kwargs["pk"])
        )
        operation = selectors.operation_of(self.participant.programme)
        if operation is None:
            raise Http404(_("Het programma van deze deelnemer is geen ESF+-operatie."))
        self.operation = operation
        self.registration = (
            selectors.registration_list(municipality=self.municipality)
            .filter(operation=operation, participant=self.participant)
            .first()
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.setup_objects()
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.participant, NAME_FIELDS)
        return response

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.setup_objects()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.registration
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            participant=self.participant,
            name=policy_for(self.request).name(self.participant),
            operation=self.operation,
            registration=self.registration,
            events=list(self.registration.events.all()) if self.registration else [],
            event_form=EventForm(prefix="event"),
        )
        return context

    def perform(self, form: RegistrationForm) -> EsfRegistration:
        data = form.cleaned_data
        actor = self.request.user
        if self.registration is None:
            return services.registration_create(
                municipality=self.municipality,
                actor=actor,  # type: ignore[arg-type]
                operation=self.operation,
                participant=self.participant,
                **data,
            )
        if data.get("entry_date") is None:
            data["entry_date"] = self.registration.entry_date
        return services.registration_update(
            registration=self.registration,
            actor=actor,  # type: ignore[arg-type]
            **data,
        )

    def get_success_url(self) -> str:
        return reverse("esf:registration", args=[self.participant.pk])


class EventAddView(TenantViewMixin, View):
    permission = Perm.ESF_MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        registration = get_object_or_404(
            selectors.registration_list(municipality=self.municipality), pk=pk
        )
        form = EventForm(request.POST, prefix="event")
        target = reverse("esf:registration", args=[registration.participant_id])
        if not form.is_valid():
            messages.error(request, _("Vul de datum en de situatie in."))
            return HttpResponseRedirect(target)
        try:
            services.result_event_add(
                registration=registration,
                actor=request.user,  # type: ignore[arg-type]
                **form.cleaned_data,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Het resultaat is vastgelegd."))
        return HttpResponseRedirect(target)


class EventDeleteView(TenantViewMixin, View):
    permission = Perm.ESF_MANAGE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = get_object_or_404(
            selectors.event_list(municipality=self.municipality).select_related("registration"),
            pk=pk,
        )
        participant_id = event.registration.participant_id
        services.result_event_delete(event=event, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Het resultaat is verwijderd."))
        return HttpResponseRedirect(reverse("esf:registration", args=[participant_id]))


class StaffRateListView(TenantViewMixin, TemplateView):
    permission = Perm.ESF_CLAIM
    template_name = "esf/rates.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["rates"] = selectors.staff_rate_list(municipality=self.municipality).order_by(
            "staff__last_name", "staff__username", "valid_from"
        )
        return context


class StaffRateCreateView(ServiceFormView):
    permission = Perm.ESF_CLAIM
    form_class = StaffRateForm
    template_name = "esf/form.html"
    success_message = gettext_lazy("Het uurtarief is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Loonkosten van een medewerker")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return super().get_form_kwargs() | {"municipality": self.municipality}

    def perform(self, form: StaffRateForm) -> StaffRate:
        return services.staff_rate_set(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            **form.cleaned_data,
        )

    def get_success_url(self) -> str:
        return reverse("esf:rates")


class StaffRateDeleteView(TenantViewMixin, View):
    permission = Perm.ESF_CLAIM

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        rate = get_object_or_404(selectors.staff_rate_list(municipality=self.municipality), pk=pk)
        services.staff_rate_delete(rate=rate, actor=request.user)  # type: ignore[arg-type]
        messages.success(request, _("Het uurtarief is verwijderd."))
        return HttpResponseRedirect(reverse("esf:rates"))


def _claim_period(
    request: HttpRequest, operation: EsfOperation
) -> tuple[ClaimPeriodForm, dt.date, dt.date]:
    form = ClaimPeriodForm(request.GET or None)
    year = form.cleaned_data.get("jaar") if form.is_bound and form.is_valid() else None
    if year:
        return form, dt.date(year, 1, 1), dt.date(year, 12, 31)
    return form, operation.start_date, operation.end_date


class ClaimView(TenantViewMixin, TemplateView):
    permission = Perm.ESF_CLAIM
    template_name = "esf/claim.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        operation = _operation(self.municipality, int(self.kwargs["pk"]))
        form, first, last = _claim_period(self.request, operation)
        claim = selectors.cost_claim(operation, first=first, last=last)
        context.update(
            operation=operation,
            programme=operation.programme,
            period_form=form,
            claim=claim,
            rows=export.claim_rows(claim),
            flat_percent=operation.flat_rate * 100,
            export_query=self.request.GET.urlencode(),
        )
        return context


class ExportView(TenantViewMixin, View):
    """The operation's files: ``deelnemerslijst``, ``bsn`` (per year),
    ``indicatoren`` and ``declaratie``, as csv or xlsx."""

    permission = Perm.ESF_VIEW

    def get(self, request: HttpRequest, pk: int, what: str, fmt: str) -> HttpResponse:
        if fmt not in CONTENT_TYPES:
            raise Http404
        operation = _operation(self.municipality, pk)
        today = timezone.localdate()
        slug = operation.programme.slug
        if what == "deelnemerslijst":
            return self.participant_list(operation, fmt, today, slug)
        if what == "bsn":
            return self.bsn_report(operation, fmt, today, slug)
        if what == "indicatoren":
            report = selectors.indicator_report(operation, today=today)
            columns = export.indicator_columns(report)
            rows = export.indicator_rows(report)
            self.audit(EsfOperation, operation, fmt, len(rows), {"file": what})
            return self.file(columns, rows, fmt, _("Indicatoren"), f"esf-indicatoren-{slug}")
        if what == "declaratie":
            if not self.has_perm(Perm.ESF_CLAIM):
                raise PermissionDenied(_("U heeft geen recht op deze pagina."))
            _form, first, last = _claim_period(request, operation)
            claim = selectors.cost_claim(operation, first=first, last=last)
            rows = export.claim_rows(claim)
            self.audit(
                StaffRate,
                operation,
                fmt,
                len(rows),
                {"file": what, "from": first.isoformat(), "to": last.isoformat()},
            )
            return self.file(
                export.claim_columns(), rows, fmt, _("Declaratie"), f"esf-declaratie-{slug}"
            )
        raise Http404

    def file(self, columns: Any, rows: Any, fmt: str, title: str, name: str) -> HttpResponse:
        if fmt == "csv":
            return _download(csv_bytes(columns, rows), fmt, name)
        return _download(xlsx_bytes(title, columns, rows), fmt, name)

    def audit(
        self,
        model: Any,
        operation: EsfOperation,
        fmt: str,
        rows: int,
        filters: dict[str, str],
        fields: list[str] | None = None,
    ) -> None:
        audit_export(
            actor=self.request.user,  # type: ignore[arg-type]
            municipality=self.municipality,
            model=model,
            filters={"operation": str(operation.pk), **filters},
            rows=rows,
            file_format=fmt,
            fields=fields,
        )

    def participant_list(
        self, operation: EsfOperation, fmt: str, today: dt.date, slug: str
    ) -> HttpResponse:
        policy = policy_for(self.request)
        if not policy.sees_identity:
            raise PermissionDenied(_("U mag geen namen van deelnemers zien."))
        with_bsn = policy.sees_full_bsn
        rows = selectors.registration_rows(operation, today=today)
        columns = export.participant_list_columns(
            with_bsn=with_bsn, with_birth_date=operation.birth_date_needed
        )
        fields = list(LIST_FIELDS if with_bsn else NAME_FIELDS)
        if operation.birth_date_needed:
            fields.append("date_of_birth")
        self.audit(
            Participant, operation, fmt, len(rows), {"file": "deelnemerslijst"}, fields=fields
        )
        return self.file(columns, rows, fmt, _("Deelnemerslijst"), f"esf-deelnemerslijst-{slug}")

    def bsn_report(
        self, operation: EsfOperation, fmt: str, today: dt.date, slug: str
    ) -> HttpResponse:
        if not (
            self.has_perm(Perm.PARTICIPANT_VIEW_BSN) and policy_for(self.request).sees_full_bsn
        ):
            raise PermissionDenied(_("U mag geen BSN zien."))
        try:
            year = int(self.request.GET.get("jaar", today.year))
        except ValueError:
            raise Http404 from None
        if not operation.start_date.year <= year <= operation.end_date.year:
            raise Http404(_("Dit jaar valt buiten de operatie."))
        rows = export.bsn_rows(selectors.registration_rows(operation, today=today), year)
        self.audit(
            Participant,
            operation,
            fmt,
            len(rows),
            {"file": "bsn", "year": str(year)},
            fields=["bsn"],
        )
        return self.file(
            export.bsn_columns(), rows, fmt, _("BSN-rapportage"), f"esf-bsn-{slug}-{year}"
        )
