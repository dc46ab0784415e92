"""Outcomes in the demo as of the suite's day (18-11-2026): Dennis Bakker's
follow-ups, Emre Yıldız's drop-out, and Emmen's completed pilot 2024-2025.

A follow-up is on record (measured a week after its date) once the day is more
than 35 days past its date; the latest due one stays open (basisbaan.demo.outcomes).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from decimal import Decimal

import pytest

from basisbaan.contracts.constants import Decision
from basisbaan.contracts.models import ContractPeriod, RenewalDecision
from basisbaan.guidance.models import FeedbackSession, GuidanceSettings, HoursEntry
from basisbaan.outcomes.constants import Assistance, ExitKind, FollowUpStatus
from basisbaan.outcomes.models import Exit, FollowUp
from basisbaan.participants.constants import ExitReason, ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.payroll.models import PayrollEntry
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme

pytestmark = pytest.mark.django_db

D = dt.date
M = FollowUpStatus.MEASURED
N = FollowUpStatus.NOT_REACHABLE
O = FollowUpStatus.OPEN  # noqa: E741 - reads as the status' letter


def _follow_ups(demo, last_name):
    person = Participant.objects.get(municipality=demo, last_name=last_name)
    return {
        f.months: f
        for f in FollowUp.objects.filter(exit__participant=person, exit__kind=ExitKind.PROGRAMME)
    }


def test_dennis_bakkers_follow_ups(demo):
    """Exit 30-09-2025; due a month, 3, 6, 12 and 18 months later (30-10-2025 ...
    30-03-2027). 18-11-2026 is more than 35 days past the 12-month date
    (30-09-2026 + 35 = 04-11-2026): four on record, the 18-month one still to come."""
    ups = _follow_ups(demo, "Bakker")
    assert {m: (f.due_date, f.status) for m, f in ups.items()} == {
        1: (D(2025, 10, 30), M),
        3: (D(2025, 12, 30), N),
        6: (D(2026, 3, 30), M),
        12: (D(2026, 9, 30), M),
        18: (D(2027, 3, 30), O),
    }
    for months in (1, 6, 12):
        f = ups[months]
        assert f.measured_on == f.due_date + dt.timedelta(days=7)
        assert (f.works, f.hours_per_week, f.same_employer, f.assistance) == (
            True,
            Decimal("32.0"),
            True,
            Assistance.NONE,
        )
    assert ups[3].note == "Twee keer gebeld, geen gehoor."
    assert ups[3].measured_on == D(2026, 1, 6)  # 30-12-2025 + 7


def test_emre_yildiz_drops_out_on_his_own_choice(demo):
    """No LKS, transition track; his contract is not renewed after its third
    period (notice six weeks before 30-04-2026: 19-03-2026), so the payroll stops
    after April 2026 and he leaves on the period's last day."""
    emre = Participant.objects.get(municipality=demo, last_name="Yıldız")
    assert (emre.status, emre.exit_date, emre.exit_reason) == (
        ParticipantStatus.EXITED,
        D(2026, 4, 30),
        ExitReason.OWN_CHOICE,
    )
    placement = Placement.objects.get(participant=emre)
    assert placement.end_date == D(2026, 4, 30)
    periods = ContractPeriod.objects.filter(contract__participant=emre).order_by("sequence")
    assert [(p.start_date, p.end_date) for p in periods] == [
        (D(2024, 11, 1), D(2025, 4, 30)),
        (D(2025, 5, 1), D(2025, 10, 31)),
        (D(2025, 11, 1), D(2026, 4, 30)),
    ]
    last = RenewalDecision.objects.get(period=periods[2])
    assert (last.decision, last.notice_sent_on) == (Decision.NOT_RENEW, D(2026, 3, 19))
    paid = PayrollEntry.objects.filter(participant=emre).values_list("period", flat=True)
    assert max(paid) == D(2026, 4, 1)
    exit = Exit.objects.get(participant=emre)
    assert (exit.kind, exit.spell, exit.spell_start, exit.employer) == (
        ExitKind.PROGRAMME,
        1,
        D(2024, 11, 1),
        "",
    )


def test_emre_yildiz_follow_ups(demo):
    """Due 30-05, 30-07 and 30-10-2026: the first two on record, the 6-month one
    open (18-11-2026 is 19 days past it) and on the caseworker's worklist."""
    ups = _follow_ups(demo, "Yıldız")
    assert {m: (f.due_date, f.status) for m, f in ups.items()} == {
        1: (D(2026, 5, 30), M),
        3: (D(2026, 7, 30), N),
        6: (D(2026, 10, 30), O),
        12: (D(2027, 4, 30), O),
        18: (D(2027, 10, 30), O),
    }
    assert (ups[1].works, ups[1].assistance, ups[1].measured_on) == (
        False,
        Assistance.FULL,
        D(2026, 6, 6),
    )


def test_the_letters_working_count_at_the_suites_day(demo):
    """16 started; Dennis Bakker (work) and Emre Yıldız (own choice) left: 14 at work."""
    placed = Participant.objects.filter(municipality=demo, status=ParticipantStatus.PLACED)
    assert placed.count() == 14
    assert Exit.objects.filter(municipality=demo).count() == 2


# -- Emmen's completed pilot ---------------------------------------------------------------


@pytest.fixture
def pilot(demo):
    return Programme.objects.get(municipality__slug="emmen", slug="pilot-2024-2025")


def test_the_pilot_is_completed_with_40_participants(pilot):
    assert (pilot.name, pilot.start_date, pilot.end_date) == (
        "Pilot basisbanen Emmen 2024-2025",
        D(2024, 1, 1),
        D(2025, 12, 31),
    )
    assert pilot.intake_open is False  # closed with the pilot's end
    people = Participant.objects.filter(programme=pilot)
    assert people.count() == 40
    assert set(people.values_list("status", flat=True)) == {ParticipantStatus.EXITED}
    assert people.filter(social_assistance_start__isnull=True).count() == 3
    assert len(set(people.values_list("household_type", flat=True))) == 4
    # 40 first placements and the one second spell; every placement has ended.
    placements = Placement.objects.filter(participant__programme=pilot)
    assert placements.count() == 41
    assert not placements.filter(end_date__isnull=True).exists()
    starts = sorted(set(placements.values_list("start_date", flat=True)))
    assert starts[0] == D(2024, 1, 1) and starts[-1] == D(2025, 6, 1)


def test_the_pilots_exits_by_reason(pilot):
    """19 left before the end (one of them came back), 22 with the end."""
    exits = Exit.objects.filter(programme=pilot)
    assert set(exits.values_list("kind", flat=True)) == {ExitKind.PROGRAMME}
    assert Counter(exits.values_list("reason", flat=True)) == {
        ExitReason.REGULAR_WORK_HOST: 5,
        ExitReason.REGULAR_WORK_ELSEWHERE: 5,
        ExitReason.EDUCATION: 2,
        ExitReason.OWN_CHOICE: 3,
        ExitReason.HEALTH: 2,
        ExitReason.MOVED: 1,
        ExitReason.DISMISSAL: 1,
        ExitReason.PROGRAMME_ENDED: 22,  # 21 who stayed + the second spell
    }
    ended = exits.filter(reason=ExitReason.PROGRAMME_ENDED)
    assert set(ended.values_list("exit_date", flat=True)) == {D(2025, 12, 31)}
    work = exits.filter(
        reason__in=[ExitReason.REGULAR_WORK_HOST, ExitReason.REGULAR_WORK_ELSEWHERE]
    )
    for exit in work.select_related("placement__position__host"):
        assert exit.employer and exit.contract_type and exit.wage_band
        assert Decimal(24) <= exit.hours_per_week <= Decimal(36)
        if exit.reason == ExitReason.REGULAR_WORK_HOST:
            assert exit.employer == exit.placement.position.host.name
    # Every early exit ends a placement on the last day of a contract period.
    for exit in exits.exclude(reason=ExitReason.PROGRAMME_ENDED):
        assert ContractPeriod.objects.filter(
            contract__placement=exit.placement, end_date=exit.exit_date
        ).exists()


def test_the_returning_participant_has_two_spells(pilot):
    """Left on her own choice after the first half year, referred again four months
    later, placed again on 01-01-2025, and left with the pilot's end."""
    person = Participant.objects.get(programme=pilot, exits__spell=2)
    spells = list(
        Exit.objects.filter(participant=person)
        .order_by("spell")
        .values_list("spell", "exit_date", "reason", "spell_start")
    )
    assert spells == [
        (1, D(2024, 6, 30), ExitReason.OWN_CHOICE, D(2024, 1, 1)),
        (2, D(2025, 12, 31), ExitReason.PROGRAMME_ENDED, D(2025, 1, 1)),
    ]
    assert sorted(person.placements.values_list("start_date", "end_date")) == [
        (D(2024, 1, 1), D(2024, 6, 30)),
        (D(2025, 1, 1), D(2025, 12, 31)),
    ]


def test_the_pilots_follow_ups_recorded_and_open(pilot):
    """Every exit plans five measurements (41 exits: 205). On 18-11-2026 everything
    more than 35 days past its date is on record; the 12-month ones of the 22 who
    left on 31-12-2025 (due 31-12-2026) and later ones are still open."""
    ups = FollowUp.objects.filter(exit__programme=pilot)
    assert ups.count() == 41 * 5
    counts = Counter(ups.values_list("months", "status"))
    assert counts == {
        (1, M): 41,
        (3, M): 40,
        (3, N): 1,
        (6, M): 38,
        (6, N): 3,
        (12, M): 14,
        (12, N): 3,
        (12, O): 24,
        (18, M): 8,
        (18, O): 33,
    }
    recorded = ups.exclude(status=O)
    assert all(f.measured_on == f.due_date + dt.timedelta(days=7) for f in recorded)
    # On the worklist (due from 14 days before): two 12-month measurements due 30-11-2026.
    due = ups.filter(status=O, due_date__lte=D(2026, 11, 18) + dt.timedelta(days=14))
    assert sorted(due.values_list("months", "due_date")) == [(12, D(2026, 11, 30))] * 2


def test_exits_to_work_mostly_still_work(pilot):
    """Of the ten who left for work, 8 work at 6 months (all measured); at 18 months
    the five measured so far: 4 work."""
    ups = FollowUp.objects.filter(
        exit__programme=pilot,
        exit__reason__in=[ExitReason.REGULAR_WORK_HOST, ExitReason.REGULAR_WORK_ELSEWHERE],
        status=M,
    )
    assert Counter(ups.filter(months=6).values_list("works", flat=True)) == {True: 8, False: 2}
    assert Counter(ups.filter(months=18).values_list("works", flat=True)) == {True: 4, False: 1}
    partial = FollowUp.objects.filter(exit__programme=pilot, assistance=Assistance.PARTIAL)
    assert partial.exists()
    assert not partial.filter(assistance_amount__isnull=True).exists()


def test_the_pilots_guidance(pilot):
    """The hourly rate of the business case, hours per week for every placement, and
    feedback sessions whose well-being and finances scores improve a little."""
    settings = GuidanceSettings.objects.get(programme=pilot)
    assert (settings.hourly_rate, settings.rate_source) == (
        Decimal("68.00"),
        "Demo: aangenomen intern tarief",
    )
    hours = HoursEntry.objects.filter(participant__programme=pilot)
    assert hours.values("participant").distinct().count() == 40
    assert max(hours.values_list("date", flat=True)) <= D(2025, 12, 31)
    sessions = FeedbackSession.objects.filter(placement__participant__programme=pilot)
    assert sessions.count() == sessions.filter(status="held").count() > 300

    def mean(field, **days):
        values = list(sessions.filter(**days).values_list(field, flat=True))
        return sum(values) / len(values)

    for field in ("score_wellbeing", "score_finances"):
        first, last = (
            mean(field, held_on__lt=D(2024, 7, 1)),
            mean(field, held_on__gte=D(2025, 7, 1)),
        )
        assert first + 0.3 < last < first + 2
