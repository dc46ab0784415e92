"""The base of every API viewset: municipality scoping and role permissions.

The same rules as :mod:`basisbaan.tenancy.scoping` for HTML views. Subclasses
set ``view_permission`` (list, retrieve) and ``manage_permission`` (writes),
implement ``scoped_queryset(municipality)``, and never override
``get_queryset``.

**Reads are audited by default.** Every record a GET answer serializes through
``get_serializer`` (a list page, a detail, a detail action) is written to the
audit log once the answer is ready: one ``list`` entry with the ids of a page,
one ``view`` entry per detail. A viewset that holds no personal data, or audits
its reads itself (the participant privacy policy), says so with
``audit_reads = False`` and an ``audit_reads_reason``; the reviewed list of
those is in tests/api/test_read_audit.py. A GET that serializes rows without
``get_serializer`` calls :meth:`TenantViewSet.audit_read` itself.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, viewsets
from rest_framework.request import Request
from rest_framework.views import APIView

from basisbaan.audit.services import audit_access_in, audit_list_access
from basisbaan.core.api.concurrency import ConcurrencyViewSetMixin
from basisbaan.core.api.throttling import ThrottleFirstMixin
from basisbaan.core.logs import bind_request_context
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
    # A token is read only now (not by the middleware): the log lines from here on
    # carry the user id and the municipality.
    bind_request_context(
        user=request.user, municipality=membership.municipality if membership else None
    )
    return membership


class TenantPermission(permissions.BasePermission):
    message = _("U heeft geen recht op deze gegevens in deze gemeente.")

    def has_permission(self, request: Request, view: APIView) -> bool:
        membership = request_membership(request)
        if membership is None:
            return False
        return has_perm(membership.role, view.required_permission())  # type: ignore[attr-defined]


class TenantViewSet(
    ThrottleFirstMixin,
    ConcurrencyViewSetMixin,
    viewsets.GenericViewSet,  # type: ignore[type-arg]
):
    permission_classes = [permissions.IsAuthenticated, TenantPermission]
    view_permission: ClassVar[Perm]
    manage_permission: ClassVar[Perm | None] = None
    action_permissions: ClassVar[dict[str, Perm]] = {}

    # Read audit (see the module docstring). ``audit_fields`` names what a read
    # shows; empty means the serializer's fields.
    audit_reads: ClassVar[bool] = True
    audit_reads_reason: ClassVar[str] = ""
    audit_fields: ClassVar[list[str]] = []

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        guard_get_queryset(cls, TenantViewSet)
        if not cls.audit_reads and not cls.audit_reads_reason.strip():
            raise TypeError(f"{cls.__name__}: audit_reads = False needs an audit_reads_reason.")

    # -- read audit ---------------------------------------------------------

    def _is_read(self) -> bool:
        return self.request is not None and self.request.method in ("GET", "HEAD")

    def audit_read(self, rows: Any, *, many: bool) -> None:
        """Remember that this GET shows ``rows`` (model instances); written once answered."""
        if not self.audit_reads or not self._is_read():
            return
        shown: dict[type[Model], dict[Any, Model]] = self.__dict__.setdefault("_audit_shown", {})
        single: list[Model] = self.__dict__.setdefault("_audit_single", [])
        items = list(rows) if many else [rows]
        for row in items:
            if not isinstance(row, Model):
                continue
            if many:
                shown.setdefault(type(row), {})[row.pk] = row
            elif all(row.pk != seen.pk or type(row) is not type(seen) for seen in single):
                single.append(row)

    def get_serializer(self, *args: Any, **kwargs: Any) -> Any:
        instance = args[0] if args else kwargs.get("instance")
        if instance is not None and "data" not in kwargs:
            many = bool(kwargs.get("many"))
            if many and isinstance(instance, QuerySet):
                # Evaluate once here; the serializer iterates the same cache.
                instance = list(instance)
                args = (instance, *args[1:]) if args else args
                if not args:
                    kwargs["instance"] = instance
            self.audit_read(instance, many=many)
        return super().get_serializer(*args, **kwargs)

    def _audit_fields(self) -> list[str]:
        if self.audit_fields:
            return list(self.audit_fields)
        try:
            serializer: Any = self.get_serializer_class()(context=self.get_serializer_context())
            return sorted(serializer.fields)
        except Exception:  # noqa: BLE001 -- a field list is a courtesy, the entry is not
            return []

    def _write_read_audit(self) -> None:
        shown: dict[type[Model], dict[Any, Model]] = self.__dict__.pop("_audit_shown", {})
        single: list[Model] = self.__dict__.pop("_audit_single", [])
        if not shown and not single:
            return
        actor = self.request.user if self.request.user.is_authenticated else None
        fields = self._audit_fields()
        for model, rows in shown.items():
            audit_list_access(
                actor=actor,
                municipality=self.municipality,
                model=model,
                ids=list(rows),
                fields=fields,
            )
        for instance in single:
            audit_access_in(
                actor=actor,
                municipality=self.municipality,
                instance=instance,
                fields=fields,
            )

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if self._is_read() and 200 <= response.status_code < 300:
            self._write_read_audit()
        return response

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
