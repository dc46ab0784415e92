from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, NoReturn

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from basisbaan.audit.chain import compute_hash, values_of
from basisbaan.audit.masking import mask_changes, neutral_repr
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

    def bulk_create(
        self, objs: Iterable[AuditEntry], *args: Any, **kwargs: Any
    ) -> list[AuditEntry]:
        """Insert many entries, each masked and chained like a single one."""
        entries = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            head = AuditChainHead.locked(using=self.db)
            for entry in entries:
                if entry.pk is not None:
                    raise AppendOnlyError("Audit entries cannot be changed.")
                entry.seal(head)
            head.save(using=self.db, update_fields=["last_hash", "length"])
            return super().bulk_create(entries, *args, **kwargs)


class AuditChainHead(models.Model):
    """The one row that holds the hash of the newest entry.

    Locked (``SELECT ... FOR UPDATE``) by every insert until its transaction
    ends, so entries join the chain one at a time and in the order of their ids;
    a rolled-back insert rolls the head back with it.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_hash = models.CharField(_("laatste hash"), max_length=64, blank=True)
    length = models.PositiveBigIntegerField(_("aantal regels"), default=0)
    # After the oldest entries are removed at the end of their retention period (a
    # database administrator's task, docs/security.md#audit): the previous_hash the
    # oldest remaining entry has, and how many entries were removed. "" and 0 before.
    start_hash = models.CharField(_("begin-hash"), max_length=64, blank=True)
    pruned = models.PositiveBigIntegerField(_("verwijderd na bewaartermijn"), default=0)

    class Meta:
        verbose_name = _("eind van de auditketen")
        verbose_name_plural = _("eind van de auditketen")

    def __str__(self) -> str:
        return f"{self.length}: {self.last_hash}"

    @classmethod
    def locked(cls, using: str = "default") -> AuditChainHead:
        """The head, locked for the rest of the transaction (made on first use)."""
        head = cls.objects.using(using).select_for_update().filter(pk=1).first()
        if head is None:
            cls.objects.using(using).get_or_create(pk=1)
            head = cls.objects.using(using).select_for_update().get(pk=1)
        return head


class AuditEntry(models.Model):
    """One audited event: who did what to which record, when, in which request.

    Append-only: the application cannot change or delete an entry (the model and
    queryset refuse, and on PostgreSQL triggers refuse UPDATE, DELETE and TRUNCATE).

    Every insert, whichever path it takes, is *sealed* (:meth:`seal`): the values
    of identifying fields are masked and the record is named neutrally
    (:mod:`basisbaan.audit.masking`), and the entry joins the hash chain
    (:mod:`basisbaan.audit.chain`).
    """

    # Set before the insert (not auto_now_add): the hash covers it.
    timestamp = models.DateTimeField(
        _("tijdstip"), default=timezone.now, editable=False, db_index=True
    )
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
    previous_hash = models.CharField(_("vorige hash"), max_length=64, blank=True, editable=False)
    entry_hash = models.CharField(_("hash"), max_length=64, blank=True, editable=False)

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
        using = kwargs.get("using") or "default"
        # No savepoint of its own: a failure fails the caller's transaction, head and all.
        with transaction.atomic(using=using, savepoint=False):
            head = AuditChainHead.locked(using=using)
            self.seal(head)
            head.save(using=using, update_fields=["last_hash", "length"])
            super().save(*args, **kwargs)

    def seal(self, head: AuditChainHead) -> None:
        """Mask, name neutrally and chain this new entry after ``head`` (advanced)."""
        if self.timestamp is None:
            self.timestamp = timezone.now()
        self.object_repr = neutral_repr(self.object_type, self.object_id)
        # Stored exactly as hashed: JSON's own types (tuples as lists, keys as text).
        self.changes = json.loads(json.dumps(mask_changes(self.object_type, self.changes)))
        self.previous_hash = head.last_hash
        self.entry_hash = compute_hash(values_of(self), head.last_hash)
        head.last_hash = self.entry_hash
        head.length += 1

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Audit entries cannot be deleted.")
