"""A programme's cost settings and a municipality's indexation assumptions.

Both feed the cost model through :func:`basisbaan.costs.inputs.build_cost_inputs`.
Rates are stored as fractions (0.08 = 8 %), amounts in euros with cents.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.parameters.constants import ParameterKey
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import TenantModel

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise

ZERO = Decimal(0)
ONE = Decimal(1)

# The keys the controller may index: those that change on a known cadence
# (see basisbaan.parameters.selectors.CADENCE). A key that changes only by a
# new decision is never indexed.
INDEXABLE_KEYS: tuple[str, ...] = (
    ParameterKey.MINIMUM_WAGE_HOURLY,
    ParameterKey.AWF_LOW,
    ParameterKey.AWF_HIGH,
    ParameterKey.UFO,
    ParameterKey.AOF_LOW,
    ParameterKey.AOF_HIGH,
    ParameterKey.CHILDCARE_SURCHARGE,
    ParameterKey.WHK,
    ParameterKey.ZVW_EMPLOYER,
    ParameterKey.MAX_PREMIUM_WAGE,
)
INDEXABLE_CHOICES = [(k, label) for k, label in ParameterKey.choices if k in INDEXABLE_KEYS]


def _fraction(
    verbose_name: str | _StrPromise, help_text: str | _StrPromise, default: Decimal = ZERO
) -> models.DecimalField:  # type: ignore[type-arg]
    """A rate between 0 and 1, six decimals (0.08 = 8 %)."""
    return models.DecimalField(
        verbose_name,
        max_digits=7,
        decimal_places=6,
        default=default,
        validators=[MinValueValidator(ZERO), MaxValueValidator(ONE)],
        help_text=help_text,
    )


class ProgrammeCostSettings(TenantModel):
    """What the cost model needs to know about a programme besides its contracts.

    One row per programme, made with the defaults below when first needed.
    """

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="cost_settings",
        verbose_name=_("programma"),
    )
    pension_rate = _fraction(
        verbose_name=_("pensioenpremie werkgever"),
        help_text=_(
            "Het effectieve werkgeversdeel van de pensioenpremie over brutoloon plus "
            "vakantiegeld (een franchise verwerkt u in dit percentage)."
        ),
    )
    monitoring_fee = models.DecimalField(
        _("monitoringskosten per deelnemer per maand"),
        max_digits=9,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Wat de verloningspartij per deelnemer per maand rekent (naar rato)."),
    )
    large_employer = models.BooleanField(
        _("grote werkgever (Aof hoog)"),
        default=True,
        help_text=_("De juridisch werkgever betaalt de hoge Aof-premie."),
    )
    government_employer = models.BooleanField(
        _("overheidswerkgever (Ufo)"),
        default=False,
        help_text=_("De juridisch werkgever is een overheidswerkgever en betaalt Ufo-premie."),
    )
    fixed_term_awf_high = models.BooleanField(
        _("tijdelijke contracten: hoge WW-premie"),
        default=True,
        help_text=_(
            "Volgens de wet betaalt een contract voor bepaalde tijd de hoge AWf-premie. "
            "Zet dit alleen uit voor een vastgelegde uitzondering."
        ),
    )
    wage_follows_minimum_wage = models.BooleanField(
        _("loon volgt het minimumloon"),
        default=True,
        help_text=_(
            "Het uurloon in de planning stijgt mee als het minimumloon hoger wordt dan het "
            "uurloon van de contractperiode (het loon mag nooit onder het minimumloon liggen)."
        ),
    )
    host_share = _fraction(
        verbose_name=_("bijdrage werkgever (deel van de kosten)"),
        help_text=_("Het deel van de maandkosten dat de plaatsingsorganisatie betaalt."),
    )
    host_contribution = models.DecimalField(
        _("bijdrage werkgever per maand"),
        max_digits=9,
        decimal_places=2,
        default=ZERO,
        validators=[MinValueValidator(ZERO)],
        help_text=_("Een vast bedrag per deelnemer per maand dat de werkgever betaalt."),
    )
    esf_share = _fraction(
        verbose_name=_("ESF+-deel"),
        help_text=_("Het deel van de maandkosten dat het Europees Sociaal Fonds+ betaalt."),
    )
    budget_buig = models.BooleanField(
        _("LKS (BUIG) ten laste van het programmabudget"),
        default=False,
        help_text=_("Aan als de loonkostensubsidie het programmabudget niet ontlast."),
    )
    budget_host = models.BooleanField(
        _("werkgeversbijdrage ten laste van het programmabudget"), default=False
    )
    budget_esf = models.BooleanField(
        _("ESF+-deel ten laste van het programmabudget"), default=False
    )
    deviation_rate = _fraction(
        verbose_name=_("drempel afwijking (percentage)"),
        help_text=_("Een afwijking telt als die groter is dan dit deel van de planning …"),
        default=Decimal("0.05"),
    )
    deviation_amount = models.DecimalField(
        _("drempel afwijking (bedrag)"),
        max_digits=9,
        decimal_places=2,
        default=Decimal("50.00"),
        validators=[MinValueValidator(ZERO)],
        help_text=_("… én groter dan dit bedrag per contract en maand."),
    )

    class Meta:
        verbose_name = _("kosteninstellingen")
        verbose_name_plural = _("kosteninstellingen")

    def __str__(self) -> str:
        return str(self.programme)


class IndexationAssumption(TenantModel):
    """The controller's assumed rise of a figure per expected change, for one municipality.

    For a month past the next expected change of the last known value (the
    minimum wage changes every 1 January and 1 July), the cost model uses the
    last known value raised by ``rate`` once per missed change, and marks the
    figure as an assumption.
    """

    key = models.CharField(_("parameter"), max_length=40, choices=INDEXABLE_CHOICES)
    rate = models.DecimalField(
        _("aangenomen stijging per wijziging"),
        max_digits=7,
        decimal_places=6,
        validators=[MinValueValidator(Decimal("-0.5")), MaxValueValidator(ONE)],
        help_text=_(
            "Per verwachte wijziging, als fractie: 0,02 is 2 % (het minimumloon wijzigt elk "
            "half jaar, premies elk jaar)."
        ),
    )
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("indexatieaanname")
        verbose_name_plural = _("indexatieaannames")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key"], name="indexation_one_per_municipality_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()}: {self.rate}"
