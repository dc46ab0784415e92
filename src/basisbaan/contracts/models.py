from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.tenancy.models import TenantModel


class Contract(TenantModel):
    """An employment contract of a participant, made of one or more periods.

    The legal employer is the payroll party (such as Caparis) or the host.
    """

    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="contracts",
        verbose_name=_("deelnemer"),
    )
    placement = models.ForeignKey(
        Placement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
        verbose_name=_("plaatsing"),
    )
    employer_name = models.CharField(
        _("juridisch werkgever"), max_length=150, help_text=_("Bijvoorbeeld Caparis.")
    )
    reference = models.CharField(_("kenmerk"), max_length=40, blank=True)
    employee_number = models.CharField(
        _("personeelsnummer"),
        max_length=30,
        blank=True,
        help_text=_(
            "Het nummer van de deelnemer bij de juridisch werkgever (salarisadministratie)."
        ),
    )
    wage_subsidy = models.BooleanField(
        _("met loonkostensubsidie"),
        default=False,
        help_text=_("De werkgever ontvangt loonkostensubsidie (LKS) voor dit contract."),
    )

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(
                fields=["municipality", "employee_number"], name="contract_employee_number"
            )
        ]
        verbose_name = _("arbeidsovereenkomst")
        verbose_name_plural = _("arbeidsovereenkomsten")

    def __str__(self) -> str:
        return f"{self.participant} – {self.employer_name}"


class ContractPeriod(TenantModel):
    """One fixed term of a contract: the first period or a renewal."""

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="periods", verbose_name=_("contract")
    )
    sequence = models.PositiveSmallIntegerField(_("volgnummer"))
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"))
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("40"))],
    )
    hourly_wage = models.DecimalField(
        _("uurloon"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )

    class Meta:
        ordering = ["contract", "sequence"]
        verbose_name = _("contractperiode")
        verbose_name_plural = _("contractperiodes")
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "sequence"], name="contract_period_sequence_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="contract_period_end_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} #{self.sequence}"
