"""Writes of hosts, their contact persons and positions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from basisbaan.core.services import (
    ensure_same_municipality,
    model_create,
    model_delete,
    model_update,
)
from basisbaan.hosts.constants import HOST_CONTACT_FIELDS, HOST_FIELDS, POSITION_FIELDS
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.tenancy.models import Municipality, User

__all__ = [
    "host_contact_create",
    "host_contact_delete",
    "host_contact_update",
    "host_create",
    "host_update",
    "position_create",
    "position_update",
]

EDITABLE_HOST = frozenset(HOST_FIELDS)
CONTACT_FIELDS = frozenset(HOST_CONTACT_FIELDS)
EDITABLE_POSITION = frozenset(POSITION_FIELDS)


def _check_name(municipality_id: int, name: str, exclude_pk: int | None = None) -> None:
    qs = Host.objects.filter(municipality_id=municipality_id, name__iexact=name.strip())
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"name": _("Er is al een werkgever met deze naam.")})


@transaction.atomic
def host_create(*, municipality: Municipality, actor: User | None, **data: Any) -> Host:
    _check_name(municipality.pk, data.get("name", ""))
    return model_create(instance=Host(municipality=municipality, **data), actor=actor)


@transaction.atomic
def host_update(
    *, host: Host, actor: User | None, data: dict[str, Any], expected_version: int | None = None
) -> Host:
    if "name" in data:
        _check_name(host.municipality_id, data["name"], exclude_pk=host.pk)
    host, _changed = model_update(
        instance=host,
        data=data,
        actor=actor,
        allowed=EDITABLE_HOST,
        expected_version=expected_version,
    )
    return host


@transaction.atomic
def host_contact_create(*, host: Host, actor: User | None, **data: Any) -> HostContact:
    return model_create(
        instance=HostContact(municipality_id=host.municipality_id, host=host, **data),
        actor=actor,
    )


@transaction.atomic
def host_contact_update(
    *, contact: HostContact, actor: User | None, data: dict[str, Any]
) -> HostContact:
    contact, _changed = model_update(
        instance=contact, data=data, actor=actor, allowed=CONTACT_FIELDS
    )
    return contact


@transaction.atomic
def host_contact_delete(*, contact: HostContact, actor: User | None) -> None:
    model_delete(instance=contact, actor=actor)


@transaction.atomic
def position_create(
    *, municipality: Municipality, actor: User | None, host: Host, **data: Any
) -> Position:
    ensure_same_municipality(municipality, host=host)
    return model_create(
        instance=Position(municipality=municipality, host=host, **data), actor=actor
    )


@transaction.atomic
def position_update(
    *,
    position: Position,
    actor: User | None,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> Position:
    position, _changed = model_update(
        instance=position,
        data=data,
        actor=actor,
        allowed=EDITABLE_POSITION,
        expected_version=expected_version,
    )
    return position
