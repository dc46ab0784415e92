"""Where a postcode lies: the centroid of its four-digit area, in RD km.

The national table ``pc4_nl.csv`` ships with the product (4,086 areas, from
the GeoNames postal-code data, https://www.geonames.org, licence CC BY 4.0;
see ``scripts/build_pc4_table.py``), so matching works offline in every
municipality. An installation may load its own table
(``basisbaan load_postcodes FILE``, :mod:`basisbaan.intake.postcodes`); a
postcode in it wins over the shipped one. Latitude and longitude become Dutch
grid coordinates (:func:`basisbaan.calc.geo.rd_km`), so a distance is a
straight line in km. A postcode in neither table has no location, and
matching then says the distance is unknown instead of guessing.

The shipped table is read once per process (it is part of the release). The
loaded table is asked per batch, for the postcodes at hand only
(:func:`postcode_locations`: one indexed query), so a newly loaded table counts
at once in every process, and no request pays for reading the whole table.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from basisbaan.calc.geo import rd_km
from basisbaan.intake.models import PostcodeArea

__all__ = ["NATIONAL_TABLE", "national_table", "postcode_location", "postcode_locations"]

NATIONAL_TABLE = Path(__file__).with_name("pc4_nl.csv")

type Location = tuple[float, float]
type Table = dict[str, Location]


@cache
def national_table() -> Table:
    """Postcode (4 digits) -> RD (x, y) in km, from the shipped table."""
    with NATIONAL_TABLE.open(newline="", encoding="utf-8") as file:
        return {
            row["postcode"]: rd_km(float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(file)
        }


def _area(postcode: str) -> str:
    return postcode.strip()[:4]


def postcode_locations(postcodes: Iterable[str]) -> dict[str, Location | None]:
    """Each postcode's centroid in RD km (None when unknown), in one query at most."""
    keys = {postcode: _area(postcode) for postcode in postcodes}
    wanted = {area for area in keys.values() if area}
    loaded: Table = (
        {
            area: rd_km(float(latitude), float(longitude))
            for area, latitude, longitude in PostcodeArea.objects.filter(
                postcode__in=wanted
            ).values_list("postcode", "latitude", "longitude")
        }
        if wanted
        else {}
    )
    national = national_table()
    return {postcode: loaded.get(area) or national.get(area) for postcode, area in keys.items()}


def postcode_location(postcode: str) -> Location | None:
    """The centroid of the postcode's four-digit area in RD km, or None when unknown."""
    return postcode_locations([postcode])[postcode]
