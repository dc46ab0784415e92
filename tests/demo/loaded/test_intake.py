"""The intake demo: a waiting list in the right order and matches that show something real."""

from __future__ import annotations

import pytest

from basisbaan.hosts.models import Position
from basisbaan.intake.matching import candidates_for_position, positions_for_participant
from basisbaan.intake.models import PositionProfile
from basisbaan.intake.selectors import waiting_list
from basisbaan.participants.models import Participant

pytestmark = pytest.mark.django_db


def test_waiting_list_by_priority_then_referral_date(demo):
    names = [p.last_name for p in waiting_list(municipality=demo)]
    # Kooistra has high priority; then normal priority by referral date; van Dam is low.
    assert names == ["Kooistra", "Brouwer", "Veenstra", "Karimi", "Boer", "Dam"]


def test_every_position_has_a_profile_with_a_displacement_check(demo):
    positions = Position.objects.filter(municipality=demo)
    profiles = PositionProfile.objects.filter(position__in=positions)
    assert profiles.count() == positions.count() == 10
    assert all(p.displacement_checked and p.displacement_note for p in profiles)


def test_candidates_for_the_green_position_are_argued(demo):
    """Kooistra and Brouwer meet everything (100; Kooistra first: higher priority).
    Karimi: 2 of 3 competences (20), other sector and work (0 + 0), support fits (15),
    his constraint (no heavy lifting) not accommodated (0), A2 >= A1 (10): 45.
    Veenstra and van Dam are social-value only, de Boer has 24 hours for 32: filtered."""
    position = Position.objects.get(municipality=demo, title="Medewerker groenonderhoud")
    rows, excluded = candidates_for_position(municipality=demo, position=position)
    assert [(r.participant.last_name, r.match.score) for r in rows] == [
        ("Kooistra", 100),
        ("Brouwer", 100),
        ("Karimi", 45),
    ]
    assert sorted(r.participant.last_name for r in excluded) == ["Boer", "Dam", "Veenstra"]


def test_positions_for_a_waiting_participant(demo):
    brouwer = Participant.objects.get(municipality=demo, last_name="Brouwer")
    rows = positions_for_participant(municipality=demo, participant=brouwer)
    assert rows[0].position.title == "Medewerker groenonderhoud"
    assert rows[0].match.score == 100
