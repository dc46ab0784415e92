"""A caseworker takes a referral through intake to a proposed placement, in the browser."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.intake.models import MatchProposal
from basisbaan.intake.vocabulary import ProposalStatus
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_participant_flow import log_in
from tests.factories import ProgrammeFactory
from tests.intake.factories import EligibilityCriteriaFactory, PositionProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(municipality):
    programme = ProgrammeFactory(
        municipality=municipality,
        name="Pilot basisbanen",
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2030, 12, 31),
    )
    EligibilityCriteriaFactory(programme=programme, min_months_on_assistance=12)
    position = PositionProfileFactory(
        position__host__municipality=municipality,
        position__host__name="Fryslân Groenonderhoud",
        position__title="Medewerker groenonderhoud",
    ).position
    caseworker = make_member(municipality, Role.CASEWORKER, username="consulent")
    return programme, position, caseworker


def test_caseworker_takes_a_referral_through_intake_to_a_proposed_placement(
    world, live_server, new_page, screenshots
):
    programme, position, caseworker = world
    base = live_server.url
    page = new_page(1280)
    log_in(page, base, caseworker.username)

    # 1. Referral
    page.get_by_role("link", name="Intake", exact=True).click()
    page.get_by_role("link", name="Nieuwe aanmelding").click()
    page.get_by_label("Programma").select_option(label=programme.name)
    page.get_by_label("Bron van de aanmelding").select_option(label="UWV")
    page.get_by_label("Prioriteit").select_option(label="Hoog")
    page.get_by_label("BSN").fill("123456782")
    page.get_by_label("Voornaam").fill("Sjoukje")
    page.get_by_label("Achternaam").fill("Hiemstra")
    page.get_by_label("Geboortedatum").fill("29-11-1980")
    page.get_by_label("Leefsituatie").select_option(label="Alleenstaand")
    page.get_by_label("In de bijstand sinds").fill("01-01-2020")
    page.get_by_label("Postcode").fill("8921 AB")
    page.get_by_role("button", name="Aanmelding vastleggen").click()
    page.get_by_role("heading", level=1, name="Sjoukje Hiemstra").wait_for()
    participant = Participant.objects.get(bsn="123456782")
    assert participant.status == ParticipantStatus.REFERRED

    # 2. Intake conversation
    page.get_by_role("link", name="Intakegesprek vastleggen").click()
    page.get_by_label("Verslag").fill("Kennismaking: wil buiten werken, 32 uur, fietst.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", level=1, name="Sjoukje Hiemstra").wait_for()

    # 3. Profile
    page.get_by_role("link", name="Profiel bewerken").click()
    for label in ("Lichamelijk werk aankunnen", "Afspraken nakomen", "Samenwerken"):
        page.get_by_role("group", name="Competenties").get_by_label(label).check()
    page.get_by_role("group", name="Voorkeur soort werk").get_by_label("Buiten werken").check()
    page.get_by_role("group", name="Voorkeur sectoren").get_by_label(
        "Groen en openbare ruimte"
    ).check()
    page.get_by_label("Uren beschikbaar per week").fill("32")
    page.get_by_label("Reisafstand (km)").fill("10")
    page.get_by_label("Vervoer").select_option(label="Fiets")
    page.get_by_label("Taalniveau Nederlands").select_option(label="B1")
    page.get_by_label("Beperkingen besproken").check()
    page.locator("#id_motivation").select_option(label="Sterk gemotiveerd")
    page.get_by_label("Behoefte aan begeleiding").select_option(label="Regelmatig")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", level=1, name="Sjoukje Hiemstra").wait_for()
    page.screenshot(path=str(screenshots / "intake-dossier-1280.png"), full_page=True)

    # 4. Decision, with the eligibility check shown per criterion
    page.get_by_role("link", name="Besluit", exact=True).click()
    assert "minimaal 12 maanden in de bijstand" in page.content()
    page.get_by_label("Toegelaten", exact=True).check()
    page.get_by_role("group", name="Sporen").get_by_label("Doorstroom naar regulier werk").check()
    page.get_by_label("Onderbouwing").fill("Voldoet aan de criteria en is gemotiveerd.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    page.get_by_role("heading", level=1, name="Sjoukje Hiemstra").wait_for()
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.WAITING

    # 5. Matches, explained, and the proposal
    page.get_by_role("link", name="Passende werkplekken").click()
    page.get_by_role(
        "heading", level=2, name="1. Medewerker groenonderhoud – Fryslân Groenonderhoud"
    ).wait_for()
    assert "Score 100 van 100" in page.content()
    assert "3 van 3 gevraagde competenties" in page.content()
    page.screenshot(path=str(screenshots / "intake-matches-1280.png"), full_page=True)
    page.get_by_role("button", name="Plaatsing voorstellen").first.click()
    page.get_by_role("heading", level=1, name="Plaatsingsvoorstel").wait_for()
    proposal = MatchProposal.objects.get()
    assert (proposal.participant, proposal.position, proposal.score) == (participant, position, 100)
    assert proposal.status == ProposalStatus.PROPOSED

    # 6. The placement flow starts from the proposal
    page.get_by_label("Startdatum").fill("01-04-2025")
    page.get_by_role("button", name="Plaatsing starten").click()
    page.get_by_role("status").first.wait_for()
    placement = Placement.objects.get()
    assert page.url == f"{base}/plaatsingen/{placement.pk}/"
    assert (placement.participant, placement.position) == (participant, position)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PLACED
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_the_intake_pages(world, live_server, new_page, screenshots, width):
    from tests.intake.factories import add_intake_records

    programme, position, caseworker = world
    programme.intake_open = False
    programme.intake_closed_reason = "Instroom gestopt om budgettaire redenen."
    programme.save()
    records = add_intake_records(programme, position, name="Baukje")
    participant = records[0].participant
    page = new_page(width)
    log_in(page, live_server.url, caseworker.username)
    for name, path in [
        ("overview", "/intake/"),
        ("dossier", f"/intake/deelnemers/{participant.pk}/"),
        ("matches", f"/intake/deelnemers/{participant.pk}/werkplekken/"),
        ("candidates", f"/intake/werkplekken/{position.pk}/kandidaten/"),
        ("proposal", f"/intake/voorstellen/{records[-1].pk}/"),
        ("profile-form", f"/intake/deelnemers/{participant.pk}/profiel/"),
    ]:
        page.goto(live_server.url + path)
        page.screenshot(path=str(screenshots / f"intake-{name}-{width}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
    assert page.console_errors == []
