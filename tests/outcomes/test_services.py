"""Exits on both tracks, a second spell, the follow-up plan, and refusals that change nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditEntry
from basisbaan.hosts.constants import Track
from basisbaan.outcomes.models import Exit, FollowUp
from basisbaan.outcomes.services import exit_record, follow_up_record
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.services import participant_change_status
from basisbaan.placements.services import placement_create
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory, PlacementFactory, PositionFactory, ProgrammeFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def programme(municipality):
    return ProgrammeFactory(
        municipality=municipality, start_date=dt.date(2024, 1, 1), end_date=dt.date(2027, 12, 31)
    )


def placed(programme, track, start=dt.date(2024, 3, 1)):
    contact = make_member(programme.municipality, Role.CASEWORKER)
    person = ParticipantFactory(
        programme=programme, status=ParticipantStatus.PLACED, contact_person=contact
    )
    return PlacementFactory(participant=person, start_date=start, track=track)


def test_an_exit_to_work_on_the_transition_track_plans_five_follow_ups(programme, municipality):
    placement = placed(programme, Track.TRANSITION)

    exit = exit_record(
        municipality=municipality,
        actor=None,
        participant=placement.participant,
        placement=placement,
        exit_date=dt.date(2025, 8, 31),
        reason="regular_work_host",
        leaves_programme=True,
        hours_per_week="28",
        contract_type="permanent",
        wage_band="low",
    )

    placement.refresh_from_db()
    assert (exit.kind, exit.track, exit.spell, exit.spell_start) == (
        "programme",
        "transition",
        1,
        dt.date(2024, 3, 1),
    )
    # Work with the host: the employer is the host's name unless given.
    assert exit.employer == placement.position.host.name
    assert exit.hours_per_week == Decimal("28.0")
    assert (placement.end_date, placement.end_reason) == (
        dt.date(2025, 8, 31),
        "Regulier werk bij de werkgever",
    )
    # 31 August plus n months, clipped to the month's last day.
    assert list(FollowUp.objects.values_list("months", "due_date")) == [
        (1, dt.date(2025, 9, 30)),
        (3, dt.date(2025, 11, 30)),
        (6, dt.date(2026, 2, 28)),
        (12, dt.date(2026, 8, 31)),
        (18, dt.date(2027, 2, 28)),
    ]


def test_a_placement_ends_on_the_social_value_track_and_the_participant_stays(
    programme, municipality
):
    placement = placed(programme, Track.SOCIAL_VALUE)

    exit = exit_record(
        municipality=municipality,
        actor=None,
        participant=placement.participant,
        placement=placement,
        exit_date=dt.date(2025, 2, 28),
        reason="health",
        leaves_programme=False,
    )

    placement.participant.refresh_from_db()
    assert (exit.kind, exit.track, exit.employer) == ("placement", "social_value", "")
    assert placement.participant.status == ParticipantStatus.WAITING
    assert not FollowUp.objects.exists()


def test_a_participant_who_returns_starts_a_second_spell(programme, municipality):
    placement = placed(programme, Track.TRANSITION)
    person = placement.participant
    exit_record(
        municipality=municipality,
        actor=None,
        participant=person,
        exit_date=dt.date(2024, 6, 30),
        reason="own_choice",
        leaves_programme=True,
    )
    person.refresh_from_db()
    for status in ("referred", "intake", "waiting"):
        person = participant_change_status(participant=person, actor=None, status=status)
    again = placement_create(
        municipality=municipality,
        actor=None,
        participant=person,
        position=PositionFactory(host__municipality=municipality),
        start_date=dt.date(2025, 1, 6),
    )

    second = exit_record(
        municipality=municipality,
        actor=None,
        participant=person,
        exit_date=dt.date(2025, 12, 31),
        reason="programme_ended",
        leaves_programme=True,
    )

    again.refresh_from_db()
    assert (second.spell, second.spell_start, second.placement) == (2, dt.date(2025, 1, 6), again)
    assert again.end_date == dt.date(2025, 12, 31)
    assert Exit.objects.filter(participant=person).count() == 2


@pytest.mark.parametrize(
    ("reason", "extra", "field"),
    [
        ("regular_work_elsewhere", {}, "employer"),
        (
            "regular_work_elsewhere",
            {
                "employer": "X",
                "hours_per_week": "90",
                "contract_type": "permanent",
                "wage_band": "low",
            },
            "hours_per_week",
        ),
        ("education", {"employer": "School"}, "employer"),
        ("no_such_reason", {}, "reason"),
    ],
)
def test_refusals_change_nothing(programme, municipality, reason, extra, field):
    placement = placed(programme, Track.TRANSITION)
    entries = AuditEntry.objects.count()
    with unchanged(placement, placement.participant), pytest.raises(ValidationError) as error:
        exit_record(
            municipality=municipality,
            actor=None,
            participant=placement.participant,
            placement=placement,
            exit_date=dt.date(2025, 1, 31),
            reason=reason,
            leaves_programme=True,
            **extra,
        )
    assert field in error.value.message_dict
    assert not Exit.objects.exists()
    assert AuditEntry.objects.count() == entries


def test_a_measurement_is_refused_before_its_window_and_in_the_future(programme, municipality):
    placement = placed(programme, Track.TRANSITION)
    exit_record(
        municipality=municipality,
        actor=None,
        participant=placement.participant,
        exit_date=dt.date(2025, 5, 31),
        reason="own_choice",
        leaves_programme=True,
    )
    first = FollowUp.objects.get(months=1)  # due 30-06-2025, measurable from 16-06-2025
    for measured_on, message in [
        (dt.date(2025, 6, 15), "Deze meting kan vanaf 16-06-2025."),
        (dt.date(2025, 7, 2), "De meetdatum ligt in de toekomst."),
    ]:
        with unchanged(first), pytest.raises(ValidationError) as error:
            follow_up_record(
                follow_up=first,
                actor=None,
                today=dt.date(2025, 7, 1),
                measured_on=measured_on,
                reachable=False,
            )
        assert error.value.message_dict["measured_on"] == [message]

    done = follow_up_record(
        follow_up=first,
        actor=None,
        today=dt.date(2025, 7, 1),
        measured_on=dt.date(2025, 6, 16),
        reachable=True,
        works=False,
        assistance="full",
    )
    assert (done.status, done.works, done.hours_per_week, done.assistance) == (
        "measured",
        False,
        None,
        "full",
    )
