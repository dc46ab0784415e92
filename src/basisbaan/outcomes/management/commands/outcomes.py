"""``basisbaan outcomes --municipality SLUG --programme SLUG [--as-of YYYY-MM-DD]
[--format json|table]``.

The outcome figures of a programme as the page, the Excel export and the API show
them (one layout: :func:`~basisbaan.outcomes.layout.outcome_tables`); small numbers
are suppressed. ``--format json`` prints exactly the API's answer of
``GET /api/v1/outcomes/{id}/``. Exit code 2 for an unknown municipality or programme
or a bad date.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.outcomes.api.data import outcome_data
from basisbaan.outcomes.api.serializers import OutcomeReportSerializer
from basisbaan.outcomes.layout import Table, outcome_tables
from basisbaan.outcomes.management.common import (
    add_programme_arguments,
    as_of_of,
    audit_run,
    dump,
    programme_of,
    text_table,
)
from basisbaan.outcomes.models import Exit
from basisbaan.outcomes.reports import cached_outcome_report


def table_text(table: Table) -> list[str]:
    """One layout table as text: its title, the columns and each row's shown cells."""
    lines = [table.title, ""]
    lines += text_table(
        ["", *table.columns], [[row.label] + [c.text for c in row.cells] for row in table.rows]
    )
    if table.note:
        lines += ["", table.note]
    return lines


class Command(BasisbaanCommand):
    help = (
        "Outcome figures of a programme on a reporting date, as the outcome page shows them "
        "(small numbers suppressed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_programme_arguments(parser)

    def handle(self, *args: object, **options: Any) -> None:
        programme = programme_of(options)
        as_of = as_of_of(options, timezone.localdate())
        report = cached_outcome_report(programme, as_of=as_of)
        tables = outcome_tables(report)
        audit_run(
            programme,
            model=Exit,
            as_of=as_of,
            rows=sum(len(t.rows) for t in tables),
            fmt=str(options["format"]),
        )
        if options["format"] == "json":
            self.stdout.write(dump(OutcomeReportSerializer(outcome_data(report, tables)).data))
            return
        lines = [
            _(
                "Uitkomsten van %(name)s (%(slug)s) op %(day)s. "
                "Aantallen onder %(n)s zijn afgeschermd."
            )
            % {
                "name": programme.name,
                "slug": programme.slug,
                "day": f"{as_of:%d-%m-%Y}",
                "n": report.threshold,
            }
        ]
        for table in tables:
            lines += ["", *table_text(table)]
        self.stdout.write("\n".join(lines))
