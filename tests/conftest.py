"""Fixtures for the whole suite.

**The clock.** No test depends on the real date: the whole session runs at
:data:`TODAY` (10:00 in Amsterdam, time ticking on from there), pinned with
time-machine. A test that takes the ``today`` fixture gets that day; a test
marked ``date_spread`` runs once for every day of :data:`DATE_SPREAD` (every
month end, 29 February, 1 January and 1 July), so that calendar bugs show up in
the suite before users meet them. Code under test gets "today" passed
explicitly where it can; the pinned clock covers what reads it itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from zoneinfo import ZoneInfo

import pytest
import time_machine
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

from django.test import Client
from django.utils import translation

from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Role
from tests.factories import MembershipFactory, MunicipalityFactory, ProgrammeFactory, UserFactory

# Property tests check values, not speed: on a busy CI machine (two cores shared
# with the browser tests) input generation may be slow, which is no defect.
hypothesis_settings.register_profile(
    "basisbaan", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.load_profile("basisbaan")

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# The suite's "today": an ordinary Wednesday in the second half of the pilot's last year.
TODAY = dt.date(2026, 11, 18)
# Calendar edge cases: every month end of a year, a leap day, new year and mid-year.
DATE_SPREAD: tuple[dt.date, ...] = (
    dt.date(2026, 1, 31),
    dt.date(2026, 2, 28),
    dt.date(2026, 3, 31),
    dt.date(2026, 4, 30),
    dt.date(2026, 5, 31),
    dt.date(2026, 6, 30),
    dt.date(2026, 7, 1),
    dt.date(2026, 7, 31),
    dt.date(2026, 8, 31),
    dt.date(2026, 9, 30),
    dt.date(2026, 10, 31),
    dt.date(2026, 11, 30),
    dt.date(2026, 12, 31),
    dt.date(2027, 1, 1),
    dt.date(2028, 2, 29),
)


def at_ten(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=AMSTERDAM)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("date_spread") and "today" in metafunc.fixturenames:
        metafunc.parametrize("today", DATE_SPREAD, indirect=True, ids=dt.date.isoformat)


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Let the suite's own sessions truncate the audit log on PostgreSQL.

    Django empties every table between transactional tests with TRUNCATE, which
    the audit log's trigger refuses unless ``basisbaan.allow_truncate`` is on
    (``audit/migrations/0007_no_truncate_trigger.py``). Set at connection start,
    so no transaction can roll it back; a test of the trigger turns it off.
    """
    from django.db import connections

    for alias in connections:
        settings_dict = connections[alias].settings_dict
        if settings_dict["ENGINE"] == "django.db.backends.postgresql":
            options = settings_dict.setdefault("OPTIONS", {})
            options["options"] = (
                options.get("options", "") + " -c basisbaan.allow_truncate=on"
            ).strip()


@pytest.fixture(scope="session", autouse=True)
def _session_clock() -> Iterator[None]:
    """Session and module fixtures (such as the demo) run on the pinned day too."""
    with time_machine.travel(at_ten(TODAY), tick=True):
        yield


@pytest.fixture
def today(request: pytest.FixtureRequest) -> dt.date:
    """The day the test runs on: :data:`TODAY`, or each day of the spread."""
    return getattr(request, "param", TODAY)


@pytest.fixture(autouse=True)
def _clock(today: dt.date) -> Iterator[None]:
    with time_machine.travel(at_ten(today), tick=True):
        yield


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """The test database, with the installation's pseudonym key read once.

    The key is read from the database at its first use in a process and kept:
    read here, no test pays that one query (query-count tests stay exact).
    """
    from basisbaan.participants.models import pseudonym_key

    with django_db_blocker.unblock():
        pseudonym_key()


@pytest.fixture(autouse=True)
def _fresh_audit_context() -> Iterator[None]:
    """Each test starts without a channel or request id left by another."""
    from basisbaan.audit.context import reset_channel, reset_request_id, set_channel, set_request_id

    channel, request_id = set_channel(""), set_request_id(None)
    yield
    reset_request_id(request_id)
    reset_channel(channel)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Tests log in often; the production hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _jobs_run_at_once(settings):
    """Background jobs run inside the request (no worker in tests), and their
    progress goes to memory. Tests of the queue itself override this again."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    settings.CACHES = {
        **settings.CACHES,
        "jobs": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "jobs"},
    }


@pytest.fixture(autouse=True)
def _fresh_throttle_counts() -> None:
    """API throttle counts live in the cache: each test starts with none used."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_answers(_jobs_run_at_once):
    """Cached forecasts are keyed by the data versions, which every test's rollback
    sets back: each test starts without the answers of the tests before."""
    from django.core.cache import caches

    caches["jobs"].clear()


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


def make_national_admin(municipality: Municipality, username: str = "landelijk") -> User:
    """A national administrator ("landelijk beheerder"): sets the national figures for
    every municipality; here with a researcher's membership to open the pages."""
    from django.contrib.auth.models import Permission

    user = make_member(municipality, Role.RESEARCHER, username=username)
    user.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="parameters", codename="change_parametervalue"
        )
    )
    return User.objects.get(pk=user.pk)  # a fresh instance: no cached permissions


@pytest.fixture
def national_admin(municipality) -> User:
    return make_national_admin(municipality)


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


@pytest.fixture
def verified_client_as():
    """``verified_client_as(user)``: like ``client_as``, with the session's second factor
    passed (an authenticator app made for ``user``), for tests with BASISBAAN_2FA
    required (``settings.TWO_FACTOR = "required"``)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    def _login(user: User) -> Client:
        device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        client = Client()
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
        return client

    return _login


__all__ = ["Membership"]


# Fixtures shared by the apps' trees; an app's conftest may define its own
# ``programme`` (with the dates its tests need) and takes precedence there.


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
def controller(municipality) -> User:
    return make_member(municipality, Role.CONTROLLER)


@pytest.fixture
def researcher(municipality) -> User:
    return make_member(municipality, Role.RESEARCHER)


@pytest.fixture
def admin_user(municipality) -> User:
    return make_member(municipality, Role.FUNCTIONAL_ADMIN)


@pytest.fixture
def admin(admin_user) -> User:
    return admin_user


@pytest.fixture
def outsider(other_municipality) -> User:
    """A programme manager of the other municipality."""
    return make_member(other_municipality, Role.PROGRAMME_MANAGER)


@pytest.fixture
def api_as():
    """``api_as(user)``: an APIClient logged in as ``user`` (session auth)."""
    from rest_framework.test import APIClient

    def _make(user: User) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return _make
