"""Writes of municipalities and memberships, the functional administrators' own data.

Every write here is one transaction with its audit entry, like the other apps'
services. Who may write is checked here, not only in the face that calls:

- a membership (a user's role in a municipality) is given, changed or taken
  away by a functional administrator of that municipality, or by an
  installation manager (superuser);
- a municipality is added or renamed by an installation manager only.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from basisbaan.audit.models import AuditAction
from basisbaan.audit.services import audit_change, snapshot
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Role

__all__ = [
    "membership_create",
    "membership_delete",
    "membership_update",
    "memberships_sync_from_idp",
    "municipality_create",
    "municipality_update",
]


def _may_manage_memberships(actor: User, municipality_id: int) -> bool:
    if actor.is_superuser:
        return True
    return Membership.objects.filter(
        user=actor, municipality_id=municipality_id, role=Role.FUNCTIONAL_ADMIN
    ).exists()


def _ensure_membership_manager(actor: User, municipality_id: int) -> None:
    if not _may_manage_memberships(actor, municipality_id):
        raise PermissionDenied(
            _("Alleen een functioneel beheerder van deze gemeente beheert de rollen daarin.")
        )


def _ensure_installation_manager(actor: User) -> None:
    if not actor.is_superuser:
        raise PermissionDenied(_("Alleen een installatiebeheerder beheert gemeenten."))


def _create[M: models.Model](instance: M, actor: User) -> M:
    instance.full_clean()
    instance.save()
    audit_change(actor=actor, instance=instance, action=AuditAction.CREATE)
    return instance


def _update[M: models.Model](instance: M, data: dict[str, Any], actor: User) -> M:
    before = snapshot(instance)
    changed = [name for name, value in data.items() if getattr(instance, name) != value]
    if not changed:
        return instance
    for name in changed:
        setattr(instance, name, data[name])
    instance.full_clean()
    instance.save(update_fields=changed)
    audit_change(actor=actor, instance=instance, action=AuditAction.UPDATE, before=before)
    return instance


@transaction.atomic
def membership_create(
    *, actor: User, user: User, municipality: Municipality, role: str
) -> Membership:
    """Give ``user`` the ``role`` in ``municipality`` (one role per municipality)."""
    _ensure_membership_manager(actor, municipality.pk)
    if Membership.objects.filter(user=user, municipality=municipality).exists():
        raise ValidationError(
            {"user": _("Deze gebruiker heeft al een rol in deze gemeente: wijzig die rol.")}
        )
    return _create(Membership(user=user, municipality=municipality, role=role), actor)


@transaction.atomic
def membership_update(*, actor: User, membership: Membership, role: str) -> Membership:
    """Change the role; the user and the municipality of a membership do not change."""
    _ensure_membership_manager(actor, membership.municipality_id)
    return _update(membership, {"role": role}, actor)


@transaction.atomic
def membership_delete(*, actor: User, membership: Membership) -> None:
    """Take the user's role in the municipality away (the account stays)."""
    _ensure_membership_manager(actor, membership.municipality_id)
    before, pk = snapshot(membership), membership.pk
    membership.delete()
    membership.pk = pk
    audit_change(actor=actor, instance=membership, action=AuditAction.DELETE, before=before)


@transaction.atomic
def municipality_create(*, actor: User, name: str, slug: str, cbs_code: str = "") -> Municipality:
    _ensure_installation_manager(actor)
    return _create(Municipality(name=name, slug=slug, cbs_code=cbs_code), actor)


@transaction.atomic
def municipality_update(
    *, actor: User, municipality: Municipality, name: str, slug: str, cbs_code: str
) -> Municipality:
    _ensure_installation_manager(actor)
    return _update(municipality, {"name": name, "slug": slug, "cbs_code": cbs_code}, actor)


@transaction.atomic
def memberships_sync_from_idp(*, user: User, wanted: dict[str, str]) -> None:
    """Make ``user``'s roles what the municipality's identity provider says
    (``{municipality slug: role}``): roles added, changed and taken away, each
    audited with the system as actor. Slugs of unknown municipalities are ignored."""
    municipalities = {m.slug: m for m in Municipality.objects.filter(slug__in=wanted)}
    current = {m.municipality.slug: m for m in user.memberships.select_related("municipality")}
    for slug, membership in current.items():
        if slug not in municipalities:
            before, pk = snapshot(membership), membership.pk
            membership.delete()
            membership.pk = pk
            audit_change(actor=None, instance=membership, action=AuditAction.DELETE, before=before)
    for slug, municipality in municipalities.items():
        role = wanted[slug]
        if slug in current:
            _update(current[slug], {"role": role}, None)  # type: ignore[arg-type]
        else:
            _create(Membership(user=user, municipality=municipality, role=role), None)  # type: ignore[arg-type]
