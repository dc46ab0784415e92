"""The figures of "does work pay?" on the parameter page: every key in one group,
each unit shown and typed in its own way (an amount that may be negative, a factor
of twelve decimals, a number of months, yes or no), the rules of each unit in the
service, and the assumed values of the income keys (the 2026 assistance norms)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditEntry
from basisbaan.costs.assumed import assumed_values
from basisbaan.parameters.constants import ParameterKey
from basisbaan.parameters.models import ParameterValue
from basisbaan.parameters.services import parameter_value_check, parameter_value_set
from basisbaan.parameters.views import GROUPS
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member, make_national_admin
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal
NBSP = "\u00a0"


def key_rows(html: str, label: str) -> dict[str, str]:
    """The rows of one key's table body on the page, by their date (dd-mm-jjjj)."""
    start = html.index(f">{label}</th></tr>")
    body = html[start : html.index("</tbody>", start)]
    return {
        m.group(1): m.group(0)
        for m in re.finditer(
            r"<tr>\s*<th scope=\"row\"[^>]*>(\d\d-\d\d-\d{4})</th>.*?</tr>", body, re.S
        )
    }


def assumed_rows(html: str, label: str) -> dict[str, str]:
    start = html.index('id="kop-aannames"')
    section = html[start : html.index("</section>", start)]
    return {
        m.group(1): m.group(0)
        for m in re.finditer(
            rf"<tr>\s*<th scope=\"row\">{re.escape(label)}</th>\s*"
            r"<td class=\"bb-nowrap\">(\d\d-\d\d-\d{4})</td>.*?</tr>",
            section,
            re.S,
        )
    }


def test_every_key_is_in_exactly_one_group():
    counted = Counter(key for _title, keys in GROUPS for key in keys)
    assert set(counted) == set(ParameterKey.values)
    assert [key for key, n in counted.items() if n > 1] == []


def test_the_page_shows_the_income_groups_and_each_unit_in_its_own_way(client_as, municipality):
    html = (
        client_as(make_member(municipality, Role.CASEWORKER, username="consulent-jansen"))
        .get("/parameters/")
        .content.decode()
    )
    titles = re.findall(r'<h2 id="kop-groep-\d+">(.*?)</h2>', html)
    assert titles == [
        "Wettelijk minimumloon",
        "Jeugdlonen",
        "Vakantiegeld en werkgeverspremies",
        "Loonkostensubsidie",
        "Einde dienstverband",
        "Loonkostenvoordelen (LKV)",
        "Bijstandsnormen en inkomstenvrijlating",
        "Box 1 en heffingskortingen",
        "Zorgtoeslag",
        "Huurtoeslag",
        "Kindgebonden budget",
        "ESF+ vereenvoudigde kosten",
    ]
    # Hours per year, and the flat rate as a percentage.
    assert (
        '<td class="bb-num">1.720 uur <span'
        in key_rows(html, "ESF+: uren per jaar voor het uurtarief")["01-01-2021"]
    )
    assert (
        '<td class="bb-num">40\xa0%</td>'
        in key_rows(html, "ESF+: forfait bovenop de directe personeelskosten")["01-01-2021"]
    )
    # An amount that may be negative, in euros without a percentage.
    target = key_rows(html, "Huurtoeslag: taakstellingsbedrag")
    assert "€ -37,14" in target["01-01-2025"]
    assert "€ -37,72" in target["01-01-2024"]
    # A factor with every decimal it has, a Dutch comma, no percentage.
    factor = key_rows(html, "Huurtoeslag: factor a eenpersoons")
    assert '<td class="bb-num">0,000000438698</td>' in factor["01-01-2025"]
    assert '<td class="bb-num">0,00000041337</td>' in factor["01-01-2024"]
    factor_b = key_rows(html, "Huurtoeslag: factor b meerpersoons")
    assert '<td class="bb-num">-0,001382497146</td>' in factor_b["01-01-2025"]
    # A duration in months, a flag as yes or no.
    months = key_rows(html, "Inkomstenvrijlating: duur")
    assert '<td class="bb-num">6 maanden</td>' in months["01-01-2015"]
    caps = key_rows(html, "Huurtoeslag: huur boven de grens telt tot de grens mee")
    assert '<td class="bb-num">nee</td>' in caps["01-01-2025"]
    assert (
        '<td class="bb-num">ja <span class="bb-badge bb-badge--waiting">aanname</span></td>'
        in caps["01-01-2026"]
    )
    # The assumption's note beside its source.
    assert (
        '<span class="bb-muted">Niet bevestigd in de bronnen: vervangen zodra gepubliceerd.</span>'
        in caps["01-01-2026"]
    )
    # Fractions stay percentages; plain amounts euros.
    assert f"36,97{NBSP}%" in key_rows(html, "Box 1: tarief schijf 1")["01-01-2024"]
    assert (
        f"25{NBSP}%" in key_rows(html, "Inkomstenvrijlating: deel van het netto loon")["01-01-2015"]
    )
    assert "€ 2.119,00" in key_rows(html, "Zorgtoeslag: standaardpremie per jaar")["01-01-2026"]
    norms = key_rows(html, "Bijstandsnorm alleenstaande ouder per maand, incl. vakantiegeld")
    assert "€ 1.369,06" in norms["01-07-2025"]


def test_the_2026_assistance_norms_are_carried_forward_as_assumptions(client_as, municipality):
    """Not published when seeded: from 1 January 2026 the July 2025 norm holds on,
    marked as assumed (the horizon: a year from today)."""
    found = [
        (a.key, a.day, a.value, a.in_force)
        for a in assumed_values(municipality=municipality, today=D(2026, 11, 18))
        if a.key.startswith("assistance_norm") or a.key in ("rent_target", "disregard_cap_month")
    ]
    assert found == [
        ("assistance_norm_single", D(2026, 1, 1), E("1369.06"), True),
        ("assistance_norm_single", D(2026, 7, 1), E("1369.06"), True),
        ("assistance_norm_single", D(2027, 1, 1), E("1369.06"), False),
        ("assistance_norm_single", D(2027, 7, 1), E("1369.06"), False),
        ("assistance_norm_couple", D(2026, 1, 1), E("1955.80"), True),
        ("assistance_norm_couple", D(2026, 7, 1), E("1955.80"), True),
        ("assistance_norm_couple", D(2027, 1, 1), E("1955.80"), False),
        ("assistance_norm_couple", D(2027, 7, 1), E("1955.80"), False),
        ("assistance_norm_single_parent", D(2026, 1, 1), E("1369.06"), True),
        ("assistance_norm_single_parent", D(2026, 7, 1), E("1369.06"), True),
        ("assistance_norm_single_parent", D(2027, 1, 1), E("1369.06"), False),
        ("assistance_norm_single_parent", D(2027, 7, 1), E("1369.06"), False),
        ("disregard_cap_month", D(2025, 7, 1), E("285.00"), True),
        ("disregard_cap_month", D(2026, 1, 1), E("285.00"), True),
        ("disregard_cap_month", D(2026, 7, 1), E("285.00"), True),
        ("disregard_cap_month", D(2027, 1, 1), E("285.00"), False),
        ("disregard_cap_month", D(2027, 7, 1), E("285.00"), False),
        ("rent_target", D(2027, 1, 1), E("-48.15"), False),
    ]
    html = client_as(make_member(municipality, Role.CONTROLLER)).get("/parameters/").content
    text = html.decode()
    norm = assumed_rows(text, "Bijstandsnorm alleenstaande ouder per maand, incl. vakantiegeld")
    assert sorted(norm) == ["01-01-2026", "01-01-2027", "01-07-2026", "01-07-2027"]
    assert "€ 1.369,06" in norm["01-07-2026"] and "geldt nu" in norm["01-07-2026"]
    assert "€ -48,15" in assumed_rows(text, "Huurtoeslag: taakstellingsbedrag")["01-01-2027"]
    factor = assumed_rows(text, "Huurtoeslag: factor a eenpersoons")["01-01-2027"]
    assert '<td class="bb-num">0</td>' in factor and "verwacht" in factor
    caps = assumed_rows(text, "Huurtoeslag: huur boven de grens telt tot de grens mee")
    assert '<td class="bb-num">ja</td>' in caps["01-01-2027"]


@pytest.mark.parametrize(
    ("key", "typed", "stored"),
    [
        ("rent_factor_a_single", "0,000000438698", E("0.000000438698")),
        ("rent_factor_b_multi", "-0,001382497146", E("-0.001382497146")),
        ("rent_target", "-37,14", E("-37.14")),
        ("rent_target", "0", E("0")),
        ("disregard_months", "6", E("6")),
        ("rent_max_caps", "1", E("1")),
        ("rent_max_caps", "0", E("0")),
        ("disregard_rate", "30", E("0.30")),
    ],
)
def test_the_form_stores_each_unit_as_typed_and_only_a_percentage_is_divided(
    client_as, municipality, key, typed, stored
):
    admin = make_national_admin(municipality)
    response = client_as(admin).post(
        "/parameters/waarde/",
        {"key": key, "effective_date": "01-01-2027", "value": typed, "source": "Stcrt. 2026"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    row = ParameterValue.objects.get(key=key, effective_date=D(2027, 1, 1))
    assert (row.value, row.source, row.updated_by) == (stored, "Stcrt. 2026", admin)
    assert AuditEntry.objects.filter(
        object_type="parameters.parametervalue", object_id=str(row.pk), action="create"
    ).exists()


@pytest.mark.parametrize(
    ("key", "day", "shown"),
    [
        ("rent_factor_a_single", "2025-01-01", 'value="0,000000438698"'),
        ("rent_factor_b_multi", "2025-01-01", 'value="-0,001382497146"'),
        ("rent_target", "2025-01-01", 'value="-37,14"'),
        ("disregard_months", "2015-01-01", 'value="6"'),
        ("rent_max_caps", "2026-01-01", 'value="1"'),
        ("tax_bracket_1_rate", "2024-01-01", 'value="36,97"'),
    ],
)
def test_a_correction_starts_from_the_stored_value_in_full(
    client_as, municipality, key, day, shown
):
    client = client_as(make_national_admin(municipality))
    form = client.get(f"/parameters/waarde/?parameter={key}&datum={day}").content.decode()
    assert shown in form


def test_a_factor_corrected_on_the_form_keeps_every_decimal(client_as, municipality):
    client = client_as(make_national_admin(municipality))
    response = client.post(
        "/parameters/waarde/",
        {
            "key": "rent_factor_b_single",
            "effective_date": "01-01-2025",
            "value": "0,000446392666",
            "source": "Regeling huurtoeslaggrenzen 2025, correctie",
        },
    )
    assert response.status_code == 302
    row = ParameterValue.objects.get(key="rent_factor_b_single", effective_date=D(2025, 1, 1))
    assert row.value == E("0.000446392666")


@pytest.mark.parametrize(
    ("key", "value", "errors"),
    [
        ("rent_max_caps", E("2"), {"value": ["Vul 1 in voor ja of 0 voor nee."]}),
        ("rent_max_caps", E("0.5"), {"value": ["Vul 1 in voor ja of 0 voor nee."]}),
        ("rent_max_caps", E("-1"), {"value": ["Vul 1 in voor ja of 0 voor nee."]}),
        (
            "disregard_months",
            E("6.5"),
            {"value": ["Vul een heel aantal maanden in, van 1 tot en met 120."]},
        ),
        (
            "disregard_months",
            E("0"),
            {"value": ["Vul een heel aantal maanden in, van 1 tot en met 120."]},
        ),
        (
            "disregard_months",
            E("121"),
            {"value": ["Vul een heel aantal maanden in, van 1 tot en met 120."]},
        ),
        ("disregard_cap_month", E("0"), {"value": ["Een bedrag moet groter dan nul zijn."]}),
        (
            "disregard_rate",
            E("25"),
            {"value": ["Een percentage vult u in als fractie: 8% is 0,08."]},
        ),
    ],
)
def test_the_service_refuses_a_value_outside_its_unit(key, value, errors):
    with pytest.raises(ValidationError) as info, unchanged():
        parameter_value_set(
            actor=None, key=key, effective_date=D(2027, 1, 1), value=value, source="Stcrt."
        )
    assert info.value.message_dict == errors


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("rent_target", E("-37.14")),
        ("rent_target", E("0")),
        ("rent_phaseout_point_single", E("-1000000")),
        ("rent_factor_a_single", E("0.000000438698")),
        ("rent_factor_b_multi", E("-0.001382497146")),
        ("rent_factor_a_multi", E("0")),
        ("rent_max_caps", E("0")),
        ("rent_max_caps", E("1")),
        ("disregard_months", E("1")),
        ("disregard_months", E("120")),
    ],
)
def test_the_service_takes_any_amount_and_any_factor(key, value):
    parameter_value_check(key=key, value=value, source="Stcrt.", is_assumption=False)
    row = parameter_value_set(
        actor=None, key=key, effective_date=D(2027, 1, 1), value=value, source="Stcrt."
    )
    row.refresh_from_db()
    assert row.value == value


def test_a_refused_flag_on_the_form_says_why_and_stores_nothing(client_as, municipality):
    client = client_as(make_national_admin(municipality))
    with unchanged():
        response = client.post(
            "/parameters/waarde/",
            {
                "key": "rent_max_caps",
                "effective_date": "01-01-2027",
                "value": "2",
                "source": "Stcrt.",
            },
        )
    assert response.status_code == 200
    assert "Vul 1 in voor ja of 0 voor nee." in response.content.decode()
