"""The audit log in the admin: read-only, scoped to the administrator's municipalities."""

from __future__ import annotations

from django.contrib import admin

from basisbaan.audit.models import AuditEntry
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyTenantAdmin):
    """Append-only: nobody adds, changes or deletes an entry, not even a superuser."""

    list_display = ["timestamp", "actor_label", "action", "object_type", "object_id", "channel"]
    list_filter = ["action", "channel", "object_type"]
    search_fields = ["actor_label", "object_type", "object_id", "object_repr"]
    date_hierarchy = "timestamp"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
