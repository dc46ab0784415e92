from __future__ import annotations

from collections.abc import Collection

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from basisbaan.tenancy.roles import Role


class Municipality(models.Model):
    """A municipality (gemeente): the tenant. All personal data belongs to one."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    slug = models.SlugField(_("korte naam"), max_length=50, unique=True)
    cbs_code = models.CharField(
        _("CBS-gemeentecode"), max_length=6, blank=True, help_text=_("Bijvoorbeeld GM0080.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in. What they may see depends on their memberships."""

    # Every API token made before this moment stops working (the token
    # authentication checks it): a password change, by whatever path (own
    # page, reset, admin, command line), ends a leaked token too.
    password_changed_at = models.DateTimeField(
        _("wachtwoord gewijzigd op"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def set_password(self, raw_password: str | None) -> None:
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def set_unusable_password(self) -> None:
        super().set_unusable_password()
        self.password_changed_at = timezone.now()


class Membership(models.Model):
    """A user's role in one municipality."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("gebruiker")
    )
    # PROTECT: a municipality with users is never removed by accident.
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("gemeente"),
    )
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices)

    class Meta:
        ordering = ["municipality__name"]
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "municipality"], name="membership_one_role_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.municipality} ({self.get_role_display()})"


def validate_users_of_municipality(
    instance: models.Model, *, exclude: Collection[str] | None = None
) -> None:
    """Raise ``ValidationError`` for every user foreign key of ``instance`` that names
    a user without a membership in ``instance.municipality``.

    A Leeuwarden record must not say it was decided by a user of Emmen: that
    user could not have seen it, and the audit trail would point outside the
    municipality. Reusable for any model with a ``municipality_id``.
    """
    municipality_id = getattr(instance, "municipality_id", None)
    if municipality_id is None:
        return
    errors: dict[str, list[str]] = {}
    for field in instance._meta.concrete_fields:
        if exclude and field.name in exclude:
            continue
        if not isinstance(field, models.ForeignKey) or field.related_model is not User:
            continue
        user_id = getattr(instance, field.attname)
        if user_id is None:
            continue
        if not Membership.objects.filter(user_id=user_id, municipality_id=municipality_id).exists():
            errors[field.name] = [
                str(_("Deze gebruiker heeft geen rol in de gemeente van dit gegeven."))
            ]
    if errors:
        raise ValidationError(errors)


class TenantModel(models.Model):
    """Base for every record that belongs to one municipality.

    The municipality is stored on every such row (not only reached through a
    parent), so that scoping is one indexed filter everywhere.
    """

    # PROTECT: a municipality's records outlive any attempt to delete it.
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        abstract = True

    def clean_fields(self, exclude: Collection[str] | None = None) -> None:
        """Field checks, and: every user the record names ("held by", "decided
        by", "logged by") has a role in the record's municipality.

        In ``clean_fields`` rather than ``clean`` so that a subclass's own
        ``clean`` cannot skip it; every service save and every admin form runs it.
        """
        super().clean_fields(exclude=exclude)
        validate_users_of_municipality(self, exclude=exclude)
