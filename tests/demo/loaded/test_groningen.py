"""Groningen in the demo as of the suite's day (18-11-2026): 250 synthetic participants
written in bulk (basisbaan.demo.groningen), their dates consistent, the outcome
report's headline figures published, guidance with three placements overdue."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import call_command
from django.db.models import Max, Sum

from basisbaan.calc.dates import MAX_HOURS_PER_DAY, add_months
from basisbaan.contracts.constants import Decision
from basisbaan.contracts.models import Contract, ContractPeriod, RenewalDecision
from basisbaan.demo.data import minimum_wage_for_period
from basisbaan.demo.groningen import FIRST_START, start_days
from basisbaan.guidance.constants import SessionStatus
from basisbaan.guidance.models import FeedbackSession, HoursEntry
from basisbaan.guidance.selectors import guidance_attention
from basisbaan.hosts.constants import Track
from basisbaan.hosts.models import Host, Position
from basisbaan.outcomes.constants import ExitKind, FollowUpStatus
from basisbaan.outcomes.figures import outcome_report
from basisbaan.outcomes.models import Exit, FollowUp
from basisbaan.participants.constants import WORK_REASONS, ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Membership, Municipality
from basisbaan.tenancy.roles import Role
from tests.conftest import TODAY
from tests.demo.story import FAST_HASHER
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

D = dt.date
PROGRAMME_END = D(2028, 12, 31)


@pytest.fixture
def groningen(demo_output) -> Municipality:
    return Municipality.objects.get(slug="groningen")


@pytest.fixture
def programme(groningen) -> Programme:
    return Programme.objects.get(municipality=groningen)


def test_the_municipality_its_programme_and_users(groningen, programme, demo_output):
    assert (groningen.name, groningen.cbs_code) == ("Groningen", "GM0014")
    assert (programme.name, programme.start_date, programme.end_date) == (
        "Basisbanen Groningen",
        D(2023, 7, 1),
        PROGRAMME_END,
    )
    assert programme.intake_open
    roles = dict(
        Membership.objects.filter(municipality=groningen).values_list("user__username", "role")
    )
    assert roles["programmamanager-3"] == Role.PROGRAMME_MANAGER
    assert roles["consulent-3"] == Role.CASEWORKER
    assert roles["jobcoach-3"] == Role.JOBCOACH
    assert len(roles) == 9  # the three demo logins and six coaches without one
    assert "programmamanager-3 Programmamanager                 Groningen" in demo_output
    assert "Groningen: Basisbanen Groningen (instroom open); 10 werkgevers, 250 deelnemers" in (
        demo_output
    )
    tracks = set(Position.objects.filter(municipality=groningen).values_list("track", flat=True))
    assert tracks == {Track.TRANSITION, Track.SOCIAL_VALUE}
    assert Host.objects.filter(municipality=groningen).count() == 10


def test_250_participants_238_started_in_a_ramp_up(groningen, programme):
    people = Participant.objects.filter(municipality=groningen, programme=programme)
    assert people.count() == 250
    assert len(set(people.values_list("bsn", flat=True))) == 250
    statuses = Counter(people.values_list("status", flat=True))
    assert statuses[ParticipantStatus.REFERRED] == 3
    assert statuses[ParticipantStatus.INTAKE] == 3
    assert statuses[ParticipantStatus.WAITING] == 6
    assert statuses[ParticipantStatus.PLACED] + statuses[ParticipantStatus.EXITED] == 238
    assert statuses[ParticipantStatus.PLACED] > 150
    assert 40 < statuses[ParticipantStatus.EXITED] < 100
    starts = sorted(
        Placement.objects.filter(municipality=groningen).values_list("start_date", flat=True)
    )
    assert len(starts) == 238
    assert starts[0] >= FIRST_START
    assert starts[-1] <= TODAY - dt.timedelta(weeks=3)
    middle = FIRST_START + (TODAY - FIRST_START) / 2
    assert sum(s >= middle for s in starts) > sum(s < middle for s in starts)  # a ramp up


def test_every_participants_dates_are_consistent(groningen, programme):
    periods: dict[int, list[ContractPeriod]] = defaultdict(list)
    for period in ContractPeriod.objects.filter(municipality=groningen).order_by(
        "contract_id", "sequence"
    ):
        periods[period.contract_id].append(period)
    decisions = {d.period_id: d for d in RenewalDecision.objects.filter(municipality=groningen)}
    exits = {e.participant_id: e for e in Exit.objects.filter(municipality=groningen)}
    contracts = {c.placement_id: c for c in Contract.objects.filter(municipality=groningen)}
    placements = Placement.objects.filter(municipality=groningen).select_related("participant")
    for placement in placements:
        person = placement.participant
        assert person.date_of_birth < (person.social_assistance_start or TODAY)
        assert programme.start_date <= placement.start_date <= TODAY
        contract = contracts[placement.pk]
        rows = periods[contract.pk]
        assert [p.sequence for p in rows] == list(range(1, len(rows) + 1))
        assert rows[0].start_date == placement.start_date
        for before, after in zip(rows, rows[1:], strict=False):
            assert after.start_date == before.end_date + dt.timedelta(days=1)
            decision = decisions[before.pk]
            assert decision.next_period_id == after.pk
            assert decision.notice_sent_on == before.end_date - dt.timedelta(weeks=6)
            assert decision.notice_sent_on <= TODAY
        for period in rows:
            assert period.start_date <= period.end_date <= PROGRAMME_END
            assert period.hourly_wage >= minimum_wage_for_period(period.start_date, period.end_date)
        if contract.is_permanent:
            assert len(rows) == 4
            assert contract.permanent_from == rows[3].start_date
            assert rows[3].end_date == PROGRAMME_END
            assert decisions[rows[2].pk].decision == Decision.PERMANENT
        else:
            assert len(rows) <= 3
        last = rows[-1]
        if last.pk in decisions:  # decided: renewal refused (a decision to renew has a period)
            assert decisions[last.pk].decision == Decision.NOT_RENEW
        elif not contract.is_permanent:
            assert last.end_date - dt.timedelta(weeks=6) > TODAY  # not due yet
        if person.status == ParticipantStatus.EXITED:
            exit = exits[person.pk]
            assert placement.end_date == person.exit_date == exit.exit_date == last.end_date
            assert exit.exit_date < TODAY
            assert (exit.reason, exit.kind, exit.spell) == (person.exit_reason, "programme", 1)
            assert exit.spell_start == placement.start_date
            assert decisions[last.pk].decision == Decision.NOT_RENEW
            assert bool(exit.employer) == (exit.reason in WORK_REASONS)
        else:
            assert person.status == ParticipantStatus.PLACED
            assert placement.end_date is None and person.exit_date is None
            # A period runs today (the next one too, once its renewal is decided).
            assert any(p.start_date <= TODAY <= p.end_date for p in rows)
    for follow_up in FollowUp.objects.filter(municipality=groningen).select_related("exit"):
        exit = follow_up.exit
        assert follow_up.due_date == add_months(exit.exit_date, follow_up.months)
        if follow_up.status == FollowUpStatus.OPEN:
            assert follow_up.measured_on is None
            assert follow_up.due_date + dt.timedelta(days=35) >= TODAY
        else:
            assert follow_up.measured_on == follow_up.due_date + dt.timedelta(days=7)
            assert follow_up.measured_on <= TODAY
    ends = {p.pk: (p.start_date, p.end_date or TODAY) for p in placements}
    for session in FeedbackSession.objects.filter(municipality=groningen):
        first, last_day = ends[session.placement_id]
        if session.status == SessionStatus.HELD:
            assert first <= session.held_on <= min(last_day, TODAY)
    spans = {p.participant_id: ends[p.pk] for p in placements}
    for participant_id, day in HoursEntry.objects.filter(municipality=groningen).values_list(
        "participant_id", "date"
    ):
        first, last_day = spans[participant_id]
        assert first <= day <= min(last_day, TODAY)


def test_positions_are_not_over_filled(groningen):
    for position in Position.objects.filter(municipality=groningen):
        running = Placement.objects.filter(position=position, start_date__lte=TODAY).exclude(
            end_date__lt=TODAY
        )
        assert running.count() <= position.places


def test_exits_and_follow_ups(groningen, programme):
    exits = Exit.objects.filter(municipality=groningen, kind=ExitKind.PROGRAMME)
    reasons = Counter(exits.values_list("reason", flat=True))
    to_work = sum(n for reason, n in reasons.items() if reason in WORK_REASONS)
    assert 0.3 < to_work / exits.count() < 0.6  # some to work, some other
    assert len(reasons) >= 5
    follow_ups = FollowUp.objects.filter(municipality=groningen)
    assert follow_ups.count() == 5 * exits.count()
    due = follow_ups.filter(due_date__lt=TODAY - dt.timedelta(days=35))
    statuses = Counter(due.values_list("status", flat=True))
    assert statuses[FollowUpStatus.OPEN] == 0
    assert statuses[FollowUpStatus.MEASURED] > 4 * statuses[FollowUpStatus.NOT_REACHABLE] > 0


def test_the_outcome_report_publishes_its_headline_figures(groningen, programme):
    report = outcome_report(programme, as_of=TODAY)
    placed = Participant.objects.filter(programme=programme, status=ParticipantStatus.PLACED)
    exits = Exit.objects.filter(programme=programme, kind=ExitKind.PROGRAMME).count()
    assert report.cell("started", 0).value == 238
    assert report.cell("active", 0).value == placed.count()
    assert report.cell("working", 0).value == placed.count()
    assert report.cell("exited", 0).value == exits
    for name in ("started", "active", "working", "exited"):
        for column in (0, 1, 2):
            cell = report.cell(name, column)
            assert cell.shown and cell.value > 0, (name, column)
    assert report.average_hours(0) is not None


def test_guidance_hours_sessions_and_three_overdue(groningen, programme):
    assert guidance_attention(municipality=groningen, today=TODAY)["overdue_sessions"] == 3
    held = FeedbackSession.objects.filter(municipality=groningen, status=SessionStatus.HELD)
    assert held.count() > 1000
    assert not held.filter(score_work__isnull=True).exists()
    planned = FeedbackSession.objects.filter(municipality=groningen, status=SessionStatus.PLANNED)
    running = Placement.objects.filter(municipality=groningen, end_date__isnull=True).count()
    assert planned.count() == running
    assert planned.filter(planned_date__lte=TODAY).count() == 3  # the three behind
    per_staff_day = (
        HoursEntry.objects.filter(municipality=groningen)
        .values("staff_id", "date")
        .annotate(total=Sum("hours"))
        .aggregate(most=Max("total"))["most"]
    )
    assert per_staff_day <= MAX_HOURS_PER_DAY
    staff = set(HoursEntry.objects.filter(municipality=groningen).values_list("staff", flat=True))
    assert len(staff) == 8
    hours_2025 = HoursEntry.objects.filter(municipality=groningen, date__year=2025).aggregate(
        total=Sum("hours")
    )["total"]
    days = 0
    for start, end in Placement.objects.filter(municipality=groningen).values_list(
        "start_date", "end_date"
    ):
        first, last = max(start, D(2025, 1, 1)), min(end or D(2025, 12, 31), D(2025, 12, 31))
        days += max(0, (last - first).days + 1)
    per_year = hours_2025 / (Decimal(days) / 365)
    assert Decimal(55) < per_year < Decimal(90)  # about the norm of 70


def test_the_starts_are_the_same_for_the_same_day():
    assert start_days(TODAY, 238) == start_days(TODAY, 238)
    assert start_days(D(2025, 6, 30), 238)[-1] <= D(2025, 6, 9)


def test_a_second_load_changes_nothing(groningen, settings):
    settings.PASSWORD_HASHERS = FAST_HASHER
    out = StringIO()
    with unchanged():
        call_command("load_demo", "--as-of", TODAY.isoformat(), stdout=out)
    assert "al geladen" in out.getvalue()
