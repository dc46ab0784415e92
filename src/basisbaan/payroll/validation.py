"""Checking every row of a payroll file against the municipality's data.

Fast by design: the participants, contracts with their periods and (per month
in the file) the entries already imported are read in a few queries into
dicts; every row is then checked in Python, and handed to a sink as soon as it
passes (the sink streams it into the database while the next rows are checked;
the service rolls it all back if any row fails). Clean chunks of a CSV file are
checked column by column in :mod:`basisbaan.payroll.fastpath`; this module's
row-by-row :class:`RowChecker` is the reference, and says why a row fails.

Every problem is reported with the row number as the spreadsheet shows it
(header = row 1), the column as named in the header, and a Dutch reason.
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

import numpy as np

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from basisbaan.core.imports import ErrorCollector
from basisbaan.core.money import format_euro, group_number
from basisbaan.participants.validators import validate_bsn
from basisbaan.payroll.constants import (
    BSN,
    EMPLOYEE_NUMBER,
    HOURS,
    MAX_CENTS,
    MAX_HOURS_IN_MONTH,
    OPTIONAL_PARTS,
    PART_COLUMNS,
    PERIOD,
    TOTAL,
    VALUE_COLUMNS,
)
from basisbaan.payroll.lookups import START_BITS, VALUE_FIELDS, Lookups, Month
from basisbaan.payroll.parsing import CellError, PayrollFile, parse_cents, parse_month

__all__ = [
    "START_BITS",
    "VALUE_FIELDS",
    "EntrySink",
    "Month",
    "NewRows",
    "Outcome",
    "Progress",
    "Replacement",
    "RowError",
]

# ``progress(phase, done, total)``: phase is a Dutch word for people.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    column: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "message": self.message}


class NewRows:
    """Rows to insert, column by column: ids, month ordinal, cents, hundredths."""

    def __init__(self) -> None:
        self.participant = array("q")
        self.contract = array("q")
        self.period = array("q")  # date.toordinal() of the first of the month
        self.values = [array("q") for _name in VALUE_FIELDS]

    def __len__(self) -> int:
        return len(self.participant)

    def append(self, participant: int, contract: int, period: int, values: Sequence[int]) -> None:
        self.participant.append(participant)
        self.contract.append(contract)
        self.period.append(period)
        for column, value in zip(self.values, values, strict=True):
            column.append(value)


class EntrySink(Protocol):
    """Where checked new rows go: the database (streamed), or nowhere (dry run)."""

    def add(self, participant: int, contract: int, period: dt.date, values: Sequence[int]) -> None:
        """One new entry: amounts in cents, hours in hundredths."""

    def add_block(self, block: Block) -> None:
        """Many new entries at once, from the fast path."""

    def refuse(self) -> None:
        """A row failed: nothing more needs to be written (it will be rolled back)."""


@dataclass
class Block:
    """New entries of a clean chunk, column by column (see the fast path).

    ``texts`` hold the value cells as written in the file, in the order of
    :data:`VALUE_FIELDS`: digits with one decimal comma or point (the fast path
    takes no other), so with ``,`` read as ``.`` they are PostgreSQL numerics.
    ``amounts`` are the same values in cents (hours in hundredths).
    """

    participants: list[int]
    contracts: list[int]
    periods: list[str]  # ISO dates of the first of the month
    texts: list[Sequence[str]]
    amounts: list[np.ndarray[Any, np.dtype[np.int64]]]

    def __len__(self) -> int:
        return len(self.participants)

    @property
    def cents(self) -> list[list[int]]:
        return [column.tolist() for column in self.amounts]


@dataclass(frozen=True, slots=True)
class Replacement:
    """A stored entry that a correction replaces."""

    entry_id: int
    contract_id: int
    values: tuple[int, ...]


@dataclass
class Outcome:
    rows: int = 0
    imported: int = 0
    unchanged: int = 0
    replacements: list[Replacement] = field(default_factory=list)
    # The first IMPORT_MAX_ERRORS errors in detail, counts per column and reason beyond.
    problems: ErrorCollector[RowError] = field(default_factory=ErrorCollector)
    # month -> [rows, gross wage in cents, total in cents]
    months: dict[dt.date, list[int]] = field(default_factory=dict)

    @property
    def errors(self) -> list[RowError]:
        """The errors kept in detail (all of them, up to the limit)."""
        return self.problems.detail

    @property
    def error_count(self) -> int:
        return self.problems.count

    def summary(self) -> list[dict[str, Any]]:
        return [
            {
                "period": f"{month:%Y-%m}",
                "rows": rows,
                "gross_wage": str(cents_to_decimal(gross)),
                "total": str(cents_to_decimal(total)),
            }
            for month, (rows, gross, total) in sorted(self.months.items())
        ]


def cents_to_decimal(cents: int) -> Decimal:
    return Decimal(cents).scaleb(-2)


def _euro(cents: int) -> str:
    return format_euro(cents_to_decimal(cents))


def _hours_text(hundredths: int) -> str:
    return group_number(cents_to_decimal(hundredths), places=2, decimal_sep=",", thousand_sep=".")


def _shown(value: Any) -> str:
    text = str(value).strip()
    return text if len(text) <= 30 else text[:29] + "…"


class RowChecker:
    """Checks rows one by one and collects the outcome."""

    def __init__(
        self,
        parsed: PayrollFile,
        lookups: Lookups,
        *,
        correction: bool,
        today: dt.date,
        sink: EntrySink,
    ) -> None:
        self.lookups = lookups
        self.sink = sink
        self.correction = correction
        self.this_month = today.replace(day=1)
        self.outcome = Outcome()
        # (participant id << START_BITS) + month ordinal -> first row number
        self.seen: dict[int, int] = {}
        self.months: dict[Any, Month | CellError] = {}
        # Cell value (as is) -> Month, for valid months that have begun.
        self.good_months: dict[Any, Month] = {}
        columns = parsed.columns
        self.bsn_at = columns.get(BSN)
        self.number_at = columns.get(EMPLOYEE_NUMBER)
        self.period_at = columns[PERIOD]
        self.value_at = [(column, columns[column]) for column, _name in VALUE_COLUMNS]
        self.municipality_name = lookups.municipality.name

    def error(self, row: int, column: str, message: str) -> None:
        if not self.outcome.problems:
            self.sink.refuse()
        self.outcome.problems.add(RowError(row, column, message))

    def check(self, row: int, cells: Sequence[Any]) -> None:
        self.outcome.rows += 1
        participant, person_column, only = self.person(row, cells)
        month = self.month(row, cells)
        values = self.values(row, cells)
        if participant is None or month is None:
            return
        key = (participant << START_BITS) + month.start
        first = self.seen.setdefault(key, row)
        if first != row:
            self.error(
                row,
                person_column,
                _("Deze persoon en maand (%(month)s) staan al in regel %(row)s.")
                % {"month": month.label, "row": first},
            )
            return
        programme = self.lookups.closed_year_of(participant, month)
        if programme is not None:
            self.error(
                row,
                PERIOD,
                _(
                    "Het budgetjaar %(year)s van %(programme)s is afgesloten: verloning over "
                    "%(month)s kan niet meer worden ingelezen of gecorrigeerd."
                )
                % {"year": month.first.year, "programme": programme, "month": month.label},
            )
            return
        contract = self.lookups.contract_for(participant, month, only)
        if contract is None:
            self.no_contract(row, month, only)
            return
        if values is not None:
            self.store(row, participant, contract, month, values)

    # -- person -------------------------------------------------------------------

    def person(self, row: int, cells: Sequence[Any]) -> tuple[int | None, str, set[int] | None]:
        """The participant id, the column that named them, the allowed contracts."""
        bsn_cell = _text(cells[self.bsn_at]) if self.bsn_at is not None else ""
        number = _text(cells[self.number_at]) if self.number_at is not None else ""
        if not bsn_cell and not number:
            column = BSN if self.bsn_at is not None else EMPLOYEE_NUMBER
            self.error(row, column, _("Vul het BSN of het personeelsnummer in."))
            return None, column, None
        by_bsn = self.by_bsn(row, bsn_cell) if bsn_cell else None
        if bsn_cell and by_bsn is None:
            return None, BSN, None
        if not number:
            return by_bsn, BSN, None
        people, contracts = self.lookups.employees.get(number, (set(), set()))
        if not people:
            self.error(
                row,
                EMPLOYEE_NUMBER,
                _(
                    "Onbekende persoon: geen contract van gemeente %(municipality)s heeft "
                    "dit personeelsnummer."
                )
                % {"municipality": self.municipality_name},
            )
            return None, EMPLOYEE_NUMBER, None
        if by_bsn is not None:
            if by_bsn not in people:
                self.error(
                    row,
                    EMPLOYEE_NUMBER,
                    _("Het BSN en het personeelsnummer horen bij verschillende deelnemers."),
                )
                return None, EMPLOYEE_NUMBER, None
            return by_bsn, BSN, contracts
        if len(people) > 1:
            self.error(
                row,
                EMPLOYEE_NUMBER,
                _(
                    "Dit personeelsnummer staat op contracten van meer dan één deelnemer; "
                    "vul het BSN in."
                ),
            )
            return None, EMPLOYEE_NUMBER, None
        return next(iter(people)), EMPLOYEE_NUMBER, contracts

    def by_bsn(self, row: int, value: str) -> int | None:
        compact = value.replace(" ", "").replace(".", "").replace("-", "")
        if len(compact) == 8:
            compact = "0" + compact
        found = self.lookups.bsn.get(compact)
        if found is not None:
            return found
        try:
            validate_bsn(value)
        except ValidationError as exc:
            self.error(row, BSN, str(exc.messages[0]))
            return None
        self.error(
            row,
            BSN,
            _("Onbekende persoon: geen deelnemer van gemeente %(municipality)s heeft dit BSN.")
            % {"municipality": self.municipality_name},
        )
        return None

    # -- month --------------------------------------------------------------------

    def month(self, row: int, cells: Sequence[Any]) -> Month | None:
        raw = cells[self.period_at]
        known = self.lookup_month(raw)
        key = raw.strip() if isinstance(raw, str) else raw
        if isinstance(known, Month):
            if known.future:
                self.error(
                    row,
                    PERIOD,
                    _(
                        "De periode %(month)s ligt in de toekomst: verloning gaat over "
                        "maanden die begonnen zijn."
                    )
                    % {"month": known.label},
                )
                return None
            return known
        if key in ("", None):
            message = _("Vul de periode in als jjjj-mm, bijvoorbeeld 2024-03.")
        elif known.code == "period_day":
            message = _(
                "Ongeldige periode '%(value)s': een datum moet de eerste van de maand zijn. "
                "Gebruik jjjj-mm, bijvoorbeeld 2024-03."
            ) % {"value": _shown(raw)}
        else:
            message = _("Ongeldige periode '%(value)s': gebruik jjjj-mm, bijvoorbeeld 2024-03.") % {
                "value": _shown(raw)
            }
        self.error(row, PERIOD, message)
        return None

    def lookup_month(self, raw: Any) -> Month | CellError:
        """The month of a cell, read once per distinct value."""
        key = raw.strip() if isinstance(raw, str) else raw
        known = self.months.get(key)
        if known is None:
            known = self.months[key] = self.read_month(key)
        if isinstance(known, Month) and not known.future:
            self.good_months[raw] = known
        return known

    def read_month(self, value: Any) -> Month | CellError:
        try:
            first = parse_month(value)
        except CellError as exc:
            return exc
        following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return Month(
            first=first,
            start=first.toordinal(),
            end=following.toordinal() - 1,
            label=f"{first:%Y-%m}",
            iso=first.isoformat(),
            future=first > self.this_month,
        )

    def no_contract(self, row: int, month: Month, only: set[int] | None) -> None:
        if only is None:
            message = _(
                "Geen contract in %(month)s: de deelnemer heeft in die maand geen contractperiode."
            )
        else:
            message = _(
                "Geen contract in %(month)s: er is in die maand geen contractperiode met "
                "dit personeelsnummer."
            )
        self.error(row, PERIOD, message % {"month": month.label})

    # -- amounts and hours --------------------------------------------------------

    def values(self, row: int, cells: Sequence[Any]) -> list[int] | None:
        """Cents of the parts and the total, hundredths of hours; None on any error."""
        values: list[int] = []
        failed = False
        for column, index in self.value_at:
            raw = cells[index]
            try:
                value = parse_cents(raw)
            except CellError as exc:
                self.error(row, column, self.value_message(column, exc.code, raw))
                failed = True
                continue
            if value is None:
                if column in OPTIONAL_PARTS:
                    value = 0
                else:
                    self.error(row, column, self.value_message(column, "missing", raw))
                    failed = True
                    continue
            limit = MAX_HOURS_IN_MONTH * 100 if column == HOURS else MAX_CENTS
            if value > limit:
                self.error(row, column, self.value_message(column, "too_large", raw))
                failed = True
            values.append(value)
        if failed:
            return None
        parts = sum(values[: len(PART_COLUMNS)])
        total = values[len(PART_COLUMNS)]
        if abs(total - parts) > 1:
            self.error(
                row,
                TOTAL,
                _(
                    "Het totaal %(total)s is niet de som van de onderdelen (%(sum)s); "
                    "het verschil mag hoogstens één cent zijn."
                )
                % {"total": _euro(total), "sum": _euro(parts)},
            )
            return None
        return values

    def value_message(self, column: str, code: str, raw: Any) -> str:
        value = {"value": _shown(raw)}
        if column == HOURS:
            messages = {
                "missing": _("Vul het aantal uren in."),
                "format": _("Geen geldig aantal uren: '%(value)s'. Schrijf bijvoorbeeld 138,67."),
                "negative": _("Negatief aantal uren: '%(value)s'."),
                "decimals": _("Meer dan twee decimalen: '%(value)s'."),
                "too_large": _("Meer uren dan een maand heeft: '%(value)s' (hoogstens %(max)s)."),
            }
            value["max"] = str(MAX_HOURS_IN_MONTH)
        else:
            messages = {
                "missing": _("Vul een bedrag in."),
                "format": _(
                    "Geen geldig bedrag: '%(value)s'. Schrijf bijvoorbeeld 1234,56 of 1.234,56."
                ),
                "negative": _(
                    "Negatief bedrag: '%(value)s'. Bedragen zijn 0 of meer; een correctie "
                    "levert u aan als vervangende regel."
                ),
                "decimals": _("Meer dan twee decimalen: '%(value)s'."),
                "too_large": _("Te groot bedrag: '%(value)s'."),
            }
        return messages.get(code, messages["format"]) % value

    # -- against what is stored ---------------------------------------------------

    def store(
        self, row: int, participant: int, contract: int, month: Month, values: list[int]
    ) -> None:
        outcome = self.outcome
        stored = self.lookups.existing(month.first).get(participant)
        if stored is not None:
            old = stored[3:]
            if tuple(values) == old:
                outcome.unchanged += 1
                self.count(month, values)
                return
            if not self.correction:
                self.differs(row, month, stored, values)
                return
            outcome.replacements.append(Replacement(stored[0], contract, tuple(values)))
        else:
            outcome.imported += 1
            self.sink.add(participant, contract, month.first, values)
        self.count(month, values)

    def count(self, month: Month, values: list[int]) -> None:
        totals = self.outcome.months.setdefault(month.first, [0, 0, 0])
        totals[0] += 1
        totals[1] += values[0]
        totals[2] += values[len(PART_COLUMNS)]

    def differs(self, row: int, month: Month, stored: tuple[int, ...], values: list[int]) -> None:
        index = next(i for i, (a, b) in enumerate(zip(stored[3:], values, strict=True)) if a != b)
        column = VALUE_COLUMNS[index][0]
        show = _hours_text if column == HOURS else _euro
        self.error(
            row,
            column,
            _(
                "Wijkt af van de eerder ingelezen verloning van deze persoon voor %(month)s "
                "(import %(import)s): %(column)s was %(old)s, nu %(new)s. Lever het bestand "
                "aan als correctie om de regel te vervangen."
            )
            % {
                "month": month.label,
                "import": stored[2],
                "column": column,
                "old": show(stored[3 + index]),
                "new": show(values[index]),
            },
        )


def _text(value: Any) -> str:
    """A person cell as text: numbers from a spreadsheet without ``.0``."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class NullSink:
    """Writes nothing: for dry runs and previews."""

    def add(self, participant: int, contract: int, period: dt.date, values: Sequence[int]) -> None:
        pass

    def add_block(self, block: Block) -> None:
        pass

    def refuse(self) -> None:
        pass
