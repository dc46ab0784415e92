"""Scoping for the Django admin (/beheer/), the functional administrators' tool.

A staff user sees in the admin only the records of the municipalities where
they are functional administrator; a superuser sees all (installation
managers). Foreign-key choices are limited the same way.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import transaction
from django.db.models import ForeignKey, QuerySet
from django.http import HttpRequest

from basisbaan.audit.models import AuditAction
from basisbaan.audit.services import audit_change, snapshot
from basisbaan.tenancy.models import Membership, Municipality
from basisbaan.tenancy.roles import Role


def admin_municipality_ids(request: HttpRequest) -> list[int] | None:
    """Ids of the municipalities ``request.user`` administers; None for all."""
    user = request.user
    if user.is_superuser:
        return None
    cached = getattr(request, "_admin_municipality_ids", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, role=Role.FUNCTIONAL_ADMIN).values_list(  # type: ignore[misc]
                "municipality_id", flat=True
            )
        )
        request._admin_municipality_ids = cached  # type: ignore[attr-defined]
    return cached


class TenantAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """ModelAdmin for tenant-owned models: only the administrator's municipalities."""

    municipality_field = "municipality"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        ids = admin_municipality_ids(request)
        if ids is None:
            return qs
        return qs.filter(**{f"{self.municipality_field}__in": ids})

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        ids = admin_municipality_ids(request)
        related = db_field.related_model
        if ids is not None and isinstance(related, type):
            if related is Municipality:
                kwargs["queryset"] = Municipality.objects.filter(pk__in=ids)
            elif any(f.name == "municipality" for f in related._meta.fields):
                kwargs["queryset"] = related._default_manager.filter(municipality_id__in=ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.has_module_permission(request) and (
            admin_municipality_ids(request) is None or bool(admin_municipality_ids(request))
        )

    has_change_permission = has_view_permission
    has_add_permission = has_view_permission
    has_delete_permission = has_view_permission

    # The admin writes outside the services, so it writes the audit entries itself.
    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        before = snapshot(type(obj)._default_manager.get(pk=obj.pk)) if change else None
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit_change(
                actor=request.user,  # type: ignore[arg-type]
                instance=obj,
                action=AuditAction.UPDATE if change else AuditAction.CREATE,
                before=before,
                channel="admin",
            )

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        before, pk = snapshot(obj), obj.pk
        with transaction.atomic():
            super().delete_model(request, obj)
            obj.pk = pk
            audit_change(
                actor=request.user,  # type: ignore[arg-type]
                instance=obj,
                action=AuditAction.DELETE,
                before=before,
                channel="admin",
            )

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)
