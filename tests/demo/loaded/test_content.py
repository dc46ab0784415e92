"""What ``basisbaan load_demo`` loads: the Leeuwarden pilot of the council letter and
a small Emmen programme, through the services, as of the suite's day (18-11-2026).

The demo is the package's (``tests/demo/loaded/conftest.py``); every test runs in
its own savepoint inside it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from stdnum.nl import bsn as stdnum_bsn

from django.utils import timezone

from basisbaan.audit.models import AuditEntry
from basisbaan.calc.dates import period_end
from basisbaan.contracts.constants import Decision
from basisbaan.contracts.models import Contract, ContractPeriod, RenewalDecision
from basisbaan.demo.data import (
    DENNIS_LEAVES,
    LEEUWARDEN_INTAKE_CLOSED_REASON,
    demo_bsns,
    minimum_wage_for_period,
)
from basisbaan.hosts.constants import HostKind, Track
from basisbaan.hosts.models import Host
from basisbaan.participants.constants import ExitReason, ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Role

pytestmark = pytest.mark.django_db

PROGRAMME_END = dt.date(2026, 12, 31)


def test_fourteen_placed_one_left_for_regular_work_one_dropped_out(demo):
    """The letter's sixteen started in 2024; after the letter Dennis Bakker's contract
    was not renewed: he went to regular work at his host on 1 October 2025. Emre
    Yıldız stopped on his own choice on 30-04-2026 (tests/demo/loaded/test_outcomes.py)."""
    placed = Participant.objects.filter(municipality=demo, status=ParticipantStatus.PLACED)
    assert placed.count() == 14
    active = Placement.objects.filter(municipality=demo, end_date__isnull=True)
    assert active.count() == 14
    assert set(active.values_list("participant_id", flat=True)) == set(
        placed.values_list("pk", flat=True)
    )
    starts = sorted(
        Placement.objects.filter(municipality=demo).values_list("start_date", flat=True)
    )
    assert len(starts) == 16
    assert dt.date(2024, 7, 1) <= starts[0] and starts[-1] <= dt.date(2024, 12, 1)
    dennis = Participant.objects.get(municipality=demo, last_name="Bakker")
    assert (dennis.status, dennis.exit_date, dennis.exit_reason) == (
        ParticipantStatus.EXITED,
        dt.date(2025, 9, 30),
        ExitReason.REGULAR_WORK_HOST,
    )
    assert timezone.localtime(dennis.status_changed_at).date() == dt.date(2025, 9, 30)
    assert dennis.placements.get().end_date == dt.date(2025, 9, 30)
    decision = RenewalDecision.objects.get(
        period__contract__participant=dennis, decision="not_renew"
    )
    assert decision.reason == DENNIS_LEAVES
    assert (decision.period.sequence, decision.notice_sent_on) == (2, dt.date(2025, 8, 19))


def test_both_tracks_and_six_with_wage_subsidy(demo):
    tracks = list(Placement.objects.filter(municipality=demo).values_list("track", flat=True))
    assert tracks.count(Track.TRANSITION) == 9
    assert tracks.count(Track.SOCIAL_VALUE) == 7
    contracts = Contract.objects.filter(municipality=demo)
    assert contracts.count() == 16
    assert contracts.filter(wage_subsidy=True).count() == 6
    assert set(contracts.values_list("employer_name", flat=True)) == {"Caparis"}
    kinds = set(Host.objects.filter(municipality=demo).values_list("kind", flat=True))
    assert kinds == set(HostKind.values)
    assert Host.objects.filter(municipality=demo, name="Wijkteam Leeuwarden-Oost").exists()
    for host in Host.objects.filter(municipality=demo):
        assert host.contacts.count() >= 1
        assert host.positions.count() >= 1


def test_not_placed_participants(demo):
    statuses = list(
        Participant.objects.filter(municipality=demo)
        .exclude(status=ParticipantStatus.PLACED)
        .values_list("status", flat=True)
    )
    # Two waiting from the start, four newcomers the intake demo admits after the stop,
    # the one who left for regular work and the one who dropped out.
    assert sorted(statuses) == sorted(
        [
            *[ParticipantStatus.WAITING] * (2 + 4),
            ParticipantStatus.INTAKE,
            ParticipantStatus.REFERRED,
            ParticipantStatus.EXITED,
            ParticipantStatus.EXITED,
        ]
    )


def test_programme_intake_closed_with_reason(demo):
    programme = Programme.objects.get(municipality=demo, slug="pilot-2023-2026")
    assert programme.name == "Pilot basisbanen 2023-2026"
    assert (programme.start_date, programme.end_date) == (
        dt.date(2023, 1, 1),
        dt.date(2026, 12, 31),
    )
    assert programme.contract_period_months == 6
    assert programme.intake_open is False
    assert programme.intake_closed_reason == LEEUWARDEN_INTAKE_CLOSED_REASON
    assert "budgettaire" in programme.intake_closed_reason
    assert demo.cbs_code == "GM0080"
    emmen = Programme.objects.get(municipality__slug="emmen", slug="basisbanen-emmen")
    assert emmen.intake_open is True
    # Dated by the pilot's story, not by the day of the load: the last start was
    # 1 November 2024, so the intake stop dates from 1 December 2024.
    assert timezone.localtime(programme.intake_changed_at) == timezone.make_aware(
        dt.datetime(2024, 12, 1, 12)
    )


def test_a_placed_participants_status_dates_from_the_placement_start(demo):
    """Dated by the story, not by the load (the audit log keeps the load's moment)."""
    placed = Participant.objects.filter(
        municipality=demo, status=ParticipantStatus.PLACED
    ).prefetch_related("placements")
    assert placed.count() == 14
    for participant in placed:
        start = min(p.start_date for p in participant.placements.all())
        assert timezone.localtime(participant.status_changed_at).date() == start


def test_contract_periods_follow_the_minimum_wage(demo):
    periods = ContractPeriod.objects.filter(municipality=demo).select_related("contract")
    by_contract: dict[int, list[ContractPeriod]] = {}
    for period in periods.order_by("contract_id", "sequence"):
        by_contract.setdefault(period.contract_id, []).append(period)
    assert len(by_contract) == 16
    for rows in by_contract.values():
        placement = rows[0].contract.placement
        assert placement is not None
        assert rows[0].start_date == placement.start_date
        for period in rows:
            # At least the minimum wage on every day of the period, and no more.
            assert period.hourly_wage == minimum_wage_for_period(period.start_date, period.end_date)
            assert Decimal("24") <= period.hours_per_week <= Decimal("36")
        for before, after in zip(rows, rows[1:], strict=False):
            assert after.start_date == before.end_date + dt.timedelta(days=1)
        # Renewed through 2026, except Dennis Bakker's (not renewed after his second)
        # and Emre Yıldız's (not renewed after his third).
        assert rows[-1].end_date in (PROGRAMME_END, dt.date(2025, 9, 30), dt.date(2026, 4, 30))
    first_july_2024 = ContractPeriod.objects.filter(
        municipality=demo, start_date=dt.date(2024, 7, 1)
    ).first()
    assert first_july_2024 is not None
    assert first_july_2024.hourly_wage == Decimal("13.68")


def test_renewals_are_decided_within_the_chain_rule(demo):
    """Two half-year periods and a renewal; the fourth contract would be permanent by
    law, so the decision about it is a permanent contract to the end of the pilot.
    Each decision was taken, and the notice sent, six weeks before the period's end
    (and dated so)."""
    for contract in Contract.objects.filter(municipality=demo).prefetch_related("periods"):
        periods = sorted(contract.periods.all(), key=lambda p: p.sequence)
        if contract.participant.last_name == "Bakker":
            assert len(periods) == 2 and not contract.is_permanent
            continue
        if contract.participant.last_name == "Yıldız":
            assert len(periods) == 3 and not contract.is_permanent
            continue
        assert len(periods) == 4
        for period in periods[:3]:
            assert period.end_date == period_end(period.start_date, 6)
        assert contract.is_permanent
        assert contract.permanent_from == periods[3].start_date
    decisions = RenewalDecision.objects.filter(municipality=demo)
    # 14 renewed twice then permanent; Dennis renewed once, Emre twice, then not.
    assert decisions.filter(decision=Decision.RENEW).count() == 2 * 14 + 1 + 2
    assert decisions.filter(decision=Decision.PERMANENT).count() == 14
    assert decisions.filter(decision=Decision.NOT_RENEW).count() == 2
    for decision in decisions.select_related("period"):
        assert decision.notice_sent_on == decision.period.end_date - dt.timedelta(weeks=6)
        assert timezone.localtime(decision.decided_at).date() == decision.notice_sent_on
    emmen = Contract.objects.filter(participant__programme__slug="basisbanen-emmen")
    assert not emmen.filter(is_permanent=True).exists()


def test_demo_users_and_roles(demo):
    expected = {
        "consulent": Role.CASEWORKER,
        "jobcoach": Role.JOBCOACH,
        "programmamanager": Role.PROGRAMME_MANAGER,
        "controller": Role.CONTROLLER,
        "onderzoeker": Role.RESEARCHER,
        "beheerder": Role.FUNCTIONAL_ADMIN,
        "lezer": Role.READ_ONLY,
    }
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert user.check_password("demo")
        assert user.first_name and user.last_name
        memberships = list(user.memberships.values_list("municipality__slug", "role"))
        assert memberships == [("leeuwarden", role)]
    assert User.objects.get(username="beheerder").is_staff
    assert not User.objects.get(username="consulent").is_staff
    consulent2 = User.objects.get(username="consulent-2")
    assert list(consulent2.memberships.values_list("municipality__slug", "role")) == [
        ("emmen", Role.CASEWORKER)
    ]


def test_every_participant_has_a_contact_person_of_their_municipality(demo):
    for participant in Participant.objects.select_related("contact_person"):
        assert participant.contact_person is not None
        assert Membership.objects.filter(
            user=participant.contact_person,
            municipality_id=participant.municipality_id,
            role__in=[Role.CASEWORKER, Role.JOBCOACH],
        ).exists()


def test_emmen_is_separate_and_small(demo):
    """Emmen's running programme (its completed pilot: tests/demo/loaded/test_outcomes.py)."""
    emmen = Municipality.objects.get(slug="emmen")
    participants = Participant.objects.filter(
        municipality=emmen, programme__slug="basisbanen-emmen"
    )
    assert participants.count() == 6
    assert Participant.objects.filter(municipality=emmen).count() == 6 + 40
    # Everyone placed by now: Anja Hemmes, on the waiting list since February 2025,
    # started on 5 January 2026; her first one-year period ends 4 January 2027, and
    # Emmen decides on the legal deadline (a month before): due on 18-11-2026.
    assert set(participants.values_list("status", flat=True)) == {ParticipantStatus.PLACED}
    assert Host.objects.filter(municipality=emmen).count() == 2 + 5  # the pilot's five
    assert Placement.objects.filter(municipality=emmen).exists()
    assert Contract.objects.filter(municipality=emmen).exists()
    # No row of Emmen points at a record of Leeuwarden.
    for placement in Placement.objects.filter(municipality=emmen).select_related(
        "participant", "position"
    ):
        assert placement.participant.municipality_id == emmen.pk
        assert placement.position.municipality_id == emmen.pk


def test_every_bsn_is_valid_and_unique(demo):
    bsns = list(Participant.objects.values_list("bsn", flat=True))
    assert len(bsns) == len(set(bsns))
    assert all(stdnum_bsn.is_valid(b) for b in bsns)
    assert demo_bsns(30) == demo_bsns(30)  # the same on every run


def test_everything_went_through_the_services(demo):
    """Every demo record of Leeuwarden and Emmen has its creation audit entry, written by
    "systeem"; the council reports by the programme manager, who wrote and finalised them
    (``test_council_reports.py``). Groningen is written in bulk, without audit entries
    (basisbaan.demo.groningen)."""
    created = AuditEntry.objects.filter(action="create")
    assert created.filter(object_type="participants.participant").count() == (
        Participant.objects.exclude(municipality__slug="groningen").count()
    )
    assert created.filter(object_type="contracts.contractperiod").count() == (
        ContractPeriod.objects.exclude(municipality__slug="groningen").count()
    )
    by_system = AuditEntry.objects.exclude(object_type="reports.councilreport")
    assert set(by_system.values_list("actor_label", flat=True)) == {"systeem"}
    assert set(AuditEntry.objects.values_list("channel", flat=True)) == {"cli"}


def test_the_second_factor_demo_user_has_the_published_app_and_the_logins_say_so(demo, demo_output):
    from pathlib import Path

    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from basisbaan.demo.data import DEMO_TOTP_SECRET, DEMO_TOTP_USER
    from basisbaan.tenancy.two_factor import totp_secret

    user = User.objects.get(username=DEMO_TOTP_USER)
    assert user.check_password("demo")
    assert list(user.memberships.values_list("municipality__slug", "role")) == [
        ("leeuwarden", Role.CASEWORKER)
    ]
    device = TOTPDevice.objects.get(user=user)
    assert device.confirmed
    assert totp_secret(device) == DEMO_TOTP_SECRET
    # A code an authenticator app computes from the published secret is accepted.
    code = TOTP(device.bin_key).token()
    assert device.verify_token(f"{code:06d}")
    assert f"geheime sleutel {DEMO_TOTP_SECRET}" in demo_output
    logins = Path(__file__).resolve().parents[3] / "scripts" / "demo-logins"
    assert DEMO_TOTP_SECRET in logins.read_text(encoding="utf-8")
    # Only this demo user has an app: the others sign in with "demo" alone.
    assert list(TOTPDevice.objects.values_list("user__username", flat=True)) == [DEMO_TOTP_USER]
