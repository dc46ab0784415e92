"""A placement's status on a given day, and the warning for a start close to the programme's end.

Pure (dates in, choices and numbers out): every face passes ``today`` itself,
so a page, the API and a test on a pinned day agree.
"""

from __future__ import annotations

import datetime as dt

from basisbaan.calc.dates import add_months
from basisbaan.placements.constants import PlacementStatus

__all__ = ["days_before_programme_end", "placement_status"]


def placement_status(
    start_date: dt.date, end_date: dt.date | None, *, today: dt.date
) -> PlacementStatus:
    """Ended once it has an end date; planned while its start lies after ``today``."""
    if end_date is not None:
        return PlacementStatus.ENDED
    if start_date > today:
        return PlacementStatus.PLANNED
    return PlacementStatus.ACTIVE


def days_before_programme_end(start_date: dt.date, programme_end: dt.date) -> int | None:
    """The days from ``start_date`` to the programme's end when that is less than one
    calendar month (a start on 14-12-2026 in a programme ending 31-12-2026: 17), else None.

    Such a start leaves no time for a contract period worth the name: the pages
    and the API warn, they do not refuse (the programme may yet be extended).
    """
    if start_date > programme_end or start_date <= add_months(programme_end, -1):
        return None
    return (programme_end - start_date).days
