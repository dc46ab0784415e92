from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.contracts.constants import (
    DEFAULT_REMEASUREMENT_MONTHS,
    Decision,
    EndReason,
    FulltimeWeek,
    LkvKind,
    PermanentReason,
    WageLineReason,
    WageValueMethod,
)
from basisbaan.core.concurrency import VersionedModel
from basisbaan.core.formatting import percent_text
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import TenantModel


class ContractSettings(TenantModel):
    """A programme's contract settings: the default payroll party, the full-time
    week and how often the wage value is measured again.

    Optional: a programme without this row uses the defaults of the fields.
    """

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="contract_settings",
        verbose_name=_("programma"),
    )
    default_employer_name = models.CharField(
        _("standaard juridisch werkgever"),
        max_length=150,
        blank=True,
        help_text=_(
            "De verloningspartij (bijvoorbeeld Caparis) die een nieuw contract krijgt "
            "als u geen werkgever invult."
        ),
    )
    fulltime_hours = models.PositiveSmallIntegerField(
        _("voltijdse werkweek"),
        choices=FulltimeWeek.choices,
        default=FulltimeWeek.H38,
        help_text=_("Vóór 2024 hing het minimumloon per uur af van de voltijdse werkweek."),
    )
    remeasurement_months = models.PositiveSmallIntegerField(
        _("hermeting loonwaarde na (maanden)"),
        default=DEFAULT_REMEASUREMENT_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text=_("Standaardtermijn tot de volgende loonwaardemeting."),
    )
    # The chain rule (art. 7:668a BW); a collective agreement (cao) may set other numbers.
    chain_max_contracts = models.PositiveSmallIntegerField(
        _("ketenregeling: ten hoogste contracten"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Het volgende contract is vast. Wettelijk 3; een cao kan meer toestaan."),
    )
    chain_max_months = models.PositiveSmallIntegerField(
        _("ketenregeling: ten hoogste maanden"),
        default=36,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Langer is vast. Wettelijk 36 maanden; een cao kan tot 48 maanden gaan."),
    )
    chain_max_gap_months = models.PositiveSmallIntegerField(
        _("ketenregeling: tussenpoos die de keten breekt (maanden)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
        help_text=_("Een onderbreking van meer dan dit aantal maanden begint een nieuwe keten."),
    )
    chain_across_employers = models.BooleanField(
        _("opvolgend werkgeverschap"),
        default=False,
        help_text=_(
            "Contracten bij opvolgende werkgevers voor hetzelfde werk (verloningspartij, "
            "gastwerkgever, gemeente) tellen als één keten (art. 7:668a lid 2 BW)."
        ),
    )

    class Meta:
        verbose_name = _("contractinstellingen")
        verbose_name_plural = _("contractinstellingen")

    def __str__(self) -> str:
        return f"{self.programme}"


class Contract(VersionedModel, TenantModel):
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
    is_permanent = models.BooleanField(
        _("vast contract"),
        default=False,
        help_text=_("Een schriftelijk contract voor onbepaalde tijd (lage WW-premie)."),
    )
    permanent_from = models.DateField(_("vast vanaf"), null=True, blank=True)
    permanent_reason = models.CharField(
        _("vast door"), max_length=20, choices=PermanentReason.choices, blank=True
    )
    end_reason = models.CharField(
        _("reden einde dienstverband"),
        max_length=20,
        choices=EndReason.choices,
        blank=True,
        help_text=_(
            "Bepaalt of een transitievergoeding verschuldigd is: niet bij opzegging door de "
            "werknemer of ernstig verwijtbaar handelen."
        ),
    )

    class Meta:
        ordering = ["-id"]
        indexes = [
            models.Index(
                fields=["municipality", "employee_number"], name="contract_employee_number"
            ),
            # The list's order (-id, read backwards), led by the municipality: without it
            # a small municipality's page walked every municipality's newest contracts
            # (issue 19: tests/test_list_plans.py).
            models.Index(fields=["municipality", "id"], name="contract_muni_id"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_permanent=False) | models.Q(permanent_from__isnull=False),
                name="contract_permanent_has_date",
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
        indexes = [
            models.Index(fields=["municipality", "end_date"], name="contract_period_muni_end")
        ]

    def __str__(self) -> str:
        return f"{self.contract} #{self.sequence}"


class ContractWageLine(TenantModel):
    """A change of the hourly wage within a period, from ``start_date`` on.

    The period's own ``hourly_wage`` holds from its start until the first line;
    each line holds until the next one or the period's end.
    """

    period = models.ForeignKey(
        ContractPeriod,
        on_delete=models.CASCADE,
        related_name="wage_lines",
        verbose_name=_("periode"),
    )
    start_date = models.DateField(_("geldt vanaf"))
    hourly_wage = models.DecimalField(
        _("uurloon"),
        max_digits=7,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    reason = models.CharField(
        _("reden"), max_length=20, choices=WageLineReason.choices, default=WageLineReason.OTHER
    )
    note = models.CharField(_("toelichting"), max_length=200, blank=True)

    class Meta:
        ordering = ["period", "start_date"]
        verbose_name = _("loonregel")
        verbose_name_plural = _("loonregels")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "start_date"], name="contract_wage_line_one_per_day"
            ),
            models.CheckConstraint(
                condition=models.Q(hourly_wage__gt=0), name="contract_wage_line_positive"
            ),
        ]
        indexes = [models.Index(fields=["municipality", "period"], name="wage_line_muni_period")]

    def __str__(self) -> str:
        return f"{self.period} {self.start_date:%d-%m-%Y}: {self.hourly_wage}"


class RenewalDecision(TenantModel):
    """What was decided about the end of one contract period, by whom and why.

    ``renew`` added the next period (``next_period``); ``permanent`` made the
    contract permanent from the day after the period; ``not_renew`` lets the
    contract end with the period.
    """

    period = models.OneToOneField(
        ContractPeriod,
        on_delete=models.CASCADE,
        related_name="decision",
        verbose_name=_("periode"),
    )
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices)
    reason = models.TextField(_("motivering"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besloten door"),
    )
    decided_at = models.DateTimeField(_("besloten op"))
    notice_sent_on = models.DateField(
        _("schriftelijk aangezegd op"),
        null=True,
        blank=True,
        help_text=_("De dag waarop de werknemer het besluit schriftelijk kreeg (aanzegging)."),
    )
    next_period = models.OneToOneField(
        ContractPeriod,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="renewed_by",
        verbose_name=_("volgende periode"),
    )

    class Meta:
        ordering = ["-decided_at", "-id"]
        verbose_name = _("besluit over verlenging")
        verbose_name_plural = _("besluiten over verlenging")

    def __str__(self) -> str:
        return f"{self.period}: {self.get_decision_display()}"


class WageValueMeasurement(VersionedModel, TenantModel):
    """A measured wage value (loonwaarde) of a participant, as a percentage of the
    minimum wage; the basis of the wage-cost subsidy from its date on.
    """

    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="wage_value_measurements",
        verbose_name=_("deelnemer"),
    )
    measured_on = models.DateField(_("datum meting"))
    percentage = models.DecimalField(
        _("loonwaarde (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Percentage van het minimumloon, bijvoorbeeld 60 of 62,5."),
    )
    method = models.CharField(
        _("methode"),
        max_length=20,
        choices=WageValueMethod.choices,
        default=WageValueMethod.UNIFORM,
    )
    assessor = models.CharField(
        _("loonwaardedeskundige"), max_length=150, help_text=_("Naam van wie de meting deed.")
    )
    next_measurement_on = models.DateField(_("volgende meting"))
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["participant", "-measured_on", "-id"]
        verbose_name = _("loonwaardemeting")
        verbose_name_plural = _("loonwaardemetingen")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "measured_on"], name="wage_value_one_per_day"
            ),
            models.CheckConstraint(
                condition=models.Q(percentage__gte=0) & models.Q(percentage__lte=100),
                name="wage_value_percentage_range",
            ),
            models.CheckConstraint(
                condition=models.Q(next_measurement_on__gt=models.F("measured_on")),
                name="wage_value_next_after_measured",
            ),
        ]
        indexes = [
            models.Index(
                fields=["municipality", "next_measurement_on"], name="wage_value_muni_next"
            ),
            # The list's order, led by the municipality (issue 19: tests/test_list_plans.py).
            models.Index(
                fields=["municipality", "measured_on", "id"], name="wage_value_muni_measured"
            ),
        ]

    def __str__(self) -> str:
        shown = percent_text(self.percentage, fraction=False)
        return f"{self.participant} {self.measured_on:%d-%m-%Y}: {shown}"

    @property
    def fraction(self) -> Decimal:
        """The wage value as a fraction of the minimum wage (60 % is 0.6)."""
        return self.percentage / 100


class LkvEntitlement(TenantModel):
    """A wage-cost advantage (loonkostenvoordeel, LKV) the employer may claim for a
    participant: its kind, the period it applies and the evidence (doelgroepverklaring).

    The amount per paid hour and the yearly cap are dated parameters; the
    entitlement ends on ``end_date`` or after the kind's legal maximum duration.
    """

    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="lkv_entitlements",
        verbose_name=_("deelnemer"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=LkvKind.choices)
    start_date = models.DateField(_("vanaf"))
    end_date = models.DateField(_("tot en met"), null=True, blank=True)
    employment_start = models.DateField(
        _("in dienst sinds"),
        null=True,
        blank=True,
        help_text=_("Het overgangsrecht hangt af van de datum van indiensttreding."),
    )
    declaration_reference = models.CharField(
        _("doelgroepverklaring of registratie"), max_length=60, blank=True
    )
    declaration_date = models.DateField(_("datum verklaring"), null=True, blank=True)
    note = models.TextField(_("toelichting"), blank=True)

    class Meta:
        ordering = ["participant", "start_date", "id"]
        verbose_name = _("loonkostenvoordeel")
        verbose_name_plural = _("loonkostenvoordelen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="lkv_end_after_start",
            )
        ]
        indexes = [
            models.Index(fields=["municipality", "participant"], name="lkv_muni_participant"),
            # The list's order, led by the municipality (issue 19: tests/test_list_plans.py).
            models.Index(fields=["municipality", "start_date", "id"], name="lkv_muni_start"),
        ]

    def __str__(self) -> str:
        return f"{self.participant}: {self.get_kind_display()}"
