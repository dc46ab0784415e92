"""The demo's guidance: about 200 hours per participant per year in 2025 (pro
rata), sessions at the cadence with two placements overdue, open signals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import transaction
from django.db.models import Sum
from django.test.utils import override_settings
from django.utils import timezone

from basisbaan.calc import guidance as calc
from basisbaan.guidance.models import ClosedPeriod, FeedbackSession, HoursEntry, Signal
from basisbaan.guidance.selectors import guidance_attention, norm_report
from basisbaan.placements.models import Placement
from basisbaan.tenancy.models import Municipality
from tests.demo.test_load_demo import FAST_HASHER

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[Municipality]:
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=StringIO())
        yield Municipality.objects.get(slug="leeuwarden")
        transaction.set_rollback(True)


def test_about_200_hours_per_participant_year_in_2025(demo):
    """Hours of 2025 over the participant-years of 2025 (placement days / 365)."""
    hours = HoursEntry.objects.filter(municipality=demo, date__year=2025).aggregate(
        total=Sum("hours")
    )["total"]
    days = sum(
        calc.participation_days([(p.start_date, p.end_date)], D(2025, 1, 1), D(2025, 12, 31))
        for p in Placement.objects.filter(municipality=demo)
    )
    per_year = hours / (Decimal(days) / 365)
    assert hours == Decimal("3214.75")
    assert per_year.quantize(Decimal("0.1")) == Decimal("200.9")


def test_more_guidance_in_2024_and_less_in_2026(demo):
    report_2024 = norm_report(municipality=demo, year=2024, as_of=D(2024, 12, 31))
    report_2025 = norm_report(municipality=demo, year=2025, as_of=D(2025, 12, 31))
    ratio = {
        year: report.programmes[0].line.hours / report.programmes[0].line.norm_to_date
        for year, report in ((2024, report_2024), (2025, report_2025))
    }
    assert ratio[2024] > 1.05 > ratio[2025] > 0.95
    assert report_2025.programmes[0].cost is not None


def test_sessions_at_the_cadence_two_overdue_and_open_signals(demo):
    held = FeedbackSession.objects.filter(municipality=demo, status="held")
    assert held.count() > 16 * 8
    assert not held.filter(score_work__isnull=True).exists()
    attention = guidance_attention(municipality=demo, today=timezone.localdate())
    assert attention == {"open_signals": 2, "overdue_sessions": 2}
    assert Signal.objects.filter(municipality=demo).count() == 3
    assert ClosedPeriod.objects.filter(municipality=demo, month__year=2025).count() == 12
