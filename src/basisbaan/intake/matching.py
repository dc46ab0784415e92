"""Matching faces: profiles from the database turned into the pure module's inputs.

Candidates are the waiting list (in its order, so ties go to who waits
longest at the same priority); openings are the open positions with a free place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from django.db.models import Count, Q, QuerySet

from basisbaan.calc.matching import (
    Candidate,
    Match,
    Opening,
    excluded_for_position,
    match_pair,
    rank_for_candidate,
    rank_for_position,
)
from basisbaan.hosts.models import Position
from basisbaan.intake.explain import component_lines
from basisbaan.intake.geo import Location, postcode_location, postcode_locations
from basisbaan.intake.models import ParticipantProfile, PositionProfile
from basisbaan.intake.selectors import waiting_list
from basisbaan.intake.vocabulary import DEFAULT_RANGE_KM, LANGUAGE_ORDINAL
from basisbaan.participants.models import Participant
from basisbaan.tenancy.models import Municipality

DEFAULT_LIMIT = 25


@dataclass(frozen=True)
class Row:
    """One ranked pair for a page or the API: the records, the match and its sentences."""

    participant: Participant
    position: Position
    match: Match
    lines: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        """The row as the API and the command line give it."""
        return {
            "participant": self.participant.pk,
            "position": self.position.pk,
            "score": self.match.score,
            "eligible": self.match.eligible,
            "lines": self.lines,
        }


def _profile(participant: Participant) -> ParticipantProfile | None:
    try:
        return participant.profile
    except ParticipantProfile.DoesNotExist:
        return None


def _position_profile(position: Position) -> PositionProfile | None:
    try:
        return position.profile
    except PositionProfile.DoesNotExist:
        return None


def _travel_km(profile: ParticipantProfile) -> float | None:
    """The participant's own range, else the usual range of their means of travel."""
    if profile.travel_range_km is not None:
        return float(profile.travel_range_km)
    default = DEFAULT_RANGE_KM.get(profile.travel_means)
    return float(default) if default is not None else None


def candidate_of(
    participant: Participant, locations: Mapping[str, Location | None] | None = None
) -> Candidate:
    """The participant as the matcher sees it; ``locations`` (from
    :func:`postcode_locations`) saves a query per participant in a batch."""
    p = _profile(participant)
    location = (
        locations[participant.postcode]
        if locations is not None
        else postcode_location(participant.postcode)
    )
    if p is None:
        return Candidate(participant.pk, location=location)
    return Candidate(
        id=participant.pk,
        hours_available=float(p.hours_available) if p.hours_available is not None else None,
        tracks=frozenset(p.tracks),
        location=location,
        travel_km=_travel_km(p),
        competences=frozenset(p.competences),
        sectors=frozenset(p.preferred_sectors),
        interests=frozenset(p.interests),
        preferred_work=frozenset(p.preferred_work),
        support_need=p.support_need,
        constraints=frozenset(p.constraints),
        language=LANGUAGE_ORDINAL.get(p.language_level),
    )


def _position_postcode(position: Position) -> str:
    p = _position_profile(position)
    return (p.postcode if p is not None and p.postcode else "") or position.host.postcode


def opening_of(
    position: Position, locations: Mapping[str, Location | None] | None = None
) -> Opening:
    """The position as the matcher sees it (``locations`` as for :func:`candidate_of`)."""
    p = _position_profile(position)
    postcode = _position_postcode(position)
    base = Opening(
        id=position.pk,
        hours=float(position.hours_per_week),
        track=position.track,
        location=locations[postcode] if locations is not None else postcode_location(postcode),
    )
    if p is None:
        return base
    return replace(
        base,
        required_competences=frozenset(p.required_competences),
        sector=p.sector,
        work_types=frozenset(p.work_types),
        supervision=p.supervision_capacity,
        accommodates=frozenset(p.accommodates),
        language=LANGUAGE_ORDINAL.get(p.language_required),
    )


def open_positions(*, municipality: Municipality) -> QuerySet[Position]:
    """Open positions with at least one free place."""
    return (
        Position.objects.filter(municipality=municipality, is_open=True)
        .select_related("host", "profile")
        .annotate(
            taken=Count("placements", filter=Q(placements__end_date__isnull=True), distinct=True)
        )
        .order_by("host__name", "title", "id")
    )


def candidates_for_position(
    *, municipality: Municipality, position: Position, limit: int = DEFAULT_LIMIT
) -> tuple[list[Row], list[Row]]:
    """Ranked candidates from the waiting list for ``position``, and those a hard
    constraint keeps out (with the reason)."""
    participants = list(waiting_list(municipality=municipality))
    by_id = {p.pk: p for p in participants}
    locations = postcode_locations(
        [*(p.postcode for p in participants), _position_postcode(position)]
    )
    candidates = [candidate_of(p, locations) for p in participants]
    opening = opening_of(position, locations)
    ranked = rank_for_position(candidates, opening, limit)
    excluded = excluded_for_position(candidates, opening)
    return (
        [Row(by_id[m.candidate_id], position, m, component_lines(m)) for m in ranked],
        [Row(by_id[m.candidate_id], position, m, component_lines(m)) for m in excluded],
    )


def positions_for_participant(
    *, municipality: Municipality, participant: Participant, limit: int = DEFAULT_LIMIT
) -> list[Row]:
    """Ranked open positions (with a free place) for ``participant``."""
    positions = [
        p for p in open_positions(municipality=municipality) if getattr(p, "taken", 0) < p.places
    ]
    by_id = {p.pk: p for p in positions}
    locations = postcode_locations(
        [participant.postcode, *(_position_postcode(p) for p in positions)]
    )
    ranked = rank_for_candidate(
        candidate_of(participant, locations), [opening_of(p, locations) for p in positions], limit
    )
    return [Row(participant, by_id[m.position_id], m, component_lines(m)) for m in ranked]


def explain_pair(
    participant: Participant, position: Position
) -> tuple[Match, list[dict[str, Any]]]:
    match = match_pair(candidate_of(participant), opening_of(position))
    return match, component_lines(match)
