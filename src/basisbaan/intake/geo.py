"""Where a postcode lies: centroids of four-digit postcode areas, in km.

A small table for the demo areas (Leeuwarden, Emmen), in Dutch RD coordinates
(Rijksdriehoek) divided by 1000 and rounded to 100 m: close enough for a
travel range in kilometres. A postcode outside the table has no location, and
matching then says the distance is unknown instead of guessing.
"""

from __future__ import annotations

POSTCODE4_KM: dict[str, tuple[float, float]] = {
    # Leeuwarden
    "8911": (182.4, 579.3),
    "8912": (182.9, 579.8),
    "8913": (181.6, 580.1),
    "8914": (180.9, 579.0),
    "8915": (181.2, 577.9),
    "8916": (182.0, 577.1),
    "8917": (183.0, 578.1),
    "8918": (182.3, 581.2),
    "8919": (183.6, 580.4),
    "8921": (184.4, 580.2),
    "8922": (185.2, 581.0),
    "8923": (184.0, 578.9),
    "8924": (185.3, 579.3),
    "8925": (186.0, 580.1),
    "8926": (186.4, 578.6),
    "8931": (182.6, 576.9),
    "8932": (183.6, 576.8),
    "8933": (184.3, 576.0),
    "8934": (183.3, 575.4),
    "8935": (182.1, 575.6),
    "8936": (181.0, 575.9),
    "8937": (180.1, 576.7),
    "8938": (179.4, 577.9),
    "8939": (185.0, 577.4),
    "8941": (179.5, 580.8),
    # Emmen
    "7811": (256.8, 533.4),
    "7812": (257.6, 534.6),
    "7813": (255.6, 534.2),
    "7814": (255.3, 532.6),
    "7815": (256.5, 531.8),
    "7821": (259.0, 532.9),
    "7822": (258.2, 531.2),
    "7823": (259.4, 534.6),
    "7824": (253.9, 533.8),
}


def postcode_location(postcode: str) -> tuple[float, float] | None:
    """The centroid of the postcode's four-digit area, or None when unknown."""
    return POSTCODE4_KM.get(postcode.strip()[:4])
