"""``basisbaan subject_access --municipality SLUG --bsn BSN --output FILE.json|FILE.pdf``.

Everything held about one person (an inzageverzoek), as JSON or PDF (chosen by
the file's extension; ``-`` prints JSON). The export is written to the audit log.
Exit code 2 for an unknown municipality or BSN.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.privacy.export import as_json, as_pdf
from basisbaan.privacy.selectors import participant_by_bsn, subject_access
from basisbaan.privacy.services import audit_subject_access
from basisbaan.tenancy.models import Municipality


class Command(BasisbaanCommand):
    help = "Export everything held about one person (subject-access request) as JSON or PDF."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True, help="Slug of the municipality.")
        parser.add_argument(
            "--bsn", required=True, help="The person's BSN (citizen service number)."
        )
        parser.add_argument(
            "--output", required=True, help="Output file (.json or .pdf), or - for standard output."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError("Onbekende gemeente.", returncode=2)
        participant = participant_by_bsn(municipality=municipality, bsn=options["bsn"])
        if participant is None:
            raise CommandError("Geen deelnemer met dit BSN in deze gemeente.", returncode=2)
        data = subject_access(participant=participant, today=timezone.localdate())
        output = options["output"]
        file_format = "pdf" if output.lower().endswith(".pdf") else "json"
        content = as_pdf(data) if file_format == "pdf" else as_json(data)
        audit_subject_access(actor=None, participant=participant, file_format=file_format)
        if output == "-":
            self.stdout.write(content.decode("utf-8"))
        else:
            Path(output).write_bytes(content)
            self.stdout.write(f"Geschreven: {output} ({len(content)} bytes)")
