"""``basisbaan audit_verify``: check that no audit entry was removed or altered.

Prints one Dutch line. Exit code 0 when the hash chain is whole, 1 at the first
broken link (named by the ids of the entries around it), so that a scheduled
job can alert on it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import CommandError, CommandParser

from basisbaan.audit.verify import Break, ChainReport, verify_chain
from basisbaan.core.management.base import BasisbaanCommand

BROKEN = 1


def message(report: ChainReport) -> str:
    """The report as one Dutch sentence."""
    if report.ok:
        return f"Auditlog in orde: {report.checked} regels, de hashketen is ongebroken."
    if report.broken == Break.ALTERED:
        return (
            f"Auditlog gebroken: regel {report.entry_id} is gewijzigd "
            f"(de hash klopt niet meer met de inhoud; {report.checked} regels ervoor in orde)."
        )
    if report.broken == Break.LINK:
        before = f"na regel {report.previous_id}" if report.previous_id else "aan het begin"
        return (
            f"Auditlog gebroken: vóór regel {report.entry_id} ontbreken regels ({before}; "
            f"{report.checked} regels ervoor in orde)."
        )
    newest = f"na regel {report.entry_id}" if report.entry_id else "in een lege log"
    return (
        f"Auditlog gebroken: de nieuwste regels ontbreken ({newest}; de keten telt "
        f"{report.checked} regels, het eind van de keten wijst naar een andere)."
    )


class Command(BasisbaanCommand):
    help = "Check the audit log's hash chain; exit code 1 at the first broken link."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=2000,
            help="How many entries to read from the database at a time.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = verify_chain(chunk_size=options["chunk_size"])
        if report.ok:
            self.stdout.write(message(report))
            return
        raise CommandError(message(report), returncode=BROKEN)
