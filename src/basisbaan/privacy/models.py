"""A subject-access export made in the background, kept for its maker to download.

The PDF of a large record takes tens of seconds, longer than a web request may
last, so a job makes it (:mod:`basisbaan.privacy.jobs`) and keeps it here:
only the user who asked may download it, each download is audited, and it is
removed a day later (:func:`basisbaan.privacy.services.purge_expired_exports`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from basisbaan.tenancy.models import TenantModel


class ExportFile(TenantModel):
    # The job that made it; the job stays known after the file is gone.
    job = models.ForeignKey(
        "jobs.Job",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("taak"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gemaakt door"),
    )
    # Whose data it holds: a download is audited as an export of this participant.
    participant = models.ForeignKey(
        "participants.Participant",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("deelnemer"),
    )
    file_format = models.CharField(_("formaat"), max_length=10)
    file_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("inhoudstype"), max_length=100)
    content = models.BinaryField(_("inhoud"))
    expires_at = models.DateTimeField(_("verloopt op"))

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("exportbestand")
        verbose_name_plural = _("exportbestanden")
        indexes = [models.Index(fields=["expires_at"], name="exportfile_expires")]

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("privacy:export", args=[self.pk])


__all__ = ["ExportFile"]
