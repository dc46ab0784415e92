"""The functional administrator's view of the audit log. Read-only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from basisbaan.audit.forms import AuditFilterForm
from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.audit.selectors import audit_entry_list
from basisbaan.core.views import TenantListView
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm


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
        return audit_entry_list(
            municipality=municipality,
            actor=data.get("actor"),
            action=data.get("action") or "",
            object_type=data.get("object_type") or "",
            object_id=data.get("object_id") or "",
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        page = context["page_obj"]
        rows = [(entry, change_rows(entry)) for entry in page.object_list]
        context["rows"] = rows
        return context
