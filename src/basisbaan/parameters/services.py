"""Writes of parameter values: the functional administrator keeps the law current."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from basisbaan.core.services import model_create, model_update
from basisbaan.parameters.constants import ParameterKey, Unit, unit_of
from basisbaan.parameters.models import ParameterValue
from basisbaan.tenancy.models import User

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
    (the rules: :func:`parameter_value_check`)."""
    parameter_value_check(key=key, value=value, source=source, is_assumption=is_assumption)
    existing = ParameterValue.objects.filter(key=key, effective_date=effective_date).first()
    data = {
        "value": value,
        "source": source.strip(),
        "is_assumption": is_assumption,
        "note": note,
        "updated_by": actor,
    }
    if existing is not None:
        instance, _changed = model_update(
            instance=existing, data=data, actor=actor, allowed=set(data)
        )
        return instance
    return model_create(
        instance=ParameterValue(key=key, effective_date=effective_date, **data), actor=actor
    )
