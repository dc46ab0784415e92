"""Participant pages: list, search, filters, pagination, create, detail, audit,
pseudonymisation, permissions, status and contact person."""

from __future__ import annotations

import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.income.panel import PANEL_FIELDS
from basisbaan.participants.constants import PERSONAL_FIELDS, ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

ELEVEN_TEST = "Dit BSN klopt niet: het voldoet niet aan de elfproef. Controleer de cijfers."


def valid_post(prog, **overrides):
    data = {
        "programme": str(prog.pk),
        "bsn": "123456782",
        "first_name": "Jan",
        "name_prefix": "de",
        "last_name": "Vries",
        "date_of_birth": "29-11-1980",
        "email": "",
        "phone": "",
        "street": "",
        "postcode": "",
        "city": "Leeuwarden",
        "household_type": "single",
        "social_assistance_start": "01-03-2019",
        "contact_person": "",
    }
    data.update(overrides)
    return data


# --- list, search, filters, pagination -------------------------------------


@pytest.fixture
def people(programme, municipality):
    anna = make_member(municipality, Role.JOBCOACH, username="anna")
    return {
        "jansen": ParticipantFactory(
            programme=programme,
            first_name="Piet",
            last_name="Jansen",
            bsn="111222333",
            status=ParticipantStatus.WAITING,
            contact_person=anna,
        ),
        "janssen": ParticipantFactory(
            programme=programme,
            first_name="Klaas",
            last_name="Janssen",
            status=ParticipantStatus.PLACED,
            contact_person=None,  # e.g. the staff account was removed (SET_NULL)
        ),
        "bakker": ParticipantFactory(
            programme=programme,
            first_name="Jantje",
            last_name="Bakker",
            status=ParticipantStatus.REFERRED,
        ),
        "visser": ParticipantFactory(
            programme=programme,
            first_name="Sanne",
            last_name="Visser",
            status=ParticipantStatus.EXITED,
        ),
        "anna": anna,
    }


def names(response) -> list[str]:
    return [p.last_name for p in response.context["object_list"]]


def test_list_shows_participants_of_own_municipality_only(
    people, other_programme, caseworker, client_as
):
    ParticipantFactory(programme=other_programme, last_name="Buitenstaander")
    response = client_as(caseworker).get("/deelnemers/")
    assert response.status_code == 200
    assert names(response) == ["Bakker", "Jansen", "Janssen", "Visser"]
    assert "Buitenstaander" not in response.content.decode()
    assert "4 deelnemers gevonden" in response.content.decode()


def test_search_by_name_prefix(people, caseworker, client_as):
    client = client_as(caseworker)
    assert names(client.get("/deelnemers/", {"q": "jans"})) == ["Jansen", "Janssen"]
    # A first name matches too: Jantje Bakker.
    assert names(client.get("/deelnemers/", {"q": "Jant"})) == ["Bakker"]
    # Only the start of a name, not the middle.
    assert names(client.get("/deelnemers/", {"q": "ssen"})) == []


def test_search_by_whole_bsn(people, caseworker, client_as):
    client = client_as(caseworker)
    assert names(client.get("/deelnemers/", {"q": "111222333"})) == ["Jansen"]
    assert names(client.get("/deelnemers/", {"q": "1112.22.333"})) == ["Jansen"]
    # Part of a BSN finds nothing (no fishing by digits).
    assert names(client.get("/deelnemers/", {"q": "111222"})) == []


def test_filters_status_programme_and_contact_person(
    people, programme, municipality, caseworker, client_as
):
    from tests.factories import ProgrammeFactory

    client = client_as(caseworker)
    assert names(client.get("/deelnemers/", {"status": "placed"})) == ["Janssen"]
    assert names(client.get("/deelnemers/", {"contact": str(people["anna"].pk)})) == ["Jansen"]
    # Without contact person: the active ones only (the exited Visser needs none).
    assert names(client.get("/deelnemers/", {"contact": "none"})) == ["Bakker", "Janssen"]
    second = ProgrammeFactory(municipality=municipality)
    ParticipantFactory(programme=second, last_name="Anders")
    assert names(client.get("/deelnemers/", {"programme": str(second.pk)})) == ["Anders"]
    assert names(client.get("/deelnemers/", {"programme": str(programme.pk)})) == [
        "Bakker",
        "Jansen",
        "Janssen",
        "Visser",
    ]


def test_filter_by_programme_of_another_municipality_is_ignored(
    people, other_programme, caseworker, client_as
):
    response = client_as(caseworker).get("/deelnemers/", {"programme": str(other_programme.pk)})
    assert response.status_code == 200
    assert len(names(response)) == 4


def test_pagination_25_per_page(programme, caseworker, client_as):
    for i in range(30):
        ParticipantFactory(programme=programme, last_name=f"Naam{i:02d}")
    client = client_as(caseworker)

    first = client.get("/deelnemers/")
    second = client.get("/deelnemers/", {"page": "2"})

    assert len(first.context["object_list"]) == 25
    assert names(first)[0] == "Naam00"
    assert names(second) == [f"Naam{i:02d}" for i in range(25, 30)]
    assert "Pagina 2 van 2" in second.content.decode()
    assert 'href="?page=2"' in first.content.decode()


def test_pagination_keeps_the_filters(programme, caseworker, client_as):
    for i in range(27):
        ParticipantFactory(programme=programme, status=ParticipantStatus.WAITING, last_name=f"W{i}")
    body = client_as(caseworker).get("/deelnemers/", {"status": "waiting"}).content.decode()
    assert 'href="?status=waiting&amp;page=2"' in body


def test_htmx_search_returns_only_the_results(people, caseworker, client_as):
    response = client_as(caseworker).get(
        "/deelnemers/", {"q": "jans"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="resultaten"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "<table" in body
    assert 'hx-swap-oob="innerHTML"' in body
    assert "2 deelnemers gevonden" in body
    assert "HX-Request" in [v.strip() for v in response["Vary"].split(",")]


def test_search_form_works_without_javascript(caseworker, client_as, people):
    body = client_as(caseworker).get("/deelnemers/").content.decode()
    assert '<form class="bb-filters" method="get" action="/deelnemers/"' in body
    assert 'hx-get="/deelnemers/"' in body
    assert 'hx-target="#resultaten"' in body
    assert '<label for="id_q">Zoek op naam of BSN</label>' in body


@pytest.mark.parametrize("path", ["/deelnemers/", "/plaatsingen/", "/contracten/", "/werkgevers/"])
def test_list_query_count_does_not_grow_with_rows(path, municipality, manager, client_as):
    from tests.factories import ContractPeriodFactory, HostFactory, PlacementFactory

    def make(n: int) -> None:
        for _ in range(n):
            placement = PlacementFactory(participant__programme__municipality=municipality)
            ContractPeriodFactory(
                contract__participant=placement.participant, contract__placement=placement
            )
            HostFactory(municipality=municipality)

    client = client_as(manager)
    client.get(path)  # warm up session and caches
    make(5)
    with CaptureQueriesContext(connection) as five:
        assert client.get(path).status_code == 200
    make(25)  # 30 in all
    with CaptureQueriesContext(connection) as thirty:
        assert client.get(path).status_code == 200
    assert len(thirty) == len(five), [q["sql"] for q in thirty.captured_queries]


def test_list_writes_one_audit_entry_with_the_ids_shown(people, caseworker, client_as):
    before = AuditEntry.objects.count()
    response = client_as(caseworker).get("/deelnemers/", {"q": "jans"})
    assert response.status_code == 200
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("id")
    assert entry.action == AuditAction.LIST
    assert entry.object_type == "participants.participant"
    assert entry.actor == caseworker
    assert sorted(entry.changes["ids"]) == sorted(
        [str(people["jansen"].pk), str(people["janssen"].pk)]
    )
    assert entry.changes["fields"] == ["bsn", "first_name", "name_prefix", "last_name"]


def test_empty_list_writes_no_audit_entry(programme, caseworker, client_as):
    client_as(caseworker).get("/deelnemers/", {"q": "niemand"})
    assert AuditEntry.objects.count() == 0


# --- researcher: pseudonym only -----------------------------------------------


def test_researcher_sees_pseudonym_not_identity(people, researcher, client_as):
    # The header shows the user's own name: not a random one that could be "Pieter".
    researcher.first_name, researcher.last_name = "Ria", "Onderzoek"
    researcher.save()
    client = client_as(researcher)
    jansen = people["jansen"]

    listing = client.get("/deelnemers/").content.decode()
    detail = client.get(f"/deelnemers/{jansen.pk}/").content.decode()

    for body in (listing, detail):
        assert jansen.pseudonym in body
        assert "Jansen" not in body
        assert "Piet" not in body
        assert "111222333" not in body
        assert jansen.email not in body
        assert "Wachtlijst" in body
    assert "Zoek op naam of BSN" not in listing
    # A researcher's name search is ignored: it would reveal identities.
    searched = client.get("/deelnemers/", {"q": "Jansen"})
    assert len(searched.context["object_list"]) == 4
    # No personal data shown, so no access entries.
    assert AuditEntry.objects.filter(action__in=["view", "list"]).count() == 0


# --- create -----------------------------------------------------------------------


def test_create_with_invalid_bsn_shows_eleven_test_message_and_writes_nothing(
    programme, caseworker, client_as
):
    client = client_as(caseworker)
    with unchanged():
        response = client.post("/deelnemers/nieuw/", valid_post(programme, bsn="123456789"))

    assert response.status_code == 200
    body = response.content.decode()
    assert ELEVEN_TEST in body
    assert response.context["form"].errors["bsn"] == [ELEVEN_TEST]
    # The message is linked to the field for screen readers.
    assert 'id="id_bsn_error"' in body
    assert 'aria-describedby="id_bsn_helptext id_bsn_error"' in body
    assert 'aria-invalid="true"' in body
    assert "Het formulier heeft 1 fout." in body
    assert Participant.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_create_valid_writes_one_participant_and_one_audit_entry(
    programme, municipality, caseworker, client_as
):
    response = client_as(caseworker).post(
        "/deelnemers/nieuw/", valid_post(programme, bsn="1234 56 782")
    )

    participant = Participant.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/deelnemers/{participant.pk}/"
    assert participant.municipality == municipality
    assert participant.bsn == "123456782"
    assert participant.full_name == "Jan de Vries"
    assert participant.date_of_birth == dt.date(1980, 11, 29)
    assert participant.social_assistance_start == dt.date(2019, 3, 1)
    assert participant.status == ParticipantStatus.REFERRED
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.CREATE
    assert entry.actor == caseworker
    assert entry.object_id == str(participant.pk)
    assert entry.channel == "ui"


def test_create_duplicate_bsn_shows_service_message_on_bsn_field(programme, caseworker, client_as):
    ParticipantFactory(programme=programme, bsn="123456782")
    client = client_as(caseworker)
    with unchanged():
        response = client.post("/deelnemers/nieuw/", valid_post(programme))
    assert response.context["form"].errors["bsn"] == [
        "Er is al een deelnemer met dit BSN in uw gemeente."
    ]
    assert Participant.objects.count() == 1


def test_create_with_future_birth_date_shows_message_on_that_field(
    programme, caseworker, client_as
):
    client = client_as(caseworker)
    with unchanged():
        response = client.post(
            "/deelnemers/nieuw/", valid_post(programme, date_of_birth="01-01-2999")
        )
    assert response.context["form"].errors["date_of_birth"] == [
        "De geboortedatum ligt in de toekomst."
    ]
    assert Participant.objects.count() == 0


def test_create_form_offers_own_programmes_and_contact_persons_only(
    programme, other_programme, municipality, other_municipality, caseworker, client_as
):
    make_member(municipality, Role.CONTROLLER, username="controller")
    make_member(other_municipality, Role.CASEWORKER, username="vreemde")
    form = client_as(caseworker).get("/deelnemers/nieuw/").context["form"]
    assert list(form.fields["programme"].queryset) == [programme]
    assert [u.username for u in form.fields["contact_person"].queryset] == [caseworker.username]


def test_programme_of_another_municipality_is_refused(
    other_programme, programme, caseworker, client_as
):
    client = client_as(caseworker)
    with unchanged(other_programme):
        response = client.post(
            "/deelnemers/nieuw/", valid_post(programme, programme=str(other_programme.pk))
        )
    assert response.status_code == 200
    assert "programme" in response.context["form"].errors
    assert Participant.objects.count() == 0


def test_jobcoach_may_not_create_participant(programme, member, client_as):
    jobcoach = member(Role.JOBCOACH)
    client = client_as(jobcoach)
    with unchanged():
        assert client.get("/deelnemers/nieuw/").status_code == 403
        response = client.post("/deelnemers/nieuw/", valid_post(programme))
    assert response.status_code == 403
    assert "U heeft met uw rol geen recht op deze pagina of handeling." in response.content.decode()
    assert Participant.objects.count() == 0
    assert AuditEntry.objects.count() == 0


# --- detail ------------------------------------------------------------------------


def test_detail_writes_a_view_audit_entry(programme, caseworker, client_as):
    participant = ParticipantFactory(programme=programme, first_name="Els", last_name="Smit")
    response = client_as(caseworker).get(f"/deelnemers/{participant.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Els Smit" in body
    assert participant.bsn in body
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.VIEW
    assert entry.actor == caseworker
    assert entry.object_id == str(participant.pk)
    # The "Loont werken?" panel on the page shows the household too.
    assert entry.changes == {"fields": [*PERSONAL_FIELDS, *PANEL_FIELDS]}


def test_detail_of_another_municipality_is_404(other_programme, caseworker, client_as):
    participant = ParticipantFactory(programme=other_programme)
    client = client_as(caseworker)
    with unchanged(participant):
        assert client.get(f"/deelnemers/{participant.pk}/").status_code == 404
    assert AuditEntry.objects.count() == 0


def test_detail_shows_allowed_next_statuses(programme, caseworker, client_as):
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.INTAKE)
    response = client_as(caseworker).get(f"/deelnemers/{participant.pk}/")
    assert [s.value for s in response.context["next_statuses"]] == [
        "waiting",
        "rejected",
        "exited",
    ]
    assert "Wachtlijst, Niet toegelaten, Uitgestroomd" in response.content.decode()


# --- edit, status, contact person -----------------------------------------------------------


def test_edit_saves_through_the_service_with_an_audit_diff(programme, caseworker, client_as):
    participant = ParticipantFactory(programme=programme, first_name="Els", city="Leeuwarden")
    data = valid_post(
        programme,
        bsn=participant.bsn,
        first_name="Elsa",
        last_name=participant.last_name,
        name_prefix="",
        date_of_birth=participant.date_of_birth.strftime("%d-%m-%Y"),
        city="Grou",
    )
    response = client_as(caseworker).post(f"/deelnemers/{participant.pk}/bewerken/", data)
    assert response.status_code == 302
    participant.refresh_from_db()
    assert (participant.first_name, participant.city) == ("Elsa", "Grou")
    update = AuditEntry.objects.get(action=AuditAction.UPDATE)
    assert update.changes["first_name"] == ["***", "***"]
    assert update.changes["city"] == ["***", "***"]


def test_edit_form_shows_dutch_dates(programme, caseworker, client_as):
    participant = ParticipantFactory(programme=programme, date_of_birth=dt.date(1985, 4, 7))
    body = client_as(caseworker).get(f"/deelnemers/{participant.pk}/bewerken/").content.decode()
    assert 'value="07-04-1985"' in body
    assert 'placeholder="dd-mm-jjjj"' in body
    assert 'inputmode="numeric"' in body


def test_status_change_offers_only_allowed_statuses(programme, caseworker, client_as):
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.REFERRED)
    form = client_as(caseworker).get(f"/deelnemers/{participant.pk}/status/").context["form"]
    assert [c[0] for c in form.fields["status"].choices] == ["intake", "exited"]


def test_status_exit_needs_date_and_reason(programme, caseworker, client_as):
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.WAITING)
    client = client_as(caseworker)
    url = f"/deelnemers/{participant.pk}/status/"

    with unchanged(participant):
        refused = client.post(url, {"status": "exited", "exit_date": "", "exit_reason": ""})

    assert refused.status_code == 200
    assert refused.context["form"].errors["exit_date"] == ["Vul de datum van de uitstroom in."]
    with unchanged(participant):
        no_reason = client.post(url, {"status": "exited", "exit_date": "30-06-2025"})
    assert no_reason.context["form"].errors["exit_reason"] == ["Kies een reden uit de lijst."]
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.WAITING

    done = client.post(
        url, {"status": "exited", "exit_date": "30-06-2025", "exit_reason": "education"}
    )
    assert done.status_code == 302
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.EXITED
    assert participant.exit_date == dt.date(2025, 6, 30)
    assert participant.exit_reason == "education"


def test_contact_person_is_set_and_limited_to_municipality_staff(
    programme, municipality, other_municipality, caseworker, client_as
):
    participant = ParticipantFactory(programme=programme, contact_person=None)
    coach = make_member(municipality, Role.JOBCOACH, username="coach")
    stranger = make_member(other_municipality, Role.JOBCOACH, username="vreemd")
    client = client_as(caseworker)
    url = f"/deelnemers/{participant.pk}/aanspreekpunt/"

    with unchanged(participant):
        refused = client.post(url, {"contact_person": str(stranger.pk)})
    assert "contact_person" in refused.context["form"].errors
    assert client.post(url, {"contact_person": str(coach.pk)}).status_code == 302
    participant.refresh_from_db()
    assert participant.contact_person == coach


def test_missing_and_malformed_input_get_messages_that_say_what_to_do(
    programme, caseworker, client_as
):
    client = client_as(caseworker)
    with unchanged():
        response = client.post(
            "/deelnemers/nieuw/",
            valid_post(programme, first_name="", date_of_birth="31-02-1980", household_type=""),
        )
    errors = response.context["form"].errors
    assert errors["first_name"] == ["Vul ‘Voornaam’ in."]
    assert errors["date_of_birth"] == ["Vul bij ‘Geboortedatum’ een datum in als 29-11-2026."]
    assert errors["household_type"] == ["Maak een keuze bij ‘Leefsituatie’."]
    body = response.content.decode()
    assert "Het formulier heeft 3 fouten." in body
    assert '<a href="#id_first_name">Vul ‘Voornaam’ in.</a>' in body
    assert Participant.objects.count() == 0
