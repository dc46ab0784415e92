"""Admin for guidance: read-only and scoped.

Only the settings and the closed months: hours, sessions and signals are
personal data, read and written through the pages and the API (audited).
"""

from __future__ import annotations

from django.contrib import admin

from basisbaan.guidance.models import ClosedPeriod, GuidanceSettings
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(GuidanceSettings)
class GuidanceSettingsAdmin(ReadOnlyTenantAdmin):
    list_display = [
        "programme",
        "norm_hours",
        "hourly_rate",
        "rate_date",
        "cadence_weeks",
        "municipality",
    ]
    list_select_related = ["programme", "municipality"]


@admin.register(ClosedPeriod)
class ClosedPeriodAdmin(ReadOnlyTenantAdmin):
    list_display = ["month", "closed_by", "created_at", "municipality"]
    list_select_related = ["closed_by", "municipality"]
