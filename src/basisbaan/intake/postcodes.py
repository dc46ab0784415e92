"""Load an installation's own table of postcode centroids: all or nothing.

The file is a CSV (comma or semicolon) with a header naming ``postcode``,
``latitude`` and ``longitude`` (WGS84 degrees; a decimal comma is fine) and
optionally ``place``. Every row is checked first, with a Dutch reason per
row; only a file without errors is stored, and it replaces the loaded table
whole, so loading the same file twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils.translation import gettext as _

from basisbaan.intake.models import PostcodeArea

__all__ = ["PostcodeRow", "load_postcodes", "parse_postcodes"]

REQUIRED = ("postcode", "latitude", "longitude")
# The Netherlands, generously (Caribbean Netherlands not included: no PC4 there).
LATITUDES = (Decimal("50.5"), Decimal("54.0"))
LONGITUDES = (Decimal("3.0"), Decimal("7.5"))


@dataclass(frozen=True, slots=True)
class PostcodeRow:
    postcode: str
    latitude: Decimal
    longitude: Decimal
    place: str


def _number(text: str, low: Decimal, high: Decimal) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    if not value.is_finite() or not low <= value <= high:
        return None
    return value.quantize(Decimal("0.00001"))


def parse_postcodes(text: str) -> tuple[list[PostcodeRow], list[str]]:
    """The rows of the file and the errors (row numbers as a spreadsheet shows them)."""
    sample = text[:2048]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        return [], [_("De kop mist de kolom(men): %s.") % ", ".join(missing)]
    reader.fieldnames = header
    rows: list[PostcodeRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(reader, start=2):
        postcode = (raw.get("postcode") or "").strip().replace(" ", "")[:4]
        if len(postcode) != 4 or not postcode.isdigit() or postcode.startswith("0"):
            errors.append(
                _("Rij %(row)d: postcode moet vier cijfers zijn (1000-9999).") % {"row": number}
            )
            continue
        if postcode in seen:
            errors.append(
                _("Rij %(row)d: postcode %(postcode)s staat ook in rij %(first)d.")
                % {"row": number, "postcode": postcode, "first": seen[postcode]}
            )
            continue
        seen[postcode] = number
        latitude = _number(raw.get("latitude") or "", *LATITUDES)
        longitude = _number(raw.get("longitude") or "", *LONGITUDES)
        if latitude is None:
            errors.append(
                _("Rij %(row)d: breedtegraad moet een getal tussen 50,5 en 54 zijn.")
                % {"row": number}
            )
        if longitude is None:
            errors.append(
                _("Rij %(row)d: lengtegraad moet een getal tussen 3 en 7,5 zijn.") % {"row": number}
            )
        if latitude is not None and longitude is not None:
            place = (raw.get("place") or "").strip()[:100]
            rows.append(PostcodeRow(postcode, latitude, longitude, place))
    if not rows and not errors:
        errors.append(_("Het bestand bevat geen postcodes."))
    return rows, errors


@transaction.atomic
def load_postcodes(rows: list[PostcodeRow]) -> tuple[int, int]:
    """Replace the loaded table by ``rows``; returns (added or changed, removed)."""
    stored = {
        area.postcode: (area.latitude, area.longitude, area.place)
        for area in PostcodeArea.objects.select_for_update()
    }
    wanted = {row.postcode: (row.latitude, row.longitude, row.place) for row in rows}
    removed = [postcode for postcode in stored if postcode not in wanted]
    changed = [row for row in rows if stored.get(row.postcode) != wanted[row.postcode]]
    PostcodeArea.objects.filter(postcode__in=removed).delete()
    PostcodeArea.objects.filter(postcode__in=[row.postcode for row in changed]).delete()
    PostcodeArea.objects.bulk_create(
        PostcodeArea(
            postcode=row.postcode, latitude=row.latitude, longitude=row.longitude, place=row.place
        )
        for row in changed
    )
    return len(changed), len(removed)
