"""The subject-access export as files: JSON (machine-readable) and PDF (PDF/UA-1).

Both are made from :func:`basisbaan.privacy.selectors.subject_access`; the PDF
shows the same data with Dutch labels (the fields' verbose names).
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.formats import number_format

from basisbaan.audit.models import AuditAction
from basisbaan.participants.models import Participant
from basisbaan.privacy.constants import HELD

STYLESHEET = Path(__file__).resolve().parent / "static" / "privacy" / "subject_access_pdf.css"


def as_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False).encode("utf-8")


# Labels of the export's own keys (not model fields).
_EXTRA_LABELS = {"programme_name": "programmanaam", "id": "id"}


def _field(model: Any, name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def _label(model: Any, name: str) -> str:
    field = _field(model, name)
    text = str(field.verbose_name) if field is not None else _EXTRA_LABELS.get(name, name)
    return text[:1].upper() + text[1:]


def _day_or_time(value: str) -> str:
    """An ISO date as 29-11-2026, an ISO time stamp as 29-11-2026 10:15 (Dutch time)."""
    try:
        if len(value) == 10:
            return dt.date.fromisoformat(value).strftime("%d-%m-%Y")
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.strftime("%d-%m-%Y %H:%M")


def _text(model: Any, name: str, value: Any) -> str:
    """A value as a reader expects it: Dutch dates, ja/nee, the label of a choice."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    field = _field(model, name)
    if field is not None and field.choices and not isinstance(value, list | dict):
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, str) and value[:4].isdigit() and value[4:5] == "-":
        return _day_or_time(value)
    if isinstance(field, models.DecimalField):
        # 1.234,56 like every page, not the JSON's 1234.56.
        with translation.override("nl"):
            return number_format(Decimal(str(value)), use_l10n=True, force_grouping=True)
    return str(value)


def _rows(model: Any, record: dict[str, Any]) -> list[tuple[str, str]]:
    return [(_label(model, name), _text(model, name, value)) for name, value in record.items()]


def audit_lines(data: dict[str, Any]) -> list[dict[str, str]]:
    """The audit part with Dutch times and action names, for the PDF."""
    actions = dict(AuditAction.choices)
    return [
        {
            "time": _day_or_time(line["timestamp"]),
            "actor": line["actor"],
            "action": str(actions.get(line["action"], line["action"])),
            "record": f"{line['object_type']} {line['object_id']}".strip(),
            "channel": line["channel"] or "—",
        }
        for line in data["audit"]
    ]


# More records of one kind than this go in one table, a record per row: a year of
# guidance hours stays a few pages instead of a hundred.
AS_ROWS_FROM = 4


def sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The export's records as titled tables: ``[{"title", "records": [[(label, text)]]}]``,
    and for many records of one kind also ``columns`` and ``rows`` (one per record)."""
    found = []
    for key, label, _path in HELD:
        records = data["records"][key]
        if not records:
            continue
        model = apps.get_model(label)
        rows = [_rows(model, record) for record in records]
        section: dict[str, Any] = {
            "title": str(model._meta.verbose_name_plural).capitalize(),
            "records": rows,
        }
        if len(rows) >= AS_ROWS_FROM:
            section["columns"] = [label for label, _text in rows[0]]
            section["rows"] = [[text for _label, text in row] for row in rows]
        found.append(section)
    return found


def as_pdf(data: dict[str, Any]) -> bytes:
    """The export as an accessible PDF (PDF/UA-1, Dutch, tagged)."""
    import weasyprint  # noqa: PLC0415 - heavy, loaded only for a PDF

    html = render_to_string(
        "privacy/subject_access_pdf.html",
        {
            "data": data,
            "person": _rows(Participant, data["participant"]),
            "sections": sections(data),
            "audit": audit_lines(data),
            "made_on": _day_or_time(data["made_on"]),
        },
    )
    document = weasyprint.HTML(string=html, base_url=str(STYLESHEET.parent))
    pdf: bytes = document.write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1"
    )
    return pdf
