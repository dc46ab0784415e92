"""The eligibility check of one participant: the data fetched, the pure check applied."""

from __future__ import annotations

import datetime as dt
from typing import Any

from basisbaan.calc.eligibility import (
    Criteria,
    EligibilityResult,
    Facts,
    TrackConditions,
    check_eligibility,
)
from basisbaan.hosts.constants import Track
from basisbaan.intake.models import EligibilityCriteria, ParticipantProfile
from basisbaan.intake.vocabulary import LANGUAGE_ORDINAL
from basisbaan.participants.models import Participant
from basisbaan.programmes.models import Programme


def criteria_of(programme: Programme) -> Criteria:
    """The programme's criteria for the pure check (none set: nothing to check)."""
    stored = EligibilityCriteria.objects.filter(programme=programme).first()
    if stored is None:
        return Criteria()

    def conditions(hours: Any, language: str) -> TrackConditions | None:
        if hours is None and not language:
            return None
        return TrackConditions(hours, LANGUAGE_ORDINAL.get(language))

    tracks = {
        Track.TRANSITION.value: conditions(
            stored.transition_min_hours, stored.transition_min_language
        ),
        Track.SOCIAL_VALUE.value: conditions(
            stored.social_value_min_hours, stored.social_value_min_language
        ),
    }
    return Criteria(
        min_months_on_assistance=stored.min_months_on_assistance,
        min_age=stored.min_age,
        max_age=stored.max_age,
        # A track without conditions is open to everyone who meets the general criteria.
        tracks={t: c or TrackConditions() for t, c in tracks.items()},
    )


def facts_of(participant: Participant) -> Facts:
    profile = ParticipantProfile.objects.filter(participant=participant).first()
    return Facts(
        date_of_birth=participant.date_of_birth,
        assistance_start=participant.social_assistance_start,
        hours_available=profile.hours_available if profile else None,
        language_level=LANGUAGE_ORDINAL.get(profile.language_level) if profile else None,
    )


def check_participant(participant: Participant, on: dt.date) -> EligibilityResult:
    return check_eligibility(criteria_of(participant.programme), facts_of(participant), on)


def result_rows(result: EligibilityResult) -> list[dict[str, Any]]:
    """The check as JSON-safe rows with Dutch words, kept with the decision."""
    from basisbaan.intake.explain import criterion_text

    return [
        {
            "key": r.key,
            "track": r.track,
            "outcome": r.outcome.value,
            "required": str(r.required),
            "actual": None if r.actual is None else str(r.actual),
            "text": criterion_text(r),
        }
        for r in result.criteria
    ]
