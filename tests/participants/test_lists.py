"""The participant list sorts by its columns and exports to Excel and CSV, as the
personal-data policy allows: a researcher may neither sort by name nor export, the
read-only role not sort by BSN and sees *****1234 in the file too."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from django.utils import timezone

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.participants.constants import ParticipantStatus
from tests.factories import ParticipantFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


@pytest.fixture
def three(programme):
    """Surname order Aa, Mm, Zz; status-date order (oldest first) Mm, Zz, Aa."""
    made = {}
    for name, bsn, day in (
        ("Zz", "111222333", dt.date(2026, 3, 1)),
        ("Aa", "123456782", dt.date(2026, 9, 1)),
        ("Mm", "100000009", dt.date(2026, 1, 5)),
    ):
        made[name] = ParticipantFactory(
            programme=programme,
            first_name="Jan",
            last_name=name,
            bsn=bsn,
            status=ParticipantStatus.WAITING,
            status_changed_at=_at(day),
        )
    return made


def _names(response) -> list[str]:
    return [p.last_name for p in response.context["object_list"]]


def test_a_column_sorts_both_ways_and_its_header_says_so(three, caseworker, client_as):
    client = client_as(caseworker)

    up = client.get("/deelnemers/", {"sort": "status_since"})
    down = client.get("/deelnemers/", {"sort": "-status_since"})

    assert _names(up) == ["Mm", "Zz", "Aa"]
    assert _names(down) == ["Aa", "Zz", "Mm"]
    html = up.content.decode()
    assert (
        '<th scope="col" class="bb-hide-narrow" aria-sort="ascending">'
        '<a class="bb-sort" href="?sort=-status_since"'
    ) in html
    assert html.count("aria-sort=") == 1
    assert 'aria-sort="descending"' in down.content.decode()


def test_sorting_keeps_the_filters(three, caseworker, client_as):
    response = client_as(caseworker).get("/deelnemers/", {"status": "waiting", "sort": "bsn"})

    assert _names(response) == ["Mm", "Zz", "Aa"]  # 100…, 111…, 123…
    assert 'href="?status=waiting&amp;sort=participant"' in response.content.decode()


@pytest.mark.parametrize("key", ["nonsense", "-", "password", "bsn__gt", "?!'", "-" * 300])
def test_an_unknown_sort_key_is_ignored(three, caseworker, client_as, key):
    response = client_as(caseworker).get("/deelnemers/", {"sort": key})

    assert response.status_code == 200
    assert _names(response) == ["Aa", "Mm", "Zz"]  # the list's own order


def test_a_researcher_cannot_sort_by_name_or_bsn(three, researcher, client_as):
    client = client_as(researcher)
    neutral = _names(client.get("/deelnemers/"))

    for key in ("participant", "-participant", "bsn", "contact_person"):
        assert _names(client.get("/deelnemers/", {"sort": key})) == neutral
    html = client.get("/deelnemers/").content.decode()
    assert "sort=participant" not in html and "sort=bsn" not in html
    assert "sort=status" in html  # what tells nothing about a person still sorts


def test_the_read_only_role_cannot_sort_by_bsn(three, member, client_as):
    from basisbaan.tenancy.roles import Role

    client = client_as(member(Role.READ_ONLY))

    assert _names(client.get("/deelnemers/", {"sort": "bsn"})) == ["Aa", "Mm", "Zz"]
    assert _names(client.get("/deelnemers/", {"sort": "-participant"})) == ["Zz", "Mm", "Aa"]
    html = client.get("/deelnemers/").content.decode()
    assert "sort=bsn" not in html


def test_excel_export_of_the_filtered_sorted_list(three, caseworker, client_as, programme):
    ParticipantFactory(programme=programme, status=ParticipantStatus.EXITED)

    response = client_as(caseworker).get(
        "/deelnemers/", {"status": "waiting", "sort": "-participant", "export": "xlsx"}
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="deelnemers-{programme.municipality.slug}-2026-11-18.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content))["Deelnemers"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    contact = "Vast Aanspreekpunt"
    assert values == [
        ["Naam", "BSN", "Programma", "Status", "Status sinds", "Vast aanspreekpunt"],
        ["Jan Zz", "111222333", programme.name, "Wachtlijst", dt.datetime(2026, 3, 1), contact],
        ["Jan Mm", "100000009", programme.name, "Wachtlijst", dt.datetime(2026, 1, 5), contact],
        ["Jan Aa", "123456782", programme.name, "Wachtlijst", dt.datetime(2026, 9, 1), contact],
    ]
    assert sheet["E2"].number_format == "dd-mm-yyyy"
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.actor, entry.object_type) == (
        AuditAction.EXPORT,
        caseworker,
        "participants.participant",
    )
    assert entry.changes == {
        "filters": {"sort": "-participant", "status": "waiting"},
        "rows": 3,
        "format": "xlsx",
        "fields": [
            "first_name",
            "name_prefix",
            "last_name",
            "bsn",
            "programme",
            "status",
            "status_changed_at",
            "contact_person",
        ],
    }


def test_csv_export_neutralises_formulas(programme, caseworker, client_as):
    ParticipantFactory(programme=programme, first_name="=cmd|' /C calc'!A0", last_name="-")

    response = client_as(caseworker).get("/deelnemers/", {"export": "csv"})

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][0] == "'=cmd|' /C calc'!A0 -"


def test_the_read_only_role_exports_only_the_last_four_digits(three, member, client_as):
    from basisbaan.tenancy.roles import Role

    reader = member(Role.READ_ONLY)

    for file_format in ("xlsx", "csv"):
        response = client_as(reader).get("/deelnemers/", {"export": file_format})
        assert response.status_code == 200
        if file_format == "xlsx":
            sheet = load_workbook(io.BytesIO(response.content)).active
            bsns = [row[1].value for row in sheet.iter_rows(min_row=2)]
            text = " ".join(str(c.value) for row in sheet.iter_rows() for c in row)
        else:
            text = response.content.decode("utf-8-sig")
            bsns = [line.split(";")[1] for line in text.split("\r\n")[1:-1]]
        assert bsns == ["*****6782", "*****0009", "*****2333"]
        for person in three.values():
            assert person.bsn not in text
        assert AuditEntry.objects.latest("id").changes["fields"][3] == "bsn_masked"


def test_a_researcher_may_not_export_and_nothing_is_written(three, researcher, client_as):
    client = client_as(researcher)
    page = client.get("/deelnemers/")
    assert "export=" not in page.content.decode()

    for file_format in ("xlsx", "csv"):
        with unchanged():
            response = client.get("/deelnemers/", {"export": file_format})
        assert response.status_code == 403
        assert "Content-Disposition" not in response


def test_an_export_too_large_is_refused_and_writes_nothing(
    three, caseworker, client_as, monkeypatch
):
    monkeypatch.setattr("basisbaan.core.listing.EXPORT_LIMIT", 2)

    client = client_as(caseworker)

    with unchanged():
        response = client.get("/deelnemers/", {"status": "waiting", "export": "csv"})

    assert response.status_code == 302
    assert response["Location"] == "/deelnemers/?status=waiting"
    page = client.get(response["Location"])
    assert "Dat zijn 3 regels; exporteer er hoogstens 2 tegelijk." in page.content.decode()
