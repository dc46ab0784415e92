"""The audit log in the admin: read-only, scoped to the administrator's municipalities."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from basisbaan.audit.models import AuditEntry
from basisbaan.tenancy.admin_base import admin_municipality_ids


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["timestamp", "actor_label", "action", "object_type", "object_id", "channel"]
    list_filter = ["action", "channel", "object_type"]
    search_fields = ["actor_label", "object_type", "object_id", "object_repr"]
    date_hierarchy = "timestamp"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def get_queryset(self, request: HttpRequest) -> QuerySet[AuditEntry]:
        qs = super().get_queryset(request)
        ids = admin_municipality_ids(request)
        return qs if ids is None else qs.filter(municipality_id__in=ids)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    # Append-only: nobody adds, changes or deletes an entry, not even a superuser.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
