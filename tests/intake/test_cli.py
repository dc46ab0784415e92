"""``basisbaan match``: the same ranking on the command line, audited."""

from __future__ import annotations

import json
from io import StringIO

import pytest

from django.core.management import CommandError, call_command

from basisbaan.audit.models import AuditEntry
from basisbaan.participants.constants import ParticipantStatus
from tests.intake.factories import ParticipantProfileFactory, PositionProfileFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def test_candidates_for_a_position(programme, caseworker):
    profile = ParticipantProfileFactory(
        participant__programme=programme,
        participant__status=ParticipantStatus.WAITING,
        participant__first_name="Sjoukje",
        participant__last_name="Hiemstra",
    )
    position = PositionProfileFactory(position__host__municipality=programme.municipality).position
    out = StringIO()
    call_command(
        "match", "--municipality", "leeuwarden", "--position", str(position.pk), stdout=out
    )
    lines = out.getvalue().splitlines()
    assert lines[0] == (
        f"1. Sjoukje Hiemstra – Medewerker groenonderhoud ({position.host.name}): score 100 van 100"
    )
    assert lines[1] == "   - Uren: de werkplek vraagt 32 uur, de deelnemer kan 32 uur."
    entry = AuditEntry.objects.get(action="list")
    assert (entry.channel, entry.changes["ids"]) == ("cli", [str(profile.participant_id)])

    out = StringIO()
    call_command(
        "match",
        "--municipality=leeuwarden",
        f"--participant={profile.participant_id}",
        "--format=json",
        f"--user={caseworker.username}",
        stdout=out,
    )
    [row] = json.loads(out.getvalue())
    assert (row["position"], row["score"]) == (position.pk, 100)


def test_unknown_records_and_users_are_usage_errors(programme):
    with pytest.raises(CommandError, match="Onbekende werkplek"), unchanged():
        call_command("match", "--municipality=leeuwarden", "--position=999999")
    with pytest.raises(CommandError, match="Onbekende gemeente"), unchanged():
        call_command("match", "--municipality=nergens", "--position=1")
