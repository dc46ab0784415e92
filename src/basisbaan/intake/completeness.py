"""How complete a participant's profile is, and what is missing.

Matching fails most often on incomplete profiles: every item below feeds the
matching or the eligibility check, and a missing one makes a score *unknown*.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from basisbaan.intake.geo import Location, postcode_location
from basisbaan.intake.models import ParticipantProfile
from basisbaan.participants.models import Participant

# (participant, profile, whether the participant's postcode has a known location)
Check = Callable[[Participant, ParticipantProfile, bool], bool]

ITEMS: tuple[tuple[object, Check], ...] = (
    (_("competenties"), lambda _pa, p, _located: bool(p.competences)),
    (_("werkervaring"), lambda _pa, p, _located: bool(p.work_experience.strip())),
    (_("interesses"), lambda _pa, p, _located: bool(p.interests)),
    (_("voorkeur soort werk"), lambda _pa, p, _located: bool(p.preferred_work)),
    (_("voorkeur sectoren"), lambda _pa, p, _located: bool(p.preferred_sectors)),
    (_("uren beschikbaar"), lambda _pa, p, _located: p.hours_available is not None),
    (_("reisafstand"), lambda _pa, p, _located: p.travel_range_km is not None),
    (_("vervoer"), lambda _pa, p, _located: bool(p.travel_means)),
    (
        _("woonplaats bekend voor reisafstand (postcode)"),
        lambda _pa, _p, located: located,
    ),
    (_("taalniveau"), lambda _pa, p, _located: bool(p.language_level)),
    (_("beperkingen besproken"), lambda _pa, p, _located: p.constraints_discussed),
    (_("motivatie"), lambda _pa, p, _located: bool(p.motivation)),
    (_("behoefte aan begeleiding"), lambda _pa, p, _located: p.support_need is not None),
    (_("passende sporen"), lambda _pa, p, _located: bool(p.tracks)),
)


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[str]


def completeness(
    participant: Participant,
    profile: ParticipantProfile | None,
    locations: Mapping[str, Location | None] | None = None,
) -> Completeness:
    """The share of :data:`ITEMS` filled in (whole percent, rounded down) and the rest.

    A list passes ``locations`` (:func:`~basisbaan.intake.geo.postcode_locations`
    of its participants) so that it asks the postcode table once, not per row.
    """
    profile = profile or ParticipantProfile(participant=participant)
    location = (
        locations[participant.postcode]
        if locations is not None
        else postcode_location(participant.postcode)
    )
    located = location is not None
    missing = [str(label) for label, check in ITEMS if not check(participant, profile, located)]
    done = len(ITEMS) - len(missing)
    return Completeness(done * 100 // len(ITEMS), missing)
