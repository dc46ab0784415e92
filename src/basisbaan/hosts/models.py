from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.core.concurrency import VersionedModel
from basisbaan.hosts.constants import HostKind, Track
from basisbaan.tenancy.models import TenantModel


class Host(VersionedModel, TenantModel):
    """An organisation where participants work (werkgever, inlener, wijkteam)."""

    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort"), max_length=30, choices=HostKind.choices)
    kvk_number = models.CharField(_("KvK-nummer"), max_length=8, blank=True)
    street = models.CharField(_("straat en huisnummer"), max_length=120, blank=True)
    postcode = models.CharField(_("postcode"), max_length=7, blank=True)
    city = models.CharField(_("plaats"), max_length=80, blank=True)
    notes = models.TextField(_("notities"), blank=True)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="host_name_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return self.name


class HostContact(VersionedModel, TenantModel):
    """A contact person at a host (begeleider op de werkvloer, HR, leidinggevende)."""

    host = models.ForeignKey(
        Host, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("werkgever")
    )
    name = models.CharField(_("naam"), max_length=120)
    role = models.CharField(_("functie"), max_length=80, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        indexes = [
            # The list's order, led by the municipality (issue 19: tests/test_list_plans.py).
            models.Index(fields=["municipality", "name", "id"], name="host_contact_muni_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Position(VersionedModel, TenantModel):
    """A host's place for basisbaan participants: tasks, hours and track."""

    # PROTECT: a host with positions is made inactive, not deleted.
    host = models.ForeignKey(
        Host, on_delete=models.PROTECT, related_name="positions", verbose_name=_("werkgever")
    )
    title = models.CharField(_("functie"), max_length=120)
    tasks = models.TextField(_("taken"), blank=True)
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("40"))],
    )
    track = models.CharField(_("spoor"), max_length=20, choices=Track.choices)
    places = models.PositiveSmallIntegerField(
        _("aantal plekken"), default=1, validators=[MinValueValidator(1)]
    )
    is_open = models.BooleanField(_("open voor plaatsing"), default=True)

    class Meta:
        ordering = ["host__name", "title", "id"]
        verbose_name = _("werkplek")
        verbose_name_plural = _("werkplekken")

    def __str__(self) -> str:
        return f"{self.title} ({self.host.name})"
