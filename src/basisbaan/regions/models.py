"""Regions, their member municipalities, regional users, and what a municipality
shares with a region.

A region and its members are set up for the whole installation (like a
municipality); a municipality decides per programme whether it shares its
aggregate figures (:class:`Sharing`) and can withdraw. What it shares is one row
of counts and amounts per programme (:class:`SharedFigures`), never a record.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from basisbaan.programmes.models import Programme
from basisbaan.regions.constants import DEFAULT_REGION_THRESHOLD, RegionKind
from basisbaan.tenancy.models import Municipality, TenantModel


class Region(models.Model):
    """A group of municipalities that compare their programmes, such as a labour-market
    region or the northern table of three."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=60, unique=True)
    kind = models.CharField(
        _("soort"), max_length=20, choices=RegionKind.choices, default=RegionKind.LABOUR_MARKET
    )
    description = models.CharField(_("omschrijving"), max_length=300, blank=True)
    threshold = models.PositiveSmallIntegerField(
        _("drempel kleine aantallen"),
        default=DEFAULT_REGION_THRESHOLD,
        validators=[MinValueValidator(2), MaxValueValidator(50)],
        help_text=_("Aantallen onder de drempel worden afgeschermd (minimaal die van de leden)."),
    )
    municipalities = models.ManyToManyField(
        Municipality,
        through="RegionMember",
        related_name="regions",
        verbose_name=_("gemeenten"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class RegionMember(models.Model):
    """A municipality that belongs to a region (it may then share figures with it)."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="members", verbose_name=_("regio")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("lid van een regio")
        verbose_name_plural = _("leden van regio's")
        constraints = [
            models.UniqueConstraint(fields=("region", "municipality"), name="regions_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} in {self.region}"


class RegionalAccess(models.Model):
    """A regional user: sees the region's comparison (shared aggregates only) and no
    municipality's records. The user needs no membership in a municipality."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="accesses", verbose_name=_("regio")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="regional_accesses",
        verbose_name=_("gebruiker"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("regionale toegang")
        verbose_name_plural = _("regionale toegang")
        constraints = [
            models.UniqueConstraint(fields=("region", "user"), name="regions_access_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.region}"


class Sharing(TenantModel):
    """A programme's figures shared with a region, from ``shared_at`` until withdrawn.

    A withdrawn sharing stays as history; sharing again makes a new row."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programma")
    )
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="sharings", verbose_name=_("regio")
    )
    shared_at = models.DateTimeField(_("gedeeld sinds"))
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gedeeld door"),
    )
    withdrawn_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )

    class Meta:
        verbose_name = _("delen met een regio")
        verbose_name_plural = _("delen met regio's")
        ordering = ("-shared_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("programme", "region"),
                condition=Q(withdrawn_at__isnull=True),
                name="regions_one_active_sharing",
            )
        ]
        indexes = [models.Index(fields=("region", "withdrawn_at"), name="regions_sharing_region")]

    def __str__(self) -> str:
        return f"{self.programme} → {self.region}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class SharedFigures(TenantModel):
    """A programme's aggregate figures on ``as_of`` by the shared definitions of
    ``version``: counts (``counts``: name -> count, unsuppressed: the comparison
    suppresses them), the gross cost in cents, basisbaan months and guidance hours in
    hundredths. One row per programme, replaced by each refresh."""

    programme = models.OneToOneField(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programma")
    )
    version = models.CharField(_("versie definities"), max_length=20)
    as_of = models.DateField(_("peildatum"))
    computed_at = models.DateTimeField(_("berekend op"))
    counts = models.JSONField(_("aantallen"), default=dict)
    cost_cents = models.BigIntegerField(_("bruto kosten (centen)"), default=0)
    participant_months = models.PositiveIntegerField(_("basisbaanmaanden"), default=0)
    guidance_hundredths = models.BigIntegerField(_("begeleidingsuren (honderdsten)"), default=0)

    class Meta:
        verbose_name = _("gedeelde cijfers")
        verbose_name_plural = _("gedeelde cijfers")

    def __str__(self) -> str:
        return f"{self.programme} ({self.as_of})"
