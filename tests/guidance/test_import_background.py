"""The hours import in the background: page and API start a job, which imports the
kept file, records the answer and drops the file; a failure writes nothing."""

from __future__ import annotations

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from basisbaan.guidance import importing
from basisbaan.guidance.constants import HoursImportStatus
from basisbaan.guidance.models import HoursEntry, HoursImport
from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

HEADER = "bsn;medewerker;datum;activiteit;uren;toelichting"


def _file(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


@pytest.fixture
def people(placed):
    return [placed(bsn="123456782").participant, placed(bsn="111222333").participant]


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


GOOD = _file("123456782;coach;03-03-2025;coaching;1,5;", "111222333;coach;04-03-2025;coaching;2;")


def test_the_page_imports_through_a_job_and_drops_the_file(people, manager, client_as):
    client = client_as(manager)
    started = client.post("/begeleiding/import/", {"file": SimpleUploadedFile("uren.csv", GOOD)})
    job = Job.objects.get()
    assert started["Location"] == f"/taken/{job.pk}/"
    record = HoursImport.objects.get()
    assert (job.kind, job.status, job.label, job.params) == (
        "guidance.hours_import",
        JobStatus.DONE,
        "Urenbestand inlezen: uren.csv",
        {"import": record.pk, "dry_run": False},
    )
    assert job.message == "Ingelezen: 2 nieuw, 0 gewijzigd, 0 ongewijzigd."
    assert (record.status, bytes(record.content), record.uploaded_by) == (
        HoursImportStatus.IMPORTED,
        b"",
        manager,
    )
    assert record.result == {
        "ok": True,
        "dry_run": False,
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "errors": [],
    }
    assert job.result == {**record.result, "import": record.pk}
    assert HoursEntry.objects.count() == 2
    page = client.get(f"/begeleiding/import/{record.pk}/").content.decode()
    assert "Het bestand is ingelezen." in page
    assert "2 regels: 2 nieuw, 0 gewijzigd, 0 ongewijzigd." in page


def test_a_refused_file_shows_its_errors_and_writes_nothing(people, manager, client_as):
    client = client_as(manager)
    with unchanged(*people, ignore=(Job, HoursImport)):
        client.post(
            "/begeleiding/import/",
            {"file": SimpleUploadedFile("fout.csv", _file("123456782;coach;03-03-2025;x;1;"))},
        )
    job, record = Job.objects.get(), HoursImport.objects.get()
    assert job.status == JobStatus.DONE
    assert job.message == "Het bestand is afgekeurd: 1 fouten. Er is niets ingelezen."
    assert record.status == HoursImportStatus.REFUSED
    assert bytes(record.content) == b""
    page = client.get(f"/begeleiding/import/{record.pk}/")
    assert "Er is niets ingelezen: 1 fout." in page.content.decode()


def test_an_unreadable_file_is_refused_at_once(people, manager, client_as):
    with unchanged():
        answer = client_as(manager).post(
            "/begeleiding/import/",
            {"file": SimpleUploadedFile("leeg.csv", b"bsn;datum\n1;2\n")},
        )
    assert answer.status_code == 200
    assert answer.context["form"].errors["file"]
    assert not Job.objects.exists()


def test_a_job_that_breaks_midway_writes_nothing(people, manager, client_as, monkeypatch):
    real = importing._upsert

    def broken(*args, **kwargs):
        real(*args, **kwargs)  # the hours are written, then it breaks
        raise RuntimeError("midway")

    monkeypatch.setattr(importing, "_upsert", broken)
    with unchanged(*people, ignore=(Job, HoursImport)):
        client_as(manager).post(
            "/begeleiding/import/", {"file": SimpleUploadedFile("uren.csv", GOOD)}
        )
    job, record = Job.objects.get(), HoursImport.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("Er ging iets mis bij het verwerken. Er is niets opgeslagen.")
    assert (record.status, bytes(record.content), record.result) == (
        HoursImportStatus.FAILED,
        b"",
        {},
    )
    assert not HoursEntry.objects.exists()
    page = client_as(manager).get(f"/begeleiding/import/{record.pk}/").content.decode()
    assert "Het inlezen is mislukt; er is niets ingelezen." in page


def test_the_api_answers_202_with_the_job(people, manager, municipality):
    answer = api(manager).post(
        "/api/v1/hours-entries/import/",
        {"file": SimpleUploadedFile("uren.csv", GOOD), "dry_run": "true"},
        format="multipart",
    )
    assert answer.status_code == 202
    job = Job.objects.get()
    assert answer["Location"] == f"/api/v1/jobs/{job.pk}/"
    data = answer.json()
    assert (data["kind"], data["status"]) == ("guidance.hours_import", "done")
    assert data["result"]["dry_run"] is True
    assert data["result"]["rows"] == 2
    assert data["message"] == "Gecontroleerd: alle regels kloppen. Er is nog niets ingelezen."
    assert not HoursEntry.objects.exists()
    assert HoursImport.objects.get().status == HoursImportStatus.CHECKED

    coach = make_member(municipality, Role.JOBCOACH, username="coach2")
    with unchanged():
        refused = api(coach).post(
            "/api/v1/hours-entries/import/",
            {"file": SimpleUploadedFile("uren.csv", GOOD)},
            format="multipart",
        )
        unreadable = api(manager).post(
            "/api/v1/hours-entries/import/",
            {"file": SimpleUploadedFile("leeg.csv", b"bsn;datum\n1;2\n")},
            format="multipart",
        )
    assert refused.status_code == 403
    assert unreadable.status_code == 400
    assert list(unreadable.json()) == ["file"]
