"""The completeness score of a profile says what is missing."""

from __future__ import annotations

import pytest

from basisbaan.intake.completeness import ITEMS, completeness
from tests.factories import ParticipantFactory
from tests.intake.factories import ParticipantProfileFactory

pytestmark = pytest.mark.django_db


def test_a_full_profile_is_complete():
    profile = ParticipantProfileFactory()
    result = completeness(profile.participant, profile)
    assert (result.percent, result.missing) == (100, [])


def test_no_profile_misses_everything_but_a_known_postcode():
    participant = ParticipantFactory(postcode="8921 AA")
    result = completeness(participant, None)
    assert len(ITEMS) == 14
    assert result.percent == 7  # 1 of 14, rounded down
    assert "woonplaats bekend voor reisafstand (postcode)" not in result.missing
    assert result.missing[:3] == ["competenties", "werkervaring", "interesses"]


def test_gaps_are_named():
    profile = ParticipantProfileFactory(hours_available=None, language_level="", tracks=[])
    result = completeness(profile.participant, profile)
    assert result.percent == 78  # 11 of 14
    assert result.missing == ["uren beschikbaar", "taalniveau", "passende sporen"]
