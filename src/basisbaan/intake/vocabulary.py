"""Controlled vocabularies of intake, profiles and matching.

Profiles and positions pick from these lists instead of typing free text, so
that matching is exact and every score can be explained in the same words.
Constraints are *categories that affect work*, never medical details (data
minimisation): the form says so too.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Competence(models.TextChoices):
    TEAMWORK = "teamwork", _("Samenwerken")
    INDEPENDENT = "independent", _("Zelfstandig werken")
    CUSTOMER = "customer", _("Klantvriendelijk")
    ACCURATE = "accurate", _("Nauwkeurig")
    PHYSICAL = "physical", _("Lichamelijk werk aankunnen")
    HANDY = "handy", _("Technisch handig")
    COMPUTER = "computer", _("Werken met de computer")
    DRIVING_LICENCE = "driving_licence", _("Rijbewijs B")
    HYGIENE = "hygiene", _("Hygiënisch werken")
    PLANNING = "planning", _("Plannen en organiseren")
    COMMUNICATION = "communication", _("Communicatief")
    CARING = "caring", _("Zorgzaam")
    RELIABLE = "reliable", _("Afspraken nakomen")
    CHILDREN = "children", _("Omgaan met kinderen")


class Sector(models.TextChoices):
    GREEN = "green", _("Groen en openbare ruimte")
    CARE = "care", _("Zorg en welzijn")
    SPORT = "sport", _("Sport")
    CULTURE = "culture", _("Cultuur en bibliotheek")
    HOSPITALITY = "hospitality", _("Horeca en catering")
    FACILITY = "facility", _("Schoonmaak en facilitair")
    TECHNICAL = "technical", _("Techniek en onderhoud")
    LOGISTICS = "logistics", _("Logistiek")
    EDUCATION = "education", _("Onderwijs en kinderopvang")
    COMMUNITY = "community", _("Buurtwerk")


class WorkType(models.TextChoices):
    OUTDOOR = "outdoor", _("Buiten werken")
    PEOPLE = "people", _("Werken met mensen")
    HANDS = "hands", _("Met de handen werken")
    HOST = "host", _("Gastvrouw of gastheer")
    CLEANING = "cleaning", _("Schoonmaken")
    ODD_JOBS = "odd_jobs", _("Klussen en onderhoud")
    ADMIN = "admin", _("Administratief werk")
    FOOD = "food", _("Koken en serveren")
    ACTIVITIES = "activities", _("Activiteiten begeleiden")
    WAREHOUSE = "warehouse", _("Magazijn en sorteren")


class ConstraintCategory(models.TextChoices):
    NO_LONG_STANDING = "no_long_standing", _("Niet lang staan")
    NO_HEAVY_LIFTING = "no_heavy_lifting", _("Niet zwaar tillen")
    NO_EVENINGS = "no_evenings", _("Geen avonddiensten")
    NO_WEEKENDS = "no_weekends", _("Geen weekenddiensten")
    SCHOOL_HOURS = "school_hours", _("Werken onder schooltijden")
    FIXED_HOURS = "fixed_hours", _("Vaste werktijden")
    QUIET = "quiet", _("Rustige werkomgeving")
    STEP_FREE = "step_free", _("Drempelvrij (geen trappen)")
    SHORT_DAYS = "short_days", _("Korte werkdagen")


class LanguageLevel(models.TextChoices):
    """Dutch language level: CEFR A1..C2, or Dutch as mother tongue."""

    A1 = "a1", _("A1")
    A2 = "a2", _("A2")
    B1 = "b1", _("B1")
    B2 = "b2", _("B2")
    C1 = "c1", _("C1")
    C2 = "c2", _("C2")
    NATIVE = "native", _("Nederlands: moedertaal")


# The order matching and eligibility compare levels in.
LANGUAGE_ORDINAL: dict[str, int] = {level.value: i for i, level in enumerate(LanguageLevel, 1)}


class TravelMeans(models.TextChoices):
    WALK = "walk", _("Te voet")
    BIKE = "bike", _("Fiets")
    EBIKE = "ebike", _("E-bike of scooter")
    PUBLIC = "public", _("Openbaar vervoer")
    CAR = "car", _("Auto")


# The travel range assumed for a means of travel when the profile gives none (km,
# one way, about 30 minutes): a reasonable default, shown as such; the caseworker
# records the participant's own range when it differs.
DEFAULT_RANGE_KM: dict[str, int] = {
    TravelMeans.WALK: 2,
    TravelMeans.BIKE: 8,
    TravelMeans.EBIKE: 12,
    TravelMeans.PUBLIC: 15,
    TravelMeans.CAR: 25,
}


class Level(models.IntegerChoices):
    """Support a participant needs, and supervision a position can give."""

    LIGHT = 1, _("Licht")
    REGULAR = 2, _("Regelmatig")
    INTENSIVE = 3, _("Intensief")


class Motivation(models.TextChoices):
    HIGH = "high", _("Sterk gemotiveerd")
    FAIR = "fair", _("Gemotiveerd")
    DOUBTS = "doubts", _("Twijfelt nog")


class ReferralSource(models.TextChoices):
    CASEWORKER = "caseworker", _("Consulent Werk en Inkomen")
    NEIGHBOURHOOD_TEAM = "neighbourhood_team", _("Wijkteam")
    UWV = "uwv", _("UWV")
    SELF = "self", _("Eigen aanmelding")
    SOCIAL_ORGANISATION = "social_organisation", _("Maatschappelijke organisatie")
    OTHER = "other", _("Anders")


class Priority(models.IntegerChoices):
    HIGH = 1, _("Hoog")
    NORMAL = 2, _("Normaal")
    LOW = 3, _("Laag")


class Decision(models.TextChoices):
    ADMITTED = "admitted", _("Toegelaten")
    REJECTED = "rejected", _("Niet toegelaten")


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Voorgesteld")
    WAITING = "waiting", _("Wacht: instroom gesloten")
    PLACED = "placed", _("Geplaatst")
    WITHDRAWN = "withdrawn", _("Ingetrokken")


VOCABULARIES: dict[str, type[models.TextChoices]] = {
    "competences": Competence,
    "required_competences": Competence,
    "interests": Sector,
    "preferred_sectors": Sector,
    "preferred_work": WorkType,
    "work_types": WorkType,
    "constraints": ConstraintCategory,
    "accommodates": ConstraintCategory,
}
