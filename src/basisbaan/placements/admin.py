"""Placements in the admin: read-only and scoped (the services write them)."""

from django.contrib import admin

from basisbaan.placements.models import Placement
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(Placement)
class PlacementAdmin(ReadOnlyTenantAdmin):
    list_display = ["id", "position", "track", "start_date", "end_date", "municipality"]
    list_filter = ["track", ("municipality", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["position__host", "municipality"]
    raw_id_fields = ["participant", "position"]
    date_hierarchy = "start_date"
