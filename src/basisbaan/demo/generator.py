"""Bulk synthetic data for benchmarks: many participants, fast.

Unlike :mod:`basisbaan.demo.loader` this does NOT go through the services and
writes no audit entries: rows are built in memory and inserted with
``bulk_create`` in batches. Values are still valid (BSNs pass the eleven-test
and are unique per municipality, dates are consistent and within the
programme, positions are not over-filled), so pages and API responses behave
as with real data.

Dates are relative to ``as_of`` (the command's ``--as-of``, default today): a
running placement covers that day, an ended one lies before it. The same seed
and as-of day give the same data.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from basisbaan.calc.dates import period_end
from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.core import versions
from basisbaan.demo.data import DEMO_PASSWORD, bsn_check_digit, minimum_wage_for_period
from basisbaan.demo.story import noon
from basisbaan.hosts.constants import HostKind, Track
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.participants.constants import ExitReason, HouseholdType, ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.participants.search import search_name
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Role

__all__ = [
    "PROGRAMME_END",
    "PROGRAMME_START",
    "AlreadyFilledError",
    "GenerateResult",
    "generate",
    "neighbour_slug",
]

BATCH_SIZE = 5_000
PROGRAMME_SLUG = "basisbanen"
PROGRAMME_START = dt.date(2024, 1, 1)  # the first date with a statutory hourly minimum wage
PROGRAMME_END = dt.date(2027, 12, 31)
PERIOD_MONTHS = 6
PARTICIPANTS_PER_HOST = 50
PARTICIPANTS_PER_STAFF = 1_000
POSITIONS_PER_HOST = 2


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    "Anna Bart Baukje Bram Daan Dennis Dirk Emma Eva Fatima Femke Froukje Geert Gerda Hanna "
    "Harm Hendrik Ilse Ingrid Jan Jelle Jesse Johan Joost Julia Kees Klaas Koen Lars Laura "
    "Lieke Linda Lisa Lotte Luuk Maaike Marco Maria Marieke Mark Martijn Mila Mohamed Monique "
    "Nadia Niels Nicole Noah Noor Omar Petra Pieter Rik Rients Rob Ruud Saskia Sander Sanne "
    "Sara Sem Sietske Sjoerd Sophie Stefan Tess Thijs Tim Tjitske Tom Wietske Willem Youssef "
    "Yvonne Zoë Ahmed Ayse Emre Kevin Priya Ricardo Wendy Anouk Bas Carla Douwe Erik Gerrit Ilona"
)
LAST_NAMES: tuple[tuple[str, str], ...] = tuple(
    (prefix, last)
    for prefix, names in (
        (
            "",
            "Bakker Boersma Bosma Brouwer Dijkstra Faber Haddou Hiemstra Hoekstra Jansen Jansma "
            "Kingma Koopmans Kramer Kuipers Mulder Nauta Postma Sikkema Smit Terpstra Veenstra "
            "Visser Wijnsma Wouda Yilmaz Zijlstra Meijer Hofstra Kok Peters Willems Hendriks "
            "Dekker Vos Schouten Groen Huisman Lubbers Nijboer Wubs Hadders Benali Amrani Schaap",
        ),
        ("de", "Vries Jong Boer Graaf Haan Wit Vos Bruijn Groot Lange"),
        ("van", "Dijk Leeuwen Wijk Dam Vliet Beek Loon Houten"),
        ("van der", "Meer Veen Berg Linden Zee Heide Wal"),
        ("van den", "Berg Broek Bosch Heuvel"),
    )
    for last in _words(names)
)
STREETS = _words(
    "Kerkstraat Schoolstraat Molenweg Dorpsstraat Stationsweg Julianastraat Beatrixlaan "
    "Lindelaan Eikenlaan Berkenstraat Parkweg Kanaalweg Havenstraat Noorderweg Zuiderweg "
    "Oosterstraat Westerstraat Tuinstraat Rozenstraat Sluisweg Vijverstraat Esdoornstraat"
)
POSTCODE_LETTERS = "ABCEGHJKLMNPRTVWXZ"  # no F, I, O, Q, U, Y: as Dutch postcodes
HOST_NAMES: dict[HostKind, tuple[Sequence[str], Track]] = {
    HostKind.EMPLOYER: (
        (
            "Groenbedrijf",
            "Zorgcentrum",
            "Schoonmaakbedrijf",
            "Facilitair bedrijf",
            "Kringloopbedrijf",
            "Hoveniersbedrijf",
        ),
        Track.TRANSITION,
    ),
    HostKind.SOCIAL_ORGANISATION: (
        ("Bibliotheek", "Sportvereniging", "Buurthuis", "Speeltuinvereniging", "Voedselbank"),
        Track.SOCIAL_VALUE,
    ),
    HostKind.NEIGHBOURHOOD_TEAM: (("Wijkteam",), Track.SOCIAL_VALUE),
}
PLACE_WORDS = (
    "Noord",
    "Oost",
    "Zuid",
    "West",
    "Centrum",
    "De Linde",
    "Het Anker",
    "De Brug",
    "De Horst",
    "Het Veld",
    "De Schakel",
    "Het Baken",
)
POSITION_TITLES = {
    Track.TRANSITION: ("Medewerker groenonderhoud", "Medewerker facilitaire dienst"),
    Track.SOCIAL_VALUE: ("Buurtconciërge", "Medewerker ontmoeting"),
}
HOURS = tuple(Decimal(h) for h in ("24", "26", "28", "30", "32", "36"))
HOUSEHOLDS = (
    [HouseholdType.SINGLE] * 5
    + [HouseholdType.SINGLE_PARENT] * 2
    + [HouseholdType.COUPLE] * 1
    + [HouseholdType.COUPLE_WITH_CHILDREN] * 1
    + [HouseholdType.OTHER] * 1
)
EXIT_REASONS = (
    ExitReason.REGULAR_WORK_HOST,
    ExitReason.REGULAR_WORK_ELSEWHERE,
    ExitReason.EDUCATION,
    ExitReason.MOVED,
    ExitReason.OWN_CHOICE,
    ExitReason.HEALTH,
)
# Cumulative shares of the participants' statuses; "placed" and "exited after
# a placement" have a placement, so a little over half have one.
STATUS_SHARES: tuple[tuple[float, str], ...] = (
    (0.45, "placed"),
    (0.55, "exited_after_placement"),
    (0.70, ParticipantStatus.WAITING),
    (0.78, ParticipantStatus.INTAKE),
    (0.85, ParticipantStatus.REFERRED),
    (0.90, ParticipantStatus.REJECTED),
    (1.00, ParticipantStatus.EXITED),
)


class AlreadyFilledError(Exception):
    """The municipality already has participants and ``append`` was not asked."""


@dataclass(frozen=True, slots=True)
class Plan:
    """A placement's contract periods (start, end), and whether it has ended."""

    periods: list[tuple[dt.date, dt.date]]
    ended: bool


@dataclass
class GenerateResult:
    municipality: str
    participants: int = 0
    hosts: int = 0
    positions: int = 0
    placements: int = 0
    contracts: int = 0
    periods: int = 0
    staff: int = 0
    seconds: float = 0.0


def neighbour_slug(slug: str) -> str:
    """The slug of the small second municipality generated next to ``slug``."""
    return f"{slug}-buur"


def _municipality(slug: str, name: str | None = None) -> Municipality:
    default = "Benchmarkgemeente" if slug == "benchmark" else slug.replace("-", " ").title()
    municipality, _created = Municipality.objects.get_or_create(
        slug=slug, defaults={"name": name or default}
    )
    return municipality


def generate(
    *,
    participants: int,
    as_of: dt.date,
    slug: str = "benchmark",
    neighbour_participants: int | None = None,
    seed: int = 1,
    append: bool = False,
    batch_size: int = BATCH_SIZE,
    log: Callable[[str], None] | None = None,
) -> list[GenerateResult]:
    """Generate ``participants`` in municipality ``slug`` (made when missing) and a
    small neighbouring municipality, in one transaction, as the programme stands
    on ``as_of`` (within :data:`PROGRAMME_START` .. :data:`PROGRAMME_END`).

    Refuses (:class:`AlreadyFilledError`) when the municipality already has
    participants, unless ``append``. The neighbour (default: a tenth of
    ``participants``, at least 20; 0 for none) is filled only while it is empty,
    or with ``append``.
    """
    if not PROGRAMME_START < as_of <= PROGRAMME_END:
        raise ValueError(f"as_of {as_of} lies outside the generated programme")
    say = log or (lambda _message: None)
    if neighbour_participants is None:
        neighbour_participants = max(20, participants // 10)
    with transaction.atomic():
        main = _municipality(slug)
        if not append and Participant.objects.filter(municipality=main).exists():
            raise AlreadyFilledError(
                f"Gemeente {main.name} heeft al deelnemers; gebruik --append om er meer bij "
                "te maken (met een andere --seed voor andere namen)."
            )
        rng = random.Random(seed)  # noqa: S311 - synthetic test data
        results = [_Filler(main, rng, batch_size, say, as_of).fill(participants)]
        if neighbour_participants:
            neighbour = _municipality(neighbour_slug(slug), f"{main.name} (buurgemeente)")
            if append or not Participant.objects.filter(municipality=neighbour).exists():
                rng = random.Random(seed + 1)  # noqa: S311 - synthetic test data
                filler = _Filler(neighbour, rng, batch_size, say, as_of)
                results.append(filler.fill(neighbour_participants))
                versions.changed(neighbour.pk)
        # Written with bulk_create: no signal raised the data versions.
        versions.changed(main.pk)
    _analyse()
    return results


def _analyse() -> None:
    """Refresh the planner's statistics after a bulk load.

    On PostgreSQL also VACUUM (when not inside a transaction), so the visibility
    map is set and counts can use index-only scans, as on a settled database.
    """
    tables = [
        m._meta.db_table
        for m in (Participant, Placement, Contract, ContractPeriod, Host, HostContact, Position)
    ]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            command = "ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE"
            cursor.execute(f"{command} " + ", ".join(connection.ops.quote_name(t) for t in tables))
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")


class _Filler:
    """Fills one municipality. All randomness comes from ``rng``: same seed, same data."""

    def __init__(
        self,
        municipality: Municipality,
        rng: random.Random,
        batch_size: int,
        log: Callable[[str], None],
        as_of: dt.date,
    ) -> None:
        self.municipality = municipality
        self.rng = rng
        self.batch_size = batch_size
        self.log = log
        self.today = as_of
        self.now = noon(as_of)
        self.result = GenerateResult(municipality=municipality.name)

    def fill(self, count: int) -> GenerateResult:
        started = time.perf_counter()
        programme = self._programme()
        staff_ids = self._staff(max(2, count // PARTICIPANTS_PER_STAFF))
        positions = self._hosts(max(2, count // PARTICIPANTS_PER_HOST))
        bsns = set(
            Participant.objects.filter(municipality=self.municipality).values_list("bsn", flat=True)
        )
        done = 0
        while done < count:
            size = min(self.batch_size, count - done)
            self._batch(size, programme, staff_ids, positions, bsns)
            done += size
            self.log(f"  {self.municipality.name}: {done} / {count} deelnemers")
        self.result.seconds = time.perf_counter() - started
        return self.result

    # -- set-up ------------------------------------------------------------

    def _programme(self) -> Programme:
        programme, _created = Programme.objects.get_or_create(
            municipality=self.municipality,
            slug=PROGRAMME_SLUG,
            defaults={
                "name": f"Basisbanen {self.municipality.name}",
                "description": "Gegenereerde testgegevens voor benchmarks.",
                "start_date": PROGRAMME_START,
                "end_date": PROGRAMME_END,
                "contract_period_months": PERIOD_MONTHS,
            },
        )
        return programme

    def _staff(self, count: int) -> list[int]:
        """Caseworkers and jobcoaches to be contact persons (password "demo")."""
        prefix = f"{self.municipality.slug}-medewerker-"
        existing = set(
            User.objects.filter(username__startswith=prefix).values_list("username", flat=True)
        )
        password = make_password(DEMO_PASSWORD)
        new_users = [
            User(
                username=f"{prefix}{i:04d}",
                first_name=self.rng.choice(FIRST_NAMES),
                last_name=self.rng.choice(LAST_NAMES)[1],
                email=f"{prefix}{i:04d}@example.nl",
                password=password,
            )
            for i in range(1, count + 1)
            if f"{prefix}{i:04d}" not in existing
        ]
        User.objects.bulk_create(new_users, batch_size=self.batch_size)
        users = list(User.objects.filter(username__startswith=prefix).order_by("username"))
        have = set(
            Membership.objects.filter(municipality=self.municipality, user__in=users).values_list(
                "user_id", flat=True
            )
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    user=user,
                    municipality=self.municipality,
                    role=Role.CASEWORKER if i % 2 == 0 else Role.JOBCOACH,
                )
                for i, user in enumerate(users)
                if user.pk not in have
            ]
        )
        self.result.staff = len(new_users)
        return [user.pk for user in users]

    def _hosts(self, count: int) -> list[Position]:
        """New hosts (numbered after the existing ones), one contact each, and positions."""
        rng = self.rng
        offset = Host.objects.filter(municipality=self.municipality).count()
        kinds = (
            [HostKind.EMPLOYER] * 6
            + [HostKind.SOCIAL_ORGANISATION] * 3
            + [HostKind.NEIGHBOURHOOD_TEAM] * 1
        )
        hosts = []
        for i in range(offset + 1, offset + count + 1):
            kind = rng.choice(kinds)
            words, _track = HOST_NAMES[kind]
            hosts.append(
                Host(
                    municipality=self.municipality,
                    name=f"{rng.choice(words)} {rng.choice(PLACE_WORDS)} {i}",
                    kind=kind,
                    street=f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
                    postcode=self._postcode(),
                    city=self.municipality.name,
                    notes="Gegenereerd voor benchmarks.",
                )
            )
        Host.objects.bulk_create(hosts, batch_size=self.batch_size)
        HostContact.objects.bulk_create(
            [
                HostContact(
                    municipality=self.municipality,
                    host=host,
                    name=f"{rng.choice(FIRST_NAMES)} {self._last_name()}",
                    role="Leidinggevende",
                    email=f"contact{host.pk}@example.nl",
                )
                for host in hosts
            ],
            batch_size=self.batch_size,
        )
        # Enough places for the expected placements: ~PARTICIPANTS_PER_HOST / 2
        # placements per host, spread over its positions at random.
        places = PARTICIPANTS_PER_HOST
        positions = [
            Position(
                municipality=self.municipality,
                host=host,
                title=title,
                tasks="Gegenereerd voor benchmarks.",
                hours_per_week=rng.choice(HOURS),
                track=HOST_NAMES[HostKind(host.kind)][1],
                places=places,
            )
            for host in hosts
            for title in POSITION_TITLES[HOST_NAMES[HostKind(host.kind)][1]][:POSITIONS_PER_HOST]
        ]
        Position.objects.bulk_create(positions, batch_size=self.batch_size)
        self.result.hosts += len(hosts)
        self.result.positions += len(positions)
        return positions

    # -- small random values -----------------------------------------------

    def _postcode(self) -> str:
        letters = self.rng.choices(POSTCODE_LETTERS, k=2)
        return f"{self.rng.randint(1000, 9999)} {''.join(letters)}"

    def _last_name(self) -> str:
        prefix, last = self.rng.choice(LAST_NAMES)
        return f"{prefix} {last}" if prefix else last

    def _bsn(self, taken: set[str]) -> str:
        rng = self.rng
        while True:
            first8 = str(rng.randrange(10_000_000, 100_000_000))
            last = bsn_check_digit(first8)
            if last is not None:
                bsn = f"{first8}{last}"
                if bsn not in taken:
                    taken.add(bsn)
                    return bsn

    def _date_between(self, first: dt.date, last: dt.date) -> dt.date:
        return dt.date.fromordinal(self.rng.randint(first.toordinal(), last.toordinal()))

    # -- one batch ---------------------------------------------------------

    def _batch(
        self,
        size: int,
        programme: Programme,
        staff_ids: list[int],
        positions: list[Position],
        bsns: set[str],
    ) -> None:
        rng = self.rng
        people: list[Participant] = []
        plans: list[tuple[Participant, Plan]] = []
        for _ in range(size):
            participant, plan = self._participant(programme, staff_ids, bsns)
            people.append(participant)
            if plan is not None:
                plans.append((participant, plan))
        Participant.objects.bulk_create(people, batch_size=self.batch_size)

        placements: list[Placement] = []
        contracts: list[Contract] = []
        for participant, plan in plans:
            position = rng.choice(positions)
            placement = Placement(
                municipality=self.municipality,
                participant=participant,
                position=position,
                track=position.track,
                start_date=plan.periods[0][0],
                end_date=plan.periods[-1][1] if plan.ended else None,
                end_reason="Einde contract" if plan.ended else "",
            )
            placements.append(placement)
            # Like the chain rule: a fourth period in a row makes the contract permanent.
            permanent_from = plan.periods[3][0] if len(plan.periods) > 3 else None
            contracts.append(
                Contract(
                    municipality=self.municipality,
                    participant=participant,
                    placement=placement,
                    employer_name="Payrollbedrijf Benchmark",
                    reference=f"GEN-{participant.pk}",
                    employee_number=f"{participant.pk:08d}",
                    wage_subsidy=rng.random() < 0.3,
                    is_permanent=permanent_from is not None,
                    permanent_from=permanent_from,
                )
            )
        Placement.objects.bulk_create(placements, batch_size=self.batch_size)
        Contract.objects.bulk_create(contracts, batch_size=self.batch_size)

        periods: list[ContractPeriod] = []
        for contract, (_participant, plan) in zip(contracts, plans, strict=True):
            hours = rng.choice(HOURS)
            periods.extend(
                ContractPeriod(
                    municipality=self.municipality,
                    contract=contract,
                    sequence=sequence,
                    start_date=start,
                    end_date=end,
                    hours_per_week=hours,
                    hourly_wage=minimum_wage_for_period(start, end),
                )
                for sequence, (start, end) in enumerate(plan.periods, start=1)
            )
        ContractPeriod.objects.bulk_create(periods, batch_size=self.batch_size)

        self.result.participants += len(people)
        self.result.placements += len(placements)
        self.result.contracts += len(contracts)
        self.result.periods += len(periods)

    def _participant(
        self, programme: Programme, staff_ids: list[int], bsns: set[str]
    ) -> tuple[Participant, Plan | None]:
        """A participant, and the plan of its placement and contract if it has one."""
        rng = self.rng
        draw = rng.random()
        kind = next(name for share, name in STATUS_SHARES if draw < share)
        plan: Plan | None = None
        exit_reason = ""
        exit_date: dt.date | None = None
        if kind == "placed":
            status = ParticipantStatus.PLACED
            plan = self._plan(rng.randint(1, 4), ended=False)
        elif kind == "exited_after_placement":
            status = ParticipantStatus.EXITED
            plan = self._plan(rng.randint(1, 4), ended=True)
            exit_date = plan.periods[-1][1]
            exit_reason = rng.choice(EXIT_REASONS)
        else:
            status = ParticipantStatus(kind)
            if status == ParticipantStatus.EXITED:
                exit_date = self._date_between(PROGRAMME_START, self.today)
                exit_reason = ExitReason.OTHER
        born = self._date_between(dt.date(1960, 1, 1), dt.date(2004, 12, 31))
        assistance = self._date_between(
            max(dt.date(born.year + 18, born.month, min(born.day, 28)), dt.date(2005, 1, 1)),
            dt.date(2024, 6, 30),
        )
        first = rng.choice(FIRST_NAMES)
        prefix, last = rng.choice(LAST_NAMES)
        participant = Participant(
            municipality=self.municipality,
            programme=programme,
            bsn=self._bsn(bsns),
            first_name=first,
            name_prefix=prefix,
            last_name=last,
            search_name=search_name(first, prefix, last),  # bulk_create skips save()
            date_of_birth=born,
            email=f"{first.lower()}.{last.lower()}{rng.randint(1, 999)}@example.nl",
            street=f"{rng.choice(STREETS)} {rng.randint(1, 200)}",
            postcode=self._postcode(),
            city=self.municipality.name,
            household_type=rng.choice(HOUSEHOLDS),
            social_assistance_start=assistance,
            status=status,
            status_changed_at=self.now,
            exit_date=exit_date,
            exit_reason=exit_reason,
            contact_person_id=rng.choice(staff_ids),
        )
        return participant, plan

    def _plan(self, count: int, *, ended: bool) -> Plan:
        """Contract periods of ``count`` x 6 months (the last clipped to the
        programme's end): for an active placement they cover the as-of day, for
        an ended one they lie wholly before it (fewer, or the last cut short,
        when the programme has not run that long)."""
        today = self.today
        if ended:
            count = max(1, min(count, (today - PROGRAMME_START).days // 184))
            latest = max(PROGRAMME_START, today - dt.timedelta(days=count * 183 + 1))
            start = self._date_between(PROGRAMME_START, latest)
        else:
            back = self.rng.randint(0, count * 183 - 2)
            start = max(PROGRAMME_START, today - dt.timedelta(days=back))
        last = today - dt.timedelta(days=1) if ended else PROGRAMME_END
        periods = []
        for _ in range(count):
            if start > last:
                break
            end = min(period_end(start, PERIOD_MONTHS), last)
            periods.append((start, end))
            start = end + dt.timedelta(days=1)
        return Plan(periods=periods, ended=ended)
