"""``basisbaan council_report --municipality SLUG --programme SLUG [--as-of YYYY-MM-DD]
[--format pdf|pdfa|docx|html] --out FILE [--title TITLE]``.

The council report of a programme as a file. If the programme has a final version
with that reporting date, the file is that version (the latest final one), exactly
as frozen, and the command prints its content hash. Otherwise it is a draft
computed from today's data, not stored: the texts of the programme's latest report
(or the default structure), the period from 1 January of the reporting year (or
the programme's start) to the reporting date. Every file written is audited.
Exit code 2 for an unknown municipality or programme, a bad date or a file that
cannot be written.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.audit.services import audit_export
from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.outcomes.management.common import USAGE_ERROR, as_of_of, programme_of
from basisbaan.programmes.models import Programme
from basisbaan.reports.constants import ReportFormat, ReportStatus
from basisbaan.reports.defaults import DEFAULT_TEXTS
from basisbaan.reports.models import CouncilReport
from basisbaan.reports.outputs import render
from basisbaan.reports.render import document


def final_version(programme: Programme, as_of: dt.date) -> CouncilReport | None:
    """The programme's valid final version with reporting date ``as_of``, if any."""
    return (
        CouncilReport.objects.filter(
            municipality_id=programme.municipality_id,
            programme=programme,
            as_of=as_of,
            status=ReportStatus.FINAL,
        )
        .select_related("programme__municipality")
        .order_by("-number", "-id")
        .first()
    )


def unsaved_draft(programme: Programme, as_of: dt.date, title: str | None) -> CouncilReport:
    """A draft as of ``as_of`` with the programme's latest texts (or the defaults),
    never saved: it is computed from today's data when rendered."""
    if as_of < programme.start_date:
        raise CommandError(
            _("De peildatum %(day)s ligt vóór de start van het programma (%(start)s).")
            % {"day": f"{as_of:%d-%m-%Y}", "start": f"{programme.start_date:%d-%m-%Y}"},
            returncode=USAGE_ERROR,
        )
    latest = (
        CouncilReport.objects.filter(municipality_id=programme.municipality_id, programme=programme)
        .order_by("-as_of", "-number", "-id")
        .first()
    )
    texts = dict(latest.texts) if latest is not None else dict(DEFAULT_TEXTS)
    default_title = (
        latest.title if latest is not None else _("Voortgang %(name)s") % {"name": programme.name}
    )
    return CouncilReport(
        municipality_id=programme.municipality_id,
        programme=programme,
        title=(title or "").strip() or default_title,
        as_of=as_of,
        period_start=max(programme.start_date, dt.date(as_of.year, 1, 1)),
        period_end=as_of,
        texts=texts,
    )


def write(path: Path, content: bytes) -> None:
    if not path.parent.is_dir():
        raise CommandError(
            _("De map %(folder)s bestaat niet.") % {"folder": path.parent},
            returncode=USAGE_ERROR,
        )
    try:
        path.write_bytes(content)
    except OSError as exc:
        raise CommandError(
            _("Kan %(path)s niet schrijven: %(reason)s.")
            % {"path": path, "reason": exc.strerror or exc},
            returncode=USAGE_ERROR,
        ) from None


class Command(BasisbaanCommand):
    help = (
        "The council report of a programme as a file: its final version with that reporting "
        "date (frozen), or else a draft computed from today's data (not stored)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--municipality", required=True, help="Short name (slug) of the municipality."
        )
        parser.add_argument(
            "--programme", required=True, help="Short name (slug) of the programme."
        )
        parser.add_argument(
            "--as-of",
            dest="as_of",
            default=None,
            help="The reporting date as YYYY-MM-DD (default: today; not after today).",
        )
        parser.add_argument(
            "--format",
            choices=list(ReportFormat.values),
            default=ReportFormat.PDF.value,
            help="pdf (accessible, PDF/UA; default), pdfa (archive, PDF/A), docx or html.",
        )
        parser.add_argument("--out", required=True, help="The file to write.")
        parser.add_argument(
            "--title", default=None, help="Title of a draft (a final version keeps its own)."
        )

    def handle(self, *args: object, **options: Any) -> None:
        programme = programme_of(options)
        today = timezone.localdate()
        as_of = as_of_of(options, today)
        fmt = ReportFormat(options["format"])
        report = final_version(programme, as_of)
        if report is None:
            report = unsaved_draft(programme, as_of, options["title"])
        elif options["title"]:
            self.stderr.write(
                _("Een definitieve versie houdt haar titel; --title is niet gebruikt.")
            )
        content = render(document(report, today=today), fmt)
        path = Path(options["out"])
        write(path, content)
        audit_export(
            actor=None,
            municipality=programme.municipality,
            model=CouncilReport,
            filters={
                "report": str(report.pk or ""),
                "programme": str(programme.pk),
                "as_of": as_of.isoformat(),
                "number": str(report.number),
                "status": str(report.status),
                "content_hash": report.content_hash,
            },
            rows=1,
            file_format=str(fmt),
        )
        if report.is_draft:
            self.stdout.write(
                _(
                    "Concept met de gegevens van %(today)s (niet opgeslagen) geschreven naar %(path)s."
                )
                % {"today": f"{today:%d-%m-%Y}", "path": path}
            )
            return
        self.stdout.write(
            _("Definitieve versie %(number)s geschreven naar %(path)s.")
            % {"number": report.number, "path": path}
        )
        self.stdout.write(_("Inhoudshash (SHA-256): %(hash)s") % {"hash": report.content_hash})
