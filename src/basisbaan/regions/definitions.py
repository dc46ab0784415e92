"""The shared definitions, version :data:`~basisbaan.regions.constants.DEFINITION_VERSION`:
what each figure of the regional comparison means, in the words of the page, the
export and the API (docs/region-esf.md says the same at more length)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

__all__ = ["COUNT_FIGURES", "Figure", "RATE_FIGURES", "YEAR_FIGURES"]


@dataclass(frozen=True, slots=True)
class Figure:
    key: str
    label: Promise
    definition: Promise


COUNT_FIGURES: Final = (
    Figure(
        "started",
        _("Gestart"),
        _("Deelnemers die tot de peildatum aan het werk gingen (een tweede deelname telt apart)."),
    ),
    Figure(
        "started_transition",
        _("Transitiespoor"),
        _("Gestart, laatste plaatsing op het transitiespoor."),
    ),
    Figure(
        "started_social",
        _("Maatschappelijk spoor"),
        _("Gestart, laatste plaatsing op het spoor maatschappelijke waarde."),
    ),
    Figure("active", _("Actief"), _("Gestart en op de peildatum niet uitgestroomd.")),
    Figure("working", _("Aan het werk"), _("Actief met een lopende plaatsing op de peildatum.")),
    Figure("exited", _("Uitgestroomd"), _("Het programma verlaten op of voor de peildatum.")),
    Figure(
        "exits_work",
        _("Naar werk"),
        _("Uitgestroomd naar regulier werk, bij de werkgever of elders."),
    ),
    Figure(
        "ret12_eligible",
        _("12 maanden geleden gestart"),
        _("Deelnemers die ten minste 12 maanden voor de peildatum begonnen."),
    ),
    Figure(
        "ret12_retained",
        _("Na 12 maanden aan het werk"),
        _("Van hen: 12 maanden na de start aan het werk in het programma."),
    ),
    Figure(
        "fu6_measured",
        _("Nameting 6 maanden"),
        _("Uitgestroomden van wie de nameting na 6 maanden is gedaan."),
    ),
    Figure(
        "fu6_working",
        _("Na 6 maanden aan het werk"),
        _("Van hen: aan het werk bij de nameting na 6 maanden."),
    ),
    Figure(
        "placements_running", _("Lopende plaatsingen"), _("Plaatsingen die op de peildatum lopen.")
    ),
    Figure(
        "cadence_kept",
        _("Terugkoppeling op tijd"),
        _(
            "Lopende plaatsingen zonder achterstallig terugkoppelgesprek (volgens het ritme van het programma)."
        ),
    ),
)
RATE_FIGURES: Final = (
    Figure(
        "retention12",
        _("Behoud na 12 maanden"),
        _("Na 12 maanden aan het werk / 12 maanden geleden gestart."),
    ),
    Figure("exits_work_share", _("Uitstroom naar werk"), _("Naar werk / uitgestroomd.")),
    Figure(
        "durable6",
        _("Duurzaam aan het werk"),
        _("Na 6 maanden aan het werk / nameting 6 maanden gedaan."),
    ),
    Figure(
        "cadence_share",
        _("Terugkoppelritme gehaald"),
        _("Terugkoppeling op tijd / lopende plaatsingen."),
    ),
)
YEAR_FIGURES: Final = (
    Figure(
        "cost_per_year",
        _("Kosten per deelnemerjaar"),
        _(
            "Bruto kosten van de business case (loon, fee, begeleiding, onderzoek, overig; LKS niet afgetrokken) gedeeld door de basisbaanmaanden, maal 12. Volle maanden tot de maand van de peildatum."
        ),
    ),
    Figure(
        "hours_per_year",
        _("Begeleidingsuren per deelnemerjaar"),
        _(
            "Geschreven begeleidingsuren gedeeld door de basisbaanmaanden, maal 12. Dezelfde maanden."
        ),
    ),
)
