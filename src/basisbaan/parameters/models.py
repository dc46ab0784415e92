from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.parameters.constants import LocalSchemeKind, ParameterKey
from basisbaan.tenancy.models import TenantModel


class ParameterValue(models.Model):
    """One legal or financial figure from a date on, with its source.

    A value holds until the next row of the same key. National, not per
    municipality: the law is the same everywhere.
    """

    key = models.CharField(_("parameter"), max_length=40, choices=ParameterKey.choices)
    effective_date = models.DateField(_("geldig vanaf"))
    # 12 decimals: the huurtoeslag factors are about 4e-7.
    value = models.DecimalField(_("waarde"), max_digits=22, decimal_places=12)
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


class LocalScheme(TenantModel):
    """A municipality's own scheme for low incomes, for "does work pay?".

    Individuele inkomenstoeslag, remission of local taxes or another scheme
    (a city pass, a sports fund): a yearly amount per household type while the
    household's net income is at most ``income_limit`` times its assistance
    norm (1.10 = 110 %). Holds from ``valid_from`` to ``valid_until`` (open end).
    """

    name = models.CharField(_("naam"), max_length=120)
    kind = models.CharField(_("soort"), max_length=20, choices=LocalSchemeKind.choices)
    income_limit = models.DecimalField(
        _("inkomensgrens (deel van de norm)"), max_digits=5, decimal_places=4
    )
    amount_single = models.DecimalField(
        _("bedrag per jaar, alleenstaande"), max_digits=9, decimal_places=2
    )
    amount_single_parent = models.DecimalField(
        _("bedrag per jaar, alleenstaande ouder"), max_digits=9, decimal_places=2
    )
    amount_couple = models.DecimalField(
        _("bedrag per jaar, gehuwden of samenwonenden"), max_digits=9, decimal_places=2
    )
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    source = models.CharField(_("bron"), max_length=300, blank=True)
    is_assumption = models.BooleanField(_("aanname"), default=False)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)

    class Meta:
        ordering = ["name", "valid_from", "id"]
        verbose_name = _("lokale regeling")
        verbose_name_plural = _("lokale regelingen")
        indexes = [
            models.Index(fields=["municipality", "valid_from"], name="localscheme_muni_from")
        ]

    def __str__(self) -> str:
        return self.name
