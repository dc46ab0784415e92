from __future__ import annotations

import pytest

from rest_framework.test import APIClient

from basisbaan.tenancy.models import User
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ProgrammeFactory


@pytest.fixture
def programme(municipality):
    return ProgrammeFactory(
        municipality=municipality, name="Basisbanen Leeuwarden", contract_period_months=6
    )


@pytest.fixture
def other_programme(other_municipality):
    return ProgrammeFactory(municipality=other_municipality, name="Basisbanen Emmen")


@pytest.fixture
def manager(municipality) -> User:
    return make_member(municipality, Role.PROGRAMME_MANAGER)


@pytest.fixture
def controller(municipality) -> User:
    return make_member(municipality, Role.CONTROLLER)


@pytest.fixture
def outsider(other_municipality) -> User:
    """A programme manager of the other municipality."""
    return make_member(other_municipality, Role.PROGRAMME_MANAGER)


@pytest.fixture
def api_as():
    def _make(user: User) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return _make
