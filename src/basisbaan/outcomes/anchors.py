"""Figures from elsewhere to read Leeuwarden's figures against: national
statistics and other programmes, each with its definition and source.

They are context, not targets: each is labelled as national or as another
programme's, and none is computed from this installation's data.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

__all__ = ["ANCHORS", "AMSTELVEEN", "Anchor"]


@dataclass(frozen=True, slots=True)
class Anchor:
    kind: str  # "national" or "programme"
    label: object
    value: str
    definition: object
    source: str


ANCHORS: tuple[Anchor, ...] = (
    Anchor(
        "national",
        _("Na 6 maanden nog aan het werk zonder bijstand"),
        "82%",
        _(
            "Van de 49.000 mensen die in 2021 de bijstand verlieten voor een baan in "
            "loondienst (CBS, cohortonderzoek uitstroom naar werk)."
        ),
        "CBS via blikopnieuws.nl, april 2024",
    ),
    Anchor(
        "national",
        _("Na 18 maanden nog aan het werk zonder bijstand"),
        "72%",
        _("Hetzelfde cohort van 2021; 91% was na 18 maanden nog uit de bijstand."),
        "CBS via blikopnieuws.nl, april 2024",
    ),
    Anchor(
        "national",
        _("Uitstroom uit de bijstand per jaar"),
        "23,4%",
        _(
            "Uitstroom in 2023 als deel van het bestand, alle redenen (Divosa Benchmark Werk "
            "en Inkomen); het laagste sinds 2013."
        ),
        "Divosa Benchmark W&I, jaarrapportage 2023",
    ),
    Anchor(
        "programme",
        _("Groningen: geholpen in vijf jaar"),
        "186",
        _(
            "Inwoners met een basisbaan in Groningen in vijf jaar; 170 nog actief, 16 niet meer "
            "(pensioen, overlijden of ander werk)."
        ),
        "oogtv.nl, juli 2025",
    ),
)

# The business-case anchor: a pilot of 5 basisbanen for two years (2021).
AMSTELVEEN = Anchor(
    "programme",
    _("Amstelveen: kosten per basisbaan per jaar"),
    "EUR 35.000 bruto, EUR 20.000 netto",
    _("Raming bij de pilot van 5 basisbanen (2021): netto na EUR 15.000 bespaarde bijstand."),
    "Binnenlands Bestuur, oktober 2021",
)
