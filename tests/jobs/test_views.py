from __future__ import annotations

import re

import pytest

from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.jobs.progress import JobProgress
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member

pytestmark = pytest.mark.django_db


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def running_job(municipality, user, **fields) -> Job:
    return Job.objects.create(
        municipality=municipality,
        created_by=user,
        kind="test.count",
        label="Loonbestand controleren: loon.csv",
        status=JobStatus.RUNNING,
        **fields,
    )


def test_the_page_shows_live_progress(municipality, controller, client_as):
    from django.utils import timezone

    job = running_job(municipality, controller, started_at=timezone.now())
    progress = JobProgress(job.pk, started=job.started_at.timestamp() - 10)
    progress("controleren", 250_000, 1_000_000)

    page = text(client_as(controller).get(f"/taken/{job.pk}/"))

    assert "<h1>Loonbestand controleren: loon.csv</h1>" in page
    assert f'hx-get="/taken/{job.pk}/voortgang/" hx-trigger="every 1s"' in page
    assert "Bezig: controleren." in page
    assert '<progress class="bb-job-progress__bar" max="1000000" value="250000"' in page
    assert "250.000 van 1.000.000 (25 %)" in page
    assert "nog ongeveer" in page


def test_the_progress_part_sends_the_browser_on_when_done(municipality, controller, client_as):
    job = running_job(municipality, controller)
    client = client_as(controller)
    Job.objects.filter(pk=job.pk).update(status=JobStatus.DONE, result_url="/verloning/importen/7/")

    response = client.get(f"/taken/{job.pk}/voortgang/", HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert response["HX-Redirect"] == "/verloning/importen/7/"


def test_a_failed_job_shows_why_and_never_redirects_elsewhere(municipality, controller, client_as):
    job = running_job(municipality, controller)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED,
        message="Er is niets opgeslagen.",
        result_url="https://elders.example/",
    )
    client = client_as(controller)

    part = client.get(f"/taken/{job.pk}/voortgang/", HTTP_HX_REQUEST="true")
    page = text(client.get(f"/taken/{job.pk}/"))

    assert part["HX-Refresh"] == "true" and "HX-Redirect" not in part
    assert "Deze taak is mislukt." in page and "Er is niets opgeslagen." in page
    assert "elders.example" not in page


def test_only_the_starter_sees_a_job(municipality, other_municipality, controller, client_as):
    job = running_job(municipality, controller)
    colleague = make_member(municipality, Role.CONTROLLER, username="collega")
    outsider = make_member(other_municipality, Role.CONTROLLER, username="buiten")

    for user in (colleague, outsider):
        client = client_as(user)
        assert client.get(f"/taken/{job.pk}/").status_code == 404
        assert client.get(f"/taken/{job.pk}/voortgang/").status_code == 404
        assert "loon.csv" not in text(client.get("/taken/"))
    assert "loon.csv" in text(client_as(controller).get("/taken/"))


def test_the_api_gives_a_job_with_its_progress(municipality, controller, api_as):
    from django.utils import timezone

    job = running_job(municipality, controller, started_at=timezone.now())
    JobProgress(job.pk, started=job.started_at.timestamp())("opslaan", 10, 40)
    colleague = make_member(municipality, Role.CONTROLLER, username="collega")

    answer = api_as(controller).get(f"/api/v1/jobs/{job.pk}/")
    others = api_as(colleague).get(f"/api/v1/jobs/{job.pk}/")

    assert answer.status_code == 200
    body = answer.json()
    assert (body["status"], body["label"], body["url"]) == (
        "running",
        "Loonbestand controleren: loon.csv",
        f"/api/v1/jobs/{job.pk}/",
    )
    assert {k: body["progress"][k] for k in ("phase", "done", "total", "percent")} == {
        "phase": "opslaan",
        "done": 10,
        "total": 40,
        "percent": 25,
    }
    assert others.status_code == 404
    assert api_as(colleague).get("/api/v1/jobs/").json()["count"] == 0
