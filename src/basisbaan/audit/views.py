"""The functional administrator's view of the audit log. Read-only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from basisbaan.audit.forms import AuditFilterForm
from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.core.views import TenantListView
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def change_rows(entry: AuditEntry) -> list[tuple[str, Any, Any]]:
    """``(field, before, after)`` for an entry's changes, for display."""
    changes = entry.changes or {}
    if entry.action in (AuditAction.VIEW, AuditAction.LIST, AuditAction.EXPORT):
        return []
    return [
        (name, pair[0], pair[1])
        for name, pair in sorted(changes.items())
        if isinstance(pair, list | tuple) and len(pair) == 2
    ]


class AuditListView(TenantListView):
    permission = Perm.AUDIT_VIEW
    template_name = "audit/list.html"
    paginate_by = 50

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[AuditEntry]:
        self.filter_form = AuditFilterForm(self.request.GET or None, municipality=municipality)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        qs = AuditEntry.objects.filter(municipality=municipality).select_related("actor")
        if data.get("actor"):
            qs = qs.filter(actor=data["actor"])
        if data.get("action"):
            qs = qs.filter(action=data["action"])
        if data.get("object_type"):
            qs = qs.filter(object_type=data["object_type"])
        if data.get("object_id"):
            qs = qs.filter(object_id=data["object_id"].strip())
        if data.get("date_from"):
            qs = qs.filter(timestamp__gte=_start_of(data["date_from"]))
        if data.get("date_to"):
            qs = qs.filter(timestamp__lt=_start_of(data["date_to"] + dt.timedelta(days=1)))
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        page = context["page_obj"]
        rows = [(entry, change_rows(entry)) for entry in page.object_list]
        context["rows"] = rows
        return context
