"""The northern region of the demo: Leeuwarden, Groningen and Emmen at one table
(the Arbeidsmarkttafel Noord of domain facts §4.4, with the three centrumgemeenten),
each also in its own labour-market region. Leeuwarden and Groningen share their
programme's figures with the northern table; Emmen is a member that does not share.
A regional user (``regio``) sees the table's comparison and no municipality's records.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.hashers import make_password

from basisbaan.demo.data import DEMO_PASSWORD
from basisbaan.programmes.models import Programme
from basisbaan.regions.constants import RegionKind
from basisbaan.regions.models import Region
from basisbaan.regions.services import (
    region_add_member,
    region_create,
    region_grant_access,
    sharing_start,
)
from basisbaan.tenancy.models import Municipality, User

__all__ = ["NORTH", "REGIONAL_USER", "load_demo_regions"]

NORTH = "noord"
REGIONAL_USER = "regio"
# slug, name, kind, members (municipality slugs)
REGIONS = (
    (NORTH, "Arbeidsmarkttafel Noord", RegionKind.TABLE, ("leeuwarden", "groningen", "emmen")),
    ("fryslan", "Arbeidsmarktregio Fryslân", RegionKind.LABOUR_MARKET, ("leeuwarden",)),
    (
        "groningen-noord-drenthe",
        "Arbeidsmarktregio Groningen (Noord-Drenthe)",
        RegionKind.LABOUR_MARKET,
        ("groningen",),
    ),
    ("drenthe", "Arbeidsmarktregio Drenthe", RegionKind.LABOUR_MARKET, ("emmen",)),
)
# Who shares with the northern table (Emmen is a member and does not share).
SHARING = ("leeuwarden", "groningen")


def load_demo_regions(as_of: dt.date) -> None:
    """The regions, their members, the regional user, and the two sharings."""
    towns = {m.slug: m for m in Municipality.objects.all()}
    for slug, name, kind, members in REGIONS:
        region = region_create(actor=None, name=name, slug=slug, kind=kind)
        for member in members:
            if member in towns:
                region_add_member(actor=None, region=region, municipality=towns[member])
    north = Region.objects.get(slug=NORTH)
    user, _created = User.objects.get_or_create(
        username=REGIONAL_USER,
        defaults={
            "first_name": "Jorien",
            "last_name": "Dijkstra",
            "email": f"{REGIONAL_USER}@example.nl",
            "password": make_password(DEMO_PASSWORD),
        },
    )
    region_grant_access(actor=None, region=north, user=user)
    for slug in SHARING:
        if slug not in towns:
            continue
        for programme in Programme.objects.filter(municipality=towns[slug]).order_by("pk"):
            sharing_start(
                actor=None,  # the demo loads as the system, as every other record
                municipality=towns[slug],
                programme=programme,
                region=north,
                as_of=as_of,
            )
