"""ESF+ registration: the choices (mirroring :mod:`basisbaan.calc.esf`), the
indicator codes with their confidence, and the editable fields per record.

Definitions and file formats: docs/region-esf.md (part 2); facts: domain-facts-2 § 4.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from basisbaan.calc import esf as calc


class LabourStatus(models.TextChoices):
    UNEMPLOYED = calc.Status.UNEMPLOYED.value, _("Werkloos")
    LONG_TERM_UNEMPLOYED = calc.Status.LONG_TERM_UNEMPLOYED.value, _("Langdurig werkloos")
    INACTIVE = calc.Status.INACTIVE.value, _("Inactief (niet op zoek naar werk)")
    EMPLOYED = calc.Status.EMPLOYED.value, _("Werkend, ook als zelfstandige")


class Education(models.TextChoices):
    ISCED_0_2 = calc.Education.ISCED_0_2.value, _("ISCED 0-2 (tot en met vmbo, mbo 1)")
    ISCED_3_4 = calc.Education.ISCED_3_4.value, _("ISCED 3-4 (havo, vwo, mbo 2-4)")
    ISCED_5_8 = calc.Education.ISCED_5_8.value, _("ISCED 5-8 (hbo, wo)")


class Gender(models.TextChoices):
    WOMAN = calc.Gender.WOMAN.value, _("Vrouw")
    MAN = calc.Gender.MAN.value, _("Man")
    NON_BINARY = calc.Gender.NON_BINARY.value, _("Non-binair")


class Answer(models.TextChoices):
    YES = calc.Answer.YES.value, _("Ja")
    NO = calc.Answer.NO.value, _("Nee")
    UNKNOWN = calc.Answer.UNKNOWN.value, _("Wil niet zeggen of onbekend")


class EventKind(models.TextChoices):
    JOB_SEARCHING = calc.EventKind.JOB_SEARCHING.value, _("Zoekt werk")
    EDUCATION = calc.EventKind.EDUCATION.value, _("Volgt onderwijs of opleiding")
    EMPLOYED = calc.EventKind.EMPLOYED.value, _("Heeft werk, ook als zelfstandige")
    INACTIVE = calc.EventKind.INACTIVE.value, _("Geen van deze (inactief)")
    QUALIFICATION = calc.EventKind.QUALIFICATION.value, _("Heeft een kwalificatie behaald")


class Confidence(models.TextChoices):
    CONFIRMED = "confirmed", _("bevestigd")
    HIGH = "high", _("hoog")
    MEDIUM = "medium", _("middel (standaardnummering, niet gezien)")
    LOW = "low", _("laag (nummering niet bevestigd)")


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    label: Promise
    confidence: str

    @property
    def confirmed(self) -> bool:
        return self.confidence in (Confidence.CONFIRMED, Confidence.HIGH)


# Reg. (EU) 2021/1057 Annex I, with the confidence in the code (domain-facts-2 § 4.1).
INDICATORS: Final = (
    Indicator("EECO01", _("Werklozen, ook langdurig werklozen"), Confidence.MEDIUM),
    Indicator("EECO02", _("Langdurig werklozen"), Confidence.CONFIRMED),
    Indicator("EECO03", _("Inactieven"), Confidence.MEDIUM),
    Indicator("EECO04", _("Werkenden, ook zelfstandigen"), Confidence.MEDIUM),
    Indicator("EECO05", _("Jonger dan 18 jaar"), Confidence.MEDIUM),
    Indicator("EECO06", _("18 tot en met 29 jaar"), Confidence.MEDIUM),
    Indicator("EECO07", _("55 jaar en ouder"), Confidence.MEDIUM),
    Indicator("EECO08", _("Onderwijs ISCED 0-2"), Confidence.MEDIUM),
    Indicator("EECO09", _("Onderwijs ISCED 3-4"), Confidence.MEDIUM),
    Indicator("EECO10", _("Onderwijs ISCED 5-8"), Confidence.MEDIUM),
    Indicator("EECO11", _("Deelnemers totaal"), Confidence.MEDIUM),
    Indicator("EECO12", _("Deelnemers met een beperking"), Confidence.CONFIRMED),
    Indicator("EECO13", _("Onderdanen van derde landen"), Confidence.LOW),
    Indicator("EECO14", _("Deelnemers met een buitenlandse achtergrond"), Confidence.LOW),
    Indicator("EECO15", _("Minderheden (ook Roma)"), Confidence.LOW),
    Indicator("EECO16", _("Dakloos of uitgesloten van huisvesting"), Confidence.LOW),
    Indicator("EECO17", _("Uit plattelandsgebieden"), Confidence.LOW),
    Indicator("EECR01", _("Zoekt werk bij vertrek (binnen 4 weken)"), Confidence.HIGH),
    Indicator("EECR02", _("In onderwijs of opleiding bij vertrek"), Confidence.MEDIUM),
    Indicator("EECR03", _("Kwalificatie behaald bij vertrek"), Confidence.MEDIUM),
    Indicator("EECR04", _("Werkt bij vertrek, ook als zelfstandige"), Confidence.HIGH),
    Indicator("EECR05", _("Werkt zes maanden na vertrek"), Confidence.MEDIUM),
)
assert tuple(i.code for i in INDICATORS) == calc.INDICATOR_CODES

# The answers of EECO13-17 on a registration, by field.
OTHER_FIELDS: Final = tuple(name for name, _code in calc.OTHER_CODES)

OPERATION_FIELDS: Final = (
    "co_financed",
    "reference",
    "start_date",
    "end_date",
    "target_group",
    "birth_date_needed",
    "note",
)
REGISTRATION_FIELDS: Final = (
    "entry_date",
    "labour_status",
    "education",
    "disability",
    "gender",
    *OTHER_FIELDS,
    "target_group_evidence",
    "activities",
    "leaving_date",
)
EVENT_FIELDS: Final = ("date", "kind", "note")
STAFF_RATE_FIELDS: Final = ("staff", "valid_from", "annual_cost", "part_time_factor", "source")

# The follow-up measurement the six-month result (EECR05) is read from.
SIX_MONTH_FOLLOW_UP: Final = calc.SIX_MONTHS
