"""Reads of intake, profiles and proposals, always within one municipality."""

from __future__ import annotations

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Coalesce, TruncDate

from basisbaan.intake.models import (
    EligibilityCriteria,
    IntakeConversation,
    IntakeDecision,
    MatchProposal,
    ParticipantProfile,
    PositionProfile,
    Referral,
)
from basisbaan.intake.vocabulary import Priority
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.tenancy.models import Municipality

QUEUE_STATUSES = (ParticipantStatus.REFERRED, ParticipantStatus.INTAKE)


def _queue(municipality: Municipality, statuses: tuple[str, ...]) -> QuerySet[Participant]:
    """Participants in ``statuses`` by priority, then referral date (no referral: normal
    priority, registered on the day the record was made)."""
    return (
        Participant.objects.filter(municipality=municipality, status__in=statuses)
        .select_related("programme", "referral", "profile", "contact_person")
        .annotate(
            queue_priority=Coalesce(F("referral__priority"), Value(Priority.NORMAL.value)),
            queue_date=Coalesce(F("referral__referred_on"), TruncDate("created_at")),
        )
        .order_by("queue_priority", "queue_date", "id")
    )


def waiting_list(
    *, municipality: Municipality, programme_id: int | None = None
) -> QuerySet[Participant]:
    """The waiting list: admitted participants, by priority and then referral date."""
    qs = _queue(municipality, (ParticipantStatus.WAITING,))
    return qs.filter(programme_id=programme_id) if programme_id else qs


def referral_queue(*, municipality: Municipality) -> QuerySet[Participant]:
    """Referred participants and those in intake, by priority and then referral date."""
    return _queue(municipality, QUEUE_STATUSES)


def referral_list(*, municipality: Municipality) -> QuerySet[Referral]:
    return Referral.objects.filter(municipality=municipality).select_related(
        "participant", "referred_by"
    )


def conversation_list(
    *, municipality: Municipality, participant_id: int | None = None
) -> QuerySet[IntakeConversation]:
    qs = IntakeConversation.objects.filter(municipality=municipality).select_related("held_by")
    return qs.filter(participant_id=participant_id) if participant_id else qs


def decision_list(
    *, municipality: Municipality, participant_id: int | None = None
) -> QuerySet[IntakeDecision]:
    qs = IntakeDecision.objects.filter(municipality=municipality).select_related("decided_by")
    return qs.filter(participant_id=participant_id) if participant_id else qs


def profile_list(*, municipality: Municipality) -> QuerySet[ParticipantProfile]:
    return ParticipantProfile.objects.filter(municipality=municipality).select_related(
        "participant"
    )


def position_profile_list(*, municipality: Municipality) -> QuerySet[PositionProfile]:
    return PositionProfile.objects.filter(municipality=municipality).select_related(
        "position", "position__host", "displacement_confirmed_by"
    )


def criteria_list(*, municipality: Municipality) -> QuerySet[EligibilityCriteria]:
    return EligibilityCriteria.objects.filter(municipality=municipality).select_related("programme")


def proposal_list(
    *,
    municipality: Municipality,
    participant_id: int | None = None,
    position_id: int | None = None,
    status: str = "",
) -> QuerySet[MatchProposal]:
    qs = MatchProposal.objects.filter(municipality=municipality).select_related(
        "participant", "participant__programme", "position", "position__host", "proposed_by"
    )
    if participant_id:
        qs = qs.filter(participant_id=participant_id)
    if position_id:
        qs = qs.filter(position_id=position_id)
    if status:
        qs = qs.filter(status=status)
    return qs
