"""The base of every API viewset: municipality scoping and role permissions.

The same rules as :mod:`basisbaan.tenancy.scoping` for HTML views. Subclasses
set ``view_permission`` (list, retrieve) and ``manage_permission`` (writes),
implement ``scoped_queryset(municipality)``, and never override
``get_queryset``.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, viewsets
from rest_framework.request import Request
from rest_framework.views import APIView

from basisbaan.core.api.concurrency import ConcurrencyViewSetMixin
from basisbaan.tenancy.models import Membership, Municipality
from basisbaan.tenancy.roles import Perm, has_perm
from basisbaan.tenancy.scoping import guard_get_queryset, scope
from basisbaan.tenancy.selectors import MUNICIPALITY_HEADER, SESSION_KEY, membership_resolve

READ_ACTIONS = {"list", "retrieve", "metadata"}


def request_membership(request: Request) -> Membership | None:
    """The membership of an API request, resolved after DRF authentication.

    Token-authenticated requests name their municipality in the X-Municipality
    header when the user belongs to more than one.
    """
    if hasattr(request, "_tenant_membership"):
        cached: Membership | None = request._tenant_membership
        return cached
    requested = request.META.get(MUNICIPALITY_HEADER)
    if requested is None and hasattr(request, "session"):
        requested = request.session.get(SESSION_KEY)
    membership = membership_resolve(user=request.user, requested_slug=requested)  # type: ignore[arg-type]
    request._tenant_membership = membership  # type: ignore[attr-defined]
    return membership


class TenantPermission(permissions.BasePermission):
    message = _("U heeft geen recht op deze gegevens in deze gemeente.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        membership = request_membership(request)
        if membership is None:
            return False
        return has_perm(membership.role, view.required_permission())  # type: ignore[attr-defined]


class TenantViewSet(ConcurrencyViewSetMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    permission_classes = [permissions.IsAuthenticated, TenantPermission]
    view_permission: ClassVar[Perm]
    manage_permission: ClassVar[Perm | None] = None
    action_permissions: ClassVar[dict[str, Perm]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        guard_get_queryset(cls, TenantViewSet)

    def required_permission(self) -> Perm:
        action = self.action or ""
        if action in self.action_permissions:
            return self.action_permissions[action]
        if action in READ_ACTIONS or self.request.method in permissions.SAFE_METHODS:
            return self.view_permission
        return self.manage_permission or self.view_permission

    @property
    def membership(self) -> Membership:
        membership = request_membership(self.request)
        assert membership is not None  # TenantPermission ran before any handler
        return membership

    @property
    def municipality(self) -> Municipality:
        return self.membership.municipality

    def has_perm(self, perm: Perm) -> bool:
        membership = request_membership(self.request)
        return has_perm(membership.role if membership else None, perm)

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Any]:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet[Any]:
        membership = request_membership(self.request)
        if membership is None:
            # Schema generation and refused requests: an empty queryset.
            base: QuerySet[Any] | None = getattr(self, "queryset", None)
            return base.none() if base is not None else Membership.objects.none()
        return scope(self.scoped_queryset(membership.municipality), membership.municipality)
