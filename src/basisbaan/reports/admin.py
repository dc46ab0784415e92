"""Admin for council reports: read-only and scoped.

Reports are written on their pages and through the API, where the services keep
a final version frozen; the admin writes nothing (and the model refuses a change
to a final version from anywhere).
"""

from __future__ import annotations

from django.contrib import admin

from basisbaan.reports.models import CouncilReport, HouseStyle
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(CouncilReport)
class CouncilReportAdmin(ReadOnlyTenantAdmin):
    list_display = [
        "title",
        "programme",
        "as_of",
        "number",
        "status",
        "finalised_at",
        "municipality",
    ]
    list_select_related = ["programme", "municipality"]


@admin.register(HouseStyle)
class HouseStyleAdmin(ReadOnlyTenantAdmin):
    list_display = ["name", "colour", "accent", "font", "municipality"]
    list_select_related = ["municipality"]
