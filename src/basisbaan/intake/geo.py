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

Both tables are read once per process; :func:`forget_loaded_table` makes the
next lookup read the loaded one again (the command calls it; a running web
server sees a newly loaded table after a restart).
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

from basisbaan.calc.geo import rd_km
from basisbaan.intake.models import PostcodeArea

__all__ = ["NATIONAL_TABLE", "forget_loaded_table", "national_table", "postcode_location"]

NATIONAL_TABLE = Path(__file__).with_name("pc4_nl.csv")

type Table = dict[str, tuple[float, float]]


@cache
def national_table() -> Table:
    """Postcode (4 digits) -> RD (x, y) in km, from the shipped table."""
    with NATIONAL_TABLE.open(newline="", encoding="utf-8") as file:
        return {
            row["postcode"]: rd_km(float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(file)
        }


@cache
def _loaded_table() -> Table:
    return {
        postcode: rd_km(float(latitude), float(longitude))
        for postcode, latitude, longitude in PostcodeArea.objects.values_list(
            "postcode", "latitude", "longitude"
        )
    }


def forget_loaded_table() -> None:
    _loaded_table.cache_clear()


def postcode_location(postcode: str) -> tuple[float, float] | None:
    """The centroid of the postcode's four-digit area in RD km, or None when unknown."""
    key = postcode.strip()[:4]
    return _loaded_table().get(key) or national_table().get(key)
