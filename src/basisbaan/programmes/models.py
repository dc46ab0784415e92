from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.core.concurrency import VersionedModel
from basisbaan.tenancy.models import TenantModel


class Programme(VersionedModel, TenantModel):
    """A municipality's basisbaan programme (pilot or structural), with its period.

    Intake can be closed, for example for budget reasons; the reason is kept and
    while it is closed no new placement may start.
    """

    name = models.CharField(_("naam"), max_length=120)
    slug = models.SlugField(_("korte naam"), max_length=60)
    description = models.TextField(_("omschrijving"), blank=True)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"))
    intake_open = models.BooleanField(_("instroom open"), default=True)
    intake_closed_reason = models.TextField(_("reden instroomstop"), blank=True)
    intake_changed_at = models.DateTimeField(_("instroom gewijzigd op"), null=True, blank=True)
    contract_period_months = models.PositiveSmallIntegerField(
        _("duur contractperiode (maanden)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
        help_text=_("Standaardduur van een eerste contract en van elke verlenging."),
    )

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("programma")
        verbose_name_plural = _("programma's")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "slug"], name="programme_slug_unique_per_municipality"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="programme_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.name
