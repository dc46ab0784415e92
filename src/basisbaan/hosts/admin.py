"""Hosts, their contacts and positions in the admin: read-only and scoped (the services write them)."""

from django.contrib import admin

from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(Host)
class HostAdmin(ReadOnlyTenantAdmin):
    list_display = ["name", "kind", "city", "active", "municipality"]
    list_filter = ["kind", "active", ("municipality", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "kvk_number", "city"]


@admin.register(HostContact)
class HostContactAdmin(ReadOnlyTenantAdmin):
    list_display = ["name", "role", "host", "municipality"]
    list_select_related = ["host", "municipality"]
    search_fields = ["name", "host__name"]


@admin.register(Position)
class PositionAdmin(ReadOnlyTenantAdmin):
    list_display = ["title", "host", "track", "hours_per_week", "places", "is_open"]
    list_filter = ["track", "is_open", ("municipality", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["host"]
    search_fields = ["title", "host__name"]
