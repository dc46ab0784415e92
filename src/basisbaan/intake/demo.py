"""Demo intake data: criteria, referrals, profiles, position profiles, people on the waiting list.

Called by :mod:`basisbaan.demo.loader` for each municipality, after its
participants and positions exist. Everything goes through the intake services,
so it is validated and audited like a user's input. The profiles are fictitious.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from basisbaan.hosts.models import Position
from basisbaan.intake.services import (
    conversation_record,
    criteria_set,
    intake_decide,
    position_profile_set,
    profile_set,
    referral_add,
    referral_create,
)
from basisbaan.intake.vocabulary import Decision
from basisbaan.participants.models import Participant
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality, User

D = dt.date
NO_DISPLACEMENT = (
    "Besproken met de organisatie: aanvullende taken naast het vaste team; er vervalt geen "
    "betaalde functie, vacature of vrijwilligersplek."
)

CRITERIA: dict[str, dict[str, Any]] = {
    "leeuwarden": {
        "min_months_on_assistance": 12,
        "min_age": 18,
        "max_age": 66,
        "transition_min_hours": Decimal("24"),
        "transition_min_language": "a2",
        "social_value_min_hours": Decimal("16"),
    },
    "emmen": {"min_months_on_assistance": 6, "min_age": 18, "max_age": 66},
}


def _profile(
    competences: str,
    sectors: str,
    interests: str,
    work: str,
    hours: str | None,
    km: int | None,
    means: str,
    language: str,
    constraints: str,
    support: int | None,
    tracks: str,
    motivation: str = "high",
) -> dict[str, Any]:
    """A profile from space-separated vocabulary codes (empty: not recorded)."""
    return {
        "competences": competences.split(),
        "preferred_sectors": sectors.split(),
        "interests": interests.split(),
        "preferred_work": work.split(),
        "hours_available": Decimal(hours) if hours else None,
        "travel_range_km": km,
        "travel_means": means,
        "language_level": language,
        "constraints": constraints.split(),
        "constraints_discussed": bool(language),
        "support_need": support,
        "tracks": tracks.split(),
        "motivation": motivation if language else "",
        "work_experience": "Eerder werk in de sector van voorkeur (demogegevens)."
        if language
        else "",
    }


P = _profile
# Keyed by last name (unique within each demo municipality).
PROFILES: dict[str, dict[str, Any]] = {
    # Leeuwarden, placed
    "Vries": P("physical teamwork reliable", "green", "sport", "outdoor", "32", 10, "bike", "native", "", 2, "transition"),
    "Hoekstra": P("reliable independent", "facility", "care", "cleaning", "28", 6, "ebike", "b1", "school_hours", 2, "transition"),
    "Visser": P("physical handy", "green", "technical", "outdoor odd_jobs", "36", 12, "bike", "native", "", 2, "transition"),
    "Amrani": P("customer caring hygiene", "care", "hospitality", "food people", "24", 5, "bike", "b1", "school_hours", 2, "transition social_value"),
    "Postma": P("physical reliable handy", "sport", "green", "outdoor", "32", 8, "bike", "native", "", 1, "transition"),
    "Meer": P("reliable accurate", "facility", "", "cleaning", "24", 6, "public", "native", "no_heavy_lifting", 2, "transition"),
    "Bakker": P("physical teamwork", "green", "", "outdoor", "36", 15, "ebike", "native", "", 2, "transition"),
    "Yıldız": P("physical handy teamwork", "sport", "technical", "odd_jobs outdoor", "32", 10, "public", "a2", "", 2, "transition"),
    "Dijkstra": P("physical reliable", "green", "", "outdoor", "28", 5, "bike", "native", "no_weekends", 2, "transition"),
    "Bosma": P("communication reliable handy", "community", "", "people odd_jobs", "32", 4, "bike", "native", "", 2, "social_value"),
    "Kuipers": P("communication caring", "community", "care", "people", "24", 3, "walk", "native", "no_evenings", 2, "social_value"),
    "Wijnsma": P("teamwork communication", "community", "education", "activities", "28", 5, "bike", "native", "no_weekends", 3, "social_value"),
    "Zijlstra": P("teamwork", "community", "green", "activities outdoor", "32", 4, "bike", "native", "", 3, "social_value"),
    "Haddou": P("customer computer accurate", "culture", "education", "host admin", "24", 8, "bike", "b2", "", 2, "social_value transition"),
    "Jansma": P("customer teamwork", "community", "hospitality", "host food", "30", 6, "bike", "native", "no_heavy_lifting", 2, "social_value"),
    "Smit": P("communication reliable", "community", "care", "people", "26", 5, "bike", "native", "school_hours", 2, "social_value"),
    # Leeuwarden, not placed: a complete profile, an incomplete one, intake and referred
    "Brouwer": P("physical reliable teamwork", "green", "sport", "outdoor", "32", 10, "bike", "native", "no_evenings", 2, "transition"),
    "Veenstra": P("customer caring", "care", "culture", "host people", None, None, "", "b1", "school_hours", None, "social_value"),
    "Benali": P("handy teamwork", "technical", "", "odd_jobs", "32", None, "public", "", "", None, ""),
    "Mulder": P("", "", "", "", None, None, "", "", "", None, ""),
    # Emmen
    "Kuiper": P("physical teamwork", "green", "", "outdoor", "32", 10, "bike", "native", "", 2, "transition"),
    "Lanting": P("communication reliable", "community", "", "people", "28", 5, "bike", "native", "school_hours", 2, "social_value"),
    "Nijboer": P("physical handy", "green", "technical", "outdoor", "36", 12, "car", "native", "", 1, "transition"),
    "Wubs": P("communication caring", "community", "care", "people", "24", 4, "walk", "b2", "", 2, "social_value"),
    "Steenbergen": P("physical teamwork", "green", "sport", "outdoor", "30", 10, "bike", "native", "", 2, "transition"),
    "Hemmes": P("customer caring", "community", "care", "people host", "24", 6, "bike", "b1", "no_evenings", 2, "social_value transition"),
}  # fmt: skip

# Position key -> (competences, sector, work types, supervision, accommodates, language)
POSITIONS: dict[str, tuple[str, str, str, int, str, str]] = {
    "oost-conciërge": ("communication reliable handy", "community", "people odd_jobs", 2, "no_evenings no_weekends", "a2"),
    "oost-ontmoeting": ("communication caring", "community", "people activities host", 2, "no_evenings no_weekends school_hours no_heavy_lifting", "a2"),
    "heechterp-activiteiten": ("teamwork communication", "community", "activities outdoor", 3, "no_weekends no_heavy_lifting", "a1"),
    "bieb-gastvrouw": ("customer computer accurate", "culture", "host admin", 2, "no_long_standing no_heavy_lifting step_free school_hours", "b1"),
    "sport-accommodatie": ("physical handy reliable", "sport", "outdoor odd_jobs", 2, "", "a2"),
    "sport-vrijwilligers": ("planning communication computer", "sport", "admin activities", 1, "no_heavy_lifting quiet", "b1"),
    "schakel-buurthuis": ("customer teamwork hygiene", "community", "host food", 2, "no_heavy_lifting", "a2"),
    "groen-medewerker": ("physical teamwork reliable", "green", "outdoor", 2, "fixed_hours no_evenings no_weekends", "a1"),
    "hofstee-facilitair": ("reliable independent handy", "facility", "cleaning odd_jobs", 2, "no_evenings fixed_hours", "a2"),
    "hofstee-restaurant": ("customer hygiene caring", "care", "food host people", 3, "school_hours no_heavy_lifting", "a2"),
    "emmen-conciërge": ("communication reliable", "community", "people odd_jobs", 2, "no_evenings", "a2"),
    "hondsrug-groen": ("physical teamwork", "green", "outdoor", 2, "fixed_hours", "a1"),
}  # fmt: skip

# Referrals of the participants who are not (yet) placed: source, date, priority.
REFERRALS: dict[str, tuple[str, dt.date, int]] = {
    "Brouwer": ("caseworker", D(2024, 11, 4), 2),
    "Veenstra": ("neighbourhood_team", D(2025, 1, 20), 2),
    "Benali": ("uwv", D(2025, 8, 12), 2),
    "Mulder": ("self", D(2025, 10, 6), 2),
    "Hemmes": ("caseworker", D(2025, 2, 3), 2),
}


@dataclass(frozen=True)
class Newcomer:
    """Someone referred after the intake stop, admitted to the waiting list."""

    first_name: str
    name_prefix: str
    last_name: str
    date_of_birth: dt.date
    household_type: str
    social_assistance_start: dt.date
    street: str
    postcode: str
    contact_person: str
    source: str
    referred_on: dt.date
    priority: int
    profile: dict[str, Any]


NEWCOMERS: tuple[Newcomer, ...] = (
    Newcomer("Ate", "", "Kooistra", D(1977, 5, 12), "single", D(2018, 4, 1),
             "Groningerstraatweg 80", "8922 AC", "consulent", "caseworker", D(2025, 9, 15), 1,
             P("physical reliable teamwork", "green", "", "outdoor", "32", 8, "bike", "native", "", 2, "transition")),
    Newcomer("Marije", "de", "Boer", D(1989, 8, 30), "single_parent", D(2021, 2, 1),
             "Bilgaardpark 14", "8926 BB", "jobcoach", "neighbourhood_team", D(2025, 6, 2), 2,
             P("customer caring hygiene", "care", "culture", "host people", "24", 6, "ebike", "b1", "school_hours", 1, "social_value transition")),
    Newcomer("Ahmed", "", "Karimi", D(1984, 2, 14), "couple_with_children", D(2017, 11, 1),
             "Vlietzone 3", "8936 CA", "consulent", "uwv", D(2025, 5, 12), 2,
             P("handy teamwork physical", "technical", "facility", "odd_jobs", "32", 10, "public", "a2", "no_heavy_lifting", 2, "transition")),
    Newcomer("Gerrit", "van", "Dam", D(1961, 7, 7), "single", D(2010, 5, 1),
             "Oranjewijk 22", "8932 DT", "jobcoach", "social_organisation", D(2025, 4, 1), 3,
             P("communication caring", "community", "culture", "people activities", "20", 3, "walk", "native", "no_long_standing quiet", 3, "social_value")),
)  # fmt: skip


def newcomer_count(slug: str) -> int:
    return len(NEWCOMERS) if slug == "leeuwarden" else 0


def load_intake_demo(
    *,
    municipality: Municipality,
    programme: Programme,
    positions: dict[str, Position],
    users: dict[str, User],
    bsns: Iterator[str],
    as_of: dt.date,
) -> None:
    """Criteria, position profiles, profiles and referrals, and (Leeuwarden) newcomers.

    A newcomer appears when referred on or before ``as_of`` (the BSN is taken
    either way, so every as-of day gives each person the same BSN); the intake
    conversation and the decision follow when their days have come.
    """
    criteria_set(programme=programme, actor=None, data=CRITERIA[municipality.slug])
    for key, position in positions.items():
        competences, sector, work, supervision, accommodates, language = POSITIONS[key]
        position_profile_set(
            position=position,
            actor=None,
            data={
                "required_competences": competences.split(),
                "sector": sector,
                "work_types": work.split(),
                "supervision_capacity": supervision,
                "accommodates": accommodates.split(),
                "language_required": language,
                "displacement_checked": True,
                "displacement_note": NO_DISPLACEMENT,
            },
        )
    # The programme's participants (Emmen's completed pilot has no intake profiles).
    for participant in Participant.objects.filter(municipality=municipality, programme=programme):
        profile_set(participant=participant, actor=None, data=PROFILES[participant.last_name])
        if participant.last_name in REFERRALS:
            source, referred_on, priority = REFERRALS[participant.last_name]
            referral_add(
                participant=participant,
                actor=None,
                data={"source": source, "referred_on": referred_on, "priority": priority},
            )
    if newcomer_count(municipality.slug):
        for person in NEWCOMERS:
            bsn = next(bsns)
            if person.referred_on <= as_of:
                _newcomer(municipality, programme, person, users, bsn, as_of)


def _newcomer(
    municipality: Municipality,
    programme: Programme,
    person: Newcomer,
    users: dict[str, User],
    bsn: str,
    as_of: dt.date,
) -> None:
    referral = referral_create(
        municipality=municipality,
        actor=None,
        programme=programme,
        referral={
            "source": person.source,
            "referred_on": person.referred_on,
            "priority": person.priority,
            "reason": "Wil graag aan het werk; heeft ervaring in de sector van voorkeur.",
        },
        contact_person=users[person.contact_person],
        bsn=bsn,
        first_name=person.first_name,
        name_prefix=person.name_prefix,
        last_name=person.last_name,
        date_of_birth=person.date_of_birth,
        household_type=person.household_type,
        social_assistance_start=person.social_assistance_start,
        street=person.street,
        postcode=person.postcode,
        city=municipality.name,
    )
    participant = referral.participant
    talk = person.referred_on + dt.timedelta(days=14)
    if talk > as_of:
        return
    conversation_record(
        participant=participant,
        actor=None,
        held_on=talk,
        summary="Kennismaking en intake: werkervaring, voorkeuren, uren en begeleiding besproken.",
    )
    profile_set(participant=participant, actor=None, data=person.profile)
    if talk + dt.timedelta(days=7) > as_of:
        return
    intake_decide(
        participant=participant,
        actor=None,
        decision=Decision.ADMITTED,
        reasoning="Voldoet aan de criteria en is gemotiveerd; wacht op een passende werkplek.",
        tracks=person.profile["tracks"],
        on=talk + dt.timedelta(days=7),
    )
