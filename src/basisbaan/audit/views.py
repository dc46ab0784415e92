"""The functional administrator's view of the audit log: filter, read, export. Read-only.

Rows come from :mod:`basisbaan.audit.display` (Dutch names and labels, local
time, names only as the viewer's personal-data policy allows). The export is
built here with openpyxl (:mod:`basisbaan.audit.export`), until the generic
list export takes it over; every export writes an audit entry itself.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views import View

from basisbaan.audit.display import audit_rows, iter_audit_rows, viewer_policy
from basisbaan.audit.export import csv_bytes, xlsx_bytes
from basisbaan.audit.forms import AuditFilterForm
from basisbaan.audit.models import AuditEntry
from basisbaan.audit.selectors import audit_entry_list
from basisbaan.audit.services import audit_export
from basisbaan.core.views import TenantListView
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin

# An export larger than this is refused: narrow the filters (a date range).
EXPORT_LIMIT = 100_000

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
}


class AuditListView(TenantListView):
    permission = Perm.AUDIT_VIEW
    template_name = "audit/list.html"
    paginate_by = 50

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[AuditEntry]:
        self.filter_form = AuditFilterForm(self.request.GET or None, municipality=municipality)
        return audit_entry_list(municipality=municipality, **self.filter_form.selection())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        page = context["page_obj"]
        context["rows"] = audit_rows(page.object_list, viewer_policy(self.request))
        context["export_limit"] = EXPORT_LIMIT
        return context


class AuditExportView(TenantViewMixin, View):
    """``/audit/export/?formaat=csv|xlsx&<filters>``: the filtered log as a file."""

    permission = Perm.AUDIT_VIEW

    def get(self, request: HttpRequest) -> HttpResponse:
        file_format = request.GET.get("formaat", "xlsx")
        if file_format not in FORMATS:
            file_format = "xlsx"
        query = request.GET.copy()
        query.pop("formaat", None)
        back = reverse("audit:list") + (f"?{query.urlencode()}" if query else "")
        form = AuditFilterForm(query or None, municipality=self.municipality)
        if form.is_bound and not form.is_valid():
            messages.error(request, _("Pas eerst de filters aan: niet alles is goed ingevuld."))
            return HttpResponseRedirect(back)
        entries = audit_entry_list(municipality=self.municipality, **form.selection())
        count = entries.count()
        if count > EXPORT_LIMIT:
            messages.error(
                request,
                _("Dat zijn %(count)s regels; exporteer er hoogstens %(limit)s tegelijk.")
                % {
                    "count": number_format(count, force_grouping=True),
                    "limit": number_format(EXPORT_LIMIT, force_grouping=True),
                },
            )
            return HttpResponseRedirect(back)
        recorded = audit_export(
            actor=request.user,  # type: ignore[arg-type]
            municipality=self.municipality,
            model=AuditEntry,
            filters=form.described(),
            rows=count,
            file_format=file_format,
        )
        # The file holds what was counted: not the entry that records it.
        entries = entries.exclude(pk=recorded.pk)
        rows = iter_audit_rows(entries.iterator(chunk_size=2000), viewer_policy(request))
        content = csv_bytes(rows) if file_format == "csv" else xlsx_bytes(rows)
        content_type, extension = FORMATS[file_format]
        response = HttpResponse(content, content_type=content_type)
        name = f"auditlog-{self.municipality.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
