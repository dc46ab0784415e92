"""Write the demo data of :mod:`basisbaan.demo.data` through the apps' services.

Every record is made by the same service a user would call, so validation runs
and every change has its audit entry (actor ``None``, shown as "systeem").
Users and memberships are made with the ORM: there is no user service.

The demo is loaded *as of* a day (:mod:`basisbaan.demo.story`): the letter's
story up to 30 June 2025, then the programme going on month by month up to
that day: renewal decisions when due, one participant leaving for regular
work, payroll files and guidance hours imported, feedback sessions and
signals, closed years; past the programme's end, its placements end. Then
Leeuwarden's evaluation study of March and April 2025 (:mod:`basisbaan.demo.research`:
the study's records are written in bulk, not through services). Last, the
council letter as Leeuwarden's final report of 30-06-2025, with the figures
computed on that day (:func:`_letter_figures`), and a draft of the next one
(:mod:`basisbaan.demo.council_report`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django_otp.plugins.otp_totp.models import TOTPDevice

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.text import slugify

from basisbaan.audit.context import reset_channel, reset_request_id, set_channel, set_request_id
from basisbaan.audit.models import AuditEntry
from basisbaan.calc.dates import period_end
from basisbaan.contracts.constants import Decision
from basisbaan.contracts.models import Contract, ContractPeriod, RenewalDecision
from basisbaan.contracts.services import (
    contract_create,
    contract_settings_set,
    renewal_decide,
)
from basisbaan.costs.services import cost_settings_set
from basisbaan.demo.budgets import load_demo_budget
from basisbaan.demo.council_report import letter_figures, load_council_reports
from basisbaan.demo.data import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    DEMO_TOTP_USER,
    LEEUWARDEN,
    LETTER_DATE,
    MUNICIPALITIES,
    USERS,
    DemoMunicipality,
    DemoParticipant,
    DemoPlacement,
    DemoProgramme,
    demo_bsns,
    minimum_wage_for_period,
)
from basisbaan.demo.esf import load_demo_esf
from basisbaan.demo.groningen import GRONINGEN, load_groningen
from basisbaan.demo.guidance import load_demo_guidance
from basisbaan.demo.income import load_demo_income
from basisbaan.demo.outcomes import LEEUWARDEN_ANSWERS, record_follow_ups
from basisbaan.demo.payroll_files import DEMO_COST_SETTINGS
from basisbaan.demo.payroll_months import import_demo_payroll
from basisbaan.demo.pilot import (
    PILOT,
    PILOT_CLOSED_REASON,
    PILOT_MUNICIPALITY,
    PILOT_PEOPLE,
    PilotPerson,
    answers_for,
    load_pilot_guidance,
)
from basisbaan.demo.regions import load_demo_regions
from basisbaan.demo.renewals import renew
from basisbaan.demo.research import load_demo_research
from basisbaan.demo.story import check_as_of, decision_day, noon, placement_end_day
from basisbaan.hosts.models import Host, Position
from basisbaan.hosts.services import host_contact_create, host_create, position_create
from basisbaan.intake.demo import REFERRALS, load_intake_demo, newcomer_count
from basisbaan.outcomes.constants import ContractType, WageBand
from basisbaan.outcomes.models import Exit
from basisbaan.outcomes.services import exit_record
from basisbaan.participants.constants import ACTIVE_STATUSES, ExitReason, ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.participants.services import participant_change_status, participant_create
from basisbaan.placements.models import Placement
from basisbaan.placements.services import placement_create
from basisbaan.programmes.models import Programme
from basisbaan.programmes.services import (
    programme_create,
    programme_set_intake,
    programme_update,
)
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import PARAMETER_MANAGER_PERMISSION
from basisbaan.tenancy.two_factor import TOTP_NAME, totp_key_from_base32

__all__ = ["DemoConflictError", "MunicipalitySummary", "demo_is_loaded", "load_demo"]

# The statuses a participant passes through on the way to each demo status.
_PATH: dict[ParticipantStatus, tuple[ParticipantStatus, ...]] = {
    ParticipantStatus.REFERRED: (),
    ParticipantStatus.INTAKE: (ParticipantStatus.INTAKE,),
    ParticipantStatus.WAITING: (ParticipantStatus.INTAKE, ParticipantStatus.WAITING),
    # placement_create moves the participant from the waiting list to placed.
    ParticipantStatus.PLACED: (ParticipantStatus.INTAKE, ParticipantStatus.WAITING),
}


# What came after an exit to work in the story (the employer is the host).
WORK_AFTER: dict[str, dict[str, Any]] = {
    ExitReason.REGULAR_WORK_HOST: {
        "hours_per_week": Decimal("32"),
        "contract_type": ContractType.FIXED_TERM,
        "wage_band": WageBand.MINIMUM,
        "note": "Contract niet verlengd: hij gaat bij zijn werkgever in dienst.",
    },
}
EMPLOYEE_NUMBER_FROM = 1000  # the payroll party's employee numbers: 1001, 1002, ...
PILOT_NUMBER_FROM = 101  # Emmen's pilot: 1101, 1102, ... (a second spell: 40 further on)
# Back into the programme after an exit, on the way to a new placement.
_RETURN = (ParticipantStatus.REFERRED, ParticipantStatus.INTAKE, ParticipantStatus.WAITING)


class DemoConflictError(Exception):
    """The database already holds records the demo would create."""


@dataclass(frozen=True)
class MunicipalitySummary:
    name: str
    programme: str
    intake_open: bool
    hosts: int
    participants: int
    placed: int
    contracts: int
    with_wage_subsidy: int


def demo_is_loaded() -> bool:
    """The demo counts as loaded when the municipality of Leeuwarden exists."""
    return Municipality.objects.filter(slug=MUNICIPALITIES[0].slug).exists()


def load_demo(*, as_of: dt.date) -> list[MunicipalitySummary]:
    """Load every demo municipality as of ``as_of`` in one transaction; return a
    summary per programme (Groningen after Emmen, Emmen's completed pilot last; hosts
    per municipality).

    ``as_of`` is the day the demo shows as today: not before the letter
    (:class:`~basisbaan.demo.story.DemoDateError`), and not after the real today
    (the services refuse payroll, hours and sessions in the future).
    Audit entries get channel ``cli`` and one request id for the whole load.
    """
    check_as_of(as_of)
    channel_token = set_channel("cli")
    request_token = set_request_id(uuid.uuid4())
    try:
        with transaction.atomic():
            _check_free()
            users = _create_users()
            people = sum(len(m.participants) + newcomer_count(m.slug) for m in MUNICIPALITIES)
            # The pilot's BSNs come after everyone else's: theirs stay as they were.
            every_bsn = demo_bsns(people + len(PILOT_PEOPLE))
            letter = _letter_figures(users, every_bsn[:people], as_of)
            bsns = iter(every_bsn[:people])
            for demo in MUNICIPALITIES:
                town = _load_municipality(demo, users, bsns, every_bsn[people:], as_of)
                # Households and local schemes for "does work pay?" (after the letter's figures).
                load_demo_income(town, demo)
            # Groningen's 250 synthetic participants, in bulk (basisbaan.demo.groningen).
            load_groningen(users, as_of)
            town = Municipality.objects.get(slug=LEEUWARDEN.slug)
            programme = Programme.objects.get(municipality=town, slug=LEEUWARDEN.programme.slug)
            # Leeuwarden's programme as an ESF+ operation 2025-2026 (basisbaan.demo.esf).
            load_demo_esf(programme, users, as_of)
            # The evaluation study of March and April 2025 (basisbaan.demo.research).
            load_demo_research(programme, users, as_of)
            load_council_reports(programme, users, as_of, letter)
            # The northern table and who shares with it (after every municipality).
            load_demo_regions(as_of)
    finally:
        reset_request_id(request_token)
        reset_channel(channel_token)
    return [_summary(demo) for demo in (*MUNICIPALITIES, GRONINGEN, PILOT_MUNICIPALITY)]


def _letter_figures(
    users: dict[str, User], bsns: list[str], as_of: dt.date
) -> dict[str, Any] | None:
    """The figures of the letter's report as the system computed them on 30-06-2025.

    The report's figures read live data (the forecast uses every payroll file and
    closed year there is), and a demo loaded as of a later day holds the months
    after the letter. So Leeuwarden is loaded as of the letter's day first, in a
    savepoint that is rolled back once the figures are computed (the same BSNs, so
    the same people); the caches keep nothing of it that the later data could meet,
    their keys being hashes of the data read. ``None`` as of the letter's day itself:
    the report is finalised on the data as loaded.
    """
    if as_of <= LETTER_DATE:
        return None
    with transaction.atomic():
        town = _load_municipality(LEEUWARDEN, users, iter(bsns), [], LETTER_DATE)
        programme = Programme.objects.get(municipality=town, slug=LEEUWARDEN.programme.slug)
        load_demo_research(programme, users, LETTER_DATE)
        figures = letter_figures(programme)
        transaction.set_rollback(True)
    return figures


def _check_free() -> None:
    for demo in (*MUNICIPALITIES, GRONINGEN):
        if Municipality.objects.filter(slug=demo.slug).exists():
            raise DemoConflictError(
                f"Gemeente '{demo.slug}' bestaat al, maar de demo is niet (volledig) geladen. "
                "Gebruik een lege database voor de demo."
            )


def _create_users() -> dict[str, User]:
    """The demo users, each with one membership. Existing users are reused."""
    password = make_password(DEMO_PASSWORD)  # hashed once: fast, same for all demo users
    users: dict[str, User] = {}
    for demo_user in USERS:
        user, _created = User.objects.get_or_create(
            username=demo_user.username,
            defaults={
                "first_name": demo_user.first_name,
                "last_name": demo_user.last_name,
                "email": f"{demo_user.username}@example.nl",
                "is_staff": demo_user.is_staff,
                "password": password,
            },
        )
        if demo_user.national_admin:
            app_label, codename = PARAMETER_MANAGER_PERMISSION.split(".")
            user.user_permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
        users[demo_user.username] = user
    _demo_totp_device(users[DEMO_TOTP_USER])
    return users


def _demo_totp_device(user: User) -> None:
    """The second-factor demo user's authenticator app, with the published secret."""
    TOTPDevice.objects.get_or_create(
        user=user,
        confirmed=True,
        defaults={"name": TOTP_NAME, "key": totp_key_from_base32(DEMO_TOTP_SECRET)},
    )


def _add_memberships(municipality: Municipality, users: dict[str, User]) -> None:
    for demo_user in USERS:
        if demo_user.municipality == municipality.slug:
            Membership.objects.get_or_create(
                user=users[demo_user.username],
                municipality=municipality,
                defaults={"role": demo_user.role},
            )


def _load_municipality(
    demo: DemoMunicipality,
    users: dict[str, User],
    bsns: Iterator[str],
    pilot_bsns: list[str],
    as_of: dt.date,
) -> Municipality:
    municipality = Municipality.objects.create(
        name=demo.name, slug=demo.slug, cbs_code=demo.cbs_code
    )
    _add_memberships(municipality, users)
    if demo.slug == PILOT_MUNICIPALITY.slug:
        # The older, completed programme first (demo/pilot.py).
        _load_pilot(municipality, users, pilot_bsns, as_of)
    programme = _create_programme(municipality, demo.programme)
    if demo.slug in DEMO_COST_SETTINGS:
        cost_settings_set(programme=programme, actor=None, data=DEMO_COST_SETTINGS[demo.slug])
    positions = _create_hosts(municipality, demo)
    for number, person in enumerate(demo.participants, start=1):
        bsn = next(bsns)  # taken even by someone not referred yet: the same BSNs at every as-of
        if not _has_appeared(person, as_of):
            continue
        placed = person.placement is not None and person.placement.start <= as_of
        participant = _create_participant(
            municipality, programme, demo, person, users, bsn, number, placed
        )
        if placed:
            _place(
                municipality, programme, demo.programme, participant, person, positions, number,
                as_of,
            )  # fmt: skip
    # Intake: criteria, profiles, position profiles, referrals and newcomers on the waiting list.
    load_intake_demo(
        municipality=municipality,
        programme=programme,
        positions=positions,
        users=users,
        bsns=bsns,
        as_of=as_of,
    )
    if demo.programme.intake_closed_reason:
        # Last: placement_create refuses while intake is closed.
        programme_set_intake(
            programme=programme,
            actor=None,
            open=False,
            reason=demo.programme.intake_closed_reason,
        )
    # The payroll files: 2024 committed (basisbaan/demo/payroll/), later months
    # generated, each through the payroll import.
    import_demo_payroll(municipality, as_of)
    # The budget per year, the 2024 research and every year closed that has passed.
    load_demo_budget(demo.slug, programme, as_of)
    if demo.slug == "leeuwarden":
        # Hours, closed months, feedback sessions and signals (basisbaan.demo.guidance).
        load_demo_guidance(municipality, users, demo, as_of)
    _leave(municipality, programme, demo, as_of)
    _date_the_story(programme, demo)
    return municipality


def _has_appeared(person: DemoParticipant, as_of: dt.date) -> bool:
    """Whether the participant was referred by ``as_of`` (a referral dated later:
    not yet in the programme)."""
    referral = REFERRALS.get(person.last_name)
    return referral is None or referral[1] <= as_of


def _create_programme(municipality: Municipality, demo: DemoProgramme) -> Programme:
    programme = programme_create(
        municipality=municipality,
        actor=None,
        name=demo.name,
        slug=demo.slug,
        start_date=demo.start_date,
        end_date=demo.end_date,
        description=demo.description,
    )
    if programme.contract_period_months != demo.contract_period_months:
        programme = programme_update(
            programme=programme,
            actor=None,
            data={"contract_period_months": demo.contract_period_months},
        )
    contract_settings_set(
        programme=programme, actor=None, data={"default_employer_name": demo.employer_name}
    )
    return programme


def _email(name: str, domain: str = "example.nl") -> str:
    return f"{slugify(name).replace('-', '.')}@{domain}"


def _create_hosts(municipality: Municipality, demo: DemoMunicipality) -> dict[str, Position]:
    positions: dict[str, Position] = {}
    for demo_host in demo.hosts:
        host = host_create(
            municipality=municipality,
            actor=None,
            name=demo_host.name,
            kind=demo_host.kind,
            street=demo_host.street,
            postcode=demo_host.postcode,
            city=demo_host.city,
            notes=demo_host.notes,
        )
        host_contact_create(
            host=host,
            actor=None,
            name=demo_host.contact_name,
            role=demo_host.contact_role,
            email=_email(demo_host.contact_name),
        )
        for demo_position in demo_host.positions:
            positions[demo_position.key] = position_create(
                municipality=municipality,
                actor=None,
                host=host,
                title=demo_position.title,
                tasks=demo_position.tasks,
                hours_per_week=demo_position.hours_per_week,
                track=demo_position.track,
                places=demo_position.places,
            )
    return positions


def _create_participant(
    municipality: Municipality,
    programme: Programme,
    demo: DemoMunicipality,
    person: DemoParticipant,
    users: dict[str, User],
    bsn: str,
    number: int,
    placed: bool,
) -> Participant:
    """The participant, moved to the demo status; someone whose placement starts
    after the as-of day is still on the waiting list."""
    full_name = " ".join(p for p in (person.first_name, person.name_prefix, person.last_name) if p)
    participant = participant_create(
        municipality=municipality,
        actor=None,
        programme=programme,
        contact_person=users[person.contact_person],
        bsn=bsn,
        first_name=person.first_name,
        name_prefix=person.name_prefix,
        last_name=person.last_name,
        date_of_birth=person.date_of_birth,
        email=_email(full_name),
        phone=f"06-0000{number:04d}",
        street=person.street,
        postcode=person.postcode,
        city=demo.city,
        household_type=person.household_type,
        social_assistance_start=person.social_assistance_start,
    )
    status = person.status
    if person.placement is not None and not placed:
        status = ParticipantStatus.WAITING
    for step in _PATH[status]:
        participant = participant_change_status(participant=participant, actor=None, status=step)
    return participant


def _date_the_story(programme: Programme, demo: DemoMunicipality) -> None:
    """Dates of the pilot's story instead of the day the demo was loaded: a placed
    participant's status dates from the (latest) placement's start, an exited one's from the
    exit, a renewal decision from its notice, and a closed intake from the month
    after the last start (the letter: placements stopped for the budget). The audit
    log keeps the real moments of the load."""
    participants = Participant.objects.filter(programme=programme)
    for participant in participants.filter(status=ParticipantStatus.PLACED).prefetch_related(
        "placements"
    ):
        latest = max(placement.start_date for placement in participant.placements.all())
        participant.status_changed_at = noon(latest)
        participant.save(update_fields=["status_changed_at"])
    for participant in participants.filter(status=ParticipantStatus.EXITED):
        assert participant.exit_date is not None
        participant.status_changed_at = noon(participant.exit_date)
        participant.save(update_fields=["status_changed_at"])
    for decision in RenewalDecision.objects.filter(
        period__contract__participant__programme=programme, notice_sent_on__isnull=False
    ):
        assert decision.notice_sent_on is not None
        decision.decided_at = noon(decision.notice_sent_on)
        decision.save(update_fields=["decided_at"])
    starts = [person.placement.start for person in demo.participants if person.placement]
    if starts and not programme.intake_open:
        last = max(starts)
        following = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        programme.intake_changed_at = noon(following)
        programme.save(update_fields=["intake_changed_at"])


def _place(
    municipality: Municipality,
    programme: Programme,
    demo: DemoProgramme,
    participant: Participant,
    person: DemoParticipant,
    positions: dict[str, Position],
    number: int,
    as_of: dt.date,
) -> Placement:
    """Place the participant, make the contract and decide about each period's end
    when that decision is due by ``as_of``; the placement."""
    placed = person.placement
    assert placed is not None
    placement = placement_create(
        municipality=municipality,
        actor=None,
        participant=participant,
        position=positions[placed.position],
        start_date=placed.start,
    )
    first_end = period_end(placed.start, programme.contract_period_months)
    contract = contract_create(
        municipality=municipality,
        actor=None,
        participant=participant,
        placement=placement,
        employer_name=demo.employer_name,
        reference=f"{municipality.cbs_code}-{placed.start.year}-{number:03d}",
        start_date=placed.start,
        end_date=first_end,
        hours_per_week=placed.hours_per_week,
        hourly_wage=minimum_wage_for_period(placed.start, first_end),
        wage_subsidy=placed.wage_subsidy,
        employee_number=str(EMPLOYEE_NUMBER_FROM + number),
    )
    period: ContractPeriod | None = contract.periods.get()
    sequence = 1
    while period is not None and period.end_date < programme.end_date:
        notice = decision_day(period.start_date, period.end_date, demo.notice_weeks)
        if notice > as_of:
            break  # not due yet: on the decisions worklist when it comes near
        if placed.leave is not None and placed.leave.after_period == sequence:
            renewal_decide(
                period=period,
                actor=None,
                decision=Decision.NOT_RENEW,
                reason=placed.leave.reason,
                notice_sent_on=notice,
            )
            break
        period = renew(municipality, programme, contract, period, placed.hours_per_week, notice)
        sequence += 1
    return placement


def _leave(
    municipality: Municipality, programme: Programme, demo: DemoMunicipality, as_of: dt.date
) -> None:
    """Placements that have ended by ``as_of``: a participant who left after a
    decision not to renew, and every placement when the programme is over. The
    participant exits on the last day; the waiting list closes with the programme."""
    leavers: dict[tuple[str, str], DemoPlacement] = {
        (person.first_name, person.last_name): person.placement
        for person in demo.participants
        if person.placement is not None and person.placement.leave is not None
    }
    placements = Placement.objects.filter(
        municipality=municipality, participant__programme=programme, end_date__isnull=True
    ).select_related("participant")
    for placement in placements:
        person = placement.participant
        leaving = leavers.get((person.first_name, person.last_name))
        if leaving is not None and leaving.leave is not None:
            end = placement_end_day(leaving, demo.programme)
            if end < as_of:
                left = _exit(person, end, leaving.leave.exit_reason, placement)
                record_follow_ups(left, LEEUWARDEN_ANSWERS.get(person.last_name, {}), as_of)
                continue
        if programme.end_date < as_of:
            _exit(person, programme.end_date, ExitReason.PROGRAMME_ENDED, placement)
    if programme.end_date < as_of:
        # The waiting list and the intakes close with the programme.
        for person in Participant.objects.filter(
            programme=programme, status__in={*ACTIVE_STATUSES, ParticipantStatus.REFERRED}
        ):
            _exit(person, programme.end_date, ExitReason.PROGRAMME_ENDED)


def _exit(
    participant: Participant, day: dt.date, reason: str, placement: Placement | None = None
) -> Exit:
    """The participant leaves the programme (ending ``placement``), recorded as an exit."""
    work = WORK_AFTER.get(reason, {}) if placement is not None else {}
    return exit_record(
        municipality=participant.municipality,
        actor=None,
        participant=participant,
        placement=placement,
        exit_date=day,
        reason=reason,
        leaves_programme=True,
        **work,
    )


def _load_pilot(
    municipality: Municipality, users: dict[str, User], bsns: list[str], as_of: dt.date
) -> Programme:
    """Emmen's completed pilot (:mod:`basisbaan.demo.pilot`) as of ``as_of``: every
    placement (all start by June 2025), the exits that have happened, the second
    spell of the one who came back, guidance, and the follow-ups on record."""
    demo = PILOT_MUNICIPALITY
    programme = _create_programme(municipality, PILOT)
    positions = _create_hosts(municipality, demo)
    ends: dict[int, dt.date] = {}
    count = len(PILOT_PEOPLE)
    for index, (pilot, bsn) in enumerate(zip(PILOT_PEOPLE, bsns, strict=True)):
        number = PILOT_NUMBER_FROM + index
        person = pilot.person
        participant = _create_participant(
            municipality, programme, demo, person, users, bsn, number, placed=True
        )
        placement = _place(
            municipality, programme, PILOT, participant, person, positions, number, as_of
        )
        assert person.placement is not None
        ends[placement.pk] = placement_end_day(person.placement, PILOT)
        left = _pilot_exit(participant, placement, ends[placement.pk], pilot, index, 1, as_of)
        again = pilot.again
        if again is None or not left or again.referred > as_of:
            continue
        participant.refresh_from_db()
        for status in _RETURN:
            participant = participant_change_status(
                participant=participant, actor=None, status=status
            )
        second = replace(person, placement=again.placement)
        placement = _place(
            municipality, programme, PILOT, participant, second, positions, number + count, as_of
        )
        ends[placement.pk] = PILOT.end_date
        _pilot_exit(
            participant, placement, PILOT.end_date, replace(pilot, work={}), index, 2, as_of
        )
    load_pilot_guidance(municipality, programme, users, ends, as_of)
    _date_the_story(programme, demo)
    if programme.end_date < as_of:
        programme_set_intake(
            programme=programme, actor=None, open=False, reason=PILOT_CLOSED_REASON
        )
        programme.refresh_from_db()
        programme.intake_changed_at = noon(programme.end_date + dt.timedelta(days=1))
        programme.save(update_fields=["intake_changed_at"])
    return programme


def _pilot_exit(
    participant: Participant,
    placement: Placement,
    end: dt.date,
    pilot: PilotPerson,
    index: int,
    spell: int,
    as_of: dt.date,
) -> bool:
    """The pilot participant leaves on ``end`` (their leave's reason, or the
    programme's end) when that day has passed; the follow-ups on record. Whether
    they left."""
    leave = pilot.person.placement.leave if spell == 1 and pilot.person.placement else None
    if end >= as_of:
        return False
    reason = leave.exit_reason if leave is not None else ExitReason.PROGRAMME_ENDED
    left = exit_record(
        municipality=participant.municipality,
        actor=None,
        participant=participant,
        placement=placement,
        exit_date=end,
        reason=reason,
        leaves_programme=True,
        **(pilot.work if leave is not None else {}),
    )
    hours = pilot.work.get("hours_per_week") if leave is not None else None
    lost = pilot.work_lost_from if leave is not None else None
    record_follow_ups(left, answers_for(index, spell, reason, hours, lost), as_of)
    return True


def _summary(demo: DemoMunicipality) -> MunicipalitySummary:
    municipality = Municipality.objects.get(slug=demo.slug)
    programme = Programme.objects.get(municipality=municipality, slug=demo.programme.slug)
    participants = Participant.objects.filter(municipality=municipality, programme=programme)
    contracts = Contract.objects.filter(municipality=municipality, participant__programme=programme)
    return MunicipalitySummary(
        name=municipality.name,
        programme=programme.name,
        intake_open=programme.intake_open,
        hosts=Host.objects.filter(municipality=municipality).count(),
        participants=participants.count(),
        placed=participants.filter(status=ParticipantStatus.PLACED).count(),
        contracts=contracts.count(),
        with_wage_subsidy=contracts.filter(wage_subsidy=True).count(),
    )


def audit_entry_count() -> int:
    return AuditEntry.objects.count()
