"""Regions for the tests: a region with members, a regional user, and small
programmes with figures that are known by hand. The suite's today is 18 November 2026.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.utils import timezone

from basisbaan.budgets.services import budget_create, expenditure_create
from basisbaan.guidance import services as guidance
from basisbaan.hosts.constants import Track
from basisbaan.outcomes.models import FollowUp
from basisbaan.outcomes.services import exit_record, follow_up_record
from basisbaan.participants.constants import ExitReason
from basisbaan.regions.constants import DEFINITION_VERSION
from basisbaan.regions.models import Region, SharedFigures
from basisbaan.regions.services import region_add_member, region_create, region_grant_access
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import PlacementFactory, ProgrammeFactory, UserFactory

TODAY = dt.date(2026, 11, 18)


def make_region(slug: str, name: str, *members: Municipality, threshold: int = 5) -> Region:
    region = region_create(actor=None, name=name, slug=slug, threshold=threshold)
    for municipality in members:
        region_add_member(actor=None, region=region, municipality=municipality)
    return region


def make_regional_user(region: Region, username: str = "regionaal") -> User:
    """A user without any municipality membership, with access to ``region``."""
    user = UserFactory(username=username, first_name="Jorien", last_name="Dijkstra")
    region_grant_access(actor=None, region=region, user=user)
    return user


def counts(**given: int) -> dict[str, int]:
    """A consistent set of shared counts from the published ones: the helpers (the
    rest of each total) follow."""
    c = {
        "started": 0,
        "started_transition": 0,
        "started_social": 0,
        "active": 0,
        "working": 0,
        "exited": 0,
        "exits_work": 0,
        "ret12_eligible": 0,
        "ret12_retained": 0,
        "fu6_measured": 0,
        "fu6_working": 0,
        "placements_running": 0,
        "cadence_kept": 0,
    } | given
    c["between"] = c["active"] - c["working"]
    c["exits_other"] = c["exited"] - c["exits_work"]
    c["ret12_not"] = c["ret12_eligible"] - c["ret12_retained"]
    c["fu6_not"] = c["fu6_measured"] - c["fu6_working"]
    c["cadence_overdue"] = c["placements_running"] - c["cadence_kept"]
    return c


def set_figures(
    programme,
    *,
    cost_cents: int = 0,
    participant_months: int = 0,
    guidance_hundredths: int = 0,
    as_of: dt.date = TODAY,
    **given: int,
) -> SharedFigures:
    """Store ``programme``'s shared figures as given (what a refresh would store)."""
    row, _created = SharedFigures.objects.update_or_create(
        programme=programme,
        defaults={
            "municipality": programme.municipality,
            "version": DEFINITION_VERSION,
            "as_of": as_of,
            "computed_at": timezone.now(),
            "counts": counts(**given),
            "cost_cents": cost_cents,
            "participant_months": participant_months,
            "guidance_hundredths": guidance_hundredths,
        },
    )
    return row


@pytest.fixture
def hand_built(municipality):
    """A programme whose shared figures are known by hand (see test_services).

    Four placed on 1 July 2024 (transition), one on 6 January 2025 (social value).
    The first left for regular work elsewhere on 30 June 2025 and worked at the
    6-month follow-up. Two running placements had a feedback session held on
    2 November 2026, two none (overdue at a 6-week rhythm). Guidance hours:
    1.5 + 2.25 before November 2026 and 4 in November (not counted). EUR 1,000
    of research booked in 2025.
    """
    programme = ProgrammeFactory(municipality=municipality, name="Basisbanen Handwerk")
    coach = make_member(municipality, Role.JOBCOACH, username="coach-hand")
    placements = [
        PlacementFactory(participant__programme=programme, start_date=dt.date(2024, 7, 1))
        for _ in range(4)
    ]
    placements.append(
        PlacementFactory(
            participant__programme=programme,
            start_date=dt.date(2025, 1, 6),
            track=Track.SOCIAL_VALUE,
            position__track=Track.SOCIAL_VALUE,
        )
    )
    leaver = placements[0]
    exit = exit_record(
        municipality=municipality,
        actor=None,
        participant=leaver.participant,
        exit_date=dt.date(2025, 6, 30),
        reason=ExitReason.REGULAR_WORK_ELSEWHERE,
        leaves_programme=True,
        employer="Bakkerij Van der Meer",
        hours_per_week=Decimal("32"),
        contract_type="permanent",
        wage_band="minimum",
    )
    follow_up_record(
        follow_up=FollowUp.objects.get(exit=exit, months=6),
        actor=None,
        today=TODAY,
        measured_on=dt.date(2025, 12, 31),
        reachable=True,
        works=True,
        hours_per_week=Decimal("32"),
        same_employer=True,
        assistance="none",
    )
    for placement in placements[1:3]:
        session = guidance.feedback_session_plan(
            placement=placement, actor=coach, planned_date=dt.date(2026, 11, 2)
        )
        guidance.feedback_session_record(
            session=session,
            actor=coach,
            data={"held_on": dt.date(2026, 11, 2), "score_work": 4, "notes": "Gaat goed."},
        )
    for participant, day, hours in (
        (placements[1].participant, dt.date(2026, 3, 3), Decimal("1.5")),
        (placements[2].participant, dt.date(2026, 10, 30), Decimal("2.25")),
        (placements[3].participant, dt.date(2026, 11, 2), Decimal("4")),
    ):
        guidance.hours_entry_create(
            municipality=municipality,
            actor=coach,
            participant=participant,
            staff=coach,
            date=day,
            activity="coaching",
            hours=hours,
        )
    budget = budget_create(programme=programme, actor=None, year=2025, amount=Decimal("50000"))
    expenditure_create(
        budget=budget,
        actor=None,
        category="research",
        booked_on=dt.date(2025, 3, 1),
        amount=Decimal("1000"),
        description="Evaluatie",
    )
    return programme
