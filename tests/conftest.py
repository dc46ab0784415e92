from __future__ import annotations

import pytest

from django.test import Client
from django.utils import translation

from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Role
from tests.factories import MembershipFactory, MunicipalityFactory, UserFactory


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests log in often; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _dutch_by_default():
    """Each test starts in Dutch: a request in English must not leak into the next test."""
    translation.activate("nl")
    yield
    translation.activate("nl")


@pytest.fixture
def municipality(db) -> Municipality:
    return MunicipalityFactory(name="Leeuwarden", slug="leeuwarden")


@pytest.fixture
def other_municipality(db) -> Municipality:
    return MunicipalityFactory(name="Emmen", slug="emmen")


def make_member(municipality: Municipality, role: Role, username: str | None = None) -> User:
    user = UserFactory(username=username or f"{role.value}-{municipality.slug}")
    MembershipFactory(user=user, municipality=municipality, role=role)
    return user


@pytest.fixture
def member(municipality):
    """``member(role)`` gives a user with that role in the first municipality."""

    def _make(role: Role = Role.CASEWORKER, username: str | None = None) -> User:
        return make_member(municipality, role, username)

    return _make


@pytest.fixture
def caseworker(municipality) -> User:
    return make_member(municipality, Role.CASEWORKER)


@pytest.fixture
def client_as():
    def _login(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return _login


__all__ = ["Membership"]
