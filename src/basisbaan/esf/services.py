"""Writes of ESF+: the operation, a participant's registration and result events,
and the staff members' employment costs. Every write is validated and audited
(core.services) in one transaction."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from basisbaan.core.dates import check_within
from basisbaan.core.services import (
    ensure_same_municipality,
    model_create,
    model_delete,
    model_update,
)
from basisbaan.esf.constants import (
    EVENT_FIELDS,
    OPERATION_FIELDS,
    REGISTRATION_FIELDS,
    STAFF_RATE_FIELDS,
    EventKind,
)
from basisbaan.esf.models import EsfOperation, EsfRegistration, EsfResultEvent, StaffRate
from basisbaan.parameters.constants import ParameterKey
from basisbaan.parameters.selectors import parameter_value
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Membership, Municipality, User

__all__ = [
    "EDITABLE_EVENT",
    "EDITABLE_OPERATION",
    "EDITABLE_REGISTRATION",
    "EDITABLE_STAFF_RATE",
    "operation_save",
    "registration_create",
    "registration_update",
    "result_event_add",
    "result_event_delete",
    "staff_rate_delete",
    "staff_rate_set",
]

# What each write may change: the lists of esf/constants.py (tests/test_editable_fields.py).
EDITABLE_OPERATION = frozenset(OPERATION_FIELDS)
EDITABLE_REGISTRATION = frozenset(REGISTRATION_FIELDS)
EDITABLE_EVENT = frozenset(EVENT_FIELDS)
EDITABLE_STAFF_RATE = frozenset(STAFF_RATE_FIELDS)


def _flat_rate(day: dt.date) -> Decimal:
    try:
        return parameter_value(ParameterKey.ESF_FLAT_RATE, day).value.quantize(Decimal("0.0001"))
    except LookupError:
        raise ValidationError(
            {"start_date": _("Er is geen ESF+-forfait vastgelegd voor deze datum.")}
        ) from None


def _check_operation(data: dict[str, Any], programme: Programme) -> None:
    start, end = data.get("start_date"), data.get("end_date")
    if start is None:
        raise ValidationError({"start_date": _("Vul het begin van de operatie in.")})
    if end is None:
        raise ValidationError({"end_date": _("Vul het einde van de operatie in.")})
    if end < start:
        raise ValidationError({"end_date": _("Het einde ligt vóór het begin.")})
    if not (data.get("target_group") or "").strip():
        raise ValidationError({"target_group": _("Beschrijf de doelgroep.")})


@transaction.atomic
def operation_save(
    *, municipality: Municipality, actor: User | None, programme: Programme, **data: Any
) -> EsfOperation:
    """Record or change a programme's ESF+ operation. A new operation takes the
    flat rate in force on its first day from the parameters."""
    ensure_same_municipality(municipality, programme=programme)
    unknown = set(data) - EDITABLE_OPERATION
    if unknown:
        raise ValidationError(_("Onbekende velden: %s") % ", ".join(sorted(unknown)))
    existing = EsfOperation.objects.filter(programme=programme).first()
    merged = {f: getattr(existing, f) for f in OPERATION_FIELDS} if existing else {}
    merged.update(data)
    _check_operation(merged, programme)
    merged["target_group"] = merged["target_group"].strip()
    if existing is None:
        return model_create(
            instance=EsfOperation(
                municipality=municipality,
                programme=programme,
                flat_rate=_flat_rate(merged["start_date"]),
                **merged,
            ),
            actor=actor,
        )
    operation, _changed = model_update(
        instance=existing,
        data=data | {"target_group": merged["target_group"]} if "target_group" in data else data,
        actor=actor,
        allowed=set(EDITABLE_OPERATION),
    )
    return operation


def first_placement_start(participant: Participant) -> dt.date | None:
    return (
        Placement.objects.filter(participant=participant)
        .order_by("start_date")
        .values_list("start_date", flat=True)
        .first()
    )


def _check_registration(operation: EsfOperation, data: dict[str, Any]) -> None:
    entry = data.get("entry_date")
    if entry is None:
        raise ValidationError(
            {"entry_date": _("Vul de datum van instroom in (er is nog geen plaatsing).")}
        )
    check_within(
        entry,
        data.get("leaving_date"),
        operation.start_date,
        operation.end_date,
        what=_("de operatie"),
        fields=("entry_date", "leaving_date"),
    )


@transaction.atomic
def registration_create(
    *,
    municipality: Municipality,
    actor: User | None,
    operation: EsfOperation,
    participant: Participant,
    **data: Any,
) -> EsfRegistration:
    """Register a participant in an operation. The entry date defaults to the
    start of the participant's first placement; the leaving date to the
    participant's exit from the programme."""
    ensure_same_municipality(municipality, operation=operation, participant=participant)
    unknown = set(data) - EDITABLE_REGISTRATION
    if unknown:
        raise ValidationError(_("Onbekende velden: %s") % ", ".join(sorted(unknown)))
    if participant.programme_id != operation.programme_id:
        raise ValidationError(
            {"participant": _("Deze deelnemer hoort niet bij het programma van de operatie.")}
        )
    if EsfRegistration.objects.filter(operation=operation, participant=participant).exists():
        raise ValidationError({"participant": _("Deze deelnemer is al geregistreerd.")})
    if data.get("entry_date") is None:
        data["entry_date"] = first_placement_start(participant)
    if data.get("leaving_date") is None and participant.exit_date is not None:
        data["leaving_date"] = participant.exit_date
    _check_registration(operation, data)
    return model_create(
        instance=EsfRegistration(
            municipality=municipality,
            operation=operation,
            participant=participant,
            recorded_by=actor,
            **data,
        ),
        actor=actor,
    )


@transaction.atomic
def registration_update(
    *, registration: EsfRegistration, actor: User | None, **data: Any
) -> EsfRegistration:
    registration = EsfRegistration.objects.select_for_update().get(pk=registration.pk)
    merged = {f: getattr(registration, f) for f in REGISTRATION_FIELDS} | data
    _check_registration(registration.operation, merged)
    registration, _changed = model_update(
        instance=registration, data=data, actor=actor, allowed=set(EDITABLE_REGISTRATION)
    )
    return registration


@transaction.atomic
def result_event_add(
    *,
    registration: EsfRegistration,
    actor: User | None,
    date: dt.date | None,
    kind: str,
    note: str = "",
) -> EsfResultEvent:
    """A labour-market event after leaving: only from the leaving day on."""
    if registration.leaving_date is None:
        raise ValidationError(_("Leg eerst de datum van vertrek vast."))
    if date is None:
        raise ValidationError({"date": _("Vul de datum in.")})
    if date < registration.leaving_date:
        raise ValidationError({"date": _("Een resultaat ligt op of na de datum van vertrek.")})
    if kind not in EventKind.values:
        raise ValidationError({"kind": _("Kies een situatie uit de lijst.")})
    values = {"date": date, "kind": kind, "note": (note or "").strip()[:200]}
    assert set(values) == EDITABLE_EVENT
    return model_create(
        instance=EsfResultEvent(
            municipality_id=registration.municipality_id, registration=registration, **values
        ),
        actor=actor,
    )


@transaction.atomic
def result_event_delete(*, event: EsfResultEvent, actor: User | None) -> None:
    model_delete(instance=event, actor=actor)


def _decimal(value: Any, field: str, message: str) -> Decimal:
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: message}) from None
    if not amount.is_finite():
        raise ValidationError({field: message})
    return amount


@transaction.atomic
def staff_rate_set(
    *,
    municipality: Municipality,
    actor: User | None,
    staff: User | None,
    valid_from: dt.date | None,
    annual_cost: Any,
    part_time_factor: Any = Decimal(1),
    source: str = "",
) -> StaffRate:
    """Record a staff member's annual gross employment cost from a day (the same
    day again replaces it)."""
    if (
        staff is None
        or not Membership.objects.filter(user=staff, municipality=municipality).exists()
    ):
        raise ValidationError({"staff": _("Kies een medewerker van uw gemeente.")})
    if valid_from is None:
        raise ValidationError({"valid_from": _("Vul de datum in vanaf wanneer dit geldt.")})
    cost = _decimal(annual_cost, "annual_cost", _("Vul de jaarlijkse kosten in euro in."))
    if not Decimal("0.01") <= cost <= Decimal(1_000_000) or cost != cost.quantize(Decimal("0.01")):
        raise ValidationError(
            {"annual_cost": _("De jaarlijkse kosten liggen tussen € 0,01 en € 1.000.000.")}
        )
    factor = _decimal(part_time_factor, "part_time_factor", _("Vul de deeltijdfactor in."))
    if not Decimal("0.01") <= factor <= 1 or factor != factor.quantize(Decimal("0.0001")):
        raise ValidationError(
            {"part_time_factor": _("De deeltijdfactor ligt tussen 0,01 en 1 (voltijd).")}
        )
    source = (source or "").strip()
    if not source:
        raise ValidationError({"source": _("Noem het brondocument (loonstrook, begroting).")})
    data = {"annual_cost": cost, "part_time_factor": factor, "source": source[:300]}
    assert set(data) | {"staff", "valid_from"} == EDITABLE_STAFF_RATE
    existing = StaffRate.objects.filter(
        municipality=municipality, staff=staff, valid_from=valid_from
    ).first()
    if existing is not None:
        rate, _changed = model_update(
            instance=existing, data=data, actor=actor, allowed=set(EDITABLE_STAFF_RATE)
        )
        return rate
    return model_create(
        instance=StaffRate(municipality=municipality, staff=staff, valid_from=valid_from, **data),
        actor=actor,
    )


@transaction.atomic
def staff_rate_delete(*, rate: StaffRate, actor: User | None) -> None:
    model_delete(instance=rate, actor=actor)
