"""Subject-access exports made in the background: only their maker downloads them,
a failed job keeps nothing, and an expired file is purged."""

from __future__ import annotations

import datetime as dt

import pytest

from django.utils import timezone

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.privacy import services
from basisbaan.privacy.models import ExportFile
from basisbaan.privacy.services import purge_expired_exports, subject_access_export
from basisbaan.tenancy.roles import Role
from tests.factories import ParticipantFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(programme):
    return ParticipantFactory(programme=programme, bsn="111222333")


@pytest.fixture
def admin(member):
    return member(Role.FUNCTIONAL_ADMIN, username="beheer")


def test_the_pdf_is_made_by_a_job_and_downloaded_by_its_maker(person, admin, client_as):
    client = client_as(admin)
    started = client.post(f"/privacy/inzage/{person.pk}/pdf/")
    job = Job.objects.get()
    assert started["Location"] == f"/taken/{job.pk}/"
    assert (job.status, job.label, job.message) == (
        JobStatus.DONE,
        "Inzageverzoek als PDF",
        "Het bestand staat klaar om te downloaden.",
    )
    assert job.params == {"participant": person.pk, "format": "pdf"}
    export = ExportFile.objects.get()
    assert (export.created_by, export.participant, export.job, export.content_type) == (
        admin,
        person,
        job,
        "application/pdf",
    )
    kept = export.expires_at - export.created_at
    assert abs(kept - dt.timedelta(hours=24)) < dt.timedelta(seconds=5)
    # The job's page goes on to the file's page.
    progress = client.get(f"/taken/{job.pk}/voortgang/")
    assert progress["HX-Redirect"] == f"/privacy/inzage/bestand/{export.pk}/"
    answer = client.get(f"/privacy/inzage/bestand/{export.pk}/download/")
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "no-store, private"
    assert answer.content.startswith(b"%PDF-")
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).count() == 1
    client.get(f"/privacy/inzage/bestand/{export.pk}/download/")
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT).count() == 2  # each download


def test_another_user_cannot_see_or_download_the_export(person, admin, member, client_as):
    client_as(admin).post(f"/privacy/inzage/{person.pk}/json/")
    export = ExportFile.objects.get()
    other = member(Role.FUNCTIONAL_ADMIN, username="collega")
    with unchanged():
        assert client_as(other).get(f"/privacy/inzage/bestand/{export.pk}/").status_code == 404
        download = client_as(other).get(f"/privacy/inzage/bestand/{export.pk}/download/")
        assert download.status_code == 404
        assert client_as(other).get(f"/taken/{export.job_id}/").status_code == 404


def test_an_expired_export_is_not_offered_and_is_purged_alone(person, admin, client_as):
    now = timezone.now()
    old = subject_access_export(participant=person, actor=admin, file_format="json", today=now)
    new = subject_access_export(participant=person, actor=admin, file_format="json", today=now)
    ExportFile.objects.filter(pk=old.pk).update(expires_at=now - dt.timedelta(minutes=1))
    with unchanged():
        assert client_as(admin).get(f"/privacy/inzage/bestand/{old.pk}/download/").status_code == (
            404
        )
    assert purge_expired_exports(now) == 1
    assert list(ExportFile.objects.values_list("pk", flat=True)) == [new.pk]
    assert purge_expired_exports(now) == 0
    assert purge_expired_exports(new.expires_at) == 1
    assert not ExportFile.objects.exists()


def test_a_failed_export_keeps_nothing_and_says_why(person, admin, client_as, monkeypatch):
    def broken(data):
        raise RuntimeError("WeasyPrint stopped")

    monkeypatch.setattr(services, "as_pdf", broken)
    with unchanged(ignore=(Job,)):
        started = client_as(admin).post(f"/privacy/inzage/{person.pk}/pdf/")
    job = Job.objects.get()
    assert started["Location"] == f"/taken/{job.pk}/"
    assert job.status == JobStatus.FAILED
    assert job.message.startswith("Er ging iets mis bij het verwerken. Er is niets opgeslagen.")
    assert not ExportFile.objects.exists()
    page = client_as(admin).get(f"/taken/{job.pk}/").content.decode()
    assert "Deze taak is mislukt." in page
