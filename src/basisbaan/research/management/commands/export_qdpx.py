"""``basisbaan export_qdpx --study ID --out FILE``.

The study as a REFI-QDA project (``.qdpx``): its codebook, its pseudonymised
transcripts with their codings, its respondents as cases and its memos, for
ATLAS.ti, MAXQDA, NVivo, QualCoder and other QDA tools. The file is audited as an
export and as a read of the transcripts' texts. Exit code 2 for an unknown study
or a file that cannot be written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils.translation import gettext as _

from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.outcomes.management.common import USAGE_ERROR
from basisbaan.reports.management.commands.council_report import write
from basisbaan.research.exchange import study_export_qdpx
from basisbaan.research.models import Study


class Command(BasisbaanCommand):
    help = "A study as a REFI-QDA project file (.qdpx): codebook, transcripts and codings."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--study", required=True, type=int, help="The study's number (id).")
        parser.add_argument("--out", required=True, help="The file to write (.qdpx).")

    def handle(self, *args: object, **options: Any) -> None:
        study = Study.objects.filter(pk=options["study"]).select_related("municipality").first()
        if study is None:
            raise CommandError(
                _("Onbekend onderzoek: %(id)s.") % {"id": options["study"]},
                returncode=USAGE_ERROR,
            )
        path = Path(options["out"])
        if not path.parent.is_dir():
            raise CommandError(
                _("De map %(folder)s bestaat niet.") % {"folder": path.parent},
                returncode=USAGE_ERROR,
            )
        write(path, study_export_qdpx(study=study, actor=None))
        self.stdout.write(
            _("Onderzoek '%(title)s' geschreven naar %(path)s.")
            % {"title": study.title, "path": path}
        )
