"""Reads that combine several apps: the dashboard's key figures, and the programme
dashboard's figures and trend."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from basisbaan.calc.suppression import Mark
from basisbaan.contracts.worklist import attention_counts
from basisbaan.costs.selectors import minimum_wage_table_of
from basisbaan.guidance.selectors import guidance_attention
from basisbaan.hosts.constants import Track
from basisbaan.hosts.selectors import position_list
from basisbaan.outcomes.figures import COLUMNS, Cell, figures_of, programme_arrays
from basisbaan.outcomes.reports import TTL_SECONDS, data_stamp
from basisbaan.outcomes.selectors import threshold_of
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.selectors import participant_list
from basisbaan.placements.selectors import placement_list
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.reports.constants import ReportStatus
from basisbaan.reports.models import CouncilReport
from basisbaan.reports.services import live_figures_counted
from basisbaan.reports.tables import hidden_keys
from basisbaan.tenancy.models import Municipality


def dashboard_counts(municipality: Municipality) -> dict[str, Any]:
    """The dashboard's figures in a fixed number of queries, whatever the numbers
    (four, plus those of the contract alerts)."""
    statuses = list(ParticipantStatus)
    closed_statuses = [ParticipantStatus.EXITED, ParticipantStatus.REJECTED]
    participant_counts = participant_list(municipality=municipality).aggregate(
        total=Count("id"),
        no_contact=Count(
            "id", filter=Q(contact_person__isnull=True) & ~Q(status__in=closed_statuses)
        ),
        **{f"status_{s.value}": Count("id", filter=Q(status=s)) for s in statuses},
    )
    placement_counts = placement_list(municipality=municipality, active=True).aggregate(
        total=Count("id"),
        **{f"track_{t.value}": Count("id", filter=Q(track=t)) for t in Track},
    )
    open_positions = position_list(municipality=municipality, is_open=True).count()
    programmes = list(programme_list(municipality=municipality))
    return {
        "participants_total": participant_counts["total"],
        "participants_by_status": [(s, participant_counts[f"status_{s.value}"]) for s in statuses],
        "participants_without_contact": participant_counts["no_contact"],
        "placements_total": placement_counts["total"],
        "placements_by_track": [(t, placement_counts[f"track_{t.value}"]) for t in Track],
        "open_positions": open_positions,
        "programmes": programmes,
        "programmes_closed": [p for p in programmes if not p.intake_open],
        "contract_alerts": attention_counts(
            municipality,
            timezone.localdate(),
            table=minimum_wage_table_of(municipality=municipality),
        ),
        "guidance": guidance_attention(municipality=municipality, today=timezone.localdate()),
    }


# The programme dashboard: the council report's figures, live.

# Where the figures of "at work on the day" sit in a report's figures: the key
# figure (total only) and the tracks table (total and per track).
WORKING_KEYS = ("key_figures/key/working/{col}", "tracks/tracks/working/{col}")
# The trend's most points: ten years of quarters (a stored start in year 1 draws no
# eight thousand years).
MAX_TREND_POINTS = 40


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One day of the trend: "at work" per column (0 all, 1 and 2 the tracks)."""

    day: dt.date
    cells: tuple[Cell, ...]


def final_hidden_keys(programme: Programme, days: list[dt.date]) -> dict[dt.date, set[str]]:
    """Per day, the cells hidden in any final (or superseded) council report of
    ``programme`` with that day as its peildatum."""
    hidden: dict[dt.date, set[str]] = {}
    finals = CouncilReport.objects.filter(
        municipality_id=programme.municipality_id,
        programme=programme,
        as_of__in=days,
        figures__isnull=False,
    ).exclude(status=ReportStatus.DRAFT)
    for report in finals.only("as_of", "figures"):
        hidden.setdefault(report.as_of, set()).update(hidden_keys(report.figures or {}))
    return hidden


def programme_figures(
    programme: Programme, *, as_of: dt.date, period_start: dt.date
) -> tuple[dict[str, Any], int]:
    """The council report's generated blocks as of ``as_of``, live, as a draft of
    that day would publish them (:func:`~basisbaan.reports.services.live_figures`:
    every cell a report of the same peildatum kept back hidden here too, and no
    small number by subtraction from the latest earlier final report); and how
    many cells the reports of that day hid here."""
    return live_figures_counted(programme, as_of=as_of, period_start=period_start)


def quarter_ends(start: dt.date, end: dt.date) -> list[dt.date]:
    """The last days of the quarters from ``start`` up to ``end``; ``end`` itself
    last when it is no quarter's end (empty when ``end`` is before ``start``)."""
    days = []
    year, quarter = start.year, (start.month - 1) // 3 + 1
    while True:
        month = quarter * 3
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        if last > end:
            break
        days.append(last)
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    if start <= end and (not days or days[-1] != end):
        days.append(end)
    return days


def working_trend(programme: Programme, *, as_of: dt.date) -> list[TrendPoint]:
    """ "At work" per quarter end since the programme's start (the latest
    :data:`MAX_TREND_POINTS`), each day counted and suppressed as the outcome report
    of that day (consistently in itself), with what a final council report of that
    day hid hidden too.

    The programme's records are read once for all days, and the trend is kept in
    the cache under the outcome report's data stamp: a change shows at once.
    """
    days = quarter_ends(programme.start_date, as_of)[-MAX_TREND_POINTS:]
    key = (
        f"dashboard:trend:{programme.municipality_id}:{programme.pk}:"
        f"{days[0] if days else ''}:{as_of.isoformat()}:{data_stamp(programme)}"
    )
    counted: list[tuple[Cell, ...]] | None = cache.get(key)
    if counted is None:
        threshold = threshold_of(programme.municipality)
        arrays = programme_arrays(programme)
        counted = []
        for day in days:
            report = figures_of(programme, arrays, as_of=day, threshold=threshold)
            counted.append(tuple(report.cell("working", col) for col in COLUMNS))
        cache.set(key, counted, TTL_SECONDS)
    hidden = final_hidden_keys(programme, days)
    points = []
    for day, cells in zip(days, counted, strict=True):
        keys = hidden.get(day, set())
        points.append(
            TrendPoint(
                day,
                tuple(
                    Cell(None, Mark.SECONDARY.value)
                    if cell.value is not None
                    and any(k.format(col=col) in keys for k in WORKING_KEYS)
                    else cell
                    for col, cell in zip(COLUMNS, cells, strict=True)
                ),
            )
        )
    return points
