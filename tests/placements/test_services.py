import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.contracts.services import contract_create, contract_period_add
from basisbaan.hosts.constants import Track
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.placements.models import Placement
from basisbaan.placements.services import placement_create, placement_end
from basisbaan.programmes.services import programme_set_intake
from tests.factories import ParticipantFactory, PlacementFactory, PositionFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(municipality):
    return ParticipantFactory(
        programme__municipality=municipality, status=ParticipantStatus.WAITING
    )


@pytest.fixture
def position(municipality):
    return PositionFactory(host__municipality=municipality, track=Track.SOCIAL_VALUE, places=1)


def placement_of(participant):
    """A contract needs a placement: the participant's, or a new one."""
    return participant.placements.first() or PlacementFactory(participant=participant)


def test_placement_starts_on_the_positions_track_and_places_the_participant(
    municipality, caseworker, waiting, position
):
    placement = placement_create(
        municipality=municipality,
        actor=caseworker,
        participant=waiting,
        position=position,
        start_date=dt.date(2024, 7, 1),
    )
    waiting.refresh_from_db()
    assert placement.track == Track.SOCIAL_VALUE
    assert waiting.status == ParticipantStatus.PLACED


def test_no_placement_while_intake_is_closed(municipality, caseworker, waiting, position):
    programme_set_intake(
        programme=waiting.programme, actor=caseworker, open=False, reason="Budget op"
    )
    waiting.refresh_from_db()
    with pytest.raises(ValidationError) as info, unchanged():
        placement_create(
            municipality=municipality,
            actor=caseworker,
            participant=waiting,
            position=position,
            start_date=dt.date(2024, 7, 1),
        )
    assert info.value.messages == [
        f"De instroom van {waiting.programme.name} is gesloten: Budget op"
    ]
    assert Placement.objects.count() == 0


def test_closing_intake_needs_a_reason(caseworker, waiting):
    with pytest.raises(ValidationError) as info, unchanged():
        programme_set_intake(programme=waiting.programme, actor=caseworker, open=False, reason=" ")
    assert info.value.message_dict["intake_closed_reason"] == [
        "Geef de reden op waarom de instroom stopt."
    ]


def test_a_full_position_is_refused(municipality, caseworker, waiting, position):
    placement_create(
        municipality=municipality,
        actor=caseworker,
        participant=waiting,
        position=position,
        start_date=dt.date(2024, 7, 1),
    )
    second = ParticipantFactory(programme=waiting.programme, status=ParticipantStatus.WAITING)
    with pytest.raises(ValidationError) as info, unchanged():
        placement_create(
            municipality=municipality,
            actor=caseworker,
            participant=second,
            position=position,
            start_date=dt.date(2024, 8, 1),
        )
    assert info.value.message_dict["position"] == ["Alle plekken op deze werkplek zijn bezet."]


def test_ending_a_placement_returns_the_participant_to_the_waiting_list(
    municipality, caseworker, waiting, position
):
    placement = placement_create(
        municipality=municipality,
        actor=caseworker,
        participant=waiting,
        position=position,
        start_date=dt.date(2024, 7, 1),
    )
    placement_end(
        placement=placement, actor=caseworker, end_date=dt.date(2024, 12, 31), reason="Verhuisd"
    )
    waiting.refresh_from_db()
    assert waiting.status == ParticipantStatus.WAITING
    with pytest.raises(ValidationError), unchanged():
        placement_end(
            placement=placement, actor=caseworker, end_date=dt.date(2025, 1, 31), reason="x"
        )


def test_contract_first_period_and_renewals_last_six_months(municipality, caseworker, waiting):
    contract = contract_create(
        municipality=municipality,
        actor=caseworker,
        participant=waiting,
        placement=placement_of(waiting),
        employer_name="Caparis",
        start_date=dt.date(2024, 7, 1),
        hours_per_week=Decimal("32"),
        hourly_wage=Decimal("13.68"),
        wage_subsidy=True,
    )
    renewal = contract_period_add(
        contract=contract,
        actor=caseworker,
        hours_per_week=Decimal("32"),
        hourly_wage=Decimal("14.06"),
    )
    periods = list(
        contract.periods.values_list("sequence", "start_date", "end_date", "hourly_wage")
    )
    assert periods == [
        (1, dt.date(2024, 7, 1), dt.date(2024, 12, 31), Decimal("13.68")),
        (2, dt.date(2025, 1, 1), dt.date(2025, 6, 30), Decimal("14.06")),
    ]
    assert renewal.sequence == 2
    assert contract.wage_subsidy is True


def test_a_renewal_cannot_overlap_the_previous_period(municipality, caseworker, waiting):
    contract = contract_create(
        municipality=municipality,
        actor=caseworker,
        participant=waiting,
        placement=placement_of(waiting),
        employer_name="Caparis",
        start_date=dt.date(2024, 7, 1),
        hours_per_week=Decimal("32"),
        hourly_wage=Decimal("13.68"),
    )
    with pytest.raises(ValidationError) as info, unchanged():
        contract_period_add(
            contract=contract,
            actor=caseworker,
            start_date=dt.date(2024, 12, 1),
            hours_per_week=Decimal("32"),
            hourly_wage=Decimal("13.68"),
        )
    assert info.value.message_dict["start_date"] == [
        "Een verlenging begint na het einde van de vorige periode."
    ]
