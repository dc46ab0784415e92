"""The background job that computes a programme's shared figures again."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from basisbaan.jobs.models import Job
from basisbaan.jobs.registry import JobKind, JobOutcome, Progress, register
from basisbaan.programmes.models import Programme
from basisbaan.regions.services import figures_refresh

REFRESH = "regions.refresh"


def _run(job: Job, progress: Progress) -> JobOutcome:
    programme = Programme.objects.get(pk=job.params["programme"], municipality=job.municipality)
    progress(_("Cijfers berekenen"), 0, 1)
    row = figures_refresh(
        actor=job.created_by, programme=programme, as_of=dt.date.fromisoformat(job.params["as_of"])
    )
    progress(_("Cijfers berekenen"), 1, 1)
    return JobOutcome(
        result={"programme": programme.pk, "as_of": row.as_of.isoformat()},
        url=reverse("regions:sharing"),
        message=_("De gedeelde cijfers zijn bijgewerkt."),
    )


def register_jobs() -> None:
    register(JobKind(REFRESH, _run))
