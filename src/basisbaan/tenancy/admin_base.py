"""Base classes for the Django admin (/beheer/), the functional administrators' tool.

The admin **reads** domain data and writes only what has no other face:
memberships (who has which role where), municipalities and accounts for the
installation manager, and the national parameter tables. Every rule the
services enforce (a participant's status lifecycle, the minimum wage of a
contract period, a closed budget year) holds because the admin cannot write
domain records at all: :class:`ReadOnlyTenantAdmin` refuses add, change and
delete for everyone, superusers included. The few admins that do write call
a service (one transaction, audit entry) instead of saving the model.

A staff user sees only the records of the municipalities where they are
functional administrator; a superuser sees all (installation managers).
Foreign-key choices are limited the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib import admin
from django.db.models import ForeignKey, QuerySet
from django.http import HttpRequest

from basisbaan.audit.context import reset_channel, set_channel
from basisbaan.tenancy.models import Membership, Municipality, TenantModel, User
from basisbaan.tenancy.roles import Role

__all__ = ["ReadOnlyTenantAdmin", "TenantAdmin", "admin_channel", "admin_municipality_ids"]


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


@contextmanager
def admin_channel() -> Iterator[None]:
    """Audit entries written by a service called from the admin say channel ``admin``."""
    token = set_channel("admin")
    try:
        yield
    finally:
        reset_channel(token)


class TenantAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Scoping for a tenant-owned model: only the administrator's municipalities.

    Writes are the subclass's business: one that allows them must save through
    a service (override ``save_model`` and ``delete_model``); the defaults
    here refuse, so a forgotten override cannot write around the rules.
    """

    municipality_field = "municipality"

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        qs = super().get_queryset(request)
        ids = admin_municipality_ids(request)
        if ids is None:
            return qs
        return qs.filter(**{f"{self.municipality_field}__in": ids})

    def get_form(
        self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any
    ) -> Any:
        # The record being edited: its municipality limits the users it may name.
        request._admin_object = obj  # type: ignore[attr-defined]
        return super().get_form(request, obj, change=change, **kwargs)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        ids = admin_municipality_ids(request)
        related = db_field.related_model
        if related is User and issubclass(self.model, TenantModel):
            # "Held by", "decided by": users with a role in the record's
            # municipality (or, for a new record, in one the administrator
            # administers). The model's validation refuses any other. Not for a
            # membership: its user is the one who gets the role.
            obj = getattr(request, "_admin_object", None)
            own = getattr(obj, "municipality_id", None)
            if own is not None:
                kwargs["queryset"] = User.objects.filter(
                    memberships__municipality_id=own
                ).distinct()
            elif ids is not None:
                kwargs["queryset"] = User.objects.filter(
                    memberships__municipality_id__in=ids
                ).distinct()
        elif ids is not None and isinstance(related, type):
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

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        raise NotImplementedError(f"{type(self).__name__} must save through a service.")

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        raise NotImplementedError(f"{type(self).__name__} must delete through a service.")

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for obj in queryset:
            self.delete_model(request, obj)


class ReadOnlyTenantAdmin(TenantAdmin):
    """View only, for every user: domain records change through their services.

    Add, change and delete are refused (403 on a POST), the delete action is
    not offered, and the change page shows the record read-only.
    """

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
