"""Optimistic locking: two people editing one record never silently undo each other.

Every editable record that people change through a form or the API carries a
``version`` (:class:`VersionedModel`). Each stored change raises it by one
(:func:`basisbaan.core.services.model_update`). Whoever saves says which
version they started from; if the stored version moved on in the meantime,
the save is refused with :class:`StaleRecordError` and nothing is written.

- Pages: the base view of every form about one record
  (:class:`~basisbaan.core.views.ObjectServiceFormView`) puts the version and
  signed fingerprints of the loaded values in hidden fields; a stale form is
  shown again with the fields the other person changed and their new values.
- API: ``ETag`` on a record and ``If-Match`` on a write, 412 when they differ
  (:mod:`basisbaan.core.api.concurrency`).
- Services take ``expected_version`` (``None``: no check, for the command
  line, imports and internal follow-up writes, which read the record in the
  same transaction).

The check locks the row (``SELECT ... FOR UPDATE``) inside the caller's
transaction, so the check and the write are one step: a second writer waits
and then sees the new version.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, transaction
from django.utils import formats
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

__all__ = [
    "StaleRecordError",
    "VersionedModel",
    "changed_fields",
    "loaded_snapshot",
    "lock_version",
    "read_snapshot",
    "stale_message",
]

SNAPSHOT_SALT = "basisbaan.core.concurrency.loaded"


class VersionedModel(models.Model):
    """A record with a version number for optimistic locking."""

    version = models.PositiveIntegerField(
        gettext_lazy("versie"),
        default=1,
        editable=False,
        help_text=gettext_lazy("Gaat bij elke opgeslagen wijziging één omhoog."),
    )

    class Meta:
        abstract = True


class StaleRecordError(ValidationError):
    """The record changed since the writer loaded it (version ``expected``).

    ``current`` is the record as stored now, for the message that says what
    the other person changed.
    """

    def __init__(self, *, current: VersionedModel, expected: int) -> None:
        super().__init__(
            _(
                "Iemand anders heeft dit record intussen gewijzigd. Bekijk de huidige "
                "gegevens en sla uw wijziging opnieuw op."
            ),
            code="stale",
        )
        self.current = current
        self.expected = expected


def lock_version[M: VersionedModel](instance: M, expected: int | None = None) -> M:
    """The stored row of ``instance``, locked to the end of the transaction.

    Refuses with :class:`StaleRecordError` when ``expected`` is given and the
    stored version differs. Outside a transaction (autocommit) a lock would
    end at once, so the row is only read.
    """
    manager = type(instance)._base_manager
    if transaction.get_connection(manager.db).in_atomic_block:
        manager = manager.select_for_update()  # type: ignore[assignment]
    current = manager.get(pk=instance.pk)
    if expected is not None and current.version != expected:
        raise StaleRecordError(current=current, expected=expected)
    return current


def _model_field(instance: models.Model, name: str) -> models.Field[Any, Any] | None:
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    concrete = getattr(field, "concrete", False) and not getattr(field, "many_to_many", False)
    return field if concrete else None  # type: ignore[return-value]


def _stored_text(instance: models.Model, name: str) -> str | None:
    field = _model_field(instance, name)
    return None if field is None else field.value_to_string(instance)


def _fingerprint(instance: models.Model, name: str) -> str | None:
    """A keyed hash of a stored value: equal values, equal fingerprints.

    Keyed with the secret key, so that a low-entropy value (a BSN, a date of
    birth) cannot be recovered from the page by trying all possibilities.
    """
    text = _stored_text(instance, name)
    if text is None:
        return None
    return salted_hmac(SNAPSHOT_SALT, f"{name}={text}", algorithm="sha256").hexdigest()[:24]


def loaded_snapshot(instance: models.Model, names: list[str]) -> str:
    """Fingerprints of the loaded values of ``names``, signed, for a hidden form field.

    Fingerprints, not values: the page need not carry anything it does not
    show; signed, so that what comes back is what was sent.
    """
    values = {name: _fingerprint(instance, name) for name in names}
    return signing.dumps({k: v for k, v in values.items() if v is not None}, salt=SNAPSHOT_SALT)


def read_snapshot(token: str | None) -> dict[str, str]:
    """The fingerprints of :func:`loaded_snapshot`; empty if missing or tampered with."""
    if not token:
        return {}
    try:
        values = signing.loads(token, salt=SNAPSHOT_SALT)
    except signing.BadSignature:
        return {}
    return values if isinstance(values, dict) else {}


def changed_fields(current: models.Model, loaded: dict[str, str]) -> list[str]:
    """The fields whose stored value differs from the one the form was loaded with."""
    return [name for name, mark in loaded.items() if _fingerprint(current, name) != mark]


def display_value(instance: models.Model, name: str) -> str:
    """A stored value as a person reads it: labels, Dutch dates and numbers."""
    field = _model_field(instance, name)
    if field is None:
        return ""
    value = getattr(instance, name)
    if value is None or value == "":
        return _("leeg")
    if field.choices:
        return str(getattr(instance, f"get_{name}_display")())
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, dt.datetime):
        return formats.date_format(value, "d-m-Y H:i")
    if isinstance(value, dt.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, Decimal | float):
        return str(formats.number_format(value, use_l10n=True))
    return str(value)


def stale_message(current: models.Model, fields: list[str], labels: dict[str, str]) -> str:
    """'Iemand anders heeft dit record intussen gewijzigd: Achternaam (nu: Jansen)'.

    ``labels`` names the fields as the form does; without a changed field of
    this form (someone changed another part of the record) the message says so.
    """
    if not fields:
        return _(
            "Iemand anders heeft dit record intussen gewijzigd (niet in de velden van dit "
            "formulier). Controleer de gegevens en sla opnieuw op."
        )
    parts = [
        _("%(field)s (nu: %(value)s)")
        % {"field": labels.get(name, name), "value": display_value(current, name)}
        for name in fields
    ]
    return _(
        "Iemand anders heeft dit record intussen gewijzigd: %(changes)s. Uw wijziging is "
        "niet opgeslagen. Controleer de gegevens en sla opnieuw op."
    ) % {"changes": "; ".join(parts)}
