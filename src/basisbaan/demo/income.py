"""The demo's households and local schemes, for "does work pay?".

Fictitious and fixed: per demo participant the birth months of the children
living at home, the rent per month and a partner's gross yearly income from
work; per municipality an individual income supplement (individuele
inkomenstoeslag) and remission of municipal taxes, with plausible amounts that
are marked as assumptions ("voorbeeld voor de demo"), not the municipality's
own figures. Written through the generic create and update of
:mod:`basisbaan.core.services` (validated, audited as "systeem"), after the
letter's figures are taken, so they do not touch them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from basisbaan.core.services import model_create, model_update
from basisbaan.demo.data import DemoMunicipality
from basisbaan.parameters.constants import LocalSchemeKind
from basisbaan.parameters.models import LocalScheme
from basisbaan.participants.models import Participant
from basisbaan.tenancy.models import Municipality

__all__ = ["HOUSEHOLDS", "SCHEMES", "DemoHousehold", "DemoScheme", "load_demo_income"]

HOUSEHOLD_FIELDS = frozenset({"children_birth_months", "rent_month", "partner_income_year"})
EXAMPLE = "voorbeeld voor de demo"


@dataclass(frozen=True, slots=True)
class DemoHousehold:
    rent: int  # euros a month
    children: tuple[str, ...] = ()  # birth months, "YYYY-MM"
    partner: int | None = None  # gross euros a year (couples)


@dataclass(frozen=True, slots=True)
class DemoScheme:
    name: str
    kind: LocalSchemeKind
    income_limit: Decimal  # fraction of the assistance norm
    amounts: tuple[int, int, int]  # euros a year: single, single parent, couple


D = DemoHousehold
# (municipality slug, last name) -> the household; the type is the participant's own.
HOUSEHOLDS: dict[tuple[str, str], DemoHousehold] = {
    ("leeuwarden", "Vries"): D(620),
    ("leeuwarden", "Hoekstra"): D(710, ("2012-05", "2016-09")),
    ("leeuwarden", "Visser"): D(560),
    ("leeuwarden", "Amrani"): D(780, ("2014-02", "2017-10", "2021-06"), 9_000),
    ("leeuwarden", "Postma"): D(540),
    ("leeuwarden", "Meer"): D(690, (), 14_000),
    ("leeuwarden", "Bakker"): D(600),
    ("leeuwarden", "Yıldız"): D(750, ("2015-04", "2019-01"), 0),
    ("leeuwarden", "Dijkstra"): D(650, ("2009-11",)),
    ("leeuwarden", "Bosma"): D(480),
    ("leeuwarden", "Kuipers"): D(720, (), 0),
    ("leeuwarden", "Wijnsma"): D(690, ("2011-03", "2014-08")),
    ("leeuwarden", "Zijlstra"): D(450),
    ("leeuwarden", "Haddou"): D(590),
    ("leeuwarden", "Smit"): D(760, ("2010-07", "2013-12"), 18_000),
    ("leeuwarden", "Brouwer"): D(530),
    ("leeuwarden", "Veenstra"): D(670, ("2019-05",)),
    ("leeuwarden", "Benali"): D(700, (), 0),
    ("leeuwarden", "Mulder"): D(510),
    ("emmen", "Kuiper"): D(560),
    ("emmen", "Lanting"): D(640, ("2013-06",)),
    ("emmen", "Nijboer"): D(610, (), 11_000),
    ("emmen", "Wubs"): D(520),
    ("emmen", "Steenbergen"): D(495),
    ("emmen", "Hemmes"): D(700, ("2016-02", "2018-09"), 0),
}

SCHEMES: dict[str, tuple[DemoScheme, ...]] = {
    "leeuwarden": (
        DemoScheme(
            "Individuele inkomenstoeslag", LocalSchemeKind.IIT, Decimal("1.10"), (450, 550, 600)
        ),
        DemoScheme(
            "Kwijtschelding gemeentelijke belastingen",
            LocalSchemeKind.REMISSION,
            Decimal("1.00"),
            (420, 480, 540),
        ),
    ),
    "emmen": (
        DemoScheme(
            "Individuele inkomenstoeslag", LocalSchemeKind.IIT, Decimal("1.10"), (400, 500, 550)
        ),
        DemoScheme(
            "Kwijtschelding gemeentelijke belastingen",
            LocalSchemeKind.REMISSION,
            Decimal("1.00"),
            (380, 430, 480),
        ),
    ),
}
SCHEMES_FROM = dt.date(2024, 1, 1)


def load_demo_income(municipality: Municipality, demo: DemoMunicipality) -> None:
    """The households of ``demo``'s participants who are there, and the local schemes."""
    for person in demo.participants:
        household = HOUSEHOLDS.get((demo.slug, person.last_name))
        participant = Participant.objects.filter(
            municipality=municipality, first_name=person.first_name, last_name=person.last_name
        ).first()
        if household is None or participant is None:
            continue
        model_update(
            instance=participant,
            data={
                "children_birth_months": list(household.children),
                "rent_month": Decimal(household.rent),
                "partner_income_year": None
                if household.partner is None
                else Decimal(household.partner),
            },
            actor=None,
            allowed=HOUSEHOLD_FIELDS,
        )
    for scheme in SCHEMES.get(demo.slug, ()):
        single, single_parent, couple = (Decimal(a) for a in scheme.amounts)
        model_create(
            instance=LocalScheme(
                municipality=municipality,
                name=scheme.name,
                kind=scheme.kind,
                income_limit=scheme.income_limit,
                amount_single=single,
                amount_single_parent=single_parent,
                amount_couple=couple,
                valid_from=SCHEMES_FROM,
                is_assumption=True,
                note=EXAMPLE,
            ),
            actor=None,
        )
