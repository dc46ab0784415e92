"""A programme's budget per year, manual expenditures and planned starts.

Actual payroll costs are not copied here: they are read from
:class:`~basisbaan.payroll.models.PayrollEntry` when the budget is shown, so
the budget can never disagree with the imported files.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.budgets.constants import IV3_LABOUR_PARTICIPATION, Category
from basisbaan.core.concurrency import VersionedModel
from basisbaan.core.formatting import month_text
from basisbaan.hosts.constants import Track
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import TenantModel

ZERO = Decimal(0)


class Budget(VersionedModel, TenantModel):
    """The amount a programme may spend in one calendar year, and how the year closed.

    Closing records what was spent and what went to the accounts result
    (rekeningresultaat); a closed year is locked.
    """

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="budgets", verbose_name=_("programma")
    )
    year = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    amount = models.DecimalField(
        _("budget"), max_digits=14, decimal_places=2, validators=[MinValueValidator(ZERO)]
    )
    iv3_task_field = models.CharField(
        _("taakveld (Iv3)"),
        max_length=80,
        default=IV3_LABOUR_PARTICIPATION,
        help_text=_("Bijvoorbeeld 6.5 Arbeidsparticipatie."),
    )
    municipal_programme = models.CharField(
        _("programma in de begroting"),
        max_length=120,
        blank=True,
        help_text=_("Het programma van de gemeentebegroting, bijvoorbeeld Bestaanszekerheid."),
    )
    note = models.TextField(_("toelichting"), blank=True)
    closed_at = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgesloten door"),
    )
    spent_at_close = models.DecimalField(
        _("besteed bij afsluiten"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    accounts_result = models.DecimalField(
        _("naar het rekeningresultaat"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Het niet bestede deel, vastgelegd bij het afsluiten van het jaar."),
    )
    missing_at_close = models.JSONField(
        _("maanden zonder verloning bij afsluiten"),
        default=list,
        blank=True,
        help_text=_("De maanden (jjjj-mm) waarin voor een contract geen verloning was ingelezen."),
    )
    close_reason = models.TextField(
        _("reden van afsluiten ondanks ontbrekende verloning"), blank=True
    )
    reopened_at = models.DateTimeField(_("heropend op"), null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("heropend door"),
    )
    reopen_reason = models.TextField(_("reden van heropenen"), blank=True)

    class Meta:
        ordering = ["programme", "year"]
        verbose_name = _("budget")
        verbose_name_plural = _("budgetten")
        constraints = [
            models.UniqueConstraint(fields=["programme", "year"], name="budget_one_per_year"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} {self.year}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


class Expenditure(TenantModel):
    """A manual expenditure charged to a budget year (research, other costs …)."""

    budget = models.ForeignKey(
        Budget, on_delete=models.PROTECT, related_name="expenditures", verbose_name=_("budget")
    )
    category = models.CharField(_("soort"), max_length=20, choices=Category.choices)
    booked_on = models.DateField(_("datum"))
    amount = models.DecimalField(_("bedrag"), max_digits=14, decimal_places=2)
    description = models.CharField(_("omschrijving"), max_length=200)

    class Meta:
        ordering = ["budget", "booked_on", "id"]
        verbose_name = _("uitgave")
        verbose_name_plural = _("uitgaven")

    def __str__(self) -> str:
        return f"{self.description} ({self.booked_on:%d-%m-%Y})"


class PlannedStart(TenantModel):
    """New participants the programme manager plans to start in a month."""

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="planned_starts",
        verbose_name=_("programma"),
    )
    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    count = models.PositiveSmallIntegerField(
        _("aantal"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    hours_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("40"))],
    )
    track = models.CharField(_("spoor"), max_length=20, choices=Track.choices)
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        ordering = ["programme", "month", "id"]
        verbose_name = _("geplande instroom")
        verbose_name_plural = _("geplande instroom")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="planned_start_first_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.count} × {month_text(self.month)}"
