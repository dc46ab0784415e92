"""The list of exits (uitstroom): filtered and sorted, exported to Excel and CSV
with those filters (exact cells), formulas neutralised, one audit entry per export;
a researcher sees pseudonyms, may not sort by name and may not export (403,
nothing written)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.outcomes.services import exit_record
from basisbaan.participants.constants import ExitReason
from tests.factories import PlacementFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

HEADER = [
    "Datum",
    "Deelnemer",
    "Programma",
    "Soort",
    "Reden",
    "Spoor",
    "Nieuwe werkgever",
    "Uren per week",
    "Soort contract",
    "Loon",
]
FIELDS = [
    "exit_date",
    "first_name",
    "name_prefix",
    "last_name",
    "programme",
    "kind",
    "reason",
    "track",
    "employer",
    "hours_per_week",
    "contract_type",
    "wage_band",
]


@pytest.fixture
def exits(small, municipality):
    """The education exit of 30 June 2025 (from ``small``), and one to work on
    31 October 2026 with an employer named like a formula."""
    programme, placements, education = small
    education.participant.first_name, education.participant.last_name = "Anna", "Bakker"
    education.participant.save()
    worker = PlacementFactory(
        participant__programme=programme,
        participant__first_name="@SUM(A1)",
        participant__last_name="Visser",
        start_date=dt.date(2024, 7, 1),
    )
    work = exit_record(
        municipality=municipality,
        actor=None,
        participant=worker.participant,
        exit_date=dt.date(2026, 10, 31),
        reason=ExitReason.REGULAR_WORK_ELSEWHERE,
        leaves_programme=True,
        employer='=HYPERLINK("https://kwaad.example")',
        hours_per_week=Decimal("32"),
        contract_type="permanent",
        wage_band="minimum",
    )
    return programme, education, work


def _work_row(programme, work):
    return [
        dt.datetime(2026, 10, 31),
        "'@SUM(A1) Visser",
        programme.name,
        "Uit het programma",
        work.get_reason_display(),
        work.get_track_display(),
        '\'=HYPERLINK("https://kwaad.example")',
        32,
        "Onbepaalde tijd",
        "Tot 110% van het minimumloon",
    ]


def test_the_exits_export_to_excel_with_the_filters(exits, controller, municipality, client_as):
    programme, _education, work = exits

    response = client_as(controller).get(
        "/uitkomsten/uitstroom/", {"van": "01-01-2026", "export": "xlsx"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="uitstroom-{municipality.slug}-2026-11-18.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content))["Uitstroom"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        HEADER,
        _work_row(programme, work),
    ]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert (entry.actor, entry.object_type) == (controller, "outcomes.exit")
    assert entry.changes == {
        "filters": {"van": "01-01-2026"},
        "rows": 1,
        "format": "xlsx",
        "fields": FIELDS,
    }


def test_the_exits_export_to_csv_sorted_and_by_reason(exits, controller, client_as):
    programme, education, _work = exits
    client = client_as(controller)

    everyone = client.get("/uitkomsten/uitstroom/", {"sort": "exit_date", "export": "csv"})
    by_reason = client.get("/uitkomsten/uitstroom/", {"reden": "education", "export": "csv"})

    rows = list(csv.reader(io.StringIO(everyone.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == HEADER
    assert [row[:2] for row in rows[1:]] == [
        ["30-06-2025", "Anna Bakker"],
        ["31-10-2026", "'@SUM(A1) Visser"],
    ]
    assert rows[2][6:8] == ['\'=HYPERLINK("https://kwaad.example")', "32,00"]
    only = list(csv.reader(io.StringIO(by_reason.content.decode("utf-8-sig")), delimiter=";"))
    assert [row[1] for row in only[1:]] == ["Anna Bakker"]
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert entry.changes["filters"] == {"reden": "education"}
    assert entry.changes["rows"] == 1


def test_the_exit_list_page_sorts_and_links_from_the_overview(exits, controller, client_as):
    client = client_as(controller)

    page = client.get("/uitkomsten/uitstroom/", {"sort": "-hours_per_week"})
    overview = client.get("/uitkomsten/")

    assert [e.reason for e in page.context["object_list"]] == [
        ExitReason.REGULAR_WORK_ELSEWHERE,
        ExitReason.EDUCATION,
    ]
    html = page.content.decode()
    assert html.count('aria-sort="descending"') == 1
    assert 'href="?sort=-hours_per_week&amp;export=csv"' in html
    assert 'href="/uitkomsten/uitstroom/"' in overview.content.decode()


def test_a_researcher_sees_pseudonyms_and_may_not_export(exits, researcher, client_as):
    client = client_as(researcher)

    page = client.get("/uitkomsten/uitstroom/", {"sort": "participant"})

    assert page.status_code == 200
    html = page.content.decode()
    assert "Bakker" not in html and "Visser" not in html
    assert "aria-sort" not in html  # not by name: ignored
    assert "export=" not in html
    with unchanged():
        for file_format in ("xlsx", "csv"):
            response = client.get("/uitkomsten/uitstroom/", {"export": file_format})
            assert response.status_code == 403
            assert "Content-Disposition" not in response
