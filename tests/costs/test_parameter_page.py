"""The parameter page: the national figures with their sources, the values now assumed
because a published one is missing (the minimum wage from 1 July 2026), the
municipality's indexation, and the national administrator's form (no municipal role's)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from basisbaan.audit.models import AuditEntry
from basisbaan.costs.assumed import assumed_values
from basisbaan.costs.services import indexation_set
from basisbaan.parameters.models import ParameterValue
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member, make_national_admin
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal


def assumed_section(html: str) -> str:
    start = html.index('id="kop-aannames"')
    return html[start : html.index("</section>", start)]


def test_the_minimum_wage_from_july_2026_is_an_assumption(municipality):
    """The seed's last minimum wage is 14.71 from 1 January 2026; 1 July 2026 is
    expected but not published. With +2 % per half year: 14.71 × 1.02 = 15.0042 -> 15.00,
    and 1 January 2027 14.71 × 1.02² = 15.304284 -> 15.30."""
    today = D(2026, 11, 29)
    plain = [
        a
        for a in assumed_values(municipality=municipality, today=today)
        if a.key == "minimum_wage_hourly"
    ]
    assert [(a.day, a.value, a.in_force) for a in plain] == [
        (D(2026, 7, 1), E("14.71"), True),
        (D(2027, 1, 1), E("14.71"), False),
        (D(2027, 7, 1), E("14.71"), False),
    ]
    indexation_set(municipality=municipality, actor=None, key="minimum_wage_hourly", rate=E("0.02"))
    indexed = [
        a
        for a in assumed_values(municipality=municipality, today=today)
        if a.key == "minimum_wage_hourly"
    ]
    assert [(a.value, a.missed, a.rate) for a in indexed[:2]] == [
        (E("15.00"), 1, E("0.02")),
        (E("15.30"), 2, E("0.02")),
    ]
    premiums = [
        a for a in assumed_values(municipality=municipality, today=today) if a.key == "awf_high"
    ]
    assert [(a.day, a.value) for a in premiums] == [(D(2027, 1, 1), E("0.077400"))]


@pytest.mark.parametrize("role", list(Role))
def test_every_role_sees_the_page_with_the_assumption_badge(client_as, municipality, role):
    indexation_set(municipality=municipality, actor=None, key="minimum_wage_hourly", rate=E("0.02"))
    response = client_as(make_member(municipality, role)).get("/parameters/")
    assert response.status_code == 200
    html = response.content.decode()
    section = assumed_section(html)
    july = re.search(r"<tr>\s*<th scope=\"row\">WML per uur \(21\+\)</th>.*?</tr>", section, re.S)
    assert july is not None
    row = july.group(0)
    assert "01-07-2026" in row
    assert "€ 15,00" in row  # 14.71 indexed by 2 %
    assert "2\u00a0% per wijziging" in row
    assert '<span class="bb-badge bb-badge--waiting">aanname</span>' in row
    # The published figures with their sources; fractions as %, euros as €.
    assert "€ 14,71" in html and "SZW-besluit 2025-0000213859" in html
    assert "7,74\u00a0%" in html and "€ 79.409,00" in html
    # National figures are set by a national administrator, never by a municipal role.
    assert "Waarde toevoegen" not in html and "Corrigeren" not in html


def test_a_value_entered_as_an_assumption_has_the_badge(client_as, municipality):
    ParameterValue.objects.create(
        key="whk", effective_date=D(2027, 1, 1), value=E("0.0160"), is_assumption=True
    )
    html = client_as(make_member(municipality, Role.CONTROLLER)).get("/parameters/").content
    text = html.decode()
    whk = text[text.index("Whk (gemiddeld)</th></tr>") :]
    row = whk[whk.index("01-01-2027") : whk.index("</tr>", whk.index("01-01-2027"))]
    assert "1,6\u00a0%" in row and "aanname" in row


def test_the_national_administrator_adds_a_value(client_as, municipality):
    admin = make_national_admin(municipality)
    client = client_as(admin)
    assert "Waarde toevoegen" in client.get("/parameters/").content.decode()
    assert client.get("/parameters/waarde/").status_code == 200
    response = client.post(
        "/parameters/waarde/",
        {
            "key": "minimum_wage_hourly",
            "effective_date": "01-07-2026",
            "value": "15,08",
            "source": "SZW-besluit juli 2026",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    added = ParameterValue.objects.get(key="minimum_wage_hourly", effective_date=D(2026, 7, 1))
    assert (added.value, added.is_assumption, added.updated_by) == (E("15.08"), False, admin)
    assert AuditEntry.objects.filter(
        object_type="parameters.parametervalue", action="create", actor=admin
    ).exists()
    # Published now: July 2026 is no longer an assumption.
    section = assumed_section(client.get("/parameters/").content.decode())
    wage = re.findall(r"<th scope=\"row\">WML per uur \(21\+\)</th>.*?</tr>", section, re.S)
    assert '<td class="bb-nowrap">01-07-2026</td>' not in "".join(wage)
    assert '<td class="bb-nowrap">01-01-2027</td>' in "".join(wage)


def test_a_percentage_is_typed_as_a_percentage_and_a_correction_replaces(client_as, municipality):
    client = client_as(make_national_admin(municipality))
    form = client.get("/parameters/waarde/?parameter=awf_high&datum=2026-01-01").content.decode()
    assert 'value="7,74"' in form
    response = client.post(
        "/parameters/waarde/",
        {
            "key": "awf_high",
            "effective_date": "01-01-2026",
            "value": "7,75",
            "source": "Belastingdienst, correctie",
        },
    )
    assert response.status_code == 302
    assert ParameterValue.objects.get(key="awf_high", effective_date=D(2026, 1, 1)).value == E(
        "0.0775"
    )


def test_a_source_is_required_unless_it_is_an_assumption(client_as, municipality):
    client = client_as(make_national_admin(municipality))
    data = {"key": "minimum_wage_hourly", "effective_date": "01-07-2026", "value": "15,00"}
    with unchanged():
        refused = client.post("/parameters/waarde/", data)
    assert refused.status_code == 200
    assert "Vermeld de bron, of markeer de waarde als aanname." in refused.content.decode()
    assert not ParameterValue.objects.filter(effective_date=D(2026, 7, 1)).exists()
    accepted = client.post("/parameters/waarde/", {**data, "is_assumption": "on"})
    assert accepted.status_code == 302
    assert ParameterValue.objects.get(effective_date=D(2026, 7, 1)).is_assumption


@pytest.mark.parametrize(
    "role", [Role.FUNCTIONAL_ADMIN, Role.CONTROLLER, Role.PROGRAMME_MANAGER, Role.CASEWORKER]
)
def test_no_municipal_role_changes_national_figures(client_as, municipality, role):
    """Not even the functional administrator: one municipality would set the
    minimum wage for all."""
    client = client_as(make_member(municipality, role))
    assert client.get("/parameters/waarde/").status_code == 403
    with unchanged():
        response = client.post(
            "/parameters/waarde/",
            {
                "key": "minimum_wage_hourly",
                "effective_date": "01-07-2026",
                "value": "99",
                "source": "x",
            },
        )
    assert response.status_code == 403
    assert not ParameterValue.objects.filter(effective_date=D(2026, 7, 1)).exists()
