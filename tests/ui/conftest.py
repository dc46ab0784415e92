from __future__ import annotations

import pytest

from basisbaan.tenancy.models import User
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ProgrammeFactory


@pytest.fixture
def programme(municipality):
    return ProgrammeFactory(municipality=municipality, name="Basisbanen Leeuwarden")


@pytest.fixture
def other_programme(other_municipality):
    return ProgrammeFactory(municipality=other_municipality, name="Basisbanen Emmen")


@pytest.fixture
def manager(municipality) -> User:
    return make_member(municipality, Role.PROGRAMME_MANAGER)


@pytest.fixture
def researcher(municipality) -> User:
    return make_member(municipality, Role.RESEARCHER)


@pytest.fixture
def admin_user(municipality) -> User:
    return make_member(municipality, Role.FUNCTIONAL_ADMIN)
