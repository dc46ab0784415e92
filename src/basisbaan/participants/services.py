"""Writes of participants: one transaction each, audit entry included.

Status changes go through :func:`participant_change_status`, which enforces
the lifecycle in :data:`~basisbaan.participants.constants.TRANSITIONS`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.core.dates import check_birth_date, check_within
from basisbaan.core.services import ensure_same_municipality, model_create, model_update
from basisbaan.participants.constants import (
    ACTIVE_STATUSES,
    CONTACT_ROLES,
    PARTICIPANT_FIELDS,
    TRANSITIONS,
    ParticipantStatus,
)
from basisbaan.participants.household import check_household
from basisbaan.participants.models import ContactPersonChange, Participant
from basisbaan.participants.validators import normalise_bsn
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Membership, Municipality, User

__all__ = [
    "participant_change_status",
    "participant_create",
    "participant_set_contact_person",
    "may_be_contact_person",
    "participant_update",
]

EDITABLE = frozenset(PARTICIPANT_FIELDS)


def _check_bsn_unique(municipality_id: int, bsn: str, exclude_pk: int | None = None) -> None:
    qs = Participant.objects.filter(municipality_id=municipality_id, bsn=bsn)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    if qs.exists():
        raise ValidationError({"bsn": _("Er is al een deelnemer met dit BSN in uw gemeente.")})


def may_be_contact_person(municipality_id: int, user: User | None) -> bool:
    """Whether ``user`` is a caseworker, job coach or programme manager here."""
    return (
        user is not None
        and user.pk is not None
        and Membership.objects.filter(
            user=user, municipality_id=municipality_id, role__in=CONTACT_ROLES
        ).exists()
    )


def _check_contact_person(municipality_id: int, user: User | None) -> None:
    if user is None:
        return
    if not may_be_contact_person(municipality_id, user):
        raise ValidationError(
            {
                "contact_person": _(
                    "Het vaste aanspreekpunt moet een consulent, jobcoach of "
                    "programmamanager van uw gemeente zijn."
                )
            }
        )


def _check_dates(date_of_birth: dt.date, social_assistance_start: dt.date | None) -> None:
    today = timezone.localdate()
    if date_of_birth >= today:
        raise ValidationError({"date_of_birth": _("De geboortedatum ligt in de toekomst.")})
    check_birth_date(date_of_birth, today)
    if social_assistance_start is not None and social_assistance_start < date_of_birth:
        raise ValidationError(
            {"social_assistance_start": _("De bijstand kan niet vóór de geboortedatum beginnen.")}
        )


@transaction.atomic
def participant_create(
    *,
    municipality: Municipality,
    actor: User | None,
    programme: Programme,
    contact_person: User | None = None,
    **data: Any,
) -> Participant:
    """Register a referred participant. ``data`` holds the personal fields."""
    ensure_same_municipality(municipality, programme=programme)
    unknown = set(data) - EDITABLE
    if unknown:
        raise ValidationError(_("Onbekende velden: %s") % ", ".join(sorted(unknown)))
    data["bsn"] = normalise_bsn(data.get("bsn", ""))
    _check_bsn_unique(municipality.pk, data["bsn"])
    _check_dates(data["date_of_birth"], data.get("social_assistance_start"))
    check_household(data, timezone.localdate())
    _check_contact_person(municipality.pk, contact_person)
    participant = Participant(
        municipality=municipality,
        programme=programme,
        contact_person=contact_person,
        status=ParticipantStatus.REFERRED,
        status_changed_at=timezone.now(),
        **data,
    )
    participant = model_create(instance=participant, actor=actor)
    if contact_person is not None:
        _record_contact_change(participant, None, contact_person, "", actor)
    return participant


def _record_contact_change(
    participant: Participant,
    from_user: User | None,
    to_user: User | None,
    reason: str,
    actor: User | None,
) -> ContactPersonChange:
    change = ContactPersonChange(
        municipality_id=participant.municipality_id,
        participant=participant,
        from_user=from_user,
        to_user=to_user,
        reason=reason,
        changed_by=actor if actor is not None and actor.pk else None,
    )
    return model_create(instance=change, actor=actor)


@transaction.atomic
def participant_update(
    *,
    participant: Participant,
    actor: User | None,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> Participant:
    """Change the participant's own data.

    ``expected_version``: the version the change was made on; a newer stored
    version refuses it (:class:`~basisbaan.core.concurrency.StaleRecordError`).
    """
    if participant.anonymised_at is not None:
        # Its retention period ended (basisbaan purge): filling it in again would
        # bring back what was removed on purpose.
        raise ValidationError(_("Deze deelnemer is geanonimiseerd en kan niet worden gewijzigd."))
    data = dict(data)
    if "programme" in data:
        ensure_same_municipality(participant.municipality, programme=data["programme"])
    if "bsn" in data:
        data["bsn"] = normalise_bsn(data["bsn"])
        _check_bsn_unique(participant.municipality_id, data["bsn"], exclude_pk=participant.pk)
    _check_dates(
        data.get("date_of_birth", participant.date_of_birth),
        data.get("social_assistance_start", participant.social_assistance_start),
    )
    check_household(data, timezone.localdate())
    participant, _changed = model_update(
        instance=participant,
        data=data,
        actor=actor,
        allowed=EDITABLE,
        expected_version=expected_version,
    )
    return participant


@transaction.atomic
def participant_change_status(
    *,
    participant: Participant,
    actor: User | None,
    status: str,
    exit_date: dt.date | None = None,
    exit_reason: str = "",
) -> Participant:
    """Move a participant along the lifecycle; refuse a transition not allowed.

    Exiting needs an exit date and reason; re-entering clears them.
    """
    current = ParticipantStatus(participant.status)
    target = ParticipantStatus(status)
    if target not in TRANSITIONS[current]:
        raise ValidationError(
            {
                "status": _("Van de status '%(from)s' kan een deelnemer niet naar '%(to)s'.")
                % {"from": current.label, "to": target.label}
            }
        )
    if target in ACTIVE_STATUSES and participant.contact_person_id is None:
        raise ValidationError(
            {
                "contact_person": _(
                    "Kies eerst een vast aanspreekpunt: een deelnemer in intake, op de "
                    "wachtlijst of geplaatst heeft er precies één."
                )
            }
        )
    data: dict[str, Any] = {"status": target}
    if target == ParticipantStatus.EXITED:
        if exit_date is None or not exit_reason:
            raise ValidationError({"exit_reason": _("Geef bij uitstroom de datum en de reden op.")})
        programme = participant.programme
        check_within(
            exit_date,
            None,
            programme.start_date,
            programme.end_date,
            what=_("het programma"),
            fields=("exit_date", "exit_date"),
        )
        data |= {"exit_date": exit_date, "exit_reason": exit_reason}
    elif current == ParticipantStatus.EXITED:
        data |= {"exit_date": None, "exit_reason": ""}
    participant, _changed = model_update(
        instance=participant,
        data=data | {"status_changed_at": timezone.now()},
        actor=actor,
        allowed={"status", "status_changed_at", "exit_date", "exit_reason"},
    )
    return participant


@transaction.atomic
def participant_set_contact_person(
    *,
    participant: Participant,
    actor: User | None,
    contact_person: User | None,
    reason: str = "",
) -> Participant:
    """Make ``contact_person`` the participant's one fixed contact person.

    The rule: an active participant (in intake, waiting or placed) keeps
    exactly one contact person, so one can be replaced but not removed. A
    change away from someone needs a reason; every change is recorded in
    :class:`~basisbaan.participants.models.ContactPersonChange`.
    """
    _check_contact_person(participant.municipality_id, contact_person)
    previous = participant.contact_person
    if contact_person == previous:
        return participant
    if contact_person is None and participant.status in ACTIVE_STATUSES:
        raise ValidationError(
            {
                "contact_person": _(
                    "Een actieve deelnemer heeft altijd één vast aanspreekpunt. "
                    "Kies een ander aanspreekpunt in plaats van het leeg te maken."
                )
            }
        )
    reason = reason.strip()
    if previous is not None and not reason:
        raise ValidationError(
            {"reason": _("Geef de reden waarom het vaste aanspreekpunt wisselt.")}
        )
    participant, _changed = model_update(
        instance=participant,
        data={"contact_person": contact_person},
        actor=actor,
        allowed={"contact_person"},
    )
    _record_contact_change(participant, previous, contact_person, reason, actor)
    return participant
