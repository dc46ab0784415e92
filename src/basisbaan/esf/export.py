"""The ESF+ files: the deelnemerslijst, the BSN report, the indicator totals and
the cost claim, as CSV and Excel through the one list writer (core.export).
Formats column by column: docs/region-esf.md (part 2)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from basisbaan.core.export import ExportColumn, Kind
from basisbaan.esf.constants import INDICATORS
from basisbaan.esf.selectors import COLUMNS, Claim, IndicatorReport, RegistrationRow
from basisbaan.outcomes.figures import suppressed_text

__all__ = [
    "bsn_columns",
    "bsn_rows",
    "claim_columns",
    "claim_rows",
    "indicator_columns",
    "indicator_rows",
    "participant_list_columns",
    "result_text",
]

LABELS = {i.code: i.label for i in INDICATORS}


def result_text(row: RegistrationRow) -> str:
    """The own estimate of the results: codes with their labels, or why there is none."""
    if row.leaving_date is None:
        return ""
    codes = row.result_codes
    if codes:
        return "; ".join(f"{code} {LABELS[code]}" for code in codes)
    if not row.window_closed:
        return str(_("nog binnen 28 dagen na vertrek"))
    return str(_("geen resultaat vastgelegd"))


def participant_list_columns(*, with_bsn: bool, with_birth_date: bool) -> list[ExportColumn]:
    """Name, birth date (only when the target group needs it), BSN (blank for a
    viewer who may not see it), first start and last end, target group,
    activities, result."""
    columns = [
        ExportColumn("name", _("Naam"), lambda r: r.participant.full_name, width=30),
    ]
    if with_birth_date:
        columns.append(
            ExportColumn(
                "birth_date",
                _("Geboortedatum"),
                lambda r: r.participant.date_of_birth,
                Kind.DATE,
                12,
            )
        )
    columns += [
        ExportColumn(
            "bsn", _("BSN"), (lambda r: r.participant.bsn) if with_bsn else (lambda r: ""), width=12
        ),
        ExportColumn(
            "start", _("Start eerste ESF-activiteit"), lambda r: r.first_activity, Kind.DATE, 14
        ),
        ExportColumn(
            "end", _("Einde laatste ESF-activiteit"), lambda r: r.last_activity, Kind.DATE, 14
        ),
        ExportColumn(
            "target_group",
            _("Doelgroep"),
            lambda r: r.registration.operation.target_group,
            width=30,
        ),
        ExportColumn(
            "activities", _("Activiteiten"), lambda r: r.registration.activities, width=30
        ),
        ExportColumn("result", _("Resultaat"), result_text, width=40),
    ]
    return columns


def bsn_columns() -> list[ExportColumn]:
    return [
        ExportColumn("bsn", _("BSN"), lambda r: r.participant.bsn, width=12),
        ExportColumn("start", _("Startdatum"), lambda r: r.first_activity, Kind.DATE, 12),
        ExportColumn("end", _("Einddatum"), lambda r: r.last_activity, Kind.DATE, 12),
    ]


def bsn_rows(rows: list[RegistrationRow], year: int) -> list[RegistrationRow]:
    """The participants who took part in ``year`` (entry on or before 31 December,
    not left before 1 January), by BSN."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    kept = [
        r
        for r in rows
        if r.first_activity <= last and (r.last_activity is None or r.last_activity >= first)
    ]
    return sorted(kept, key=lambda r: r.participant.bsn)


def indicator_columns(report: IndicatorReport) -> list[ExportColumn]:
    titles = {
        "woman": _("Vrouwen"),
        "man": _("Mannen"),
        "non_binary": _("Non-binair"),
        "unknown": _("Onbekend"),
        "total": _("Totaal"),
    }

    def shown(index: int) -> Any:
        def read(row: dict[str, Any]) -> Any:
            cell = row["cells"][index]
            return cell.value if cell.shown else suppressed_text(cell, report.threshold)

        return read

    return [
        ExportColumn("code", _("Code"), lambda r: r["indicator"].code, width=10),
        ExportColumn("label", _("Indicator"), lambda r: str(r["indicator"].label), width=40),
        ExportColumn(
            "confirmed",
            _("Code bevestigd"),
            lambda r: _("ja") if r["indicator"].confirmed else _("nee"),
            width=10,
        ),
        *(
            ExportColumn(column, str(titles[column]), shown(i), Kind.INTEGER, 12)
            for i, column in enumerate(COLUMNS)
        ),
    ]


def indicator_rows(report: IndicatorReport) -> list[dict[str, Any]]:
    return report.rows


def claim_columns() -> list[ExportColumn]:
    return [
        ExportColumn("staff", _("Medewerker"), lambda r: r["name"], width=28),
        ExportColumn("year", _("Jaar"), lambda r: r.get("year"), Kind.INTEGER, 8),
        ExportColumn("valid_from", _("Tarief vanaf"), lambda r: r.get("valid_from"), Kind.DATE, 12),
        ExportColumn("annual_cost", _("Jaarkosten"), lambda r: r.get("annual_cost"), Kind.MONEY),
        ExportColumn(
            "part_time", _("Deeltijdfactor"), lambda r: r.get("part_time_factor"), Kind.DECIMAL
        ),
        ExportColumn("annual_hours", _("Jaaruren"), lambda r: r.get("annual_hours"), Kind.DECIMAL),
        ExportColumn("rate", _("Uurtarief"), lambda r: r.get("rate"), Kind.MONEY),
        ExportColumn("hours", _("Uren gedeclareerd"), lambda r: r.get("hours"), Kind.DECIMAL),
        ExportColumn("cut", _("Uren boven het maximum"), lambda r: r.get("cut"), Kind.DECIMAL),
        ExportColumn("amount", _("Bedrag"), lambda r: r.get("amount"), Kind.MONEY),
    ]


def staff_name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.get_username())


def claim_rows(claim: Claim) -> list[dict[str, Any]]:
    """A row per staff member, year and rate, then the direct staff costs, the flat
    rate and the total."""
    rows = [line | {"name": staff_name(line["staff"])} for line in claim.lines]
    percent = f"{claim.operation.flat_rate * 100:.2f}".rstrip("0").rstrip(".").replace(".", ",")
    rows += [
        {"name": str(_("Directe personeelskosten")), "amount": claim.direct},
        {"name": str(_("Forfait %(p)s%%")) % {"p": percent}, "amount": claim.flat},
        {"name": str(_("Totaal")), "amount": claim.total},
    ]
    return rows
