"""The hours CSV import: all-or-nothing, idempotent, Dutch dialects; UI and CLI."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from basisbaan.audit.models import AuditEntry
from basisbaan.guidance import services
from basisbaan.guidance.constants import Activity
from basisbaan.guidance.importing import hours_import
from basisbaan.guidance.models import HoursEntry, HoursImport
from basisbaan.jobs.models import Job
from basisbaan.payroll.parsing import PayrollFileError
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

D = dt.date
E = Decimal
HEADER = "bsn;medewerker;datum;activiteit;uren;toelichting"


@pytest.fixture
def people(placed):
    return [placed(bsn="123456782").participant, placed(bsn="111222333").participant]


def _file(*rows: str, header: str = HEADER, encoding: str = "utf-8") -> bytes:
    return "\r\n".join([header, *rows]).encode(encoding)


def test_a_good_file_is_imported_once_and_unchanged_the_second_time(
    municipality, people, coach, manager
):
    content = _file(
        "123456782;coach;03-03-2025;coaching;1,5;",
        "123456782;coach;2025-03-04;Contact met de werkgever;0,75;telefoon",
        "111222333;coach;05-03-2025;Reistijd;2;",
    )
    first = hours_import(municipality=municipality, actor=manager, content=content)
    assert first.as_dict() == {
        "ok": True,
        "dry_run": False,
        "rows": 3,
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
    }
    assert sorted(HoursEntry.objects.values_list("activity", "hours")) == [
        ("coaching", E("1.50")),
        ("host_contact", E("0.75")),
        ("travel", E("2.00")),
    ]
    assert (
        AuditEntry.objects.filter(object_type="guidance.hoursentry", action="create").count() == 3
    )
    second = hours_import(municipality=municipality, actor=manager, content=content)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3)
    changed = content.replace(b";2;", b";2,25;")
    third = hours_import(municipality=municipality, actor=manager, content=changed)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 2)
    update = AuditEntry.objects.get(object_type="guidance.hoursentry", action="update")
    assert update.changes == {"hours": ["2.00", "2.25"]}


def test_one_bad_row_refuses_the_whole_file_with_every_reason(municipality, people, coach, manager):
    content = _file(
        "123456782;coach;03-03-2025;coaching;1,5;",
        "999999990;coach;03-03-2025;coaching;1;",
        "111222333;niemand;31-02-2025;zwemmen;1,1;",
        "123456782;coach;03-03-2025;coaching;2;",
    )
    result = hours_import(municipality=municipality, actor=manager, content=content)
    assert not result.ok
    assert [(e.row, e.column) for e in result.errors] == [
        (3, "bsn"),
        (4, "activiteit"),
        (4, "datum"),
        (4, "medewerker"),
        (4, "uren"),
        (5, "datum"),
    ]
    assert result.errors[-1].message == (
        "Dubbel: regel 2 heeft dezelfde deelnemer, medewerker, datum en activiteit."
    )
    assert HoursEntry.objects.count() == 0


def test_a_dry_run_writes_nothing_and_counts_what_it_would(municipality, people, manager):
    result = hours_import(
        municipality=municipality,
        actor=manager,
        content=_file("123456782;coach;03-03-2025;coaching;1,5;"),
        dry_run=True,
    )
    assert (result.ok, result.created) == (True, 1)
    assert HoursEntry.objects.count() == 0
    assert not AuditEntry.objects.filter(object_type="guidance.hoursentry").exists()


def test_closed_months_and_other_staff_are_refused(municipality, people, coach, manager):
    services.period_close(municipality=municipality, actor=manager, month=D(2025, 3, 1))
    content = _file("123456782;coach;03-03-2025;coaching;1,5;")
    result = hours_import(municipality=municipality, actor=manager, content=content)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (2, "datum", "Deze maand is afgesloten.")
    ]
    other = _file("123456782;manager;03-04-2025;coaching;1,5;")
    refused = hours_import(municipality=municipality, actor=coach, content=other)
    assert [e.message for e in refused.errors] == ["U kunt alleen uw eigen uren inlezen."]


def test_windows_1252_comma_file_and_missing_columns(municipality, people, manager):
    content = _file(
        "123456782,coach,03-03-2025,Contact met de verloningspartij,1.25,ré",
        header=HEADER.replace(";", ","),
        encoding="cp1252",
    )
    result = hours_import(municipality=municipality, actor=manager, content=content)
    assert result.ok
    assert HoursEntry.objects.get().note == "ré"
    with pytest.raises(PayrollFileError, match="mist de kolommen: uren"), unchanged():
        hours_import(
            municipality=municipality, actor=manager, content=b"bsn;medewerker;datum;activiteit\n"
        )


def test_upload_page_and_cli(municipality, people, manager, client_as, tmp_path, capsys):
    client = client_as(manager)
    assert client.get("/begeleiding/import/").status_code == 200
    content = _file("123456782;coach;03-03-2025;coaching;1,5;")
    checked = client.post(
        "/begeleiding/import/",
        {"file": SimpleUploadedFile("uren.csv", content), "dry_run": "on"},
        follow=True,
    )
    # Checked in the background: the job's page, which leads on to the answer.
    job = Job.objects.get()
    assert checked.redirect_chain == [(f"/taken/{job.pk}/", 302)]
    record = HoursImport.objects.get()
    assert job.result_url == f"/begeleiding/import/{record.pk}/"
    answer = client.get(job.result_url)
    assert "Het bestand is goed; er is nog niets ingelezen." in answer.content.decode()
    assert HoursEntry.objects.count() == 0
    path = tmp_path / "uren.csv"
    path.write_bytes(content)
    call_command(
        "import_hours", str(path), municipality="leeuwarden", user="manager", format="json"
    )
    assert json.loads(capsys.readouterr().out)["created"] == 1
    bad = tmp_path / "fout.csv"
    bad.write_bytes(_file("123456782;coach;03-03-2025;coaching;x;"))
    with pytest.raises(SystemExit) as exited:
        call_command("import_hours", str(bad), municipality="leeuwarden", format="json")
    assert exited.value.code == 1
    assert HoursEntry.objects.count() == 1


def test_a_file_over_twelve_hours_a_day_is_refused_whole(
    municipality, people, manager, tmp_path, capsys
):
    """8 + 5 hours of one coach on one day, over two participants: both rows refused."""
    content = _file(
        "123456782;coach;03-03-2025;coaching;8;",
        "111222333;coach;03-03-2025;coaching;5;",
        "111222333;coach;04-03-2025;coaching;24;",
    )
    with unchanged(*people):
        result = hours_import(municipality=municipality, actor=manager, content=content)
    assert [(e.row, e.column, e.message) for e in result.errors] == [
        (
            2,
            "uren",
            "Op 03-03-2025 staan dan 13 uur; meer dan 12 uur op één dag kan niet (Arbeidstijdenwet).",
        ),
        (
            3,
            "uren",
            "Op 03-03-2025 staan dan 13 uur; meer dan 12 uur op één dag kan niet (Arbeidstijdenwet).",
        ),
        (4, "uren", "Meer dan 12 uur op één dag kan niet."),
    ]
    path = tmp_path / "te-veel.csv"
    path.write_bytes(content)
    with pytest.raises(SystemExit) as exited, unchanged(*people):
        call_command("import_hours", str(path), municipality="leeuwarden", user="manager")
    assert exited.value.code == 1
    assert HoursEntry.objects.count() == 0


def test_errors_beyond_the_limit_are_counted(municipality, people, manager, settings):
    settings.IMPORT_MAX_ERRORS = 1
    content = _file(*(f"123456782;coach;03-03-2025;zwemmen;{n};" for n in range(1, 5)))

    with unchanged():
        result = hours_import(municipality=municipality, actor=manager, content=content)

    reason = "Onbekende activiteit. Kies uit: " + ", ".join(Activity.values) + "."
    assert result.as_dict()["errors"] == [{"row": 2, "column": "activiteit", "message": reason}]
    assert (result.as_dict()["error_count"], result.as_dict()["more_errors"]) == (
        4,
        [{"column": "activiteit", "message": reason, "count": 3}],
    )
