"""Writes of intake, profiles and match proposals: one transaction each, audit included.

Status changes of the participant go through
:func:`basisbaan.participants.services.participant_change_status` and placements
through :func:`basisbaan.placements.services.placement_create`: this module never
bypasses the lifecycle or the intake stop.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Set
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.core.services import ensure_same_municipality, model_create, model_update
from basisbaan.hosts.constants import Track
from basisbaan.hosts.models import Position
from basisbaan.intake.constants import (
    CRITERIA_FIELDS,
    POSITION_PROFILE_FIELDS,
    PROFILE_FIELDS,
    REFERRAL_FIELDS,
)
from basisbaan.intake.eligibility import check_participant, result_rows
from basisbaan.intake.models import (
    EligibilityCriteria,
    IntakeConversation,
    IntakeDecision,
    MatchProposal,
    ParticipantProfile,
    PositionProfile,
    Referral,
)
from basisbaan.intake.vocabulary import VOCABULARIES, Decision, ProposalStatus
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.participants.services import (
    may_be_contact_person,
    participant_change_status,
    participant_create,
    participant_set_contact_person,
)
from basisbaan.placements.models import Placement
from basisbaan.placements.services import placement_create
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality, User

__all__ = [
    "conversation_record",
    "criteria_set",
    "intake_decide",
    "position_profile_set",
    "profile_set",
    "proposal_create",
    "proposal_place",
    "proposal_withdraw",
    "referral_add",
    "referral_create",
    "referral_update",
]

EDITABLE_CRITERIA = frozenset(CRITERIA_FIELDS)
EDITABLE_REFERRAL = frozenset(REFERRAL_FIELDS)
EDITABLE_PROFILE = frozenset(PROFILE_FIELDS)
EDITABLE_POSITION_PROFILE = frozenset(POSITION_PROFILE_FIELDS)
TRACK_CODES = {t.value for t in Track}


def _clean_codes(data: dict[str, Any]) -> dict[str, Any]:
    """Sorted, unique lists of known vocabulary codes; an unknown code is refused."""
    out = dict(data)
    for name, value in data.items():
        if name == "tracks":
            known = TRACK_CODES
        elif name in VOCABULARIES:
            known = {c.value for c in VOCABULARIES[name]}
        else:
            continue
        codes = sorted({str(v) for v in value or []})
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise ValidationError({name: _("Onbekende waarde: %s") % ", ".join(unknown)})
        out[name] = codes
    return out


def _upsert[M: models.Model](
    *,
    model: type[M],
    lookup: dict[str, Any],
    defaults: dict[str, Any],
    data: dict[str, Any],
    actor: User | None,
    allowed: Set[str],
) -> M:
    """Create the one-to-one record with ``data``, or update the fields that changed."""
    unknown = set(data) - allowed
    if unknown:
        raise ValidationError(
            _("Deze velden kunnen niet worden gewijzigd: %s") % ", ".join(sorted(unknown))
        )
    existing = model._default_manager.filter(**lookup).first()
    if existing is None:
        return model_create(instance=model(**lookup, **defaults, **data), actor=actor)
    instance, _changed = model_update(instance=existing, data=data, actor=actor, allowed=allowed)
    return instance


@transaction.atomic
def criteria_set(
    *, programme: Programme, actor: User | None, data: dict[str, Any]
) -> EligibilityCriteria:
    """Set a programme's eligibility criteria (created on first use)."""
    return _upsert(
        model=EligibilityCriteria,
        lookup={"programme": programme},
        defaults={"municipality_id": programme.municipality_id},
        data=data,
        actor=actor,
        allowed=EDITABLE_CRITERIA,
    )


@transaction.atomic
def referral_create(
    *,
    municipality: Municipality,
    actor: User | None,
    programme: Programme,
    referral: dict[str, Any],
    contact_person: User | None = None,
    **participant_data: Any,
) -> Referral:
    """Register a referred person: the participant (status *aangemeld*) and the referral.

    Taken also while the programme's intake is closed: only placement waits.
    """
    unknown = set(referral) - EDITABLE_REFERRAL
    if unknown:
        raise ValidationError(_("Onbekende velden: %s") % ", ".join(sorted(unknown)))
    participant = participant_create(
        municipality=municipality,
        actor=actor,
        programme=programme,
        contact_person=contact_person,
        **participant_data,
    )
    referred_on = referral.get("referred_on") or timezone.localdate()
    _check_referred_on(referred_on)
    return model_create(
        instance=Referral(
            municipality=municipality,
            participant=participant,
            referred_by=actor if actor is not None and actor.pk else None,
            **(referral | {"referred_on": referred_on}),
        ),
        actor=actor,
    )


def _check_referred_on(referred_on: dt.date | None) -> None:
    if referred_on is not None and referred_on > timezone.localdate():
        raise ValidationError({"referred_on": _("De aanmelddatum ligt in de toekomst.")})


@transaction.atomic
def referral_add(*, participant: Participant, actor: User | None, data: dict[str, Any]) -> Referral:
    """Record how an already registered participant was referred (one referral each)."""
    if Referral.objects.filter(participant=participant).exists():
        raise ValidationError(_("Deze deelnemer heeft al een aanmelding."))
    unknown = set(data) - EDITABLE_REFERRAL
    if unknown:
        raise ValidationError(_("Onbekende velden: %s") % ", ".join(sorted(unknown)))
    _check_referred_on(data.get("referred_on"))
    return model_create(
        instance=Referral(
            municipality_id=participant.municipality_id,
            participant=participant,
            referred_by=actor if actor is not None and actor.pk else None,
            **data,
        ),
        actor=actor,
    )


@transaction.atomic
def referral_update(*, referral: Referral, actor: User | None, data: dict[str, Any]) -> Referral:
    """Correct the source, date, priority or reason of a referral."""
    _check_referred_on(data.get("referred_on"))
    referral, _changed = model_update(
        instance=referral, data=data, actor=actor, allowed=EDITABLE_REFERRAL
    )
    return referral


@transaction.atomic
def conversation_record(
    *,
    participant: Participant,
    actor: User | None,
    held_on: dt.date,
    summary: str,
    contact_person: User | None = None,
) -> IntakeConversation:
    """Record an intake conversation; a referred participant moves into intake.

    A participant in intake has one fixed contact person: without one yet, it
    becomes ``contact_person``, or else the one who held the conversation (when
    they may be a contact person); otherwise the move into intake is refused.
    """
    if participant.status not in (ParticipantStatus.REFERRED, ParticipantStatus.INTAKE):
        raise ValidationError(
            _("Een intakegesprek kan alleen bij een aangemelde deelnemer of tijdens de intake.")
        )
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("De datum van het gesprek ligt in de toekomst.")})
    if not summary.strip():
        raise ValidationError({"summary": _("Schrijf een kort verslag van het gesprek.")})
    conversation = model_create(
        instance=IntakeConversation(
            municipality_id=participant.municipality_id,
            participant=participant,
            held_on=held_on,
            held_by=actor if actor is not None and actor.pk else None,
            summary=summary.strip(),
        ),
        actor=actor,
    )
    if participant.status == ParticipantStatus.REFERRED:
        _ensure_contact_person(participant, actor, contact_person)
        participant_change_status(
            participant=participant, actor=actor, status=ParticipantStatus.INTAKE
        )
    return conversation


def _ensure_contact_person(
    participant: Participant, actor: User | None, chosen: User | None
) -> None:
    if participant.contact_person_id is not None:
        return
    if chosen is None and may_be_contact_person(participant.municipality_id, actor):
        chosen = actor
    if chosen is not None:
        participant_set_contact_person(participant=participant, actor=actor, contact_person=chosen)


@transaction.atomic
def intake_decide(
    *,
    participant: Participant,
    actor: User | None,
    decision: str,
    reasoning: str,
    tracks: list[str] | None = None,
    on: dt.date | None = None,
) -> IntakeDecision:
    """Admit (to the waiting list) or refuse, with reasoning and the eligibility check.

    Admission is refused when a criterion is not met, or when no track is
    possible; an unknown criterion may be admitted, with the reasoning saying why.
    """
    on = on or timezone.localdate()
    if participant.status != ParticipantStatus.INTAKE:
        raise ValidationError(_("Alleen over een deelnemer in intake kan worden besloten."))
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Onderbouw het besluit.")})
    result = check_participant(participant, on)
    tracks = _clean_codes({"tracks": tracks or []})["tracks"]
    if decision == Decision.ADMITTED:
        refused = [r for r in result.criteria if r.outcome == "not_met" and not r.track]
        if refused:
            raise ValidationError(_("Toelaten kan niet: niet aan alle toelatingscriteria voldaan."))
        if not tracks:
            tracks = list(result.possible_tracks) or sorted(TRACK_CODES)
        closed = [t for t in tracks if result.tracks.get(t) == "not_met"]
        if closed:
            raise ValidationError(
                {
                    "tracks": _("Niet aan de voorwaarden van dit spoor voldaan: %s")
                    % ", ".join(str(Track(t).label) for t in closed)
                }
            )
    made = model_create(
        instance=IntakeDecision(
            municipality_id=participant.municipality_id,
            participant=participant,
            decision=decision,
            reasoning=reasoning.strip(),
            tracks=tracks if decision == Decision.ADMITTED else [],
            eligibility=result_rows(result),
            decided_on=on,
            decided_by=actor if actor is not None and actor.pk else None,
        ),
        actor=actor,
    )
    target = (
        ParticipantStatus.WAITING if decision == Decision.ADMITTED else ParticipantStatus.REJECTED
    )
    participant_change_status(participant=participant, actor=actor, status=target)
    if decision == Decision.ADMITTED:
        profile_set(participant=participant, actor=actor, data={"tracks": tracks})
    return made


@transaction.atomic
def profile_set(
    *, participant: Participant, actor: User | None, data: dict[str, Any]
) -> ParticipantProfile:
    """Create or update the participant's profile (lists of codes are checked)."""
    return _upsert(
        model=ParticipantProfile,
        lookup={"participant": participant},
        defaults={"municipality_id": participant.municipality_id},
        data=_clean_codes(data),
        actor=actor,
        allowed=EDITABLE_PROFILE,
    )


@transaction.atomic
def position_profile_set(
    *, position: Position, actor: User | None, data: dict[str, Any]
) -> PositionProfile:
    """Create or update a position's profile.

    Confirming that the position displaces no paid or volunteer work records
    who confirmed it and when; withdrawing the confirmation clears both.
    """
    data = _clean_codes(data)
    current = PositionProfile.objects.filter(position=position).first()
    was_checked = current is not None and current.displacement_checked
    checked = data.get("displacement_checked", was_checked)
    extra: dict[str, Any] = {}
    if checked and not was_checked:
        if not str(data.get("displacement_note", "")).strip():
            raise ValidationError(
                {"displacement_note": _("Licht toe waarom er geen verdringing is.")}
            )
        extra = {
            "displacement_confirmed_by": actor if actor is not None and actor.pk else None,
            "displacement_confirmed_at": timezone.now(),
        }
    elif was_checked and not checked:
        extra = {"displacement_confirmed_by": None, "displacement_confirmed_at": None}
    return _upsert(
        model=PositionProfile,
        lookup={"position": position},
        defaults={"municipality_id": position.municipality_id},
        data=data | extra,
        actor=actor,
        allowed=EDITABLE_POSITION_PROFILE | set(extra),
    )


@transaction.atomic
def proposal_create(
    *,
    municipality: Municipality,
    actor: User | None,
    participant: Participant,
    position: Position,
    note: str = "",
) -> MatchProposal:
    """Record a caseworker's proposal from a match, with its score and reasons.

    While the programme's intake is closed the proposal is recorded as waiting,
    with the reason; otherwise it is ready for :func:`proposal_place`.
    """
    from basisbaan.intake.matching import explain_pair

    ensure_same_municipality(municipality, participant=participant, position=position)
    if participant.status != ParticipantStatus.WAITING:
        raise ValidationError(
            {"participant": _("Alleen een deelnemer op de wachtlijst kan worden voorgesteld.")}
        )
    if not position.is_open:
        raise ValidationError({"position": _("Deze werkplek is niet open voor plaatsing.")})
    if MatchProposal.objects.filter(
        participant=participant,
        position=position,
        status__in=[ProposalStatus.PROPOSED, ProposalStatus.WAITING],
    ).exists():
        raise ValidationError(_("Er is al een open voorstel voor deze deelnemer en werkplek."))
    match, lines = explain_pair(participant, position)
    if not match.eligible:
        raise ValidationError(
            _("Deze werkplek past niet: %s")
            % "; ".join(line["text"] for line in lines if line["status"] == "none" and line["hard"])
        )
    programme = participant.programme
    waiting = not programme.intake_open
    return model_create(
        instance=MatchProposal(
            municipality=municipality,
            participant=participant,
            position=position,
            score=match.score,
            explanation=lines,
            status=ProposalStatus.WAITING if waiting else ProposalStatus.PROPOSED,
            waiting_reason=programme.intake_closed_reason if waiting else "",
            note=note.strip(),
            proposed_by=actor if actor is not None and actor.pk else None,
        ),
        actor=actor,
    )


@transaction.atomic
def proposal_place(
    *, proposal: MatchProposal, actor: User | None, start_date: dt.date, track: str = ""
) -> Placement:
    """Start the placement of a proposal through the placement service.

    A proposal that waited for a closed intake can be placed once intake is
    open again; while it is closed, the placement service refuses with the reason.
    """
    if proposal.status not in (ProposalStatus.PROPOSED, ProposalStatus.WAITING):
        raise ValidationError(_("Dit voorstel is al afgehandeld."))
    placement = placement_create(
        municipality=proposal.participant.municipality,
        actor=actor,
        participant=proposal.participant,
        position=proposal.position,
        start_date=start_date,
        track=track,
    )
    model_update(
        instance=proposal,
        data={"status": ProposalStatus.PLACED, "placement": placement, "waiting_reason": ""},
        actor=actor,
        allowed={"status", "placement", "waiting_reason"},
    )
    return placement


@transaction.atomic
def proposals_follow_intake(*, programme: Programme, actor: User | None) -> int:
    """Bring the open proposals of ``programme`` in line with its intake; how many changed.

    Closed: a proposal waits, with the closing reason. Open: a waiting proposal
    is proposed again. Called by ``programme_set_intake`` in its transaction
    (registered in ``IntakeConfig.ready``), so the waiting list and the
    proposals never show the intake as it was.
    """
    if programme.intake_open:
        status, reason = ProposalStatus.PROPOSED, ""
    else:
        status, reason = ProposalStatus.WAITING, programme.intake_closed_reason
    changed = 0
    proposals = MatchProposal.objects.filter(
        municipality_id=programme.municipality_id,
        participant__programme=programme,
        status__in=[ProposalStatus.PROPOSED, ProposalStatus.WAITING],
    ).order_by("pk")
    for proposal in proposals:
        _proposal, was_changed = model_update(
            instance=proposal,
            data={"status": status, "waiting_reason": reason},
            actor=actor,
            allowed={"status", "waiting_reason"},
        )
        changed += was_changed
    return changed


@transaction.atomic
def proposal_withdraw(*, proposal: MatchProposal, actor: User | None, note: str) -> MatchProposal:
    if proposal.status not in (ProposalStatus.PROPOSED, ProposalStatus.WAITING):
        raise ValidationError(_("Dit voorstel is al afgehandeld."))
    if not note.strip():
        raise ValidationError({"note": _("Geef de reden op waarom het voorstel vervalt.")})
    proposal, _changed = model_update(
        instance=proposal,
        data={"status": ProposalStatus.WITHDRAWN, "note": note.strip()},
        actor=actor,
        allowed={"status", "note"},
    )
    return proposal
