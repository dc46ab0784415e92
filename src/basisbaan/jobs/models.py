"""A background job: long work a user started, with its outcome.

The job row is the durable record (who, what, when, how it ended); the live
progress while it runs lives in the ``jobs`` cache (see :mod:`.progress`),
because the work itself runs in one database transaction whose writes nobody
sees before it ends.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from basisbaan.jobs.constants import FINISHED, JobStatus
from basisbaan.tenancy.models import TenantModel


class Job(TenantModel):
    kind = models.CharField(_("soort"), max_length=60)
    label = models.CharField(_("omschrijving"), max_length=200)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    # PROTECT: who started work on a municipality's data stays known.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gestart door"),
    )
    params = models.JSONField(_("invoer"), default=dict, blank=True)
    # The request that started the job: its audit entries carry the same id.
    request_id = models.UUIDField(_("verzoek-id"), null=True, blank=True)
    channel = models.CharField(_("kanaal"), max_length=10, blank=True)
    task_id = models.CharField(_("taak-id"), max_length=64, blank=True)
    started_at = models.DateTimeField(_("begonnen op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    done = models.PositiveBigIntegerField(_("verwerkt"), default=0)
    total = models.PositiveBigIntegerField(_("totaal"), default=0)
    message = models.TextField(_("melding"), blank=True)
    result = models.JSONField(_("resultaat"), default=dict, blank=True)
    result_url = models.CharField(_("resultaat-adres"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        indexes = [
            models.Index(
                fields=["municipality", "created_by", "-created_at"], name="job_muni_user"
            ),
            models.Index(fields=["status", "created_at"], name="job_status_time"),
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("jobs:detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.status in FINISHED


__all__ = ["Job"]
