"""Retention periods: from which day a record has been kept long enough.

Pure rules, given dates and the policy; ``privacy/services.py`` applies them.

- A participant's file closes on the exit (or the decision not to admit), or on
  the programme's end when that comes first; the personal data is then kept
  ``participant_years`` full years (the Selectielijst gemeenten en
  intergemeentelijke organen, sociaal domein: 10 years for Participatiewet
  files after the end of the service). It is kept up to and including the
  anniversary and has expired from the day after: closed on 30-06-2016, kept
  10 years, it expires on 01-07-2026 (not on 30-06-2026).
- A payroll preview (an uploaded file with BSNs and salaries, waiting to be
  confirmed) and a temporary file are kept ``days`` days after they were made:
  made on 01-12-2026, kept 7 days, expired from 09-12-2026.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from basisbaan.calc.dates import add_days, years_after

__all__ = [
    "RetentionPolicy",
    "days_expired",
    "file_closed_on",
    "participant_expires_on",
]


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """How long each kind of record is kept (the settings ``RETENTION_*``)."""

    participant_years: int = 10
    payroll_preview_days: int = 7
    temp_file_days: int = 2

    def __post_init__(self) -> None:
        if min(self.participant_years, self.payroll_preview_days, self.temp_file_days) < 0:
            raise ValueError("a retention period cannot be negative")


def file_closed_on(*, left_on: dt.date | None, programme_end: dt.date | None) -> dt.date | None:
    """The day a participant's file closed: the earlier of leaving and the programme's end.

    ``left_on`` is the exit date (or the day of the decision not to admit) of a
    participant who has left; ``None`` for one still in. ``None`` back: the
    file is open (nothing known to count from).
    """
    known = [day for day in (left_on, programme_end) if day is not None]
    return min(known) if known else None


def participant_expires_on(closed_on: dt.date | None, years: int) -> dt.date | None:
    """The first day the personal data of a file closed on ``closed_on`` is kept too long."""
    if closed_on is None:
        return None
    return add_days(years_after(closed_on, years), 1)


def days_expired(made_on: dt.date, days: int, today: dt.date) -> bool:
    """Whether something made on ``made_on`` and kept ``days`` days has expired ``today``."""
    return today > add_days(made_on, days)
