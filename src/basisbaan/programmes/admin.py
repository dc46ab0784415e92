"""Programmes in the admin: read-only and scoped (the services write them)."""

from django.contrib import admin

from basisbaan.programmes.models import Programme
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(Programme)
class ProgrammeAdmin(ReadOnlyTenantAdmin):
    list_display = ["name", "municipality", "start_date", "end_date", "intake_open"]
    list_filter = ["intake_open", ("municipality", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "slug"]
    readonly_fields = ["intake_changed_at", "created_at", "updated_at"]
