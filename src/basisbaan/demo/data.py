"""The demo data: Leeuwarden's basisbaan pilot as its council letter of 2025
describes it, and a small synthetic programme in Emmen.

Every person and organisation here is fictitious. The figures that come from
the letter (16 participants at work, 6 of them with wage-cost subsidy, the
pilot 2023-2026, inflow from the second half of 2024, intake stopped for
budget reasons, contracts of two half-year periods, payroll by Caparis) are
kept as the letter gives them.

This module only describes the data; :mod:`basisbaan.demo.loader` writes it
through the apps' services.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from basisbaan.hosts.constants import HostKind, Track
from basisbaan.participants.constants import ExitReason, HouseholdType, ParticipantStatus
from basisbaan.tenancy.roles import Role

D = dt.date

# The day of the council letter's situation: the earliest day the demo can be
# loaded "as of" (``load_demo --as-of``). Everything before it is the letter's
# story and fixed; after it the demo goes on month by month up to the as-of day.
LETTER_DATE = D(2025, 6, 30)

# ---------------------------------------------------------------------------
# Statutory minimum wage (WML), gross per hour, age 21 and over.
# Source: Rijksoverheid, WML per datum (see /work/shared/domain-facts.md, 2.1).
# The WML is hourly by law since 1 January 2024. 1 July 2026 is not yet known:
# the last known figure stays in force until a newer row is added.
# A later issue moves these figures into dated parameter tables.
# ---------------------------------------------------------------------------
MINIMUM_WAGE_SOURCE = "Rijksoverheid, WML per datum (bruto uurloon, 21 jaar en ouder)"
MINIMUM_WAGE_HOURLY: tuple[tuple[dt.date, Decimal], ...] = (
    (D(2024, 1, 1), Decimal("13.27")),
    (D(2024, 7, 1), Decimal("13.68")),
    (D(2025, 1, 1), Decimal("14.06")),
    (D(2025, 7, 1), Decimal("14.40")),
    (D(2026, 1, 1), Decimal("14.71")),
)


def minimum_wage_on(day: dt.date) -> Decimal:
    """The hourly minimum wage in force on ``day`` (from the table above)."""
    wage: Decimal | None = None
    for start, amount in MINIMUM_WAGE_HOURLY:
        if start <= day:
            wage = amount
    if wage is None:
        raise ValueError(f"No hourly minimum wage known for {day:%Y-%m-%d}.")
    return wage


def minimum_wage_for_period(start: dt.date, end: dt.date) -> Decimal:
    """The lowest hourly wage a contract period ``start..end`` may have: the highest
    minimum wage in force on any of its days (the services refuse less)."""
    rises = [amount for day, amount in MINIMUM_WAGE_HOURLY if start < day <= end]
    return max([minimum_wage_on(start), *rises])


# ---------------------------------------------------------------------------
# Shapes of the data
# ---------------------------------------------------------------------------
DEMO_PASSWORD = "demo"  # noqa: S105 - a documented demo password, never in production
# The demo user who shows the second factor: password "demo" plus a code from an
# authenticator app set up with this fixed, published secret (base32).
DEMO_TOTP_USER = "consulent-2fa"
DEMO_TOTP_SECRET = "JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP"  # noqa: S105 - published demo secret


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    municipality: str  # slug
    is_staff: bool = False
    # A national administrator: sets the national figures for every municipality.
    national_admin: bool = False


@dataclass(frozen=True)
class DemoPosition:
    key: str
    title: str
    tasks: str
    hours_per_week: Decimal
    track: Track
    places: int


@dataclass(frozen=True)
class DemoHost:
    name: str
    kind: HostKind
    street: str
    postcode: str
    city: str
    contact_name: str
    contact_role: str
    positions: tuple[DemoPosition, ...]
    notes: str = "Fictieve organisatie (demogegevens)."


@dataclass(frozen=True)
class DemoLeave:
    """A participant who leaves: the contract is not renewed after period
    ``after_period`` (1 = the first), the placement ends with it and the
    participant exits for ``exit_reason``."""

    after_period: int
    reason: str
    exit_reason: ExitReason


@dataclass(frozen=True)
class DemoPlacement:
    position: str  # DemoPosition.key
    start: dt.date
    hours_per_week: Decimal
    wage_subsidy: bool
    leave: DemoLeave | None = None


@dataclass(frozen=True)
class DemoParticipant:
    first_name: str
    name_prefix: str
    last_name: str
    date_of_birth: dt.date
    household_type: HouseholdType
    social_assistance_start: dt.date | None  # None: not on social assistance (no savings)
    street: str
    postcode: str
    contact_person: str  # DemoUser.username
    status: ParticipantStatus = ParticipantStatus.PLACED
    placement: DemoPlacement | None = None


@dataclass(frozen=True)
class DemoProgramme:
    name: str
    slug: str
    description: str
    start_date: dt.date
    end_date: dt.date
    contract_period_months: int
    employer_name: str  # the legal employer on every contract (payroll party)
    # Every contract is renewed when its period ends (clipped to the programme's
    # end), as the letter expects; where the chain rule would make a fixed-term
    # renewal permanent by law, the decision is a permanent contract to the
    # programme's end instead. The decision is taken, and the notice sent,
    # ``notice_weeks`` before the period ends (None: on the legal deadline, one
    # month before the end).
    notice_weeks: int | None = 6
    intake_closed_reason: str = ""  # empty: intake stays open


@dataclass(frozen=True)
class DemoMunicipality:
    name: str
    slug: str
    cbs_code: str
    city: str
    programme: DemoProgramme
    hosts: tuple[DemoHost, ...]
    participants: tuple[DemoParticipant, ...] = field(default=())


def _pos(key: str, title: str, tasks: str, hours: str, track: Track, places: int) -> DemoPosition:
    return DemoPosition(key, title, tasks, Decimal(hours), track, places)


def _placed(
    first: str,
    prefix: str,
    last: str,
    born: dt.date,
    household: HouseholdType,
    assistance_since: dt.date,
    address: tuple[str, str],
    contact: str,
    placement: tuple[str, dt.date, str, bool],
    leave: DemoLeave | None = None,
) -> DemoParticipant:
    position, start, hours, subsidy = placement
    return DemoParticipant(
        first,
        prefix,
        last,
        born,
        household,
        assistance_since,
        address[0],
        address[1],
        contact,
        ParticipantStatus.PLACED,
        DemoPlacement(position, start, Decimal(hours), subsidy, leave),
    )


def _unplaced(
    first: str,
    prefix: str,
    last: str,
    born: dt.date,
    household: HouseholdType,
    assistance_since: dt.date,
    address: tuple[str, str],
    contact: str,
    status: ParticipantStatus,
) -> DemoParticipant:
    return DemoParticipant(
        first,
        prefix,
        last,
        born,
        household,
        assistance_since,
        address[0],
        address[1],
        contact,
        status,
    )


H = HouseholdType
T = Track

# ---------------------------------------------------------------------------
# Users (password "demo" for all)
# ---------------------------------------------------------------------------
USERS: tuple[DemoUser, ...] = (
    DemoUser("consulent", "Anna", "Hiemstra", Role.CASEWORKER, "leeuwarden"),
    DemoUser("jobcoach", "Pieter", "Wouda", Role.JOBCOACH, "leeuwarden"),
    DemoUser("programmamanager", "Froukje", "Boersma", Role.PROGRAMME_MANAGER, "leeuwarden"),
    DemoUser("controller", "Erik", "Kramer", Role.CONTROLLER, "leeuwarden"),
    DemoUser("onderzoeker", "Lotte", "Schaap", Role.RESEARCHER, "leeuwarden"),
    DemoUser("beheerder", "Bart", "Terpstra", Role.FUNCTIONAL_ADMIN, "leeuwarden", is_staff=True),
    DemoUser("lezer", "Sanne", "Koopmans", Role.READ_ONLY, "leeuwarden"),
    DemoUser("consulent-2", "Mirjam", "Hadders", Role.CASEWORKER, "emmen"),
    # Coaches the Emmen pilot's participants with her (demo/pilot.py).
    DemoUser("jobcoach-2", "Henk", "Oosting", Role.JOBCOACH, "emmen"),
    # Signs in with password and a code (DEMO_TOTP_SECRET): the second factor shown.
    DemoUser(DEMO_TOTP_USER, "Jelle", "Postma", Role.CASEWORKER, "leeuwarden"),
    # Pseudonymised data only in Leeuwarden (to open the pages); the national figures.
    DemoUser(
        "landelijkbeheer", "Noor", "Visser", Role.RESEARCHER, "leeuwarden", national_admin=True
    ),
    # Groningen (demo/groningen.py): its programme manager and two of its coaches.
    DemoUser("programmamanager-3", "Ingeborg", "Wieringa", Role.PROGRAMME_MANAGER, "groningen"),
    DemoUser("consulent-3", "Jeroen", "Hut", Role.CASEWORKER, "groningen"),
    DemoUser("jobcoach-3", "Fenna", "Kloosterhuis", Role.JOBCOACH, "groningen"),
)

# ---------------------------------------------------------------------------
# Leeuwarden: the pilot of the council letter
# ---------------------------------------------------------------------------
LEEUWARDEN_INTAKE_CLOSED_REASON = (
    "Instroom gestopt om budgettaire redenen: de loonkosten zijn sterk gestegen en er is "
    "meer begeleiding per deelnemer nodig dan voorzien."
)

DENNIS_LEAVES = (
    "Niet verlengd: de deelnemer gaat per 1 oktober 2025 in vaste dienst bij "
    "Fryslân Groenonderhoud B.V. (doorstroom naar regulier werk)."
)
EMRE_LEAVES = (
    "Niet verlengd op verzoek van de deelnemer: hij stopt per 1 mei 2026 met de basisbaan "
    "(eigen keuze: het werk past niet naast de zorg voor zijn gezin)."
)

LEEUWARDEN = DemoMunicipality(
    name="Leeuwarden",
    slug="leeuwarden",
    cbs_code="GM0080",
    city="Leeuwarden",
    programme=DemoProgramme(
        name="Pilot basisbanen 2023-2026",
        slug="pilot-2023-2026",
        description=(
            "Pilot uit het coalitieakkoord 2022-2026: betaald, maatschappelijk nuttig werk voor "
            "inwoners met een grote afstand tot de arbeidsmarkt. Twee sporen: doorstroom naar "
            "regulier werk bij werkgevers, en maatschappelijke waarde bij wijkteams. Budget "
            "€ 500.000 per jaar (taakveld Arbeidsparticipatie, programma Bestaanszekerheid); "
            "verloning door Caparis; contracten van twee periodes van een half jaar."
        ),
        start_date=D(2023, 1, 1),
        end_date=D(2026, 12, 31),
        contract_period_months=6,
        employer_name="Caparis",
        intake_closed_reason=LEEUWARDEN_INTAKE_CLOSED_REASON,
    ),
    hosts=(
        DemoHost(
            "Wijkteam Leeuwarden-Oost",
            HostKind.NEIGHBOURHOOD_TEAM,
            "Kalverdijkje 50",
            "8924 AB",
            "Leeuwarden",
            "Marieke Hofstra",
            "Coördinator wijkteam",
            (
                _pos(
                    "oost-conciërge",
                    "Buurtconciërge",
                    "Aanspreekpunt in de buurt, kleine klussen, signaleren en doorverwijzen.",
                    "32",
                    T.SOCIAL_VALUE,
                    3,
                ),
                _pos(
                    "oost-ontmoeting",
                    "Medewerker ontmoeting",
                    "Koffieochtenden en activiteiten voor ouderen in de wijk.",
                    "24",
                    T.SOCIAL_VALUE,
                    1,
                ),
            ),
        ),
        DemoHost(
            "Wijkteam Heechterp-Schieringen",
            HostKind.NEIGHBOURHOOD_TEAM,
            "Valeriusstraat 2",
            "8921 CD",
            "Leeuwarden",
            "Rients van der Zee",
            "Wijkwerker",
            (
                _pos(
                    "heechterp-activiteiten",
                    "Medewerker buurtactiviteiten",
                    "Helpen bij buurtactiviteiten, de buurttuin en het wijkcentrum.",
                    "28",
                    T.SOCIAL_VALUE,
                    2,
                ),
            ),
        ),
        DemoHost(
            "Bibliotheek Leeuwarden-Oost",
            HostKind.SOCIAL_ORGANISATION,
            "Oostergoweg 10",
            "8932 EF",
            "Leeuwarden",
            "Hanneke Sikkema",
            "Teamleider publieksdienst",
            (
                _pos(
                    "bieb-gastvrouw",
                    "Gastvrouw/gastheer bibliotheek",
                    "Bezoekers ontvangen, boeken terugzetten, helpen bij het digitaal spreekuur.",
                    "24",
                    T.SOCIAL_VALUE,
                    2,
                ),
            ),
        ),
        DemoHost(
            "Sportvereniging Oostergo",
            HostKind.SOCIAL_ORGANISATION,
            "Sportlaan 4",
            "8925 GH",
            "Leeuwarden",
            "Jan Kingma",
            "Bestuurslid accommodatie",
            (
                _pos(
                    "sport-accommodatie",
                    "Medewerker accommodatiebeheer",
                    "Onderhoud van velden en kleedkamers, materiaalbeheer, kantinedienst.",
                    "32",
                    T.TRANSITION,
                    2,
                ),
                _pos(
                    "sport-vrijwilligers",
                    "Assistent vrijwilligerscoördinator",
                    "Roosters van vrijwilligers, jeugdactiviteiten ondersteunen.",
                    "24",
                    T.SOCIAL_VALUE,
                    1,
                ),
            ),
        ),
        DemoHost(
            "Buurthuis De Schakel",
            HostKind.SOCIAL_ORGANISATION,
            "Schakelstraat 7",
            "8913 JK",
            "Leeuwarden",
            "Ellen de Jong",
            "Beheerder buurthuis",
            (
                _pos(
                    "schakel-buurthuis",
                    "Medewerker buurthuis",
                    "Gastvrouw/gastheer, zalen klaarzetten, hulp bij de maaltijd voor buurtbewoners.",
                    "30",
                    T.SOCIAL_VALUE,
                    1,
                ),
            ),
        ),
        DemoHost(
            "Fryslân Groenonderhoud B.V.",
            HostKind.EMPLOYER,
            "Industrieweg 21",
            "8938 LM",
            "Leeuwarden",
            "Douwe Faber",
            "Uitvoerder",
            (
                _pos(
                    "groen-medewerker",
                    "Medewerker groenonderhoud",
                    "Onderhoud van openbaar groen, zwerfafval, snoeiwerk onder begeleiding.",
                    "32",
                    T.TRANSITION,
                    5,
                ),
            ),
        ),
        DemoHost(
            "Zorgcentrum De Hofstee",
            HostKind.EMPLOYER,
            "Hofsteelaan 3",
            "8915 NP",
            "Leeuwarden",
            "Ria Nauta",
            "Leidinggevende facilitaire dienst",
            (
                _pos(
                    "hofstee-facilitair",
                    "Medewerker facilitaire dienst",
                    "Linnen, post, boodschappen en kleine technische klussen in het zorgcentrum.",
                    "28",
                    T.TRANSITION,
                    2,
                ),
                _pos(
                    "hofstee-restaurant",
                    "Gastvrouw/gastheer restaurant",
                    "Maaltijden serveren, koffie rondbrengen, gezelschap voor bewoners.",
                    "24",
                    T.TRANSITION,
                    2,
                ),
            ),
        ),
    ),
    participants=(
        # Transition track (9): employers and the sports club.
        _placed("Sjoerd", "de", "Vries", D(1971, 3, 14), H.SINGLE, D(2016, 5, 1),
                ("Tuinstraat 12", "8921 AA"), "jobcoach",
                ("groen-medewerker", D(2024, 7, 1), "32", True)),
        _placed("Baukje", "", "Hoekstra", D(1983, 11, 2), H.SINGLE_PARENT, D(2019, 2, 1),
                ("Molenweg 4", "8932 BB"), "consulent",
                ("hofstee-facilitair", D(2024, 7, 15), "28", False)),
        _placed("Marco", "", "Visser", D(1979, 6, 23), H.SINGLE, D(2014, 9, 1),
                ("Lindelaan 33", "8924 CC"), "jobcoach",
                ("groen-medewerker", D(2024, 8, 1), "36", True)),
        _placed("Fatima", "el", "Amrani", D(1988, 1, 30), H.COUPLE_WITH_CHILDREN, D(2020, 3, 1),
                ("Berkenstraat 8", "8913 DD"), "consulent",
                ("hofstee-restaurant", D(2024, 8, 15), "24", False)),
        _placed("Jelle", "", "Postma", D(1992, 9, 9), H.SINGLE, D(2018, 1, 1),
                ("Sluisweg 19", "8925 EE"), "jobcoach",
                ("sport-accommodatie", D(2024, 9, 1), "30", False)),
        _placed("Petra", "van der", "Meer", D(1968, 4, 17), H.COUPLE, D(2015, 11, 1),
                ("Eikenlaan 2", "8915 FF"), "consulent",
                ("hofstee-facilitair", D(2024, 9, 16), "24", True)),
        _placed("Dennis", "", "Bakker", D(1986, 12, 5), H.SINGLE, D(2017, 6, 1),
                ("Havenstraat 41", "8938 GG"), "jobcoach",
                ("groen-medewerker", D(2024, 10, 1), "36", False),
                # After the letter: the transition track doing what it is for.
                DemoLeave(2, DENNIS_LEAVES, ExitReason.REGULAR_WORK_HOST)),
        _placed("Emre", "", "Yıldız", D(1990, 7, 21), H.COUPLE_WITH_CHILDREN, D(2021, 4, 1),
                ("Wilgenstraat 6", "8921 HH"), "consulent",
                ("sport-accommodatie", D(2024, 11, 1), "32", False),
                # After the letter: drops out on his own choice at the end of his third
                # period (30-04-2026); no LKS, so the letter's 6 with LKS stay.
                DemoLeave(3, EMRE_LEAVES, ExitReason.OWN_CHOICE)),
        _placed("Wietske", "", "Dijkstra", D(1975, 2, 8), H.SINGLE_PARENT, D(2013, 8, 1),
                ("Kanaalweg 27", "8932 JJ"), "jobcoach",
                # Started 1 October, not 1 December: with Caparis's pension and fee
                # (demo/payroll_files.py) this brings the 2024 costs to the letter's
                # EUR 162,000 (tests/demo/loaded/test_costs.py).
                ("groen-medewerker", D(2024, 10, 1), "28", True)),
        # Social-value track (7): neighbourhood teams and social organisations.
        _placed("Geert", "", "Bosma", D(1966, 10, 12), H.SINGLE, D(2012, 3, 1),
                ("Dorpsstraat 3", "8924 KK"), "consulent",
                ("oost-conciërge", D(2024, 7, 1), "32", False)),
        _placed("Anneke", "", "Kuipers", D(1973, 5, 28), H.COUPLE, D(2016, 10, 1),
                ("Rozenstraat 15", "8924 LL"), "jobcoach",
                ("oost-conciërge", D(2024, 8, 1), "24", True)),
        _placed("Tjitske", "", "Wijnsma", D(1981, 8, 3), H.SINGLE_PARENT, D(2018, 7, 1),
                ("Schoolstraat 21", "8921 MM"), "consulent",
                ("heechterp-activiteiten", D(2024, 9, 1), "28", False)),
        _placed("Ruud", "", "Zijlstra", D(1964, 1, 19), H.SINGLE, D(2011, 1, 1),
                ("Kerkstraat 9", "8921 NN"), "jobcoach",
                ("heechterp-activiteiten", D(2024, 10, 1), "32", False)),
        _placed("Samira", "", "Haddou", D(1994, 3, 6), H.SINGLE, D(2020, 9, 1),
                ("Parkweg 44", "8932 PP"), "consulent",
                ("bieb-gastvrouw", D(2024, 10, 15), "24", True)),
        _placed("Klaas", "", "Jansma", D(1970, 11, 25), H.OTHER, D(2015, 4, 1),
                ("Stationsweg 18", "8913 RR"), "jobcoach",
                ("schakel-buurthuis", D(2024, 11, 1), "30", False)),
        _placed("Ingrid", "", "Smit", D(1978, 6, 11), H.COUPLE_WITH_CHILDREN, D(2019, 12, 1),
                ("Zuiderweg 5", "8924 ST"), "consulent",
                # Started 1 October, not 1 December: see Wietske Dijkstra above.
                ("oost-conciërge", D(2024, 10, 1), "26", False)),
        # Not placed: two on the waiting list, one in intake, one just referred.
        _unplaced("Hendrik", "", "Brouwer", D(1969, 9, 30), H.SINGLE, D(2014, 2, 1),
                  ("Noorderweg 11", "8913 TT"), "consulent", ParticipantStatus.WAITING),
        _unplaced("Nicole", "", "Veenstra", D(1985, 4, 4), H.SINGLE_PARENT, D(2021, 6, 1),
                  ("Vijverstraat 23", "8915 VV"), "jobcoach", ParticipantStatus.WAITING),
        _unplaced("Youssef", "", "Benali", D(1991, 12, 17), H.COUPLE, D(2022, 1, 1),
                  ("Beukenlaan 30", "8932 WW"), "consulent", ParticipantStatus.INTAKE),
        _unplaced("Lisa", "", "Mulder", D(1996, 2, 22), H.SINGLE, D(2023, 5, 1),
                  ("Esdoornstraat 14", "8938 XX"), "jobcoach", ParticipantStatus.REFERRED),
    ),
)  # fmt: skip

# ---------------------------------------------------------------------------
# Emmen: a small synthetic programme, so tenant separation and a regional
# view can be shown. (The letter only says Emmen has realised 50 basisbanen.)
# ---------------------------------------------------------------------------
EMMEN = DemoMunicipality(
    name="Emmen",
    slug="emmen",
    cbs_code="GM0114",
    city="Emmen",
    programme=DemoProgramme(
        name="Basisbanen Emmen",
        slug="basisbanen-emmen",
        description="Synthetisch demoprogramma met contracten van een jaar; de instroom is open.",
        start_date=D(2024, 1, 1),
        end_date=D(2027, 12, 31),
        contract_period_months=12,
        employer_name="Gemeente Emmen",
        notice_weeks=None,
    ),
    hosts=(
        DemoHost(
            "Wijkteam Emmen-Centrum",
            HostKind.NEIGHBOURHOOD_TEAM,
            "Marktplein 1",
            "7811 AA",
            "Emmen",
            "Gerrit Lubbers",
            "Coördinator wijkteam",
            (
                _pos(
                    "emmen-conciërge",
                    "Buurtconciërge",
                    "Aanspreekpunt in de wijk, kleine klussen, ontmoeting organiseren.",
                    "32",
                    T.SOCIAL_VALUE,
                    3,
                ),
            ),
        ),
        DemoHost(
            "Hondsrug Groen en Schoon",
            HostKind.EMPLOYER,
            "Bedrijvenpark 12",
            "7821 BB",
            "Emmen",
            "Marco Hadders",
            "Voorman",
            (
                _pos(
                    "hondsrug-groen",
                    "Medewerker openbare ruimte",
                    "Groenonderhoud, zwerfafval en kleine reparaties in de openbare ruimte.",
                    "32",
                    T.TRANSITION,
                    4,
                ),
            ),
        ),
    ),
    participants=(
        _placed("Harm", "", "Kuiper", D(1972, 5, 3), H.SINGLE, D(2017, 3, 1),
                ("Hoofdstraat 20", "7811 CC"), "consulent-2",
                ("hondsrug-groen", D(2025, 2, 1), "32", False)),
        _placed("Gerda", "", "Lanting", D(1980, 10, 14), H.SINGLE_PARENT, D(2019, 8, 1),
                ("Julianastraat 7", "7811 DD"), "consulent-2",
                ("emmen-conciërge", D(2025, 3, 1), "28", True)),
        _placed("Bert", "", "Nijboer", D(1967, 1, 9), H.COUPLE, D(2013, 11, 1),
                ("Weerdingerstraat 31", "7811 EE"), "consulent-2",
                ("hondsrug-groen", D(2025, 4, 1), "36", False)),
        _placed("Yvonne", "", "Wubs", D(1987, 7, 27), H.SINGLE, D(2020, 2, 1),
                ("Noordbargerstraat 9", "7812 FF"), "consulent-2",
                ("emmen-conciërge", D(2025, 6, 1), "24", False)),
        _placed("Rick", "", "Steenbergen", D(1993, 12, 1), H.SINGLE, D(2021, 10, 1),
                ("Boslaan 16", "7813 GG"), "consulent-2",
                ("hondsrug-groen", D(2025, 9, 1), "30", True)),
        # On the waiting list since February 2025; placed when a place came free.
        _placed("Anja", "", "Hemmes", D(1976, 3, 19), H.COUPLE_WITH_CHILDREN, D(2016, 6, 1),
                ("Ermerweg 4", "7812 HH"), "consulent-2",
                ("emmen-conciërge", D(2026, 1, 5), "24", False)),
    ),
)  # fmt: skip

MUNICIPALITIES: tuple[DemoMunicipality, ...] = (LEEUWARDEN, EMMEN)

# ---------------------------------------------------------------------------
# BSNs: synthetic, passing the eleven-test, the same on every run.
# ---------------------------------------------------------------------------
BSN_SEED = 20230101


def bsn_check_digit(first8: str) -> int | None:
    """The ninth digit that makes ``first8`` a valid BSN, or None if none does.

    The eleven-test: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is a multiple of 11.
    """
    total = sum(int(d) * w for d, w in zip(first8, range(9, 1, -1), strict=True))
    last = total % 11
    return last if last <= 9 else None


def random_bsn(rng: random.Random) -> str:
    """A random nine-digit number that passes the eleven-test."""
    while True:
        first8 = str(rng.randrange(10_000_000, 100_000_000))
        last = bsn_check_digit(first8)
        if last is not None:
            return f"{first8}{last}"


def demo_bsns(count: int, seed: int = BSN_SEED) -> list[str]:
    """``count`` distinct valid BSNs, the same ones for the same seed."""
    rng = random.Random(seed)  # noqa: S311 - synthetic test data, not security
    seen: dict[str, None] = {}
    while len(seen) < count:
        seen.setdefault(random_bsn(rng), None)
    return list(seen)
