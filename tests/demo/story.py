"""Helpers for the demo tests: load the demo as of a day, and take a snapshot of
what it holds as plain values (so snapshots of different days can be compared
after their loads were rolled back).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from io import StringIO
from typing import Any

import time_machine

from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from basisbaan.budgets.models import Budget
from basisbaan.contracts.models import ContractPeriod, RenewalDecision
from basisbaan.contracts.worklist import attention_counts, decisions_due
from basisbaan.demo.story import last_full_month
from basisbaan.guidance.constants import SessionStatus
from basisbaan.guidance.models import ClosedPeriod, FeedbackSession, HoursEntry, Signal
from basisbaan.guidance.selectors import guidance_attention
from basisbaan.participants.models import Participant
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.placements.models import Placement
from basisbaan.reports.models import CouncilReport
from basisbaan.tenancy.models import Municipality
from tests.conftest import TODAY, at_ten

FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PROGRAMME_END = dt.date(2026, 12, 31)


def load_demo_as_of(as_of: dt.date) -> str:
    """``basisbaan load_demo --as-of`` (DEBUG on), with the clock on ``as_of`` when
    that is later than the suite's day; the command's output."""
    out = StringIO()
    clock = time_machine.travel(at_ten(as_of), tick=True) if as_of > TODAY else None
    with override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_HASHER):
        if clock is not None:
            clock.start()
        try:
            call_command("load_demo", "--as-of", as_of.isoformat(), stdout=out)
        finally:
            if clock is not None:
                clock.stop()
    return out.getvalue()


@contextmanager
def rolled_back() -> Iterator[None]:
    """A transaction that is rolled back at the end, whatever happens inside."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def budget_report() -> dict[Any, Any]:
    out = StringIO()
    call_command(
        "budget_report",
        municipality="leeuwarden",
        programme="pilot-2023-2026",
        format="json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    return {year["year"]: year for year in data["years"]} | {"programme": data["programme"]}


@dataclass
class Snapshot:
    """What the demo holds on one as-of day, as plain values keyed by BSN and date."""

    as_of: dt.date
    output: str = ""
    participants: dict[str, tuple[str, str, dt.date | None]] = field(default_factory=dict)
    placements: dict[str, tuple[dt.date, dt.date | None]] = field(default_factory=dict)
    periods: set[tuple[str, int, dt.date, dt.date, Decimal, Decimal]] = field(default_factory=set)
    decisions: set[tuple[str, int, str, dt.date | None]] = field(default_factory=set)
    entries: dict[tuple[str, dt.date], tuple[Decimal, Decimal]] = field(default_factory=dict)
    imports: list[tuple[str, str, bool, dt.date]] = field(default_factory=list)
    hours: set[tuple[str, str, dt.date, str, Decimal]] = field(default_factory=set)
    held: set[tuple[str, dt.date, int | None]] = field(default_factory=set)
    planned: set[tuple[str, dt.date]] = field(default_factory=set)
    signals: dict[tuple[str, dt.date, str], dt.date | None] = field(default_factory=dict)
    closed_months: list[dt.date] = field(default_factory=list)
    closed_years: list[int] = field(default_factory=list)
    report: dict[Any, Any] = field(default_factory=dict)
    attention: dict[str, dict[str, int]] = field(default_factory=dict)
    due: dict[str, list[tuple[str, dt.date, str]]] = field(default_factory=dict)
    running: dict[str, int] = field(default_factory=dict)
    # Leeuwarden's council reports: (title, as of, status, content hash, frozen figures).
    reports: list[tuple[str, dt.date, str, str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def last_month(self) -> dt.date:
        """The month whose payroll the demo should have last: the month before the
        as-of day, or the programme's last month."""
        return min(last_full_month(self.as_of), PROGRAMME_END.replace(day=1))


def take_snapshot(as_of: dt.date, output: str = "") -> Snapshot:
    """The Leeuwarden demo as the database holds it now, on ``as_of``."""
    town = Municipality.objects.get(slug="leeuwarden")
    shot = Snapshot(as_of=as_of, output=output)
    of_town = {"municipality": town}
    shot.participants = {
        p.bsn: (p.last_name, p.status, p.exit_date) for p in Participant.objects.filter(**of_town)
    }
    shot.placements = {
        bsn: (start, end)
        for bsn, start, end in Placement.objects.filter(**of_town).values_list(
            "participant__bsn", "start_date", "end_date"
        )
    }
    shot.periods = set(
        ContractPeriod.objects.filter(**of_town).values_list(
            "contract__participant__bsn",
            "sequence",
            "start_date",
            "end_date",
            "hours_per_week",
            "hourly_wage",
        )
    )
    shot.decisions = set(
        RenewalDecision.objects.filter(**of_town).values_list(
            "period__contract__participant__bsn", "period__sequence", "decision", "notice_sent_on"
        )
    )
    shot.entries = {
        (bsn, period): (total, hours)
        for bsn, period, total, hours in PayrollEntry.objects.filter(**of_town).values_list(
            "participant__bsn", "period", "total", "hours"
        )
    }
    shot.imports = [
        (i.file_name, i.status, i.is_correction, i.started_at.date())
        for i in PayrollImport.objects.filter(**of_town).order_by("started_at", "pk")
    ]
    shot.hours = set(
        HoursEntry.objects.filter(**of_town).values_list(
            "participant__bsn", "staff__username", "date", "activity", "hours"
        )
    )
    sessions = FeedbackSession.objects.filter(**of_town)
    shot.held = set(
        sessions.filter(status=SessionStatus.HELD).values_list(
            "placement__participant__bsn", "held_on", "score_work"
        )
    )
    shot.planned = set(
        sessions.filter(status=SessionStatus.PLANNED).values_list(
            "placement__participant__bsn", "planned_date"
        )
    )
    shot.signals = {
        (bsn, raised_on, description): closed_at.date() if closed_at else None
        for bsn, raised_on, description, closed_at in Signal.objects.filter(**of_town).values_list(
            "participant__bsn", "raised_on", "description", "closed_at"
        )
    }
    shot.closed_months = sorted(
        ClosedPeriod.objects.filter(**of_town).values_list("month", flat=True)
    )
    shot.closed_years = sorted(
        Budget.objects.filter(**of_town, closed_at__isnull=False).values_list("year", flat=True)
    )
    shot.report = budget_report()
    shot.reports = list(
        CouncilReport.objects.filter(**of_town)
        .order_by("as_of", "number")
        .values_list("title", "as_of", "status", "content_hash", "figures")
    )
    for municipality in Municipality.objects.all():
        shot.attention[municipality.slug] = guidance_attention(
            municipality=municipality, today=as_of
        ) | attention_counts(municipality, as_of)
        shot.running[municipality.slug] = (
            Placement.objects.filter(municipality=municipality, start_date__lte=as_of)
            .exclude(end_date__lt=as_of)
            .count()
        )
        shot.due[municipality.slug] = [
            (d.participant.last_name, d.period.end_date, str(d.status))
            for d in decisions_due(municipality=municipality, today=as_of)
        ]
    return shot


def months(first: dt.date, last: dt.date) -> list[dt.date]:
    result = []
    month = first
    while month <= last:
        result.append(month)
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return result


def assert_a_plausible_present(shot: Snapshot) -> None:
    """The invariants of every as-of day: payroll up to the month before it without
    a gap, the import list's latest month that month, hours and sessions up to the
    day, nothing dated after it."""
    as_of = shot.as_of
    paid = sorted({period for _bsn, period in shot.entries})
    assert paid == months(dt.date(2024, 7, 1), shot.last_month)
    newest = max(
        dt.date.fromisoformat(f"{name.removeprefix('leeuwarden-')[:7]}-01")
        for name, _status, _correction, _day in shot.imports
    )
    assert newest == shot.last_month
    assert all(status == "imported" for _name, status, _c, _day in shot.imports)
    assert max(day for *_rest, day in shot.imports) <= as_of
    days = [day for _b, _s, day, _a, _h in shot.hours]
    assert max(days) <= as_of
    assert max(days) >= min(as_of, PROGRAMME_END) - dt.timedelta(days=7)
    assert max(day for _b, day, _s in shot.held) <= as_of
    assert all(day > as_of for _b, day in shot.planned)
    assert all(raised <= as_of for _b, raised, _d in shot.signals)
    assert all(closed is None or closed <= as_of for closed in shot.signals.values())
    assert all(notice is not None and notice <= as_of for *_rest, notice in shot.decisions)
