"""A council report as WeasyPrint makes it passes veraPDF's PDF/UA-1 validation, and
PDF/A-3a with it, and its text comes out in reading order.

The report here is small but has what the real ones have: Dutch, a title, headings,
a data table with a caption and row and column headers, an SVG chart with a text
alternative, a footnote, a page footer and a decorative logo, in an embedded font.
docs/council-report.md (Accessible PDF with WeasyPrint) says why each piece is written the way it is.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from basisbaan.reports.pdfmeta import declare_pdfua_1
from tests.pdfua import (
    ValidatorError,
    failures,
    validate_pdf,
    validate_pdfua,
    validator_available,
    validator_path,
)

LOGO = base64.b64encode(
    b'<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20">'
    b'<rect width="60" height="20" fill="#154273"/></svg>'
).decode()

# The chart's text alternative is the <title> of the inline <svg>: WeasyPrint makes it
# the Figure's /Alt (aria-label is not read).
CHART_ALT = "Staafdiagram uitstroom naar werk: 14 in het eerste kwartaal, 19 in het tweede."

REPORT = f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Raadsrapportage participatie, eerste halfjaar 2026</title>
<meta name="author" content="Gemeente Voorbeeld, team Werk">
<meta name="dcterms.created" content="2026-11-18T10:00:00+01:00">
<style>
  @page {{
    size: A4;
    margin: 25mm 20mm;
    @top-left {{ content: ""; width: 60px; height: 20px;
                 background: url(data:image/svg+xml;base64,{LOGO}) no-repeat; }}
    @bottom-center {{ content: "Pagina " counter(page) " van " counter(pages); }}
  }}
  html {{ font-family: "DejaVu Sans"; font-size: 10pt; }}
  table {{ border-collapse: collapse; }}
  th, td {{ border: 0.5pt solid #444; padding: 2pt 6pt; }}
  td {{ text-align: right; }}
  .voetnoot {{ float: footnote; }}
</style>
</head>
<body>
<h1>Raadsrapportage participatie, eerste halfjaar 2026</h1>
<p>Deze rapportage beschrijft de uitstroom naar werk van deelnemers aan de
participatieprogramma's.</p>

<h2>Uitstroom per kwartaal</h2>
<table>
  <caption>Deelnemers en uitstroom naar werk per kwartaal</caption>
  <thead>
    <tr><th scope="col">Kwartaal</th><th scope="col">Deelnemers</th>
        <th scope="col">Naar werk</th></tr>
  </thead>
  <tbody>
    <tr><th scope="row">Eerste kwartaal</th><td>120</td><td>14</td></tr>
    <tr><th scope="row">Tweede kwartaal</th><td>131</td><td>19</td></tr>
  </tbody>
</table>

<h2>Grafiek</h2>
<svg xmlns="http://www.w3.org/2000/svg" role="img" width="240" height="120"
     viewBox="0 0 240 120">
  <title>{CHART_ALT}</title>
  <rect x="30" y="46" width="70" height="74" fill="#154273"/>
  <rect x="140" y="20" width="70" height="100" fill="#154273"/>
</svg>

<h2>Toelichting</h2>
<p>De uitstroom steeg in het tweede kwartaal<span class="voetnoot">Bron: eigen
registratie, peildatum 30 juni 2026.</span> door de nieuwe werkgeversaanpak.</p>
</body>
</html>
"""

# What a reader hears, in order (pdftotext follows the page; the footnote ends it,
# then the page footer).
READING_ORDER = (
    "Raadsrapportage participatie, eerste halfjaar 2026 "
    "Deze rapportage beschrijft de uitstroom naar werk van deelnemers aan de "
    "participatieprogramma's. "
    "Uitstroom per kwartaal "
    "Deelnemers en uitstroom naar werk per kwartaal "
    "Kwartaal Deelnemers Naar werk "
    "Eerste kwartaal 120 14 "
    "Tweede kwartaal 131 19 "
    "Grafiek "
    "Toelichting "
    "De uitstroom steeg in het tweede kwartaal1 door de nieuwe werkgeversaanpak. "
    "1. Bron: eigen registratie, peildatum 30 juni 2026. "
    "Pagina 1 van 1"
)


def need(found: bool, what: str, install: str) -> None:
    """Skip without the tool, but fail in CI: .ci/run installs it there."""
    if not found:
        if os.environ.get("CI"):
            pytest.fail(f"{what} niet gevonden: kan niet draaien in CI (installeer met: {install})")
        pytest.skip(f"{what} niet gevonden: overgeslagen (installeer met: {install})")


@pytest.fixture(scope="module")
def validator() -> None:
    need(
        validator_available(), f"PDF-validator {validator_path()}", "scripts/install-pdf-validator"
    )


def render(tmp_path: Path, html: str, name: str, **options: Any) -> Path:
    import weasyprint

    path = tmp_path / name
    weasyprint.HTML(string=html).write_pdf(path, **options)
    return path


def test_the_council_report_conforms_to_pdf_ua_1(validator, tmp_path):
    pdf = render(tmp_path, REPORT, "raadsrapportage.pdf", pdf_variant="pdf/ua-1")

    assert validate_pdfua(pdf) == []


def test_the_archival_report_conforms_to_pdf_a_3a_and_pdf_ua_1(validator, tmp_path):
    pdf = render(tmp_path, REPORT, "archief.pdf", pdf_variant="pdf/a-3a", finisher=declare_pdfua_1)

    assert validate_pdf(pdf, "3a") == []
    assert validate_pdfua(pdf) == []


def test_the_validator_names_a_chart_without_a_text_alternative(validator, tmp_path):
    # The control: aria-label instead of <title> leaves the Figure without /Alt.
    html = REPORT.replace(f"<title>{CHART_ALT}</title>", "").replace(
        'role="img"', f'role="img" aria-label="{CHART_ALT}"'
    )
    pdf = render(tmp_path, html, "zonder-alt.pdf", pdf_variant="pdf/ua-1")

    failed = validate_pdfua(pdf)

    assert len(failed) == 1
    assert failed[0].startswith("ISO 14289-1:2014 7.3-1 (1x): Figure tags shall include")
    assert "Found: Figure structure element neither has an alternate description" in failed[0]


def test_the_text_comes_out_in_reading_order(tmp_path):
    pdftotext = shutil.which("pdftotext")
    need(pdftotext is not None, "pdftotext", "apt-get install poppler-utils")
    assert pdftotext is not None
    pdf = render(tmp_path, REPORT, "raadsrapportage.pdf", pdf_variant="pdf/ua-1")

    text = subprocess.run(  # noqa: S603 - pdftotext with fixed arguments
        [pdftotext, "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    assert " ".join(text.split()) == READING_ORDER


def report(job: dict[str, Any]) -> dict[str, Any]:
    return {"report": {"jobs": [{"itemDetails": {"name": "x.pdf"}, **job}]}}


def test_failures_are_read_from_verapdfs_json_report():
    rule = {
        "ruleStatus": "FAILED",
        "specification": "ISO 14289-1:2014",
        "clause": "7.3",
        "testNumber": 1,
        "failedChecks": 2,
        "description": "Figure tags shall include an alternative representation.",
        "object": "SEFigure",
        "checks": [{"context": "root/K[5]", "errorMessage": "No alternate description"}],
    }
    result = {
        "jobEndStatus": "normal",
        "profileName": "PDF/UA-1 validation profile",
        "compliant": False,
        "details": {"ruleSummaries": [rule]},
    }

    assert failures(report({"validationResult": [result]})) == [
        "ISO 14289-1:2014 7.3-1 (2x): Figure tags shall include an alternative "
        "representation. Found: No alternate description At: root/K[5]"
    ]
    compliant = {**result, "compliant": True, "details": {"ruleSummaries": []}}
    assert failures(report({"validationResult": compliant})) == []


def test_a_file_verapdf_could_not_read_is_an_error_not_a_pass():
    unreadable = {"taskException": {"exceptionMessage": "Couldn't parse stream"}}

    with pytest.raises(ValidatorError, match="could not validate .*Couldn't parse stream"):
        failures(report(unreadable), Path("x.pdf"))
