"""What the outcome commands share: the programme and the day they report on,
the export audit entry, and Dutch text tables."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import models
from django.utils.translation import gettext as _

from basisbaan.audit.services import audit_export
from basisbaan.core.money import group_number
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality

__all__ = [
    "USAGE_ERROR",
    "add_programme_arguments",
    "as_of_of",
    "audit_run",
    "dump",
    "euro_text",
    "programme_of",
    "text_table",
]

USAGE_ERROR = 2


def add_programme_arguments(parser: CommandParser) -> None:
    parser.add_argument(
        "--municipality", required=True, help="Short name (slug) of the municipality."
    )
    parser.add_argument("--programme", required=True, help="Short name (slug) of the programme.")
    parser.add_argument(
        "--as-of",
        dest="as_of",
        default=None,
        help="The reporting date as YYYY-MM-DD (default: today; not after today).",
    )
    parser.add_argument(
        "--format",
        choices=["json", "table"],
        default="table",
        help="A table for people (default) or JSON for programs, the same as the API.",
    )


def programme_of(options: dict[str, Any]) -> Programme:
    """The programme named by ``--municipality`` and ``--programme``; a Dutch error
    (exit code 2) when either is unknown."""
    municipality = Municipality.objects.filter(slug=options["municipality"]).first()
    if municipality is None:
        raise CommandError(
            _("Onbekende gemeente: %(slug)s.") % {"slug": options["municipality"]},
            returncode=USAGE_ERROR,
        )
    programme = (
        Programme.objects.filter(municipality=municipality, slug=options["programme"])
        .select_related("municipality")
        .first()
    )
    if programme is None:
        raise CommandError(
            _("Gemeente %(municipality)s heeft geen programma %(programme)s.")
            % {"municipality": municipality.slug, "programme": options["programme"]},
            returncode=USAGE_ERROR,
        )
    return programme


def as_of_of(options: dict[str, Any], today: dt.date) -> dt.date:
    """``--as-of`` as a date: today when absent; a Dutch error (exit code 2) when it is
    no date or after today."""
    given = options.get("as_of")
    if not given:
        return today
    try:
        day = dt.date.fromisoformat(str(given))
    except ValueError:
        raise CommandError(
            _("Ongeldige peildatum: %(value)s. Gebruik jjjj-mm-dd, bijvoorbeeld 2025-12-31.")
            % {"value": given},
            returncode=USAGE_ERROR,
        ) from None
    if day > today:
        raise CommandError(
            _("De peildatum %(day)s ligt na vandaag (%(today)s).")
            % {"day": f"{day:%d-%m-%Y}", "today": f"{today:%d-%m-%Y}"},
            returncode=USAGE_ERROR,
        )
    return day


def audit_run(
    programme: Programme, *, model: type[models.Model], as_of: dt.date, rows: int, fmt: str
) -> None:
    """One export entry, as the page's Excel export writes (channel ``cli``)."""
    audit_export(
        actor=None,
        municipality=programme.municipality,
        model=model,
        filters={"programme": str(programme.pk), "as_of": as_of.isoformat()},
        rows=rows,
        file_format=fmt,
    )


def dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def euro_text(value: Decimal | None) -> str:
    """``Decimal("-1234.5")`` -> ``"EUR -1.234,50"``; None -> ``"-"``."""
    if value is None:
        return "-"
    return "EUR " + group_number(value, places=2, decimal_sep=",", thousand_sep=".")


def text_table(header: list[str], rows: list[list[str]]) -> list[str]:
    """Columns padded to their widest cell: the first left, the others right."""
    everything = [header, *rows]
    widths = [max(len(row[i]) for row in everything) for i in range(len(header))]
    return [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        ).rstrip()
        for row in everything
    ]
