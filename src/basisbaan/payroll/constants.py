"""Choices and the column names of the payroll file."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    """Where a payroll import stands.

    ``preview``: checked without errors, the file kept until the user confirms
    or cancels (UI only). ``checked``: a dry run without errors. ``refused``:
    one or more rows failed, nothing was stored. ``imported``: stored.
    ``queued``: waiting for (or in) the background job that checks or imports
    it, the file kept. ``failed``: that job broke off; nothing was stored.
    """

    PREVIEW = "preview", _("wacht op bevestiging")
    CHECKED = "checked", _("gecontroleerd (proefrun)")
    IMPORTED = "imported", _("ingelezen")
    REFUSED = "refused", _("afgekeurd")
    CANCELLED = "cancelled", _("geannuleerd")
    QUEUED = "queued", _("wordt verwerkt")
    FAILED = "failed", _("mislukt")


# The columns of a payroll file, as written in its header (case-insensitive).
BSN = "bsn"
EMPLOYEE_NUMBER = "personeelsnummer"
PERIOD = "periode"
GROSS_WAGE = "brutoloon"
HOLIDAY_ALLOWANCE = "vakantiegeld"
EMPLOYER_CHARGES = "werkgeverslasten"
PENSION = "pensioen"
OTHER_COSTS = "overige_kosten"
TOTAL = "totaal"
HOURS = "uren"

# The parts that add up to the total, in file order, with their model fields.
PART_COLUMNS: tuple[tuple[str, str], ...] = (
    (GROSS_WAGE, "gross_wage"),
    (HOLIDAY_ALLOWANCE, "holiday_allowance"),
    (EMPLOYER_CHARGES, "employer_charges"),
    (PENSION, "pension"),
    (OTHER_COSTS, "other_costs"),
)
AMOUNT_COLUMNS: tuple[tuple[str, str], ...] = (*PART_COLUMNS, (TOTAL, "total"))
VALUE_COLUMNS: tuple[tuple[str, str], ...] = (*AMOUNT_COLUMNS, (HOURS, "hours"))
# Every file has these, plus bsn or personeelsnummer (or both).
REQUIRED_COLUMNS: tuple[str, ...] = (PERIOD, *(column for column, _f in VALUE_COLUMNS))
PERSON_COLUMNS: tuple[str, ...] = (BSN, EMPLOYEE_NUMBER)

# Parts that may be left empty in a row (read as 0); the others must be filled.
OPTIONAL_PARTS = frozenset({HOLIDAY_ALLOWANCE, EMPLOYER_CHARGES, PENSION, OTHER_COSTS})

# A month has at most 31 x 24 hours: more is a typing or export error.
MAX_HOURS_IN_MONTH = 744
# The largest amount a DecimalField(max_digits=12, decimal_places=2) holds, in cents.
MAX_CENTS = 10**12 - 1
