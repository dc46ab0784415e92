from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.core.concurrency import VersionedModel
from basisbaan.hosts.constants import Track
from basisbaan.hosts.models import Position
from basisbaan.participants.models import Participant
from basisbaan.placements.constants import PlacementStatus
from basisbaan.placements.status import placement_status
from basisbaan.tenancy.models import TenantModel


class Placement(VersionedModel, TenantModel):
    """A participant working at a host's position, on one of the two tracks."""

    # PROTECT: placements are history; end them, do not delete the participant.
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="placements",
        verbose_name=_("deelnemer"),
    )
    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="placements", verbose_name=_("werkplek")
    )
    track = models.CharField(_("spoor"), max_length=20, choices=Track.choices)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    end_reason = models.CharField(_("reden einde"), max_length=200, blank=True)

    class Meta:
        ordering = ["-start_date", "id"]
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="placement_end_after_start",
            ),
            # One running placement per participant (a running one has no end
            # date); placement_create checks this first under row locks.
            models.UniqueConstraint(
                fields=["participant"],
                condition=models.Q(end_date__isnull=True),
                name="placement_one_active_per_participant",
                violation_error_message=_("Deze deelnemer heeft al een lopende plaatsing."),
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "-start_date"], name="placement_muni_start")
        ]

    def __str__(self) -> str:
        return f"{self.participant} – {self.position}"

    def status_on(self, today: dt.date) -> PlacementStatus:
        """Gepland, lopend or beëindigd on ``today`` (:func:`~basisbaan.placements.status.placement_status`)."""
        return placement_status(self.start_date, self.end_date, today=today)
