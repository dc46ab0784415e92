"""Calendar arithmetic for contract periods. Pure; no Django."""

from __future__ import annotations

import calendar
import datetime as dt


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clipped to the month's last day.

    >>> add_months(dt.date(2024, 8, 31), 6)
    datetime.date(2025, 2, 28)
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_end(start: dt.date, months: int) -> dt.date:
    """Last day of a period of ``months`` months starting on ``start``.

    >>> period_end(dt.date(2024, 7, 1), 6)
    datetime.date(2024, 12, 31)
    """
    return add_months(start, months) - dt.timedelta(days=1)
