"""How complete a participant's profile is, and what is missing.

Matching fails most often on incomplete profiles: every item below feeds the
matching or the eligibility check, and a missing one makes a score *unknown*.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from basisbaan.intake.geo import postcode_location
from basisbaan.intake.models import ParticipantProfile
from basisbaan.participants.models import Participant

Check = Callable[[Participant, ParticipantProfile], bool]

ITEMS: tuple[tuple[object, Check], ...] = (
    (_("competenties"), lambda _pa, p: bool(p.competences)),
    (_("werkervaring"), lambda _pa, p: bool(p.work_experience.strip())),
    (_("interesses"), lambda _pa, p: bool(p.interests)),
    (_("voorkeur soort werk"), lambda _pa, p: bool(p.preferred_work)),
    (_("voorkeur sectoren"), lambda _pa, p: bool(p.preferred_sectors)),
    (_("uren beschikbaar"), lambda _pa, p: p.hours_available is not None),
    (_("reisafstand"), lambda _pa, p: p.travel_range_km is not None),
    (_("vervoer"), lambda _pa, p: bool(p.travel_means)),
    (
        _("woonplaats bekend voor reisafstand (postcode)"),
        lambda pa, _p: bool(postcode_location(pa.postcode)),
    ),
    (_("taalniveau"), lambda _pa, p: bool(p.language_level)),
    (_("beperkingen besproken"), lambda _pa, p: p.constraints_discussed),
    (_("motivatie"), lambda _pa, p: bool(p.motivation)),
    (_("behoefte aan begeleiding"), lambda _pa, p: p.support_need is not None),
    (_("passende sporen"), lambda _pa, p: bool(p.tracks)),
)


@dataclass(frozen=True)
class Completeness:
    percent: int
    missing: list[str]


def completeness(participant: Participant, profile: ParticipantProfile | None) -> Completeness:
    """The share of :data:`ITEMS` filled in (whole percent, rounded down) and the rest."""
    profile = profile or ParticipantProfile(participant=participant)
    missing = [str(label) for label, check in ITEMS if not check(participant, profile)]
    done = len(ITEMS) - len(missing)
    return Completeness(done * 100 // len(ITEMS), missing)
