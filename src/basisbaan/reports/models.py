"""A council report (raadsinformatiebrief / voortgangsrapportage) in versions, and
the municipality's house style for its documents."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.programmes.models import Programme
from basisbaan.reports.constants import ReportStatus
from basisbaan.tenancy.models import TenantModel


class CouncilReport(TenantModel):
    """One version of a council report of a programme.

    A draft holds the programme manager's texts (``texts``: section key -> text)
    and is computed from live data whenever it is shown. Finalising freezes it:
    ``figures`` (the generated blocks as published, small numbers already
    suppressed), the texts with their fields filled in, and ``content_hash`` (SHA-256
    of both) are stored and never change again (services refuse it, and so does
    :meth:`save`). A final version is replaced by a new version that supersedes it.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programma")
    )
    title = models.CharField(_("titel"), max_length=200)
    as_of = models.DateField(_("peildatum"))
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    number = models.PositiveIntegerField(_("versie"), default=1)
    previous = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="next_version",
        verbose_name=_("vorige versie"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    texts = models.JSONField(_("teksten"), default=dict, blank=True)
    figures = models.JSONField(_("cijfers"), null=True, blank=True, editable=False)
    filled_texts = models.JSONField(_("ingevulde teksten"), null=True, blank=True, editable=False)
    content_hash = models.CharField(_("inhoudshash"), max_length=64, blank=True, editable=False)
    finalised_at = models.DateTimeField(_("definitief gemaakt op"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("definitief gemaakt door"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )

    class Meta:
        verbose_name = _("raadsrapportage")
        verbose_name_plural = _("raadsrapportages")
        ordering = ["-as_of", "-number", "-id"]
        indexes = [models.Index(fields=["municipality", "programme", "-as_of"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="report_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"

    @property
    def is_draft(self) -> bool:
        return self.status == ReportStatus.DRAFT

    def save(self, *args: Any, **kwargs: Any) -> None:
        """A frozen version never changes: only its status may move to superseded."""
        if self.pk is not None:
            stored = (
                type(self)
                .objects.filter(pk=self.pk)
                .values("status", "content_hash", "texts", "figures")
                .first()
            )
            if stored is not None and stored["status"] != ReportStatus.DRAFT:
                frozen_changed = (
                    stored["content_hash"] != self.content_hash
                    or stored["texts"] != self.texts
                    or stored["figures"] != self.figures
                )
                if frozen_changed or self.status == ReportStatus.DRAFT:
                    raise ValueError("A final council report cannot be changed.")
        super().save(*args, **kwargs)


class HouseStyle(TenantModel):
    """The municipality's house style for its documents: configuration, not code."""

    name = models.CharField(_("naam in de kop"), max_length=120, blank=True)
    colour = models.CharField(_("huiskleur"), max_length=7, default="#1f4e79")
    accent = models.CharField(_("accentkleur"), max_length=7, default="#c8102e")
    font = models.CharField(_("lettertype"), max_length=80, default="DejaVu Sans")
    logo_svg = models.TextField(_("logo (SVG)"), blank=True)
    logo_alt = models.CharField(_("tekstalternatief van het logo"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("huisstijl")
        verbose_name_plural = _("huisstijlen")
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="one_house_style"),
        ]

    def __str__(self) -> str:
        return self.name or str(self.municipality)
