"""Payroll work in the background: a job that breaks off writes nothing."""

from __future__ import annotations

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.payroll import services
from basisbaan.payroll.constants import ImportStatus
from basisbaan.payroll.models import PayrollEntry, PayrollImport, PayrollUpload
from tests.payroll.conftest import ANNA_MARCH, BART_MARCH, csv_bytes
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def _break_after_writing(*args, **kwargs):
    assert PayrollEntry.objects.count() == 2  # the rows are in, in the job's transaction
    raise RuntimeError("disk full")


def test_an_import_that_breaks_off_leaves_no_entry_and_says_why(
    world, controller, api_as, monkeypatch
):
    monkeypatch.setattr(services, "_finish", _break_after_writing)
    file = SimpleUploadedFile("loon.csv", csv_bytes([ANNA_MARCH, BART_MARCH]))

    with unchanged(ignore=[PayrollImport, Job]):
        response = api_as(controller).post(
            "/api/v1/payroll-imports/", {"file": file}, format="multipart"
        )

    job = Job.objects.get()
    record = PayrollImport.objects.get()
    assert response.status_code == 202
    assert response.json()["status"] == "failed"
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("Er ging iets mis bij het verwerken. Er is niets opgeslagen.")
    assert record.status == ImportStatus.FAILED
    assert not PayrollUpload.objects.exists()  # the file with BSNs and wages is gone
    assert PayrollEntry.objects.count() == 0


def test_a_confirmation_that_breaks_off_keeps_the_entries_out(
    world, controller, client_as, monkeypatch
):
    client = client_as(controller)
    client.post(
        "/verloning/importeren/",
        {"file": SimpleUploadedFile("loon.csv", csv_bytes([ANNA_MARCH]))},
    )
    record = PayrollImport.objects.get()
    assert record.status == ImportStatus.PREVIEW
    monkeypatch.setattr(services, "_finish", lambda *a, **k: 1 / 0)

    response = client.post(f"/verloning/importen/{record.pk}/bevestigen/")
    page = client.get(record.get_absolute_url()).content.decode()

    record.refresh_from_db()
    assert response["Location"] == Job.objects.latest("pk").get_absolute_url()
    assert record.status == ImportStatus.FAILED
    assert PayrollEntry.objects.count() == 0
    assert "De verwerking is mislukt; er is niets ingelezen." in page


def test_an_unreadable_file_is_refused_at_once_without_a_job(world, controller, api_as):
    file = SimpleUploadedFile("loon.csv", b"naam;bedrag\nAnna;12\n")

    with unchanged():
        response = api_as(controller).post(
            "/api/v1/payroll-imports/", {"file": file}, format="multipart"
        )

    assert response.status_code == 400
    assert list(response.json()) == ["file"]
