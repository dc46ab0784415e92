"""What every file import shares to stay within bounds, whatever the file.

- :class:`ErrorCollector`: the first ``IMPORT_MAX_ERRORS`` errors in detail
  (row, column, reason); beyond that only a count per column and reason. A file
  with one systematic mistake in 500,000 rows then costs a thousand errors and
  a few counters, not half a million messages (and a 500 MB answer).
- :func:`more_errors_lines`: the one text of those counts, for the page and
  the command line ("En nog 499.000 fouten ...").
- :func:`check_xlsx_archive`: an .xlsx is a zip; it is refused before any
  parser opens it when it unpacks to too much, or one part is packed too
  tightly (a zip bomb), or it has too many parts. The XML inside is parsed by
  openpyxl, which uses ``defusedxml`` when it is installed (it is a dependency):
  no entity expansion, no external entities.
- :func:`max_upload_text`: the size limit in words, the same on page and API.

See docs/security.md#input-imports-and-exports.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

from django.conf import settings
from django.utils.translation import gettext as _

from basisbaan.core.money import group_number

__all__ = [
    "ErrorCollector",
    "UnsafeFileError",
    "check_xlsx_archive",
    "max_upload_text",
    "more_errors_lines",
]

# Beyond this many distinct (column, reason) pairs, further new reasons are
# counted per column as "andere fouten": a reason that quotes the cell's value
# differs per row, and its counts must stay bounded too.
MAX_ERROR_GROUPS = 100
# An .xlsx has a dozen parts; thousands of them is no spreadsheet.
XLSX_MAX_MEMBERS = 1000
# Small parts (relations, content types) may pack tightly without harm.
XLSX_RATIO_FLOOR_BYTES = 1024 * 1024


class RowProblem(Protocol):
    """What the collector needs of an error: its column and its reason."""

    @property
    def column(self) -> str: ...

    @property
    def message(self) -> str: ...


class ErrorCollector[E: RowProblem]:
    """The first ``limit`` errors in detail, beyond that counts per column and reason.

    ``len()`` is the number of errors added, ``bool()`` whether there was one;
    ``detail`` the errors kept, ``more`` the counts of the others as
    ``{"column", "message", "count"}`` dicts (most frequent first), which is
    how an import record stores them and the API shows them.
    """

    def __init__(self, limit: int | None = None) -> None:
        self.limit = settings.IMPORT_MAX_ERRORS if limit is None else limit
        self.detail: list[E] = []
        self.count = 0
        self._more: dict[tuple[str, str], int] = {}

    def add(self, error: E) -> None:
        self.count += 1
        if len(self.detail) < self.limit:
            self.detail.append(error)
            return
        key = (error.column, error.message)
        if key not in self._more and len(self._more) >= MAX_ERROR_GROUPS:
            key = (error.column, _("andere fouten"))
        self._more[key] = self._more.get(key, 0) + 1

    def __len__(self) -> int:
        return self.count

    def __bool__(self) -> bool:
        return self.count > 0

    @property
    def more_count(self) -> int:
        return self.count - len(self.detail)

    @property
    def more(self) -> list[dict[str, Any]]:
        ordered = sorted(self._more.items(), key=lambda item: (-item[1], item[0]))
        return [
            {"column": column, "message": message, "count": count}
            for (column, message), count in ordered
        ]


def _number(value: int) -> str:
    return group_number(Decimal(value), places=0, decimal_sep=",", thousand_sep=".")


def more_errors_lines(more: Iterable[Mapping[str, Any]]) -> list[str]:
    """The counts beyond the detailed errors as text: a heading, then a line per reason.

    ``["En nog 499.000 fouten, per kolom en reden:",
    "kolom periode: Ongeldige periode '1-3-24': ... (499.000 keer)"]``; empty
    when there are none. The page and the command line both show this.
    """
    groups = list(more)
    total = sum(int(group["count"]) for group in groups)
    if not total:
        return []
    lines = [_("En nog %(count)s fouten, per kolom en reden:") % {"count": _number(total)}]
    lines.extend(
        _("kolom %(column)s: %(message)s (%(count)s keer)")
        % {
            "column": group["column"],
            "message": group["message"],
            "count": _number(int(group["count"])),
        }
        for group in groups
    )
    return lines


def max_upload_text(limit: int) -> str:
    """``Het bestand is groter dan 200 MB.``: the refusal of a too large upload."""
    megabytes = _number(max(limit // (1024 * 1024), 1))
    return _("Het bestand is groter dan %(limit)s MB.") % {"limit": megabytes}


class UnsafeFileError(ValueError):
    """The file is refused unopened; the message says why, in Dutch."""


def check_xlsx_archive(content: bytes) -> None:
    """Refuse an .xlsx that would unpack to too much, before a parser opens it.

    Reads only the zip's directory (the sizes it declares) and then checks, while
    unpacking nothing, that no part declares a size beyond what the limits
    allow. Raises :class:`UnsafeFileError`. A zip that lies about its sizes is
    caught by :mod:`zipfile` itself: it stops reading a part at its declared
    size and fails the checksum.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members: Sequence[zipfile.ZipInfo] = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnsafeFileError(_("Dit Excel-bestand is niet te lezen. Is het beschadigd?")) from exc
    if len(members) > XLSX_MAX_MEMBERS:
        raise UnsafeFileError(
            _(
                "Dit Excel-bestand bestaat uit meer dan %(count)s delen; zo ziet een werkmap er niet uit."
            )
            % {"count": _number(XLSX_MAX_MEMBERS)}
        )
    max_total = settings.IMPORT_XLSX_MAX_UNPACKED_BYTES
    max_ratio = settings.IMPORT_XLSX_MAX_RATIO
    total = sum(member.file_size for member in members)
    if total > max_total:
        raise UnsafeFileError(
            _(
                "Dit Excel-bestand is uitgepakt groter dan %(limit)s MB. Lever het aan als "
                "CSV, of in delen."
            )
            % {"limit": _number(max_total // (1024 * 1024))}
        )
    for member in members:
        if member.file_size <= XLSX_RATIO_FLOOR_BYTES:
            continue
        if member.file_size > max_ratio * max(member.compress_size, 1):
            raise UnsafeFileError(
                _(
                    "Dit Excel-bestand is verdacht: een deel ervan pakt uit tot meer dan "
                    "%(ratio)s keer zijn grootte. Sla het opnieuw op als .xlsx of CSV."
                )
                % {"ratio": max_ratio}
            )
