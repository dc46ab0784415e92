from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.tenancy.models import Municipality


class AuditAction(models.TextChoices):
    CREATE = "create", _("aangemaakt")
    UPDATE = "update", _("gewijzigd")
    DELETE = "delete", _("verwijderd")
    VIEW = "view", _("bekeken")
    LIST = "list", _("lijst bekeken")
    EXPORT = "export", _("geëxporteerd")
    LOGIN = "login", _("ingelogd")
    LOGIN_FAILED = "login_failed", _("inloggen mislukt")
    LOCKOUT = "lockout", _("geblokkeerd na mislukte pogingen")
    SECOND_FACTOR = "second_factor", _("tweede factor bevestigd")


class AppendOnlyError(RuntimeError):
    """Raised on any attempt to change or delete an audit entry."""


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be changed.")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be deleted.")


class AuditEntry(models.Model):
    """One audited event: who did what to which record, when, in which request.

    Append-only: the application cannot change or delete an entry (the model and
    queryset refuse, and on PostgreSQL a trigger refuses UPDATE and DELETE).
    """

    timestamp = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    # SET_NULL would rewrite history; PROTECT keeps users with entries.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gebruiker"),
    )
    actor_label = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeente"),
    )
    action = models.CharField(_("actie"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("soort object"), max_length=60)
    object_id = models.CharField(_("object-id"), max_length=40, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    changes = models.JSONField(_("wijzigingen"), default=dict, blank=True)
    request_id = models.UUIDField(_("request-id"), db_index=True)
    channel = models.CharField(_("kanaal"), max_length=10, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-timestamp", "-id"]
        verbose_name = _("auditregel")
        verbose_name_plural = _("auditlog")
        indexes = [
            models.Index(fields=["municipality", "-timestamp"], name="audit_muni_time"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.timestamp:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"
        )

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be deleted.")
