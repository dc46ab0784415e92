"""The functional administrator's view of the audit log: filter, sort, read, export. Read-only.

Rows come from :mod:`basisbaan.audit.display` (Dutch names and labels, local
time, names only as the viewer's personal-data policy allows). Sorting and the
Excel/CSV export are the shared ones of every list (:mod:`basisbaan.core.listing`,
:mod:`basisbaan.core.export`); every export writes an audit entry itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from basisbaan.audit.display import AuditRow, audit_rows, iter_audit_rows, viewer_policy
from basisbaan.audit.forms import AuditFilterForm
from basisbaan.audit.models import AuditEntry
from basisbaan.audit.selectors import audit_entry_list
from basisbaan.core.choices import search_fragment
from basisbaan.core.export import Kind
from basisbaan.core.listing import EXPORT_LIMIT, ListColumn, ListingMixin
from basisbaan.core.views import TenantListView
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm

__all__ = ["EXPORT_LIMIT", "AuditExportView", "AuditListView"]

# The columns of the page and the export; the export reads them from an AuditRow.
COLUMNS = (
    ListColumn(
        "time",
        gettext_lazy("Tijdstip"),
        ("timestamp",),
        lambda row: row.time,
        Kind.DATETIME,
        17,
        "timestamp",
    ),
    ListColumn(
        "actor", gettext_lazy("Gebruiker"), ("actor_label",), lambda row: row.actor, width=28
    ),
    ListColumn("action", gettext_lazy("Actie"), ("action",), lambda row: row.action, width=14),
    ListColumn(
        "record_type",
        gettext_lazy("Soort record"),
        ("object_type",),
        lambda row: row.record_type,
        width=22,
        field="object_type",
    ),
    ListColumn(
        "record_id",
        gettext_lazy("Record-id"),
        (),
        lambda row: row.record_id,
        width=10,
        field="object_id",
    ),
    ListColumn(
        "record", gettext_lazy("Record"), (), lambda row: row.record, width=32, field="object_repr"
    ),
    ListColumn(
        "details",
        gettext_lazy("Wijzigingen of gegevens"),
        (),
        lambda row: row.details,
        width=80,
        field="changes",
    ),
    ListColumn("channel", gettext_lazy("Kanaal"), ("channel",), lambda row: row.channel, width=14),
    ListColumn(
        "request_id",
        gettext_lazy("Request-id"),
        (),
        lambda row: str(row.entry.request_id),
        width=38,
    ),
)


class AuditListView(ListingMixin, TenantListView):
    permission = Perm.AUDIT_VIEW
    template_name = "audit/list.html"
    paginate_by = 50
    columns = COLUMNS
    export_name = "auditlog"
    export_title = gettext_lazy("Auditlog")

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        # The actor filter's search, from its script: the filter alone.
        form = AuditFilterForm(request.GET, municipality=self.municipality)
        return search_fragment(request, form) or super().get(request, *args, **kwargs)

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[AuditEntry]:
        self.filter_form = AuditFilterForm(self.request.GET or None, municipality=municipality)
        return audit_entry_list(municipality=municipality, **self.filter_form.selection())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        page = context["page_obj"]
        context["rows"] = audit_rows(page.object_list, viewer_policy(self.request))
        context["export_limit"] = EXPORT_LIMIT
        return context

    # -- the export: the shared one, with the log's own filters and rows -------------------

    def list_url(self) -> str:
        return reverse("audit:list")

    def filters(self) -> dict[str, str]:
        described = self.filter_form.described()
        if self.current_sort(AuditEntry) is not None:
            described["sort"] = self.request.GET.get("sort", "")
        return described

    def export_rows(self, queryset: QuerySet[AuditEntry]) -> Iterable[AuditRow]:
        # The file holds what was counted: not the entry that records it.
        entries = queryset.exclude(pk=self.export_entry.pk)
        return iter_audit_rows(entries.iterator(chunk_size=2000), viewer_policy(self.request))

    def export(self, file_format: str) -> HttpResponse:
        self.get_queryset()  # builds the filter form
        if self.filter_form.is_bound and not self.filter_form.is_valid():
            messages.error(
                self.request, _("Pas eerst de filters aan: niet alles is goed ingevuld.")
            )
            query = self.request.GET.copy()
            for name in ("export", "formaat"):
                query.pop(name, None)
            return HttpResponseRedirect(
                self.list_url() + (f"?{query.urlencode()}" if query else "")
            )
        return super().export(file_format)


class AuditExportView(AuditListView):
    """``/audit/export/?formaat=csv|xlsx&<filters>``: the address of the first export,
    kept for bookmarks; the same as ``/audit/?export=csv|xlsx``."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        file_format = request.GET.get("formaat", "xlsx")
        return self.export(file_format if file_format in ("csv", "xlsx") else "xlsx")
