"""Admin for the cost settings: read-only, scoped; they change on the cost settings page."""

from __future__ import annotations

from django.contrib import admin

from basisbaan.costs.models import IndexationAssumption, ProgrammeCostSettings
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(ProgrammeCostSettings)
class ProgrammeCostSettingsAdmin(ReadOnlyTenantAdmin):
    list_display = [
        "programme",
        "pension_rate",
        "monitoring_fee",
        "large_employer",
        "deviation_rate",
        "deviation_amount",
        "municipality",
    ]
    list_select_related = ["programme", "municipality"]


@admin.register(IndexationAssumption)
class IndexationAssumptionAdmin(ReadOnlyTenantAdmin):
    list_display = ["key", "rate", "note", "updated_by", "updated_at", "municipality"]
    list_filter = ["key"]
    list_select_related = ["updated_by", "municipality"]
    readonly_fields = ["updated_by"]
