"""Demo guidance for Leeuwarden: hours, closed months, feedback sessions and signals.

Deterministic (a seeded generator, dates from the placements). The hours are
about 200 per participant per year, pro rata for part-years, as the council
letter says ("about 200 hours per participant per year"): more in 2024 (more
guidance than planned), about the norm in 2025, less in 2026 (the promised
efficiency). They go in through the hours CSV import, so the same validation
and audit apply as for a real file; 2024 and 2025 are then closed.

Sessions are held at about the six-weekly cadence with a record; two
placements are left overdue, and a few signals are open.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from basisbaan.guidance import services
from basisbaan.guidance.constants import Activity, SignalKind
from basisbaan.guidance.importing import hours_import
from basisbaan.hosts.models import HostContact
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality, User

__all__ = ["DEMO_GUIDANCE_SETTINGS", "load_demo_guidance"]

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
OVERDUE_PLACEMENTS = 2
NOTES = (
    "Werk gaat goed; wil meer verantwoordelijkheid.",
    "Rooster aangepast na overleg met de werkgever.",
    "Financiën: vraag over toeslagen doorgezet naar de consulent.",
    "Goede samenwerking; volgende keer doorstroom bespreken.",
)


def _quarters(hours: Decimal) -> Decimal:
    """Rounded to a quarter hour, at least a quarter."""
    return max(QUARTER, (hours / QUARTER).quantize(Decimal(1)) * QUARTER)


def _hours_rows(
    placements: list[Placement], staff: dict[str, User], today: dt.date, rng: random.Random
) -> list[str]:
    """CSV rows: per placement and week, a coaching entry by the contact person
    and one other activity by a colleague; intake hours in the first two weeks."""
    rows = []
    usernames = sorted(staff)
    factors = [Decimal(str(round(rng.uniform(0.75, 1.25), 2))) for _ in placements]
    mean = sum(factors, Decimal(0)) / len(factors)
    for placement, factor in zip(placements, factors, strict=True):
        person = placement.participant
        own = person.contact_person.username if person.contact_person else usernames[0]
        colleague = next(u for u in usernames if u != own)
        week = placement.start_date - dt.timedelta(days=placement.start_date.weekday())
        first_week = week
        while week + dt.timedelta(days=4) < today:
            days = [week + dt.timedelta(days=i) for i in range(5)]
            days = [d for d in days if d >= placement.start_date]
            if not days:
                week += dt.timedelta(weeks=1)
                continue
            year_factor = YEAR_FACTOR.get(week.year, Decimal(1))
            weekly = Decimal(200) / WEEKS_PER_YEAR * factor / mean * year_factor
            if week.month in (7, 8) or (week.month == 12 and week.day > 20):
                weekly *= Decimal("0.6")  # holidays
            elif week.month in (1, 2, 3, 4, 5, 6, 9, 10, 11):
                weekly *= Decimal("1.105")  # makes up for the holidays over the year
            coaching = _quarters(weekly * Decimal("0.6"))
            side = _quarters(weekly - coaching) if weekly > coaching else None
            bsn = person.bsn
            rows.append(f"{bsn};{own};{rng.choice(days):%d-%m-%Y};{Activity.COACHING};{coaching}")
            if side is not None:
                activity = rng.choice(SIDE_ACTIVITIES)
                rows.append(f"{bsn};{colleague};{rng.choice(days):%d-%m-%Y};{activity};{side}")
            if week - first_week < dt.timedelta(weeks=2):
                rows.append(f"{bsn};{own};{days[0]:%d-%m-%Y};{Activity.INTAKE};3")
            week += dt.timedelta(weeks=1)
    return rows


def _sessions(
    placements: list[Placement], staff: dict[str, User], today: dt.date, rng: random.Random
) -> None:
    """Held sessions about every six weeks with a record and now and then an
    action; the next one planned, except for the last placements (overdue)."""
    caseworker, jobcoach = staff["consulent"], staff["jobcoach"]
    for index, placement in enumerate(placements):
        overdue = index >= len(placements) - OVERDUE_PLACEMENTS
        contact = HostContact.objects.filter(host_id=placement.position.host_id).first()
        day = placement.start_date + dt.timedelta(weeks=6)
        stop = today - dt.timedelta(weeks=10 if overdue else 0)
        count = 0
        while day < stop:
            session = services.feedback_session_plan(
                placement=placement,
                actor=None,
                planned_date=day,
                planned_time=dt.time(10, 0),
                host_contact=contact,
                jobcoach=jobcoach,
                caseworker=caseworker,
            )
            services.feedback_session_record(
                session=session,
                actor=None,
                data={
                    "held_on": day,
                    "participant_present": rng.random() > 0.05,
                    "score_work": rng.choice((3, 4, 4, 5)),
                    "score_wellbeing": rng.choice((2, 3, 4, 4, 5)),
                    "score_finances": rng.choice((2, 3, 3, 4)),
                    "score_host": rng.choice((3, 4, 5, 5)),
                    "notes": rng.choice(NOTES),
                },
            )
            count += 1
            if count % 3 == 0:
                action = services.feedback_action_add(
                    session=session,
                    actor=None,
                    description="Afspraak met de budgetcoach plannen",
                    owner=caseworker,
                    due_date=day + dt.timedelta(weeks=2),
                )
                if action.due_date < today:
                    services.feedback_action_done(
                        action=action, actor=None, done_on=day + dt.timedelta(days=10)
                    )
            day += dt.timedelta(weeks=6, days=rng.choice((-3, 0, 0, 2, 4)))
        if not overdue:
            services.feedback_session_plan(
                placement=placement,
                actor=None,
                planned_date=max(day, today + dt.timedelta(days=3)),
                planned_time=dt.time(14, 0),
                host_contact=contact,
                jobcoach=jobcoach,
                caseworker=caseworker,
            )


def _signals(placements: list[Placement], staff: dict[str, User], today: dt.date) -> None:
    jobcoach, caseworker = staff["jobcoach"], staff["consulent"]
    first, second, third = (p.participant for p in placements[:3])
    contact = HostContact.objects.filter(host_id=placements[0].position.host_id).first()
    services.signal_raise(
        participant=first,
        actor=None,
        kind=SignalKind.ABSENCE,
        description="Werkgever meldt twee keer te laat en een dag afwezig zonder bericht.",
        owner=jobcoach,
        raised_on=today - dt.timedelta(days=5),
        raised_by_host_contact=contact,
    )
    services.signal_raise(
        participant=second,
        actor=None,
        kind=SignalKind.MONEY,
        description="Deelnemer heeft een betalingsachterstand bij de energieleverancier.",
        owner=caseworker,
        raised_on=today - dt.timedelta(days=12),
        raised_by=caseworker,
    )
    closed = services.signal_raise(
        participant=third,
        actor=None,
        kind=SignalKind.CONFLICT,
        description="Onenigheid met een collega over het rooster.",
        owner=jobcoach,
        raised_on=today - dt.timedelta(days=60),
        raised_by=jobcoach,
    )
    services.signal_close(
        signal=closed, actor=None, follow_up="Gesprek met leidinggevende; opgelost."
    )


def load_demo_guidance(municipality: Municipality, users: dict[str, User]) -> None:
    """Guidance settings, hours (through the import), closed years, sessions, signals."""
    today = timezone.localdate()
    rng = random.Random(20250101)  # noqa: S311 - synthetic demo data, not security
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
    content = "\n".join(
        ["bsn;medewerker;datum;activiteit;uren", *_hours_rows(placements, staff, today, rng)]
    )
    result = hours_import(municipality=municipality, actor=None, content=content.encode())
    if not result.ok:
        raise RuntimeError(f"Demo-uren afgekeurd: {result.errors[:3]}")
    manager = staff["programmamanager"]
    for year in (2024, 2025):
        for month in range(1, 13):
            if dt.date(year, month, 1) < today.replace(day=1):
                services.period_close(
                    municipality=municipality,
                    actor=None,
                    month=dt.date(year, month, 1),
                    closed_by=manager,
                )
    _sessions(placements, staff, today, rng)
    _signals(placements, staff, today)
