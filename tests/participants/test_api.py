from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.participants.constants import PERSONAL_FIELDS, ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.tenancy.roles import Role
from tests.factories import ParticipantFactory, valid_bsn
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

URL = "/api/v1/participants/"


def new_participant(programme, **extra):
    return {
        "programme": programme.pk,
        "bsn": "111222333",
        "first_name": "Anna",
        "name_prefix": "van",
        "last_name": "Dijk",
        "date_of_birth": "1980-02-03",
        "email": "anna@example.nl",
        "postcode": "8911 AB",
        "city": "Leeuwarden",
        "household_type": "single_parent",
        "social_assistance_start": "2020-05-01",
        **extra,
    }


def test_create_with_exact_values(api_as, caseworker, programme, municipality):
    response = api_as(caseworker).post(URL, new_participant(programme), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    participant = Participant.objects.get(pk=body["id"])
    assert participant.municipality == municipality
    assert participant.programme == programme
    assert participant.bsn == "111222333"
    assert participant.full_name == "Anna van Dijk"
    assert participant.date_of_birth == dt.date(1980, 2, 3)
    assert participant.status == ParticipantStatus.REFERRED
    assert body["status"] == "referred"
    assert body["full_name"] == "Anna van Dijk"
    assert body["household_type"] == "single_parent"
    assert body["social_assistance_start"] == "2020-05-01"
    assert body["pseudonym"] == participant.pseudonym
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_id=str(participant.pk), channel="api"
    ).exists()


def test_create_refuses_a_bad_bsn_and_a_duplicate(api_as, caseworker, programme):
    client = api_as(caseworker)
    ParticipantFactory(programme=programme, bsn="111222333")

    with unchanged():
        bad = client.post(URL, new_participant(programme, bsn="123456789"), format="json")
        duplicate = client.post(URL, new_participant(programme), format="json")

    assert bad.status_code == 400
    assert "elfproef" in bad.json()["bsn"][0]
    assert duplicate.status_code == 400
    assert duplicate.json() == {"bsn": ["Er is al een deelnemer met dit BSN in uw gemeente."]}
    assert Participant.objects.count() == 1


def test_retrieve_writes_an_audit_entry(api_as, caseworker, programme):
    participant = ParticipantFactory(programme=programme, first_name="Kees", last_name="Bos")

    response = api_as(caseworker).get(f"{URL}{participant.pk}/")

    assert response.status_code == 200
    assert response.json()["bsn"] == participant.bsn
    assert response.json()["full_name"] == "Kees Bos"
    entry = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert entry.actor == caseworker
    assert entry.object_type == "participants.participant"
    assert entry.object_id == str(participant.pk)
    assert entry.changes == {"fields": PERSONAL_FIELDS}
    assert entry.channel == "api"
    assert entry.municipality_id == participant.municipality_id


def test_list_writes_one_audit_entry_with_the_ids_on_the_page(api_as, caseworker, programme):
    participants = ParticipantFactory.create_batch(3, programme=programme)

    response = api_as(caseworker).get(URL, {"page_size": 2, "ordering": "id"})

    assert response.status_code == 200
    assert response.json()["count"] == 3
    entry = AuditEntry.objects.get(action=AuditAction.LIST)
    assert entry.changes["ids"] == [str(p.pk) for p in participants[:2]]
    assert entry.changes["fields"] == PERSONAL_FIELDS
    assert entry.channel == "api"


def test_researcher_gets_pseudonymised_data_and_no_audit(api_as, member, programme):
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.WAITING)
    client = api_as(member(Role.RESEARCHER))

    detail = client.get(f"{URL}{participant.pseudonym}/").json()
    listed = client.get(URL).json()["results"]

    assert detail == {
        "pseudonym": participant.pseudonym,
        "programme": programme.pk,
        "status": "waiting",
        "household_type": "single",
        "status_changed_at": None,
        "exit_date": None,
        "exit_reason": "",
    }
    assert listed == [detail]
    assert not AuditEntry.objects.filter(action__in=[AuditAction.VIEW, AuditAction.LIST]).exists()


def test_researcher_may_not_search_on_name_or_order_by_name(api_as, member, programme):
    ParticipantFactory(programme=programme, last_name="Aa")
    ParticipantFactory(programme=programme, last_name="Zz")
    client = api_as(member(Role.RESEARCHER))

    with unchanged():
        search = client.get(URL, {"search": "Aa"})
    ordered = client.get(URL, {"ordering": "-last_name"})

    assert search.status_code == 403
    assert ordered.status_code == 200
    # The name ordering is ignored: default (name) order is not revealed in reverse.
    assert [p["pseudonym"] for p in ordered.json()["results"]] == [
        p.pseudonym for p in Participant.objects.order_by("last_name", "first_name", "id")
    ]


def test_jobcoach_cannot_create_a_participant(api_as, member, programme):
    client = api_as(member(Role.JOBCOACH))
    with unchanged():
        response = client.post(URL, new_participant(programme), format="json")

    assert response.status_code == 403
    assert not Participant.objects.exists()
    assert not AuditEntry.objects.exists()


def test_update_and_partial_update(api_as, caseworker, programme):
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.WAITING)
    client = api_as(caseworker)

    patched = client.patch(f"{URL}{participant.pk}/", {"city": "Sneek"}, format="json")
    put = client.put(
        f"{URL}{participant.pk}/", new_participant(programme, bsn=participant.bsn), format="json"
    )

    assert patched.status_code == 200
    assert patched.json()["city"] == "Sneek"
    assert put.status_code == 200, put.json()
    participant.refresh_from_db()
    assert participant.full_name == "Anna van Dijk"
    assert participant.city == "Leeuwarden"
    assert participant.email == "anna@example.nl"
    # Status is not writable through an update.
    assert participant.status == ParticipantStatus.WAITING


def test_status_change_follows_the_lifecycle(api_as, caseworker, programme):
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.REFERRED)
    url = f"{URL}{participant.pk}/status/"
    client = api_as(caseworker)
    with unchanged(participant):
        without_contact = client.post(url, {"status": "intake"}, format="json")
    participant.contact_person = caseworker
    participant.save()

    with unchanged(participant):
        wrong = client.post(url, {"status": "placed"}, format="json")
        unknown = client.post(url, {"status": "flying"}, format="json")
        exit_without_reason = client.post(url, {"status": "exited"}, format="json")
    ok = client.post(url, {"status": "intake"}, format="json")
    exited = client.post(
        url,
        {"status": "exited", "exit_date": "2025-01-31", "exit_reason": "education"},
        format="json",
    )

    assert without_contact.status_code == 400
    assert without_contact.json() == {
        "contact_person": [
            "Kies eerst een vast aanspreekpunt: een deelnemer in intake, op de wachtlijst of "
            "geplaatst heeft er precies één."
        ]
    }
    assert wrong.status_code == 400
    assert "status" in wrong.json()
    assert unknown.status_code == 400
    assert exit_without_reason.status_code == 400
    assert ok.status_code == 200
    assert ok.json()["status"] == "intake"
    assert exited.status_code == 200
    assert exited.json()["exit_date"] == "2025-01-31"
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.EXITED
    assert participant.exit_reason == "education"


def test_contact_person_action(api_as, caseworker, member, programme):
    participant = ParticipantFactory(programme=programme, contact_person=None)
    coach = member(Role.JOBCOACH)
    researcher = member(Role.RESEARCHER)
    url = f"{URL}{participant.pk}/contact-person/"
    client = api_as(caseworker)

    ok = client.post(url, {"contact_person": coach.pk}, format="json")
    with unchanged(participant):
        not_allowed = client.post(url, {"contact_person": researcher.pk}, format="json")
        cleared = client.post(url, {"contact_person": None}, format="json")
        without_reason = client.post(url, {"contact_person": caseworker.pk}, format="json")
    changed = client.post(
        url, {"contact_person": caseworker.pk, "reason": "Andere wijk"}, format="json"
    )

    assert ok.status_code == 200
    assert ok.json()["contact_person"] == coach.pk
    assert not_allowed.status_code == 400
    assert "contact_person" in not_allowed.json()
    # An active participant keeps exactly one contact person; a change needs a reason.
    assert cleared.status_code == 400
    assert "contact_person" in cleared.json()
    assert without_reason.status_code == 400
    assert "reason" in without_reason.json()
    assert changed.status_code == 200
    participant.refresh_from_db()
    assert participant.contact_person == caseworker
    assert list(participant.contact_changes.values_list("reason", flat=True)) == ["Andere wijk", ""]


def test_filters(api_as, caseworker, member, programme, municipality):
    from tests.factories import ProgrammeFactory

    second = ProgrammeFactory(municipality=municipality)
    coach = member(Role.JOBCOACH)
    anna = ParticipantFactory(
        programme=programme,
        first_name="Anna",
        last_name="Visser",
        bsn=valid_bsn(),
        status=ParticipantStatus.WAITING,
        contact_person=coach,
    )
    bert = ParticipantFactory(
        programme=second, first_name="Bert", last_name="Annema", status=ParticipantStatus.PLACED
    )
    ParticipantFactory(programme=programme, first_name="Carla", last_name="de Boer")
    client = api_as(caseworker)

    def ids(**params):
        response = client.get(URL, params)
        assert response.status_code == 200, response.json()
        return {row["id"] for row in response.json()["results"]}

    assert ids(status="placed") == {bert.pk}
    assert ids(programme=second.pk) == {bert.pk}
    assert ids(contact_person=coach.pk) == {anna.pk}
    assert ids(search="ann") == {anna.pk, bert.pk}  # first or last name prefix
    assert ids(search=anna.bsn) == {anna.pk}  # the whole BSN
    assert ids(search=anna.bsn[:5]) == set()  # no partial BSN search
    with unchanged():
        assert client.get(URL, {"status": "flying"}).status_code == 400
        assert client.get(URL, {"programme": "abc"}).status_code == 400
