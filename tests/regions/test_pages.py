"""The regional pages per role, the downloads' exact content, the API's JSON shape,
and the ``basisbaan regions`` command."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from django.core.management import call_command
from django.core.management.base import CommandError

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.regions import services
from basisbaan.regions.models import Region, RegionalAccess, RegionMember, Sharing
from basisbaan.tenancy.roles import Perm, Role, has_perm
from tests.conftest import make_member
from tests.factories import ProgrammeFactory, UserFactory
from tests.regions.conftest import TODAY, make_region, make_regional_user, set_figures
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(municipality, other_municipality, programme, other_programme):
    """Leeuwarden and Emmen share with the northern table. Leeuwarden's figures are
    all large; Emmen's 12-month cohort has 3 not retained (a small number)."""
    region = make_region("noord", "Arbeidsmarkttafel Noord", municipality, other_municipality)
    for town, prog in ((municipality, programme), (other_municipality, other_programme)):
        services.sharing_start(
            actor=None, municipality=town, programme=prog, region=region, as_of=TODAY
        )
    set_figures(
        programme,
        cost_cents=12_000_000,
        participant_months=120,
        guidance_hundredths=30_000,
        started=20,
        started_transition=12,
        started_social=8,
        active=14,
        working=8,
        exited=6,
        exits_work=6,
        ret12_eligible=15,
        ret12_retained=10,
        fu6_measured=6,
        fu6_working=6,
        placements_running=14,
        cadence_kept=9,
    )
    set_figures(
        other_programme,
        cost_cents=6_000_000,
        participant_months=90,
        guidance_hundredths=9_000,
        started=10,
        started_transition=10,
        active=10,
        working=10,
        ret12_eligible=10,
        ret12_retained=7,
        placements_running=10,
        cadence_kept=10,
    )
    return region


# -- pages per role ---------------------------------------------------------------------


@pytest.mark.parametrize("role", list(Role))
def test_the_pages_per_role(role, municipality, two, client_as):
    user = make_member(municipality, role, username=f"rol-{role.value}")
    client = client_as(user)
    may_view = has_perm(role, Perm.REGION_VIEW)
    may_share = has_perm(role, Perm.REGION_SHARE)

    statuses = {
        path: client.get(path).status_code
        for path in (
            "/regio/",
            "/regio/noord/",
            "/regio/noord/vergelijking.csv",
            "/regio/noord/vergelijking.xlsx",
            "/regio/delen/",
            "/api/v1/regions/noord/comparison/",
        )
    }

    seen = 200 if may_view else 404
    assert statuses == {
        "/regio/": 200 if may_view or may_share else 403,
        "/regio/noord/": seen,
        "/regio/noord/vergelijking.csv": seen,
        "/regio/noord/vergelijking.xlsx": seen,
        "/regio/delen/": 200 if may_share else 403,
        "/api/v1/regions/noord/comparison/": seen,
    }


def test_the_matrix_gives_the_regional_rights_as_the_issue_says():
    view = {r for r in Role if has_perm(r, Perm.REGION_VIEW)}
    share = {r for r in Role if has_perm(r, Perm.REGION_SHARE)}

    assert view == {
        Role.PROGRAMME_MANAGER,
        Role.CONTROLLER,
        Role.RESEARCHER,
        Role.READ_ONLY,
        Role.FUNCTIONAL_ADMIN,
    }
    assert share == {Role.PROGRAMME_MANAGER, Role.FUNCTIONAL_ADMIN}


def test_the_regional_user_sees_the_pages(two, client_as):
    client = client_as(make_regional_user(two))

    index = client.get("/regio/")
    page = client.get("/regio/noord/")

    assert (index.status_code, page.status_code) == (200, 200)
    assert 'href="/regio/noord/"' in index.content.decode()
    assert "/regio/delen/" not in index.content.decode()
    body = page.content.decode()
    assert '<th scope="row">Leeuwarden</th>' in body
    assert '<th scope="row">Emmen</th>' in body
    assert '<th scope="row">Regio (totaal)</th>' in body
    assert "minder dan 5" not in body  # the small helper count is not a column
    assert "afgeschermd" in body


def test_a_user_without_region_or_membership_is_refused(two, client_as):
    client = client_as(UserFactory(username="niemand"))

    assert client.get("/regio/").status_code == 403
    assert client.get("/regio/noord/").status_code == 404
    assert client.get("/api/v1/regions/").json() == []


# -- the downloads ----------------------------------------------------------------------


def _csv(client) -> list[list[str]]:
    response = client.get("/regio/noord/vergelijking.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == ('attachment; filename="regio-noord-2026-11-18.csv"')
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


# The values of the data rows, column by column (figure, mark), for Leeuwarden,
# Emmen and the region: Emmen's 3 not retained are a small number, so its retained
# (7) is hidden, and with it the region's (17), else 17 - 10 would give it away (the
# region's total goes before a municipality's figure).
EXPECTED = {
    "Gestart": ("20", "10", "30"),
    "Transitiespoor": ("12", "10", "22"),
    "Maatschappelijk spoor": ("8", "0", "8"),
    "Actief": ("14", "10", "24"),
    "Aan het werk": ("8", "10", "18"),
    "Uitgestroomd": ("6", "0", "6"),
    "Naar werk": ("6", "0", "6"),
    "12 maanden geleden gestart": ("15", "10", "25"),
    "Na 12 maanden aan het werk": ("10", "", ""),
    "Na 12 maanden aan het werk: toelichting": ("", "afgeschermd", "afgeschermd"),
    "Nameting 6 maanden": ("6", "0", "6"),
    "Na 6 maanden aan het werk": ("6", "0", "6"),
    "Lopende plaatsingen": ("14", "10", "24"),
    "Terugkoppeling op tijd": ("9", "10", "19"),
    "Behoud na 12 maanden": ("66,7", "", ""),
    "Behoud na 12 maanden: toelichting": ("", "afgeschermd", "afgeschermd"),
    "Uitstroom naar werk": ("100,0", "", "100,0"),
    "Duurzaam aan het werk": ("100,0", "", "100,0"),
    "Terugkoppelritme gehaald": ("64,3", "100,0", "79,2"),
    # EUR 120,000 over 120 months; EUR 60,000 over 90; EUR 180,000 over 210.
    "Kosten per deelnemerjaar (EUR)": ("12000", "8000", "10285,71"),
    # 300 hours over 120 months; 90 over 90; 390 over 210.
    "Begeleidingsuren per deelnemerjaar": ("30,0", "12,0", "22,3"),
}


def test_the_csv_export(two, client_as, manager):
    rows = _csv(client_as(manager))

    header = rows[0]
    assert header[:4] == ["Gemeente", "Peildatum", "Versie definities", "Gestart"]
    assert len(header) == 3 + 2 * 13 + 2 * 4 + 4
    assert [r[:3] for r in rows[1:]] == [
        ["Emmen", "2026-11-18", "2026.1"],
        ["Leeuwarden", "2026-11-18", "2026.1"],
        ["Regio Arbeidsmarkttafel Noord (totaal)", "2026-11-18", "2026.1"],
    ]
    emmen, leeuwarden, region = rows[1:]
    got = {
        name: (
            leeuwarden[header.index(name)],
            emmen[header.index(name)],
            region[header.index(name)],
        )
        for name in EXPECTED
    }
    assert got == EXPECTED
    # The download is logged, with the region and no municipality record.
    [entry] = AuditEntry.objects.filter(action=AuditAction.EXPORT)
    assert entry.changes["filters"] == {"region": "noord"}


def test_the_excel_export_holds_the_same_rows(two, client_as, manager):
    client = client_as(manager)
    response = client.get("/regio/noord/vergelijking.xlsx")
    book = load_workbook(io.BytesIO(response.content))

    sheet = book["Vergelijking"]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    header = values[0]
    emmen, leeuwarden, region = values[1:]
    retained = header.index("Na 12 maanden aan het werk")
    assert [r[0] for r in values[1:]] == [
        "Emmen",
        "Leeuwarden",
        "Regio Arbeidsmarkttafel Noord (totaal)",
    ]
    assert (leeuwarden[retained], emmen[retained], region[retained]) == (10, None, None)
    assert (emmen[retained + 1], region[retained + 1]) == ("afgeschermd", "afgeschermd")
    cost = header.index("Kosten per deelnemerjaar (EUR)")
    assert (leeuwarden[cost], emmen[cost], region[cost]) == (12000, 8000, 10285.71)
    assert sheet.cell(row=2, column=cost + 1).number_format == "#,##0.00"
    definitions = [list(r) for r in book["Definities"].iter_rows(values_only=True)]
    assert definitions[0] == ["Cijfer", "Definitie"]
    assert definitions[-2:] == [["Versie", "2026.1"], ["Drempel kleine aantallen", 5]]


# -- the API ----------------------------------------------------------------------------


def test_the_api_json_shape(two, api_as, manager):
    body = api_as(manager).get("/api/v1/regions/noord/comparison/").json()

    assert set(body) == {
        "region",
        "definition_version",
        "threshold",
        "municipalities",
        "total",
        "not_sharing",
        "waiting",
    }
    assert body["region"] == {
        "slug": "noord",
        "name": "Arbeidsmarkttafel Noord",
        "kind": "labour_market",
        "description": "",
        "threshold": 5,
    }
    assert (body["definition_version"], body["threshold"]) == ("2026.1", 5)
    assert (body["not_sharing"], body["waiting"]) == ([], [])
    emmen, leeuwarden = body["municipalities"]
    assert set(emmen) == {
        "municipality",
        "programmes",
        "as_of",
        "stale",
        "counts",
        "rates",
        "cost_per_participant_year",
        "guidance_hours_per_participant_year",
    }
    assert (emmen["municipality"], emmen["programmes"], emmen["as_of"], emmen["stale"]) == (
        "Emmen",
        ["Basisbanen Emmen"],
        "2026-11-18",
        False,
    )
    assert emmen["counts"]["ret12_retained"] == {"value": None, "mark": "secondary"}
    assert leeuwarden["counts"]["started"] == {"value": 20, "mark": "published"}
    assert list(leeuwarden["counts"]) == [
        "started",
        "started_transition",
        "started_social",
        "active",
        "working",
        "exited",
        "exits_work",
        "ret12_eligible",
        "ret12_retained",
        "fu6_measured",
        "fu6_working",
        "placements_running",
        "cadence_kept",
    ]
    assert leeuwarden["rates"]["cadence_share"] == {"value": "64.30", "mark": "published"}
    assert body["total"]["cost_per_participant_year"] == {
        "value": "10285.71",
        "mark": "published",
    }
    assert set(body["total"]) == {
        "counts",
        "rates",
        "cost_per_participant_year",
        "guidance_hours_per_participant_year",
    }
    regions = api_as(manager).get("/api/v1/regions/").json()
    assert [r["slug"] for r in regions] == ["noord"]


# -- the command ------------------------------------------------------------------------


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("regions", *args, stdout=out)
    return out.getvalue()


def test_the_command_sets_up_shares_compares_and_withdraws(
    municipality, other_municipality, programme, other_programme
):
    UserFactory(username="regio")

    assert run("create", "noord", "Arbeidsmarkttafel Noord", "--kind", "table") == (
        "Created region noord.\n"
    )
    assert run("add-member", "noord", "leeuwarden") == "Added.\n"
    assert run("add-member", "noord", "emmen") == "Added.\n"
    assert run("grant", "noord", "regio") == "Granted.\n"
    assert run("share", "noord", str(programme.pk), "--as-of", "2026-10-31") == "Shared.\n"
    assert run("share", "noord", str(other_programme.pk)) == "Shared.\n"

    region = Region.objects.get()
    assert (region.kind, region.threshold) == ("table", 5)
    assert RegionMember.objects.count() == 2
    assert RegionalAccess.objects.get().user.username == "regio"
    # Every write came from the command line.
    writes = AuditEntry.objects.filter(
        object_type__in=["regions.region", "regions.regionmember", "regions.sharing"]
    )
    assert set(writes.values_list("channel", flat=True)) == {"cli"}

    text = run("compare", "noord")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert [r[:2] for r in rows[1:]] == [
        ["Emmen", "2026-11-18"],
        ["Leeuwarden", "2026-10-31"],
        ["Regio Arbeidsmarkttafel Noord (totaal)", "2026-10-31"],
    ]
    printed = json.loads(run("compare", "noord", "--format", "json"))
    assert [m["municipality"] for m in printed["municipalities"]] == ["Emmen", "Leeuwarden"]

    assert run("refresh", "--as-of", "2026-11-18") == "Refreshed 2 programme(s).\n"
    printed = json.loads(run("compare", "noord", "--format", "json"))
    assert {m["as_of"] for m in printed["municipalities"]} == {"2026-11-18"}

    assert run("withdraw", "noord", str(programme.pk)) == "Withdrawn.\n"
    printed = json.loads(run("compare", "noord", "--format", "json"))
    assert [m["municipality"] for m in printed["municipalities"]] == ["Emmen"]
    assert printed["not_sharing"] == ["Leeuwarden"]
    assert Sharing.objects.filter(withdrawn_at__isnull=True).count() == 1


def test_the_command_refuses_clearly_and_changes_nothing(municipality, programme):
    make_region("noord", "Arbeidsmarkttafel Noord")

    with unchanged(programme, tables=True):
        for args, message in (
            (("share", "noord", str(programme.pk)), "Leeuwarden is geen lid van"),
            (("share", "zuid", str(programme.pk)), "No region 'zuid'."),
            (("share", "noord", "999999"), "No programme 999999."),
            (("add-member", "noord", "nergens"), "No municipality 'nergens'."),
            (("grant", "noord", "onbekend"), "No user 'onbekend'."),
            (("withdraw", "noord", str(programme.pk)), "does not share"),
            (("refresh", "--as-of", "18-11-2026"), "Not a date (YYYY-MM-DD): 18-11-2026"),
        ):
            with pytest.raises(CommandError) as error:
                run(*args)
            assert message in str(error.value), args


def test_the_sharing_page_shows_a_sharing_started_from_the_command_line(
    municipality, programme, client_as, manager
):
    """A sharing without a user (``basisbaan regions share``) once broke the history
    table: the name of nobody."""
    region = make_region("noord", "Arbeidsmarkttafel Noord", municipality)
    sharing = services.sharing_start(
        actor=None, municipality=municipality, programme=programme, region=region, as_of=TODAY
    )
    services.sharing_withdraw(actor=manager, municipality=municipality, sharing=sharing)

    response = client_as(manager).get("/regio/delen/")

    assert response.status_code == 200
    body = response.content.decode()
    row = body[body.index("Wanneer er gedeeld en ingetrokken is</caption>") :]
    assert "<td>—</td>" in row  # shared by nobody
    assert manager.get_full_name() in row


def test_extreme_stored_dates_break_no_page(two, municipality, client_as, manager):
    """Figures dated 1 January of year 1 and 31 December 9999, as a hand-made
    correction could leave them: every regional page and download still answers."""
    import datetime as dt

    from basisbaan.regions.models import SharedFigures

    SharedFigures.objects.filter(municipality=municipality).update(as_of=dt.date(9999, 12, 31))
    SharedFigures.objects.exclude(municipality=municipality).update(as_of=dt.date(1, 1, 1))
    Sharing.objects.filter(municipality=municipality).update(
        shared_at=dt.datetime(9999, 12, 31, 12, tzinfo=dt.UTC)
    )
    client = client_as(manager)

    for path in (
        "/regio/",
        "/regio/noord/",
        "/regio/noord/vergelijking.csv",
        "/regio/noord/vergelijking.xlsx",
        "/regio/delen/",
        "/api/v1/regions/noord/comparison/",
    ):
        assert client.get(path).status_code == 200, path
    body = client.get("/api/v1/regions/noord/comparison/").json()
    assert [(m["municipality"], m["as_of"], m["stale"]) for m in body["municipalities"]] == [
        ("Emmen", "0001-01-01", True),
        ("Leeuwarden", "9999-12-31", False),
    ]


# -- the sharing page's forms -----------------------------------------------------------


@pytest.fixture
def member_region(municipality, other_municipality):
    return make_region("noord", "Arbeidsmarkttafel Noord", municipality, other_municipality)


def test_a_manager_shares_and_withdraws_on_the_page(
    municipality, member_region, programme, client_as, manager
):
    client = client_as(manager)

    shared = client.post(
        "/regio/delen/starten/",
        {"region": member_region.pk, "programme": programme.pk, "confirm": "on"},
        follow=True,
    )

    sharing = Sharing.objects.get()
    assert (sharing.programme, sharing.region, sharing.shared_by) == (
        programme,
        member_region,
        manager,
    )
    assert "Basisbanen Leeuwarden wordt nu gedeeld met Arbeidsmarkttafel Noord." in (
        shared.content.decode()
    )
    withdrawn = client.post(f"/regio/delen/{sharing.pk}/intrekken/", follow=True)
    sharing.refresh_from_db()
    assert sharing.withdrawn_by == manager
    assert "De regio ziet de cijfers niet meer." in withdrawn.content.decode()


def test_sharing_without_the_confirmation_is_refused(member_region, programme, client_as, manager):
    client = client_as(manager)

    with unchanged(programme, tables=True, reads=True):
        response = client.post(
            "/regio/delen/starten/",
            {"region": member_region.pk, "programme": programme.pk},
            follow=True,
        )

    assert "Vink aan dat u de cijfers wilt delen." in response.content.decode()


def test_the_forms_refuse_another_municipalitys_records_and_roles_without_the_right(
    municipality, other_municipality, member_region, programme, other_programme, client_as
):
    theirs = services.sharing_start(
        actor=None,
        municipality=other_municipality,
        programme=other_programme,
        region=member_region,
        as_of=TODAY,
    )
    manager = make_member(municipality, Role.PROGRAMME_MANAGER, username="manager-lwd")
    controller = make_member(municipality, Role.CONTROLLER, username="controller-lwd")
    mine, refused = client_as(manager), client_as(controller)

    with unchanged(theirs, other_programme, programme, tables=True):
        assert mine.post(f"/regio/delen/{theirs.pk}/intrekken/").status_code == 404
        assert (
            mine.post(
                "/regio/delen/starten/",
                {"region": member_region.pk, "programme": other_programme.pk, "confirm": "on"},
            ).status_code
            == 404
        )
        assert mine.post(f"/regio/delen/programma/{other_programme.pk}/bijwerken/").status_code == (
            404
        )
        assert (
            refused.post(
                "/regio/delen/starten/",
                {"region": member_region.pk, "programme": programme.pk, "confirm": "on"},
            ).status_code
            == 403
        )
        assert refused.post(f"/regio/delen/{theirs.pk}/intrekken/").status_code == 403


def test_refreshing_on_the_page_recomputes_the_figures_in_a_job(
    municipality, member_region, programme, client_as, manager
):
    import datetime as dt

    from basisbaan.regions.models import SharedFigures

    services.sharing_start(
        actor=manager,
        municipality=municipality,
        programme=programme,
        region=member_region,
        as_of=dt.date(2026, 1, 5),
    )
    client = client_as(manager)

    response = client.post(f"/regio/delen/programma/{programme.pk}/bijwerken/")

    assert response.status_code == 302
    assert response["Location"].startswith("/taken/")
    assert SharedFigures.objects.get(programme=programme).as_of == TODAY
    # A programme that shares with no region is not refreshed.
    quiet = ProgrammeFactory(municipality=municipality, name="Stil")
    with unchanged(quiet, tables=True, reads=True):
        refused = client.post(f"/regio/delen/programma/{quiet.pk}/bijwerken/", follow=True)
    assert "Dit programma wordt met geen enkele regio gedeeld." in refused.content.decode()
