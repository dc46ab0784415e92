"""Writes of outcomes: exits (with the placement's end and the participant's
status), follow-up measurements, the suppression threshold and the business
case's assumptions. Every write is validated and audited (core.services)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from basisbaan.calc.dates import add_months
from basisbaan.core.services import (
    ensure_same_municipality,
    model_create,
    model_delete,
    model_update,
)
from basisbaan.outcomes.constants import (
    ASSUMPTION_DEFAULTS,
    DUE_BEFORE_DAYS,
    FOLLOW_UP_MONTHS,
    Assistance,
    AssumptionKey,
    AssumptionUnit,
    ContractType,
    ExitKind,
    FollowUpStatus,
    WageBand,
)
from basisbaan.outcomes.models import Assumption, Exit, FollowUp, OutcomeSettings
from basisbaan.participants.constants import WORK_REASONS, ExitReason, ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.participants.services import participant_change_status
from basisbaan.placements.models import Placement
from basisbaan.placements.services import placement_end
from basisbaan.tenancy.models import Municipality, User

__all__ = [
    "assumption_delete",
    "assumption_set",
    "exit_record",
    "follow_up_record",
    "outcome_settings_update",
]

MIN_HOURS = Decimal("0.5")
MAX_HOURS = Decimal("60")
WORK_FIELDS = ("employer", "hours_per_week", "contract_type", "wage_band")


def _hours(value: Any, field: str) -> Decimal:
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Vul het aantal uren per week in.")}) from None
    if not hours.is_finite() or not MIN_HOURS <= hours <= MAX_HOURS:
        raise ValidationError({field: _("Uren per week liggen tussen 0,5 en 60.")})
    return hours.quantize(Decimal("0.1"))


def _work_details(
    *,
    reason: str,
    placement: Placement | None,
    employer: str,
    hours_per_week: Any,
    contract_type: str,
    wage_band: str,
) -> dict[str, Any]:
    """The work after an exit to work, checked; empty for every other reason."""
    employer = (employer or "").strip()
    if reason not in WORK_REASONS:
        given = [employer, hours_per_week, contract_type, wage_band]
        if any(v not in (None, "") for v in given):
            raise ValidationError(
                {
                    "employer": _(
                        "Werkgever, uren, soort contract en loon horen alleen bij uitstroom "
                        "naar werk."
                    )
                }
            )
        return {"employer": "", "hours_per_week": None, "contract_type": "", "wage_band": ""}
    if reason == ExitReason.REGULAR_WORK_HOST:
        if placement is None:
            raise ValidationError(
                {"reason": _("Werk bij de werkgever kan alleen bij het einde van een plaatsing.")}
            )
        employer = employer or placement.position.host.name
    errors: dict[str, str] = {}
    if not employer:
        errors["employer"] = _("Vul de nieuwe werkgever in.")
    if hours_per_week in (None, ""):
        errors["hours_per_week"] = _("Vul het aantal uren per week in.")
    if contract_type not in ContractType.values:
        errors["contract_type"] = _("Kies het soort contract: bepaalde of onbepaalde tijd.")
    if wage_band not in WageBand.values:
        errors["wage_band"] = _("Kies het loon ten opzichte van het minimumloon.")
    if errors:
        raise ValidationError(errors)
    return {
        "employer": employer[:200],
        "hours_per_week": _hours(hours_per_week, "hours_per_week"),
        "contract_type": contract_type,
        "wage_band": wage_band,
    }


def _spell(participant: Participant, exit_date: dt.date) -> tuple[int, dt.date | None]:
    """The participant's current spell number and its first day of work."""
    earlier = Exit.objects.filter(
        participant=participant, kind=ExitKind.PROGRAMME, exit_date__lte=exit_date
    ).order_by("-exit_date", "-id")
    previous = earlier.first()
    placements = Placement.objects.filter(participant=participant, start_date__lte=exit_date)
    if previous is not None:
        placements = placements.filter(start_date__gt=previous.exit_date)
    first = placements.order_by("start_date").values_list("start_date", flat=True).first()
    return earlier.count() + 1, first


@transaction.atomic
def exit_record(
    *,
    municipality: Municipality,
    actor: User | None,
    participant: Participant,
    exit_date: dt.date | None,
    reason: str,
    leaves_programme: bool,
    placement: Placement | None = None,
    employer: str = "",
    hours_per_week: Any = None,
    contract_type: str = "",
    wage_band: str = "",
    note: str = "",
) -> Exit:
    """Record why a placement ended or a participant left the programme.

    Ending a placement ends it (:func:`~basisbaan.placements.services.placement_end`);
    the participant goes back to the waiting list unless ``leaves_programme``.
    Leaving the programme ends the running placement too, makes the
    participant *uitgestroomd*, and plans the follow-up measurements at
    :data:`FOLLOW_UP_MONTHS` after the exit when the participant worked in
    this spell. An exit to work records the work: employer, hours, contract
    type and wage band.
    """
    ensure_same_municipality(municipality, participant=participant, placement=placement)
    participant = Participant._base_manager.select_for_update().get(pk=participant.pk)
    if exit_date is None:
        raise ValidationError({"exit_date": _("Vul de datum van de uitstroom in.")})
    if reason not in ExitReason.values:
        raise ValidationError({"reason": _("Kies een reden uit de lijst.")})
    running = Placement.objects.filter(participant=participant, end_date__isnull=True).first()
    if placement is not None and placement.participant_id != participant.pk:
        raise ValidationError({"placement": _("Deze plaatsing hoort niet bij deze deelnemer.")})
    if placement is None and leaves_programme:
        placement = running
    if placement is None and not leaves_programme:
        raise ValidationError({"placement": _("Kies de plaatsing die eindigt.")})
    if leaves_programme and participant.status == ParticipantStatus.EXITED:
        raise ValidationError(_("Deze deelnemer is al uitgestroomd."))
    work = _work_details(
        reason=reason,
        placement=placement,
        employer=employer,
        hours_per_week=hours_per_week,
        contract_type=contract_type,
        wage_band=wage_band,
    )
    note = (note or "").strip()
    if placement is not None:
        label = str(ExitReason(reason).label)
        placement = placement_end(
            placement=placement,
            actor=actor,
            end_date=exit_date,
            reason=f"{label}: {note}"[:200] if note else label,
        )
    if leaves_programme:
        participant.refresh_from_db()
        participant_change_status(
            participant=participant,
            actor=actor,
            status=ParticipantStatus.EXITED,
            exit_date=exit_date,
            exit_reason=reason,
        )
    spell, spell_start = _spell(participant, exit_date)
    exit = model_create(
        instance=Exit(
            municipality=municipality,
            participant=participant,
            programme=participant.programme,
            placement=placement,
            kind=ExitKind.PROGRAMME if leaves_programme else ExitKind.PLACEMENT,
            exit_date=exit_date,
            reason=reason,
            track=placement.track if placement is not None else "",
            spell=spell,
            spell_start=spell_start,
            note=note,
            recorded_by=actor,
            **work,
        ),
        actor=actor,
    )
    if leaves_programme and spell_start is not None:
        for months in FOLLOW_UP_MONTHS:
            model_create(
                instance=FollowUp(
                    municipality=municipality,
                    exit=exit,
                    months=months,
                    due_date=add_months(exit_date, months),
                ),
                actor=actor,
            )
    return exit


@transaction.atomic
def follow_up_record(
    *,
    follow_up: FollowUp,
    actor: User | None,
    today: dt.date,
    measured_on: dt.date,
    reachable: bool,
    works: bool | None = None,
    hours_per_week: Any = None,
    same_employer: bool | None = None,
    assistance: str = "",
    assistance_amount: Decimal | None = None,
    note: str = "",
) -> FollowUp:
    """Record (or correct) a follow-up measurement; audited like every write.

    Not reachable records only the day and a note. Reachable asks whether the
    person works (then hours and whether with the same employer) and what
    social assistance they receive (an amount only for partial assistance).
    """
    follow_up = FollowUp.objects.select_for_update().select_related("exit").get(pk=follow_up.pk)
    earliest = dt.date.fromordinal(follow_up.due_date.toordinal() - DUE_BEFORE_DAYS)
    if measured_on > today:
        raise ValidationError({"measured_on": _("De meetdatum ligt in de toekomst.")})
    if measured_on < earliest:
        raise ValidationError(
            {
                "measured_on": _("Deze meting kan vanaf %(day)s.")
                % {"day": date_format(earliest, "SHORT_DATE_FORMAT")}
            }
        )
    data: dict[str, Any] = {
        "measured_on": measured_on,
        "note": (note or "").strip(),
        "recorded_by": actor,
        "works": None,
        "hours_per_week": None,
        "same_employer": None,
        "assistance": "",
        "assistance_amount": None,
    }
    if not reachable:
        data["status"] = FollowUpStatus.NOT_REACHABLE
    else:
        data |= _measurement(works, hours_per_week, same_employer, assistance, assistance_amount)
        data["status"] = FollowUpStatus.MEASURED
    follow_up, _changed = model_update(
        instance=follow_up, data=data, actor=actor, allowed=set(data)
    )
    return follow_up


def _measurement(
    works: bool | None,
    hours_per_week: Any,
    same_employer: bool | None,
    assistance: str,
    assistance_amount: Decimal | None,
) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if works is None:
        errors["works"] = _("Geef aan of de persoon werkt.")
    if assistance not in Assistance.values:
        errors["assistance"] = _("Geef aan welke bijstand de persoon ontvangt.")
    if works and hours_per_week in (None, ""):
        errors["hours_per_week"] = _("Vul het aantal uren per week in.")
    if works and same_employer is None:
        errors["same_employer"] = _("Geef aan of het dezelfde werkgever is.")
    if assistance_amount is not None and assistance != Assistance.PARTIAL:
        errors["assistance_amount"] = _("Een bedrag hoort alleen bij aanvullende bijstand.")
    if errors:
        raise ValidationError(errors)
    return {
        "works": works,
        "hours_per_week": _hours(hours_per_week, "hours_per_week") if works else None,
        "same_employer": same_employer if works else None,
        "assistance": assistance,
        "assistance_amount": assistance_amount,
    }


@transaction.atomic
def outcome_settings_update(
    *, municipality: Municipality, actor: User | None, threshold: int
) -> OutcomeSettings:
    """Set the municipality's threshold for small numbers (2 to 100)."""
    settings, created = OutcomeSettings.objects.select_for_update().get_or_create(
        municipality=municipality
    )
    settings, _changed = model_update(
        instance=settings,
        data={"threshold": threshold, "updated_by": actor},
        actor=actor,
        allowed={"threshold", "updated_by"},
    )
    return settings


def _assumption_value(key: str, value: Decimal) -> Decimal:
    unit = ASSUMPTION_DEFAULTS[key].unit
    if not value.is_finite():
        raise ValidationError({"value": _("Vul een getal in.")})
    if unit == AssumptionUnit.FRACTION and not 0 <= value <= 1:
        raise ValidationError({"value": _("Een aandeel ligt tussen 0 en 1 (0,10 is 10%).")})
    if unit == AssumptionUnit.EUR and not 0 <= value <= 1_000_000:
        raise ValidationError({"value": _("Een bedrag ligt tussen 0 en 1.000.000 euro.")})
    if unit == AssumptionUnit.FLAG and value not in (0, 1):
        raise ValidationError({"value": _("Vul 1 (ja) of 0 (nee) in.")})
    return value


@transaction.atomic
def assumption_set(
    *,
    municipality: Municipality,
    actor: User | None,
    key: str,
    effective_date: dt.date,
    value: Decimal,
    source: str,
    note: str = "",
) -> Assumption:
    """Record (or correct) a business-case assumption from ``effective_date`` on."""
    if key not in AssumptionKey.values:
        raise ValidationError({"key": _("Kies een aanname uit de lijst.")})
    value = _assumption_value(key, value)
    source = (source or "").strip()
    if not source:
        raise ValidationError({"source": _("Vermeld de bron of de onderbouwing van de aanname.")})
    data = {"value": value, "source": source[:300], "note": (note or "").strip()[:300]}
    stored = (
        Assumption.objects.select_for_update()
        .filter(municipality=municipality, key=key, effective_date=effective_date)
        .first()
    )
    if stored is None:
        return model_create(
            instance=Assumption(
                municipality=municipality,
                key=key,
                effective_date=effective_date,
                updated_by=actor,
                **data,
            ),
            actor=actor,
        )
    stored, _changed = model_update(
        instance=stored,
        data=data | {"updated_by": actor},
        actor=actor,
        allowed={*data, "updated_by"},
    )
    return stored


@transaction.atomic
def assumption_delete(*, assumption: Assumption, actor: User | None) -> None:
    """Remove a stored assumption: the one before it (or the default) holds again."""
    model_delete(instance=assumption, actor=actor)
