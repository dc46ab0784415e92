"""Emmen's older, completed programme: the "Pilot basisbanen Emmen 2024-2025".

Invented as a whole (docs/demo.md, "Outcomes in the demo"), so that every outcome
figure has history behind it: 40 participants placed in waves from January 2024
to June 2025, half-year contracts with the municipality as employer (the fourth
permanent by the chain rule), 19 who left before the end for a reason from the
fixed list, one of whom came back for a second spell, and everyone else leaving
with the programme's end on 31-12-2025. Guidance hours per fortnight, feedback
sessions every six to eight weeks with well-being and finances scores that
improve a little, and follow-up measurements after every exit.

Not 2021-2023: the national parameter tables (minimum wage, premiums, social
assistance norms) start in 2023/2024, so an older programme could not be costed.

Everything is drawn from one seeded generator (:data:`SEED`) when this module is
imported, never from the as-of day: :mod:`basisbaan.demo.loader` writes the part
of it that lies on or before that day.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Final

from basisbaan.calc.dates import MAX_HOURS_PER_DAY, add_months, period_end
from basisbaan.demo.data import (
    D,
    DemoHost,
    DemoLeave,
    DemoMunicipality,
    DemoParticipant,
    DemoPlacement,
    DemoProgramme,
    _pos,
)
from basisbaan.demo.generator import FIRST_NAMES, LAST_NAMES, STREETS
from basisbaan.demo.outcomes import NOT_REACHED, Answer
from basisbaan.guidance import services
from basisbaan.guidance.constants import Activity
from basisbaan.guidance.importing import hours_import
from basisbaan.hosts.constants import HostKind, Track
from basisbaan.hosts.models import HostContact
from basisbaan.outcomes.constants import FOLLOW_UP_MONTHS, Assistance, ContractType, WageBand
from basisbaan.participants.constants import ExitReason, HouseholdType, ParticipantStatus
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality, User

__all__ = [
    "PILOT",
    "PILOT_CLOSED_REASON",
    "PILOT_GUIDANCE_SETTINGS",
    "PILOT_MUNICIPALITY",
    "PILOT_PEOPLE",
    "PILOT_SIZE",
    "PilotPerson",
    "PilotReturn",
    "answers_for",
    "load_pilot_guidance",
]

SEED: Final = 20240101
PILOT_SIZE: Final = 40
STAFF: Final = ("consulent-2", "jobcoach-2")

PILOT = DemoProgramme(
    name="Pilot basisbanen Emmen 2024-2025",
    slug="pilot-2024-2025",
    description=(
        "Afgeronde pilot (synthetische demogegevens): 40 deelnemers in golven geplaatst van "
        "januari 2024 tot juni 2025, contracten van een half jaar bij de gemeente, "
        "twee sporen. Voorganger van het programma Basisbanen Emmen."
    ),
    start_date=D(2024, 1, 1),
    end_date=D(2025, 12, 31),
    contract_period_months=6,
    employer_name="Gemeente Emmen",
    notice_weeks=None,  # on the legal deadline, a month before the end
)
PILOT_CLOSED_REASON: Final = "De pilot is afgerond op 31-12-2025."
PILOT_GUIDANCE_SETTINGS: Final[dict[str, Any]] = {
    "norm_hours": Decimal(180),
    "cadence_weeks": 7,
    # An assumption for the demo, not an official figure.
    "hourly_rate": Decimal("68.00"),
    "rate_source": "Demo: aangenomen intern tarief",
    "rate_date": D(2024, 1, 1),
}

T = Track
PILOT_HOSTS: Final = (
    DemoHost(
        "Groenbedrijf Emmen-Zuid B.V.", HostKind.EMPLOYER, "Phileas Foggstraat 30", "7825 AK",
        "Emmen", "Jan Tiggelaar", "Uitvoerder",
        (_pos("pilot-groen", "Medewerker groenvoorziening",
              "Maaien, snoeien en zwerfafval in de openbare ruimte.", "32", T.TRANSITION, 12),),
    ),
    DemoHost(
        "Zorggroep De Horst", HostKind.EMPLOYER, "Boermarkeweg 2", "7824 AA", "Emmen",
        "Ineke Bruins", "Hoofd facilitaire dienst",
        (_pos("pilot-zorg", "Medewerker facilitaire dienst",
              "Linnen, maaltijden rondbrengen en kleine klussen op de afdelingen.", "28",
              T.TRANSITION, 10),),
    ),
    DemoHost(
        "Kringloopwinkel De Tweede Kans", HostKind.EMPLOYER, "Statenweg 11", "7812 CV", "Emmen",
        "Roelof Kamping", "Bedrijfsleider",
        (_pos("pilot-kringloop", "Medewerker kringloopwinkel",
              "Goederen ophalen, sorteren, prijzen en de winkel bijhouden.", "30",
              T.TRANSITION, 8),),
    ),
    DemoHost(
        "Wijkteam Emmerhout", HostKind.NEIGHBOURHOOD_TEAM, "Houtweg 4", "7823 PK", "Emmen",
        "Aaltje Sleeking", "Coördinator wijkteam",
        (_pos("pilot-wijk", "Buurtconciërge",
              "Aanspreekpunt in de buurt, kleine klussen, signaleren en doorverwijzen.", "32",
              T.SOCIAL_VALUE, 10),),
    ),
    DemoHost(
        "Buurthuis Angelslo", HostKind.SOCIAL_ORGANISATION, "Angelsloërdijk 1", "7822 HJ",
        "Emmen", "Wim Hoving", "Beheerder",
        (_pos("pilot-buurthuis", "Medewerker buurthuis",
              "Gastvrouw/gastheer, zalen klaarzetten, hulp bij de buurtmaaltijd.", "24",
              T.SOCIAL_VALUE, 8),),
    ),
)  # fmt: skip
TRANSITION_POSITIONS: Final = ("pilot-groen", "pilot-zorg", "pilot-kringloop")
ALL_POSITIONS: Final = (*TRANSITION_POSITIONS, "pilot-wijk", "pilot-buurthuis")
HOST_OF: Final = {host.positions[0].key: host.name for host in PILOT_HOSTS}

# Placements start in waves: (first day, how many).
WAVES: Final = (
    (D(2024, 1, 1), 10),
    (D(2024, 3, 1), 6),
    (D(2024, 6, 1), 6),
    (D(2024, 9, 1), 6),
    (D(2025, 1, 1), 6),
    (D(2025, 4, 1), 4),
    (D(2025, 6, 1), 2),
)
# The exits before the programme's end (the rest leave with it).
EARLY_EXITS: Final = (
    *(ExitReason.REGULAR_WORK_HOST,) * 5,
    *(ExitReason.REGULAR_WORK_ELSEWHERE,) * 5,
    *(ExitReason.EDUCATION,) * 2,
    *(ExitReason.OWN_CHOICE,) * 3,
    *(ExitReason.HEALTH,) * 2,
    ExitReason.MOVED,
    ExitReason.DISMISSAL,
)
LEAVE_REASONS: Final = {
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
    "Supermarkt Emmen-Centrum",
    "Logistiek Centrum Zuidoost-Drenthe",
    "Schoonmaakbedrijf Hondsrug",
    "Bouwbedrijf Drenthe Noord B.V.",
    "Horecagroep Emmen",
    "Installatiebedrijf Klazienaveen",
)
HOUSEHOLDS: Final = (
    *(HouseholdType.SINGLE,) * 4,
    *(HouseholdType.SINGLE_PARENT,) * 2,
    HouseholdType.COUPLE,
    *(HouseholdType.COUPLE_WITH_CHILDREN,) * 2,
)
WITHOUT_ASSISTANCE: Final = 3  # not on social assistance before: no savings
# The participant who left on her own choice and came back: referred again this
# long after the exit, placed again two months later.
RETURN_AFTER_MONTHS: Final = 4
# Per exit to work, in the order of the participants: the measurement from which
# the person no longer works (None: works at every one).
WORK_LOST_FROM: Final = (None, None, 6, None, None, None, None, 3, 18, None)
PLACED_AFTER_MONTHS: Final = 2


@dataclass(frozen=True)
class PilotReturn:
    """A second spell: referred again on ``referred``, then placed."""

    referred: dt.date
    placement: DemoPlacement


@dataclass(frozen=True)
class PilotPerson:
    person: DemoParticipant  # ``person.placement``: the first spell
    work: dict[str, Any] = field(default_factory=dict)  # the work after an exit to work
    again: PilotReturn | None = None
    # After an exit to work: the measurement from which the person no longer
    # works (None: works at every measurement).
    work_lost_from: int | None = None


def _rng(*key: object) -> random.Random:
    return random.Random("-".join(map(str, (SEED, *key))))  # noqa: S311 - synthetic demo data


def _period_ends(start: dt.date) -> list[dt.date]:
    """The ends of a placement's first three periods (before the fourth, which the
    chain rule makes permanent) that lie before the programme's end."""
    ends, end = [], start - dt.timedelta(days=1)
    for _period in range(3):
        end = period_end(end + dt.timedelta(days=1), PILOT.contract_period_months)
        if end >= PILOT.end_date:
            break
        ends.append(end)
    return ends


def _work(rng: random.Random, reason: ExitReason, position: str) -> dict[str, Any]:
    if reason not in (ExitReason.REGULAR_WORK_HOST, ExitReason.REGULAR_WORK_ELSEWHERE):
        return {}
    employer = (
        HOST_OF[position]
        if reason == ExitReason.REGULAR_WORK_HOST
        else rng.choice(EMPLOYERS_ELSEWHERE)
    )
    return {
        "employer": employer,
        "hours_per_week": Decimal(rng.choice((24, 28, 32, 36))),
        "contract_type": rng.choice(
            (ContractType.FIXED_TERM, ContractType.FIXED_TERM, ContractType.PERMANENT)
        ),
        "wage_band": rng.choice(
            (WageBand.MINIMUM, WageBand.MINIMUM, WageBand.MINIMUM, WageBand.LOW, WageBand.MIDDLE)
        ),
    }


def _people() -> tuple[PilotPerson, ...]:
    """The whole pilot, drawn from :data:`SEED`."""
    rng = _rng("pilot")
    starts = [day for day, count in WAVES for _n in range(count)]
    assert len(starts) == PILOT_SIZE
    # Person 0 (first wave) is the one who returns; the other early exits at random.
    order = rng.sample(range(1, PILOT_SIZE), len(EARLY_EXITS) - 1)
    reasons = list(EARLY_EXITS)
    reasons.remove(ExitReason.OWN_CHOICE)
    leavers = {0: ExitReason.OWN_CHOICE, **dict(zip(order, reasons, strict=True))}
    without = set(rng.sample(range(1, PILOT_SIZE), WITHOUT_ASSISTANCE))
    taken: set[tuple[str, str]] = set()
    people = []
    for index, start in enumerate(starts):
        while True:
            first = rng.choice(FIRST_NAMES)
            prefix, last = rng.choice(LAST_NAMES)
            if (first, last) not in taken:
                taken.add((first, last))
                break
        reason = leavers.get(index)
        transition = reason == ExitReason.REGULAR_WORK_HOST or rng.random() < 0.55
        position = rng.choice(TRANSITION_POSITIONS if transition else ALL_POSITIONS[3:])
        born = D(rng.randint(1962, 1998), rng.randint(1, 12), rng.randint(1, 28))
        assistance = None if index in without else D(rng.randint(2012, 2023), rng.randint(1, 12), 1)
        hours = Decimal(rng.choice((24, 28, 32, 36)))
        lks = rng.random() < 0.3
        work: dict[str, Any] = {}
        leave = None
        if reason is not None:
            ends = _period_ends(start)
            after = 1 if index == 0 else rng.randint(1, len(ends))
            work = _work(rng, reason, position)
            text = LEAVE_REASONS[reason].format(employer=work.get("employer", ""))
            leave = DemoLeave(after, text, reason)
        street = f"{rng.choice(STREETS)} {rng.randint(1, 120)}"
        postcode = f"78{rng.randint(11, 45)} {rng.choice('ABCEGHJKLMNPRTVWXZ')}" + rng.choice(
            "ABCEGHJKLMNPRTVWXZ"
        )
        person = DemoParticipant(
            first,
            prefix,
            last,
            born,
            rng.choice(HOUSEHOLDS),
            assistance,
            street,
            postcode,
            STAFF[index % 2],
            ParticipantStatus.PLACED,
            DemoPlacement(position, start, hours, lks, leave),
        )
        again = None
        if index == 0:
            assert leave is not None
            left = _period_ends(start)[0]
            referred = add_months(left + dt.timedelta(days=1), RETURN_AFTER_MONTHS)
            placed = add_months(referred, PLACED_AFTER_MONTHS)
            again = PilotReturn(referred, DemoPlacement("pilot-buurthuis", placed, hours, False))
        people.append(PilotPerson(person, work, again))
    # The work leavers in order keep their work, or lose it from a measurement on:
    # 8 of 10 still work at 6 months, 7 at 18 (the plausible mix).
    lost = iter(WORK_LOST_FROM)
    return tuple(replace(p, work_lost_from=next(lost)) if p.work else p for p in people)


PILOT_PEOPLE: Final = _people()
PILOT_MUNICIPALITY: Final = DemoMunicipality(
    name="Emmen",
    slug="emmen",
    cbs_code="GM0114",
    city="Emmen",
    programme=PILOT,
    hosts=PILOT_HOSTS,
    participants=tuple(p.person for p in PILOT_PEOPLE),
)

# -- follow-up answers ---------------------------------------------------------------------

# The share working at each measurement after an exit that was not to work.
WORKING_AFTER_OTHER: Final = {1: 0.05, 3: 0.1, 6: 0.15, 12: 0.2, 18: 0.25}
NOT_REACHABLE: Final = 0.1


def answers_for(
    index: int, spell: int, reason: str, hours: Decimal | None, lost_from: int | None = None
) -> dict[int, Answer]:
    """The answers at every measurement after person ``index``'s exit from ``spell``;
    after an exit to work (``hours`` a week) the person works until the measurement
    ``lost_from``, after another exit now and then."""
    rng = _rng("nameting", index, spell)
    to_work = reason in (ExitReason.REGULAR_WORK_HOST, ExitReason.REGULAR_WORK_ELSEWHERE)
    answers = {}
    for months in FOLLOW_UP_MONTHS:
        if rng.random() < NOT_REACHABLE:
            answers[months] = Answer(reachable=False, note=NOT_REACHED)
            continue
        if to_work:
            works = lost_from is None or months < lost_from
        else:
            works = rng.random() < WORKING_AFTER_OTHER[months]
        if works:
            partial = rng.random() < 0.25
            answers[months] = Answer(
                works=True,
                hours_per_week=hours if to_work and hours else Decimal(rng.choice((12, 16, 20))),
                same_employer=to_work and rng.random() < 0.85,
                assistance=Assistance.PARTIAL if partial else Assistance.NONE,
                assistance_amount=(Decimal(rng.randint(12000, 48000)) / 100 if partial else None),
            )
            continue
        education = reason == ExitReason.EDUCATION
        answers[months] = Answer(
            works=False,
            assistance=Assistance.NONE if education or rng.random() < 0.1 else Assistance.FULL,
            note="Volgt een opleiding." if education else "",
        )
    return answers


# -- guidance --------------------------------------------------------------------------------

QUARTER: Final = Decimal("0.25")
WEEKS_PER_MONTH: Final = Decimal("4.345")
NOTES: Final = (
    "Gaat goed op het werk; meer zelfvertrouwen.",
    "Rooster besproken met de leidinggevende.",
    "Vragen over toeslagen doorgezet naar de consulent.",
    "Wil graag doorgroeien; opleiding besproken.",
)


def _quarters(hours: Decimal) -> Decimal:
    return max(QUARTER, (hours / QUARTER).quantize(Decimal(1)) * QUARTER)


def _hours_rows(placements: list[Placement], ends: dict[int, dt.date], as_of: dt.date) -> list[str]:
    """Per placement and fortnight: coaching by the contact person and one other
    activity by the colleague, 10 to 25 hours a month (more in the first three
    months); no staff member's day over :data:`MAX_HOURS_PER_DAY`."""
    load: dict[tuple[str, dt.date], Decimal] = defaultdict(Decimal)
    rows = []
    for placement in placements:
        person = placement.participant
        rng = _rng("uren", person.bsn, placement.start_date)
        own = person.contact_person.username if person.contact_person else STAFF[0]
        colleague = next(u for u in STAFF if u != own)
        start, end = placement.start_date, ends[placement.pk]
        week = start - dt.timedelta(days=start.weekday())
        while week <= min(end, as_of):
            days = [week + dt.timedelta(days=i) for i in (*range(5), *range(7, 12))]
            days = [d for d in days if start <= d <= min(end, as_of)]
            early = week < start + dt.timedelta(weeks=13)
            monthly = Decimal(rng.randint(18, 25) if early else rng.randint(10, 15))
            fortnight = monthly / WEEKS_PER_MONTH * 2
            coaching = _quarters(fortnight * Decimal("0.6"))
            for who, activity, hours in (
                (own, Activity.COACHING, coaching),
                (colleague, rng.choice((Activity.HOST_CONTACT, Activity.ADMINISTRATION)),
                 _quarters(fortnight - coaching)),
            ):  # fmt: skip
                wanted = rng.choice(days) if days else None
                for day in [d for d in (wanted, *days) if d is not None]:
                    if load[(who, day)] + hours <= MAX_HOURS_PER_DAY:
                        load[(who, day)] += hours
                        rows.append(f"{person.bsn};{who};{day:%d-%m-%Y};{activity};{hours}")
                        break
            week += dt.timedelta(weeks=2)
    return rows


def _scores(rng: random.Random, base: tuple[int, int], number: int) -> dict[str, int]:
    """Work and host 3-5; well-being and finances from the person's start level,
    a little better every few sessions."""
    wellbeing = base[0] + number // 6 + rng.choice((-1, 0, 0, 0, 1))
    finances = base[1] + number // 8 + rng.choice((-1, 0, 0, 0, 1))
    return {
        "score_work": rng.choice((3, 4, 4, 5)),
        "score_wellbeing": max(1, min(5, wellbeing)),
        "score_finances": max(1, min(5, finances)),
        "score_host": rng.choice((3, 4, 4, 5)),
    }


def _sessions(
    placements: list[Placement], ends: dict[int, dt.date], users: dict[str, User], as_of: dt.date
) -> None:
    """Held every six to eight weeks up to ``as_of`` (or the placement's end); the
    next one planned for a placement still running."""
    caseworker, jobcoach = users[STAFF[0]], users[STAFF[1]]
    for placement in placements:
        rng = _rng("sessies", placement.participant.bsn, placement.start_date)
        base = (rng.choice((2, 2, 3)), rng.choice((1, 2, 2, 3)))
        contact = HostContact.objects.filter(host_id=placement.position.host_id).first()
        end = ends[placement.pk]
        day = placement.start_date + dt.timedelta(weeks=rng.randint(6, 8))
        number = 1
        while day <= end:
            session = services.feedback_session_plan(
                placement=placement,
                actor=None,
                planned_date=day,
                planned_time=dt.time(10, 0),
                host_contact=contact,
                jobcoach=jobcoach,
                caseworker=caseworker,
            )
            if day > as_of:
                break  # the next one, planned
            services.feedback_session_record(
                session=session,
                actor=None,
                data={
                    "held_on": day,
                    "participant_present": rng.random() > 0.05,
                    **_scores(rng, base, number),
                    "notes": rng.choice(NOTES),
                },
            )
            day += dt.timedelta(weeks=rng.randint(6, 8))
            number += 1


def load_pilot_guidance(
    municipality: Municipality,
    programme: Programme,
    users: dict[str, User],
    ends: dict[int, dt.date],
    as_of: dt.date,
) -> None:
    """The pilot's guidance settings (the hourly rate), hours (through the hours
    import) and feedback sessions, as of ``as_of``; ``ends``: each placement's last
    day in the story."""
    services.guidance_settings_set(programme=programme, actor=None, data=PILOT_GUIDANCE_SETTINGS)
    placements = list(
        Placement.objects.filter(participant__programme=programme)
        .select_related("participant__contact_person", "position")
        .order_by("start_date", "id")
    )
    rows = _hours_rows(placements, ends, as_of)
    content = "\n".join(["bsn;medewerker;datum;activiteit;uren", *rows])
    result = hours_import(municipality=municipality, actor=None, content=content.encode())
    if not result.ok:
        raise RuntimeError(f"Demo-uren van de pilot afgekeurd: {result.errors[:3]}")
    _sessions(placements, ends, users, as_of)
