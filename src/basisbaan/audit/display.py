"""The audit log as a functional administrator reads it, for the page and the export.

A stored entry speaks in code (``participants.participant``, ``first_name``,
``2026-11-29``, UTC); a row here speaks Dutch: the record type as its model's
verbose name, field names as the model fields' labels, values as Dutch text
(29-11-2026, choices by their label, ja/nee), the time in Europe/Amsterdam
(dd-mm-jjjj uu:mm), and participants' names and BSNs only as far as the
viewer's personal-data policy allows.

The policy plugs in through :func:`register_viewer_policy`: the participants
app registers its policy when it loads, so the audit app stays below the apps
it records. Without one registered, nothing personal is shown.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from basisbaan.audit.masking import MASK
from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.audit.services import NATIONAL_RECORD_TYPES

__all__ = [
    "CHANNELS",
    "FILTER_LABELS",
    "HIDDEN",
    "AuditRow",
    "ChangeRow",
    "ViewerPolicy",
    "audit_rows",
    "iter_audit_rows",
    "record_type_choices",
    "register_viewer_policy",
    "viewer_policy",
]

# A value the viewer may not see: shown as "verborgen".
HIDDEN: Any = object()

CHANNELS = {
    "ui": gettext_lazy("Website"),
    "api": gettext_lazy("API"),
    "cli": gettext_lazy("Opdrachtregel"),
}

# Names in "fields" of a view or list entry that are no model field.
EXTRA_FIELD_LABELS = {
    "bsn_masked": gettext_lazy("BSN (laatste 4 cijfers)"),
    "hours": gettext_lazy("uren"),
    "profile": gettext_lazy("profiel"),
    "pseudonym": gettext_lazy("pseudoniem"),
}

# The filters of the log page (and of an export entry), by their form field names.
FILTER_LABELS = {
    "actor": gettext_lazy("Gebruiker"),
    "action": gettext_lazy("Actie"),
    "object_type": gettext_lazy("Soort record"),
    "object_id": gettext_lazy("Record-id"),
    "date_from": gettext_lazy("Vanaf"),
    "date_to": gettext_lazy("Tot en met"),
    "channel": gettext_lazy("Kanaal"),
}

# Fields of every record that a change row need not repeat (the row names the record).
SKIPPED_FIELDS = frozenset({"id", "municipality"})

# What an event without field changes stored (a sign-in, a token), in words: the
# key's label and the values that have one.
EVENT_FACTS = {
    "stage": _("stap"),
    "address": _("adres"),
    "method": _("methode"),
    "token": _("token"),
    "expiry": _("geldig tot"),
    "reason": _("reden"),
}
EVENT_VALUES = {
    "password": _("wachtwoord"),
    "code": _("code (tweede factor)"),
    "totp": _("authenticator-app"),
    "recovery": _("herstelcode"),
    "webauthn": _("beveiligingssleutel of passkey"),
    "idp": _("eigen identiteitsprovider"),
}

# What an export entry stored, in words.
EXPORT_FORMATS = {"csv": "CSV", "xlsx": "Excel"}


class ViewerPolicy(Protocol):
    """What the viewer of the log may see of the people in it (the personal-data policy)."""

    def record_label(self, model: type[models.Model] | None, object_id: str, label: str) -> str: ...

    def field_value(self, model: type[models.Model] | None, field: str, value: Any) -> Any: ...


class _NothingPersonal:
    """The fallback policy: no record labels and no values."""

    def record_label(self, model: type[models.Model] | None, object_id: str, label: str) -> str:
        return ""

    def field_value(self, model: type[models.Model] | None, field: str, value: Any) -> Any:
        return HIDDEN


_policy_factory: Callable[[HttpRequest], ViewerPolicy] | None = None


def register_viewer_policy(factory: Callable[[HttpRequest], ViewerPolicy]) -> None:
    """Plug in the personal-data policy (called by the participants app's ``ready``)."""
    global _policy_factory
    _policy_factory = factory


def viewer_policy(request: HttpRequest) -> ViewerPolicy:
    if _policy_factory is None:
        return _NothingPersonal()
    return _policy_factory(request)


# -- rows ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChangeRow:
    label: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One entry as the page and the export show it."""

    entry: AuditEntry
    time: dt.datetime
    actor: str
    action: str
    record_type: str
    record_id: str
    record: str
    channel: str
    changes: list[ChangeRow] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)
    export: str = ""
    facts: list[str] = field(default_factory=list)

    @property
    def time_text(self) -> str:
        return f"{self.time:%d-%m-%Y %H:%M}"

    @property
    def details(self) -> str:
        """Changes, fields seen, or what was exported: as one line of text."""
        parts = [f"{c.label}: {c.before} → {c.after}" for c in self.changes]
        if self.fields:
            parts.append(_("Velden: %(fields)s") % {"fields": ", ".join(self.fields)})
        if self.ids:
            parts.append(_("Records: %(ids)s") % {"ids": ", ".join(self.ids)})
        if self.export:
            parts.append(self.export)
        parts.extend(self.facts)
        return "; ".join(parts)


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    try:
        found = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return found if isinstance(found, models.Field) else None


def field_label(model: type[models.Model] | None, name: str) -> str:
    """The field's Dutch label (``voornaam`` for ``first_name``)."""
    found = _field(model, name)
    if found is not None:
        return str(capfirst(found.verbose_name))
    if name in EXTRA_FIELD_LABELS:
        return str(capfirst(EXTRA_FIELD_LABELS[name]))
    return name


def _date_text(value: str, *, with_time: bool) -> str:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if with_time:
        if timezone.is_aware(parsed):
            parsed = timezone.localtime(parsed)
        return f"{parsed:%d-%m-%Y %H:%M}"
    return f"{parsed:%d-%m-%Y}"


def value_text(
    model: type[models.Model] | None,
    name: str,
    value: Any,
    related: RelatedLabels | None = None,
) -> str:
    """An audited value as Dutch text: choices by label, dates as 29-11-2026, ja/nee,
    a foreign key as the label of the record it points to (``#12`` if gone)."""
    if value is HIDDEN:
        return _("verborgen")
    if value == MASK:
        # The log keeps that an identifying field changed, never its value.
        return _("afgeschermd")
    if value is None or value == "":
        return "—"
    found = _field(model, name)
    if found is not None and found.is_relation and found.related_model is not None:
        label = related.label(found.related_model, value) if related else None
        return label if label else f"#{value}"
    if found is not None and found.choices and not isinstance(value, list | dict):
        labels = {str(key): label for key, label in found.flatchoices}
        if str(value) in labels:
            return str(labels[str(value)])
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(found, models.DateTimeField) and isinstance(value, str):
        return _date_text(value, with_time=True)
    if isinstance(found, models.DateField) and isinstance(value, str):
        return _date_text(value, with_time=False)
    if isinstance(found, models.DecimalField):
        try:
            return str(formats.number_format(Decimal(str(value)), use_l10n=True))
        except InvalidOperation:
            return str(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "—"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _actor(entry: AuditEntry) -> str:
    user = entry.actor
    name = user.get_full_name() if user is not None else ""
    return f"{name} ({entry.actor_label})" if name else entry.actor_label


def _filter_value(name: str, value: Any) -> str:
    """A filter of an export as the page's filter form shows it."""
    if name == "action" and value in AuditAction.values:
        return str(AuditAction(value).label)
    if name == "channel" and value in CHANNELS:
        return str(CHANNELS[value])
    if name == "object_type" and (model := _model(str(value))) is not None:
        return str(capfirst(model._meta.verbose_name))
    return str(value)


def _export_text(changes: dict[str, Any]) -> str:
    fmt = EXPORT_FORMATS.get(str(changes.get("format", "")), str(changes.get("format", "")))
    rows = changes.get("rows", 0) if isinstance(changes.get("rows"), int) else 0
    text = ngettext("%(format)s, %(rows)s regel", "%(format)s, %(rows)s regels", rows) % {
        "format": fmt,
        "rows": rows,
    }
    filters = changes.get("filters") or {}
    if filters:
        shown = ", ".join(
            f"{FILTER_LABELS.get(name, name)}: {_filter_value(name, value)}"
            for name, value in filters.items()
        )
        text += " · " + _("filters: %(filters)s") % {"filters": shown}
    return text


def _changed_fields(
    entry: AuditEntry, model: type[models.Model] | None
) -> list[tuple[str, Any, Any]]:
    """``(field, before, after)`` of a create, update or delete, in the model's field
    order; without the id and municipality (shown elsewhere) and, for a create or
    delete, without the fields that were empty."""
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    if entry.action in (AuditAction.VIEW, AuditAction.LIST, AuditAction.EXPORT):
        return []
    order = {f.name: i for i, f in enumerate(model._meta.get_fields())} if model else {}
    found = []
    for name, pair in changes.items():
        if name in SKIPPED_FIELDS or not isinstance(pair, list | tuple) or len(pair) != 2:
            continue
        if entry.action in (AuditAction.CREATE, AuditAction.DELETE) and all(
            v is None or v == "" for v in pair
        ):
            continue
        found.append((name, pair[0], pair[1]))
    return sorted(found, key=lambda item: (order.get(item[0], len(order)), item[0]))


def audit_row(
    entry: AuditEntry, policy: ViewerPolicy, related: RelatedLabels | None = None
) -> AuditRow:
    if related is None:
        related = RelatedLabels(policy)
        related.prefetch([entry])
    model = _model(entry.object_type)
    changes = entry.changes if isinstance(entry.changes, dict) else {}
    rows: list[ChangeRow] = []
    for name, *pair in _changed_fields(entry, model):
        before, after = (v if v == MASK else policy.field_value(model, name, v) for v in pair)
        rows.append(
            ChangeRow(
                field_label(model, name),
                value_text(model, name, before, related),
                value_text(model, name, after, related),
            )
        )
    seen = changes.get("fields") if isinstance(changes.get("fields"), list) else []
    ids = changes.get("ids") if isinstance(changes.get("ids"), list) else []
    return AuditRow(
        entry=entry,
        time=timezone.localtime(entry.timestamp),
        actor=_actor(entry),
        action=entry.get_action_display(),
        record_type=_record_type(entry, model),
        record_id=entry.object_id,
        record=_record_label(entry, model, policy, related),
        channel=str(CHANNELS.get(entry.channel, entry.channel)),
        changes=rows,
        fields=[field_label(model, str(name)) for name in seen or []],
        ids=[str(i) for i in ids or []],
        export=_export_text(changes) if "format" in changes else "",
        facts=_event_facts(changes),
    )


def _event_facts(changes: dict[str, Any]) -> list[str]:
    """``stap: code (tweede factor)``, ``adres: 10.0.0.7``: the plain values an event
    stored beside (or instead of) field changes, in a fixed order."""
    facts = []
    for key, label in EVENT_FACTS.items():
        value = changes.get(key)
        if value is None or value == "" or isinstance(value, list | dict):
            continue
        if key == "expiry":
            text = _date_text(str(value), with_time=True)
        else:
            text = str(EVENT_VALUES.get(str(value), value))
        facts.append(f"{label}: {text}")
    return facts


def _record_type(entry: AuditEntry, model: type[models.Model] | None) -> str:
    """The record type in words; a national figure's change says it holds for all."""
    text = str(capfirst(model._meta.verbose_name)) if model else entry.object_type
    if entry.object_type in NATIONAL_RECORD_TYPES:
        return _("%(type)s (landelijk)") % {"type": text}
    return text


def _record_label(
    entry: AuditEntry,
    model: type[models.Model] | None,
    policy: ViewerPolicy,
    related: RelatedLabels | None,
) -> str:
    """The record's label: the live record's, as the policy allows, or the stored
    neutral name ("Deelnemer #12") once the record is gone. The log itself keeps
    no name, so a name disappears from the page with the record."""
    live = related.label(model, entry.object_id) if related and model and entry.object_id else None
    if live is not None:
        return live
    return policy.record_label(model, entry.object_id, entry.object_repr)


def audit_rows(entries: Iterable[AuditEntry], policy: ViewerPolicy) -> list[AuditRow]:
    """Rows for ``entries`` (a page of them), the linked records' labels fetched at once."""
    entries = list(entries)
    related = RelatedLabels(policy)
    related.prefetch(entries)
    return [audit_row(entry, policy, related) for entry in entries]


def iter_audit_rows(
    entries: Iterable[AuditEntry], policy: ViewerPolicy, chunk: int = 2000
) -> Iterator[AuditRow]:
    """Rows for many entries (an export), ``chunk`` entries at a time."""
    batch: list[AuditEntry] = []
    for entry in entries:
        batch.append(entry)
        if len(batch) == chunk:
            yield from audit_rows(batch, policy)
            batch = []
    yield from audit_rows(batch, policy)


class RelatedLabels:
    """The labels of the records that audited foreign keys point to (``programme: 3``
    reads "Basisbanen Leeuwarden"), one query per model, each as the policy allows.

    Only records of the entries' own municipality are looked up.
    """

    def __init__(self, policy: ViewerPolicy) -> None:
        self.policy = policy
        self.labels: dict[tuple[type[models.Model], str], str] = {}

    def prefetch(self, entries: list[AuditEntry]) -> None:
        wanted: dict[type[models.Model], set[str]] = {}
        municipality_ids = {entry.municipality_id for entry in entries}
        for entry in entries:
            model = _model(entry.object_type)
            if model is not None and entry.object_id.isdigit():
                wanted.setdefault(model, set()).add(entry.object_id)
            for name, *pair in _changed_fields(entry, model):
                found = _field(model, name)
                related = found.related_model if found is not None and found.is_relation else None
                if isinstance(related, type):
                    wanted.setdefault(related, set()).update(str(v) for v in pair if v)
        for related, ids in wanted.items():
            # Labels often name a linked record (a position its host): join them.
            links = [
                f.name
                for f in related._meta.concrete_fields
                if f.is_relation and (f.many_to_one or f.one_to_one)
            ]
            records = related._default_manager.filter(pk__in=ids)
            if links:
                records = records.select_related(*links)
            if _field(related, "municipality") is not None:
                records = records.filter(municipality_id__in=municipality_ids)
            for record in records:
                key = str(record.pk)
                self.labels[related, key] = self.policy.record_label(related, key, str(record))

    def label(self, model: type[models.Model], value: Any) -> str | None:
        return self.labels.get((model, str(value)))


def record_type_choices() -> list[tuple[str, str]]:
    """Every Basisbaan model as ``(participants.participant, "Deelnemer")``, by label."""
    choices = [
        (model._meta.label_lower, str(capfirst(model._meta.verbose_name)))
        for model in apps.get_models()
        if model.__module__.startswith("basisbaan.")
        and model._meta.label_lower != "audit.auditchainhead"
    ]
    return sorted(choices, key=lambda choice: choice[1].lower())
