"""Shape of a job in the API: status, live progress, and the result when done."""

from __future__ import annotations

import time
from typing import Any

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.jobs.progress import read_progress


class ProgressSerializer(serializers.Serializer):  # type: ignore[type-arg]
    phase = serializers.CharField(help_text="Wat de taak nu doet (Nederlands), leeg als onbekend.")
    done = serializers.IntegerField(help_text="Verwerkt in deze fase (regels, trekkingen).")
    total = serializers.IntegerField(help_text="Totaal in deze fase; 0 als nog onbekend.")
    percent = serializers.IntegerField(allow_null=True)
    elapsed_seconds = serializers.FloatField()
    remaining_seconds = serializers.FloatField(allow_null=True, help_text="Geschatte resttijd.")


class JobSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    url = serializers.SerializerMethodField()
    status = serializers.ChoiceField(
        choices=JobStatus.choices,
        read_only=True,
        help_text="queued: wacht op de verwerking; running: bezig; done: klaar (zie result); "
        "failed: mislukt (zie message; er is niets opgeslagen).",
    )
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Job
        fields = [
            "id",
            "url",
            "kind",
            "label",
            "status",
            "created_at",
            "started_at",
            "finished_at",
            "progress",
            "message",
            "result",
            "result_url",
        ]
        read_only_fields = fields

    def get_url(self, job: Job) -> str:
        return reverse("api:job-detail", args=[job.pk])

    @extend_schema_field(ProgressSerializer)
    def get_progress(self, job: Job) -> dict[str, Any]:
        if job.finished:
            return {
                "phase": "",
                "done": job.done,
                "total": job.total,
                "percent": 100 if job.status == JobStatus.DONE and job.total else None,
                "elapsed_seconds": (
                    (job.finished_at - job.started_at).total_seconds()
                    if job.started_at and job.finished_at
                    else 0.0
                ),
                "remaining_seconds": 0.0 if job.status == JobStatus.DONE else None,
            }
        started = job.started_at.timestamp() if job.started_at else None
        live = read_progress(job.pk, started, now=time.time())
        return {
            "phase": live.phase,
            "done": live.figures.done,
            "total": live.figures.total,
            "percent": live.figures.percent,
            "elapsed_seconds": round(live.figures.elapsed, 1),
            "remaining_seconds": live.figures.remaining,
        }
