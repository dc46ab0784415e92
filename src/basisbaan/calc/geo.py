"""Where a place lies on the Dutch national grid (Rijksdriehoek, RD), in km. Pure; no Django.

:func:`rd_km` turns WGS84 latitude and longitude into RD coordinates with the
published approximation (Schreutelkamp and Strang van Hees, 2001): about a
metre off anywhere in the Netherlands, far closer than a travel range needs.
Distances between RD coordinates are straight lines in km
(:func:`basisbaan.calc.matching.distance_km`).
"""

from __future__ import annotations

from typing import Final

__all__ = ["rd_km"]

_LAT0: Final = 52.15517440
_LON0: Final = 5.38720621
_X0: Final = 155_000.0
_Y0: Final = 463_000.0
# (p, q, coefficient): x = X0 + sum R[p, q] dlat^p dlon^q, likewise y with S.
_R: Final = (
    (0, 1, 190094.945),
    (1, 1, -11832.228),
    (2, 1, -114.221),
    (0, 3, -32.391),
    (1, 0, -0.705),
    (3, 1, -2.340),
    (1, 3, -0.608),
    (0, 2, -0.008),
    (2, 3, 0.148),
)
_S: Final = (
    (1, 0, 309056.544),
    (0, 2, 3638.893),
    (2, 0, 73.077),
    (1, 2, -157.984),
    (3, 0, 59.788),
    (0, 1, 0.433),
    (2, 2, -6.439),
    (1, 1, -0.032),
    (0, 4, 0.092),
    (1, 4, -0.054),
)


def rd_km(latitude: float, longitude: float) -> tuple[float, float]:
    """RD (x, y) in km for a WGS84 position.

    >>> rd_km(52.15517440, 5.38720621)  # Amersfoort, the grid's origin
    (155.0, 463.0)
    """
    dlat = 0.36 * (latitude - _LAT0)
    dlon = 0.36 * (longitude - _LON0)
    x = _X0 + sum(c * dlat**p * dlon**q for p, q, c in _R)
    y = _Y0 + sum(c * dlat**p * dlon**q for p, q, c in _S)
    return x / 1000, y / 1000
