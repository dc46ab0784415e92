from __future__ import annotations

import secrets
from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.calc.pseudonyms import pseudonym
from basisbaan.core.concurrency import VersionedModel
from basisbaan.participants.constants import ExitReason, HouseholdType, ParticipantStatus
from basisbaan.participants.search import search_name
from basisbaan.participants.validators import validate_bsn
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import TenantModel

# The fields :attr:`Participant.search_name` is made of.
NAME_PARTS = frozenset({"first_name", "name_prefix", "last_name"})

postcode_validator = RegexValidator(
    r"^[1-9][0-9]{3} ?[A-Za-z]{2}$", _("Vul een postcode in als 1234 AB.")
)


class Participant(VersionedModel, TenantModel):
    """A resident in (or referred to) a basisbaan programme."""

    # PROTECT: a programme with participants is closed, never deleted.
    programme = models.ForeignKey(
        Programme,
        on_delete=models.PROTECT,
        related_name="participants",
        verbose_name=_("programma"),
    )
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        validators=[validate_bsn],
        help_text=_("Burgerservicenummer, 9 cijfers."),
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    name_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=100)
    # The name as a search is typed (participants/search.py): kept by save(),
    # searched by words, trigram-indexed on PostgreSQL (migration 0005).
    search_name = models.CharField(
        _("zoeknaam"), max_length=240, blank=True, default="", editable=False
    )
    date_of_birth = models.DateField(_("geboortedatum"))
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=20, blank=True)
    street = models.CharField(_("straat en huisnummer"), max_length=120, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=7, blank=True, validators=[postcode_validator]
    )
    city = models.CharField(_("woonplaats"), max_length=80, blank=True)
    household_type = models.CharField(
        _("leefsituatie"), max_length=30, choices=HouseholdType.choices
    )
    # For "does work pay?" (basisbaan.income): the household beyond its type.
    # Children as birth month "YYYY-MM" (their ages on a date, not their dates of birth).
    children_birth_months = models.JSONField(
        _("kinderen (geboortemaand)"), default=list, blank=True
    )
    rent_month = models.DecimalField(
        _("huur per maand"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    partner_income_year = models.DecimalField(
        _("bruto jaarinkomen partner"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    social_assistance_start = models.DateField(_("in de bijstand sinds"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.REFERRED,
    )
    status_changed_at = models.DateTimeField(_("status gewijzigd op"), null=True, blank=True)
    exit_date = models.DateField(_("uitstroomdatum"), null=True, blank=True)
    exit_reason = models.CharField(
        _("reden uitstroom"), max_length=30, choices=ExitReason.choices, blank=True
    )
    # Set by ``basisbaan purge`` when the retention period ended: identity,
    # contact data and free text are gone; the statistics rows stay.
    anonymised_at = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)
    # SET_NULL: when a staff account goes, the participant stays and is flagged
    # as having no contact person until a new one is chosen.
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for",
        verbose_name=_("vast aanspreekpunt"),
    )

    class Meta:
        ordering = ["last_name", "first_name", "id"]
        verbose_name = _("deelnemer")
        verbose_name_plural = _("deelnemers")
        constraints = [
            # An anonymised participant has no BSN (""): not a duplicate.
            models.UniqueConstraint(
                fields=["municipality", "bsn"],
                condition=~models.Q(bsn=""),
                name="participant_bsn_unique_per_municipality",
            )
        ]
        indexes = [
            models.Index(
                fields=["municipality", "last_name", "first_name", "id"],
                name="participant_muni_name",
            ),
            models.Index(fields=["municipality", "status"], name="participant_muni_status"),
        ]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Keep :attr:`search_name` equal to the name, also on a partial save."""
        self.search_name = search_name(self.first_name, self.name_prefix, self.last_name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & NAME_PARTS:
            kwargs["update_fields"] = {*update_fields, "search_name"}
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.name_prefix, self.last_name) if p)

    @property
    def pseudonym(self) -> str:
        """A stable code without identity, for researchers: ``P-ABCD-EFGH-IJKL-MNOP``.

        80 bits of an HMAC-SHA256 of the row id under the installation's own
        pseudonym key (:func:`pseudonym_key`, never ``SECRET_KEY``): it cannot
        be turned back into an id, BSN or name without that key.
        """
        return participant_pseudonym(self.pk)


def participant_pseudonym(pk: int) -> str:
    """The research pseudonym of participant ``pk`` (see :mod:`basisbaan.calc.pseudonyms`)."""
    return pseudonym(pseudonym_key(), "participant", pk)


# The installation's key once read from the database (it never changes).
_STORED_KEY: list[bytes] = []


def pseudonym_key() -> bytes:
    """The pseudonym key: ``PSEUDONYM_KEY`` from the environment, else the installation's.

    The installation's key is 32 random bytes made once (by migration 0006, or
    here at first use) and kept in :class:`PseudonymKey`: unique per
    installation and untouched when ``SECRET_KEY`` is rotated. Changing it
    changes every pseudonym (earlier research extracts no longer match).
    """
    configured = getattr(settings, "PSEUDONYM_KEY", "")
    if configured:
        return str(configured).encode()
    if not _STORED_KEY:
        row, _created = PseudonymKey.objects.get_or_create(
            pk=PseudonymKey.SINGLETON, defaults={"key": secrets.token_hex(32)}
        )
        _STORED_KEY.append(bytes.fromhex(row.key))
    return _STORED_KEY[0]


class PseudonymKey(models.Model):
    """The one secret of this installation the research pseudonyms are made with."""

    SINGLETON = 1

    key = models.CharField(_("sleutel"), max_length=128, editable=False)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("pseudoniemsleutel")
        verbose_name_plural = _("pseudoniemsleutels")

    def __str__(self) -> str:
        return str(_("pseudoniemsleutel"))


class ContactPersonChange(TenantModel):
    """One change of a participant's fixed contact person, with the reason.

    The history behind :attr:`Participant.contact_person`: the first choice has
    no ``from_user``; a change away from someone names the reason.
    """

    # CASCADE: the history belongs to the participant and goes with the record.
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="contact_changes",
        verbose_name=_("deelnemer"),
    )
    # SET_NULL: a removed staff account leaves the history readable (by date).
    from_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("van"),
    )
    to_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("naar"),
    )
    reason = models.CharField(_("reden"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("wisseling vast aanspreekpunt")
        verbose_name_plural = _("wisselingen vast aanspreekpunt")
        indexes = [
            models.Index(fields=["municipality", "participant"], name="contact_change_participant")
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.from_user_id} -> {self.to_user_id}"
