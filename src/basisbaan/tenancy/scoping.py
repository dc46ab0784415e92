"""The one place where a request is tied to its municipality.

Every HTML view that shows municipal data inherits :class:`TenantViewMixin`;
every API viewset inherits :class:`~basisbaan.core.api.viewsets.TenantViewSet`,
which uses the same rules. Both:

- refuse the request when the user has no membership in a municipality (403),
- check the view's ``permission`` against the role matrix (403),
- build the queryset from ``scoped_queryset(municipality)`` and then filter it
  on ``municipality`` once more themselves, so a subclass cannot return rows of
  another municipality even by mistake.

Subclasses may not override ``get_queryset``: ``__init_subclass__`` refuses it.
A deliberate cross-municipality read must live in a selector named
``dangerously_*`` and be reviewed.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _

from basisbaan.tenancy.models import Membership, Municipality
from basisbaan.tenancy.roles import Perm, has_perm


def guard_get_queryset(cls: type, base: type) -> None:
    """Refuse a subclass of ``base`` that overrides ``get_queryset``."""
    for klass in cls.__mro__:
        if klass is base:
            return
        if "get_queryset" in vars(klass):
            raise ImproperlyConfigured(
                f"{cls.__name__} overrides get_queryset(); implement "
                "scoped_queryset(municipality) instead, so scoping cannot be skipped."
            )


def scope(queryset: QuerySet[Any], municipality: Municipality | None) -> QuerySet[Any]:
    """Filter ``queryset`` to ``municipality``; nothing at all without one."""
    if municipality is None:
        return queryset.none()
    return queryset.filter(municipality=municipality)


class TenantViewMixin:
    """Mixin for HTML views: municipality, role permission and scoped queryset."""

    permission: ClassVar[Perm]
    request: HttpRequest

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        guard_get_queryset(cls, TenantViewMixin)

    @property
    def municipality(self) -> Municipality:
        return self.request.municipality  # type: ignore[attr-defined,no-any-return]

    @property
    def membership(self) -> Membership:
        return self.request.membership  # type: ignore[attr-defined,no-any-return]

    def has_perm(self, perm: Perm) -> bool:
        membership = getattr(self.request, "membership", None)
        return has_perm(membership.role if membership else None, perm)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if getattr(request, "membership", None) is None:
            raise PermissionDenied(_("Geen gemeente: u bent geen lid van een gemeente."))
        if not self.has_perm(self.permission):
            raise PermissionDenied(_("U heeft geen recht op deze pagina."))
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc,no-any-return]

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Any]:
        raise ImproperlyConfigured(f"{type(self).__name__} must define scoped_queryset().")

    def get_queryset(self) -> QuerySet[Any]:
        return scope(self.scoped_queryset(self.municipality), self.municipality)
