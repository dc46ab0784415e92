"""``basisbaan load_demo`` as a command: refused in production or with an as-of day it
cannot show; its wage table; no demo code reads the clock. (Loading itself, and
running it twice, is tested in test_demo_over_time.py and tests/demo/loaded/.)"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

import basisbaan.demo
from basisbaan.audit.models import AuditEntry
from basisbaan.demo.data import (
    MINIMUM_WAGE_HOURLY,
    minimum_wage_for_period,
    minimum_wage_on,
)
from basisbaan.demo.loader import DemoConflictError, load_demo
from basisbaan.demo.story import DemoDateError, last_full_month, parse_day
from basisbaan.parameters.seed import SEED
from basisbaan.participants.models import Participant
from basisbaan.tenancy.models import Municipality, User
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def _nothing_written() -> None:
    assert not Municipality.objects.exists()
    assert not User.objects.exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("as_of", "message"),
    [
        ("2025-06-29", "situatie van de raadsinformatiebrief (30-06-2025)"),
        ("2026-11-19", "ligt na vandaag (18-11-2026)"),
        ("2026-13-01", "Ongeldige datum '2026-13-01'"),
    ],
)
def test_refuses_a_day_it_cannot_show(settings, as_of, message):
    """Before the letter the story is fixed; after today the payroll and hours do not
    exist yet; and a day must be a date. Nothing is written."""
    settings.DEBUG = True
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("load_demo", "--as-of", as_of, stdout=StringIO(), stderr=StringIO())
    _nothing_written()


def test_the_loader_takes_the_day_explicitly():
    with pytest.raises(DemoDateError, match="30-06-2025"):
        load_demo(as_of=dt.date(2025, 1, 1))
    _nothing_written()


def test_days_are_read_in_both_ways_and_months_end_before_the_day():
    assert parse_day("2025-06-30") == parse_day("30-06-2025") == dt.date(2025, 6, 30)
    assert last_full_month(dt.date(2025, 6, 30)) == dt.date(2025, 5, 1)
    assert last_full_month(dt.date(2026, 1, 1)) == dt.date(2025, 12, 1)
    assert last_full_month(dt.date(2028, 2, 29)) == dt.date(2028, 1, 1)


def test_no_demo_code_reads_the_clock():
    """Only the commands' default for --as-of may read today: the loader and the
    generators take the day explicitly, so the same day gives the same demo."""
    root = Path(basisbaan.demo.__file__).parent
    clock = re.compile(r"localdate\(|timezone\.now\(|date\.today\(|datetime\.now\(|time\.time\(")
    readers = {
        str(path.relative_to(root))
        for path in root.rglob("*.py")
        if clock.search(path.read_text(encoding="utf-8"))
    }
    assert readers == {
        "management/commands/load_demo.py",
        "management/commands/generate_data.py",
    }


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


def test_refuses_when_groningen_exists_without_the_rest_of_the_demo():
    """Groningen made by hand (the demo not loaded): the loader refuses, nothing else
    is written."""
    Municipality.objects.create(name="Groningen", slug="groningen", cbs_code="GM0014")
    with pytest.raises(DemoConflictError, match="'groningen' bestaat al"), unchanged():
        load_demo(as_of=dt.date(2025, 6, 30))
    assert list(Municipality.objects.values_list("slug", flat=True)) == ["groningen"]
