"""Payroll pages: entries, imports, and upload -> preview -> confirm.

The upload is checked completely first (a preview, nothing imported); the
user sees every refused row with its row number, column and reason, or a
summary per month of what would be imported, and confirms. The confirmation
checks the rows again against the data of that moment, then imports.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, QuerySet, Sum
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, View
from django.views.generic.detail import SingleObjectMixin

from basisbaan.audit.services import audit_list_access
from basisbaan.core.imports import more_errors_lines
from basisbaan.core.listing import ListColumn, ListingMixin
from basisbaan.core.views import TenantDetailView, TenantListView
from basisbaan.jobs.selectors import job_context, latest_job_for
from basisbaan.participants.listing import PersonalListMixin
from basisbaan.participants.privacy import audit_participant_list, policy_for
from basisbaan.participants.selectors import participant_list
from basisbaan.payroll import jobs as payroll_jobs
from basisbaan.payroll import services
from basisbaan.payroll.constants import ImportStatus
from basisbaan.payroll.forms import ALL_MONTHS, PayrollEntryFilterForm, PayrollUploadForm
from basisbaan.payroll.lists import IMPORT_COLUMNS, entry_columns
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.payroll.parsing import PayrollFileError
from basisbaan.payroll.selectors import (
    payroll_entry_list,
    payroll_import_list,
    payroll_months,
    same_file_imported_before,
)
from basisbaan.payroll.validation import VALUE_FIELDS
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin

# A search on a name shows the entries of at most this many people.
SEARCH_LIMIT = 200


class PayrollEntryListView(PersonalListMixin, TenantListView):
    permission = Perm.PAYROLL_VIEW
    template_name = "payroll/entry_list.html"
    export_name = "verloningsregels"
    export_title = gettext_lazy("Verloningsregels")

    def get_columns(self) -> list[ListColumn]:
        return entry_columns(self.policy())

    def filter_form(self) -> PayrollEntryFilterForm:
        if not hasattr(self, "_filter_form"):
            months = payroll_months(municipality=self.municipality)
            data = self.request.GET.copy()
            if not data.get("periode"):
                # The latest month, unless one participant's history is asked for.
                person = data.get("q") or data.get("deelnemer")
                data["periode"] = f"{months[0]:%Y-%m}" if months and not person else ALL_MONTHS
            self._filter_form = PayrollEntryFilterForm(data, months=months)
            self._filter_form.is_valid()
        return self._filter_form

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[PayrollEntry]:
        form = self.filter_form()
        data = form.cleaned_data if form.is_bound and form.is_valid() else {}
        qs = payroll_entry_list(
            municipality=municipality,
            period=form.month(),
            participant_id=data.get("deelnemer") or None,
        ).select_related("participant", "contract")
        # A search by BSN finds whose BSN it is: the policy says who may.
        privacy = policy_for(self.request)
        if privacy.refuses_search(data.get("q") or ""):
            self.search_capped = False
            return qs.none()
        search = privacy.search_text(data.get("q") or "")
        self.search_capped = False
        if search:
            # The matching people first, as a short list of ids: the database then
            # reads their entries through the index, however many entries exist.
            people = participant_list(municipality=municipality, search=search).order_by()
            ids = list(people.values_list("pk", flat=True)[: SEARCH_LIMIT + 1])
            self.search_capped = len(ids) > SEARCH_LIMIT
            qs = qs.filter(participant_id__in=ids[:SEARCH_LIMIT])
        return qs

    def get_paginator(  # type: ignore[override]
        self, queryset: QuerySet[PayrollEntry], per_page: int, *args: Any, **kwargs: Any
    ) -> Paginator[PayrollEntry]:
        """The count for the pages comes with the totals: one pass over the rows."""
        self.totals = queryset.order_by().aggregate(
            rows=Count("id"), gross_wage=Sum("gross_wage"), total=Sum("total")
        )
        paginator = super().get_paginator(queryset, per_page, *args, **kwargs)
        paginator.count = self.totals["rows"]
        return paginator

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        rows = list(page.object_list)
        page.object_list = context["object_list"] = rows
        context["filter_form"] = self.filter_form()
        context["totals"] = self.totals
        context["search_capped"] = self.search_capped
        query = self.filter_form().data.get("q") or ""
        context["search_refused"] = policy_for(self.request).refuses_search(query)
        context["search_limit"] = SEARCH_LIMIT
        audit_participant_list(self.request, (e.participant_id for e in rows))
        if rows:
            audit_list_access(
                actor=self.request.user,  # type: ignore[arg-type]
                municipality=self.municipality,
                model=PayrollEntry,
                ids=[e.pk for e in rows],
                fields=list(VALUE_FIELDS),
            )
        return context


class PayrollImportListView(ListingMixin, TenantListView):
    permission = Perm.PAYROLL_VIEW
    template_name = "payroll/import_list.html"
    columns = IMPORT_COLUMNS
    export_name = "loonbestanden"
    export_title = gettext_lazy("Loonbestanden")

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[PayrollImport]:
        return payroll_import_list(municipality=municipality)


class PayrollImportDetailView(TenantDetailView):
    """One import: its result, or (status preview) the check to confirm."""

    permission = Perm.PAYROLL_VIEW
    template_name = "payroll/import_detail.html"
    context_object_name = "payroll_import"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[PayrollImport]:
        return payroll_import_list(municipality=municipality)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        record: PayrollImport = self.object
        context["is_uploader"] = record.uploaded_by_id == self.request.user.pk
        context["can_confirm"] = (
            record.status == ImportStatus.PREVIEW
            and context["is_uploader"]
            and self.has_perm(Perm.PAYROLL_IMPORT)
        )
        context["earlier"] = same_file_imported_before(record)
        context["more_errors"] = max(record.error_count - len(record.errors), 0)
        context["more_error_lines"] = more_errors_lines(record.more_errors)
        job = latest_job_for(
            municipality=self.municipality, kinds=payroll_jobs.KINDS, key="import", value=record.pk
        )
        context["job"] = job
        if job is not None and record.status == ImportStatus.QUEUED:
            context.update(job_context(job))
        return context


class PayrollUploadView(TenantViewMixin, FormView):  # type: ignore[type-arg]
    """Upload a file: it is checked completely, and nothing is imported yet."""

    permission = Perm.PAYROLL_IMPORT
    form_class = PayrollUploadForm
    template_name = "payroll/upload.html"

    def form_valid(self, form: PayrollUploadForm) -> HttpResponse:
        upload = form.cleaned_data["file"]
        try:
            record = services.payroll_enqueue(
                municipality=self.municipality,
                actor=self._user(),
                file_name=upload.name or "",
                content=upload.read(),
                correction=bool(form.cleaned_data.get("correction")),
            )
        except PayrollFileError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        job = payroll_jobs.start_check(record=record, actor=self._user())
        return HttpResponseRedirect(job.get_absolute_url())

    def _user(self) -> User:
        user = self.request.user
        assert isinstance(user, User)
        return user


class PreviewActionView(TenantViewMixin, SingleObjectMixin, View):  # type: ignore[type-arg]
    """A POST on a waiting preview; answers with a redirect to the import's page."""

    permission = Perm.PAYROLL_IMPORT
    http_method_names = ["post"]

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[PayrollImport]:
        return payroll_import_list(municipality=municipality)

    def act(self, record: PayrollImport, user: User) -> str:
        """Do it; return where to go next ("" for the import's page)."""
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        record = self.get_object()
        user = request.user
        assert isinstance(user, User)
        try:
            next_url = self.act(record, user)
        except (ValidationError, PayrollFileError) as exc:
            for message in getattr(exc, "messages", [str(exc)]):
                messages.error(request, message)
            next_url = ""
        return HttpResponseRedirect(next_url or reverse("payroll:import_detail", args=[record.pk]))


class PayrollConfirmView(PreviewActionView):
    """Confirm a preview: the import runs in the background; on to its progress."""

    def act(self, record: PayrollImport, user: User) -> str:
        record = services.payroll_enqueue_confirm(payroll_import=record, actor=user)
        return payroll_jobs.start_confirm(record=record, actor=user).get_absolute_url()


class PayrollCancelView(PreviewActionView):
    def act(self, record: PayrollImport, user: User) -> str:
        services.payroll_preview_cancel(payroll_import=record, actor=user)
        messages.success(self.request, _("De import is geannuleerd; er is niets ingelezen."))
        return ""
