"""The council report's files as a reader gets them: the PDF passes veraPDF's
PDF/UA-1 validation (the archival PDF/A-3a file too), its text comes out in
reading order, and the Word file has real headings and tables."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from docx import Document as Word

from basisbaan.reports.constants import ReportFormat
from basisbaan.reports.models import HouseStyle
from basisbaan.reports.outputs import render
from basisbaan.reports.render import document
from basisbaan.reports.services import report_finalise, report_update
from tests.conftest import TODAY
from tests.core.test_pdfua import need, validator  # noqa: F401
from tests.pdfua import validate_pdf, validate_pdfua

pytestmark = pytest.mark.django_db

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#1f4e79"/></svg>'


@pytest.fixture
def final(draft, manager, municipality):
    HouseStyle.objects.create(
        municipality=municipality,
        name="Gemeente Klein",
        logo_svg=LOGO,
        logo_alt="Wapen van Klein",
    )
    report, _warnings = report_update(
        report=draft,
        actor=manager,
        data={
            "texts": {
                "next": "Het college gaat over tot:\n\n- scherpere profielen;\n- meer feedbacksessies."
            }
        },
        today=TODAY,
    )
    return report_finalise(report=report, actor=manager)


def write(tmp_path: Path, report, fmt: str) -> Path:
    path = tmp_path / f"rapport.{fmt}"
    path.write_bytes(render(document(report, today=TODAY), fmt))
    return path


def test_the_pdf_passes_pdf_ua_1(validator, final, tmp_path):  # noqa: F811
    assert validate_pdfua(write(tmp_path, final, ReportFormat.PDF)) == []


def test_the_archival_pdf_passes_pdf_a_3a_and_pdf_ua_1(validator, final, tmp_path):  # noqa: F811
    path = write(tmp_path, final, ReportFormat.PDFA)
    assert validate_pdf(path, "3a") == []
    assert validate_pdfua(path) == []


def test_the_pdf_text_comes_out_in_reading_order(final, tmp_path):
    pdftotext = shutil.which("pdftotext")
    need(pdftotext is not None, "pdftotext", "apt-get install poppler-utils")
    assert pdftotext is not None
    path = write(tmp_path, final, ReportFormat.PDF)
    text = subprocess.run(  # noqa: S603 (a file this test wrote)
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    order = [
        "Voortgang basisbanen",
        "Inleiding",
        "Stand van zaken",
        "Kerncijfers op 31 oktober 2026",
        "Aan het werk in een basisbaan",
        "Werk",
        "Financiën (uitnutting en prognose)",
        "Vervolg",
        "scherpere profielen",
        "Toelichting bij de cijfers",
    ]
    positions = [text.index(heading) for heading in order]
    assert positions == sorted(positions)


def test_the_word_file_has_headings_and_tables(final):
    word = Word(io.BytesIO(render(document(final, today=TODAY), ReportFormat.DOCX)))
    headings = [
        (p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", "Voortgang basisbanen")
    assert ("Heading 2", "Stand van zaken") in headings
    assert ("Heading 2", "Toelichting bij de cijfers") in headings
    first = word.tables[0]
    assert [c.text for c in first.rows[0].cells] == ["Onderwerp", "Aantal"]
    assert first.rows[1].cells[0].text == "Aan het werk in een basisbaan"
    assert "w:tblHeader" in first.rows[0]._tr.xml
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["scherpere profielen;", "meer feedbacksessies."]
    assert word.core_properties.language == "nl-NL"
