"""The printable consent form of one respondent: a tagged PDF/UA-1 file in B1 Dutch.

Filled in with the respondent's code, never a name. WeasyPrint renders it as the
council report does (reports/outputs.py): the variant ``pdf/ua-1`` with tags, the
document language nl and the title in the metadata.
"""

from __future__ import annotations

import datetime as dt

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from basisbaan.research.models import Respondent

__all__ = ["consent_form_filename", "consent_form_html", "consent_form_pdf"]


def consent_form_html(respondent: Respondent, *, today: dt.date) -> str:
    study = respondent.study
    consent = getattr(respondent, "consent", None)
    with translation.override("nl"):
        return render_to_string(
            "research/studies/consent_form_pdf.html",
            {
                "study": study,
                "respondent": respondent,
                "consent": consent,
                "letter_version": consent.letter_version if consent else study.letter_version,
                "researchers": [
                    u.get_full_name() or u.get_username() for u in study.researchers.order_by("pk")
                ],
                "today": today,
            },
        )


def consent_form_pdf(respondent: Respondent, *, today: dt.date) -> bytes:
    from weasyprint import HTML  # imported here: slow to import, only needed for a PDF

    html = HTML(string=consent_form_html(respondent, today=today), base_url=None)
    pdf: bytes = html.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    return pdf


def consent_form_filename(respondent: Respondent) -> str:
    return f"{slugify(f'toestemmingsformulier {respondent.code}')}.pdf"
