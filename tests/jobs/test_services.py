from __future__ import annotations

import datetime as dt

import pytest

from django.utils import timezone

from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.jobs.services import fail_stale_jobs, start_job
from basisbaan.jobs.tasks import run_job
from tests.factories import ProgrammeFactory
from tests.jobs.conftest import CALLS
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def test_a_job_runs_and_keeps_its_result(municipality, controller):
    job = start_job(
        municipality=municipality,
        actor=controller,
        kind="test.count",
        label="Tellen",
        params={"total": 4},
    )

    assert (job.status, job.result, job.result_url, job.message) == (
        JobStatus.DONE,
        {"counted": 4},
        "/programmas/",
        "Geteld.",
    )
    assert (job.done, job.total) == (4, 4)
    assert job.created_by == controller
    assert job.started_at is not None and job.finished_at >= job.started_at
    assert job.task_id


@pytest.mark.parametrize(
    ("error", "message"),
    [
        ("job", "Het bestand past niet bij dit programma."),
        ("memory", "Deze taak had meer geheugen nodig dan de verwerking mag gebruiken."),
        ("crash", "Er ging iets mis bij het verwerken. Er is niets opgeslagen."),
    ],
)
def test_a_failing_job_leaves_nothing_half_written(municipality, controller, error, message):
    programme = ProgrammeFactory(municipality=municipality, name="Basisbaan")

    with unchanged(programme, ignore=[Job]):
        job = start_job(
            municipality=municipality,
            actor=controller,
            kind="test.break",
            label="Breken",
            params={"programme": programme.pk, "error": error},
        )

    assert job.status == JobStatus.FAILED
    assert job.message.startswith(message)
    assert "123456782" not in job.message  # the exception's text is for the log only
    assert [f"tidy {job.pk}"] == CALLS
    programme.refresh_from_db()
    assert programme.name == "Basisbaan"


def test_an_unreachable_queue_records_a_failed_job(municipality, controller, settings):
    settings.TASKS = {"default": {"BACKEND": "tests.jobs.backends.UnreachableBackend"}}

    job = start_job(municipality=municipality, actor=controller, kind="test.count", label="Tellen")

    assert job.status == JobStatus.FAILED
    assert job.message.startswith("De taak kon niet in de wachtrij worden gezet")


def test_a_job_is_run_once(municipality, controller):
    job = start_job(municipality=municipality, actor=controller, kind="test.count", label="Tellen")
    finished = job.finished_at

    run_job.call(job.pk)  # a second delivery of the same task

    job.refresh_from_db()
    assert (job.status, job.finished_at) == (JobStatus.DONE, finished)


def test_stale_jobs_are_given_up_and_only_those(municipality, controller, settings):
    settings.JOB_TIMEOUT = 3600
    now = timezone.now()

    def job(status, *, started=None, created=None):
        record = Job.objects.create(
            municipality=municipality,
            created_by=controller,
            kind="test.break",
            label="x",
            status=status,
            started_at=started,
        )
        if created is not None:
            Job.objects.filter(pk=record.pk).update(created_at=created)
        return record

    long_running = job(JobStatus.RUNNING, started=now - dt.timedelta(seconds=3601))
    running = job(JobStatus.RUNNING, started=now - dt.timedelta(seconds=3500))
    forgotten = job(JobStatus.QUEUED, created=now - dt.timedelta(days=1, minutes=1))
    waiting = job(JobStatus.QUEUED, created=now - dt.timedelta(hours=23))

    given_up = fail_stale_jobs(now=now)

    assert sorted(given_up) == sorted([long_running.pk, forgotten.pk])
    statuses = dict(Job.objects.values_list("pk", "status"))
    assert statuses == {
        long_running.pk: JobStatus.FAILED,
        running.pk: JobStatus.RUNNING,
        forgotten.pk: JobStatus.FAILED,
        waiting.pk: JobStatus.QUEUED,
    }
    assert Job.objects.get(pk=long_running.pk).message.startswith("Deze taak is afgebroken")
    assert sorted(CALLS) == sorted([f"tidy {long_running.pk}", f"tidy {forgotten.pk}"])


def test_the_log_lines_of_a_job_carry_the_request_that_started_it(municipality, controller):
    job = start_job(municipality=municipality, actor=controller, kind="test.context", label="Log")

    assert job.result == {
        "request_id": str(job.request_id),
        "job_id": job.pk,
        "job_kind": "test.context",
        "municipality": municipality.slug,
        "user_id": controller.pk,
    }
