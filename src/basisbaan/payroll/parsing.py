"""Reading a payroll file: CSV as Dutch Excel writes it, or XLSX.

This module knows the file format, not the municipality: it turns bytes into a
header and rows of raw cells, and cells into cents, hundredths of hours and
months. :mod:`basisbaan.payroll.validation` checks the rows against the data.

CSV: the delimiter (semicolon, comma or tab) is taken from the header line; the
text is UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
or else Windows-1252. XLSX: the first sheet, header on row 1. Headers are
compared trimmed and case-insensitive, with spaces and dashes read as ``_``.

Amounts: decimal comma or point, thousands separated by point, comma or
space (``1.234,56``, ``1,234.56``, ``1 234,56``), an optional ``€``. A single
separator followed by exactly three digits separates thousands (``1.234`` is
1234), because amounts and hours have at most two decimals.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import islice, repeat
from typing import Any

from django.utils.translation import gettext as _

from basisbaan.core.imports import UnsafeFileError, check_xlsx_archive
from basisbaan.payroll.constants import PERSON_COLUMNS, REQUIRED_COLUMNS

__all__ = [
    "CellError",
    "PayrollFile",
    "PayrollFileError",
    "canonical_header",
    "decode_text",
    "parse_cents",
    "parse_month",
    "read_payroll_file",
]

XLSX_MAGIC = b"PK\x03\x04"
XLS_MAGIC = b"\xd0\xcf\x11\xe0"
DELIMITERS = (";", ",", "\t")
DELIMITER_NAMES = {";": "puntkomma", ",": "komma", "\t": "tab"}


class PayrollFileError(Exception):
    """The file as a whole cannot be read (format, encoding, header): a usage error."""


class CellError(ValueError):
    """One cell cannot be read; ``code`` says why (see the validation's messages)."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Chunk:
    """Consecutive rows: their numbers, and their cells by row or by column.

    A reader gives one of the two; the other is made (by transposing) when asked.
    """

    def __init__(
        self,
        numbers: Sequence[int],
        rows: Sequence[Sequence[Any]] | None = None,
        columns: Sequence[Sequence[Any]] | None = None,
    ) -> None:
        self.numbers = numbers
        self._rows = rows
        self._columns = columns

    def __len__(self) -> int:
        return len(self.numbers)

    @property
    def rows(self) -> Sequence[Sequence[Any]]:
        if self._rows is None:
            self._rows = list(zip(*(self._columns or []), strict=True))
        return self._rows

    @property
    def columns(self) -> Sequence[Sequence[Any]]:
        """The columns as far as every row has them."""
        if self._columns is None:
            self._columns = list(zip(*self.rows, strict=False))
        return self._columns


@dataclass
class PayrollFile:
    """A readable payroll file: where each column is, and its rows in chunks.

    Row numbers are as a spreadsheet shows them (the header is row 1); rows
    without any value are skipped. Each row holds at least as many cells as
    the header.
    """

    kind: str  # "csv" or "xlsx"
    description: str  # for people: "CSV (puntkomma, Windows-1252)"
    columns: dict[str, int]
    width: int
    estimated_rows: int
    chunks: Iterator[Chunk]

    @property
    def rows(self) -> Iterator[tuple[int, Sequence[Any]]]:
        """The rows one by one: ``(row_number, cells)``."""
        for chunk in self.chunks:
            yield from zip(chunk.numbers, chunk.rows, strict=True)


CHUNK_ROWS = 10_000


def _chunked(rows: Iterator[tuple[int, Sequence[Any]]]) -> Iterator[Chunk]:
    while chunk := list(islice(rows, CHUNK_ROWS)):
        numbers, cells = zip(*chunk, strict=True)
        yield Chunk(numbers, rows=list(cells))


def read_payroll_file(content: bytes, file_name: str = "") -> PayrollFile:
    """Open ``content`` as CSV or XLSX (by its first bytes) and check the header.

    Raises :class:`PayrollFileError` with a Dutch message when the file cannot
    be read or misses a required column.
    """
    if not content.strip():
        raise PayrollFileError(_("Het bestand is leeg."))
    if content.startswith(XLS_MAGIC):
        raise PayrollFileError(
            _(
                "Het oude Excel-formaat (.xls) wordt niet ondersteund. "
                "Sla het bestand op als Excel-werkmap (.xlsx) of als CSV."
            )
        )
    if content.startswith(XLSX_MAGIC):
        return _read_xlsx(content)
    if file_name.lower().endswith((".xlsx", ".xlsm")):
        raise PayrollFileError(_("Dit Excel-bestand is niet te lezen. Is het beschadigd?"))
    return _read_csv(content)


# -- header -------------------------------------------------------------------------


def canonical_header(value: Any) -> str:
    """``" Overige Kosten "`` -> ``"overige_kosten"``."""
    text = "" if value is None else str(value)
    text = text.replace("\ufeff", "").strip().lower()
    return re.sub(r"[\s\-]+", "_", text)


def _columns(header: Sequence[Any]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, value in enumerate(header):
        name = canonical_header(value)
        if not name:
            continue
        if name in columns:
            raise PayrollFileError(
                _("De kolom '%(column)s' staat twee keer in de kopregel.") % {"column": name}
            )
        columns[name] = index
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if not any(c in columns for c in PERSON_COLUMNS):
        missing.insert(0, _("bsn of personeelsnummer"))
    if missing:
        raise PayrollFileError(
            _(
                "De kopregel mist de kolommen: %(missing)s. Nodig zijn: bsn of "
                "personeelsnummer, %(required)s."
            )
            % {"missing": ", ".join(missing), "required": ", ".join(REQUIRED_COLUMNS)}
        )
    return columns


def _blank(cells: Sequence[Any]) -> bool:
    return all(cell is None or (isinstance(cell, str) and not cell.strip()) for cell in cells)


# -- CSV ----------------------------------------------------------------------------


def _decode(content: bytes) -> tuple[str, str]:
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return content.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise PayrollFileError(_("Dit bestand is geen leesbare tekst.")) from exc
    try:
        return content.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise PayrollFileError(
            _(
                "Dit bestand is geen leesbare tekst (UTF-8 of Windows-1252). "
                "Lever een CSV- of Excel-bestand (.xlsx) aan."
            )
        ) from exc


def decode_text(content: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read as (UTF-8 with or
    without BOM, UTF-16 with BOM, else Windows-1252); for other imports too."""
    return _decode(content)


def sniff_delimiter(header_line: str) -> str:
    """The delimiter that occurs most in the header line (a comma if none does)."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(content: bytes) -> PayrollFile:
    text, encoding = _decode(content)
    if "\x00" in text:
        raise PayrollFileError(_("Dit bestand is geen leesbare tekst."))
    first_line = text.split("\n", 1)[0]
    delimiter = sniff_delimiter(first_line)
    description = f"CSV ({DELIMITER_NAMES[delimiter]}, {encoding})"
    estimated = max(text.count("\n") - 1, 1)
    if '"' not in text:
        # Nothing quoted: a row is a line split on the delimiter, exactly as
        # the csv module would read it, only several times faster.
        lines = _lines(text)
        columns = _columns(lines[0].split(delimiter))
        width = max(columns.values()) + 1
        chunks = _split_chunks(lines, delimiter, width)
        return PayrollFile("csv", description, columns, width, estimated, chunks)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as exc:
        raise PayrollFileError(_("De kopregel van het bestand is niet te lezen.")) from exc
    columns = _columns(header)
    width = max(columns.values()) + 1
    chunks = _chunked(_csv_rows(reader, width))
    return PayrollFile("csv", description, columns, width, estimated, chunks)


def _lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n")
    if "\r" in text:
        text = text.replace("\r", "\n")
    return text.split("\n")


def _split_chunks(lines: list[str], delimiter: str, width: int) -> Iterator[Chunk]:
    """Chunks of unquoted lines; line ``i`` (0 = header) is row ``i + 1``.

    When every line of a chunk has as many cells as the header (the usual
    case), the chunk is split into columns in one go: its lines joined by the
    delimiter, split once, and sliced per column, without a Python step per row.
    """
    cells = lines[0].count(delimiter) + 1
    for start in range(1, len(lines), CHUNK_ROWS):
        block = lines[start : start + CHUNK_ROWS]
        numbers = range(start + 1, start + 1 + len(block))
        counts = list(map(str.count, block, repeat(delimiter, len(block))))
        if min(counts) == max(counts) == cells - 1:
            flat = delimiter.join(block).split(delimiter)
            columns = [flat[i::cells] for i in range(cells)]
            if "" not in columns[0] or "" not in columns[-1]:
                # A blank row has every cell empty, the first and the last too.
                yield Chunk(numbers, columns=columns)
                continue
        blank = delimiter + " \t"
        kept = [
            (number, row if len(row) >= width else [*row, *([""] * (width - len(row)))])
            for number, line in zip(numbers, block, strict=True)
            if line.strip(blank)
            for row in (line.split(delimiter),)
        ]
        if kept:
            kept_numbers, rows = zip(*kept, strict=True)
            yield Chunk(kept_numbers, rows=list(rows))


def _csv_rows(reader: Iterator[Sequence[str]], width: int) -> Iterator[tuple[int, Sequence[Any]]]:
    number = 1
    try:
        for cells in reader:
            number += 1
            if len(cells) < width:
                if not cells or _blank(cells):
                    continue
                cells = [*cells, *([""] * (width - len(cells)))]
            elif not cells[0] and _blank(cells):
                continue
            yield number, cells
    except csv.Error as exc:
        raise PayrollFileError(
            _("Regel %(row)s van het bestand is geen geldige CSV: %(reason)s")
            % {"row": number + 1, "reason": exc}
        ) from exc


# -- XLSX ---------------------------------------------------------------------------


def _read_xlsx(content: bytes) -> PayrollFile:
    import openpyxl  # only needed for Excel files

    try:
        # A zip bomb is refused before openpyxl unpacks anything.
        check_xlsx_archive(content)
    except UnsafeFileError as exc:
        raise PayrollFileError(str(exc)) from exc
    try:
        workbook = openpyxl.load_workbook(
            io.BytesIO(content), read_only=True, data_only=True, keep_links=False
        )
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
    except Exception as exc:
        raise PayrollFileError(_("Dit Excel-bestand is niet te lezen. Is het beschadigd?")) from exc
    if header is None:
        workbook.close()
        raise PayrollFileError(_("Het eerste werkblad is leeg."))
    try:
        columns = _columns(header)
    except PayrollFileError:
        workbook.close()
        raise
    width = max(columns.values()) + 1
    return PayrollFile(
        kind="xlsx",
        description=_("Excel (.xlsx), werkblad '%(sheet)s'") % {"sheet": sheet.title},
        columns=columns,
        width=width,
        estimated_rows=max((sheet.max_row or 2) - 1, 1),
        chunks=_chunked(_xlsx_rows(workbook, rows, width)),
    )


def _xlsx_rows(workbook: Any, rows: Iterator[Any], width: int) -> Iterator[tuple[int, Any]]:
    try:
        for number, cells in enumerate(rows, start=2):
            if _blank(cells):
                continue
            if len(cells) < width:
                cells = (*cells, *([None] * (width - len(cells))))
            yield number, cells
    except PayrollFileError:
        raise
    except Exception as exc:
        raise PayrollFileError(_("Dit Excel-bestand is niet te lezen. Is het beschadigd?")) from exc
    finally:
        workbook.close()


# -- cells --------------------------------------------------------------------------

_PLAIN = re.compile(r"(\d+)(?:[.,](\d\d?))?")
_NL_GROUPED = re.compile(r"(\d{1,3}(?:\.\d{3})+)(?:,(\d\d?))?")
_EN_GROUPED = re.compile(r"(\d{1,3}(?:,\d{3})+)(?:\.(\d\d?))?")
_TOO_PRECISE = re.compile(r"\d*[.,]\d{3,}|\d{1,3}(?:[.,]\d{3})+[.,]\d{3,}")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


def parse_cents(value: Any) -> int | None:
    """A cell as a whole number of hundredths: ``"1.234,56"`` -> ``123456``.

    ``None`` for an empty cell. Raises :class:`CellError` with code
    ``format``, ``negative`` or ``decimals``.
    """
    if value is None:
        return None
    if isinstance(value, str):
        match = _PLAIN.fullmatch(value)
        if match is not None:
            whole, fraction = match.groups()
            if fraction is None:
                return int(whole) * 100
            return int(whole) * 100 + int(fraction) * (10 if len(fraction) == 1 else 1)
        return _parse_text_slowly(value)
    if isinstance(value, bool):
        raise CellError("format")
    if isinstance(value, int):
        if value < 0:
            raise CellError("negative")
        return value * 100
    if isinstance(value, float):
        return _float_cents(value)
    raise CellError("format")


def _float_cents(value: float) -> int:
    if value != value or value in (float("inf"), float("-inf")):
        raise CellError("format")
    if value < 0:
        raise CellError("negative")
    scaled = value * 100
    cents = round(scaled)
    # A spreadsheet's binary fraction: 1234.56 is 123455.99999999999.
    if abs(scaled - cents) > 1e-6 * max(1.0, abs(scaled)):
        raise CellError("decimals")
    return int(cents)


def _parse_text_slowly(value: str) -> int | None:
    text = _SPACES.sub("", value)
    if not text:
        return None
    for prefix in ("€", "EUR", "eur"):
        if text.startswith(prefix):
            text = text[len(prefix) :]
            break
    if text.startswith("-") or text.endswith("-") or (text[:1] == "(" and text[-1:] == ")"):
        body = text.strip("-()")
        if body and parse_cents(body) == 0:
            return 0
        raise CellError("negative")
    if text.startswith("+"):
        text = text[1:]
    for pattern in (_PLAIN, _NL_GROUPED, _EN_GROUPED):
        match = pattern.fullmatch(text)
        if match is not None:
            whole, fraction = match.groups()
            whole = whole.replace(".", "").replace(",", "")
            cents = int(fraction.ljust(2, "0")) if fraction else 0
            return int(whole) * 100 + cents
    if _TOO_PRECISE.fullmatch(text):
        raise CellError("decimals")
    raise CellError("format")


DUTCH_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mrt": 3,
    "maa": 3,
    "mar": 3,
    "apr": 4,
    "mei": 5,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "okt": 10,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
_YEAR_MONTH = re.compile(r"(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[-/](\d{1,2})[-/](\d{4})")
_MONTH_NAME_YEAR = re.compile(r"([a-z]{3})[a-z]*\.?[-\s/](\d{2}|\d{4})")


def parse_month(value: Any) -> dt.date:
    """A cell as the first day of its month.

    ``2024-03`` (the format), and what Excel makes of it: ``2024-03-01``,
    ``1-3-2024``, ``mrt-24`` or a date cell on the first of the month. Raises
    :class:`CellError` (``period``) for anything else.
    """
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0):
            raise CellError("period")
        value = value.date()
    if isinstance(value, dt.date):
        if value.day != 1:
            raise CellError("period_day")
        return value
    if not isinstance(value, str):
        raise CellError("period")
    text = value.strip().lower()
    year = month = 0
    day = 1
    if match := _YEAR_MONTH.fullmatch(text):
        year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    elif match := _DAY_MONTH_YEAR.fullmatch(text):
        year, month, day = int(match[3]), int(match[2]), int(match[1])
    elif (match := _MONTH_NAME_YEAR.fullmatch(text)) and match[1] in DUTCH_MONTHS:
        month = DUTCH_MONTHS[match[1]]
        year = int(match[2]) + (2000 if len(match[2]) == 2 else 0)
    if not (1 <= month <= 12 and 1900 <= year <= 2199):
        raise CellError("period")
    if day != 1:
        raise CellError("period_day")
    return dt.date(year, month, 1)
