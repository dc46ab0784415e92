"""Every list of the product sorts by each of its columns and exports with its
filters and sort, as the shared listing promises; and the read-only role
("alleen lezen") sees no whole BSN on any list or in any export, only *****1234."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.guidance.constants import Activity
from basisbaan.guidance.models import FeedbackSession, HoursEntry, Signal
from basisbaan.outcomes.services import exit_record
from basisbaan.participants.constants import ExitReason
from basisbaan.payroll.services import payroll_import
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.contracts.factories import WageValueMeasurementFactory
from tests.factories import (
    ContractFactory,
    ContractPeriodFactory,
    HostFactory,
    ParticipantFactory,
    PlacementFactory,
    PositionFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db

BSN = "111222333"

# url, the sort keys of its columns, the first column's title in the export
LISTS = [
    (
        "/deelnemers/",
        ["participant", "bsn", "programme", "status", "status_since", "contact_person"],
        "Naam",
    ),
    ("/werkgevers/", ["name", "kind", "city", "positions", "active"], "Naam"),
    ("/programmas/", ["name", "start", "intake", "participants"], "Naam"),
    ("/plaatsingen/", ["participant", "position", "host", "track", "start", "end"], "Deelnemer"),
    ("/contracten/", ["participant", "employer", "start", "end", "wage_subsidy"], "Deelnemer"),
    (
        "/contracten/loonwaarde/",
        ["participant", "measured_on", "percentage", "method", "assessor", "next_measurement_on"],
        "Deelnemer",
    ),
    (
        "/verloning/importen/",
        ["file_name", "started_at", "uploaded_by", "status", "row_count", "error_count"],
        "Bestand",
    ),
    (
        "/verloning/?periode=alle",
        ["participant", "period", "gross_wage", "total", "hours", "source_import"],
        "Deelnemer",
    ),
    (
        "/begeleiding/signalen/?alle=1",
        ["raised_on", "kind", "participant", "contact_person", "owner", "status"],
        "Gemeld op",
    ),
    (
        "/begeleiding/uren/",
        ["date", "week", "participant", "programme", "staff", "activity", "hours"],
        "Datum",
    ),
    (
        "/begeleiding/feedback/sessies/",
        [
            "planned_date",
            "participant",
            "host",
            "status",
            "held_on",
            "present",
            "jobcoach",
            "caseworker",
            "score_work",
            "score_wellbeing",
            "score_finances",
            "score_host",
        ],
        "Gepland op",
    ),
    (
        "/uitkomsten/nametingen/",
        ["participant", "months", "due_date", "exit_date", "status"],
        "Persoon",
    ),
    (
        "/uitkomsten/uitstroom/",
        [
            "exit_date",
            "participant",
            "programme",
            "kind",
            "reason",
            "track",
            "employer",
            "hours_per_week",
            "contract_type",
            "wage_band",
        ],
        "Datum",
    ),
    ("/audit/", ["time", "actor", "action", "record_type", "channel"], "Tijdstip"),
]


@pytest.fixture
def world(municipality):
    programme = ProgrammeFactory(municipality=municipality, name="Basisbanen")
    person = ParticipantFactory(
        programme=programme, first_name="Piet", last_name="Jong", bsn=BSN, status="placed"
    )
    host = HostFactory(municipality=municipality, name="Groen BV", postcode="8921AB")
    position = PositionFactory(host=host)
    PlacementFactory(participant=person, position=position)
    contract = ContractFactory(participant=person, employee_number="1001")
    ContractPeriodFactory(contract=contract)
    WageValueMeasurementFactory(participant=person, percentage=Decimal("55.50"))
    payroll_import(
        municipality=municipality,
        actor=None,
        file_name="loon.csv",
        content=(
            "bsn;periode;brutoloon;vakantiegeld;werkgeverslasten;pensioen;overige_kosten;"
            f"totaal;uren\r\n{BSN};2024-07;2000,00;160,00;500,00;100,00;40,00;2800,00;138,67\r\n"
        ).encode(),
    )
    owner = make_member(municipality, Role.JOBCOACH, username="coach")
    Signal.objects.create(
        municipality=municipality,
        participant=person,
        kind=Signal._meta.get_field("kind").choices[0][0],
        raised_on=dt.date(2026, 11, 2),
        owner=owner,
        description="Te laat",
    )
    HoursEntry.objects.create(
        municipality=municipality,
        participant=person,
        staff=owner,
        date=dt.date(2026, 11, 16),
        activity=Activity.COACHING,
        hours=Decimal("1.50"),
    )
    FeedbackSession.objects.create(
        municipality=municipality,
        placement=person.placements.get(),
        planned_date=dt.date(2026, 11, 25),
        jobcoach=owner,
    )
    leaver = PlacementFactory(
        participant__programme=programme, start_date=dt.date(2024, 7, 1)
    ).participant
    exit_record(
        municipality=municipality,
        actor=None,
        participant=leaver,
        exit_date=dt.date(2025, 6, 30),
        reason=ExitReason.EDUCATION,
        leaves_programme=True,
    )
    return person


def _url(url: str, **params: str) -> str:
    extra = "&".join(f"{k}={v}" for k, v in params.items())
    return url + ("&" if "?" in url else "?") + extra


@pytest.mark.parametrize(("url", "keys", "first"), LISTS)
def test_every_column_sorts_both_ways(world, municipality, client_as, url, keys, first):
    client = client_as(make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheer"))

    for key in keys:
        for sort in (key, "-" + key):
            response = client.get(_url(url, sort=sort))
            assert response.status_code == 200, (url, sort)
            html = response.content.decode()
            direction = "descending" if sort.startswith("-") else "ascending"
            assert html.count("aria-sort=") == 1, (url, sort)
            assert f'aria-sort="{direction}"' in html, (url, sort)
    unknown = client.get(_url(url, sort="-no_such_column"))
    assert unknown.status_code == 200
    assert "aria-sort=" not in unknown.content.decode()


@pytest.mark.parametrize(("url", "keys", "first"), LISTS)
def test_every_list_exports_to_excel_and_csv_and_audits_it(
    world, municipality, client_as, url, keys, first
):
    admin = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheer")
    client = client_as(admin)

    for file_format in ("xlsx", "csv"):
        before = AuditEntry.objects.filter(action=AuditAction.EXPORT).count()
        response = client.get(_url(url, sort=keys[1], export=file_format))
        assert response.status_code == 200, url
        assert response["Content-Disposition"].endswith(f'-2026-11-18.{file_format}"')
        if file_format == "xlsx":
            sheet = load_workbook(io.BytesIO(response.content)).active
            rows = [[c.value for c in row] for row in sheet.iter_rows()]
        else:
            text = response.content.decode("utf-8-sig")
            rows = list(csv.reader(io.StringIO(text), delimiter=";"))
        assert rows[0][0] == first
        assert len(rows) >= 2, url
        entries = AuditEntry.objects.filter(action=AuditAction.EXPORT)
        assert entries.count() == before + 1
        changes = entries.latest("id").changes
        assert changes["format"] == file_format
        assert changes["filters"]["sort"] == keys[1]
        assert changes["rows"] == len(rows) - 1
        assert "ids" not in changes  # bounded: counts, never the records


# The read-only role opens every list but the audit log and the follow-up worklist
# (recording measurements is not for that role).
# The worklists and the norm export too (in their own order, without sorting).
READ_ONLY_LISTS = [
    item for item in LISTS if item[0] not in ("/audit/", "/uitkomsten/nametingen/")
] + [
    ("/contracten/beslissingen/", [], "Deelnemer"),
    ("/contracten/onder-minimumloon/?past=on", [], "Deelnemer"),
    ("/begeleiding/feedback/", [], "Deelnemer"),
    ("/begeleiding/norm/", [], "Deelnemer"),
]


@pytest.mark.parametrize(("url", "keys", "first"), READ_ONLY_LISTS)
def test_the_read_only_role_sees_no_whole_bsn_on_any_list_or_export(
    world, municipality, client_as, url, keys, first
):
    client = client_as(make_member(municipality, Role.READ_ONLY, username="lezer"))

    pages = [client.get(url)]
    pages += [client.get(_url(url, export=f)) for f in ("xlsx", "csv")]

    for response in pages:
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("application/vnd"):
            sheet = load_workbook(io.BytesIO(response.content)).active
            text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
        else:
            text = response.content.decode("utf-8-sig")
        assert BSN not in text, url
    if url == "/deelnemers/":
        assert "*****2333" in pages[0].content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/deelnemers/",
        "/plaatsingen/",
        "/contracten/",
        "/contracten/loonwaarde/",
        "/uitkomsten/uitstroom/",
    ],
)
def test_a_researcher_may_sort_but_not_export_a_list_of_people(world, municipality, client_as, url):
    from tests.unchanged import unchanged

    client = client_as(make_member(municipality, Role.RESEARCHER, username="onderzoek"))

    page = client.get(_url(url, sort="participant"))
    assert page.status_code == 200
    assert "aria-sort" not in page.content.decode()  # not by name: ignored
    with unchanged():
        for file_format in ("xlsx", "csv"):
            response = client.get(_url(url, export=file_format))
            assert response.status_code == 403
            assert "Content-Disposition" not in response


def test_the_read_only_role_sees_no_whole_bsn_on_the_pages_of_a_person(
    world, municipality, client_as
):
    client = client_as(make_member(municipality, Role.READ_ONLY, username="lezer-detail"))
    placement = world.placements.get()
    contract = world.contracts.get()
    pages = [
        "/",
        f"/deelnemers/{world.pk}/",
        f"/plaatsingen/{placement.pk}/",
        f"/contracten/{contract.pk}/",
        f"/verloning/?deelnemer={world.pk}",
        "/intake/",
        f"/intake/deelnemers/{world.pk}/",
        "/begeleiding/norm/",
        "/begeleiding/feedback/",
    ]

    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert BSN not in response.content.decode(), url
    assert "*****2333" in client.get(f"/deelnemers/{world.pk}/").content.decode()
