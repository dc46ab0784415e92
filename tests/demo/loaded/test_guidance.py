"""The demo's guidance as of 18-11-2026: about 200 hours per participant per year in
2025 (pro rata), sessions at the cadence with two placements overdue, open signals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.db.models import Max, Sum

from basisbaan.calc import guidance as calc
from basisbaan.guidance.models import ClosedPeriod, FeedbackSession, HoursEntry, Signal
from basisbaan.guidance.selectors import guidance_attention, norm_report
from basisbaan.placements.models import Placement
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

D = dt.date


def test_about_200_hours_per_participant_year_in_2025(demo):
    """Hours of 2025 over the participant-years of 2025 (placement days / 365: fifteen
    whole years and Dennis Bakker's 273 days up to 30 September)."""
    hours = HoursEntry.objects.filter(municipality=demo, date__year=2025).aggregate(
        total=Sum("hours")
    )["total"]
    days = sum(
        calc.participation_days([(p.start_date, p.end_date)], D(2025, 1, 1), D(2025, 12, 31))
        for p in Placement.objects.filter(municipality=demo)
    )
    per_year = hours / (Decimal(days) / 365)
    assert days == 15 * 365 + 273
    assert hours == Decimal("3162.25")
    assert per_year.quantize(Decimal("0.1")) == Decimal("200.8")


def test_more_guidance_in_2024_and_less_in_2026(demo):
    reports = {
        2024: norm_report(municipality=demo, year=2024, as_of=D(2024, 12, 31)),
        2025: norm_report(municipality=demo, year=2025, as_of=D(2025, 12, 31)),
        2026: norm_report(municipality=demo, year=2026, as_of=TODAY),
    }
    ratio = {
        year: report.programmes[0].line.hours / report.programmes[0].line.norm_to_date
        for year, report in reports.items()
    }
    assert ratio[2024] > 1.05 > ratio[2025] > 0.95 > ratio[2026] > 0.75
    assert reports[2025].programmes[0].cost is not None


def test_sessions_at_the_cadence_two_overdue_and_open_signals(demo):
    """Sessions held every six weeks or a little sooner up to the as-of day, the next
    one planned; two placements behind (nothing held in the last ten weeks); signals
    raised every week or two, closed two to eight weeks later."""
    held = FeedbackSession.objects.filter(municipality=demo, status="held")
    assert held.count() > 16 * 8
    assert not held.filter(score_work__isnull=True).exists()
    assert held.aggregate(last=Max("held_on"))["last"] <= TODAY
    planned = FeedbackSession.objects.filter(municipality=demo, status="planned")
    assert planned.count() == 14 - 2  # the running placements, less the two behind
    assert all(day > TODAY for day in planned.values_list("planned_date", flat=True))
    attention = guidance_attention(municipality=demo, today=TODAY)
    assert attention == {"open_signals": 3, "overdue_sessions": 2}
    signals = Signal.objects.filter(municipality=demo)
    assert signals.filter(raised_on__gt=TODAY).count() == 0
    assert signals.count() == 87
    closed = ClosedPeriod.objects.filter(municipality=demo)
    assert closed.filter(month__year=2025).count() == 12
    # A month is closed once the month after it is over: up to September 2026.
    assert closed.aggregate(last=Max("month"))["last"] == D(2026, 9, 1)
