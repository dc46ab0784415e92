"""Helpers shared by every app's services: validated, audited writes."""

from __future__ import annotations

from collections.abc import Set
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from basisbaan.audit.models import AuditAction
from basisbaan.audit.services import audit_change, snapshot
from basisbaan.core.concurrency import VersionedModel, lock_version
from basisbaan.tenancy.models import Municipality, User


def ensure_same_municipality(municipality: Municipality, **objects: models.Model | None) -> None:
    """Refuse related records of another municipality (a forged id, say)."""
    for field, obj in objects.items():
        if obj is not None and getattr(obj, "municipality_id", None) != municipality.pk:
            raise ValidationError({field: _("Dit record hoort niet bij uw gemeente.")})


def model_create[M: models.Model](*, instance: M, actor: User | None) -> M:
    """Validate, save and audit a new ``instance``. Call inside a transaction."""
    instance.full_clean()
    instance.save()
    audit_change(actor=actor, instance=instance, action=AuditAction.CREATE)
    return instance


def model_update[M: models.Model](
    *,
    instance: M,
    data: dict[str, Any],
    actor: User | None,
    allowed: Set[str],
    expected_version: int | None = None,
) -> tuple[M, bool]:
    """Apply ``data`` to the ``allowed`` fields, validate, save what changed, audit.

    Returns the instance and whether anything changed. Nothing is written (and
    no audit entry made) when every value is already as given.

    A :class:`~basisbaan.core.concurrency.VersionedModel` is locked first and
    its version goes up by one with every change; with ``expected_version``
    the update is refused (:class:`~basisbaan.core.concurrency.StaleRecordError`)
    when someone else changed the record since that version.
    """
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(
            _("Deze velden kunnen niet worden gewijzigd: %s") % ", ".join(sorted(unknown))
        )
    stored_version: int | None = None
    if isinstance(instance, VersionedModel):
        stored_version = lock_version(instance, expected_version).version
    before = snapshot(instance)
    changed = [name for name, value in data.items() if getattr(instance, name) != value]
    if not changed:
        return instance, False
    for name in changed:
        setattr(instance, name, data[name])
    instance.full_clean()
    update_fields = [instance._meta.get_field(n).name for n in changed]
    if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
        update_fields.append("updated_at")
    if isinstance(instance, VersionedModel) and stored_version is not None:
        instance.version = stored_version + 1
        update_fields.append("version")
    instance.save(update_fields=update_fields)
    audit_change(actor=actor, instance=instance, action=AuditAction.UPDATE, before=before)
    return instance, True


def model_delete(*, instance: models.Model, actor: User | None) -> None:
    """Audit and delete ``instance``. Call inside a transaction."""
    before = snapshot(instance)
    pk = instance.pk
    instance.delete()
    instance.pk = pk
    audit_change(actor=actor, instance=instance, action=AuditAction.DELETE, before=before)
