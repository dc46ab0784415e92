"""Writes of the cost settings and the indexation assumptions, each audited."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from basisbaan.core.services import model_create, model_delete, model_update
from basisbaan.costs.constants import COST_SETTINGS_FIELDS
from basisbaan.costs.models import INDEXABLE_KEYS, IndexationAssumption, ProgrammeCostSettings
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality, User

__all__ = ["cost_settings_set", "indexation_delete", "indexation_set"]

SETTINGS_FIELDS = frozenset(COST_SETTINGS_FIELDS)
RATE_FIELDS = ("pension_rate", "host_share", "esf_share", "deviation_rate")
AMOUNT_FIELDS = ("monitoring_fee", "host_contribution", "deviation_amount")


def _check_settings(data: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    for name in RATE_FIELDS:
        if name in data and not Decimal(0) <= Decimal(data[name]) <= Decimal(1):
            errors[name] = _("Vul een percentage in tussen 0 en 100.")
    for name in AMOUNT_FIELDS:
        if name in data and Decimal(data[name]) < 0:
            errors[name] = _("Een bedrag kan niet negatief zijn.")
    shares = Decimal(data.get("host_share", 0)) + Decimal(data.get("esf_share", 0))
    if "host_share" in data and "esf_share" in data and shares > 1:
        errors["esf_share"] = _(
            "De bijdrage van de werkgever en het ESF+-deel samen zijn meer dan 100 %."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def cost_settings_set(
    *, programme: Programme, actor: User | None, data: dict[str, Any]
) -> ProgrammeCostSettings:
    """Save a programme's cost settings: the row is made with the defaults on first save.

    Rates are fractions (8 % is 0.08). Every change is audited; saving the
    same values writes nothing.
    """
    unknown = set(data) - SETTINGS_FIELDS
    if unknown:
        raise ValidationError(
            _("Deze velden kunnen niet worden gewijzigd: %s") % ", ".join(sorted(unknown))
        )
    _check_settings(data)
    existing = ProgrammeCostSettings.objects.select_for_update().filter(programme=programme).first()
    if existing is None:
        return model_create(
            instance=ProgrammeCostSettings(
                municipality_id=programme.municipality_id, programme=programme, **data
            ),
            actor=actor,
        )
    settings, _changed = model_update(
        instance=existing, data=data, actor=actor, allowed=set(SETTINGS_FIELDS)
    )
    return settings


@transaction.atomic
def indexation_set(
    *,
    municipality: Municipality,
    actor: User | None,
    key: str,
    rate: Decimal,
    note: str = "",
) -> IndexationAssumption:
    """Set the municipality's assumed rise of ``key`` per expected change (audited)."""
    if key not in INDEXABLE_KEYS:
        raise ValidationError(
            {
                "key": _(
                    "Voor deze parameter is geen indexatie mogelijk: die wijzigt alleen bij besluit."
                )
            }
        )
    if not Decimal("-0.5") <= rate <= Decimal(1):
        raise ValidationError({"rate": _("Vul een stijging in tussen -50 % en 100 %.")})
    existing = (
        IndexationAssumption.objects.select_for_update()
        .filter(municipality=municipality, key=key)
        .first()
    )
    data: dict[str, Any] = {"rate": rate, "note": note.strip()}
    if existing is None:
        return model_create(
            instance=IndexationAssumption(
                municipality=municipality, key=key, updated_by=actor, **data
            ),
            actor=actor,
        )
    if all(getattr(existing, name) == value for name, value in data.items()):
        return existing  # nothing changed: no write, no audit entry
    assumption, _changed = model_update(
        instance=existing,
        data={**data, "updated_by": actor},
        actor=actor,
        allowed={*data, "updated_by"},
    )
    return assumption


@transaction.atomic
def indexation_delete(*, assumption: IndexationAssumption, actor: User | None) -> None:
    """Remove an indexation assumption: the last known value holds again (audited)."""
    model_delete(instance=assumption, actor=actor)
