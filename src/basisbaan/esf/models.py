"""ESF+ operations, the registration of their participants with the results after
leaving, and the staff members' dated employment costs for the cost claim."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.esf.constants import Answer, Education, EventKind, Gender, LabourStatus
from basisbaan.participants.models import Participant
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import TenantModel


def _answer(label: Any) -> models.CharField:  # type: ignore[type-arg]
    return models.CharField(label, max_length=10, choices=Answer.choices, blank=True)


class EsfOperation(TenantModel):
    """A programme as an ESF+ operation (concrete actie): co-financed or not, its
    period and target group, and the flat rate on top of the direct staff costs
    (taken from the parameters when the operation is recorded)."""

    programme = models.OneToOneField(
        Programme,
        on_delete=models.PROTECT,
        related_name="esf_operation",
        verbose_name=_("programma"),
    )
    co_financed = models.BooleanField(_("ESF+-gecofinancierd"), default=True)
    reference = models.CharField(_("dossiernummer"), max_length=60, blank=True)
    start_date = models.DateField(_("begin van de operatie"))
    end_date = models.DateField(_("einde van de operatie"))
    target_group = models.CharField(_("doelgroep"), max_length=300)
    birth_date_needed = models.BooleanField(
        _("geboortedatum nodig voor de doelgroep"),
        default=False,
        help_text=_("Alleen dan staat de geboortedatum op de deelnemerslijst."),
    )
    flat_rate = models.DecimalField(
        _("forfait op de directe personeelskosten"),
        max_digits=5,
        decimal_places=4,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("0.4"))],
    )
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["-start_date", "id"]
        verbose_name = _("ESF+-operatie")
        verbose_name_plural = _("ESF+-operaties")

    def __str__(self) -> str:
        return self.reference or str(self.programme)


class EsfRegistration(TenantModel):
    """A participant in an operation: the output data at entry, the leaving date.

    The results after leaving come from :class:`EsfResultEvent` and the six-month
    follow-up (outcomes); they are computed, never stored.
    """

    operation = models.ForeignKey(
        EsfOperation,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("operatie"),
    )
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="esf_registrations",
        verbose_name=_("deelnemer"),
    )
    entry_date = models.DateField(_("datum van instroom"))
    labour_status = models.CharField(
        _("arbeidsmarktsituatie bij instroom"),
        max_length=30,
        choices=LabourStatus.choices,
        blank=True,
    )
    education = models.CharField(
        _("hoogst behaalde opleiding"), max_length=20, choices=Education.choices, blank=True
    )
    disability = models.BooleanField(_("beperking"), null=True, blank=True)
    gender = models.CharField(_("geslacht"), max_length=20, choices=Gender.choices, blank=True)
    third_country = _answer(_("onderdaan van een derde land"))
    foreign_background = _answer(_("buitenlandse achtergrond"))
    minority = _answer(_("minderheid (ook Roma)"))
    homeless = _answer(_("dakloos of uitgesloten van huisvesting"))
    rural = _answer(_("woont in plattelandsgebied"))
    target_group_evidence = models.TextField(_("bewijs doelgroep"), blank=True)
    activities = models.CharField(_("activiteiten"), max_length=300, blank=True)
    leaving_date = models.DateField(_("datum van vertrek"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    class Meta:
        ordering = ["entry_date", "id"]
        verbose_name = _("ESF+-registratie")
        verbose_name_plural = _("ESF+-registraties")
        constraints = [
            models.UniqueConstraint(
                fields=["operation", "participant"], name="esf_one_registration_per_participant"
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "operation"], name="esf_reg_muni_op"),
            # The list's order, led by the municipality (issue 19: tests/test_list_plans.py).
            models.Index(fields=["municipality", "entry_date", "id"], name="esf_reg_muni_entry"),
        ]

    def __str__(self) -> str:
        return f"ESF+ {self.entry_date:%d-%m-%Y}"


class EsfResultEvent(TenantModel):
    """A dated labour-market event after leaving (the last within 28 days counts)."""

    registration = models.ForeignKey(
        EsfRegistration,
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("registratie"),
    )
    date = models.DateField(_("datum"))
    kind = models.CharField(_("situatie"), max_length=20, choices=EventKind.choices)
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        ordering = ["date", "id"]
        verbose_name = _("ESF+-resultaat")
        verbose_name_plural = _("ESF+-resultaten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date:%d-%m-%Y})"


class StaffRate(TenantModel):
    """A staff member's annual gross employment cost from a day on (salary data:
    ESF_CLAIM only). The hourly rate of a day is that of the latest row on or before it."""

    # PROTECT: a staff account with rates is deactivated, not deleted.
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="esf_rates",
        verbose_name=_("medewerker"),
    )
    valid_from = models.DateField(_("geldig vanaf"))
    annual_cost = models.DecimalField(
        _("jaarlijkse brutowerkgeverskosten"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("1000000"))],
    )
    part_time_factor = models.DecimalField(
        _("deeltijdfactor"),
        max_digits=5,
        decimal_places=4,
        default=Decimal(1),
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal(1))],
        help_text=_("1 is voltijd, 0,5 is halve tijd."),
    )
    source = models.CharField(_("brondocument"), max_length=300)

    class Meta:
        ordering = ["staff", "valid_from", "id"]
        verbose_name = _("uurtarief ESF+")
        verbose_name_plural = _("uurtarieven ESF+")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "staff", "valid_from"], name="esf_rate_one_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.valid_from:%d-%m-%Y}"
