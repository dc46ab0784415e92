"""ESF+ 2021-2027: the common indicators of a participant and an operation, and the
cost claim (direct staff costs plus the flat rate). Pure: plain values in, plain values out.

Indicators (Reg. (EU) 2021/1057, Annex I; domain-facts-2 § 4.1):

- **Labour-market status at entry**, one per participant: unemployed (EECO01),
  long-term unemployed (EECO01 *and* EECO02), inactive (EECO03) or employed
  (EECO04). EECO01, EECO03 and EECO04 are mutually exclusive; every participant
  counts in EECO11 (the total).
- **Age on the entry date** (completed years): below 18 EECO05, 18 to 29 EECO06,
  55 and over EECO07; 30 to 54 has no indicator. A birthday on the entry date counts.
- **Education** (ISCED 2011): 0-2 EECO08, 3-4 EECO09, 5-8 EECO10.
- **Disability** EECO12; EECO13-17 (third-country nationals, foreign background,
  minorities, homeless, rural) when the answer is *yes* (not *no*, not *unknown*).
- **Result upon leaving** (within 4 weeks): of the labour-market events from the
  leaving day up to and including day 28 after it, the **last** one counts:
  job searching EECR01, in education or training EECR02, in employment EECR04;
  they are mutually exclusive. Gaining a qualification (EECR03) is not a
  labour-market situation and counts whenever it falls in the window.
- **Result six months after leaving** (EECR05): in employment at the 6-month follow-up.

Cost claim (Reg. (EU) 2021/1060 Art. 55(2) and 56; domain-facts-2 § 4.3), per staff
member and calendar year, all in integers (cents, hundredths of an hour, ppm):

1. annual hours of a rate = standard hours (1,720) × part-time factor, in
   hundredths of an hour, rounded half up;
2. hourly rate = annual gross employment cost / annual hours, rounded half up to
   whole cents (the rate is stated on the claim);
3. the cap of a year = Σ over the rates in force that year of their annual hours ×
   days in force / days in the year, rounded **down** to hundredths of an hour
   (one rate all year: the rate's annual hours);
4. the hours are taken in date order until the cap is reached (the hours after
   it are cut, the day that crosses it partly);
5. a line per staff member, year and rate: capped hours × hourly rate, rounded
   half up to whole cents; direct staff costs = Σ lines;
6. flat rate = direct staff costs × rate (40 %), rounded half up to whole cents;
   total = direct staff costs + flat rate.

Hours on a day before the staff member's first rate are not claimed (listed as
``unrated``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

from basisbaan.calc.dates import add_days, age_on
from basisbaan.calc.fixed import round_half_up

__all__ = [
    "EDUCATION_CODES",
    "GENDERS",
    "INDICATOR_CODES",
    "RESULT_WINDOW_DAYS",
    "Answer",
    "ClaimLine",
    "ClaimResult",
    "Education",
    "EsfPerson",
    "EventKind",
    "Gender",
    "HoursRow",
    "RateRow",
    "Status",
    "age_indicator",
    "claim",
    "education_indicator",
    "indicator_totals",
    "indicators_of",
    "result_on_leaving",
    "status_indicators",
]

RESULT_WINDOW_DAYS: Final = 28
SIX_MONTHS: Final = 6


class Status(enum.StrEnum):
    """Labour-market status on the entry date."""

    UNEMPLOYED = "unemployed"
    LONG_TERM_UNEMPLOYED = "long_term_unemployed"
    INACTIVE = "inactive"
    EMPLOYED = "employed"


class Education(enum.StrEnum):
    """Highest education level, ISCED 2011."""

    ISCED_0_2 = "isced_0_2"
    ISCED_3_4 = "isced_3_4"
    ISCED_5_8 = "isced_5_8"


class Gender(enum.StrEnum):
    WOMAN = "woman"
    MAN = "man"
    NON_BINARY = "non_binary"


GENDERS: Final = (Gender.WOMAN, Gender.MAN, Gender.NON_BINARY)


class Answer(enum.StrEnum):
    """An answer to EECO13-17: only *yes* counts."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"  # "wil niet zeggen / onbekend"


class EventKind(enum.StrEnum):
    """A dated event after leaving."""

    JOB_SEARCHING = "job_searching"
    EDUCATION = "education"
    EMPLOYED = "employed"
    INACTIVE = "inactive"  # none of the above: no immediate result
    QUALIFICATION = "qualification"


STATUS_CODES: Final[Mapping[Status, frozenset[str]]] = {
    Status.UNEMPLOYED: frozenset({"EECO01"}),
    Status.LONG_TERM_UNEMPLOYED: frozenset({"EECO01", "EECO02"}),
    Status.INACTIVE: frozenset({"EECO03"}),
    Status.EMPLOYED: frozenset({"EECO04"}),
}
EDUCATION_CODES: Final[Mapping[Education, str]] = {
    Education.ISCED_0_2: "EECO08",
    Education.ISCED_3_4: "EECO09",
    Education.ISCED_5_8: "EECO10",
}
# The answers of EECO13-17, by the attribute of :class:`EsfPerson` holding them.
OTHER_CODES: Final = (
    ("third_country", "EECO13"),
    ("foreign_background", "EECO14"),
    ("minority", "EECO15"),
    ("homeless", "EECO16"),
    ("rural", "EECO17"),
)
EVENT_CODES: Final[Mapping[EventKind, str | None]] = {
    EventKind.JOB_SEARCHING: "EECR01",
    EventKind.EDUCATION: "EECR02",
    EventKind.EMPLOYED: "EECR04",
    EventKind.INACTIVE: None,
}
INDICATOR_CODES: Final = (
    "EECO01",
    "EECO02",
    "EECO03",
    "EECO04",
    "EECO05",
    "EECO06",
    "EECO07",
    "EECO08",
    "EECO09",
    "EECO10",
    "EECO11",
    "EECO12",
    "EECO13",
    "EECO14",
    "EECO15",
    "EECO16",
    "EECO17",
    "EECR01",
    "EECR02",
    "EECR03",
    "EECR04",
    "EECR05",
)


def status_indicators(status: Status | str | None) -> frozenset[str]:
    """EECO01-04 of a status (long-term unemployed: EECO01 and EECO02); none if unknown."""
    if not status:
        return frozenset()
    return STATUS_CODES[Status(status)]


def age_indicator(birth_date: dt.date, entry_date: dt.date) -> str | None:
    """EECO05 (< 18), EECO06 (18-29) or EECO07 (>= 55) on the entry date; else None."""
    age = age_on(birth_date, entry_date)
    if age < 18:
        return "EECO05"
    if age <= 29:
        return "EECO06"
    if age >= 55:
        return "EECO07"
    return None


def education_indicator(level: Education | str | None) -> str | None:
    return EDUCATION_CODES[Education(level)] if level else None


def result_on_leaving(
    leaving_date: dt.date, events: Iterable[tuple[dt.date, EventKind | str]]
) -> frozenset[str]:
    """EECR01/02/04 (the last labour-market event from the leaving day to day 28
    after it, inclusive) and EECR03 (a qualification in that window).

    Events on the same day: the later one in ``events`` counts.
    """
    last_day = add_days(leaving_date, RESULT_WINDOW_DAYS)
    last: tuple[dt.date, int, EventKind] | None = None
    qualified = False
    for order, (day, kind) in enumerate(events):
        if not leaving_date <= day <= last_day:
            continue
        kind = EventKind(kind)
        if kind == EventKind.QUALIFICATION:
            qualified = True
            continue
        if last is None or (day, order) >= (last[0], last[1]):
            last = (day, order, kind)
    codes: set[str] = set()
    if last is not None and (code := EVENT_CODES[last[2]]) is not None:
        codes.add(code)
    if qualified:
        codes.add("EECR03")
    return frozenset(codes)


def result_window_closed(leaving_date: dt.date, today: dt.date) -> bool:
    """Whether the 28 days after leaving are over on ``today``."""
    return today > add_days(leaving_date, RESULT_WINDOW_DAYS)


@dataclass(frozen=True, slots=True)
class EsfPerson:
    """What the indicators need of one registered participant."""

    gender: Gender | str | None
    birth_date: dt.date
    entry_date: dt.date
    status: Status | str | None
    education: Education | str | None
    disability: bool | None = None
    third_country: Answer | str | None = None
    foreign_background: Answer | str | None = None
    minority: Answer | str | None = None
    homeless: Answer | str | None = None
    rural: Answer | str | None = None
    leaving_date: dt.date | None = None
    events: tuple[tuple[dt.date, EventKind | str], ...] = ()
    employed_after_six_months: bool | None = None


def indicators_of(person: EsfPerson) -> frozenset[str]:
    """Every indicator a participant counts in."""
    codes = {"EECO11", *status_indicators(person.status)}
    if (age := age_indicator(person.birth_date, person.entry_date)) is not None:
        codes.add(age)
    if (education := education_indicator(person.education)) is not None:
        codes.add(education)
    if person.disability:
        codes.add("EECO12")
    for attribute, code in OTHER_CODES:
        if getattr(person, attribute) == Answer.YES:
            codes.add(code)
    if person.leaving_date is not None:
        codes |= result_on_leaving(person.leaving_date, person.events)
        if person.employed_after_six_months:
            codes.add("EECR05")
    return frozenset(codes)


UNKNOWN_GENDER: Final = "unknown"


def indicator_totals(people: Iterable[EsfPerson]) -> dict[str, dict[str, int]]:
    """Counts per indicator (:data:`INDICATOR_CODES`) and gender (women, men,
    non-binary, ``"unknown"``), with ``"total"`` the sum of the genders."""
    columns = [*(g.value for g in GENDERS), UNKNOWN_GENDER]
    out = {code: dict.fromkeys([*columns, "total"], 0) for code in INDICATOR_CODES}
    for person in people:
        gender = Gender(person.gender).value if person.gender else UNKNOWN_GENDER
        for code in indicators_of(person):
            out[code][gender] += 1
            out[code]["total"] += 1
    return out


# -- the cost claim ----------------------------------------------------------------------

HUNDREDTHS: Final = 100
PPM: Final = 1_000_000


@dataclass(frozen=True, slots=True)
class RateRow:
    """A staff member's annual gross employment cost from a day on."""

    staff: int
    valid_from: dt.date
    annual_cost_cents: int
    part_time_ppm: int  # 1_000_000 is full time


@dataclass(frozen=True, slots=True)
class HoursRow:
    staff: int
    day: dt.date
    hundredths: int  # hours × 100


@dataclass(frozen=True, slots=True)
class ClaimLine:
    """Hours of one staff member in one year at one rate."""

    staff: int
    year: int
    valid_from: dt.date
    annual_cost_cents: int
    part_time_ppm: int
    annual_hundredths: int
    rate_cents: int
    hundredths: int  # declared (after the cap)
    cut_hundredths: int  # over the cap, not declared
    amount_cents: int


@dataclass(frozen=True, slots=True)
class ClaimResult:
    lines: tuple[ClaimLine, ...]
    caps: Mapping[tuple[int, int], int]  # (staff, year) -> cap in hundredths
    unrated: Mapping[int, int]  # staff -> hundredths on days without a rate
    direct_cents: int
    flat_rate_ppm: int
    flat_cents: int
    total_cents: int
    claimed_hundredths: int = field(default=0)
    cut_hundredths: int = field(default=0)


def annual_hundredths(standard_hours: Decimal, part_time_ppm: int) -> int:
    """Standard hours × part-time factor in hundredths of an hour, half up."""
    hours = Decimal(standard_hours) * HUNDREDTHS
    if hours != hours.to_integral_value() or hours <= 0:
        raise ValueError("standard hours must be positive and in hundredths")
    return round_half_up(int(hours) * part_time_ppm, PPM)


def hourly_rate_cents(annual_cost_cents: int, annual_hours_hundredths: int) -> int:
    """Annual cost / annual hours, half up to whole cents."""
    return round_half_up(annual_cost_cents * HUNDREDTHS, annual_hours_hundredths)


def _rate_on(rates: Sequence[RateRow], day: dt.date) -> RateRow | None:
    found = None
    for rate in rates:
        if rate.valid_from <= day:
            found = rate
        else:
            break
    return found


def _cap(rates: Sequence[RateRow], year: int, standard: Mapping[int, Decimal]) -> int:
    """The hours a staff member may declare in ``year``: each rate's annual hours
    for the days of the year it is in force, rounded down to hundredths."""
    first = dt.date(year, 1, 1)
    last = dt.date(year, 12, 31)
    days_in_year = 366 if calendar.isleap(year) else 365
    numerator = 0
    for index, rate in enumerate(rates):
        start = max(rate.valid_from, first)
        end = last
        if index + 1 < len(rates):
            end = min(end, add_days(rates[index + 1].valid_from, -1))
        if start > end:
            continue
        days = (end - start).days + 1
        numerator += annual_hundredths(standard[year], rate.part_time_ppm) * days
    return numerator // days_in_year


def claim(
    rates: Iterable[RateRow],
    hours: Iterable[HoursRow],
    *,
    standard_hours: Mapping[int, Decimal],
    flat_rate: Decimal,
) -> ClaimResult:
    """The cost claim of ``hours`` (see the module docstring for the formula).

    ``standard_hours`` gives the standard annual hours (1,720) of every year with
    hours; ``flat_rate`` is a fraction (0.40).
    """
    flat_ppm = Decimal(flat_rate) * PPM
    if flat_ppm != flat_ppm.to_integral_value() or not 0 <= flat_ppm <= PPM:
        raise ValueError("the flat rate is a fraction between 0 and 1, in millionths")
    by_staff: dict[int, list[RateRow]] = defaultdict(list)
    for given in sorted(rates, key=lambda r: (r.staff, r.valid_from)):
        by_staff[given.staff].append(given)
    rows = sorted(hours, key=lambda h: (h.staff, h.day))
    used: dict[tuple[int, int], int] = defaultdict(int)
    caps: dict[tuple[int, int], int] = {}
    unrated: dict[int, int] = defaultdict(int)
    declared: dict[tuple[int, int, RateRow], list[int]] = {}
    for row in rows:
        staff_rates = by_staff.get(row.staff, [])
        rate = _rate_on(staff_rates, row.day)
        if rate is None:
            unrated[row.staff] += row.hundredths
            continue
        year_key = (row.staff, row.day.year)
        if year_key not in caps:
            caps[year_key] = _cap(staff_rates, row.day.year, standard_hours)
        room = max(caps[year_key] - used[year_key], 0)
        taken = min(row.hundredths, room)
        used[year_key] += taken
        bucket = declared.setdefault((row.staff, row.day.year, rate), [0, 0])
        bucket[0] += taken
        bucket[1] += row.hundredths - taken
    lines = []
    for (staff, year, rate), (taken, cut) in declared.items():
        annual = annual_hundredths(standard_hours[year], rate.part_time_ppm)
        rate_cents = hourly_rate_cents(rate.annual_cost_cents, annual)
        lines.append(
            ClaimLine(
                staff=staff,
                year=year,
                valid_from=rate.valid_from,
                annual_cost_cents=rate.annual_cost_cents,
                part_time_ppm=rate.part_time_ppm,
                annual_hundredths=annual,
                rate_cents=rate_cents,
                hundredths=taken,
                cut_hundredths=cut,
                amount_cents=round_half_up(taken * rate_cents, HUNDREDTHS),
            )
        )
    lines.sort(key=lambda line: (line.staff, line.year, line.valid_from))
    direct = sum(line.amount_cents for line in lines)
    flat = round_half_up(direct * int(flat_ppm), PPM)
    return ClaimResult(
        lines=tuple(lines),
        caps=caps,
        unrated=dict(unrated),
        direct_cents=direct,
        flat_rate_ppm=int(flat_ppm),
        flat_cents=flat,
        total_cents=direct + flat,
        claimed_hundredths=sum(line.hundredths for line in lines),
        cut_hundredths=sum(line.cut_hundredths for line in lines),
    )
