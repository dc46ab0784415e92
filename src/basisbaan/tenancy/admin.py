"""Admin of municipalities, users and memberships (functioneel beheer)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest

from basisbaan.tenancy.admin_base import TenantAdmin, admin_municipality_ids
from basisbaan.tenancy.models import Membership, Municipality, User


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "slug", "cbs_code"]
    search_fields = ["name", "slug", "cbs_code"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Municipality]:
        qs = super().get_queryset(request)
        ids = admin_municipality_ids(request)
        return qs if ids is None else qs.filter(pk__in=ids)

    # Only installation managers (superusers) add or remove municipalities.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 0
    autocomplete_fields = ["municipality"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):  # type: ignore[type-arg]
    """Accounts; only installation managers (superusers) manage them here.

    A functional administrator gives an existing account a role in their
    municipality under Lidmaatschappen.
    """

    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_superuser)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(request.user.is_superuser)


@admin.register(Membership)
class MembershipAdmin(TenantAdmin):
    list_display = ["user", "municipality", "role"]
    list_filter = ["role", ("municipality", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    # Typed as an id: the list of all accounts is for installation managers only.
    raw_id_fields = ["user"]
