"""Write the demo data of :mod:`basisbaan.demo.data` through the apps' services.

Every record is made by the same service a user would call, so validation runs
and every change has its audit entry (actor ``None``, shown as "systeem").
Users and memberships are made with the ORM: there is no user service.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from basisbaan.audit.context import reset_request_id, set_channel, set_request_id
from basisbaan.audit.models import AuditEntry
from basisbaan.calc.dates import period_end
from basisbaan.calc.labour_law import Term
from basisbaan.contracts.chains import check_next, participant_period_rows
from basisbaan.contracts.constants import Decision
from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.contracts.services import (
    contract_create,
    contract_settings_set,
    renewal_decide,
)
from basisbaan.costs.services import cost_settings_set
from basisbaan.demo.budgets import load_demo_budget
from basisbaan.demo.data import (
    DEMO_PASSWORD,
    MUNICIPALITIES,
    USERS,
    DemoMunicipality,
    DemoParticipant,
    DemoProgramme,
    demo_bsns,
    minimum_wage_for_period,
)
from basisbaan.demo.guidance import load_demo_guidance
from basisbaan.demo.payroll_2024 import DEMO_COST_SETTINGS, import_demo_payroll
from basisbaan.hosts.models import Host, Position
from basisbaan.hosts.services import host_contact_create, host_create, position_create
from basisbaan.intake.demo import load_intake_demo, newcomer_count
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.participants.services import participant_change_status, participant_create
from basisbaan.placements.services import placement_create
from basisbaan.programmes.models import Programme
from basisbaan.programmes.services import (
    programme_create,
    programme_set_intake,
    programme_update,
)
from basisbaan.tenancy.models import Membership, Municipality, User

__all__ = ["DemoConflictError", "MunicipalitySummary", "demo_is_loaded", "load_demo"]

# The statuses a participant passes through on the way to each demo status.
_PATH: dict[ParticipantStatus, tuple[ParticipantStatus, ...]] = {
    ParticipantStatus.REFERRED: (),
    ParticipantStatus.INTAKE: (ParticipantStatus.INTAKE,),
    ParticipantStatus.WAITING: (ParticipantStatus.INTAKE, ParticipantStatus.WAITING),
    # placement_create moves the participant from the waiting list to placed.
    ParticipantStatus.PLACED: (ParticipantStatus.INTAKE, ParticipantStatus.WAITING),
}


NOTICE_BEFORE_END = dt.timedelta(weeks=6)  # the legal minimum (aanzegtermijn) is one month
PERMANENT_REASON = (
    "Ketenregeling: een vierde contract voor bepaalde tijd zou van rechtswege vast zijn. "
    "De deelnemer krijgt een vast contract tot het einde van de pilot."
)


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


def load_demo() -> list[MunicipalitySummary]:
    """Load every demo municipality in one transaction; return a summary per municipality.

    Audit entries get channel ``cli`` and one request id for the whole load.
    """
    channel_token = set_channel("cli")
    request_token = set_request_id(uuid.uuid4())
    try:
        with transaction.atomic():
            _check_free()
            users = _create_users()
            people = sum(len(m.participants) + newcomer_count(m.slug) for m in MUNICIPALITIES)
            bsns = iter(demo_bsns(people))
            for demo in MUNICIPALITIES:
                _load_municipality(demo, users, bsns)
    finally:
        reset_request_id(request_token)
        channel_token.var.reset(channel_token)  # type: ignore[attr-defined]
    return [_summary(demo) for demo in MUNICIPALITIES]


def _check_free() -> None:
    for demo in MUNICIPALITIES:
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
        users[demo_user.username] = user
    return users


def _add_memberships(municipality: Municipality, users: dict[str, User]) -> None:
    for demo_user in USERS:
        if demo_user.municipality == municipality.slug:
            Membership.objects.get_or_create(
                user=users[demo_user.username],
                municipality=municipality,
                defaults={"role": demo_user.role},
            )


def _load_municipality(
    demo: DemoMunicipality, users: dict[str, User], bsns: Iterator[str]
) -> Municipality:
    municipality = Municipality.objects.create(
        name=demo.name, slug=demo.slug, cbs_code=demo.cbs_code
    )
    _add_memberships(municipality, users)
    programme = _create_programme(municipality, demo.programme)
    if demo.slug in DEMO_COST_SETTINGS:
        cost_settings_set(programme=programme, actor=None, data=DEMO_COST_SETTINGS[demo.slug])
    positions = _create_hosts(municipality, demo)
    for number, person in enumerate(demo.participants, start=1):
        participant = _create_participant(
            municipality, programme, demo, person, users, next(bsns), number
        )
        if person.placement is not None:
            _place(municipality, programme, demo.programme, participant, person, positions, number)
    # Intake: criteria, profiles, position profiles, referrals and newcomers on the waiting list.
    load_intake_demo(
        municipality=municipality, programme=programme, positions=positions, users=users, bsns=bsns
    )
    if demo.programme.intake_closed_reason:
        # Last: placement_create refuses while intake is closed.
        programme_set_intake(
            programme=programme,
            actor=None,
            open=False,
            reason=demo.programme.intake_closed_reason,
        )
    _date_the_story(programme, demo)
    # The payroll files of 2024 (basisbaan/demo/payroll/), through the payroll import.
    import_demo_payroll(municipality)
    # The budget per year, the 2024 research and the closed years 2023 and 2024.
    load_demo_budget(demo.slug, programme)
    if demo.slug == "leeuwarden":
        # Hours, closed months, feedback sessions and signals (basisbaan.demo.guidance).
        load_demo_guidance(municipality, users)
    return municipality


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
) -> Participant:
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
    for status in _PATH[person.status]:
        participant = participant_change_status(participant=participant, actor=None, status=status)
    return participant


def _date_the_story(programme: Programme, demo: DemoMunicipality) -> None:
    """Dates of the pilot's story instead of the day the demo was loaded: a placed
    participant's status dates from the placement's start, and a closed intake from
    the month after the last start (the letter: placements stopped for the budget).
    The audit log keeps the real moments of the load."""
    starts = [person.placement.start for person in demo.participants if person.placement]
    for participant in Participant.objects.filter(
        programme=programme, status=ParticipantStatus.PLACED
    ).prefetch_related("placements"):
        first = min(placement.start_date for placement in participant.placements.all())
        participant.status_changed_at = _noon(first)
        participant.save(update_fields=["status_changed_at"])
    if starts and not programme.intake_open:
        last = max(starts)
        following = (last.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        programme.intake_changed_at = _noon(following)
        programme.save(update_fields=["intake_changed_at"])


def _noon(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _place(
    municipality: Municipality,
    programme: Programme,
    demo: DemoProgramme,
    participant: Participant,
    person: DemoParticipant,
    positions: dict[str, Position],
    number: int,
) -> None:
    """Place the participant, make the contract and renew it period by period."""
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
    )
    period = contract.periods.get()
    while period.end_date < demo.renew_through:
        renewed = _renew(municipality, programme, contract, period, placed.hours_per_week)
        if renewed is None:
            break
        period = renewed


def _renew(
    municipality: Municipality,
    programme: Programme,
    contract: Contract,
    period: ContractPeriod,
    hours_per_week: Decimal,
) -> ContractPeriod | None:
    """Decide about the end of ``period``: renew for the programme's default term
    (clipped to its end), or, when the chain rule would make that renewal permanent
    by law, a permanent contract to the programme's end (then None: no more periods).
    The notice (aanzegging) goes out six weeks before the end."""
    start = period.end_date + dt.timedelta(days=1)
    end = min(period_end(start, programme.contract_period_months), programme.end_date)
    rows = participant_period_rows(municipality.pk, [contract.participant_id])
    check = check_next(
        rows.get(contract.participant_id, []), contract.employer_name, Term(start, end)
    )
    decision, reason = Decision.RENEW, ""
    if check.makes_permanent:
        decision, reason, end = Decision.PERMANENT, PERMANENT_REASON, programme.end_date
    made = renewal_decide(
        period=period,
        actor=None,
        decision=decision,
        reason=reason,
        notice_sent_on=period.end_date - NOTICE_BEFORE_END,
        hours_per_week=hours_per_week,
        hourly_wage=minimum_wage_for_period(start, end),
        start_date=start,
        end_date=end,
    )
    if decision == Decision.PERMANENT:
        return None
    return made.next_period


def _summary(demo: DemoMunicipality) -> MunicipalitySummary:
    municipality = Municipality.objects.get(slug=demo.slug)
    programme = Programme.objects.get(municipality=municipality, slug=demo.programme.slug)
    participants = Participant.objects.filter(municipality=municipality)
    contracts = Contract.objects.filter(municipality=municipality)
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
