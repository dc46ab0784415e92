"""The report's files: HTML, accessible PDF (PDF/UA-1, or PDF/A for the archive), DOCX."""

from __future__ import annotations

import io
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from basisbaan.reports.charts import data_uri
from basisbaan.reports.constants import ReportFormat
from basisbaan.reports.pdfmeta import declare_pdfua_1
from basisbaan.reports.render import Document

__all__ = ["CONTENT_TYPES", "filename", "render"]

CONTENT_TYPES = {
    ReportFormat.PDF: "application/pdf",
    ReportFormat.PDFA: "application/pdf",
    ReportFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ReportFormat.HTML: "text/html; charset=utf-8",
}
EXTENSIONS = {
    ReportFormat.PDF: "pdf",
    ReportFormat.PDFA: "pdf",
    ReportFormat.DOCX: "docx",
    ReportFormat.HTML: "html",
}
# PDF/UA-1: tagged, with the document language and title (WeasyPrint's variant).
PDF_VARIANTS = {ReportFormat.PDF: "pdf/ua-1", ReportFormat.PDFA: "pdf/a-3a"}


def filename(doc: Document, fmt: str) -> str:
    report = doc.report
    state = "concept" if report.is_draft else f"v{report.number}"
    base = slugify(f"raadsrapportage {report.programme.name} {report.as_of.isoformat()} {state}")
    return f"{base}.{EXTENSIONS[ReportFormat(fmt)]}"


def html_text(doc: Document) -> str:
    with translation.override("nl"):
        logo = data_uri(doc.style.logo_svg) if doc.style.logo_svg else ""
        return render_to_string("reports/document.html", {"doc": doc, "logo_uri": logo})


def pdf_bytes(doc: Document, fmt: str = ReportFormat.PDF) -> bytes:
    from weasyprint import HTML  # imported here: slow to import, only needed for a PDF

    html = HTML(string=html_text(doc), base_url=None)
    options: dict[str, Any] = {"pdf_variant": PDF_VARIANTS[ReportFormat(fmt)], "pdf_tags": True}
    if fmt == ReportFormat.PDFA:
        # PDF/A-3a (tagged, archival) that also claims PDF/UA-1.
        options["finisher"] = declare_pdfua_1
    pdf: bytes = html.write_pdf(**options)
    return pdf


def _table(document: Any, table: dict[str, Any]) -> None:
    document.add_paragraph(table["title"], style="Caption")
    columns = [_("Onderwerp"), *table["columns"]]
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    for index, title in enumerate(columns):
        cell = grid.rows[0].cells[index]
        cell.text = str(title)
        cell.paragraphs[0].runs[0].bold = True
    _repeat_header(grid.rows[0])
    for row in table["rows"]:
        cells = grid.add_row().cells
        cells[0].text = row["label"]
        for index, value in enumerate(row["cells"], start=1):
            cells[index].text = value["text"]


def _repeat_header(row: Any) -> None:
    """Mark a table's first row as its header (Word repeats it, screen readers read it)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def docx_bytes(doc: Document) -> bytes:
    from docx import Document as Word
    from docx.oxml.ns import qn

    with translation.override("nl"):
        word = Word()
        word.core_properties.title = doc.report.title
        word.core_properties.language = "nl-NL"
        word.core_properties.author = doc.style.name or doc.report.programme.municipality.name
        normal = word.styles["Normal"]
        normal.font.name = doc.style.font
        language = normal.element.get_or_add_rPr()
        lang = language.find(qn("w:lang"))
        if lang is None:
            from docx.oxml import OxmlElement

            lang = OxmlElement("w:lang")
            language.append(lang)
        lang.set(qn("w:val"), "nl-NL")
        word.add_heading(doc.report.title, level=1)
        if doc.is_draft:
            word.add_paragraph(_("Concept – de cijfers zijn van vandaag en kunnen nog veranderen."))
        word.add_paragraph(
            _("Programma: %(p)s. Peildatum: %(d)s. Versie %(n)s.")
            % {
                "p": doc.report.programme.name,
                "d": date_format(doc.report.as_of, "SHORT_DATE_FORMAT"),
                "n": doc.report.number,
            }
        )
        for section in doc.sections:
            word.add_heading(section.title, level=2)
            for paragraph in section.paragraphs:
                if paragraph.kind == "ul":
                    for item in paragraph.items:
                        word.add_paragraph(item, style="List Bullet")
                else:
                    word.add_paragraph(paragraph.text)
            for table in section.tables:
                _table(word, table)
            for chart in section.charts:
                word.add_paragraph(chart.alt)
        word.add_heading(_("Toelichting bij de cijfers"), level=2)
        word.add_paragraph(
            _(
                'Aantallen van 1 tot %(n)s personen staan er als "minder dan %(n)s"; een cijfer '
                'waaruit zo\'n klein aantal terug te rekenen is, als "afgeschermd".'
            )
            % {"n": doc.threshold}
        )
        for title, lines in doc.definitions:
            word.add_heading(title, level=3)
            for label, definition in lines:
                word.add_paragraph(f"{label}: {definition}")
        out = io.BytesIO()
        word.save(out)
        return out.getvalue()


def render(doc: Document, fmt: str) -> bytes:
    """The file of ``doc`` in ``fmt`` (a :class:`ReportFormat` value)."""
    fmt = ReportFormat(fmt)
    if fmt == ReportFormat.HTML:
        return html_text(doc).encode()
    if fmt == ReportFormat.DOCX:
        return docx_bytes(doc)
    return pdf_bytes(doc, fmt)
