"""The core app's one table: the data versions (see :mod:`basisbaan.core.versions`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """A counter per municipality (scope ``m<id>``) and one for the national
    figures (scope ``national``), raised after every committed change to the data a
    computed answer (forecast, capacity) reads. Cached answers are keyed by it."""

    scope = models.CharField(_("bereik"), max_length=20, primary_key=True)
    number = models.PositiveBigIntegerField(_("versie"), default=0)

    class Meta:
        verbose_name = _("gegevensversie")
        verbose_name_plural = _("gegevensversies")

    def __str__(self) -> str:
        return f"{self.scope}: {self.number}"
