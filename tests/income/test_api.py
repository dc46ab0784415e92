"""``POST /api/v1/income-check/`` and ``GET /api/v1/participants/{id}/income-check/``:
the worked example to the cent, who may ask, and the refusals."""

from __future__ import annotations

import pytest

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.calc.income import MAX_CHILDREN, SIMPLIFICATIONS
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.income.conftest import EXAMPLE, add_scheme
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

URL = "/api/v1/income-check/"


def participant_url(pk: int) -> str:
    return f"/api/v1/participants/{pk}/income-check/"


def test_the_worked_example_to_the_cent(api_as, member):
    response = api_as(member(Role.READ_ONLY)).post(URL, EXAMPLE, format="json")

    assert response.status_code == 200
    data = response.json()
    assert data["inputs"] == {
        "household": "single",
        "children_ages": [],
        "rent_month": "0.00",
        "partner_income_year": "0.00",
        "hours_per_week": "36.00",
        "hourly_wage": "14.06",
        "year": 2025,
        "start_month": 1,
        "pension_rate": "0.0000",
    }
    working = data["working"]
    assert working["gross_wage"] == "2368.83"
    assert working["net_wage"] == "2214.89"
    assert working["wage_tax"] == "153.94"
    assert working["assistance"] == "0.00"
    assert working["healthcare"] == "130.00"
    assert working["total"] == "2344.89"
    assert data["on_assistance"]["assistance"] == "1357.26"
    assert data["on_assistance"]["healthcare"] == "131.00"
    assert data["on_assistance"]["total"] == "1488.26"
    assert data["year_figures"] == {
        "gross": "28425.95",
        "tax_before_credits": "10182.17",
        "general_credit": "3066.74",
        "labour_credit": "5268.18",
        "wage_tax": "1847.26",
    }
    assert data["gain_month"] == "856.63"
    assert data["gain_year"] == "10279.63"
    assert data["disregard_month"] == "0.00"
    assert data["disregard_months"] == 6
    assert data["marginal_pressure"] == "0.5358"
    assert data["pays_from_hours"] == 22
    assert [m["month"] for m in data["first_year"]] == list(range(1, 13))
    assert data["first_year"][0] == {
        "month": 1,
        "working": True,
        "on_assistance": "1476.45",
        "total": "2344.89",
        "difference": "868.44",
    }
    assert [p["hours"] for p in data["curve"]] == list(range(41))
    assert data["curve"][36]["working"] == "2344.89"
    assert {p["on_assistance"] for p in data["curve"]} == {"1488.26"}
    assert [s["code"] for s in data["simplifications"]] == [str(s) for s in SIMPLIFICATIONS]
    assert data["simplifications"][0]["text"] == (
        "De belasting is berekend over een heel jaar en gelijk over de maanden verdeeld."
    )
    used = {p["key"]: p for p in data["parameters_used"]}
    assert used["tax_bracket_1_rate"] == {
        "key": "tax_bracket_1_rate",
        "label": "Box 1: tarief schijf 1",
        "value": "0.3582",
        "valid_from": "2025-01-01",
        "source": "Belastingplan 2025: tarieven box 1 en heffingskortingen 2025 "
        "(onder AOW-leeftijd)",
        "assumption": False,
    }
    assert [p["key"] for p in data["parameters_used"] if p["assumption"]] == ["disregard_cap_month"]


def test_any_role_may_compare_and_it_writes_nothing(api_as, municipality):
    for role in Role:
        user = make_member(municipality, role, username=f"rekenaar-{role.value}")
        with unchanged():
            response = api_as(user).post(URL, EXAMPLE, format="json")
        assert response.status_code == 200, role


def test_the_local_schemes_are_the_users_municipality(
    api_as, member, municipality, other_municipality
):
    add_scheme(other_municipality, name="Toeslag van Emmen")
    client = api_as(member(Role.CASEWORKER))
    before = client.post(URL, EXAMPLE, format="json").json()
    assert before["working"]["local"] == []

    add_scheme(municipality)
    after = client.post(URL, EXAMPLE, format="json").json()

    assert after["on_assistance"]["local"] == [
        {"name": "Individuele inkomenstoeslag", "amount": "50.00"}
    ]
    assert after["on_assistance"]["total"] == "1538.26"
    # 36 hours earn more than 1,3 times the norm: no local scheme.
    assert after["working"]["local"] == [{"name": "Individuele inkomenstoeslag", "amount": "0.00"}]


def test_children_and_a_partner_are_counted(api_as, member):
    client = api_as(member(Role.CASEWORKER))
    data = client.post(
        URL,
        {**EXAMPLE, "household": "couple", "children_ages": [5, 13, 19], "rent_month": "650"},
        format="json",
    ).json()

    assert data["inputs"]["children_ages"] == [5, 13, 19]
    assert data["on_assistance"]["child"] != "0.00"
    assert data["on_assistance"]["rent"] != "0.00"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"hours_per_week": "41"}, "hours_per_week", "kleiner is dan of gelijk is aan 40."),
        ({"hours_per_week": "1e309"}, "hours_per_week", "niet meer dan 4 cijfers"),
        ({"hours_per_week": "-1"}, "hours_per_week", "groter is dan of gelijk is aan 0."),
        ({"hourly_wage": "abc"}, "hourly_wage", "Een geldig nummer is vereist."),
        ({"year": 99999}, "year", "kleiner is dan of gelijk is aan 2100."),
        ({"year": 2010}, "year", "Voor 2010 zijn niet alle rekenregels vastgelegd"),
        ({"start_month": 13}, "start_month", "kleiner is dan of gelijk is aan 12."),
        ({"household": "other"}, "household", '"other" is een ongeldige keuze.'),
        ({"children_ages": [1] * (MAX_CHILDREN + 1)}, "children_ages", "hoogstens 20 kinderen"),
        ({"children_ages": [5]}, "children_ages", "kies single_parent"),
        ({"pension_rate": "0.9"}, "pension_rate", "kleiner is dan of gelijk is aan 0.5."),
    ],
)
def test_bad_inputs_are_refused_in_dutch(api_as, member, change, field, message):
    client = api_as(member(Role.CASEWORKER))
    with unchanged():
        response = client.post(URL, {**EXAMPLE, **change}, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert list(errors) == [field]
    assert message in " ".join(errors[field]), errors


def test_a_number_too_large_for_a_float_is_refused(api_as, member):
    client = api_as(member(Role.CASEWORKER))
    body = '{"household": "single", "hours_per_week": 1e309, "hourly_wage": 14.06}'
    with unchanged():
        response = client.post(URL, body, content_type="application/json")

    assert response.status_code == 400
    assert list(response.json()) == ["hours_per_week"]


def test_strangers_are_refused(api_as, client):
    from tests.factories import UserFactory

    stranger = api_as(UserFactory(username="zonder-gemeente"))
    with unchanged():
        assert client.post(URL, EXAMPLE, content_type="application/json").status_code in {401, 403}
        assert stranger.post(URL, EXAMPLE, format="json").status_code == 403


# -- a participant -------------------------------------------------------------------


def test_a_participant_gives_the_same_answer_and_is_audited(api_as, member, participant):
    reader = member(Role.CASEWORKER)
    client = api_as(reader)
    given = client.post(URL, EXAMPLE, format="json").json()

    response = client.get(
        participant_url(participant.pk), {"hours": "36", "wage": "14.06", "year": 2025}
    )

    assert response.status_code == 200
    assert response.json() == given
    entry = AuditEntry.objects.get(request_id=response["X-Request-ID"])
    assert entry.action == AuditAction.VIEW
    assert entry.actor == reader
    assert entry.municipality == participant.municipality
    assert entry.object_type == "participants.participant"
    assert entry.object_id == str(participant.pk)
    assert entry.channel == "api"
    assert entry.changes["fields"] == [
        "household_type",
        "children_birth_months",
        "rent_month",
        "partner_income_year",
    ]


def test_a_participant_without_choices_gets_32_hours_at_the_minimum_wage(
    api_as, member, participant
):
    response = api_as(member(Role.CASEWORKER)).get(participant_url(participant.pk))

    inputs = response.json()["inputs"]
    assert inputs["hours_per_week"] == "32.00"
    assert inputs["year"] == 2026
    assert inputs["start_month"] == 11


def test_another_municipalitys_participant_is_not_found(api_as, member, other_participant):
    client = api_as(member(Role.FUNCTIONAL_ADMIN))
    with unchanged(other_participant):
        response = client.get(participant_url(other_participant.pk))

    assert response.status_code == 404


def test_a_researcher_may_not_read_a_participants_household(api_as, researcher, participant):
    with unchanged(participant):
        response = api_as(researcher).get(participant_url(participant.pk))

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"hours": "1e309"}, "hours"),
        ({"hours": "50"}, "hours"),
        ({"wage": "-3"}, "wage"),
        ({"year": "99999"}, "year"),
        ({"year": "2010"}, "year"),
        ({"start_month": "0"}, "start_month"),
    ],
)
def test_bad_choices_for_a_participant_are_refused(api_as, member, participant, query, field):
    client = api_as(member(Role.CASEWORKER))
    with unchanged(participant):
        response = client.get(participant_url(participant.pk), query)

    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_a_household_of_another_kind_cannot_be_compared(api_as, member, participant):
    participant.household_type = "other"
    participant.save()

    client = api_as(member(Role.CASEWORKER))
    with unchanged(participant):
        response = client.get(participant_url(participant.pk))

    assert response.status_code == 400
    assert "Anders" in response.json()["household_type"][0]
