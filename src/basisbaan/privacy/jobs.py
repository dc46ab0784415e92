"""The subject-access export in the background (kind ``privacy.subject_access``).

The PDF of a large record takes tens of seconds; the page starts a job, shows
its progress, and then offers the file (:class:`~basisbaan.privacy.models.ExportFile`)
to the user who asked. The command line (``basisbaan subject_access``) still
writes the file itself.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.jobs.models import Job
from basisbaan.jobs.registry import JobError, JobKind, JobOutcome, Progress, register
from basisbaan.jobs.services import start_job
from basisbaan.participants.models import Participant
from basisbaan.privacy.services import subject_access_export
from basisbaan.tenancy.models import User

__all__ = ["SUBJECT_ACCESS", "register_jobs", "start_subject_access"]

SUBJECT_ACCESS = "privacy.subject_access"


def start_subject_access(*, participant: Participant, actor: User, file_format: str) -> Job:
    """Start making the export; the job's label names no person."""
    return start_job(
        municipality=participant.municipality,
        actor=actor,
        kind=SUBJECT_ACCESS,
        label=_("Inzageverzoek als %(format)s") % {"format": file_format.upper()},
        params={"participant": participant.pk, "format": file_format},
    )


def _run(job: Job, progress: Progress) -> JobOutcome:
    participant = Participant.objects.filter(
        pk=job.params["participant"], municipality=job.municipality
    ).first()
    if participant is None:
        raise JobError(_("Deze deelnemer bestaat niet (meer); er is niets gemaakt."))
    if job.created_by is None:
        raise JobError(_("Alleen een gebruiker kan een inzageverzoek downloaden."))
    export = subject_access_export(
        participant=participant,
        actor=job.created_by,
        file_format=job.params["format"],
        today=timezone.localdate(job.created_at),
        job_id=job.pk,
        progress=progress,
    )
    return JobOutcome(
        result={"export": export.pk},
        url=export.get_absolute_url(),
        message=_("Het bestand staat klaar om te downloaden."),
    )


def register_jobs() -> None:
    register(JobKind(SUBJECT_ACCESS, _run))
