"""The contract worklists (decisions due, periods below the minimum wage) export to
Excel and CSV with their filters, in their own order: exact cells, formulas
neutralised, one audit entry per export, refused (403, nothing written) to a
viewer who sees pseudonyms."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.contracts.models import ContractPeriod
from tests.contracts.factories import AdultContractFactory, AdultPeriodFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def periods(programme):
    """On 18 November 2026: a half year ending 31 December (notice by 30 November),
    one of another programme ending 10 January 2027 (notice by 10 December), and one
    that ended long ago; all at 13.68 an hour, below the minimum of 2026 (14.71)."""
    due = AdultPeriodFactory(
        contract=AdultContractFactory(
            participant__programme=programme,
            participant__first_name="@Jan",
            participant__last_name="Jansen",
            employer_name="=Werkgever BV",
        ),
        start_date=D(2026, 7, 1),
        end_date=D(2026, 12, 31),
    )
    other = AdultPeriodFactory(
        contract=AdultContractFactory(
            participant__first_name="Piet",
            participant__last_name="Visser",
            participant__programme__municipality=programme.municipality,
        ),
        start_date=D(2026, 7, 11),
        end_date=D(2027, 1, 10),
    )
    AdultPeriodFactory(
        contract=AdultContractFactory(participant__programme=programme),
        start_date=D(2024, 1, 1),
        end_date=D(2024, 6, 30),
    )
    return due, other


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


DECISION_HEADER = [
    "Deelnemer",
    "Werkgever",
    "Einde periode",
    "Aanzeggen uiterlijk",
    "Dagen",
    "Status",
    "Ketenregeling",
    "Uitstel per dag",
    "Aanzegvergoeding bij aanzeggen vandaag",
    "Zonder aanzegging",
]


def test_the_decisions_due_export_with_the_programme_filter(
    periods, programme, manager, municipality, client_as
):
    response = client_as(manager).get(
        "/contracten/beslissingen/", {"programme": str(programme.pk), "export": "xlsx"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="beslissingen-{municipality.slug}-2026-11-18.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content))["Beslissingen over verlenging"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        DECISION_HEADER,
        [
            "'@Jan Jansen",
            "'=Werkgever BV",
            dt.datetime(2026, 12, 31),
            dt.datetime(2026, 11, 30),
            12,
            "Te beslissen",
            "2e contract op rij; daarna nog 1 verlenging",
            # 13.68 × 32 × 52 / 12 = 1,896.96 a month (no holiday allowance); the notice
            # month 30-11 .. 31-12 has 31 days: 61.19 a day; nothing owed yet on 18-11.
            61.19,
            0,
            1896.96,
        ],
    ]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert (entry.actor, entry.object_type) == (manager, "contracts.contractperiod")
    assert entry.changes == {
        "filters": {"programme": str(programme.pk)},
        "rows": 1,
        "format": "xlsx",
        "fields": [
            "first_name",
            "name_prefix",
            "last_name",
            "employer_name",
            "end_date",
            "notice_deadline",
            "days_left",
            "status",
            "chain",
            "delay_per_day",
            "delay_so_far",
            "no_notice",
        ],
    }


def test_the_decisions_due_csv_in_the_worklist_order(periods, manager, client_as):
    client = client_as(manager)

    response = client.get("/contracten/beslissingen/", {"export": "csv"})
    page = client.get("/contracten/beslissingen/")

    rows = _csv(response)
    assert rows[0] == DECISION_HEADER
    assert [row[:6] for row in rows[1:]] == [
        ["'@Jan Jansen", "'=Werkgever BV", "31-12-2026", "30-11-2026", "12", "Te beslissen"],
        ["Piet Visser", "Caparis", "10-01-2027", "10-12-2026", "22", "Te beslissen"],
    ]
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("id").changes["rows"] == 2
    html = page.content.decode()
    assert 'href="?export=xlsx"' in html and 'href="?export=csv"' in html


def test_the_periods_below_the_minimum_wage_export(periods, manager, municipality, client_as):
    due, other = periods
    ContractPeriod.objects.filter(pk=due.pk).update(hourly_wage=Decimal("13.27"))
    ContractPeriod.objects.filter(pk=other.pk).update(hourly_wage=Decimal("14.71"))

    response = client_as(manager).get("/contracten/onder-minimumloon/", {"export": "xlsx"})
    csv_response = client_as(manager).get(
        "/contracten/onder-minimumloon/", {"past": "on", "export": "csv"}
    )

    assert response["Content-Disposition"] == (
        f'attachment; filename="onder-minimumloon-{municipality.slug}-2026-11-18.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content))["Onder het minimumloon"]
    message = (
        "Het uurloon € 13,27 ligt onder het minimumloon van € 14,71 dat geldt vanaf 01-01-2026."
    )
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        [
            "Deelnemer",
            "Van",
            "Tot en met",
            "Uurloon",
            "Minimumloon",
            "Aanname",
            "Vanaf",
            "Toelichting",
        ],
        [
            "'@Jan Jansen",
            dt.datetime(2026, 7, 1),
            dt.datetime(2026, 12, 31),
            13.27,
            14.71,
            "nee",
            dt.datetime(2026, 1, 1),
            message,
        ],
    ]
    assert sheet["D2"].number_format == "#,##0.00"
    assert _csv(csv_response)[1] == [
        "'@Jan Jansen",
        "01-07-2026",
        "31-12-2026",
        "13,27",
        "14,71",
        "nee",
        "01-01-2026",
        message,
    ]
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert (entry.actor, entry.object_type) == (manager, "contracts.contractperiod")
    assert entry.changes == {
        "filters": {"past": "on"},
        "rows": 1,
        "format": "csv",
        "fields": [
            "first_name",
            "name_prefix",
            "last_name",
            "start_date",
            "end_date",
            "hourly_wage",
            "minimum_wage",
            "assumed",
            "since",
            "message",
        ],
    }


@pytest.mark.parametrize("url", ["/contracten/beslissingen/", "/contracten/onder-minimumloon/"])
def test_a_researcher_may_not_export_a_contract_worklist(periods, researcher, client_as, url):
    client = client_as(researcher)

    page = client.get(url)
    assert page.status_code == 200
    assert "export=" not in page.content.decode()
    with unchanged():
        for file_format in ("xlsx", "csv"):
            response = client.get(url, {"export": file_format})
            assert response.status_code == 403
            assert "Content-Disposition" not in response


def test_a_computed_export_too_large_is_refused_and_writes_nothing(
    periods, manager, client_as, monkeypatch
):
    monkeypatch.setattr("basisbaan.core.listing.EXPORT_LIMIT", 1)
    client = client_as(manager)

    with unchanged():
        response = client.get("/contracten/beslissingen/", {"weeks": "8", "export": "xlsx"})

    assert response.status_code == 302
    assert response["Location"] == "/contracten/beslissingen/?weeks=8"
    page = client.get(response["Location"])
    assert "Dat zijn 2 regels; exporteer er hoogstens 1 tegelijk." in page.content.decode()
