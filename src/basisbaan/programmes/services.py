"""Writes of programmes. Every function is one transaction with its audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.core.services import model_create, model_update
from basisbaan.programmes.constants import PROGRAMME_FIELDS
from basisbaan.programmes.intake_listeners import intake_changed
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality, User

__all__ = ["programme_create", "programme_set_intake", "programme_update"]

EDITABLE = frozenset(PROGRAMME_FIELDS)


@transaction.atomic
def programme_create(
    *,
    municipality: Municipality,
    actor: User | None,
    name: str,
    slug: str,
    start_date: dt.date,
    end_date: dt.date,
    description: str = "",
    contract_period_months: int = 6,
) -> Programme:
    if end_date < start_date:
        raise ValidationError({"end_date": _("De einddatum ligt vóór de startdatum.")})
    if Programme.objects.filter(municipality=municipality, slug=slug).exists():
        raise ValidationError({"slug": _("Deze korte naam is al in gebruik in uw gemeente.")})
    return model_create(
        instance=Programme(
            municipality=municipality,
            name=name,
            slug=slug,
            start_date=start_date,
            end_date=end_date,
            description=description,
            contract_period_months=contract_period_months,
        ),
        actor=actor,
    )


@transaction.atomic
def programme_update(
    *, programme: Programme, actor: User | None, data: dict[str, Any]
) -> Programme:
    start = data.get("start_date", programme.start_date)
    end = data.get("end_date", programme.end_date)
    if end < start:
        raise ValidationError({"end_date": _("De einddatum ligt vóór de startdatum.")})
    slug = data.get("slug", programme.slug)
    if (
        Programme.objects.filter(municipality_id=programme.municipality_id, slug=slug)
        .exclude(pk=programme.pk)
        .exists()
    ):
        raise ValidationError({"slug": _("Deze korte naam is al in gebruik in uw gemeente.")})
    programme, _changed = model_update(instance=programme, data=data, actor=actor, allowed=EDITABLE)
    return programme


@transaction.atomic
def programme_set_intake(
    *, programme: Programme, actor: User | None, open: bool, reason: str = ""
) -> Programme:
    """Open or close intake. Closing needs a reason, which is kept and shown."""
    if not open and not reason.strip():
        raise ValidationError(
            {"intake_closed_reason": _("Geef de reden op waarom de instroom stopt.")}
        )
    programme, changed = model_update(
        instance=programme,
        data={"intake_open": open, "intake_closed_reason": "" if open else reason.strip()},
        actor=actor,
        allowed={"intake_open", "intake_closed_reason"},
    )
    if changed:
        programme.intake_changed_at = timezone.now()
        programme.save(update_fields=["intake_changed_at"])
        # The proposals waiting for intake follow it in the same transaction.
        intake_changed(programme=programme, actor=actor)
    return programme
