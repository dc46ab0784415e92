"""The follow-up worklist (nametingen) sorts by its columns and exports to Excel and
CSV with its filter (exact cells), neutralises formulas, audits every export and
refuses it (403, nothing written) to a viewer who sees pseudonyms only."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.outcomes.models import FollowUp
from basisbaan.outcomes.services import follow_up_record
from basisbaan.tenancy.roles import MATRIX, Perm, Role
from tests.conftest import make_member
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

HEADER = [
    "Persoon",
    "Programma",
    "Meting (maanden)",
    "Datum",
    "Uitstroom",
    "Reden van uitstroom",
    "Status",
    "Gemeten op",
    "Werkt",
    "Uren per week",
    "Zelfde werkgever",
]
FIELDS = [
    "first_name",
    "name_prefix",
    "last_name",
    "programme",
    "months",
    "due_date",
    "exit_date",
    "reason",
    "status",
    "measured_on",
    "works",
    "hours_per_week",
    "same_employer",
]


@pytest.fixture
def worklist(small, caseworker):
    """The exit of 30 June 2025 of a person named like a formula; the first
    measurement recorded (works 24 hours, same employer)."""
    programme, placements, exit = small
    person = exit.participant
    person.first_name, person.name_prefix, person.last_name = "-5", "", "+Jansen"
    person.save()
    first = FollowUp.objects.get(exit=exit, months=1)
    follow_up_record(
        follow_up=first,
        actor=caseworker,
        today=dt.date(2026, 11, 18),
        measured_on=dt.date(2025, 8, 4),
        reachable=True,
        works=True,
        hours_per_week=Decimal("24"),
        same_employer=True,
        assistance="none",
    )
    return programme, exit


def _open_row(programme, months, due):
    return [
        "'-5 +Jansen",
        programme.name,
        months,
        due,
        dt.datetime(2025, 6, 30),
        "Opleiding",
        "te laat",
        None,
        None,
        None,
        None,
    ]


def test_the_worklist_exports_what_is_due_to_excel(worklist, caseworker, municipality, client_as):
    programme, _exit = worklist

    response = client_as(caseworker).get("/uitkomsten/nametingen/", {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="nametingen-{municipality.slug}-2026-11-18.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content))["Nametingen"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        HEADER,
        _open_row(programme, 3, dt.datetime(2025, 9, 30)),
        _open_row(programme, 6, dt.datetime(2025, 12, 30)),
        _open_row(programme, 12, dt.datetime(2026, 6, 30)),
    ]
    assert sheet["D2"].number_format == "dd-mm-yyyy"
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert (entry.actor, entry.object_type) == (caseworker, "outcomes.followup")
    assert entry.changes == {"filters": {}, "rows": 3, "format": "xlsx", "fields": FIELDS}


def test_the_recorded_measurements_export_to_csv_with_the_filter(worklist, caseworker, client_as):
    programme, _exit = worklist

    response = client_as(caseworker).get(
        "/uitkomsten/nametingen/", {"state": "done", "sort": "-due_date", "export": "csv"}
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        HEADER,
        [
            "'-5 +Jansen",
            programme.name,
            "1",
            "30-07-2025",
            "30-06-2025",
            "Opleiding",
            "Gemeten",
            "04-08-2025",
            "ja",
            "24,00",
            "ja",
        ],
    ]
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert entry.changes == {
        "filters": {"sort": "-due_date", "state": "done"},
        "rows": 1,
        "format": "csv",
        "fields": FIELDS,
    }


def test_the_worklist_sorts_and_links_its_exports(worklist, caseworker, client_as):
    client = client_as(caseworker)

    down = client.get("/uitkomsten/nametingen/", {"sort": "-months"})
    unknown = client.get("/uitkomsten/nametingen/", {"sort": "nonsense"})

    assert [f.months for f in down.context["object_list"]] == [12, 6, 3]
    assert [f.months for f in unknown.context["object_list"]] == [3, 6, 12]
    html = down.content.decode()
    assert html.count('aria-sort="descending"') == 1
    assert 'href="?sort=-months&amp;export=xlsx"' in html
    assert 'href="?sort=-months&amp;export=csv"' in html


def test_a_viewer_without_the_right_may_not_export(worklist, researcher, client_as):
    client = client_as(researcher)

    with unchanged():
        for file_format in ("xlsx", "csv"):
            response = client.get("/uitkomsten/nametingen/", {"export": file_format})
            assert response.status_code == 403
            assert "Content-Disposition" not in response


def test_a_pseudonym_viewer_who_may_open_the_worklist_may_not_export_it(
    worklist, municipality, client_as, monkeypatch
):
    monkeypatch.setitem(MATRIX, Role.RESEARCHER, MATRIX[Role.RESEARCHER] | {Perm.OUTCOME_RECORD})
    client = client_as(make_member(municipality, Role.RESEARCHER, username="onderzoeker-n"))

    page = client.get("/uitkomsten/nametingen/", {"sort": "participant"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "export=" not in html
    assert "Jansen" not in html
    assert "aria-sort" not in html  # not by name: ignored
    with unchanged():
        for file_format in ("xlsx", "csv"):
            response = client.get("/uitkomsten/nametingen/", {"export": file_format})
            assert response.status_code == 403
            assert "Content-Disposition" not in response
