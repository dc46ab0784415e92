"""The regional role walk (issue 17, "done when").

A regional user (no municipality membership) has access to region R. Municipality A
shares with R; B is a member of R and does not share (it shared once and withdrew);
C is no member of R and shares with another region R2. Each municipality has one
record of every kind carrying its own secret. The regional user walks every URL
pattern and API route with every id filled in and sees only R's comparison: A's
figures, never a record, never B's or C's programme or figures.
"""

from __future__ import annotations

import csv
import io
import re

import pytest

from django.urls import get_resolver

from basisbaan.regions import services
from basisbaan.regions.models import Sharing
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import MunicipalityFactory
from tests.regions.conftest import TODAY, make_region, make_regional_user, set_figures
from tests.test_tenant_walk import SKIP, _fill, _patterns, secret_world, unthrottled  # noqa: F401
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

SECRETS = {"a": "Zwaluwstaart", "b": "Kwikstaartje", "c": "Boomkruiper"}
BSNS = {"a": "123456782", "b": "111222333", "c": "999999990"}
# A's figures: every count at least the threshold (or 0), so the region's total (A
# alone) is published whole and equals A's own.
A_FIGURES = {
    "started": 20,
    "started_transition": 12,
    "started_social": 8,
    "active": 14,
    "working": 8,
    "exited": 6,
    "exits_work": 6,
    "ret12_eligible": 15,
    "ret12_retained": 10,
    "fu6_measured": 6,
    "fu6_working": 6,
    "placements_running": 14,
    "cadence_kept": 9,
}
# B's and C's: distinctive numbers that must never show on R.
B_FIGURES = {"started": 37, "started_transition": 37, "active": 37, "working": 37}
C_FIGURES = {"started": 41, "started_social": 41, "active": 41, "working": 41}
# What a user without a municipality may open with 200: the regional pages and the
# API's, the account pages of the user's own, and the pages open to anyone.
ALLOWED = re.compile(
    r"^/(regio/|regio/noord/|regio/noord/vergelijking\.(csv|xlsx)"
    r"|api/v1/|api/v1/tokens/|api/v1/regions/|api/v1/regions/noord/comparison/"
    r"|account/.*|api-tokens/|wachtwoord-vergeten/.*|sleutel/teksten/"
    r"|health/(live|ready)|\.well-known/security\.txt)$"
)


@pytest.fixture
def regions_world():
    a = MunicipalityFactory(name="Leeuwarden", slug="leeuwarden")
    b = MunicipalityFactory(name="Groningen", slug="groningen")
    c = MunicipalityFactory(name="Emmen", slug="emmen")
    worlds = {
        key: secret_world(town, SECRETS[key], BSNS[key], key)
        for key, town in (("a", a), ("b", b), ("c", c))
    }
    region = make_region("noord", "Arbeidsmarkttafel Noord", a, b)
    other = make_region("drenthe", "Arbeidsmarktregio Drenthe", c)
    programmes = {key: world[0] for key, world in worlds.items()}
    # A's programme name is what A shares with the region (its other records keep
    # the secret); B's and C's keep theirs.
    programmes["a"].name = "Basisbanen Leeuwarden"
    programmes["a"].save()
    services.sharing_start(
        actor=None, municipality=a, programme=programmes["a"], region=region, as_of=TODAY
    )
    b_sharing = services.sharing_start(
        actor=None, municipality=b, programme=programmes["b"], region=region, as_of=TODAY
    )
    services.sharing_withdraw(actor=None, municipality=b, sharing=b_sharing)
    services.sharing_start(
        actor=None, municipality=c, programme=programmes["c"], region=other, as_of=TODAY
    )
    set_figures(
        programmes["a"],
        cost_cents=12_000_000,
        participant_months=120,
        guidance_hundredths=30_000,
        **A_FIGURES,
    )
    set_figures(programmes["b"], cost_cents=3_700_000, participant_months=37, **B_FIGURES)
    set_figures(programmes["c"], cost_cents=4_100_000, participant_months=41, **C_FIGURES)
    user = make_regional_user(region)
    return {
        "towns": {"a": a, "b": b, "c": c},
        "worlds": worlds,
        "programmes": programmes,
        "region": region,
        "other": other,
        "user": user,
    }


def _secrets_in(body: str) -> list[str]:
    return [s for s in (*SECRETS.values(), *BSNS.values()) if s in body]


def test_the_regional_user_walks_everything_and_sees_only_the_region(
    regions_world,
    client_as,
    unthrottled,  # noqa: F811 (the imported fixture)
):
    world = regions_world
    client = client_as(world["user"])
    records = [obj for records in world["worlds"].values() for obj in records]
    values = sorted({str(obj.pk) for obj in records}) + ["noord", "drenthe"]

    visited, opened = 0, set()
    with unchanged(*records, reads=True):
        for route, _pattern in _patterns(get_resolver()):
            if SKIP.match(route):
                continue
            for value in values if "<" in route or "(?P" in route else [""]:
                path = _fill(route, value)
                if path is None:
                    continue
                response = client.get(path, HTTP_ACCEPT="text/html,application/json")
                visited += 1
                assert response.status_code < 500, f"{path} gave {response.status_code}"
                if response.status_code != 200:
                    continue
                opened.add(path)
                body = response.content.decode(errors="replace")
                assert _secrets_in(body) == [], f"{path} shows a municipality's record"
                assert "Emmen" not in body, f"{path} names a municipality of another region"
                assert "Drenthe" not in body, f"{path} shows a region the user may not see"
    assert visited > 100
    assert sorted(p for p in opened if not ALLOWED.match(p)) == []
    assert {"/regio/", "/regio/noord/", "/api/v1/regions/"} <= opened
    assert "/api/v1/regions/noord/comparison/" in opened
    assert "/regio/noord/vergelijking.csv" in opened


def test_the_regions_totals_are_a_s_own(regions_world, client_as):
    client = client_as(regions_world["user"])

    api = client.get("/api/v1/regions/noord/comparison/").json()
    page = client.get("/regio/noord/").content.decode()
    rows = list(
        csv.reader(
            io.StringIO(client.get("/regio/noord/vergelijking.csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )

    assert [m["municipality"] for m in api["municipalities"]] == ["Leeuwarden"]
    assert api["not_sharing"] == ["Groningen"]
    assert api["municipalities"][0]["programmes"] == ["Basisbanen Leeuwarden"]
    shown = {name: cell["value"] for name, cell in api["total"]["counts"].items()}
    assert shown == A_FIGURES
    mine = {name: cell["value"] for name, cell in api["municipalities"][0]["counts"].items()}
    assert mine == A_FIGURES
    # EUR 120,000 over 120 months: EUR 12,000 a participant-year; 300 hours: 30.0.
    assert api["total"]["cost_per_participant_year"] == {"value": "12000.00", "mark": "published"}
    assert api["total"]["guidance_hours_per_participant_year"] == {
        "value": "30.00",
        "mark": "published",
    }
    # The CSV: A and the region, nothing of B or C.
    assert [row[0] for row in rows[1:]] == ["Leeuwarden", "Regio Arbeidsmarkttafel Noord (totaal)"]
    started = rows[0].index("Gestart")
    assert [row[started] for row in rows[1:]] == ["20", "20"]
    assert "37" not in [cell for row in rows for cell in row]
    assert "41" not in [cell for row in rows for cell in row]
    # The page: A's row and the region's, B only among the members that do not share.
    assert "Leden die geen cijfers delen: Groningen" in page
    assert '<th scope="row">Groningen</th>' not in page
    assert '<th scope="row">Leeuwarden</th>' in page
    assert "Kwikstaartje" not in page and "Emmen" not in page


def test_the_regional_user_cannot_see_another_region(regions_world, client_as):
    client = client_as(regions_world["user"])

    for path in (
        "/regio/drenthe/",
        "/regio/drenthe/vergelijking.csv",
        "/regio/drenthe/vergelijking.xlsx",
        "/api/v1/regions/drenthe/comparison/",
    ):
        assert client.get(path).status_code == 404, path
    assert [r["slug"] for r in client.get("/api/v1/regions/").json()] == ["noord"]


def test_the_regional_user_cannot_share_withdraw_or_refresh(regions_world, client_as):
    world = regions_world
    client = client_as(world["user"])
    a_sharing = Sharing.objects.get(municipality=world["towns"]["a"], withdrawn_at__isnull=True)
    b_programme = world["programmes"]["b"]

    with unchanged(a_sharing, b_programme, tables=True):
        started = client.post(
            "/regio/delen/starten/",
            {"region": world["region"].pk, "programme": b_programme.pk, "confirm": "on"},
        )
        withdrawn = client.post(f"/regio/delen/{a_sharing.pk}/intrekken/")
        refreshed = client.post(f"/regio/delen/programma/{world['programmes']['a'].pk}/bijwerken/")
        page = client.get("/regio/delen/")

    assert [r.status_code for r in (started, withdrawn, refreshed, page)] == [403] * 4


def test_a_member_of_b_sees_the_region_only_once_b_shares(regions_world, client_as):
    world = regions_world
    manager = make_member(world["towns"]["b"], Role.PROGRAMME_MANAGER, username="manager-b")
    client = client_as(manager)

    assert client.get("/regio/noord/").status_code == 404
    assert client.get("/api/v1/regions/noord/comparison/").status_code == 404
    assert client.get("/api/v1/regions/").json() == []
    assert 'href="/regio/noord/"' not in client.get("/regio/").content.decode()

    services.sharing_start(
        actor=manager,
        municipality=world["towns"]["b"],
        programme=world["programmes"]["b"],
        region=world["region"],
        as_of=TODAY,
    )

    assert client.get("/regio/noord/").status_code == 200
    body = client.get("/api/v1/regions/noord/comparison/").json()
    assert [m["municipality"] for m in body["municipalities"]] == ["Groningen", "Leeuwarden"]
