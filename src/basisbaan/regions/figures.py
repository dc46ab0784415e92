"""What a programme shares with a region, by the shared definitions
(:data:`~basisbaan.regions.constants.DEFINITION_VERSION`, docs/region-esf.md).

Every figure comes from the definitions the municipality's own pages use: the
counts from the outcome figures (calc.outcomes, the same cube as the outcome
page), the cost and the basisbaan months from the business case, the guidance
hours from the hours logged, the feedback cadence from the guidance rules
(calc.guidance). Nothing here is suppressed: the comparison suppresses all
municipalities at once (calc.regional).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Max, Q, Sum

from basisbaan.calc import guidance as guidance_calc
from basisbaan.calc.outcomes import build_cube
from basisbaan.guidance.constants import DEFAULT_CADENCE_WEEKS, SessionStatus
from basisbaan.guidance.models import HoursEntry
from basisbaan.guidance.selectors import guidance_settings_of
from basisbaan.outcomes.business import business_case
from basisbaan.outcomes.figures import REASONS, programme_arrays
from basisbaan.participants.constants import WORK_REASONS
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme

__all__ = ["ProgrammeFigures", "programme_figures"]

RETENTION_MONTHS = 12
FOLLOW_UP_MONTHS = 6


@dataclass(frozen=True, slots=True)
class ProgrammeFigures:
    counts: dict[str, int]
    cost_cents: int
    participant_months: int
    guidance_hundredths: int


def programme_figures(programme: Programme, *, as_of: dt.date) -> ProgrammeFigures:
    """The shared figures of ``programme`` on ``as_of``. The cost, the months and the
    guidance hours cover the full months before ``as_of``'s month (as the business
    case does); the counts hold on ``as_of``."""
    counts = _outcome_counts(programme, as_of)
    counts.update(_cadence_counts(programme, as_of))
    case = business_case(programme, as_of=as_of, with_sensitivity=False)
    until = case.until  # the first day of the month not counted
    hours = HoursEntry.objects.filter(
        municipality_id=programme.municipality_id,
        participant__programme=programme,
        date__lt=until,
    ).aggregate(total=Sum("hours"))["total"] or Decimal(0)
    return ProgrammeFigures(
        counts=counts,
        cost_cents=int(case.result.total.gross_cost),
        participant_months=int(case.result.total.participant_months),
        guidance_hundredths=int((hours * 100).to_integral_value()),
    )


def _outcome_counts(programme: Programme, as_of: dt.date) -> dict[str, int]:
    spells, stints, follow_ups = programme_arrays(programme)
    cube = build_cube(
        spells,
        stints,
        follow_ups,
        as_of=as_of,
        first_year=programme.start_date.year,
        reasons=len(REASONS),
    )
    v = cube.values
    exited = v["exited", 0]
    to_work = sum(v["exited", REASONS.index(reason), 0] for reason in WORK_REASONS)
    measured = v["fu_measured", FOLLOW_UP_MONTHS, 0]
    works = v["fu_works", FOLLOW_UP_MONTHS, 0]
    return {
        "started": v["started", 0],
        "started_transition": v["started", 1],
        "started_social": v["started", 2],
        "active": v["active", 0],
        "working": v["working", 0],
        "between": v["between", 0],
        "exited": exited,
        "exits_work": to_work,
        "exits_other": exited - to_work,
        "ret12_eligible": v["ret_eligible", RETENTION_MONTHS, 0],
        "ret12_retained": v["ret_yes", RETENTION_MONTHS, 0],
        "ret12_not": v["ret_no", RETENTION_MONTHS, 0],
        "fu6_measured": measured,
        "fu6_working": works,
        "fu6_not": measured - works,
    }


def _cadence_counts(programme: Programme, as_of: dt.date) -> dict[str, int]:
    """Placements running on ``as_of``, and those not overdue for a feedback session."""
    cadence = guidance_settings_of(programme).cadence_weeks or DEFAULT_CADENCE_WEEKS
    rows = (
        Placement.objects.filter(
            municipality_id=programme.municipality_id,
            participant__programme=programme,
            start_date__lte=as_of,
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=as_of))
        .annotate(
            last_held=Max(
                "feedback_sessions__held_on",
                filter=Q(feedback_sessions__status=SessionStatus.HELD)
                & Q(feedback_sessions__held_on__lte=as_of),
            )
        )
        .values_list("start_date", "end_date", "last_held")
    )
    running = overdue = 0
    for start, end, last_held in rows:
        running += 1
        overdue += guidance_calc.placement_overdue(
            placement_start=start,
            placement_end=end,
            last_held=last_held,
            cadence_weeks=cadence,
            today=as_of,
        )
    return {
        "placements_running": running,
        "cadence_kept": running - overdue,
        "cadence_overdue": overdue,
    }
