"""A small guidance world: a programme, a job coach, a caseworker, a manager,
participants placed with a host that has a contact."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.participants.constants import ParticipantStatus
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import (
    HostContactFactory,
    ParticipantFactory,
    PlacementFactory,
    PositionFactory,
)

D = dt.date
JAN_1 = D(2025, 1, 1)


@pytest.fixture
def coach(municipality):
    user = make_member(municipality, Role.JOBCOACH, username="coach")
    user.first_name, user.last_name = "Jolanda", "Coach"
    user.save()
    return user


@pytest.fixture
def caseworker_user(municipality):
    return make_member(municipality, Role.CASEWORKER, username="consulent")


@pytest.fixture
def manager(municipality):
    return make_member(municipality, Role.PROGRAMME_MANAGER, username="manager")


@pytest.fixture
def position(municipality):
    return PositionFactory(host__municipality=municipality, host__name="Bibliotheek", places=20)


@pytest.fixture
def host_contact(position):
    return HostContactFactory(host=position.host, name="Harm Host")


@pytest.fixture
def placed(programme, position, coach):
    """``placed(start, end=None, **participant)``: a participant placed from ``start``."""

    def _make(start=JAN_1, end=None, **participant):
        participant.setdefault("contact_person", coach)
        person = ParticipantFactory(
            programme=programme, status=ParticipantStatus.PLACED, **participant
        )
        return PlacementFactory(
            participant=person, position=position, start_date=start, end_date=end
        )

    return _make
