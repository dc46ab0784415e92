"""The UI shell: login, header, dashboard, language, municipality switch, error pages."""

from __future__ import annotations

import datetime as dt

import pytest

from django.test import Client

from basisbaan.hosts.constants import Track
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.tenancy.roles import Role
from basisbaan.tenancy.selectors import SESSION_KEY
from tests.conftest import make_member
from tests.factories import (
    MembershipFactory,
    ParticipantFactory,
    PlacementFactory,
    PositionFactory,
    ProgrammeFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def test_login_page_renders_for_anonymous_visitor():
    response = Client().get("/inloggen/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<html lang="nl"' in body
    assert '<label for="id_username">Gebruikersnaam</label>' in body
    assert '<label for="id_password">Wachtwoord</label>' in body
    assert 'autocomplete="current-password"' in body
    assert 'href="#inhoud"' in body  # skip link


def test_anonymous_visitor_is_sent_to_login():
    response = Client().get("/deelnemers/")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/?next=/deelnemers/"


def test_login_with_password_lands_on_dashboard(caseworker):
    client = Client()
    response = client.post(
        "/inloggen/", {"username": caseworker.username, "password": "demo"}, follow=True
    )
    assert response.redirect_chain == [("/", 302)]
    assert response.status_code == 200
    assert b"<h1>Overzicht</h1>" in response.content


def test_wrong_password_shows_dutch_message(caseworker):
    response = Client().post("/inloggen/", {"username": caseworker.username, "password": "nee"})
    assert response.status_code == 200
    assert "De combinatie van gebruikersnaam en wachtwoord klopt niet." in response.content.decode()


def test_logout_is_post_only(caseworker, client_as):
    client = client_as(caseworker)
    with unchanged():
        assert client.get("/uitloggen/").status_code == 405
    response = client.post("/uitloggen/")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/"
    assert client.get("/").status_code == 302


def test_strict_csp_header_and_no_inline_script_or_style(caseworker, client_as):
    response = client_as(caseworker).get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    body = response.content.decode()
    assert "<script>" not in body
    assert "style=" not in body
    assert "<style" not in body


def test_dashboard_counts(municipality, other_municipality, manager, client_as):
    open_programme = ProgrammeFactory(municipality=municipality, name="Structureel")
    closed = ProgrammeFactory(
        municipality=municipality,
        name="Pilot 2023-2026",
        intake_open=False,
        intake_closed_reason="Budget 2025 is op: de loonkosten stegen.",
    )
    contact = make_member(municipality, Role.CASEWORKER, username="anna")
    for status, count in [
        (ParticipantStatus.REFERRED, 2),
        (ParticipantStatus.INTAKE, 1),
        (ParticipantStatus.WAITING, 3),
        (ParticipantStatus.EXITED, 1),
    ]:
        for _ in range(count):
            ParticipantFactory(programme=open_programme, status=status, contact_person=contact)
    # Without contact person: two active ones count, the exited one does not.
    ParticipantFactory(programme=open_programme, status=ParticipantStatus.REFERRED)
    # (Its contact person's account was removed: SET_NULL leaves it without one.)
    ParticipantFactory(programme=closed, status=ParticipantStatus.WAITING, contact_person=None)
    ParticipantFactory(programme=closed, status=ParticipantStatus.EXITED)
    # Placements: 2 transition + 1 social value running, 1 ended.
    for track in [Track.TRANSITION, Track.TRANSITION, Track.SOCIAL_VALUE]:
        PlacementFactory(
            participant__programme=closed, participant__contact_person=contact, track=track
        )
    PlacementFactory(
        participant__programme=closed,
        participant__contact_person=contact,
        end_date=dt.date(2025, 1, 31),
        end_reason="Regulier werk",
    )
    # Positions: the four placements made four open ones; one closed, one open extra.
    PositionFactory(host__municipality=municipality, is_open=False)
    PositionFactory(host__municipality=municipality, is_open=True)
    # Another municipality's records never count.
    ParticipantFactory(programme__municipality=other_municipality)
    PositionFactory(host__municipality=other_municipality)

    response = client_as(manager).get("/")

    assert response.status_code == 200
    ctx = response.context
    assert ctx["participants_total"] == 14
    assert dict(ctx["participants_by_status"]) == {
        ParticipantStatus.REFERRED: 3,
        ParticipantStatus.INTAKE: 1,
        ParticipantStatus.WAITING: 4,
        ParticipantStatus.PLACED: 4,
        ParticipantStatus.REJECTED: 0,
        ParticipantStatus.EXITED: 2,
    }
    assert ctx["participants_without_contact"] == 2
    assert ctx["placements_total"] == 3
    assert dict(ctx["placements_by_track"]) == {Track.TRANSITION: 2, Track.SOCIAL_VALUE: 1}
    assert ctx["open_positions"] == 5
    assert [p.name for p in ctx["programmes_closed"]] == ["Pilot 2023-2026"]
    body = response.content.decode()
    assert 'data-testid="participants-total">14<' in body
    assert 'data-testid="status-waiting">4<' in body
    assert 'data-testid="track-transition">2<' in body
    assert 'data-testid="without-contact">2<' in body
    assert 'data-testid="open-positions">5<' in body
    assert "Instroomstop: Pilot 2023-2026" in body
    assert "Budget 2025 is op: de loonkosten stegen." in body


def test_dashboard_uses_a_fixed_number_of_queries(
    municipality, manager, client_as, django_assert_max_num_queries
):
    programme = ProgrammeFactory(municipality=municipality)
    ParticipantFactory.create_batch(10, programme=programme)
    client = client_as(manager)
    # Two of them are the guidance flags (open signals, overdue feedback sessions), two
    # the minimum wage with the municipality's indexation (its projected amounts).
    with django_assert_max_num_queries(14):
        assert client.get("/").status_code == 200


def test_header_shows_municipality_role_and_permitted_nav(municipality, client_as, member):
    jobcoach = member(Role.JOBCOACH)
    body = client_as(jobcoach).get("/").content.decode()
    assert "Gemeente Leeuwarden" in body
    assert "Jobcoach" in body
    assert 'href="/deelnemers/"' in body
    assert 'href="/audit/"' not in body  # no audit permission
    assert 'href="/beheer/"' not in body
    assert 'href="/api/v1/docs/"' in body
    assert "Nieuwe deelnemer" not in body  # jobcoach may not register participants


def test_functional_admin_sees_audit_and_admin_links(admin_user, client_as):
    body = client_as(admin_user).get("/").content.decode()
    assert 'href="/audit/"' in body
    assert 'href="/beheer/"' in body


def test_municipality_switch(municipality, other_municipality, caseworker, client_as):
    MembershipFactory(user=caseworker, municipality=other_municipality, role=Role.CASEWORKER)
    ProgrammeFactory(municipality=other_municipality, name="Basisbanen Emmen")
    client = client_as(caseworker)
    body = client.get("/").content.decode()
    # The first by name (Emmen) is the default; Leeuwarden is offered.
    assert '<option value="leeuwarden">Leeuwarden</option>' in body

    response = client.post("/gemeente/", {"municipality": "leeuwarden"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert client.session[SESSION_KEY] == "leeuwarden"
    body = client.get("/").content.decode()
    assert "Gemeente Leeuwarden" in body
    assert "Basisbanen Emmen" not in body


def test_municipality_switch_refuses_a_municipality_without_membership(
    municipality, other_municipality, caseworker, client_as
):
    client = client_as(caseworker)
    with unchanged():
        response = client.post("/gemeente/", {"municipality": "emmen"})
    assert response.status_code == 403
    assert SESSION_KEY not in client.session


def test_user_without_membership_gets_dutch_403(db, client_as):
    from tests.factories import UserFactory

    client = client_as(UserFactory(username="zonder"))
    with unchanged():
        response = client.get("/deelnemers/")
    assert response.status_code == 403
    assert "U bent nog geen lid van een gemeente" in response.content.decode()


def test_404_page_is_dutch(caseworker, client_as):
    client = client_as(caseworker)
    with unchanged():
        response = client.get("/deelnemers/999999/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()


def test_english_language_switch_shows_english_labels(municipality, manager, client_as):
    ProgrammeFactory(municipality=municipality)
    client = client_as(manager)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302

    body = client.get("/").content.decode()

    assert '<html lang="en"' in body
    assert "<h1>Overview</h1>" in body
    assert ">Participants</a>" in body
    assert "Log out" in body
    assert 'lang="nl"' in body  # the switch back reads "Nederlands"
    # Field labels from the models are English too.
    form = client.get("/deelnemers/nieuw/").content.decode()
    assert ">First name</label>" in form
    assert ">Date of birth</label>" in form
