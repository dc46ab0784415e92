"""``basisbaan load_postcodes FILE``: load the installation's own postcode centroids.

A CSV with the columns postcode, latitude, longitude (and optionally place),
comma or semicolon separated. All or nothing: a file with any bad row is
refused whole, with a Dutch reason per row, and the loaded table stays as it
was. The file replaces the loaded table; loading it twice changes nothing.
Postcodes not in it are located by the national table shipped with Basisbaan.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.intake.postcodes import load_postcodes, parse_postcodes

REFUSED = 1
USAGE_ERROR = 2


class Command(BasisbaanCommand):
    help = __doc__.split("\n\n")[0] if __doc__ else ""

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="CSV file with postcode, latitude, longitude.")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except OSError:
            raise CommandError(f"Bestand niet gevonden: {path}", returncode=USAGE_ERROR) from None
        except UnicodeDecodeError:
            raise CommandError("Het bestand is geen UTF-8-tekst.", returncode=REFUSED) from None
        rows, errors = parse_postcodes(text)
        if errors:
            for error in errors:
                self.stderr.write(error)
            raise CommandError(
                f"Niets ingelezen: {len(errors)} fout(en) in het bestand.", returncode=REFUSED
            )
        changed, removed = load_postcodes(rows)
        self.stdout.write(
            f"{len(rows)} postcodes in de eigen tabel ({changed} nieuw of gewijzigd, "
            f"{removed} verwijderd)."
        )
