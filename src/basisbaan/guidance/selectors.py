"""Reads of guidance, always within one municipality.

:func:`week_grid` feeds the week page in a fixed number of queries, whatever
the size of the history; :func:`norm_report` computes hours against the norm
per programme, staff member and participant with :mod:`basisbaan.calc.guidance`;
:func:`placement_cadence` gives each running placement its next due session.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np

from django.db.models import Max, Q, QuerySet, Sum
from django.db.models.functions import ExtractQuarter

from basisbaan.calc import guidance as calc
from basisbaan.guidance.constants import (
    DEFAULT_CADENCE_WEEKS,
    DEFAULT_NORM_HOURS,
    Activity,
    SessionStatus,
)
from basisbaan.guidance.models import (
    CalendarFeed,
    ClosedPeriod,
    FeedbackAction,
    FeedbackSession,
    GuidanceSettings,
    HoursEntry,
    Signal,
)
from basisbaan.hosts.models import HostContact
from basisbaan.participants.constants import ACTIVE_STATUSES
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.roles import Perm, has_perm

__all__ = [
    "closed_period_list",
    "dangerously_feed_for_token",
    "feedback_action_list",
    "feedback_session_list",
    "guidance_settings_of",
    "hours_list",
    "hours_readable",
    "may_read_hours_of",
    "norm_report",
    "placement_cadence",
    "signal_host_contacts",
    "signal_list",
    "week_grid",
]

# The week grid also lists participants the staff member logged hours for in
# this many recent weeks.
RECENT_WEEKS = 8


def guidance_settings_of(programme: Programme) -> GuidanceSettings:
    """The programme's settings; an unsaved row with the defaults when it has none."""
    try:
        return programme.guidance_settings
    except GuidanceSettings.DoesNotExist:
        return GuidanceSettings(municipality_id=programme.municipality_id, programme=programme)


def hours_list(
    *,
    municipality: Municipality,
    staff_id: int | None = None,
    participant_id: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> QuerySet[HoursEntry]:
    qs = HoursEntry.objects.filter(municipality=municipality)
    if staff_id is not None:
        qs = qs.filter(staff_id=staff_id)
    if participant_id is not None:
        qs = qs.filter(participant_id=participant_id)
    if start is not None:
        qs = qs.filter(date__gte=start)
    if end is not None:
        qs = qs.filter(date__lte=end)
    return qs


def may_read_hours_of(*, viewer: User, role: str | None, staff_id: int) -> bool:
    """Whether ``viewer`` (with ``role``) may read the hours, with their notes, that
    ``staff_id`` logged: their own always; a colleague's only with guidance.manage
    (the programme manager who corrects weeks). One rule for every face: the week
    page and the API both ask here."""
    return staff_id == viewer.pk or has_perm(role, Perm.GUIDANCE_MANAGE)


def hours_readable(
    *, municipality: Municipality, viewer: User, role: str | None
) -> QuerySet[HoursEntry]:
    """The hours entries ``viewer`` may read (see :func:`may_read_hours_of`)."""
    qs = hours_list(municipality=municipality)
    if has_perm(role, Perm.GUIDANCE_MANAGE):
        return qs
    return qs.filter(staff_id=viewer.pk)


def closed_period_list(*, municipality: Municipality) -> QuerySet[ClosedPeriod]:
    return ClosedPeriod.objects.filter(municipality=municipality).select_related("closed_by")


# -- week grid -------------------------------------------------------------------------


@dataclass
class GridRow:
    participant: Participant
    activity: str
    hours: list[Decimal | None]  # Monday..Sunday
    locked: list[bool]

    @property
    def total(self) -> Decimal:
        return sum((h for h in self.hours if h), Decimal(0))


@dataclass
class WeekGrid:
    week_start: dt.date
    days: list[dt.date]
    rows: list[GridRow]
    closed: list[bool]  # per day
    day_totals: list[Decimal] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum(self.day_totals, Decimal(0))

    @property
    def columns(self) -> list[tuple[dt.date, bool]]:
        """Each day with whether its month is closed."""
        return list(zip(self.days, self.closed, strict=True))


def week_grid(
    *,
    municipality: Municipality,
    staff: User,
    week_start: dt.date,
    extra: tuple[int, str] | None = None,
) -> WeekGrid:
    """The staff member's week: a row per (participant, activity) with hours,
    and an empty coaching row for each participant they are contact person
    for or logged hours for recently but not this week.

    Four queries: the week's entries, the recent participants, the
    participants, the closed months.
    """
    days = [week_start + dt.timedelta(days=i) for i in range(7)]
    entries = list(
        HoursEntry.objects.filter(
            municipality=municipality, staff=staff, date__range=(days[0], days[-1])
        ).values_list("participant_id", "activity", "date", "hours")
    )
    recent = set(
        HoursEntry.objects.filter(
            municipality=municipality,
            staff=staff,
            date__range=(week_start - dt.timedelta(weeks=RECENT_WEEKS), week_start),
        )
        .values_list("participant_id", flat=True)
        .distinct()
        .order_by()
    )
    ids = recent | {e[0] for e in entries}
    if extra is not None:
        ids.add(extra[0])
    people = {
        p.pk: p
        for p in Participant.objects.filter(municipality=municipality)
        .filter(Q(pk__in=ids) | (Q(contact_person=staff) & Q(status__in=ACTIVE_STATUSES)))
        .select_related("contact_person")
        .only(
            "pk",
            "first_name",
            "name_prefix",
            "last_name",
            "status",
            "contact_person",
            "contact_person__first_name",
            "contact_person__last_name",
            "contact_person__username",
        )
    }
    cells: dict[tuple[int, str], list[Decimal | None]] = defaultdict(lambda: [None] * 7)
    for participant_id, activity, day, hours in entries:
        cells[(participant_id, activity)][(day - week_start).days] = hours
    for pk in people:
        if not any(key[0] == pk for key in cells):
            cells[(pk, Activity.COACHING)] = [None] * 7
    if extra is not None and extra[0] in people and extra[1] in Activity.values:
        cells.setdefault(extra, [None] * 7)
    closed_set = {
        m
        for m in ClosedPeriod.objects.filter(
            municipality=municipality, month__in={d.replace(day=1) for d in days}
        ).values_list("month", flat=True)
    }
    closed = [d.replace(day=1) in closed_set for d in days]
    order = list(Activity.values)
    rows = [
        GridRow(participant=people[pid], activity=activity, hours=hours, locked=closed)
        for (pid, activity), hours in sorted(
            cells.items(),
            key=lambda item: (
                people[item[0][0]].last_name,
                people[item[0][0]].first_name,
                item[0][0],
                order.index(item[0][1]),
            ),
        )
        if pid in people
    ]
    day_totals = [sum((r.hours[i] or Decimal(0) for r in rows), Decimal(0)) for i in range(7)]
    return WeekGrid(
        week_start=week_start, days=days, rows=rows, closed=closed, day_totals=day_totals
    )


def week_addable(*, municipality: Municipality) -> QuerySet[Participant]:
    """Participants in the programme (intake, waiting, placed): candidates for a new row."""
    return (
        Participant.objects.filter(municipality=municipality, status__in=ACTIVE_STATUSES)
        .order_by("last_name", "first_name", "id")
        .only("pk", "first_name", "name_prefix", "last_name")
    )


# -- norm ------------------------------------------------------------------------------


@dataclass
class NormRow:
    label: str
    key: int
    line: calc.NormLine
    cost: Decimal | None
    participants: int = 0
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class NormReport:
    year: int
    as_of: dt.date
    programmes: list[NormRow]
    staff: list[NormRow]
    participants: list[NormRow]


def _ranges_by_participant(municipality: Municipality, year: int) -> dict[int, list[calc.Range]]:
    """Each participant's placement ranges that touch ``year``: the days in the programme."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    ranges: dict[int, list[calc.Range]] = defaultdict(list)
    rows = (
        Placement.objects.filter(municipality=municipality, start_date__lte=end)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=start))
        .values_list("participant_id", "start_date", "end_date")
    )
    for participant_id, first, last in rows:
        ranges[participant_id].append((first, last))
    return ranges


def norm_report(*, municipality: Municipality, year: int, as_of: dt.date) -> NormReport:
    """Hours of ``year`` up to ``as_of`` against the pro-rata norm, per programme,
    staff member and participant, with the quarters and the cost.

    The norm of a participant is the programme's norm times their days in the
    programme (placement days) in the year over the year's days; "to date"
    counts the days up to ``as_of``. Cost = hours x the programme's internal
    hourly rate (none when the rate is not set).
    """
    year_start, year_end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    until = min(as_of, year_end)
    programmes = {
        p.pk: p
        for p in Programme.objects.filter(municipality=municipality).select_related(
            "guidance_settings"
        )
    }
    settings = {pk: guidance_settings_of(p) for pk, p in programmes.items()}
    ranges = _ranges_by_participant(municipality, year)
    # Summed per participant, staff member and quarter in the database: a few
    # thousand rows whatever the number of entries.
    grouped = list(
        HoursEntry.objects.filter(municipality=municipality, date__range=(year_start, until))
        .annotate(quarter=ExtractQuarter("date"))
        .values_list("participant_id", "staff_id", "quarter")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    pids = np.array([r[0] for r in grouped], dtype=np.int64)
    sids = np.array([r[1] for r in grouped], dtype=np.int64)
    quarters = np.array([r[2] for r in grouped], dtype=np.int64)
    hundredths = np.array([int(r[3] * 100) for r in grouped], dtype=np.int64)
    involved = set(ranges) | set(pids.tolist())
    people = {
        p.pk: p
        for p in Participant.objects.filter(municipality=municipality, pk__in=involved).only(
            "pk", "first_name", "name_prefix", "last_name", "programme_id"
        )
    }
    p_keys, p_quarters = calc.quarter_totals(quarters, hundredths, pids)
    p_totals = dict(zip(p_keys.tolist(), p_quarters.tolist(), strict=True))
    s_keys, s_quarters = calc.quarter_totals(quarters, hundredths, sids)
    programme_of = {pk: p.programme_id for pk, p in people.items()}
    participant_rows: list[NormRow] = []
    per_programme: dict[int, list[calc.NormLine]] = defaultdict(list)
    for pk, person in sorted(people.items(), key=lambda i: (i[1].last_name, i[1].first_name, i[0])):
        setting = settings[programme_of[pk]]
        norm_hours = setting.norm_hours or DEFAULT_NORM_HOURS
        days_year = calc.participation_days(ranges.get(pk, []), year_start, year_end)
        days_to_date = calc.participation_days(ranges.get(pk, []), year_start, until)
        q1, q2, q3, q4 = p_totals.get(pk, [0, 0, 0, 0])
        line = calc.NormLine(
            hours=q1 + q2 + q3 + q4,
            norm_to_date=calc.norm_hundredths(norm_hours, days_to_date, year),
            norm_year=calc.norm_hundredths(norm_hours, days_year, year),
            quarters=(q1, q2, q3, q4),
        )
        per_programme[programme_of[pk]].append(line)
        rate = setting.hourly_rate
        participant_rows.append(
            NormRow(
                label=person.full_name,
                key=pk,
                line=line,
                cost=calc.hours_cost(line.hours, rate) if rate is not None else None,
                extra={"days": days_year, "programme": programmes[programme_of[pk]].name},
            )
        )
    programme_rows = []
    for pk, programme in programmes.items():
        lines = per_programme.get(pk, [])
        total = _sum_lines(lines)
        rate = settings[pk].hourly_rate
        programme_rows.append(
            NormRow(
                label=programme.name,
                key=pk,
                line=total,
                cost=calc.hours_cost(total.hours, rate) if rate is not None else None,
                participants=sum(1 for line in lines if line.norm_year or line.hours),
                extra={"settings": settings[pk]},
            )
        )
    staff_rows = _staff_rows(s_keys, s_quarters, grouped, programme_of, settings)
    return NormReport(
        year=year,
        as_of=until,
        programmes=programme_rows,
        staff=staff_rows,
        participants=participant_rows,
    )


def _sum_lines(lines: list[calc.NormLine]) -> calc.NormLine:
    return calc.NormLine(
        hours=sum(line.hours for line in lines),
        norm_to_date=sum(line.norm_to_date for line in lines),
        norm_year=sum(line.norm_year for line in lines),
        quarters=tuple(sum(line.quarters[q] for line in lines) for q in range(4)),  # type: ignore[arg-type]
    )


def _staff_rows(
    keys: Any,
    quarters: Any,
    grouped: list[tuple[int, int, int, Decimal]],
    programme_of: dict[int, int],
    settings: dict[int, GuidanceSettings],
) -> list[NormRow]:
    """Per staff member: hours per quarter, participants helped and the cost
    (each hour at the rate of the participant's programme)."""
    users = {u.pk: u for u in User.objects.filter(pk__in=keys.tolist())}
    cost: dict[int, Decimal] = defaultdict(Decimal)
    helped: dict[int, set[int]] = defaultdict(set)
    missing_rate: set[int] = set()
    for participant_id, staff_id, _quarter, hours in grouped:
        rate = settings[programme_of[participant_id]].hourly_rate
        helped[staff_id].add(participant_id)
        if rate is None:
            missing_rate.add(staff_id)
        else:
            cost[staff_id] += hours * rate
    rows = []
    for staff_id, q in zip(keys.tolist(), quarters.tolist(), strict=True):
        user = users[staff_id]
        line = calc.NormLine(hours=sum(q), norm_to_date=0, norm_year=0, quarters=tuple(q))
        rows.append(
            NormRow(
                label=user.get_full_name() or user.get_username(),
                key=staff_id,
                line=line,
                cost=None if staff_id in missing_rate else cost[staff_id].quantize(calc.CENT),
                participants=len(helped[staff_id]),
            )
        )
    rows.sort(key=lambda r: r.label)
    return rows


# -- feedback --------------------------------------------------------------------------


def feedback_session_list(*, municipality: Municipality) -> QuerySet[FeedbackSession]:
    return FeedbackSession.objects.filter(municipality=municipality).select_related(
        "placement__participant__contact_person",
        "placement__position__host",
        "host_contact",
        "jobcoach",
        "caseworker",
    )


def feedback_action_list(*, municipality: Municipality) -> QuerySet[FeedbackAction]:
    return FeedbackAction.objects.filter(municipality=municipality).select_related(
        "owner", "session__placement__participant"
    )


@dataclass
class CadenceRow:
    placement: Placement
    cadence_weeks: int
    last_held: dt.date | None
    next_due: dt.date
    overdue: bool
    planned: dt.date | None


def placement_cadence(
    *, municipality: Municipality, today: dt.date, overdue_only: bool = False
) -> list[CadenceRow]:
    """Every running placement with its last held session, next due date and
    whether it is overdue (by the cadence of its programme)."""
    placements = (
        Placement.objects.filter(municipality=municipality, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .select_related(
            "participant__contact_person",
            "participant__programme__guidance_settings",
            "position__host",
        )
        .annotate(
            last_held=Max(
                "feedback_sessions__held_on", filter=Q(feedback_sessions__status=SessionStatus.HELD)
            ),
            next_planned=Max(
                "feedback_sessions__planned_date",
                filter=Q(feedback_sessions__status=SessionStatus.PLANNED),
            ),
        )
    )
    rows = []
    for placement in placements:
        setting = guidance_settings_of(placement.participant.programme)
        cadence = setting.cadence_weeks or DEFAULT_CADENCE_WEEKS
        last_held: dt.date | None = placement.last_held
        due = calc.next_due(
            placement_start=placement.start_date, last_held=last_held, cadence_weeks=cadence
        )
        overdue = calc.placement_overdue(
            placement_start=placement.start_date,
            placement_end=placement.end_date,
            last_held=last_held,
            cadence_weeks=cadence,
            today=today,
        )
        if overdue_only and not overdue:
            continue
        rows.append(
            CadenceRow(
                placement=placement,
                cadence_weeks=cadence,
                last_held=last_held,
                next_due=due,
                overdue=overdue,
                planned=placement.next_planned,
            )
        )
    rows.sort(key=lambda r: (r.next_due, r.placement.pk))
    return rows


# -- signals ---------------------------------------------------------------------------


def signal_list(*, municipality: Municipality, open_only: bool = False) -> QuerySet[Signal]:
    qs = Signal.objects.filter(municipality=municipality).select_related(
        "participant__contact_person", "owner", "raised_by", "raised_by_host_contact", "closed_by"
    )
    if open_only:
        qs = qs.filter(closed_at__isnull=True)
    return qs


def signal_host_contacts(*, participant: Participant, on: dt.date) -> QuerySet[HostContact]:
    """The contacts who may raise a signal about ``participant`` on day ``on``:
    those of the host of a placement of the participant running that day."""
    hosts = Placement.objects.filter(
        municipality_id=participant.municipality_id,
        participant=participant,
        start_date__lte=on,
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
    return (
        HostContact.objects.filter(
            municipality_id=participant.municipality_id,
            host_id__in=hosts.values("position__host_id"),
        )
        .select_related("host")
        .order_by("name", "id")
    )


def guidance_attention(*, municipality: Municipality, today: dt.date) -> dict[str, int]:
    """The dashboard's guidance flags in two queries: open signals and running
    placements overdue for a feedback session."""
    rows = (
        Placement.objects.filter(municipality=municipality, start_date__lte=today)
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=today))
        .annotate(
            last_held=Max(
                "feedback_sessions__held_on",
                filter=Q(feedback_sessions__status=SessionStatus.HELD),
            )
        )
        .values_list(
            "start_date",
            "end_date",
            "participant__programme__guidance_settings__cadence_weeks",
            "last_held",
        )
    )
    overdue = sum(
        calc.placement_overdue(
            placement_start=start,
            placement_end=end,
            last_held=last_held,
            cadence_weeks=cadence or DEFAULT_CADENCE_WEEKS,
            today=today,
        )
        for start, end, cadence, last_held in rows
    )
    open_signals = Signal.objects.filter(municipality=municipality, closed_at__isnull=True).count()
    return {"open_signals": open_signals, "overdue_sessions": overdue}


@dataclass
class ParticipantGuidance:
    year: int
    hours: Decimal
    norm_to_date: Decimal
    last_held: dt.date | None
    next_due: dt.date | None
    overdue: bool
    open_signals: int


def participant_guidance(
    *, municipality: Municipality, participant: Participant, today: dt.date
) -> ParticipantGuidance:
    """One participant's guidance at a glance: hours this year against the norm
    to date, the feedback sessions of the running placement, open signals."""
    year_start = dt.date(today.year, 1, 1)
    hours = hours_list(
        municipality=municipality, participant_id=participant.pk, start=year_start, end=today
    ).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    setting = guidance_settings_of(participant.programme)
    placements = list(
        Placement.objects.filter(municipality=municipality, participant=participant).annotate(
            last_held=Max(
                "feedback_sessions__held_on",
                filter=Q(feedback_sessions__status=SessionStatus.HELD),
            )
        )
    )
    ranges = [(p.start_date, p.end_date) for p in placements]
    days = calc.participation_days(ranges, year_start, today)
    norm = Decimal(calc.norm_hundredths(setting.norm_hours, days, today.year)) / 100
    running = [p for p in placements if p.end_date is None or p.end_date >= today]
    last_held = max((p.last_held for p in placements if p.last_held), default=None)
    due = overdue = None
    if running:
        current = running[0]
        cadence = setting.cadence_weeks or DEFAULT_CADENCE_WEEKS
        due = calc.next_due(
            placement_start=current.start_date,
            last_held=current.last_held,
            cadence_weeks=cadence,
        )
        overdue = calc.placement_overdue(
            placement_start=current.start_date,
            placement_end=current.end_date,
            last_held=current.last_held,
            cadence_weeks=cadence,
            today=today,
        )
    return ParticipantGuidance(
        year=today.year,
        hours=hours,
        norm_to_date=norm,
        last_held=last_held,
        next_due=due,
        overdue=bool(overdue),
        open_signals=Signal.objects.filter(
            municipality=municipality, participant=participant, closed_at__isnull=True
        ).count(),
    )


# -- calendar feed ---------------------------------------------------------------------


def dangerously_feed_for_token(token_digest: str) -> CalendarFeed | None:
    """The feed of a token digest, across municipalities: the token itself is
    the credential (the feed URL carries no login). Reviewed: it returns one
    user's own feed row only."""
    return (
        CalendarFeed.objects.filter(token_digest=token_digest)
        .select_related("user", "municipality")
        .first()
    )


def planned_sessions_for(*, municipality: Municipality, user: User) -> QuerySet[FeedbackSession]:
    """Planned sessions where ``user`` is the job coach or caseworker, or the
    participant's contact person."""
    return (
        feedback_session_list(municipality=municipality)
        .filter(status=SessionStatus.PLANNED)
        .filter(
            Q(jobcoach=user) | Q(caseworker=user) | Q(placement__participant__contact_person=user)
        )
        .order_by("planned_date", "planned_time", "id")
    )
