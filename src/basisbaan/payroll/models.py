"""Payroll imports and the actual cost per participant and month they bring in."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from basisbaan.contracts.models import Contract
from basisbaan.participants.models import Participant
from basisbaan.payroll.constants import ImportStatus
from basisbaan.tenancy.models import Municipality, TenantModel


class PayrollImport(TenantModel):
    """One payroll file read for a municipality: who, when, what came of it.

    Every run leaves a record, also a dry run and a refused file, so the
    controller can see what was offered and why it was refused. The file itself
    is not kept here; see :class:`PayrollUpload`.
    """

    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    file_format = models.CharField(_("bestandsformaat"), max_length=80, blank=True)
    sha256 = models.CharField(
        _("SHA-256"), max_length=64, help_text=_("Vingerafdruk van de inhoud van het bestand.")
    )
    # PROTECT: who brought costs into the books stays known, as in the audit log.
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingelezen door"),
    )
    is_correction = models.BooleanField(
        _("correctie"),
        default=False,
        help_text=_(
            "Een correctie vervangt eerder ingelezen regels van dezelfde persoon en maand."
        ),
    )
    dry_run = models.BooleanField(_("proefrun"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices)
    row_count = models.PositiveIntegerField(_("regels"), default=0)
    imported_count = models.PositiveIntegerField(_("nieuw"), default=0)
    unchanged_count = models.PositiveIntegerField(_("ongewijzigd"), default=0)
    replaced_count = models.PositiveIntegerField(_("vervangen"), default=0)
    error_count = models.PositiveIntegerField(_("fouten"), default=0)
    started_at = models.DateTimeField(_("begonnen op"))
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)
    errors = models.JSONField(
        _("fouten"),
        default=list,
        blank=True,
        help_text=_("De eerste fouten: regel, kolom en reden."),
    )
    more_errors = models.JSONField(
        _("overige fouten"),
        default=list,
        blank=True,
        help_text=_("De fouten na de eerste, geteld per kolom en reden: kolom, reden en aantal."),
    )
    summary = models.JSONField(
        _("samenvatting per maand"),
        default=list,
        blank=True,
        help_text=_("Per maand het aantal regels, het brutoloon en het totaal."),
    )

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("verloningsimport")
        verbose_name_plural = _("verloningsimports")
        indexes = [
            models.Index(fields=["municipality", "-started_at"], name="payroll_import_muni_time"),
            models.Index(fields=["municipality", "sha256"], name="payroll_import_muni_sha"),
        ]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("payroll:import_detail", args=[self.pk])


class PayrollUpload(TenantModel):
    """An uploaded file waiting for the user to confirm its preview.

    Deleted when the import is confirmed or cancelled: the file holds BSNs
    and salaries, and is not kept longer than needed.
    """

    # CASCADE: the waiting file belongs to its preview and nothing else.
    payroll_import = models.OneToOneField(
        PayrollImport,
        on_delete=models.CASCADE,
        related_name="upload",
        verbose_name=_("import"),
    )
    content = models.BinaryField(_("bestand"))

    class Meta:
        verbose_name = _("geüpload loonbestand")
        verbose_name_plural = _("geüploade loonbestanden")

    def __str__(self) -> str:
        return str(self.payroll_import)


class PayrollEntry(TenantModel):
    """What the payroll party charged for one participant in one month.

    Built for imports of a million rows: the relations below have no database
    foreign-key constraint and no index of their own. Each foreign-key check is a
    trigger per row (measured: about 8 s per million rows per constraint), and
    each index costs about as much again. Instead the import checks every
    reference itself, in its transaction, under a lock per municipality;
    ``on_delete=PROTECT`` still guards deletes (Django enforces it); and the two
    indexes below, both led by the municipality, serve every read (all reads are
    scoped to one municipality).
    """

    # PROTECT: a municipality's records outlive any attempt to delete it.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("gemeente"),
        db_index=False,
        db_constraint=False,
    )
    # The database fills these when an import streams rows in without them.
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_default=Now())
    # PROTECT: actual costs are financial records; a participant with them stays.
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="payroll_entries",
        verbose_name=_("deelnemer"),
        db_index=False,
        db_constraint=False,
    )
    # PROTECT: the contract the costs were made under cannot disappear under them.
    contract = models.ForeignKey(
        Contract,
        on_delete=models.PROTECT,
        related_name="payroll_entries",
        verbose_name=_("contract"),
        db_index=False,
        db_constraint=False,
    )
    period = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    gross_wage = models.DecimalField(_("brutoloon"), max_digits=12, decimal_places=2)
    holiday_allowance = models.DecimalField(_("vakantiegeld"), max_digits=12, decimal_places=2)
    employer_charges = models.DecimalField(_("werkgeverslasten"), max_digits=12, decimal_places=2)
    pension = models.DecimalField(_("pensioen"), max_digits=12, decimal_places=2)
    other_costs = models.DecimalField(_("overige kosten"), max_digits=12, decimal_places=2)
    total = models.DecimalField(_("totaal"), max_digits=12, decimal_places=2)
    hours = models.DecimalField(_("uren"), max_digits=7, decimal_places=2)
    # PROTECT: an import that brought in costs is history, never deleted.
    source_import = models.ForeignKey(
        PayrollImport,
        on_delete=models.PROTECT,
        related_name="entries",
        verbose_name=_("import"),
        db_index=False,
        db_constraint=False,
    )

    class Meta:
        ordering = ["-period", "id"]
        verbose_name = _("verloningsregel")
        verbose_name_plural = _("verloningsregels")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "participant", "period"],
                name="payroll_entry_one_per_participant_month",
            ),
            models.CheckConstraint(
                condition=models.Q(period__day=1), name="payroll_entry_period_first_day"
            ),
            models.CheckConstraint(
                condition=models.Q(
                    gross_wage__gte=0,
                    holiday_allowance__gte=0,
                    employer_charges__gte=0,
                    pension__gte=0,
                    other_costs__gte=0,
                    total__gte=0,
                    hours__gte=0,
                ),
                name="payroll_entry_not_negative",
            ),
        ]
        indexes = [
            # Few distinct keys: PostgreSQL deduplicates them, so this index costs
            # next to nothing on insert (with the id added: 5 s a million rows).
            models.Index(fields=["municipality", "period"], name="payroll_entry_muni_period"),
        ]

    def __str__(self) -> str:
        # No name: this text lands in the audit log, and needs no extra query.
        return f"{self.period:%Y-%m} deelnemer {self.participant_id}"


__all__ = ["PayrollEntry", "PayrollImport", "PayrollUpload"]
