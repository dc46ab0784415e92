"""The demo's payroll files: what Caparis charges each month for the Leeuwarden participants.

The letter says the pilot spent EUR 162,000 on basisbaan costs in 2024 (payroll
plus Caparis's limited monitoring costs), for participants who started in the
second half of the year. The files of 2024 are committed in
``basisbaan/demo/payroll/``; after 2024 the demo generates a file for every
month up to the last full month before the as-of day
(:mod:`basisbaan.demo.payroll_months`, which imports them). Each is what a
payroll party sends: Dutch CSV as Excel writes it (UTF-8 with BOM, semicolons,
decimal comma, CRLF).

The rows come from the demo's contracts and the cost model
(:func:`basisbaan.costs.inputs.build_cost_inputs`), with the deviations a real
payroll party makes, so that the page "actual against planned" has something
to show:

- **Working days.** A month that a contract period covers in part is paid by
  the working days (Monday to Friday) covered, not by calendar days as the
  plan counts them.
- **Caparis's own Whk.** Its differentiated Whk premium is 0.30 percentage
  points above the sector average in the parameter table, so the employer
  charges are a little higher than planned.
- **Extra hours.** In about one month in six a participant works 4 to 12
  hours more (paid at the hourly wage, with holiday allowance, charges and
  pension on top); at times the deviation passes the programme's threshold.
- **Start costs.** In the first month Caparis charges a one-off EUR 45.00 for
  the employment start (file, ID check, work pass), in ``overige_kosten``
  beside its monitoring fee.

From 2025 on (:data:`PAYROLL_YEAR` + 1), in a full month of one contract period:

- **Unpaid leave.** In about one month in fifteen, one to three days of unpaid
  leave (onbetaald verlof): those hours are not paid.
- **Sick leave.** Now and then a participant is ill for one to three months.
  The wage is paid on (at the minimum wage, 70 % would be below the minimum, so
  the full wage), there are no extra hours, and Caparis charges its occupational
  health service's absence guidance (verzuimbegeleiding), EUR 85.00 a month.
- **Corrections.** In three months (:data:`CORRECTION_MONTHS`) one row missed
  eight hours the host reported late; a correction file with the right row
  arrives with the next month's file and is imported as a correction.

``overige_kosten`` holds Caparis's monitoring fee (pro rata by calendar days,
as planned), start costs and absence guidance, so ``totaal`` is everything
Caparis charged and the basisbaan costs are the sum of the imported totals.

Every deviation is seeded per contract and month, never by the as-of day: a
month's file is the same whatever day the demo is loaded as of.

After a change to the demo's contracts or settings, regenerate the committed
2024 files with ``basisbaan demo_payroll --write`` on a database with the demo
loaded; a test checks that the committed files are what the generator makes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import random
from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any, Final

import numpy as np

from basisbaan.calc.costs import compute_costs
from basisbaan.calc.dates import add_months
from basisbaan.calc.fixed import PPM, TENTHS, euros
from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.core.export import safe_text
from basisbaan.costs.inputs import build_cost_inputs
from basisbaan.tenancy.models import Municipality

__all__ = [
    "CORRECTION_MONTHS",
    "DEMO_COST_SETTINGS",
    "PAYROLL_DIR",
    "PAYROLL_YEAR",
    "PayrollGenerator",
    "PayrollRow",
    "dutch_amount",
    "dutch_csv",
    "payroll_csv",
    "payroll_files",
    "payroll_rows",
    "write_payroll_files",
]

PAYROLL_DIR: Final = Path(__file__).resolve().parent / "payroll"
PAYROLL_YEAR: Final = 2024  # the committed year; later years are generated at load
CENT: Final = Decimal("0.01")
D = dt.date

# The programme's cost settings per demo municipality (slug), saved through
# basisbaan.costs.services.cost_settings_set when the demo is loaded.
#
# Leeuwarden, tuned to the letter's EUR 162,000 for 2024 (see the test
# tests/demo/loaded/test_costs.py, which prints the exact figure):
# - pension: Caparis's effective employer pension premium on gross wage plus
#   holiday allowance, 7 % (an assumption: the letter does not give it);
# - monitoring fee: "limited" monitoring costs, EUR 75.00 per participant per
#   month (an assumption: about 3 % of a month's cost);
# - Caparis is a large employer (high Aof) and no government employer.
# Emmen's basisbanen are employed by the municipality itself: a government
# employer (Ufo), without a payroll party's fee.
DEMO_COST_SETTINGS: Final[dict[str, dict[str, Any]]] = {
    "leeuwarden": {
        "pension_rate": Decimal("0.07"),
        "monitoring_fee": Decimal("75.00"),
        "large_employer": True,
        "government_employer": False,
    },
    "emmen": {
        "pension_rate": Decimal("0.07"),
        "monitoring_fee": Decimal("0.00"),
        "large_employer": True,
        "government_employer": True,
    },
}
# The municipalities whose payroll files the demo imports.
PAYROLL_MUNICIPALITIES: Final = ("leeuwarden",)

WHK_SURCHARGE_PPM: Final = 3_000  # Caparis's own Whk: +0.30 percentage points
START_COSTS: Final = Decimal("45.00")
EXTRA_HOURS_CHANCE: Final = 1 / 6
EXTRA_HOURS: Final = (4, 6, 8, 10, 12)
UNPAID_LEAVE_CHANCE: Final = 1 / 15
UNPAID_LEAVE_DAYS: Final = (1, 2, 3)
SICK_CHANCE: Final = 1 / 24  # a spell starting in a month
SICK_MONTHS: Final = (1, 2, 3)
SICK_FROM: Final = D(PAYROLL_YEAR + 1, 1, 1)
SICK_THROUGH: Final = D(2030, 12, 1)  # past every demo programme: the same spells at every as-of
ABSENCE_GUIDANCE: Final = Decimal("85.00")
# Months whose first file missed LATE_HOURS of one participant; the correction
# arrives with the next month's file. Never December: the next file comes after
# the year is closed, and a closed year takes no payroll.
CORRECTION_MONTHS: Final = (D(2025, 3, 1), D(2025, 10, 1), D(2026, 5, 1))
LATE_HOURS: Final = Decimal(8)
HEADER: Final = (
    "bsn",
    "naam",
    "periode",
    "brutoloon",
    "vakantiegeld",
    "werkgeverslasten",
    "pensioen",
    "overige_kosten",
    "totaal",
    "uren",
)


@dataclass(frozen=True, slots=True)
class PayrollRow:
    """One participant-month of a payroll file, in euros (hours in hours)."""

    bsn: str
    name: str
    month: dt.date
    gross_wage: Decimal
    holiday_allowance: Decimal
    employer_charges: Decimal
    pension: Decimal
    other_costs: Decimal
    hours: Decimal
    employee_number: str = ""

    @property
    def total(self) -> Decimal:
        return (
            self.gross_wage
            + self.holiday_allowance
            + self.employer_charges
            + self.pension
            + self.other_costs
        )

    @property
    def amounts(self) -> tuple[Decimal, ...]:
        """The amount columns in file order, ending with the total and the hours."""
        return (
            self.gross_wage,
            self.holiday_allowance,
            self.employer_charges,
            self.pension,
            self.other_costs,
            self.total,
            self.hours,
        )


@dataclass(frozen=True, slots=True)
class Noise:
    """A payroll party's deviation in one participant-month: hours more (or fewer)
    than planned, and costs on top of the monitoring fee."""

    hours: Decimal = Decimal(0)
    other_costs: Decimal = Decimal(0)


def _cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, ROUND_HALF_UP)


def _weekdays(first: dt.date, last: dt.date) -> int:
    """Monday to Friday from ``first`` to ``last``, both included."""
    return sum(
        1 for n in range((last - first).days + 1) if (first + dt.timedelta(days=n)).weekday() < 5
    )


def _covered_share(year: int, month: int, days: int, days_in_month: int, first: dt.date) -> Decimal:
    """The share of a full month that Caparis pays: working days covered / in the month."""
    if days == days_in_month:
        return Decimal(1)
    month_first = dt.date(year, month, 1)
    month_last = dt.date(year, month, calendar.monthrange(year, month)[1])
    start = max(first, month_first)
    end = min(start + dt.timedelta(days=days - 1), month_last)
    return Decimal(_weekdays(start, end)) / Decimal(_weekdays(month_first, month_last))


def _sick_months(reference: str) -> frozenset[dt.date]:
    """The months a contract's participant is off sick (seeded by the contract)."""
    rng = random.Random(f"{reference}-ziekte")  # noqa: S311 - synthetic demo data
    sick: set[dt.date] = set()
    month = SICK_FROM
    while month <= SICK_THROUGH:
        if rng.random() < SICK_CHANCE:
            for _n in range(rng.choice(SICK_MONTHS)):
                sick.add(month)
                month = add_months(month, 1)
        else:
            month = add_months(month, 1)
    return frozenset(sick)


class PayrollGenerator:
    """The payroll rows of one municipality and year: the cost model's plan per
    contract period and month, with the payroll party's deviations."""

    def __init__(self, municipality: Municipality, year: int) -> None:
        self.year = year
        built = build_cost_inputs(
            municipality=municipality, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
        )
        self.x = built.inputs
        self.planned = compute_costs(self.x)
        self.contract_of = [int(built.contract_ids[c]) for c in self.x.contract]
        self.period_of = [int(p) for p in built.period_ids]
        self.contracts = {
            c.pk: c
            for c in Contract.objects.filter(
                municipality=municipality, pk__in=built.contract_ids.tolist()
            ).select_related("participant")
        }
        self.period_starts = dict(
            ContractPeriod.objects.filter(pk__in=self.period_of).values_list("pk", "start_date")
        )
        self.first_days = {
            c.pk: min(p.start_date for p in c.periods.all())
            for c in Contract.objects.filter(pk__in=self.contracts).prefetch_related("periods")
        }
        self.sick = {pk: _sick_months(c.reference) for pk, c in self.contracts.items()}
        # The cost rows of each participant-month, in date order.
        self.groups: dict[tuple[int, dt.date], list[int]] = {}
        for i in range(len(self.x)):
            contract = self.contracts[self.contract_of[i]]
            month = dt.date(year, int(self.x.month[i]), 1)
            self.groups.setdefault((contract.participant_id, month), []).append(i)

    def rows(self) -> list[PayrollRow]:
        """Every participant-month of the year, sorted by month, then BSN."""
        rows = [self.person_month(key) for key in self.groups]
        return sorted(rows, key=lambda r: (r.month, r.bsn))

    def person_month(self, key: tuple[int, dt.date], late: Decimal = Decimal(0)) -> PayrollRow:
        """One participant-month; ``late`` hours are left out (the first file of a
        correction month)."""
        indices = self.groups[key]
        if self.year <= PAYROLL_YEAR:
            made = [self._row(i, self._noise_2024(i)) for i in indices]
        else:
            noise = self._noise(indices[0]) if self.is_full(key) else Noise()
            noise = replace(noise, hours=noise.hours - late)
            made = [self._row(i, noise if i == indices[-1] else Noise()) for i in indices]
        row = made[0]
        for more in made[1:]:
            row = _add(row, more)
        return row

    def is_full(self, key: tuple[int, dt.date]) -> bool:
        """One contract period covers the whole month."""
        indices = self.groups[key]
        i = indices[0]
        return len(indices) == 1 and int(self.x.days[i]) == int(self.x.days_in_month[i])

    def is_sick(self, key: tuple[int, dt.date]) -> bool:
        return key[1] in self.sick[self.contract_of[self.groups[key][0]]]

    def _noise_2024(self, i: int) -> Noise:
        rng = self._rng(i)
        extra = Decimal(rng.choice(EXTRA_HOURS)) if rng.random() < EXTRA_HOURS_CHANCE else 0
        return Noise(hours=Decimal(extra))

    def _noise(self, i: int) -> Noise:
        """After 2024: sick (absence guidance, no extra hours), or extra hours and
        unpaid leave."""
        contract = self.contracts[self.contract_of[i]]
        month = dt.date(self.year, int(self.x.month[i]), 1)
        if month in self.sick[contract.pk]:
            return Noise(other_costs=ABSENCE_GUIDANCE)
        rng = self._rng(i)
        extra = Decimal(rng.choice(EXTRA_HOURS)) if rng.random() < EXTRA_HOURS_CHANCE else 0
        unpaid = Decimal(0)
        if rng.random() < UNPAID_LEAVE_CHANCE:
            day = Decimal(int(self.x.hours[i])) / TENTHS / 5
            unpaid = day * rng.choice(UNPAID_LEAVE_DAYS)
        return Noise(hours=Decimal(extra) - unpaid)

    def _rng(self, i: int) -> random.Random:
        reference = self.contracts[self.contract_of[i]].reference
        return random.Random(f"{reference}-{self.year}-{int(self.x.month[i]):02d}")  # noqa: S311

    def _row(self, i: int, noise: Noise) -> PayrollRow:
        x, year, month = self.x, self.year, int(self.x.month[i])
        contract = self.contracts[self.contract_of[i]]
        first_day = self.first_days[contract.pk]
        days, days_in_month = int(x.days[i]), int(x.days_in_month[i])
        hourly = euros(x.hourly_wage[i])
        month_hours = Decimal(int(x.hours[i])) / TENTHS * 52 / 12
        segment = max(self.period_starts[self.period_of[i]], dt.date(year, month, 1))
        share = _covered_share(year, month, days, days_in_month, segment)
        gross = _cents(hourly * month_hours * share + hourly * noise.hours)
        holiday = _cents(gross * Decimal(int(x.holiday_ppm[i])) / PPM)
        wage = gross + holiday
        charges = _cents(wage * Decimal(int(x.charges_ppm[i]) + WHK_SURCHARGE_PPM) / PPM)
        pension = _cents(wage * Decimal(int(x.pension_ppm[i])) / PPM)
        other = euros(self.planned.monitoring_fee[i]) + noise.other_costs
        if first_day.year == year and first_day.month == month:
            other += START_COSTS
        participant = contract.participant
        name = " ".join(
            p for p in (participant.first_name, participant.name_prefix, participant.last_name) if p
        )
        return PayrollRow(
            bsn=participant.bsn,
            name=name,
            month=dt.date(year, month, 1),
            gross_wage=gross,
            holiday_allowance=holiday,
            employer_charges=charges,
            pension=pension,
            other_costs=other,
            hours=_cents(month_hours * share + noise.hours),
            employee_number=contract.employee_number,
        )

    def correction(self, month: dt.date) -> tuple[PayrollRow, PayrollRow] | None:
        """For a correction month: the row as first sent (``LATE_HOURS`` short) and
        as corrected; None when no full, healthy month is there to correct."""
        bsns = {c.participant_id: c.participant.bsn for c in self.contracts.values()}
        keys = sorted(
            (
                key
                for key in self.groups
                if key[1] == month and self.is_full(key) and not self.is_sick(key)
            ),
            key=lambda key: bsns[key[0]],
        )
        if not keys:
            return None
        key = random.Random(f"correctie-{month:%Y-%m}").choice(keys)  # noqa: S311
        return self.person_month(key, late=LATE_HOURS), self.person_month(key)


def _add(a: PayrollRow, b: PayrollRow) -> PayrollRow:
    """Two contract periods of one person in one month: one payroll row."""
    return PayrollRow(
        bsn=a.bsn,
        name=a.name,
        month=a.month,
        gross_wage=a.gross_wage + b.gross_wage,
        holiday_allowance=a.holiday_allowance + b.holiday_allowance,
        employer_charges=a.employer_charges + b.employer_charges,
        pension=a.pension + b.pension,
        other_costs=a.other_costs + b.other_costs,
        hours=a.hours + b.hours,
        employee_number=a.employee_number,
    )


def payroll_rows(municipality: Municipality, year: int = PAYROLL_YEAR) -> list[PayrollRow]:
    """The payroll rows of ``year``: the plan per contract-month with Caparis's deviations.

    Sorted by month, then BSN. The plan comes from the cost model with the
    programme's stored settings; the deviations are deterministic (seeded per
    contract reference and month), so the same demo gives the same rows.
    """
    return PayrollGenerator(municipality, year).rows()


def dutch_amount(amount: Decimal) -> str:
    """``1234.5`` -> ``1.234,50`` (as Dutch Excel shows an amount)."""
    text = f"{amount:,.2f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def dutch_csv(lines: Iterable[Iterable[str]]) -> bytes:
    """Dutch Excel's "CSV UTF-8": BOM, semicolons, CRLF."""
    return ("\ufeff" + "".join(";".join(line) + "\r\n" for line in lines)).encode("utf-8")


def payroll_csv(rows: Iterable[PayrollRow]) -> bytes:
    lines = [
        [r.bsn, safe_text(r.name), f"{r.month:%Y-%m}", *map(dutch_amount, r.amounts)] for r in rows
    ]
    return dutch_csv([list(HEADER), *lines])


def file_name(slug: str, month: dt.date, *, correction: bool = False) -> str:
    return f"{slug}-{month:%Y-%m}{'-correctie' if correction else ''}.csv"


def payroll_files(municipality: Municipality, year: int = PAYROLL_YEAR) -> dict[str, bytes]:
    """The payroll file of each month of ``year``, by file name."""
    rows = payroll_rows(municipality, year)
    months = sorted({r.month for r in rows})
    return {
        file_name(municipality.slug, month): payroll_csv(r for r in rows if r.month == month)
        for month in months
    }


def write_payroll_files(municipality: Municipality, year: int = PAYROLL_YEAR) -> list[Path]:
    """(Re)write the committed files of ``municipality``; return their paths."""
    PAYROLL_DIR.mkdir(exist_ok=True)
    written = []
    for name, content in payroll_files(municipality, year).items():
        path = PAYROLL_DIR / name
        path.write_bytes(content)
        written.append(path)
    return written


def committed_files(slug: str) -> list[Path]:
    """The committed payroll files of the municipality ``slug``, in month order."""
    return sorted(PAYROLL_DIR.glob(f"{slug}-*.csv"))


def payroll_total(rows: Iterable[PayrollRow]) -> Decimal:
    return sum((r.total for r in rows), Decimal(0))


def planned_total(municipality: Municipality, year: int = PAYROLL_YEAR) -> Decimal:
    """The cost model's total for ``year`` (the plan the files deviate from)."""
    built = build_cost_inputs(
        municipality=municipality, start=dt.date(year, 1, 1), end=dt.date(year, 12, 31)
    )
    return euros(np.sum(compute_costs(built.inputs).total))
