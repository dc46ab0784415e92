"""Reads of the audit log, always within one municipality."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from basisbaan.audit.models import AuditEntry
from basisbaan.tenancy.models import Municipality, User


def _start_of(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in the local time zone (Europe/Amsterdam)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def audit_entry_list(
    *,
    municipality: Municipality,
    actor: User | None = None,
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    channel: str = "",
) -> QuerySet[AuditEntry]:
    """Entries of ``municipality``, newest first; ``date_to`` is inclusive."""
    qs = AuditEntry.objects.filter(municipality=municipality).select_related("actor")
    if actor is not None:
        qs = qs.filter(actor=actor)
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    if object_id.strip():
        qs = qs.filter(object_id=object_id.strip())
    if channel:
        qs = qs.filter(channel=channel)
    if date_from is not None:
        qs = qs.filter(timestamp__gte=_start_of(date_from))
    if date_to is not None:
        qs = qs.filter(timestamp__lt=_start_of(date_to + dt.timedelta(days=1)))
    return qs
