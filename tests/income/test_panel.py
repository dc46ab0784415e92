"""The "Loont werken?" panel on the participant's, placement's and proposal's pages,
its own page (the target of its hours form), who may see it, the audit of the
read, and the household on the participant's form."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.urls import reverse

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.calc.income import Household, Job, compare
from basisbaan.calc.income_rules import Kind
from basisbaan.income.panel import PANEL_FIELDS
from basisbaan.income.rules import income_rules
from basisbaan.intake.matching import explain_pair
from basisbaan.intake.models import MatchProposal
from basisbaan.participants.constants import PERSONAL_FIELDS, HouseholdType
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import NAME_FIELDS
from basisbaan.participants.services import participant_update
from basisbaan.tenancy.roles import Role
from tests.factories import ParticipantFactory, PlacementFactory, PositionFactory
from tests.intake.factories import ParticipantProfileFactory, PositionProfileFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

DAY = dt.date(2025, 3, 3)
on_day = pytest.mark.parametrize("today", [DAY], indirect=True)
HEADLINE_32 = (
    "Met 32 uur per week heeft het huishouden ongeveer € 604 per maand meer dan met bijstand."
)


@pytest.fixture
def person(programme):
    """Single, rent 650, no contract: 32 hours at the minimum wage of March 2025 (14,06)."""
    return ParticipantFactory(
        programme=programme,
        first_name="Sanne",
        last_name="Hoekstra",
        household_type=HouseholdType.SINGLE,
        rent_month=Decimal("650.00"),
    )


def text(response) -> str:
    """The page as plain text, one space between words."""
    body = re.sub(r"<svg.*?</svg>", " ", response.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))


def row(page: str, label: str) -> str:
    """A table row's cells after its label: ``€ 0,00 € 2.016,51 € 2.016,51``."""
    found = re.search(re.escape(label) + r" ((?:€ -?[\d.]+,\d\d ?){3})", page)
    assert found, label
    return found.group(1).strip()


# --- the panel on the participant's page ----------------------------------------------


@on_day
def test_the_participant_page_shows_the_gain_with_exact_amounts(person, caseworker, client_as):
    response = client_as(caseworker).get(f"/deelnemers/{person.pk}/")

    assert response.status_code == 200
    page = text(response)
    assert HEADLINE_32 in page
    assert "Bruto uurloon € 14,06, start in maart 2025." in page
    assert "Het uurloon is het wettelijk minimumloon." in page
    assert row(page, "Netto loon") == "€ 0,00 € 2.016,51 € 2.016,51"
    assert row(page, "Bijstand (aanvulling)") == "€ 1.357,26 € 0,00 € -1.357,26"
    assert row(page, "Zorgtoeslag") == "€ 131,00 € 131,00 € 0,00"
    assert row(page, "Huurtoeslag") == "€ 390,00 € 335,00 € -55,00"
    assert row(page, "Kindgebonden budget") == "€ 0,00 € 0,00 € 0,00"
    assert row(page, "Totaal per maand") == "€ 1.878,26 € 2.482,51 € 604,25"
    assert "Van elke euro die u bruto meer verdient, houdt u 67 cent over." in page
    assert "Werken loont vanaf 22 uur per week." in page
    # The rows add up to the totals, and the gain is the difference of the totals.
    assert Decimal("2016.51") + Decimal("131.00") + Decimal("335.00") == Decimal("2482.51")
    assert Decimal("1357.26") + Decimal("131.00") + Decimal("390.00") == Decimal("1878.26")
    # The wage: 14,06 x 32 hours x 52 weeks x 1,08 (holiday allowance) a year.
    panel = response.context["panel"]
    assert panel.comparison.gross_year == Decimal("25267.51")
    assert panel.comparison.gain_month == Decimal("604.25")
    # The same engine called directly agrees (a second check, not the only one).
    rules = income_rules(2025).rules
    direct = compare(
        rules,
        Household(Kind.SINGLE, rent_month=Decimal(650)),
        Job(Decimal(32), Decimal("14.06"), start_month=3),
    )
    assert direct.gain_month == panel.comparison.gain_month


@on_day
def test_the_panel_lists_what_it_simplifies_and_its_assumptions(person, caseworker, client_as):
    page = text(client_as(caseworker).get(f"/deelnemers/{person.pk}/"))

    assert "De belasting is berekend over een heel jaar en gelijk over de maanden verdeeld." in page
    assert (
        "Het vakantiegeld is als gemiddelde per maand meegeteld; meestal wordt het in mei "
        "betaald." in page
    )
    assert (
        "Deze berekening gebruikt aannames: 1 bedrag is nog niet bevestigd of is doorgetrokken "
        "uit een eerder jaar." in page
    )
    assert "Inkomstenvrijlating: maximum per maand (waarde van 01-01-2025)" in page
    assert "Tabel: inkomen per aantal uren" in page


@on_day
def test_other_hours_change_the_amounts(person, caseworker, client_as):
    response = client_as(caseworker).get(f"/deelnemers/{person.pk}/", {"uren": "36"})

    page = text(response)
    assert HEADLINE_32 not in page
    assert response.context["panel"].hours == Decimal(36)
    assert (
        "Met 36 uur per week heeft het huishouden ongeveer € 726 per maand meer dan met bijstand."
        in page
    )
    assert 'value="36"' in response.content.decode()


@on_day
def test_hours_not_in_half_hour_steps_are_refused_in_dutch(person, caseworker, client_as):
    response = client_as(caseworker).get(f"/deelnemers/{person.pk}/", {"uren": "24,3"})

    page = text(response)
    assert "Vul de uren in stappen van 0,5 in, zoals 32 of 32,5." in page
    assert HEADLINE_32 in page  # the default hours until corrected


@on_day
def test_household_type_other_says_what_to_fill_in(programme, caseworker, client_as):
    person = ParticipantFactory(programme=programme, household_type=HouseholdType.OTHER)

    response = client_as(caseworker).get(f"/deelnemers/{person.pk}/")

    page = text(response)
    assert "De leefsituatie is ‘Anders’." in page
    assert "per maand meer dan met bijstand" not in page
    assert f'href="/deelnemers/{person.pk}/bewerken/">Gegevens aanvullen' in (
        response.content.decode()
    )


@on_day
def test_a_missing_rent_is_named(programme, caseworker, client_as):
    person = ParticipantFactory(programme=programme, rent_month=None)

    page = text(client_as(caseworker).get(f"/deelnemers/{person.pk}/"))

    assert "De huur is niet ingevuld: de huurtoeslag is niet meegeteld. Vul de huur in." in page


# --- who may see it, and the audit -------------------------------------------------------


@on_day
def test_a_role_without_personal_data_sees_no_panel_and_may_not_open_it(
    person, researcher, client_as
):
    client = client_as(researcher)

    with unchanged(person):
        detail = client.get(f"/deelnemers/{person.pk}/")
        own = client.get(f"/loont-werken/deelnemer/{person.pk}/")

    assert detail.status_code == 200
    assert "Loont werken?" not in detail.content.decode()
    assert detail.context["panel"] is None
    assert own.status_code == 403
    assert not AuditEntry.objects.exists()


@on_day
def test_the_panel_of_another_municipality_is_404(other_programme, caseworker, client_as):
    other = ParticipantFactory(programme=other_programme)

    with unchanged(other):
        assert client_as(caseworker).get(f"/loont-werken/deelnemer/{other.pk}/").status_code == 404
    assert not AuditEntry.objects.exists()


@on_day
def test_the_panel_page_audits_its_read(person, caseworker, client_as):
    response = client_as(caseworker).get(
        reverse("income:participant", args=[person.pk]), {"uren": "24", "maand": "5"}
    )

    assert response.status_code == 200
    assert "Met 24 uur per week heeft het huishouden ongeveer" in text(response)
    assert "start in mei 2025" in text(response)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.object_id) == (
        AuditAction.VIEW,
        caseworker,
        str(person.pk),
    )
    assert entry.changes == {"fields": [*NAME_FIELDS, *PANEL_FIELDS]}


@on_day
def test_the_participant_page_audits_the_household_with_the_personal_data(
    person, caseworker, client_as
):
    client_as(caseworker).get(f"/deelnemers/{person.pk}/")

    assert AuditEntry.objects.get().changes == {"fields": [*PERSONAL_FIELDS, *PANEL_FIELDS]}


@on_day
def test_htmx_gets_the_panel_alone(person, caseworker, client_as):
    response = client_as(caseworker).get(
        f"/loont-werken/deelnemer/{person.pk}/", {"uren": "20"}, HTTP_HX_REQUEST="true"
    )

    body = response.content.decode()
    assert body.lstrip().startswith('<section class="bb-section bb-income" id="loont-werken"')
    assert "<html" not in body
    assert "Met 20 uur per week" in text(response)
    assert "HX-Request" in response["Vary"]


# --- the placement and the matching pages -------------------------------------------------


@on_day
def test_the_placement_page_uses_the_positions_hours(programme, caseworker, client_as):
    placement = PlacementFactory(
        participant__programme=programme,
        participant__rent_month=Decimal("650.00"),
        position__hours_per_week=Decimal("24.0"),
    )

    response = client_as(caseworker).get(f"/plaatsingen/{placement.pk}/")

    assert "Met 24 uur per week heeft het huishouden ongeveer" in text(response)
    entry = AuditEntry.objects.get()
    assert entry.changes == {"fields": [*NAME_FIELDS, *PANEL_FIELDS]}


@on_day
def test_the_placement_page_has_no_panel_for_a_researcher(programme, researcher, client_as):
    placement = PlacementFactory(participant__programme=programme)

    response = client_as(researcher).get(f"/plaatsingen/{placement.pk}/")

    assert response.status_code == 200
    assert "Loont werken?" not in response.content.decode()


@on_day
def test_the_proposal_page_shows_the_panel_at_the_positions_hours(
    person, municipality, caseworker, client_as
):
    position = PositionFactory(host__municipality=municipality, hours_per_week=Decimal("28.0"))
    match, lines = explain_pair(person, position)
    proposal = MatchProposal.objects.create(
        municipality=municipality,
        participant=person,
        position=position,
        score=match.score,
        explanation=lines,
    )

    response = client_as(caseworker).get(f"/intake/voorstellen/{proposal.pk}/")

    assert "Met 28 uur per week heeft het huishouden ongeveer" in text(response)


@on_day
def test_the_matching_page_shows_one_line_per_position(person, municipality, caseworker, client_as):
    # Within the profile's 10 km of the position (a random postcode could be out of range).
    Participant.objects.filter(pk=person.pk).update(postcode="8921 AA")
    ParticipantProfileFactory(participant=person)
    PositionProfileFactory(
        position__host__municipality=municipality, position__hours_per_week=Decimal("32.0")
    )

    response = client_as(caseworker).get(f"/intake/deelnemers/{person.pk}/werkplekken/")

    assert response.status_code == 200
    assert len(response.context["match_rows"]) == 1
    assert f"Loont werken? {HEADLINE_32}" in text(response)
    assert AuditEntry.objects.get().changes == {"fields": [*NAME_FIELDS, *PANEL_FIELDS]}


# --- the household on the participant's form -------------------------------------------------


def form_post(person, **overrides) -> dict[str, str]:
    data = {
        "programme": str(person.programme_id),
        "bsn": person.bsn,
        "first_name": person.first_name,
        "name_prefix": person.name_prefix,
        "last_name": person.last_name,
        "date_of_birth": person.date_of_birth.strftime("%d-%m-%Y"),
        "email": "",
        "phone": "",
        "street": "",
        "postcode": "",
        "city": "Leeuwarden",
        "household_type": "single_parent",
        "social_assistance_start": "01-03-2019",
        "children_birth_months": "",
        "rent_month": "",
        "partner_income_year": "",
    }
    data.update(overrides)
    return data


@on_day
def test_the_form_saves_the_household_and_audits_it(person, caseworker, client_as):
    response = client_as(caseworker).post(
        f"/deelnemers/{person.pk}/bewerken/",
        form_post(person, children_birth_months="03-2014, 11-2019", rent_month="712,50"),
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.children_birth_months == ["2014-03", "2019-11"]
    assert person.rent_month == Decimal("712.50")
    assert person.partner_income_year is None
    update = AuditEntry.objects.get(action=AuditAction.UPDATE)
    # Named as changed; the values stay out of the log (emptied on anonymising).
    assert update.changes["children_birth_months"] == [[], "***"]
    assert update.changes["rent_month"] == ["***", "***"]
    page = client_as(caseworker).get(f"/deelnemers/{person.pk}/bewerken/").content.decode()
    assert 'value="03-2014, 11-2019"' in page


@on_day
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "children_birth_months",
            "13-2014",
            "‘13-2014’ is geen geboortemaand. Schrijf maand en jaar als 03-2014.",
        ),
        (
            "children_birth_months",
            "maart 2014",
            "‘maart’ is geen geboortemaand. Schrijf maand en jaar als 03-2014.",
        ),
        ("children_birth_months", "04-2025", "De geboortemaand 04-2025 ligt in de toekomst."),
        (
            "children_birth_months",
            "02-1995",
            "De geboortemaand 02-1995 ligt meer dan 30 jaar terug. "
            "Vul alleen kinderen in die thuis wonen.",
        ),
        ("rent_month", "5000,01", "De huur per maand ligt tussen € 0 en € 5.000."),
        ("rent_month", "-1", "De huur per maand ligt tussen € 0 en € 5.000."),
        (
            "partner_income_year",
            "500001",
            "Het bruto jaarinkomen van de partner ligt tussen € 0 en € 500.000.",
        ),
    ],
)
def test_the_form_refuses_a_bad_household_in_dutch(
    person, caseworker, client_as, field, value, message
):
    client = client_as(caseworker)

    with unchanged(person, reads=True):
        response = client.post(
            f"/deelnemers/{person.pk}/bewerken/", form_post(person, **{field: value})
        )

    assert response.status_code == 200
    assert message in text(response)


@on_day
def test_the_service_refuses_what_the_form_would_not_send(person, caseworker):
    """The API and other faces reach the service without the form: it checks too."""
    for data, field in [
        ({"children_birth_months": ["2014-3"]}, "children_birth_months"),
        ({"children_birth_months": "2014-03"}, "children_birth_months"),
        ({"children_birth_months": ["2014-03\n"]}, "children_birth_months"),
        ({"children_birth_months": ["٢٠١٤-03"]}, "children_birth_months"),
        ({"children_birth_months": ["2014-03"] * 21}, "children_birth_months"),
        ({"rent_month": Decimal("5000.01")}, "rent_month"),
        ({"partner_income_year": Decimal("-1")}, "partner_income_year"),
    ]:
        with pytest.raises(ValidationError) as refused, unchanged(person):
            participant_update(participant=person, actor=caseworker, data=data)
        assert field in refused.value.message_dict


@on_day
def test_a_child_born_this_month_and_one_of_29_are_accepted(person, caseworker):
    participant_update(
        participant=person,
        actor=caseworker,
        data={"children_birth_months": ["2025-03", "1996-04"]},
    )

    person.refresh_from_db()
    assert person.children_birth_months == ["2025-03", "1996-04"]


@on_day
def test_the_referral_form_asks_for_the_household(caseworker, client_as, member):
    body = client_as(member(Role.CASEWORKER, "intaker")).get("/intake/aanmelden/").content
    page = body.decode()
    assert 'name="children_birth_months"' in page
    assert "Huur per maand (inclusief servicekosten)" in page
    assert "Alleen bij gehuwd of samenwonend" in page
