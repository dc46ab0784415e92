"""Writes of parameter values: the national administrator keeps the law current."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from basisbaan.audit.models import AuditAction
from basisbaan.audit.services import audit_national_change, snapshot
from basisbaan.parameters.constants import ParameterKey, Unit, unit_of
from basisbaan.parameters.models import ParameterValue
from basisbaan.tenancy.models import User
from basisbaan.tenancy.roles import may_manage_parameters

__all__ = ["parameter_value_check", "parameter_value_set"]


def parameter_value_check(*, key: str, value: Decimal, source: str, is_assumption: bool) -> None:
    """The rules of a value, for :func:`parameter_value_set` and for forms that
    want to show a refusal beside the field before they call it.

    Fractions must lie between 0 and 1 (8 % is 0.08); amounts must be positive.
    Every value needs its source, or is marked as an assumption.
    """
    ParameterKey(key)
    if unit_of(key) == Unit.FRACTION and not Decimal(0) <= value <= Decimal(1):
        raise ValidationError({"value": _("Een percentage vult u in als fractie: 8% is 0,08.")})
    if unit_of(key) == Unit.EUR and value <= 0:
        raise ValidationError({"value": _("Een bedrag moet groter dan nul zijn.")})
    if unit_of(key) == Unit.FLAG and value not in (Decimal(0), Decimal(1)):
        raise ValidationError({"value": _("Vul 1 in voor ja of 0 voor nee.")})
    if unit_of(key) == Unit.MONTHS and (value != value.to_integral_value() or not 0 < value <= 120):
        raise ValidationError({"value": _("Vul een heel aantal maanden in, van 1 tot en met 120.")})
    if unit_of(key) == Unit.HOURS and not Decimal(0) < value <= Decimal(8784):
        raise ValidationError({"value": _("Vul een aantal uren per jaar in, meer dan 0.")})
    if not source.strip() and not is_assumption:
        raise ValidationError({"source": _("Vermeld de bron, of markeer de waarde als aanname.")})


@transaction.atomic
def parameter_value_set(
    *,
    actor: User | None,
    key: str,
    effective_date: dt.date,
    value: Decimal,
    source: str,
    is_assumption: bool = False,
    note: str = "",
) -> ParameterValue:
    """Add or correct the value of ``key`` from ``effective_date`` on
    (the rules: :func:`parameter_value_check`).

    National figures hold for every municipality: only a national administrator
    (:func:`~basisbaan.tenancy.roles.may_manage_parameters`) may set them; ``None``
    is the system itself (the seed, the demo). The change is audited in every
    municipality's log (:func:`~basisbaan.audit.services.audit_national_change`).
    """
    if actor is not None and not may_manage_parameters(actor):
        raise PermissionDenied(_("Alleen een landelijk beheerder legt landelijke parameters vast."))
    parameter_value_check(key=key, value=value, source=source, is_assumption=is_assumption)
    existing = ParameterValue.objects.filter(key=key, effective_date=effective_date).first()
    data = {
        "value": value,
        "source": source.strip(),
        "is_assumption": is_assumption,
        "note": note,
        "updated_by": actor,
    }
    if existing is None:
        instance = ParameterValue(key=key, effective_date=effective_date, **data)
        instance.full_clean()
        instance.save()
        audit_national_change(actor=actor, instance=instance, action=AuditAction.CREATE)
        return instance
    before = snapshot(existing)
    changed = [name for name, new in data.items() if getattr(existing, name) != new]
    if not changed:
        return existing
    for name in changed:
        setattr(existing, name, data[name])
    existing.full_clean()
    existing.save(update_fields=[*changed, "updated_at"])
    audit_national_change(actor=actor, instance=existing, action=AuditAction.UPDATE, before=before)
    return existing
