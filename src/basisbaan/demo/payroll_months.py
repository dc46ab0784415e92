"""The demo's payroll after 2024: a file per month as it arrives, imported up to the as-of day.

The rows come from :class:`~basisbaan.demo.payroll_files.PayrollGenerator`
(the cost model plus a payroll party's deviations, seeded per contract and
month). A month's file arrives on the 3rd of the next month; a correction of
a month (:data:`~basisbaan.demo.payroll_files.CORRECTION_MONTHS`) comes with the
file after it. Each goes through :func:`basisbaan.payroll.services.payroll_import`,
so the payroll import list shows it.

Also the example payroll file of ``docs/examples`` and the upload page
(:func:`example_files`).
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Final

from openpyxl import Workbook

from basisbaan.calc.dates import add_months
from basisbaan.core.export import safe_text
from basisbaan.demo.payroll_files import (
    CORRECTION_MONTHS,
    HEADER,
    PAYROLL_MUNICIPALITIES,
    PAYROLL_YEAR,
    PayrollGenerator,
    PayrollRow,
    committed_files,
    dutch_amount,
    dutch_csv,
    file_name,
    payroll_csv,
)
from basisbaan.demo.story import last_full_month, noon
from basisbaan.payroll.models import PayrollImport
from basisbaan.payroll.services import ImportResult, payroll_import
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality

__all__ = ["EXAMPLE_MONTH", "example_files", "generated_files", "import_demo_payroll"]

D = dt.date
ARRIVAL_DAY: Final = 3  # a month's file arrives on the 3rd of the next month
# The example file offered in docs/examples and on the upload page: the payroll
# of November 2026, made from the demo loaded as of 18-11-2026 (the test suite's
# day): it imports into a demo loaded in that month as the new month's file, and
# into one loaded later as a file already imported (every row unchanged).
EXAMPLE_MONTH: Final = D(2026, 11, 1)
EXAMPLE_NAME: Final = "loonbestand-voorbeeld"
EXAMPLE_CREATED: Final = dt.datetime(2026, 12, 3, 8, 0, tzinfo=dt.UTC)  # arrival, in its properties


@dataclass(frozen=True, slots=True)
class MonthFile:
    """A payroll file as it arrives: its month, name, content and whether it corrects."""

    month: dt.date
    name: str
    content: bytes
    correction: bool = False


def generated_files(municipality: Municipality, last: dt.date) -> list[MonthFile]:
    """The files after :data:`PAYROLL_YEAR` up to the month ``last``, in the order
    they arrive: each month's file, and with it the correction of the month before."""
    files: list[MonthFile] = []
    corrections: dict[dt.date, PayrollRow] = {}
    slug = municipality.slug
    for year in range(PAYROLL_YEAR + 1, last.year + 1):
        generator = PayrollGenerator(municipality, year)
        rows = generator.rows()
        for month in sorted({r.month for r in rows if r.month <= last}):
            month_rows = [r for r in rows if r.month == month]
            made = generator.correction(month) if month in CORRECTION_MONTHS else None
            if made is not None:
                first, corrected = made
                month_rows = [first if r == corrected else r for r in month_rows]
                corrections[month] = corrected
            files.append(MonthFile(month, file_name(slug, month), payroll_csv(month_rows)))
            before = add_months(month, -1)
            if before in corrections:
                name = file_name(slug, before, correction=True)
                files.append(MonthFile(before, name, payroll_csv([corrections[before]]), True))
    return files


def import_demo_payroll(municipality: Municipality, as_of: dt.date) -> list[ImportResult]:
    """Import the payroll of ``municipality`` up to the last full month before
    ``as_of`` (none for a municipality without payroll files): the committed files
    of 2024, then a generated file per month, each dated on its arrival.

    Raises ValueError when a file is refused: the files and the demo's
    contracts no longer agree, and the files must be generated again.
    """
    if municipality.slug not in PAYROLL_MUNICIPALITIES:
        return []
    programme = Programme.objects.get(municipality=municipality)
    last = min(last_full_month(as_of), programme.end_date.replace(day=1))
    files = [
        MonthFile(dt.date.fromisoformat(f"{path.stem[-7:]}-01"), path.name, path.read_bytes())
        for path in committed_files(municipality.slug)
    ]
    results = []
    for file in [*files, *generated_files(municipality, last)]:
        result = payroll_import(
            municipality=municipality,
            actor=None,
            file_name=file.name,
            content=file.content,
            correction=file.correction,
        )
        if not result.ok:
            first = result.errors[0]
            raise ValueError(
                f"{file.name}: {len(result.errors)} regel(s) geweigerd, bijvoorbeeld regel "
                f"{first.row} ({first.column}): {first.message}. "
                "Maak de bestanden opnieuw met 'basisbaan demo_payroll --write'."
            )
        _date_arrival(result.payroll_import, file, as_of)
        results.append(result)
    return results


def _date_arrival(record: PayrollImport, file: MonthFile, as_of: dt.date) -> None:
    """Date the import on the file's arrival (the story, not the load; the audit
    log keeps the load): the 3rd of the next month (at the latest the as-of day);
    a correction comes with the file after it, an hour later."""
    month = add_months(file.month, 2 if file.correction else 1)
    arrived = noon(min(month.replace(day=ARRIVAL_DAY), as_of))
    if file.correction:
        arrived += dt.timedelta(hours=1)
    PayrollImport.objects.filter(pk=record.pk).update(started_at=arrived, finished_at=arrived)


def _example_lines(rows: list[PayrollRow]) -> list[list[str]]:
    """Header and rows of the example, with the employee number; the last row
    names its participant by the employee number only (as a payroll party may)."""
    lines = [[HEADER[0], "personeelsnummer", *HEADER[1:]]]
    for n, r in enumerate(rows, start=1):
        bsn = "" if n == len(rows) else r.bsn
        lines.append([bsn, r.employee_number, safe_text(r.name), f"{r.month:%Y-%m}"])
    return lines


def example_files(municipality: Municipality, month: dt.date = EXAMPLE_MONTH) -> dict[str, bytes]:
    """The example payroll file of ``month`` as CSV and as Excel, by file name."""
    rows = [r for r in PayrollGenerator(municipality, month.year).rows() if r.month == month]
    lines = _example_lines(rows)
    csv = dutch_csv(
        [
            lines[0],
            *(
                line + [dutch_amount(a) for a in r.amounts]
                for line, r in zip(lines[1:], rows, strict=True)
            ),
        ]
    )
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Loonkosten"
    sheet.append(lines[0])
    for line, r in zip(lines[1:], rows, strict=True):
        sheet.append([cell or None for cell in line] + [float(a) for a in r.amounts])
    for row in sheet.iter_rows(min_row=2, min_col=5):
        for cell in row:
            cell.number_format = "#,##0.00"
    for column in "ABCD":
        sheet.column_dimensions[column].width = 18
    book.properties.creator = "Caparis (demo)"
    book.properties.created = EXAMPLE_CREATED
    buffer = io.BytesIO()
    book.save(buffer)
    return {f"{EXAMPLE_NAME}.csv": csv, f"{EXAMPLE_NAME}.xlsx": buffer.getvalue()}
