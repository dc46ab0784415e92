"""Admin for regional cooperation: read-only. Regions, members and regional users are
set up with ``basisbaan regions``; sharing is the municipality's own choice on its page."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from basisbaan.regions.models import Region, RegionalAccess, RegionMember, SharedFigures, Sharing
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


class _ReadOnly(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_active and request.user.is_superuser)


@admin.register(Region)
class RegionAdmin(_ReadOnly):
    list_display = ["name", "slug", "kind", "threshold"]


@admin.register(RegionMember)
class RegionMemberAdmin(_ReadOnly):
    list_display = ["region", "municipality"]
    list_select_related = ["region", "municipality"]


@admin.register(RegionalAccess)
class RegionalAccessAdmin(_ReadOnly):
    list_display = ["region", "user"]
    list_select_related = ["region", "user"]


@admin.register(Sharing)
class SharingAdmin(ReadOnlyTenantAdmin):
    list_display = ["programme", "region", "shared_at", "withdrawn_at", "municipality"]
    list_select_related = ["programme", "region", "municipality"]


@admin.register(SharedFigures)
class SharedFiguresAdmin(ReadOnlyTenantAdmin):
    list_display = ["programme", "version", "as_of", "computed_at", "municipality"]
    list_select_related = ["programme", "municipality"]
