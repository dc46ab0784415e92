"""Reads of ESF+: operations, registrations with their computed indicators, the
indicator totals (suppressed), the worklist of missing data, the staff rates and
the cost claim. Every face reads through here; the rules are in calc.esf."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from basisbaan.calc import esf as calc
from basisbaan.calc.dates import add_days, add_months
from basisbaan.calc.fixed import euros
from basisbaan.calc.suppression import Constraint, Mark, split, suppress
from basisbaan.esf.constants import INDICATORS, SIX_MONTH_FOLLOW_UP, Gender
from basisbaan.esf.models import EsfOperation, EsfRegistration, EsfResultEvent, StaffRate
from basisbaan.guidance.models import HoursEntry
from basisbaan.outcomes.constants import ExitKind, FollowUpStatus
from basisbaan.outcomes.figures import Cell
from basisbaan.outcomes.models import FollowUp
from basisbaan.outcomes.selectors import threshold_of
from basisbaan.parameters.constants import ParameterKey
from basisbaan.parameters.models import ParameterValue
from basisbaan.parameters.selectors import parameter_value
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality, User

__all__ = [
    "COLUMNS",
    "Claim",
    "IndicatorReport",
    "Problem",
    "RegistrationRow",
    "cost_claim",
    "indicator_report",
    "operation_list",
    "operation_of",
    "participant_operation",
    "registration_list",
    "registration_rows",
    "staff_rate_list",
    "worklist",
]

COLUMNS: tuple[str, ...] = (*(g.value for g in Gender), calc.UNKNOWN_GENDER, "total")


def operation_list(*, municipality: Municipality) -> QuerySet[EsfOperation]:
    return EsfOperation.objects.filter(municipality=municipality).select_related("programme")


def operation_of(programme: Programme) -> EsfOperation | None:
    return EsfOperation.objects.filter(
        municipality_id=programme.municipality_id, programme=programme
    ).first()


def participant_operation(
    participant: Participant,
) -> tuple[EsfOperation | None, EsfRegistration | None]:
    """The ESF+ operation of the participant's programme (None: it is none) and the
    participant's registration in it (None: not registered yet)."""
    operation = operation_of(participant.programme)
    if operation is None:
        return None, None
    registration = EsfRegistration.objects.filter(
        municipality_id=participant.municipality_id, operation=operation, participant=participant
    ).first()
    return operation, registration


def registration_list(*, municipality: Municipality) -> QuerySet[EsfRegistration]:
    return EsfRegistration.objects.filter(municipality=municipality)


def event_list(*, municipality: Municipality) -> QuerySet[EsfResultEvent]:
    return EsfResultEvent.objects.filter(municipality=municipality)


def staff_rate_list(*, municipality: Municipality) -> QuerySet[StaffRate]:
    return StaffRate.objects.filter(municipality=municipality).select_related("staff")


def participants_in_scope(operation: EsfOperation) -> QuerySet[Participant]:
    """The programme's participants with a placement in the operation's period."""
    placed = Placement.objects.filter(
        municipality_id=operation.municipality_id,
        participant__programme_id=operation.programme_id,
        start_date__lte=operation.end_date,
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=operation.start_date))
    return Participant.objects.filter(
        municipality_id=operation.municipality_id, pk__in=placed.values("participant_id")
    )


@dataclass
class RegistrationRow:
    """A registration with what is computed from it."""

    registration: EsfRegistration
    participant: Participant
    leaving_date: dt.date | None
    codes: frozenset[str]
    window_closed: bool
    six_month: bool | None  # employed at the 6-month follow-up; None: not measured
    six_month_due: dt.date | None
    first_activity: dt.date
    last_activity: dt.date | None

    @property
    def result_codes(self) -> list[str]:
        return sorted(c for c in self.codes if c.startswith("EECR"))


def _six_month_follow_ups(participant_ids: Iterable[int]) -> dict[int, FollowUp]:
    rows = (
        FollowUp.objects.filter(
            exit__participant_id__in=list(participant_ids),
            exit__kind=ExitKind.PROGRAMME,
            months=SIX_MONTH_FOLLOW_UP,
        )
        .select_related("exit")
        .order_by("exit__exit_date", "id")
    )
    return {f.exit.participant_id: f for f in rows}


def _last_placement_end(participant_ids: Iterable[int]) -> dict[int, dt.date | None]:
    out: dict[int, dt.date | None] = {}
    rows = Placement.objects.filter(participant_id__in=list(participant_ids)).values_list(
        "participant_id", "end_date"
    )
    for pid, end in rows:
        if pid in out and out[pid] is None:
            continue
        out[pid] = None if end is None else max(end, out.get(pid) or end)
    return out


def person_of(row: EsfRegistration, leaving: dt.date | None, six: bool | None) -> calc.EsfPerson:
    return calc.EsfPerson(
        gender=row.gender or None,
        birth_date=row.participant.date_of_birth,
        entry_date=row.entry_date,
        status=row.labour_status or None,
        education=row.education or None,
        disability=row.disability,
        third_country=row.third_country or None,
        foreign_background=row.foreign_background or None,
        minority=row.minority or None,
        homeless=row.homeless or None,
        rural=row.rural or None,
        leaving_date=leaving,
        events=tuple((e.date, e.kind) for e in row.events.all()),
        employed_after_six_months=six,
    )


def registration_rows(operation: EsfOperation, *, today: dt.date) -> list[RegistrationRow]:
    """Every registration of ``operation`` with its indicators on ``today``."""
    rows = list(
        EsfRegistration.objects.filter(
            municipality_id=operation.municipality_id, operation=operation
        )
        .select_related("participant")
        .prefetch_related("events")
        .order_by("entry_date", "id")
    )
    ids = [r.participant_id for r in rows]
    follow_ups = _six_month_follow_ups(ids)
    ends = _last_placement_end(ids)
    out = []
    for row in rows:
        leaving = row.leaving_date or row.participant.exit_date
        follow_up = follow_ups.get(row.participant_id)
        six: bool | None = None
        if follow_up is not None and follow_up.status == FollowUpStatus.MEASURED:
            six = bool(follow_up.works)
        person = person_of(row, leaving, six)
        out.append(
            RegistrationRow(
                registration=row,
                participant=row.participant,
                leaving_date=leaving,
                codes=calc.indicators_of(person),
                window_closed=leaving is not None and calc.result_window_closed(leaving, today),
                six_month=six,
                six_month_due=add_months(leaving, SIX_MONTH_FOLLOW_UP) if leaving else None,
                first_activity=row.entry_date,
                last_activity=leaving or ends.get(row.participant_id),
            )
        )
    return out


# -- the indicator totals ----------------------------------------------------------------

STATUS_PARTS = ("EECO01", "EECO03", "EECO04")
EDUCATION_PARTS = ("EECO08", "EECO09", "EECO10")
AGE_PARTS = ("EECO05", "EECO06", "EECO07")


@dataclass
class IndicatorReport:
    operation: EsfOperation
    as_of: dt.date
    threshold: int
    values: dict[str, dict[str, int]]
    marks: dict[Hashable, Mark]
    registered: int

    def cell(self, code: str, column: str) -> Cell:
        value = self.values[code][column]
        mark = self.marks.get((code, column), Mark.PUBLISHED)
        return Cell(value if mark == Mark.PUBLISHED else None, Mark(mark).value)

    @property
    def rows(self) -> list[dict[str, Any]]:
        return [
            {"indicator": i, "cells": [self.cell(i.code, c) for c in COLUMNS]} for i in INDICATORS
        ]


def _system(
    values: dict[str, dict[str, int]],
) -> tuple[dict[Hashable, int], list[Constraint[Hashable]], set[Hashable]]:
    """The published cells and what a reader knows of them: each row's total is
    the sum of its genders; per column the total (EECO11) is the sum of the
    statuses, of the education levels and of the age groups, and EECO01 holds
    EECO02, each with an unpublished rest (unknown status, education, other ages,
    short-term unemployed)."""
    cells: dict[Hashable, int] = {}
    constraints: list[Constraint[Hashable]] = []
    hidden: set[Hashable] = set()
    genders = COLUMNS[:-1]
    for code, by_column in values.items():
        for column in COLUMNS:
            cells[code, column] = by_column[column]
        constraints.append(split((code, "total"), [(code, g) for g in genders]))
    for parts, rest in (
        (STATUS_PARTS, "status_rest"),
        (EDUCATION_PARTS, "education_rest"),
        (AGE_PARTS, "age_rest"),
        (("EECO02",), "short_term"),
    ):
        whole = "EECO01" if rest == "short_term" else "EECO11"
        for column in COLUMNS:
            known = sum(values[p][column] for p in parts)
            cells[rest, column] = values[whole][column] - known
            hidden.add((rest, column))
            constraints.append(
                split((whole, column), [*((p, column) for p in parts), (rest, column)])
            )
        constraints.append(split((rest, "total"), [(rest, g) for g in genders]))
    return cells, constraints, hidden


def indicator_report(operation: EsfOperation, *, today: dt.date) -> IndicatorReport:
    """The indicator totals of the operation by gender, with small numbers suppressed
    (the municipality's threshold, as every published figure)."""
    rows = registration_rows(operation, today=today)
    people = [person_of_row(r) for r in rows]
    values = calc.indicator_totals(people)
    threshold = threshold_of(operation.municipality)
    cells, constraints, hidden = _system(values)
    marks = suppress(cells, constraints, threshold=threshold, hidden=hidden)
    return IndicatorReport(operation, today, threshold, values, marks, len(rows))


def person_of_row(row: RegistrationRow) -> calc.EsfPerson:
    return person_of(row.registration, row.leaving_date, row.six_month)


# -- the worklist --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    participant: Participant | None
    registration: EsfRegistration | None
    kind: str
    text: str
    staff: User | None = None


def worklist(operation: EsfOperation, *, today: dt.date) -> list[Problem]:
    """Missing or inconsistent data: participants without a registration, entry data
    missing, a leaver without a result 28 days on, a six-month follow-up missing,
    and staff with hours in the operation but no rate on the day."""
    problems: list[Problem] = []
    rows = registration_rows(operation, today=today)
    registered = {r.participant.pk for r in rows}
    unregistered = (
        participants_in_scope(operation)
        .exclude(pk__in=registered)
        .order_by("last_name", "first_name", "id")
    )
    problems.extend(
        Problem(p, None, "no_registration", _("Nog niet geregistreerd voor ESF+."))
        for p in unregistered
    )
    for row in rows:
        reg = row.registration
        p = row.participant
        if not reg.labour_status:
            problems.append(
                Problem(p, reg, "status", _("Arbeidsmarktsituatie bij instroom ontbreekt."))
            )
        if not reg.education:
            problems.append(Problem(p, reg, "education", _("Opleidingsniveau ontbreekt.")))
        if not reg.gender:
            problems.append(Problem(p, reg, "gender", _("Geslacht ontbreekt.")))
        if reg.disability is None:
            problems.append(Problem(p, reg, "disability", _("Beperking: nog niet gevraagd.")))
        if (
            row.leaving_date is not None
            and row.window_closed
            and not (row.codes & {"EECR01", "EECR02", "EECR04"})
            and not any(e.kind == "inactive" for e in reg.events.all())
        ):
            problems.append(
                Problem(p, reg, "result", _("Vertrokken, maar geen resultaat binnen 28 dagen."))
            )
        if (
            row.six_month_due is not None
            and row.six_month is None
            and add_days(row.six_month_due, 28) < today
        ):
            problems.append(
                Problem(p, reg, "six_months", _("Nameting zes maanden na vertrek ontbreekt."))
            )
    claim = cost_claim(operation, first=operation.start_date, last=min(operation.end_date, today))
    for staff_id, hundredths in sorted(claim.result.unrated.items()):
        staff = claim.staff.get(staff_id)
        problems.append(
            Problem(
                None,
                None,
                "staff_rate",
                _("%(hours)s uur zonder uurtarief van deze medewerker.")
                % {"hours": _hours_text(hundredths)},
                staff=staff,
            )
        )
    return problems


def _hours_text(hundredths: int) -> str:
    return f"{Decimal(hundredths) / 100:.2f}".replace(".", ",")


# -- the cost claim --------------------------------------------------------------------


@dataclass
class Claim:
    operation: EsfOperation
    first: dt.date
    last: dt.date
    result: calc.ClaimResult
    staff: dict[int, User] = field(default_factory=dict)
    standard_hours: dict[int, Decimal] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    assumed: bool = False

    @property
    def direct(self) -> Decimal:
        return euros(self.result.direct_cents)

    @property
    def flat(self) -> Decimal:
        return euros(self.result.flat_cents)

    @property
    def total(self) -> Decimal:
        return euros(self.result.total_cents)

    @property
    def lines(self) -> list[dict[str, Any]]:
        return [
            {
                "staff": self.staff.get(line.staff),
                "year": line.year,
                "valid_from": line.valid_from,
                "annual_cost": euros(line.annual_cost_cents),
                "part_time_factor": Decimal(line.part_time_ppm) / 1_000_000,
                "annual_hours": Decimal(line.annual_hundredths) / 100,
                "rate": euros(line.rate_cents),
                "hours": Decimal(line.hundredths) / 100,
                "cut": Decimal(line.cut_hundredths) / 100,
                "amount": euros(line.amount_cents),
            }
            for line in self.result.lines
        ]


def claim_hours(operation: EsfOperation, first: dt.date, last: dt.date) -> list[calc.HoursRow]:
    """Guidance hours of the registered participants between their entry and leaving,
    within the operation and ``first..last``."""
    first = max(first, operation.start_date)
    last = min(last, operation.end_date)
    spans = {
        r.participant_id: (r.entry_date, r.leaving_date or r.participant.exit_date)
        for r in EsfRegistration.objects.filter(
            municipality_id=operation.municipality_id, operation=operation
        ).select_related("participant")
    }
    rows = HoursEntry.objects.filter(
        municipality_id=operation.municipality_id,
        participant_id__in=list(spans),
        date__gte=first,
        date__lte=last,
    ).values_list("participant_id", "staff_id", "date", "hours")
    out = []
    for pid, staff_id, day, hours in rows:
        entry, leaving = spans[pid]
        if day < entry or (leaving is not None and day > leaving):
            continue
        out.append(calc.HoursRow(staff_id, day, int(hours * 100)))
    return out


def cost_claim(operation: EsfOperation, *, first: dt.date, last: dt.date) -> Claim:
    """The cost claim of ``first..last`` (within the operation): direct staff costs
    from the guidance hours and the staff rates, plus the operation's flat rate."""
    hours = claim_hours(operation, first, last)
    rates = [
        calc.RateRow(
            r.staff_id,
            r.valid_from,
            int(r.annual_cost * 100),
            int(r.part_time_factor * 1_000_000),
        )
        for r in StaffRate.objects.filter(municipality_id=operation.municipality_id)
    ]
    standard: dict[int, Decimal] = {}
    sources: dict[str, str] = {}
    assumed = False
    for year in sorted({h.day.year for h in hours}):
        try:
            found = parameter_value(ParameterKey.ESF_STANDARD_HOURS, dt.date(year, 1, 1))
        except LookupError:
            continue
        standard[year] = found.value
        sources[str(year)] = found.source
        assumed = (
            assumed
            or ParameterValue.objects.filter(
                key=ParameterKey.ESF_STANDARD_HOURS,
                effective_date=found.effective_date,
                is_assumption=True,
            ).exists()
        )
    hours = [h for h in hours if h.day.year in standard]
    result = calc.claim(rates, hours, standard_hours=standard, flat_rate=operation.flat_rate)
    staff_ids = {h.staff for h in hours}
    staff = {u.pk: u for u in User.objects.filter(pk__in=staff_ids)}
    return Claim(
        operation,
        max(first, operation.start_date),
        min(last, operation.end_date),
        result,
        staff,
        standard,
        sources,
        assumed,
    )


def hours_by_staff(claim: Claim) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for line in claim.result.lines:
        out[line.staff] += line.hundredths
    return dict(out)
