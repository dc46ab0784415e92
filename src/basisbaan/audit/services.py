"""Writing audit entries. Call these inside the service's transaction.

- :func:`audit_change` for create, update and delete of a record,
- :func:`audit_access` for every view of personal data (detail pages, API
  reads, exports), in the same request as the access,
- :func:`audit_export` for a file made of a filtered list (the filters and
  the number of rows, so the file's content can be traced),
- :func:`audit_national_change` for a change to what every municipality shares
  (a national figure): one entry in each municipality's log.

Whatever the caller passes, the model masks identifying values and names the
record neutrally (:mod:`basisbaan.audit.masking`) and chains the entry
(:mod:`basisbaan.audit.chain`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.db import models

from basisbaan.audit.context import current_channel, current_request_id
from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.tenancy.models import Municipality, User

__all__ = [
    "audit_access",
    "audit_change",
    "audit_export",
    "audit_list_access",
    "audit_login",
    "audit_access_in",
    "audit_login_failed",
    "audit_lockout",
    "audit_second_factor",
    "audit_sign_in_reset",
    "audit_token",
    "audit_national_change",
    "diff",
    "snapshot",
]


# Records that hold for every municipality: their changes go to every municipality's log.
NATIONAL_RECORD_TYPES = frozenset({"parameters.parametervalue"})


def _plain(value: Any) -> Any:
    """A JSON-safe form of a field value."""
    if isinstance(value, Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The audited values of ``instance``: concrete fields, FKs as ids."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if field.name in {"created_at", "updated_at", "version"}:
            continue
        if fields is not None and field.name not in fields:
            continue
        values[field.name] = _plain(getattr(instance, field.attname))
    return values


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for every field whose value changed."""
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def _entry(
    *,
    actor: User | None,
    municipality_id: int | None,
    action: AuditAction,
    instance: models.Model,
    changes: dict[str, Any],
    channel: str,
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.get_username() if actor is not None and actor.pk else "systeem",
        municipality_id=municipality_id,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk or ""),
        changes=changes,
        request_id=current_request_id(),
        channel=channel or current_channel(),
    )


def audit_change(
    *,
    actor: User | None,
    instance: models.Model,
    action: AuditAction,
    before: dict[str, Any] | None = None,
    channel: str = "",
) -> AuditEntry:
    """Record a create, update or delete of ``instance`` with changed fields.

    ``before`` is the :func:`snapshot` taken before the change (not for create).
    """
    return _entry(
        actor=actor,
        municipality_id=getattr(instance, "municipality_id", None),
        action=action,
        instance=instance,
        changes=_changes(instance, action, before),
        channel=channel,
    )


def _changes(
    instance: models.Model, action: AuditAction, before: dict[str, Any] | None
) -> dict[str, list[Any]]:
    after = snapshot(instance) if action != AuditAction.DELETE else {}
    if action == AuditAction.CREATE:
        return {name: [None, value] for name, value in after.items()}
    if action == AuditAction.DELETE:
        return {name: [value, None] for name, value in (before or {}).items()}
    return diff(before or {}, after)


def audit_national_change(
    *,
    actor: User | None,
    instance: models.Model,
    action: AuditAction,
    before: dict[str, Any] | None = None,
    channel: str = "",
) -> list[AuditEntry]:
    """Like :func:`audit_change`, for a record every municipality shares (a national
    figure): one entry in each municipality's log, so that each functional
    administrator sees who changed what holds for them (as :func:`audit_login`
    does for a sign-in). Without any municipality, one entry without one."""
    changes = _changes(instance, action, before)
    municipality_ids: list[int | None] = list(
        Municipality.objects.order_by("pk").values_list("pk", flat=True)
    )
    return [
        _entry(
            actor=actor,
            municipality_id=municipality_id,
            action=action,
            instance=instance,
            changes=changes,
            channel=channel,
        )
        for municipality_id in municipality_ids or [None]
    ]


def audit_access(
    *,
    actor: User | None,
    instance: models.Model,
    fields: list[str],
    channel: str = "",
    action: AuditAction = AuditAction.VIEW,
) -> AuditEntry:
    """Record that ``actor`` saw the personal-data ``fields`` of ``instance``."""
    return _entry(
        actor=actor,
        municipality_id=getattr(instance, "municipality_id", None),
        action=action,
        instance=instance,
        changes={"fields": fields},
        channel=channel,
    )


def audit_list_access(
    *,
    actor: User | None,
    municipality: Municipality | None,
    model: type[models.Model],
    ids: list[Any],
    fields: list[str],
    channel: str = "",
) -> AuditEntry | None:
    """Record one entry for a list of personal-data records shown at once."""
    if not ids:
        return None
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.get_username() if actor is not None and actor.pk else "systeem",
        municipality=municipality,
        action=AuditAction.LIST,
        object_type=model._meta.label_lower,
        object_id="",
        changes={"ids": [str(i) for i in ids], "fields": fields},
        request_id=current_request_id(),
        channel=channel or current_channel(),
    )


def audit_export(
    *,
    actor: User | None,
    municipality: Municipality | None,
    model: type[models.Model],
    filters: dict[str, str],
    rows: int,
    file_format: str,
    fields: list[str] | None = None,
    channel: str = "",
) -> AuditEntry:
    """Record that ``actor`` exported ``rows`` records of ``model`` chosen by ``filters``
    (and, when given, which ``fields`` the file holds). One bounded entry: no ids."""
    changes: dict[str, Any] = {"filters": filters, "rows": rows, "format": file_format}
    if fields is not None:
        changes["fields"] = fields
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.get_username() if actor is not None and actor.pk else "systeem",
        municipality=municipality,
        action=AuditAction.EXPORT,
        object_type=model._meta.label_lower,
        object_id="",
        changes=changes,
        request_id=current_request_id(),
        channel=channel or current_channel(),
    )


def _municipality_ids_of(user: User | None) -> list[int | None]:
    """The municipalities ``user`` works for; ``[None]`` (one entry without a
    municipality) for nobody or a user without any."""
    if user is None:
        return [None]
    ids: list[int | None] = list(user.memberships.values_list("municipality_id", flat=True))
    return ids or [None]


def _user_event(
    *,
    actor: User | None,
    user: User,
    action: AuditAction,
    changes: dict[str, Any],
    channel: str,
) -> list[AuditEntry]:
    """An entry about ``user``'s account in each municipality the user works for, so
    that every municipality's administrator sees it in their log."""
    return [
        _entry(
            actor=actor,
            municipality_id=municipality_id,
            action=action,
            instance=user,
            changes=changes,
            channel=channel,
        )
        for municipality_id in _municipality_ids_of(user)
    ]


def audit_login(*, actor: User) -> list[AuditEntry]:
    """Record a successful sign-in, in each municipality the user works for,
    so that every municipality's administrator sees it in their log."""
    return _user_event(actor=actor, user=actor, action=AuditAction.LOGIN, changes={}, channel="ui")


def _login_event(
    *, username: str, action: AuditAction, changes: dict[str, Any]
) -> list[AuditEntry]:
    """An entry about a sign-in attempt that did not (yet) sign anyone in: in each
    municipality of the user the attempt named, or once without a municipality when
    no such user exists. Nobody is the actor (nobody was signed in); the attempted
    user name is the label, so the administrator can filter on it."""
    user = User.objects.filter(username=username).first() if username else None
    return [
        AuditEntry.objects.create(
            actor=None,
            actor_label=username[:150],
            municipality_id=municipality_id,
            action=action,
            object_type=User._meta.label_lower,
            object_id=str(user.pk) if user else "",
            object_repr=(str(user) if user else username)[:200],
            changes=changes,
            request_id=current_request_id(),
            channel="ui",
        )
        for municipality_id in _municipality_ids_of(user)
    ]


def audit_login_failed(*, username: str, stage: str, address: str = "") -> list[AuditEntry]:
    """Record a failed sign-in for ``username`` (as typed; never the password):
    ``stage`` is ``password`` or ``code`` (the second factor)."""
    return _login_event(
        username=username,
        action=AuditAction.LOGIN_FAILED,
        changes={"stage": stage, "address": address},
    )


def audit_lockout(*, username: str, address: str = "") -> list[AuditEntry]:
    """Record that ``username`` from ``address`` is locked out after repeated failures."""
    return _login_event(username=username, action=AuditAction.LOCKOUT, changes={"address": address})


def audit_second_factor(*, actor: User, method: str) -> list[AuditEntry]:
    """Record that ``actor`` confirmed the sign-in with a second factor (``method``:
    totp, recovery or idp), in each municipality the user works for."""
    return _user_event(
        actor=actor,
        user=actor,
        action=AuditAction.SECOND_FACTOR,
        changes={"method": method},
        channel="ui",
    )


def audit_sign_in_reset(
    *, actor: User | None, user: User, devices: int, failures: int
) -> list[AuditEntry]:
    """Record that ``user``'s second factor (``devices`` removed) and lockout
    (``failures`` forgotten) were reset, e.g. after a lost phone."""
    return _user_event(
        actor=actor,
        user=user,
        action=AuditAction.UPDATE,
        changes={"second_factor_devices": [devices, 0], "login_failures": [failures, 0]},
        channel="",
    )


def audit_token(
    *,
    actor: User | None,
    owner: User,
    token_key: str,
    action: AuditAction,
    expiry: dt.datetime | None = None,
    reason: str = "",
    channel: str = "",
) -> list[AuditEntry]:
    """Record that an API token of ``owner`` was made (CREATE) or ended (DELETE).

    The entry names the token by its public key (the first characters knox
    keeps in plain text to find it), never by the secret itself; one entry in
    each municipality the owner works for, so each administrator sees it.
    """
    changes: dict[str, Any] = {"token": token_key}
    if expiry is not None:
        changes["expiry"] = expiry.isoformat()
    if reason:
        changes["reason"] = reason
    return [
        AuditEntry.objects.create(
            actor=actor if actor is not None and actor.pk else None,
            actor_label=actor.get_username() if actor is not None and actor.pk else "systeem",
            municipality_id=municipality_id,
            action=action,
            object_type="knox.authtoken",
            object_id=token_key,
            object_repr=f"API-token van {owner.get_username()}"[:200],
            changes=changes,
            request_id=current_request_id(),
            channel=channel or current_channel(),
        )
        for municipality_id in _municipality_ids_of(owner)
    ]


def audit_access_in(
    *,
    actor: User | None,
    municipality: Municipality | None,
    instance: models.Model,
    fields: list[str],
    channel: str = "",
) -> AuditEntry:
    """:func:`audit_access` for a record that does not name its municipality
    itself (a contract, a placement): the entry goes to ``municipality``'s log."""
    return _entry(
        actor=actor,
        municipality_id=getattr(instance, "municipality_id", None)
        or (municipality.pk if municipality is not None else None),
        action=AuditAction.VIEW,
        instance=instance,
        changes={"fields": fields},
        channel=channel,
    )


def audit_security_key(
    *, actor: User, user: User, name: str, action: AuditAction
) -> list[AuditEntry]:
    """Record that ``user``'s security key or passkey (WebAuthn) ``name`` was added
    (``AuditAction.CREATE``) or removed (``AuditAction.DELETE``), in each municipality
    the user works for, like the sign-ins."""
    value = [None, name] if action == AuditAction.CREATE else [name, None]
    return _user_event(
        actor=actor, user=user, action=action, changes={"security_key": value}, channel="ui"
    )
