from __future__ import annotations

import pytest

from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.tenancy.models import User
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory


@pytest.fixture
def reader(municipality) -> User:
    """The read-only role ("alleen lezen")."""
    return make_member(municipality, Role.READ_ONLY)


@pytest.fixture
def person(programme) -> Participant:
    return ParticipantFactory(
        programme=programme,
        first_name="Piet",
        name_prefix="de",
        last_name="Jong",
        bsn="111222333",
        status=ParticipantStatus.WAITING,
    )
