"""The printed "does work pay?": one page, PDF/UA-1, the participant's name and the
date but no BSN, assumptions marked; the refusals; the chart's text alternative."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from django.urls import reverse

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.income.charts import income_chart_svg
from basisbaan.income.printout import printout_html, value_text
from basisbaan.income.selectors import participant_comparison
from basisbaan.tenancy.roles import Role
from tests.core.test_pdfua import need
from tests.income.conftest import BSN, FIRST, LAST
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 18)


def url(pk: int, **query: str) -> str:
    base = reverse("income:participant_pdf", args=[pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def pdf_text(path: Path) -> str:
    pdftotext = shutil.which("pdftotext")
    need(pdftotext is not None, "pdftotext", "apt-get install poppler-utils")
    assert pdftotext is not None
    return subprocess.run(  # noqa: S603 (a file this test wrote)
        [pdftotext, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def pages(path: Path) -> int:
    pdfinfo = shutil.which("pdfinfo")
    need(pdfinfo is not None, "pdfinfo", "apt-get install poppler-utils")
    assert pdfinfo is not None
    info = subprocess.run(  # noqa: S603 (a file this test wrote)
        [pdfinfo, str(path)], capture_output=True, text=True, check=True
    ).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def test_the_printout_is_one_page_of_pdf_ua_for_the_participant(
    participant, member, client_as, tmp_path
):
    participant.household_type = "couple_with_children"
    participant.children_birth_months = ["2015-03", "2020-01"]
    participant.rent_month = Decimal("650.00")
    participant.partner_income_year = Decimal("8000.00")
    participant.save()
    reader = member(Role.CASEWORKER)

    response = client_as(reader).get(url(participant.pk, hours="12", wage="14.71", start="3"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="loont-werken-2026.pdf"'
    path = tmp_path / "loont-werken.pdf"
    path.write_bytes(response.content)
    assert pages(path) == 1
    text = " ".join(pdf_text(path).split())
    assert "Loont werken? Uw inkomen met een basisbaan" in text
    assert f"Voor: {FIRST} {LAST}." in text
    assert "Berekend op 18-11-2026" in text
    assert "Gehuwd of samenwonend" in text
    assert "€ 650,00" in text
    assert "maart 2026" in text
    assert "Aanvulling bijstand" in text
    assert "(de vrijlating)" in text
    assert "Gebruikte regels" in text
    assert "(aanname)" in text
    assert "De toeslagen zijn berekend op het inkomen van een heel jaar." in text
    assert BSN not in text
    assert BSN[-4:] not in text
    entry = AuditEntry.objects.get(request_id=response["X-Request-ID"])
    assert entry.action == AuditAction.EXPORT
    assert entry.actor == reader
    assert entry.municipality == participant.municipality
    assert entry.object_type == "participants.participant"
    assert entry.changes["filters"] == {"participant": str(participant.pk), "year": "2026"}
    assert entry.changes["format"] == "pdf"
    from tests.pdfua import validate_pdfua, validator_available

    if validator_available():
        assert validate_pdfua(path) == []
    elif os.environ.get("PDF_VALIDATOR"):
        pytest.fail(f"PDF_VALIDATOR {os.environ['PDF_VALIDATOR']} does not run")


def test_the_worked_example_on_paper(participant):
    result = participant_comparison(
        participant, today=TODAY, hours=Decimal(36), wage=Decimal("14.06"), year=2025
    )
    assert result is not None

    html = printout_html(participant, result, today=TODAY)

    assert "€ 2.214,89" in html  # the net wage
    assert "€ 1.357,26" in html  # the assistance on assistance
    assert "Met de basisbaan heeft u € 856,63 per maand meer. Dat is € 10.279,63 per jaar." in html
    assert "Vanaf 22 uur per week heeft u meer dan met bijstand." in html
    assert "met de regels van 2025" in html
    assert "Inkomstenvrijlating: maximum per maand 285 (aanname)" in html
    assert "Box 1: tarief schijf 1 0,3582;" in html
    assert BSN not in html


def test_a_rules_value_in_dutch():
    assert value_text(Decimal("38441.000000")) == "38.441"
    assert value_text(Decimal("0.358200")) == "0,3582"
    assert value_text(Decimal("-37.140")) == "-37,14"
    assert value_text(Decimal("0E-12")) == "0"


def test_the_chart_says_in_words_what_it_shows(participant):
    result = participant_comparison(
        participant, today=TODAY, hours=Decimal(36), wage=Decimal("14.06"), year=2025
    )
    assert result is not None

    svg = income_chart_svg(result.comparison)

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="ic-chart"')
    assert '<title id="income-chart-title">Netto inkomen per maand bij 0 tot 40 uur' in svg
    assert (
        "Met bijstand: € 1.488,26 per maand, hoeveel uur u ook werkt. Met de basisbaan: "
        "€ 1.488,26 bij 0 uur en € 2.467,08 bij 40 uur per week; bij 36 uur € 2.344,89. "
        "Vanaf 22 uur per week is het inkomen met de basisbaan hoger.</desc>"
    ) in svg
    assert "uren per week" in svg
    assert "€ 2.500" in svg
    assert "style=" not in svg


def test_another_municipalitys_participant_is_not_found(other_participant, member, client_as):
    client = client_as(member(Role.FUNCTIONAL_ADMIN))
    with unchanged(other_participant):
        response = client.get(url(other_participant.pk))

    assert response.status_code == 404


def test_a_researcher_may_not_print_it(participant, researcher, client_as):
    client = client_as(researcher)
    with unchanged(participant):
        response = client.get(url(participant.pk))

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"hours": "abc"}, "Uren per week: Voer een getal in."),
        ({"hours": "1e309"}, "Uren per week: "),
        (
            {"hours": "41"},
            "Uren per week: Zorg ervoor dat deze waarde hoogstens 40 is.",
        ),
        ({"year": "99999"}, "Jaar: Zorg ervoor dat deze waarde hoogstens 2100 is."),
        ({"start": "0"}, "Startmaand: "),
        ({"wage": "nan"}, "Bruto uurloon: "),
        ({"year": "2010"}, "Voor 2010 zijn niet alle rekenregels vastgelegd"),
    ],
)
def test_bad_choices_get_a_dutch_page(participant, member, client_as, query, message):
    client = client_as(member(Role.CASEWORKER))
    with unchanged(participant):
        response = client.get(url(participant.pk, **query))

    assert response.status_code == 400
    page = response.content.decode()
    assert "Loont werken? kan niet worden afgedrukt" in page
    assert message in page


def test_a_household_of_another_kind_gets_a_dutch_page(participant, member, client_as):
    participant.household_type = "other"
    participant.save()
    client = client_as(member(Role.CASEWORKER))

    with unchanged(participant):
        response = client.get(url(participant.pk))

    assert response.status_code == 400
    assert (
        "Bij het huishouden ‘Anders’ is de bijstandsnorm niet bekend" in response.content.decode()
    )
