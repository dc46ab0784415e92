"""Demo guidance for Leeuwarden: hours, closed months, feedback sessions and signals.

The whole story is generated from the placements (seeded per participant, so
independent of the as-of day), then written up to the as-of day:

- **Hours.** About 200 per participant per year, pro rata for part-years, as the
  council letter says: more in 2024 (more guidance than planned), about the
  norm in 2025, less in 2026 (the promised efficiency). They go in through the
  hours CSV import, so the same validation and audit apply as for a real file.
  A month is closed once the month after it is over.
- **Feedback sessions** about every six weeks (never later, so a placement is
  not overdue by chance) with a record, now and then an action; the next one
  planned. Two placements are behind: their sessions of the last ten weeks
  before the as-of day are not held (the only part that moves with the as-of
  day: at a later day those sessions are on record).
- **Signals** every week or two about a running placement, raised by staff or
  a host contact; each is closed with its follow-up two to eight weeks later,
  so a few are open on any day. Open signals close with the programme.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from basisbaan.calc.dates import MAX_HOURS_PER_DAY, add_months
from basisbaan.demo.data import DemoMunicipality
from basisbaan.demo.story import first_of, noon, placement_end_day
from basisbaan.guidance import services
from basisbaan.guidance.constants import Activity, SignalKind
from basisbaan.guidance.importing import hours_import
from basisbaan.guidance.models import FeedbackSession, Signal
from basisbaan.hosts.models import HostContact
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality, User

__all__ = ["DEMO_GUIDANCE_SETTINGS", "load_demo_guidance"]

SEED = 20250101
DEMO_GUIDANCE_SETTINGS = {
    "norm_hours": Decimal(200),
    "cadence_weeks": 6,
    # An assumption for the demo, not an official figure.
    "hourly_rate": Decimal("68.00"),
    "rate_source": "Demo-aanname: intern uurtarief begeleiding (geen officieel cijfer)",
    "rate_date": dt.date(2025, 1, 1),
}
# Guidance per year relative to the norm: more than planned in 2024, then more efficient.
YEAR_FACTOR = {2024: Decimal("1.15"), 2025: Decimal("1.00"), 2026: Decimal("0.85")}
WEEKS_PER_YEAR = Decimal("52.1775")
SIDE_ACTIVITIES = (
    Activity.HOST_CONTACT,
    Activity.ADMINISTRATION,
    Activity.TRAVEL,
    Activity.PAYROLL_CONTACT,
    Activity.OTHER,
)
QUARTER = Decimal("0.25")
CLOSED_FROM = dt.date(2024, 1, 1)  # hours are closed month by month from 2024 on
CADENCE = dt.timedelta(weeks=6)
EARLIER = (-3, -2, -1, 0, 0)  # days a session is held before its cadence date
OVERDUE_PLACEMENTS = 2
BEHIND = dt.timedelta(weeks=10)
NOTES = (
    "Werk gaat goed; wil meer verantwoordelijkheid.",
    "Rooster aangepast na overleg met de werkgever.",
    "Financiën: vraag over toeslagen doorgezet naar de consulent.",
    "Goede samenwerking; volgende keer doorstroom bespreken.",
)
# Per kind: (description, follow-up when closed).
SIGNALS: dict[SignalKind, tuple[tuple[str, str], ...]] = {
    SignalKind.ABSENCE: (
        (
            "Werkgever meldt twee keer te laat en een dag afwezig zonder bericht.",
            "Gesprek gevoerd; afspraken over afmelden vastgelegd. Sindsdien op tijd.",
        ),
        (
            "Deelnemer heeft zich drie keer ziek gemeld in een maand.",
            "Verwezen naar de bedrijfsarts; werk aangepast, verzuim gedaald.",
        ),
    ),
    SignalKind.CONFLICT: (
        (
            "Onenigheid met een collega over het rooster.",
            "Gesprek met leidinggevende; opgelost.",
        ),
        (
            "Deelnemer voelt zich niet gehoord door de leidinggevende.",
            "Driegesprek met jobcoach en leidinggevende; afspraken over overleg gemaakt.",
        ),
    ),
    SignalKind.MONEY: (
        (
            "Deelnemer heeft een betalingsachterstand bij de energieleverancier.",
            "Betalingsregeling getroffen met hulp van de budgetcoach.",
        ),
        (
            "Vragen over de terugvordering van toeslagen na de overgang naar loon.",
            "Toeslagen herberekend samen met de consulent; geen schuld.",
        ),
    ),
    SignalKind.DROPOUT: (
        (
            "Deelnemer twijfelt of hij het werk volhoudt naast de zorg thuis.",
            "Uren tijdelijk anders verdeeld; deelnemer gaat door.",
        ),
    ),
}
PROGRAMME_ENDED = "Het programma is beëindigd; het signaal vervalt."


@dataclass(frozen=True, slots=True)
class _Session:
    day: dt.date
    present: bool
    scores: tuple[int, int, int, int]
    notes: str


@dataclass(frozen=True, slots=True)
class _People:
    """Who takes part in a placement's sessions besides the participant."""

    host_contact: HostContact | None
    jobcoach: User
    caseworker: User


@dataclass(frozen=True, slots=True)
class _Signal:
    placement: Placement
    raised_on: dt.date
    kind: SignalKind
    description: str
    follow_up: str
    by_host: bool
    closed_on: dt.date


def _quarters(hours: Decimal) -> Decimal:
    """Rounded to a quarter hour, at least a quarter."""
    return max(QUARTER, (hours / QUARTER).quantize(Decimal(1)) * QUARTER)


def _rng(*key: object) -> random.Random:
    return random.Random("-".join(map(str, (SEED, *key))))  # noqa: S311 - synthetic demo data


def _hours_rows(
    placements: list[Placement], ends: dict[int, dt.date], staff: list[str], as_of: dt.date
) -> list[str]:
    """CSV rows up to ``as_of``: per placement and week, a coaching entry by the
    contact person and one other activity by a colleague; intake hours in the
    first two weeks."""
    factors = {
        p.pk: Decimal(str(round(_rng("uren", p.participant.bsn).uniform(0.75, 1.25), 2)))
        for p in placements
    }
    mean = sum(factors.values(), Decimal(0)) / len(factors)
    rows = []
    # A staff member's day holds at most MAX_HOURS_PER_DAY: an entry that would
    # overfill its drawn day moves to the first day of that week with room.
    load: dict[tuple[str, dt.date], Decimal] = defaultdict(Decimal)

    def fit(day: dt.date, who: str, hours: Decimal, days: list[dt.date]) -> dt.date:
        week = day - dt.timedelta(days=day.weekday())
        for candidate in [day, *days, *(week + dt.timedelta(days=i) for i in range(7))]:
            if load[(who, candidate)] + hours <= MAX_HOURS_PER_DAY:
                load[(who, candidate)] += hours
                return candidate
        return day

    for placement in placements:
        person = placement.participant
        rng = _rng("uren", person.bsn)
        rng.random()  # the factor's draw above
        own = person.contact_person.username if person.contact_person else staff[0]
        colleague = next(u for u in staff if u != own)
        start, end = placement.start_date, ends[placement.pk]
        week = start - dt.timedelta(days=start.weekday())
        first_week = week
        while week <= end:
            days = [week + dt.timedelta(days=i) for i in range(5)]
            days = [d for d in days if start <= d <= end]
            if days:
                weekly = Decimal(200) / WEEKS_PER_YEAR * factors[placement.pk] / mean
                weekly *= YEAR_FACTOR.get(week.year, Decimal(1))
                if week.month in (7, 8) or (week.month == 12 and week.day > 20):
                    weekly *= Decimal("0.6")  # holidays
                elif week.month in (1, 2, 3, 4, 5, 6, 9, 10, 11):
                    weekly *= Decimal("1.105")  # makes up for the holidays over the year
                coaching = _quarters(weekly * Decimal("0.6"))
                side = _quarters(weekly - coaching) if weekly > coaching else None
                week_rows = [(rng.choice(days), own, Activity.COACHING, coaching)]
                if side is not None:
                    activity = rng.choice(SIDE_ACTIVITIES)
                    week_rows.append((rng.choice(days), colleague, activity, side))
                if week - first_week < dt.timedelta(weeks=2):
                    week_rows.append((days[0], own, Activity.INTAKE, Decimal(3)))
                week_rows = [
                    (fit(day, who, hours, days), who, activity, hours)
                    for day, who, activity, hours in week_rows
                ]
                rows += [
                    f"{person.bsn};{who};{day:%d-%m-%Y};{activity};{hours}"
                    for day, who, activity, hours in week_rows
                    if day <= as_of
                ]
            week += dt.timedelta(weeks=1)
    return rows


def _schedule(placement: Placement, end: dt.date) -> list[_Session]:
    """Every feedback session of a placement in the whole story."""
    rng = _rng("sessies", placement.participant.bsn)
    sessions = []
    day = placement.start_date + CADENCE
    while day <= end:
        sessions.append(
            _Session(
                day=day,
                present=rng.random() > 0.05,
                scores=(
                    rng.choice((3, 4, 4, 5)),
                    rng.choice((2, 3, 4, 4, 5)),
                    rng.choice((2, 3, 3, 4)),
                    rng.choice((3, 4, 5, 5)),
                ),
                notes=rng.choice(NOTES),
            )
        )
        day += CADENCE + dt.timedelta(days=rng.choice(EARLIER))
    return sessions


def _sessions(
    placements: list[Placement],
    ends: dict[int, dt.date],
    staff: dict[str, User],
    as_of: dt.date,
) -> None:
    """Sessions held up to ``as_of`` with a record (every third with an action), and
    the next one planned; the last placements behind (see the module docstring)."""
    caseworker, jobcoach = staff["consulent"], staff["jobcoach"]
    # The last to start of those who stay to the programme's end (one who leaves
    # earlier would stop being behind when he goes).
    programme_end = max(ends.values())
    staying = [p for p in placements if ends[p.pk] == programme_end]
    behind_ones = {p.pk for p in staying[-OVERDUE_PLACEMENTS:]}
    for placement in placements:
        behind = placement.pk in behind_ones
        held_until = as_of - BEHIND if behind else as_of
        contact = HostContact.objects.filter(host_id=placement.position.host_id).first()
        people = _People(contact, jobcoach, caseworker)
        for number, planned in enumerate(_schedule(placement, ends[placement.pk]), start=1):
            if planned.day > held_until:
                if not behind:
                    _plan(placement, planned.day, dt.time(14, 0), people)
                break
            _held(placement, planned, number, people, as_of)


def _plan(placement: Placement, day: dt.date, time: dt.time, people: _People) -> FeedbackSession:
    return services.feedback_session_plan(
        placement=placement,
        actor=None,
        planned_date=day,
        planned_time=time,
        host_contact=people.host_contact,
        jobcoach=people.jobcoach,
        caseworker=people.caseworker,
    )


def _held(
    placement: Placement,
    planned: _Session,
    number: int,
    people: _People,
    as_of: dt.date,
) -> None:
    session = _plan(placement, planned.day, dt.time(10, 0), people)
    work, wellbeing, finances, host = planned.scores
    services.feedback_session_record(
        session=session,
        actor=None,
        data={
            "held_on": planned.day,
            "participant_present": planned.present,
            "score_work": work,
            "score_wellbeing": wellbeing,
            "score_finances": finances,
            "score_host": host,
            "notes": planned.notes,
        },
    )
    if number % 3 == 0:
        action = services.feedback_action_add(
            session=session,
            actor=None,
            description="Afspraak met de budgetcoach plannen",
            owner=people.caseworker,
            due_date=planned.day + dt.timedelta(weeks=2),
        )
        done_on = planned.day + dt.timedelta(days=10)
        if done_on <= as_of:
            services.feedback_action_done(action=action, actor=None, done_on=done_on)


def _signal_stream(
    placements: list[Placement], ends: dict[int, dt.date], programme_end: dt.date
) -> list[_Signal]:
    """Every signal of the whole story, in date order."""
    rng = _rng("signalen")
    kinds = sorted(SIGNALS)
    signals: list[_Signal] = []
    day = min(p.start_date for p in placements) + dt.timedelta(weeks=2)
    last = programme_end - dt.timedelta(weeks=2)
    while True:
        day += dt.timedelta(days=rng.randint(5, 15))
        if day > last:
            return signals
        running = [
            p
            for p in placements
            if p.start_date + dt.timedelta(weeks=2) <= day <= ends[p.pk] - dt.timedelta(weeks=2)
        ]
        if not running:
            continue
        kind = rng.choice(kinds)
        description, follow_up = rng.choice(SIGNALS[kind])
        closed_on = day + dt.timedelta(days=rng.randint(14, 56))
        if closed_on > programme_end:
            closed_on, follow_up = programme_end, PROGRAMME_ENDED
        signals.append(
            _Signal(
                placement=rng.choice(running),
                raised_on=day,
                kind=kind,
                description=description,
                follow_up=follow_up,
                by_host=rng.random() < 1 / 3,
                closed_on=closed_on,
            )
        )


def _signals(
    placements: list[Placement], ends: dict[int, dt.date], programme: Programme, as_of: dt.date
) -> None:
    """The signals raised up to ``as_of``; those whose follow-up is done, closed."""
    for planned in _signal_stream(placements, ends, programme.end_date):
        if planned.raised_on > as_of:
            return
        person = planned.placement.participant
        owner = person.contact_person
        assert owner is not None
        contact = (
            HostContact.objects.filter(host_id=planned.placement.position.host_id).first()
            if planned.by_host
            else None
        )
        signal = services.signal_raise(
            participant=person,
            actor=None,
            kind=planned.kind,
            description=planned.description,
            owner=owner,
            raised_on=planned.raised_on,
            raised_by_host_contact=contact,
            raised_by=None if contact is not None else owner,
        )
        if planned.closed_on <= as_of:
            services.signal_close(signal=signal, actor=None, follow_up=planned.follow_up)
            # Closed on its day in the story (the audit log keeps the load's moment).
            Signal.objects.filter(pk=signal.pk).update(closed_at=noon(planned.closed_on))


def load_demo_guidance(
    municipality: Municipality, users: dict[str, User], demo: DemoMunicipality, as_of: dt.date
) -> None:
    """Guidance settings, hours (through the import), closed months, sessions and
    signals, as of ``as_of``."""
    programme = Programme.objects.get(municipality=municipality)
    services.guidance_settings_set(programme=programme, actor=None, data=DEMO_GUIDANCE_SETTINGS)
    staff = {name: users[name] for name in ("consulent", "jobcoach", "programmamanager")}
    placements = list(
        Placement.objects.filter(municipality=municipality)
        .select_related("participant__contact_person", "position")
        .order_by("start_date", "id")
    )
    if not placements:
        return
    story = {
        (p.first_name, p.last_name): placement_end_day(p.placement, demo.programme)
        for p in demo.participants
        if p.placement is not None
    }
    ends = {p.pk: story[(p.participant.first_name, p.participant.last_name)] for p in placements}
    rows = _hours_rows(placements, ends, sorted(staff), as_of)
    content = "\n".join(["bsn;medewerker;datum;activiteit;uren", *rows])
    result = hours_import(municipality=municipality, actor=None, content=content.encode())
    if not result.ok:
        raise RuntimeError(f"Demo-uren afgekeurd: {result.errors[:3]}")
    month = CLOSED_FROM
    while add_months(month, 2) <= first_of(as_of) and month <= programme.end_date:
        services.period_close(
            municipality=municipality, actor=None, month=month, closed_by=staff["programmamanager"]
        )
        month = add_months(month, 1)
    _sessions(placements, ends, staff, as_of)
    _signals(placements, ends, programme, as_of)
