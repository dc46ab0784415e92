from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.parameters.constants import ParameterKey


class ParameterValue(models.Model):
    """One legal or financial figure from a date on, with its source.

    A value holds until the next row of the same key. National, not per
    municipality: the law is the same everywhere.
    """

    key = models.CharField(_("parameter"), max_length=40, choices=ParameterKey.choices)
    effective_date = models.DateField(_("geldig vanaf"))
    value = models.DecimalField(_("waarde"), max_digits=12, decimal_places=6)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    is_assumption = models.BooleanField(
        _("aanname"),
        default=False,
        help_text=_("Nog niet gepubliceerd: een aanname van de controller."),
    )
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        ordering = ["key", "effective_date"]
        verbose_name = _("parameterwaarde")
        verbose_name_plural = _("parameterwaarden")
        constraints = [
            models.UniqueConstraint(
                fields=["key", "effective_date"], name="parameter_one_value_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} vanaf {self.effective_date:%d-%m-%Y}: {self.value}"
