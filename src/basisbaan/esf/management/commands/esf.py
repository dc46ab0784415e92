"""``basisbaan esf indicators|claim|participants|worklist <programme-id> [...]``.

The ESF+ files of a programme's operation as CSV (semicolons, as the page's CSV
download): the indicator totals (suppressed, as the page), the cost claim (the
whole operation or ``--year``), the deelnemerslijst (``--with-bsn`` adds the BSN)
and the worklist. To stdout, or to ``--output FILE``. Every run writes an export
entry to the audit log (channel ``cli``). Exit code 2 for an unknown programme, a
programme that is no ESF+ operation or a year outside the operation.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.audit.services import audit_export
from basisbaan.core.export import ExportColumn, csv_bytes
from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.esf import export, selectors
from basisbaan.esf.models import EsfOperation, StaffRate
from basisbaan.outcomes.management.common import USAGE_ERROR
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import LIST_FIELDS, NAME_FIELDS
from basisbaan.programmes.models import Programme

__all__ = ["Command", "worklist_columns"]


def worklist_columns() -> list[ExportColumn]:
    return [
        ExportColumn("kind", _("Soort"), lambda p: p.kind),
        ExportColumn(
            "name",
            _("Deelnemer of medewerker"),
            lambda p: p.participant.full_name if p.participant else export.staff_name(p.staff),
        ),
        ExportColumn("text", _("Wat ontbreekt"), lambda p: str(p.text)),
    ]


def operation_of(programme_id: int) -> EsfOperation:
    programme = Programme.objects.filter(pk=programme_id).select_related("municipality").first()
    if programme is None:
        raise CommandError(
            _("Onbekend programma: %(id)s.") % {"id": programme_id}, returncode=USAGE_ERROR
        )
    operation = selectors.operation_of(programme)
    if operation is None:
        raise CommandError(
            _("Programma %(id)s is geen ESF+-operatie.") % {"id": programme_id},
            returncode=USAGE_ERROR,
        )
    return operation


class Command(BasisbaanCommand):
    help = (
        "ESF+ files of a programme's operation as CSV: indicator totals (small numbers "
        "suppressed), the cost claim, the participant list (deelnemerslijst) or the worklist."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(
            dest="what", required=True, metavar="COMMAND", help="What to print or write."
        )
        commands = {
            "indicators": "The common indicators by gender, suppressed as on the page.",
            "claim": "The cost claim: direct staff costs, the flat rate and the total.",
            "participants": "The deelnemerslijst (participant list); no BSN unless --with-bsn.",
            "worklist": "Missing or inconsistent registration data.",
        }
        for name, text in commands.items():
            command = sub.add_parser(name, help=text, description=text)
            command.add_argument("programme", type=int, help="The id of the programme.")
            command.add_argument(
                "--output", default=None, help="Write the CSV to this file instead of stdout."
            )
            if name == "claim":
                command.add_argument(
                    "--year",
                    type=int,
                    default=None,
                    help="One calendar year within the operation (default: the whole operation).",
                )
            if name == "participants":
                command.add_argument(
                    "--with-bsn",
                    action="store_true",
                    dest="with_bsn",
                    help="Include the BSN (recorded in the audit log).",
                )

    def handle(self, *args: object, **options: Any) -> None:
        operation = operation_of(int(options["programme"]))
        what = str(options["what"])
        today = timezone.localdate()
        fields: list[str] | None = None
        filters = {"operation": str(operation.pk), "file": what}
        model: type[models.Model]
        rows: list[Any]
        if what == "indicators":
            report = selectors.indicator_report(operation, today=today)
            columns, rows = export.indicator_columns(report), export.indicator_rows(report)
            model = EsfOperation
        elif what == "claim":
            first, last = self._period(operation, options.get("year"))
            claim = selectors.cost_claim(operation, first=first, last=last)
            columns, rows = export.claim_columns(), export.claim_rows(claim)
            filters |= {"from": first.isoformat(), "to": last.isoformat()}
            model = StaffRate
        elif what == "participants":
            with_bsn = bool(options.get("with_bsn"))
            rows = list(selectors.registration_rows(operation, today=today))
            columns = export.participant_list_columns(
                with_bsn=with_bsn, with_birth_date=operation.birth_date_needed
            )
            fields = list(LIST_FIELDS if with_bsn else NAME_FIELDS)
            if operation.birth_date_needed:
                fields.append("date_of_birth")
            model = Participant
        else:
            rows = list(selectors.worklist(operation, today=today))
            columns = worklist_columns()
            fields = list(NAME_FIELDS)
            model = Participant
        content = csv_bytes(columns, rows)
        audit_export(
            actor=None,
            municipality=operation.municipality,
            model=model,
            filters=filters,
            rows=len(rows),
            file_format="csv",
            fields=fields,
        )
        self._write(content, options.get("output"))

    def _period(self, operation: EsfOperation, year: int | None) -> tuple[dt.date, dt.date]:
        if year is None:
            return operation.start_date, operation.end_date
        if not operation.start_date.year <= year <= operation.end_date.year:
            raise CommandError(
                _("Het jaar %(year)s valt buiten de operatie (%(first)s-%(last)s).")
                % {
                    "year": year,
                    "first": operation.start_date.year,
                    "last": operation.end_date.year,
                },
                returncode=USAGE_ERROR,
            )
        return dt.date(year, 1, 1), dt.date(year, 12, 31)

    def _write(self, content: bytes, output: str | None) -> None:
        if output:
            Path(output).write_bytes(content)
            return
        self.stdout.write(content.decode("utf-8").removeprefix("\ufeff"), ending="")
