"""The subject-access export as files: JSON (machine-readable) and PDF (PDF/UA-1).

Both are made from :func:`basisbaan.privacy.selectors.subject_access`; the PDF
shows the same data with Dutch labels (the fields' verbose names).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.template.loader import render_to_string

from basisbaan.participants.models import Participant
from basisbaan.privacy.constants import HELD

STYLESHEET = Path(__file__).resolve().parent / "static" / "privacy" / "subject_access_pdf.css"


def as_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False).encode("utf-8")


def _label(model: Any, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def _text(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _rows(model: Any, record: dict[str, Any]) -> list[tuple[str, str]]:
    return [(_label(model, name), _text(value)) for name, value in record.items()]


def sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The export's records as titled tables: ``[{"title", "records": [[(label, text)]]}]``."""
    found = []
    for key, label, _path in HELD:
        records = data["records"][key]
        if not records:
            continue
        model = apps.get_model(label)
        found.append(
            {
                "title": str(model._meta.verbose_name_plural).capitalize(),
                "records": [_rows(model, record) for record in records],
            }
        )
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
        },
    )
    document = weasyprint.HTML(string=html, base_url=str(STYLESHEET.parent))
    pdf: bytes = document.write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET))], pdf_variant="pdf/ua-1"
    )
    return pdf
