"""Housekeeping removes expired temporary data, and only that."""

from __future__ import annotations

import datetime as dt
import json
import os

import pytest

from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from basisbaan.audit.models import AuditEntry
from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.payroll.constants import ImportStatus
from basisbaan.payroll.models import PayrollImport, PayrollUpload
from basisbaan.privacy.housekeeping import housekeeping
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def preview(municipality, user, *, hours_ago: float, status=ImportStatus.PREVIEW) -> PayrollImport:
    record = PayrollImport.objects.create(
        municipality=municipality,
        file_name="loon.csv",
        sha256="0" * 64,
        uploaded_by=user,
        status=status,
        started_at=timezone.now() - dt.timedelta(hours=hours_ago),
    )
    PayrollUpload.objects.create(
        municipality=municipality, payroll_import=record, content=b"bsn;..."
    )
    return record


def test_expired_previews_go_and_only_those(municipality, controller, settings, tmp_path):
    settings.RETENTION_PAYROLL_PREVIEW_DAYS = 1
    settings.TEMP_DIR = tmp_path
    ProgrammeFactory(municipality=municipality)
    old = preview(municipality, controller, hours_ago=49)  # uploaded on 16-11, today 18-11
    fresh = preview(municipality, controller, hours_ago=20)
    imported = preview(municipality, controller, hours_ago=100, status=ImportStatus.IMPORTED)
    PayrollUpload.objects.filter(payroll_import=imported).delete()

    report = housekeeping()

    assert report.payroll_previews == [old.pk]
    assert list(PayrollUpload.objects.values_list("payroll_import_id", flat=True)) == [fresh.pk]
    statuses = dict(PayrollImport.objects.values_list("pk", "status"))
    assert statuses == {
        old.pk: ImportStatus.CANCELLED,
        fresh.pk: ImportStatus.PREVIEW,
        imported.pk: ImportStatus.IMPORTED,
    }
    entry = AuditEntry.objects.get(object_type="housekeeping")
    assert entry.changes["purged"]["payroll_previews"] == 1
    assert (
        AuditEntry.objects.filter(
            object_type="payroll.payrollimport", object_id=str(old.pk)
        ).count()
        == 1
    )


def test_old_jobs_stale_jobs_sessions_and_temp_files(municipality, controller, settings, tmp_path):
    settings.TEMP_DIR = tmp_path
    settings.RETENTION_TEMP_FILE_DAYS = 2
    settings.JOB_RETENTION_DAYS = 30
    settings.JOB_TIMEOUT = 3600
    now = timezone.now()
    old_file, new_file = tmp_path / "oud.pdf", tmp_path / "nieuw.pdf"
    for path, days in ((old_file, 5), (new_file, 0)):
        path.write_bytes(b"%PDF")
        stamp = (now - dt.timedelta(days=days)).timestamp()
        os.utime(path, (stamp, stamp))

    def job(status, finished_days_ago=None, started_hours_ago=None):
        return Job.objects.create(
            municipality=municipality,
            created_by=controller,
            kind="payroll.check",
            label="x",
            status=status,
            params={"import": 0},
            started_at=now - dt.timedelta(hours=started_hours_ago) if started_hours_ago else None,
            finished_at=now - dt.timedelta(days=finished_days_ago) if finished_days_ago else None,
        )

    ancient = job(JobStatus.DONE, finished_days_ago=31)
    recent = job(JobStatus.DONE, finished_days_ago=29)
    stuck = job(JobStatus.RUNNING, started_hours_ago=2)
    expired = SessionStore()
    expired.set_expiry(-10)
    expired.create()
    alive = SessionStore()
    alive.create()

    report = housekeeping(now=now)

    assert report.stale_jobs == [stuck.pk]
    assert report.old_jobs == 1
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, stuck.pk}
    assert Job.objects.get(pk=stuck.pk).status == JobStatus.FAILED
    assert report.temp_files == ["oud.pdf"]
    assert not old_file.exists() and new_file.exists()
    assert report.sessions == 1
    assert list(Session.objects.values_list("session_key", flat=True)) == [alive.session_key]
    assert ancient.pk not in Job.objects.values_list("pk", flat=True)


def test_the_command_reports_in_json(municipality, capsys, settings, tmp_path):
    settings.TEMP_DIR = tmp_path

    call_command("housekeeping", "--format", "json")

    report = json.loads(capsys.readouterr().out)
    assert report["payroll_previews"] == 0 and report["stale_jobs"] == 0
    assert set(report) >= {"at", "temp_files", "old_jobs", "sessions", "api_tokens", "exports"}
