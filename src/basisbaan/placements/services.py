"""Writes of placements: start and end, with the participant's status."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from basisbaan.core.concurrency import lock_version
from basisbaan.core.dates import check_within
from basisbaan.core.services import ensure_same_municipality, model_create, model_update
from basisbaan.hosts.models import Position
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.participants.services import participant_change_status
from basisbaan.placements.models import Placement
from basisbaan.tenancy.models import Municipality, User

__all__ = ["placement_create", "placement_end", "placement_update"]


@transaction.atomic
def placement_create(
    *,
    municipality: Municipality,
    actor: User | None,
    participant: Participant,
    position: Position,
    start_date: dt.date,
    track: str = "",
) -> Placement:
    """Place a participant from the waiting list at an open position.

    Refused while the programme's intake is closed, when the participant is
    not on the waiting list, or when the position is closed or full.
    """
    ensure_same_municipality(municipality, participant=participant, position=position)
    caller_participant = participant
    participant, position = _lock_for_placement(participant, position)
    programme = participant.programme
    if not programme.intake_open:
        raise ValidationError(
            _("De instroom van %(programme)s is gesloten: %(reason)s")
            % {"programme": programme.name, "reason": programme.intake_closed_reason}
        )
    if participant.status != ParticipantStatus.WAITING:
        raise ValidationError(
            {"participant": _("Alleen een deelnemer op de wachtlijst kan worden geplaatst.")}
        )
    if Placement.objects.filter(participant=participant, end_date__isnull=True).exists():
        raise ValidationError({"participant": _("Deze deelnemer heeft al een lopende plaatsing.")})
    if not position.is_open:
        raise ValidationError({"position": _("Deze werkplek is niet open voor plaatsing.")})
    taken = Placement.objects.filter(position=position, end_date__isnull=True).count()
    if taken >= position.places:
        raise ValidationError({"position": _("Alle plekken op deze werkplek zijn bezet.")})
    if not programme.start_date <= start_date <= programme.end_date:
        raise ValidationError(
            {"start_date": _("De startdatum valt buiten de looptijd van het programma.")}
        )
    placement = model_create(
        instance=Placement(
            municipality=municipality,
            participant=participant,
            position=position,
            track=track or position.track,
            start_date=start_date,
        ),
        actor=actor,
    )
    participant_change_status(participant=participant, actor=actor, status=ParticipantStatus.PLACED)
    # The caller's copy says what is stored now (status, version).
    caller_participant.refresh_from_db()
    return placement


def _lock_for_placement(
    participant: Participant, position: Position
) -> tuple[Participant, Position]:
    """The participant and the position as stored, locked until the transaction ends.

    Without the locks two requests could both see the participant waiting and
    the position free, and both place (the check-then-act race). Always the
    participant first, then the position: every writer takes them in this
    order, so two placements can wait for each other but never deadlock. The
    checks that follow read the locked rows, not the caller's (maybe stale)
    copies. The partial unique constraint ``placement_one_active_per_participant``
    is the last line of defence should a writer ever skip this function.
    """
    locked_participant = Participant._base_manager.select_for_update().get(pk=participant.pk)
    locked_position = Position._base_manager.select_for_update().get(pk=position.pk)
    return locked_participant, locked_position


@transaction.atomic
def placement_end(
    *, placement: Placement, actor: User | None, end_date: dt.date, reason: str
) -> Placement:
    """End a placement; the participant goes back to the waiting list.

    The stored row decides (locked): a copy read before someone else ended
    the placement must not end it a second time.
    """
    if lock_version(placement).end_date is not None:
        raise ValidationError(_("Deze plaatsing is al beëindigd."))
    if end_date < placement.start_date:
        raise ValidationError({"end_date": _("De einddatum ligt vóór de startdatum.")})
    programme = placement.participant.programme
    check_within(
        placement.start_date,
        end_date,
        placement.start_date,
        programme.end_date,
        what=_("het programma"),
    )
    if not reason.strip():
        raise ValidationError({"end_reason": _("Geef de reden op waarom de plaatsing stopt.")})
    placement, _changed = model_update(
        instance=placement,
        data={"end_date": end_date, "end_reason": reason.strip()},
        actor=actor,
        allowed={"end_date", "end_reason"},
    )
    participant = placement.participant
    if participant.status == ParticipantStatus.PLACED:
        participant_change_status(
            participant=participant, actor=actor, status=ParticipantStatus.WAITING
        )
    return placement


@transaction.atomic
def placement_update(
    *,
    placement: Placement,
    actor: User | None,
    data: dict[str, object],
    expected_version: int | None = None,
) -> Placement:
    """Correct a placement's track or start date (the end goes through
    :func:`placement_end`)."""
    start = data.get("start_date", placement.start_date)
    programme = placement.participant.programme
    if isinstance(start, dt.date) and not programme.start_date <= start <= programme.end_date:
        raise ValidationError(
            {"start_date": _("De startdatum valt buiten de looptijd van het programma.")}
        )
    if placement.end_date is not None and isinstance(start, dt.date) and start > placement.end_date:
        raise ValidationError({"start_date": _("De startdatum ligt na de einddatum.")})
    placement, _changed = model_update(
        instance=placement,
        data=data,
        actor=actor,
        allowed={"track", "start_date"},
        expected_version=expected_version,
    )
    return placement
