"""What the audit log may keep of a record: which fields changed, never who it is about.

An audit entry outlives the record it describes (a participant is removed at the
end of the retention period; the log is append-only). So the log stores, for
the fields that identify a person (BSN, names, address, contact data, birth
date) and for free text that may name one (notes, reasons, summaries), only
*that* they changed: the value is replaced by :data:`MASK` (an empty value
stays empty, so "filled in" and "cleared" remain visible). The record itself is
named neutrally ("Deelnemer #12"); the audit page looks the live record's label
up when the viewer may see it (``audit/display.py``).

The list below is the one place that decides; a model may add to it with an
``audit_masked_fields`` attribute. ``tests/audit/test_no_personal_data.py``
walks every model and fails on an identifying field name that is not masked.

Pure functions: the model (every insert, whichever path) and the migration
that cleans old entries both use them.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.utils import translation
from django.utils.text import capfirst

__all__ = ["MASK", "MASKED_FIELDS", "mask_changes", "masked_fields", "neutral_repr"]

# What a masked value is stored as: says "there was a value", not which.
MASK = "***"

# Masked for every model: secrets and the BSN wherever it turns up.
ALWAYS_MASKED = frozenset({"bsn", "password", "token_digest", "token", "secret"})

# Per model (``app_label.model_name``): identifying fields and free text.
MASKED_FIELDS: dict[str, frozenset[str]] = {
    "participants.participant": frozenset(
        {
            "bsn",
            "first_name",
            "name_prefix",
            "last_name",
            "search_name",
            "date_of_birth",
            "email",
            "phone",
            "street",
            "postcode",
            "city",
            # The household of "does work pay?": emptied on anonymising, so not kept here.
            "children_birth_months",
            "rent_month",
            "partner_income_year",
        }
    ),
    "participants.contactpersonchange": frozenset({"reason"}),
    "tenancy.user": frozenset({"first_name", "last_name", "email", "password"}),
    "hosts.host": frozenset({"notes"}),
    "hosts.hostcontact": frozenset({"name", "email", "phone"}),
    "contracts.contract": frozenset({"employee_number"}),
    "contracts.renewaldecision": frozenset({"reason"}),
    "contracts.wagevaluemeasurement": frozenset({"assessor", "note"}),
    # An import's errors quote the file's rows (names, BSNs); its file name may name a person.
    "payroll.payrollimport": frozenset({"errors", "file_name"}),
    "intake.referral": frozenset({"reason"}),
    "intake.intakeconversation": frozenset({"summary"}),
    "intake.intakedecision": frozenset({"reasoning"}),
    "intake.participantprofile": frozenset({"work_experience", "motivation_notes"}),
    "intake.matchproposal": frozenset({"waiting_reason", "note"}),
    "guidance.hoursentry": frozenset({"note"}),
    "guidance.feedbacksession": frozenset({"notes"}),
    "guidance.feedbackaction": frozenset({"description"}),
    "guidance.signal": frozenset({"description", "follow_up"}),
    # A pseudonymised transcript still quotes people; its file name may name one.
    "research.transcript": frozenset({"text", "source_name"}),
}

# Filters of an export that are search text (a name or BSN typed by the user).
SEARCH_FILTERS = frozenset({"q", "zoek", "search"})


def masked_fields(object_type: str) -> frozenset[str]:
    """The fields of ``object_type`` whose values the log does not keep."""
    extra: frozenset[str] = frozenset()
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        model = None
    if model is not None:
        extra = frozenset(getattr(model, "audit_masked_fields", ()))
    return ALWAYS_MASKED | MASKED_FIELDS.get(object_type, frozenset()) | extra


def _mask(value: Any) -> Any:
    return value if value is None or value == "" or value == [] or value == {} else MASK


def mask_changes(object_type: str, changes: Any) -> Any:
    """``changes`` with the values of masked fields replaced by :data:`MASK`.

    A change is ``{field: [before, after]}``; a view or list names fields only
    (``{"fields": [...]}``, kept); an export's search filters are masked.
    """
    if not isinstance(changes, dict):
        return changes
    hidden = masked_fields(object_type)
    masked: dict[str, Any] = {}
    for name, value in changes.items():
        if name in hidden and isinstance(value, list | tuple) and len(value) == 2:
            masked[name] = [_mask(value[0]), _mask(value[1])]
        elif name == "filters" and isinstance(value, dict):
            masked[name] = {
                key: _mask(text) if key in SEARCH_FILTERS else text for key, text in value.items()
            }
        else:
            masked[name] = value
    return masked


def neutral_repr(object_type: str, object_id: str) -> str:
    """A record's name in the log that names no person: ``Deelnemer #12``.

    Without an id (a list or an export) the model's plural name. Always Dutch,
    like the rest of what the log stores.
    """
    try:
        model = apps.get_model(object_type)
    except (LookupError, ValueError):
        return f"{object_type} #{object_id}" if object_id else object_type
    with translation.override("nl"):
        if object_id:
            return f"{capfirst(model._meta.verbose_name)} #{object_id}"[:200]
        return str(model._meta.verbose_name_plural)[:200]
