"""Groningen in the demo: "Basisbanen Groningen", about 250 synthetic participants.

The council letter names Groningen as heading for 250 basisbanen; issue 17 puts it
beside Leeuwarden and Emmen in one northern region. Everything here is invented
(docs/demo.md, "Groningen"): ten hosts on both tracks, 250 participants of whom
most have started, half-year contracts renewed up to the as-of day (the fourth
period permanent by the chain rule), exits with reasons, follow-up measurements,
guidance hours by a few coaches and feedback sessions.

Unlike Leeuwarden and Emmen this is not written through the services: like
:mod:`basisbaan.demo.generator` (whose name lists and BSN helper it uses) the rows
are built in memory and inserted with ``bulk_create``, without audit entries, so
that 250 people load in a second or two. The values are still valid: BSNs pass
the eleven-test, dates are consistent, positions are not over-filled, a staff
member's day holds at most twelve hours.

The dates are relative to the as-of day, so the programme looks alive on any day:
the placements start from January 2024 (the first date with a statutory hourly
minimum wage: the programme itself starts on 1 July 2023 with its preparation)
up to a few weeks before the as-of day, in a ramp up. All randomness comes from
generators seeded per person (:data:`SEED`): the same as-of day gives the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

from django.contrib.auth.hashers import make_password

from basisbaan.calc.dates import MAX_HOURS_PER_DAY, add_months, period_end
from basisbaan.contracts.constants import Decision
from basisbaan.contracts.models import Contract, ContractPeriod, RenewalDecision
from basisbaan.contracts.services import contract_settings_set
from basisbaan.core import versions
from basisbaan.costs.services import cost_settings_set
from basisbaan.demo.data import (
    USERS,
    D,
    DemoMunicipality,
    DemoProgramme,
    DemoUser,
    bsn_check_digit,
    minimum_wage_for_period,
)
from basisbaan.demo.generator import FIRST_NAMES, LAST_NAMES, STREETS
from basisbaan.demo.outcomes import MEASURED_AFTER, NOT_REACHED, is_recorded
from basisbaan.demo.renewals import PERMANENT_REASON
from basisbaan.demo.story import first_of, noon
from basisbaan.guidance import services as guidance_services
from basisbaan.guidance.constants import Activity, SessionStatus
from basisbaan.guidance.models import ClosedPeriod, FeedbackSession, HoursEntry
from basisbaan.hosts.constants import HostKind, Track
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.outcomes.constants import (
    FOLLOW_UP_MONTHS,
    Assistance,
    ContractType,
    ExitKind,
    FollowUpStatus,
    WageBand,
)
from basisbaan.outcomes.models import Exit, FollowUp
from basisbaan.participants.constants import WORK_REASONS, ExitReason, HouseholdType
from basisbaan.participants.constants import ParticipantStatus as Status
from basisbaan.participants.models import Participant
from basisbaan.participants.search import search_name
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.programmes.services import programme_create
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Role

__all__ = [
    "GRONINGEN",
    "GRONINGEN_COACHES",
    "GRONINGEN_SIZE",
    "GroningenResult",
    "load_groningen",
]

SEED: Final = 20230701
GRONINGEN_SIZE: Final = 250  # participants, of whom WAITING_COUNT have not started yet
WAITING_COUNT: Final = 12  # referred, in intake or on the waiting list on the as-of day
FIRST_START: Final = D(2024, 1, 1)  # the first date with a statutory hourly minimum wage
NOTICE: Final = dt.timedelta(weeks=6)  # renewals decided six weeks before the period ends
EMPLOYER: Final = "Gemeente Groningen"
NUMBER_FROM: Final = 3000  # employee numbers 3001, 3002, ...

GRONINGEN: Final = DemoMunicipality(
    name="Groningen",
    slug="groningen",
    cbs_code="GM0014",
    city="Groningen",
    programme=DemoProgramme(
        name="Basisbanen Groningen",
        slug="basisbanen-groningen",
        description=(
            "Synthetisch demoprogramma (de raadsinformatiebrief: Groningen koerst op 250 "
            "basisbanen). Start 1 juli 2023 met de voorbereiding, eerste plaatsingen in januari "
            "2024; contracten van een half jaar bij de gemeente, twee sporen."
        ),
        start_date=D(2023, 7, 1),
        end_date=D(2028, 12, 31),
        contract_period_months=6,
        employer_name=EMPLOYER,
    ),
    hosts=(),  # generated below (HOSTS), written in bulk
)

# The demo logins of Groningen are in basisbaan.demo.data.USERS (programmamanager-3,
# consulent-3, jobcoach-3); these six colleagues coach too, without a demo login.
GRONINGEN_COACHES: Final = (
    DemoUser("groningen-consulent-a", "Wilma", "Bolhuis", Role.CASEWORKER, "groningen"),
    DemoUser("groningen-consulent-b", "Arjen", "Venema", Role.CASEWORKER, "groningen"),
    DemoUser("groningen-consulent-c", "Esther", "Mulder", Role.CASEWORKER, "groningen"),
    DemoUser("groningen-jobcoach-a", "Roel", "Dijkhuis", Role.JOBCOACH, "groningen"),
    DemoUser("groningen-jobcoach-b", "Hilda", "Zuidema", Role.JOBCOACH, "groningen"),
    DemoUser("groningen-jobcoach-c", "Gert", "Smid", Role.JOBCOACH, "groningen"),
)
MANAGER: Final = "programmamanager-3"
CASEWORKERS: Final = ("consulent-3", *(c.username for c in GRONINGEN_COACHES[:3]))
JOBCOACHES: Final = ("jobcoach-3", *(c.username for c in GRONINGEN_COACHES[3:]))

COST_SETTINGS: Final[dict[str, Any]] = {
    "pension_rate": Decimal("0.07"),
    "monitoring_fee": Decimal("0.00"),
    "large_employer": True,
    "government_employer": True,
}
GUIDANCE_SETTINGS: Final[dict[str, Any]] = {
    "norm_hours": Decimal(70),
    "cadence_weeks": 8,
    # An assumption for the demo, not an official figure.
    "hourly_rate": Decimal("66.00"),
    "rate_source": "Demo-aanname: intern uurtarief begeleiding (geen officieel cijfer)",
    "rate_date": D(2024, 1, 1),
}

SURNAME_INSTEAD = {"Groen": "Groenewoud"}


@dataclass(frozen=True, slots=True)
class _Host:
    name: str
    kind: HostKind
    street: str
    postcode: str
    contact: str
    contact_role: str
    positions: tuple[tuple[str, str, int, int], ...]  # title, tasks, hours, places


T = Track
HOSTS: Final = (
    _Host("Stadsgroen Groningen B.V.", HostKind.EMPLOYER, "Peizerweg 100", "9727 AM",
          "Jan Wiersma", "Uitvoerder",
          (("Medewerker groenonderhoud", "Maaien, snoeien en zwerfafval in de wijken.", 32, 36),
           ("Medewerker straatreiniging", "Vegen, afval ophalen, kleine reparaties.", 30, 21))),
    _Host("Zorggroep Noorderhaven", HostKind.EMPLOYER, "Helperbrink 4", "9722 EA",
          "Marjan Oosterhof", "Hoofd facilitaire dienst",
          (("Medewerker facilitaire dienst", "Linnen, post, boodschappen en kleine klussen.",
            28, 27),
           ("Gastvrouw/gastheer restaurant", "Maaltijden serveren en koffie rondbrengen.", 24,
            18))),
    _Host("Kringloopbedrijf Tweede Ronde", HostKind.EMPLOYER, "Atoomweg 20", "9743 AK",
          "Sietse Kuipers", "Bedrijfsleider",
          (("Medewerker kringloopwinkel", "Ophalen, sorteren, prijzen en de winkel bijhouden.",
            30, 24),)),
    _Host("Schoonmaakbedrijf Martini", HostKind.EMPLOYER, "Osloweg 7", "9723 BK",
          "Anita Bos", "Leidinggevende",
          (("Medewerker schoonmaak", "Schoonmaak van kantoren en scholen in een vast team.",
            26, 21),)),
    _Host("Facilitair Bedrijf Zernike", HostKind.EMPLOYER, "Nijenborgh 9", "9747 AG",
          "Pieter Hoving", "Teamleider",
          (("Medewerker facilitair", "Vergaderzalen, post en magazijn op de campus.", 32, 18),)),
    _Host("Wijkteam Oosterparkwijk", HostKind.NEIGHBOURHOOD_TEAM, "Gorechtkade 55", "9713 BE",
          "Karin de Haan", "Coördinator wijkteam",
          (("Buurtconciërge", "Aanspreekpunt in de buurt, kleine klussen, signaleren.", 32, 24),)),
    _Host("Wijkteam Vinkhuizen", HostKind.NEIGHBOURHOOD_TEAM, "Siersteenlaan 410", "9743 ES",
          "Mehmet Yilmaz", "Wijkwerker",
          (("Buurtconciërge", "Aanspreekpunt in de buurt, kleine klussen, signaleren.", 32, 21),
           ("Medewerker ontmoeting", "Koffieochtenden en activiteiten voor ouderen.", 24, 12))),
    _Host("Wijkteam Beijum", HostKind.NEIGHBOURHOOD_TEAM, "Beijumerweg 18", "9733 AG",
          "Ellen Tuinstra", "Coördinator wijkteam",
          (("Medewerker buurtactiviteiten", "Buurtactiviteiten, de buurttuin en het wijkcentrum.",
            28, 21),)),
    _Host("Buurthuis De Wijert", HostKind.SOCIAL_ORGANISATION, "Van Lenneplaan 2", "9721 PE",
          "Bert Hazenberg", "Beheerder",
          (("Medewerker buurthuis", "Gastvrouw/gastheer, zalen klaarzetten, buurtmaaltijd.", 30,
            18),)),
    _Host("Sportvereniging Lewenborg", HostKind.SOCIAL_ORGANISATION, "Kardingerweg 3", "9736 AC",
          "Frank Meijer", "Bestuurslid accommodatie",
          (("Medewerker accommodatiebeheer", "Velden en kleedkamers, materiaal, kantinedienst.",
            32, 15),
           ("Assistent vrijwilligerscoördinator", "Roosters van vrijwilligers, jeugdactiviteiten.",
            24, 12))),
)  # fmt: skip

HOUSEHOLDS: Final = (
    *(HouseholdType.SINGLE,) * 5,
    *(HouseholdType.SINGLE_PARENT,) * 2,
    HouseholdType.COUPLE,
    HouseholdType.COUPLE_WITH_CHILDREN,
    HouseholdType.OTHER,
)
HOURS: Final = (24, 26, 28, 30, 32, 36)
# Per contract period's end (the first three: the fourth is permanent): the chance
# the contract is not renewed, and why (cumulative shares).
LEAVE_CHANCE: Final = 0.17
LEAVE_REASONS: Final = (
    (0.22, ExitReason.REGULAR_WORK_HOST),
    (0.47, ExitReason.REGULAR_WORK_ELSEWHERE),
    (0.57, ExitReason.EDUCATION),
    (0.75, ExitReason.OWN_CHOICE),
    (0.87, ExitReason.HEALTH),
    (0.93, ExitReason.MOVED),
    (1.00, ExitReason.DISMISSAL),
)
NOT_RENEWED: Final = {
    ExitReason.REGULAR_WORK_HOST: "Niet verlengd: de deelnemer gaat in dienst bij {employer}.",
    ExitReason.REGULAR_WORK_ELSEWHERE: (
        "Niet verlengd: de deelnemer heeft werk gevonden bij {employer}."
    ),
    ExitReason.EDUCATION: "Niet verlengd: de deelnemer begint aan een mbo-opleiding.",
    ExitReason.OWN_CHOICE: "Niet verlengd op verzoek van de deelnemer (eigen keuze).",
    ExitReason.HEALTH: "Niet verlengd: de deelnemer kan om gezondheidsredenen niet verder.",
    ExitReason.MOVED: "Niet verlengd: de deelnemer verhuist naar een andere gemeente.",
    ExitReason.DISMISSAL: (
        "Niet verlengd: afspraken over verzuim en gedrag herhaaldelijk niet nagekomen."
    ),
}
EMPLOYERS_ELSEWHERE: Final = (
    "Supermarkt Groningen-Zuid",
    "Distributiecentrum Eemspoort",
    "Schoonmaakbedrijf Noord-Nederland",
    "Horecagroep Grote Markt",
    "Bouwbedrijf Hoogkerk B.V.",
    "Thuiszorg Stad en Ommeland",
)
# After an exit that was not to work: the share working at each measurement.
WORKING_AFTER_OTHER: Final = {1: 0.05, 3: 0.1, 6: 0.15, 12: 0.2, 18: 0.25}
NOT_REACHABLE: Final = 0.1
QUARTER: Final = Decimal("0.25")
SIDE_ACTIVITIES: Final = (Activity.HOST_CONTACT, Activity.ADMINISTRATION, Activity.TRAVEL)
SESSION_NOTES: Final = (
    "Werk gaat goed; wil meer uren.",
    "Rooster besproken met de leidinggevende.",
    "Vragen over toeslagen doorgezet naar de consulent.",
    "Doorstroom naar regulier werk besproken.",
)
OVERDUE_PLACEMENTS: Final = 3
BEHIND: Final = dt.timedelta(weeks=10)


@dataclass
class GroningenResult:
    """What was written (the tests and the command's summary read it)."""

    participants: int = 0
    placements: int = 0
    periods: int = 0
    exits: int = 0
    follow_ups: int = 0
    hours: int = 0
    sessions: int = 0
    per_status: dict[str, int] = field(default_factory=dict)


@dataclass
class _Person:
    """One participant's story as of the as-of day."""

    index: int
    participant: Participant
    track: str = ""
    start: dt.date | None = None
    periods: list[tuple[dt.date, dt.date]] = field(default_factory=list)
    permanent: bool = False
    leave: ExitReason | None = None
    leave_after: int = 0  # the period after which the contract is not renewed (1-3)
    hours: int = 32
    lks: bool = False
    exit_date: dt.date | None = None
    work: dict[str, Any] = field(default_factory=dict)
    decisions: list[tuple[str, str, dt.date]] = field(default_factory=list)
    position: Position | None = None
    placement: Placement | None = None

    @property
    def end(self) -> dt.date | None:
        """The placement's last day in the story so far (None: running)."""
        return self.exit_date


def _rng(*key: object) -> random.Random:
    return random.Random("-".join(map(str, (SEED, *key))))  # noqa: S311 - synthetic demo data


def _quarters(hours: float) -> Decimal:
    return max(QUARTER, (Decimal(str(hours)) / QUARTER).quantize(Decimal(1)) * QUARTER)


def _bsn(rng: random.Random, taken: set[str]) -> str:
    while True:
        first8 = str(rng.randrange(10_000_000, 100_000_000))
        last = bsn_check_digit(first8)
        bsn = f"{first8}{last}"
        if last is not None and bsn not in taken:
            taken.add(bsn)
            return bsn


def start_days(as_of: dt.date, count: int) -> list[dt.date]:
    """``count`` placement starts from :data:`FIRST_START` to three weeks before
    ``as_of`` in a ramp up (more starts later on), on the 1st or the 15th, sorted."""
    rng = _rng("starts")
    last = max(FIRST_START, as_of - dt.timedelta(weeks=3))
    span = (last - FIRST_START).days
    days = []
    for _n in range(count):
        day = FIRST_START + dt.timedelta(days=int(span * rng.random() ** 0.7))
        day = day.replace(day=1 if day.day < 15 else 15)
        days.append(max(FIRST_START, day))
    return sorted(days)


def _work(rng: random.Random, reason: ExitReason, host: str) -> dict[str, Any]:
    if reason not in WORK_REASONS:
        return {}
    return {
        "employer": host
        if reason == ExitReason.REGULAR_WORK_HOST
        else rng.choice(EMPLOYERS_ELSEWHERE),
        "hours_per_week": Decimal(rng.choice((20, 24, 28, 32, 36))),
        "contract_type": rng.choice(
            (ContractType.FIXED_TERM, ContractType.FIXED_TERM, ContractType.PERMANENT)
        ),
        "wage_band": rng.choice(
            (WageBand.MINIMUM, WageBand.MINIMUM, WageBand.MINIMUM, WageBand.LOW, WageBand.MIDDLE)
        ),
    }


class _Loader:
    def __init__(self, users: dict[str, User], as_of: dt.date) -> None:
        self.users = users
        self.as_of = as_of
        self.end = GRONINGEN.programme.end_date
        self.result = GroningenResult()

    # -- set-up ------------------------------------------------------------

    def municipality(self) -> Municipality:
        demo = GRONINGEN
        town = Municipality.objects.create(name=demo.name, slug=demo.slug, cbs_code=demo.cbs_code)
        unusable = make_password(None)  # the coaches have no demo login
        for coach in GRONINGEN_COACHES:
            self.users[coach.username], _created = User.objects.get_or_create(
                username=coach.username,
                defaults={
                    "first_name": coach.first_name,
                    "last_name": coach.last_name,
                    "email": f"{coach.username}@example.nl",
                    "password": unusable,
                },
            )
        Membership.objects.bulk_create(
            [
                Membership(user=self.users[u.username], municipality=town, role=u.role)
                for u in self.users_of_groningen()
            ]
        )
        return town

    def users_of_groningen(self) -> list[DemoUser]:
        return [u for u in (*USERS, *GRONINGEN_COACHES) if u.municipality == GRONINGEN.slug]

    def programme(self, town: Municipality) -> Programme:
        demo = GRONINGEN.programme
        programme = programme_create(
            municipality=town,
            actor=None,
            name=demo.name,
            slug=demo.slug,
            start_date=demo.start_date,
            end_date=demo.end_date,
            description=demo.description,
        )
        contract_settings_set(
            programme=programme, actor=None, data={"default_employer_name": EMPLOYER}
        )
        cost_settings_set(programme=programme, actor=None, data=COST_SETTINGS)
        guidance_services.guidance_settings_set(
            programme=programme, actor=None, data=GUIDANCE_SETTINGS
        )
        return programme

    def hosts(self, town: Municipality) -> tuple[list[Position], dict[int, HostContact]]:
        hosts = [
            Host(
                municipality=town,
                name=h.name,
                kind=h.kind,
                street=h.street,
                postcode=h.postcode,
                city="Groningen",
                notes="Fictieve organisatie (demogegevens).",
            )
            for h in HOSTS
        ]
        Host.objects.bulk_create(hosts)
        contacts = [
            HostContact(
                municipality=town,
                host=host,
                name=h.contact,
                role=h.contact_role,
                email=f"{h.contact.lower().replace(' ', '.')}@example.nl",
            )
            for host, h in zip(hosts, HOSTS, strict=True)
        ]
        HostContact.objects.bulk_create(contacts)
        positions = [
            Position(
                municipality=town,
                host=host,
                title=title,
                tasks=tasks,
                hours_per_week=Decimal(hours),
                track=Track.TRANSITION if h.kind == HostKind.EMPLOYER else Track.SOCIAL_VALUE,
                places=places,
            )
            for host, h in zip(hosts, HOSTS, strict=True)
            for title, tasks, hours, places in h.positions
        ]
        Position.objects.bulk_create(positions)
        return positions, {c.host_id: c for c in contacts}

    # -- the people ----------------------------------------------------------

    def people(self, town: Municipality, programme: Programme) -> list[_Person]:
        as_of = self.as_of
        starts = start_days(as_of, GRONINGEN_SIZE - WAITING_COUNT)
        taken: set[str] = set()
        names: set[tuple[str, str]] = set()
        people = []
        for index in range(GRONINGEN_SIZE):
            rng = _rng("persoon", index)
            bsn = _bsn(rng, taken)
            while True:
                first = rng.choice(FIRST_NAMES)
                prefix, last = rng.choice(LAST_NAMES)
                # "Groen" is also a word of an Emmen host's name (Hondsrug Groen en
                # Schoon): as a surname it would read as a person's name in its audit
                # entries. Renamed after the draw, so the random stream stays the same.
                last = SURNAME_INSTEAD.get(last, last)
                if (first, last) not in names:
                    names.add((first, last))
                    break
            born = D(rng.randint(1962, 2001), rng.randint(1, 12), rng.randint(1, 28))
            assistance = (
                None
                if rng.random() < 0.06
                else D(rng.randint(max(born.year + 18, 2008), 2023), rng.randint(1, 12), 1)
            )
            contact = (CASEWORKERS + JOBCOACHES)[index % 8]
            participant = Participant(
                municipality=town,
                programme=programme,
                bsn=bsn,
                first_name=first,
                name_prefix=prefix,
                last_name=last,
                search_name=search_name(first, prefix, last),  # bulk_create skips save()
                date_of_birth=born,
                email=f"{first.lower()}.{last.lower()}.{index}@example.nl",
                phone=f"06-3000{index:04d}",
                street=f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                postcode=f"97{rng.randint(11, 47)} {''.join(rng.choices('ABEGHJKLMNPRSTVWX', k=2))}",
                city="Groningen",
                household_type=rng.choice(HOUSEHOLDS),
                social_assistance_start=assistance,
                contact_person=self.users[contact],
            )
            person = _Person(index, participant)
            if index < len(starts):
                self._story(person, starts[index], rng)
            else:
                self._waiting(person, index - len(starts))
            people.append(person)
        Participant.objects.bulk_create([p.participant for p in people])
        return people

    def _waiting(self, person: _Person, number: int) -> None:
        """Not started: referred two to ten weeks ago; in intake, then waiting."""
        status = (Status.REFERRED, Status.INTAKE, Status.WAITING)[min(2, number // 3)]
        since = self.as_of - dt.timedelta(weeks=2 + (WAITING_COUNT - number) * 8 // WAITING_COUNT)
        person.participant.status = status
        person.participant.status_changed_at = noon(since)

    def _story(self, person: _Person, start: dt.date, rng: random.Random) -> None:
        """The placement's contract periods, renewed six weeks before each end up to
        the as-of day, and the exit when the contract was not renewed."""
        as_of = self.as_of
        person.start = start
        person.track = Track.TRANSITION if rng.random() < 0.55 else Track.SOCIAL_VALUE
        person.hours = rng.choice(HOURS)
        person.lks = rng.random() < 0.3
        for after in (1, 2, 3):
            if rng.random() < LEAVE_CHANCE:
                draw = rng.random()
                person.leave = next(r for share, r in LEAVE_REASONS if draw < share)
                person.leave_after = after
                break
        period = (start, period_end(start, 6))
        person.periods.append(period)
        while period[1] < self.end:
            notice = period[1] - NOTICE
            if notice > as_of:
                break  # not decided yet: on the decisions worklist when it comes near
            sequence = len(person.periods)
            if person.leave is not None and person.leave_after == sequence:
                person.decisions.append((Decision.NOT_RENEW, "", notice))
                if period[1] < as_of:
                    person.exit_date = period[1]
                break
            following = period[1] + dt.timedelta(days=1)
            if sequence == 3:  # a fourth fixed term would be permanent by law
                person.decisions.append((Decision.PERMANENT, PERMANENT_REASON, notice))
                person.permanent = True
                person.periods.append((following, self.end))
                break
            person.decisions.append((Decision.RENEW, "", notice))
            period = (following, min(period_end(following, 6), self.end))
            person.periods.append(period)
        participant = person.participant
        if person.exit_date is not None:
            assert person.leave is not None
            participant.status = Status.EXITED
            participant.exit_date = person.exit_date
            participant.exit_reason = person.leave
            participant.status_changed_at = noon(person.exit_date)
        else:
            participant.status = Status.PLACED
            participant.status_changed_at = noon(start)

    # -- placements and contracts --------------------------------------------

    def placements(
        self, town: Municipality, people: list[_Person], positions: list[Position]
    ) -> None:
        """Each placement at a position of its track with a free place over its days."""
        taken: dict[int, list[tuple[dt.date, dt.date]]] = defaultdict(list)
        placed = [p for p in people if p.start is not None]
        # More places (288) than placements (238): there is always a free one.
        for person in placed:
            assert person.start is not None
            rng = _rng("plek", person.index)
            first, last = person.start, person.exit_date or self.end

            def busy(position: Position, first: dt.date = first, last: dt.date = last) -> int:
                return sum(1 for a, b in taken[position.pk] if a <= last and first <= b)

            free = [p for p in positions if p.track == person.track and busy(p) < p.places] or [
                p for p in positions if busy(p) < p.places
            ]
            position = rng.choice(free)
            taken[position.pk].append((first, last))
            person.position, person.track = position, position.track
            if person.leave is not None:
                person.work = _work(_rng("werk", person.index), person.leave, position.host.name)
            label = str(person.leave.label) if person.leave is not None else ""
            person.placement = Placement(
                municipality=town,
                participant=person.participant,
                position=position,
                track=position.track,
                start_date=person.start,
                end_date=person.exit_date,
                end_reason=label if person.exit_date is not None else "",
            )
        Placement.objects.bulk_create([p.placement for p in placed if p.placement])
        contracts = []
        for person in placed:
            assert person.placement is not None and person.start is not None
            permanent_from = person.periods[3][0] if person.permanent else None
            contracts.append(
                Contract(
                    municipality=town,
                    participant=person.participant,
                    placement=person.placement,
                    employer_name=EMPLOYER,
                    reference=f"{GRONINGEN.cbs_code}-{person.start.year}-{person.index + 1:03d}",
                    employee_number=str(NUMBER_FROM + person.index + 1),
                    wage_subsidy=person.lks,
                    is_permanent=person.permanent,
                    permanent_from=permanent_from,
                )
            )
        Contract.objects.bulk_create(contracts)
        periods: list[list[ContractPeriod]] = [
            [
                ContractPeriod(
                    municipality=town,
                    contract=contract,
                    sequence=sequence,
                    start_date=start,
                    end_date=end,
                    hours_per_week=Decimal(person.hours),
                    hourly_wage=minimum_wage_for_period(start, end),
                )
                for sequence, (start, end) in enumerate(person.periods, start=1)
            ]
            for person, contract in zip(placed, contracts, strict=True)
        ]
        ContractPeriod.objects.bulk_create([p for rows in periods for p in rows])
        decisions = []
        for person, rows in zip(placed, periods, strict=True):
            for number, (decision, reason, notice) in enumerate(person.decisions):
                if decision == Decision.NOT_RENEW:
                    assert person.leave is not None
                    employer = person.work.get("employer", "")
                    reason = NOT_RENEWED[person.leave].format(employer=employer)
                decisions.append(
                    RenewalDecision(
                        municipality=town,
                        period=rows[number],
                        decision=decision,
                        reason=reason,
                        decided_at=noon(notice),
                        notice_sent_on=notice,
                        next_period=rows[number + 1] if number + 1 < len(rows) else None,
                    )
                )
        RenewalDecision.objects.bulk_create(decisions)
        self.result.placements = len(placed)
        self.result.periods = sum(len(rows) for rows in periods)

    # -- exits and follow-ups ----------------------------------------------------

    def exits(self, town: Municipality, programme: Programme, people: list[_Person]) -> None:
        leavers = [p for p in people if p.exit_date is not None]
        exits = []
        for person in leavers:
            assert person.leave is not None and person.placement is not None
            assert person.exit_date is not None
            exits.append(
                Exit(
                    municipality=town,
                    participant=person.participant,
                    programme=programme,
                    placement=person.placement,
                    kind=ExitKind.PROGRAMME,
                    exit_date=person.exit_date,
                    reason=person.leave,
                    track=person.track,
                    spell=1,
                    spell_start=person.start,
                    **person.work,
                )
            )
        Exit.objects.bulk_create(exits)
        follow_ups = []
        for person, exit in zip(leavers, exits, strict=True):
            assert person.exit_date is not None
            answers = _answers(person)
            for months in FOLLOW_UP_MONTHS:
                due = add_months(person.exit_date, months)
                row = FollowUp(municipality=town, exit=exit, months=months, due_date=due)
                if is_recorded(due, self.as_of):
                    for name, value in answers[months].items():
                        setattr(row, name, value)
                    row.measured_on = due + MEASURED_AFTER
                follow_ups.append(row)
        FollowUp.objects.bulk_create(follow_ups)
        self.result.exits = len(exits)
        self.result.follow_ups = len(follow_ups)

    # -- guidance ------------------------------------------------------------

    def guidance(
        self, town: Municipality, people: list[_Person], contacts: dict[int, HostContact]
    ) -> None:
        as_of = self.as_of
        load: dict[tuple[int, dt.date], Decimal] = defaultdict(Decimal)
        hours: list[HoursEntry] = []
        sessions: list[FeedbackSession] = []
        placed = [p for p in people if p.placement is not None]
        running = [p for p in placed if p.exit_date is None]
        # Behind with their sessions: the last to start of those running half a year.
        settled = [p for p in running if p.start and p.start <= as_of - dt.timedelta(weeks=26)]
        behind = {p.index for p in settled[-OVERDUE_PLACEMENTS:]}
        for person in placed:
            hours += self._hours(town, person, load)
            sessions += self._sessions(town, person, contacts, person.index in behind)
        HoursEntry.objects.bulk_create(hours, batch_size=2_000)
        FeedbackSession.objects.bulk_create(sessions, batch_size=2_000)
        month, closed = D(2024, 1, 1), []
        while add_months(month, 2) <= first_of(as_of):
            closed.append(
                ClosedPeriod(municipality=town, month=month, closed_by=self.users[MANAGER])
            )
            month = add_months(month, 1)
        ClosedPeriod.objects.bulk_create(closed)
        self.result.hours = len(hours)
        self.result.sessions = len(sessions)

    def _hours(
        self, town: Municipality, person: _Person, load: dict[tuple[int, dt.date], Decimal]
    ) -> list[HoursEntry]:
        """Per fortnight up to the as-of day: coaching by the contact person, now and
        then another activity by a colleague; intake hours in the first fortnight.
        About 70 hours a year (the norm), more in the first three months."""
        assert person.start is not None
        rng = _rng("uren", person.index)
        participant = person.participant
        own = participant.contact_person
        assert own is not None
        staff = (*CASEWORKERS, *JOBCOACHES)
        colleague = self.users[staff[(person.index + 3) % len(staff)]]
        last = min(person.exit_date or self.as_of, self.as_of)
        rows: list[HoursEntry] = []
        week = person.start - dt.timedelta(days=person.start.weekday())
        number = 0
        while week <= last:
            days = [week + dt.timedelta(days=i) for i in (*range(5), *range(7, 12))]
            days = [d for d in days if person.start <= d <= last]
            if days:
                early = number < 6
                coaching = _quarters(rng.uniform(2.5, 3.5) if early else rng.uniform(1.5, 2.5))
                entries = [(own, Activity.COACHING, coaching)]
                if number == 0:
                    entries.append((own, Activity.INTAKE, Decimal(3)))
                if rng.random() < 0.5:
                    side = _quarters(rng.uniform(0.5, 1.5))
                    entries.append((colleague, rng.choice(SIDE_ACTIVITIES), side))
                for who, activity, amount in entries:
                    wanted = days[(person.index + number) % len(days)]
                    for day in (wanted, *days):
                        if load[(who.pk, day)] + amount <= MAX_HOURS_PER_DAY:
                            load[(who.pk, day)] += amount
                            rows.append(
                                HoursEntry(
                                    municipality=town,
                                    participant=participant,
                                    staff=who,
                                    date=day,
                                    activity=activity,
                                    hours=amount,
                                )
                            )
                            break
            week += dt.timedelta(weeks=2)
            number += 1
        return rows

    def _sessions(
        self,
        town: Municipality,
        person: _Person,
        contacts: dict[int, HostContact],
        behind: bool,
    ) -> list[FeedbackSession]:
        """Held every eight weeks or a few days sooner up to the as-of day (or the
        placement's end), the next one planned; one behind has not held those of
        the last ten weeks, the first of them planned (now overdue)."""
        assert person.start is not None and person.position is not None
        rng = _rng("sessies", person.index)
        base = (rng.choice((2, 3, 3)), rng.choice((2, 2, 3)))
        end = min(person.exit_date or self.end, self.end)
        held_until = self.as_of - BEHIND if behind else self.as_of
        people = {
            "host_contact": contacts.get(person.position.host_id),
            "jobcoach": self.users[JOBCOACHES[person.index % len(JOBCOACHES)]],
            "caseworker": self.users[CASEWORKERS[person.index % len(CASEWORKERS)]],
        }
        rows = []
        day = person.start + dt.timedelta(weeks=8, days=-rng.randint(0, 4))
        number = 1
        while day <= end:
            session = FeedbackSession(
                municipality=town,
                placement=person.placement,
                planned_date=day,
                planned_time=dt.time(10, 0),
                **people,
            )
            rows.append(session)
            if day > held_until:
                break  # the next one, planned
            wellbeing = base[0] + number // 5 + rng.choice((-1, 0, 0, 0, 1))
            finances = base[1] + number // 7 + rng.choice((-1, 0, 0, 0, 1))
            session.status = SessionStatus.HELD
            session.held_on = day
            session.participant_present = rng.random() > 0.05
            session.score_work = rng.choice((3, 4, 4, 5))
            session.score_wellbeing = max(1, min(5, wellbeing))
            session.score_finances = max(1, min(5, finances))
            session.score_host = rng.choice((3, 4, 4, 5))
            session.notes = rng.choice(SESSION_NOTES)
            day += dt.timedelta(weeks=8, days=-rng.randint(0, 4))
            number += 1
        return rows


def _answers(person: _Person) -> dict[int, dict[str, Any]]:
    """The follow-up answers at every measurement after the person's exit: after an
    exit to work most keep working (some lose it from a measurement on), after
    another exit a few find work; about one in ten is not reachable."""
    rng = _rng("nameting", person.index)
    to_work = person.leave in WORK_REASONS
    lost_from = rng.choice((None, None, None, 6, 12)) if to_work else None
    hours = person.work.get("hours_per_week")
    answers: dict[int, dict[str, Any]] = {}
    for months in FOLLOW_UP_MONTHS:
        if rng.random() < NOT_REACHABLE:
            answers[months] = {"status": FollowUpStatus.NOT_REACHABLE, "note": NOT_REACHED}
            continue
        works = (
            (lost_from is None or months < lost_from)
            if to_work
            else rng.random() < WORKING_AFTER_OTHER[months]
        )
        if works:
            partial = rng.random() < 0.25
            answers[months] = {
                "status": FollowUpStatus.MEASURED,
                "works": True,
                "hours_per_week": hours if hours else Decimal(rng.choice((12, 16, 20))),
                "same_employer": to_work and rng.random() < 0.85,
                "assistance": Assistance.PARTIAL if partial else Assistance.NONE,
                "assistance_amount": Decimal(rng.randint(12000, 48000)) / 100 if partial else None,
            }
            continue
        education = person.leave == ExitReason.EDUCATION
        answers[months] = {
            "status": FollowUpStatus.MEASURED,
            "works": False,
            "assistance": Assistance.NONE if education or rng.random() < 0.1 else Assistance.FULL,
            "note": "Volgt een opleiding." if education else "",
        }
    return answers


def load_groningen(users: dict[str, User], as_of: dt.date) -> GroningenResult:
    """Write Groningen's programme as of ``as_of`` (in the caller's transaction):
    the municipality, its memberships and coaches, the programme with its settings
    (through the services), then the rest in bulk."""
    loader = _Loader(users, as_of)
    town = loader.municipality()
    programme = loader.programme(town)
    positions, contacts = loader.hosts(town)
    people = loader.people(town, programme)
    loader.placements(town, people, positions)
    loader.exits(town, programme, people)
    loader.guidance(town, people, contacts)
    versions.changed(town.pk)  # written in bulk: no signal raised the data version
    result = loader.result
    result.participants = len(people)
    statuses: dict[str, int] = defaultdict(int)
    for person in people:
        statuses[person.participant.status] += 1
    result.per_status = dict(statuses)
    return result
