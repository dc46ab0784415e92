"""``basisbaan load_demo`` as a command: idempotent, refused in production; its wage table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from basisbaan.audit.models import AuditEntry
from basisbaan.contracts.models import Contract, ContractPeriod, RenewalDecision
from basisbaan.demo.data import (
    MINIMUM_WAGE_HOURLY,
    minimum_wage_for_period,
    minimum_wage_on,
)
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.parameters.seed import SEED
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Membership, Municipality, User
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def load(settings) -> str:
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = FAST_HASHER
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (
        Municipality,
        User,
        Membership,
        Programme,
        Host,
        HostContact,
        Position,
        Participant,
        Placement,
        Contract,
        ContractPeriod,
        RenewalDecision,
        AuditEntry,
    )
    return {m.__name__: m.objects.count() for m in models}


def test_running_twice_changes_nothing(settings):
    first = load(settings)
    assert "Demogegevens geladen" in first
    assert "consulent-2" in first
    before = counts()
    second = load(settings)
    assert "al geladen" in second
    assert counts() == before


def test_refuses_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="productieomgeving") as excinfo, unchanged():
        call_command("load_demo", stdout=StringIO())
    assert excinfo.value.returncode == 1
    assert not Municipality.objects.exists()
    assert not Participant.objects.exists()


def test_minimum_wage_table():
    assert minimum_wage_on(dt.date(2024, 7, 1)) == Decimal("13.68")
    assert minimum_wage_on(dt.date(2024, 12, 31)) == Decimal("13.68")
    assert minimum_wage_on(dt.date(2025, 1, 1)) == Decimal("14.06")
    assert minimum_wage_on(dt.date(2025, 7, 1)) == Decimal("14.40")
    assert minimum_wage_on(dt.date(2026, 1, 1)) == Decimal("14.71")
    assert [d for d, _ in MINIMUM_WAGE_HOURLY] == sorted(d for d, _ in MINIMUM_WAGE_HOURLY)
    with pytest.raises(ValueError):
        minimum_wage_on(dt.date(2023, 12, 31))
    # A period across a rise must pay the higher amount from its first day.
    assert minimum_wage_for_period(dt.date(2024, 7, 15), dt.date(2025, 1, 14)) == Decimal("14.06")
    assert minimum_wage_for_period(dt.date(2024, 7, 1), dt.date(2024, 12, 31)) == Decimal("13.68")
    assert minimum_wage_for_period(dt.date(2025, 2, 1), dt.date(2026, 1, 31)) == Decimal("14.71")


def test_wage_table_agrees_with_the_parameter_seed():
    """The demo's own WML table (until it reads the parameter tables) matches the seed."""
    seeded = {(day, value) for key, day, value, _source in SEED if key == "minimum_wage_hourly"}
    assert set(MINIMUM_WAGE_HOURLY) <= seeded
