"""The participant list at the scale of a large municipality (issue 19): a total
that stops counting at COUNT_LIMIT ("meer dan 10.000 deelnemers") and a
contact-person filter with at most CONTACT_FILTER_LIMIT staff as options."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from basisbaan.audit.models import AuditEntry
from basisbaan.core import counting
from basisbaan.core.counting import ListCount
from basisbaan.participants.forms import CONTACT_FILTER_LIMIT
from basisbaan.participants.views import ParticipantListView
from basisbaan.tenancy.roles import Role
from tests.factories import MembershipFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def names(response) -> list[str]:
    return [p.last_name for p in response.context["object_list"]]


def contact_options(body: str) -> list[str]:
    match = re.search(r'<select name="contact"[^>]*id="id_contact"[^>]*>(.*?)</select>', body, re.S)
    assert match, "no contact select"
    return re.findall(r'<option value="([^"]*)"', match.group(1))


# --- the total --------------------------------------------------------------------


@pytest.fixture
def twelve(programme):
    return [ParticipantFactory(programme=programme, last_name=f"Naam{i:02d}") for i in range(12)]


def test_above_the_limit_the_page_says_more_than_and_pages_without_a_last_number(
    twelve, caseworker, client_as, monkeypatch
):
    monkeypatch.setattr(ParticipantListView, "paginate_by", 5)
    monkeypatch.setattr(counting, "COUNT_LIMIT", 10)
    client = client_as(caseworker)

    first = client.get("/deelnemers/")
    body = first.content.decode()
    assert names(first) == [f"Naam{i:02d}" for i in range(5)]
    assert "meer dan 10 deelnemers gevonden" in body
    assert "12 deelnemers" not in body
    assert '<nav class="bb-pagination" aria-label="Paginering">' in body
    assert '<span aria-current="page">Pagina 1 van meer dan 2</span>' in body
    assert "Deelnemers, pagina 1 van meer dan 2</caption>" in body
    assert 'href="?page=2" rel="next"' in body
    assert 'rel="prev"' not in body

    last = client.get("/deelnemers/", {"page": "3"})
    body = last.content.decode()
    assert names(last) == ["Naam10", "Naam11"]
    assert '<span aria-current="page">Pagina 3 van 3</span>' in body
    assert 'href="?page=2" rel="prev"' in body
    assert 'rel="next"' not in body
    # Past the end: 404, as with an exact count.
    assert client.get("/deelnemers/", {"page": "4"}).status_code == 404


def test_the_rows_are_the_same_with_and_without_the_limit(
    twelve, caseworker, client_as, monkeypatch
):
    monkeypatch.setattr(ParticipantListView, "paginate_by", 5)
    client = client_as(caseworker)
    pages = {}
    for limit in (10, 50):
        monkeypatch.setattr(counting, "COUNT_LIMIT", limit)
        pages[limit] = [names(client.get("/deelnemers/", {"page": n})) for n in (1, 2, 3)]
    assert pages[10] == pages[50]
    monkeypatch.setattr(counting, "COUNT_LIMIT", 50)
    body = client.get("/deelnemers/").content.decode()
    assert "12 deelnemers gevonden" in body
    assert '<span aria-current="page">Pagina 1 van 3</span>' in body


def test_the_list_counts_no_further_than_the_limit(twelve, caseworker, client_as, monkeypatch):
    monkeypatch.setattr(counting, "COUNT_LIMIT", 10)
    with CaptureQueriesContext(connection) as queries:
        assert client_as(caseworker).get("/deelnemers/").status_code == 200
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1
    assert "LIMIT 11" in counts[0]


def test_the_total_is_written_in_dutch():
    paginator = SimpleNamespace(total=ListCount(10_000, exact=False))
    text = render_to_string("participants/_count.html", {"paginator": paginator})
    assert text.strip() == "meer dan 10.000 deelnemers gevonden"


# --- the contact-person filter ----------------------------------------------------------


@pytest.fixture
def staff(municipality):
    """More contact-person candidates than the filter shows, in name order."""
    people = []
    for i in range(CONTACT_FILTER_LIMIT + 5):
        user = UserFactory(username=f"coach{i:02d}", first_name=f"Coach{i:02d}", last_name="Test")
        MembershipFactory(user=user, municipality=municipality, role=Role.JOBCOACH)
        people.append(user)
    return people


def test_the_filter_shows_at_most_the_limit_and_filters_by_anyone(
    staff, programme, manager, client_as
):
    outside = staff[-1]
    ParticipantFactory(programme=programme, last_name="Buiten", contact_person=outside)
    ParticipantFactory(programme=programme, last_name="Binnen", contact_person=staff[0])
    client = client_as(manager)

    body = client.get("/deelnemers/").content.decode()
    options = contact_options(body)
    assert len(options) == 2 + CONTACT_FILTER_LIMIT  # "Alle", "Zonder", the first 20
    assert options[:2] == ["", "none"]
    assert str(outside.pk) not in options
    assert "De eerste 20 getoond. Typ meer van de naam om verder te zoeken." in body
    assert '<label for="id_contact_q">Zoek een medewerker op naam</label>' in body

    # A staff member outside the options still filters (old links: ?contact=<id>),
    # and shows on top, chosen.
    response = client.get("/deelnemers/", {"contact": str(outside.pk)})
    assert names(response) == ["Buiten"]
    body = response.content.decode()
    assert contact_options(body)[2] == str(outside.pk)
    assert f'<option value="{outside.pk}" selected>Coach{len(staff) - 1:02d} Test</option>' in body

    # The search narrows the options; without JavaScript the form submits it.
    body = client.get("/deelnemers/", {"contact_q": "coach24", "_zoek": "contact"}).content
    assert contact_options(body.decode()) == ["", "none", str(outside.pk)]
    assert "1 gevonden." in body.decode()


def test_the_filter_of_a_small_municipality_lists_everyone_without_a_search(
    programme, manager, client_as
):
    anna = UserFactory(username="anna", first_name="Anna", last_name="Smit")
    MembershipFactory(user=anna, municipality=programme.municipality, role=Role.CASEWORKER)
    body = client_as(manager).get("/deelnemers/").content.decode()
    options = contact_options(body)
    assert options[:2] == ["", "none"]
    assert sorted(options[2:]) == sorted([str(anna.pk), str(manager.pk)])
    assert 'name="contact_q"' not in body


def test_a_staff_member_of_another_municipality_is_ignored(
    staff, programme, other_municipality, manager, client_as
):
    stranger = UserFactory(username="vreemd")
    MembershipFactory(user=stranger, municipality=other_municipality, role=Role.JOBCOACH)
    ParticipantFactory(programme=programme, last_name="Een", contact_person=staff[0])
    ParticipantFactory(programme=programme, last_name="Twee")
    response = client_as(manager).get("/deelnemers/", {"contact": str(stranger.pk)})
    assert names(response) == ["Een", "Twee"]
    assert str(stranger.pk) not in contact_options(response.content.decode())


def test_the_script_search_answers_with_the_filter_alone(staff, programme, manager, client_as):
    ParticipantFactory(programme=programme, last_name="Jansen", contact_person=staff[0])
    before = AuditEntry.objects.count()
    response = client_as(manager).get(
        "/deelnemers/",
        {"contact_q": "coach2", "_zoek": "contact", "status": ""},
        HTTP_X_SEARCH_SELECT="1",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert body.startswith('<div class="bb-search-select bb-search-select--filter"')
    assert "<table" not in body
    assert "Jansen" not in body
    assert contact_options(body) == ["", "none"] + [str(u.pk) for u in staff[20:25]]
    assert AuditEntry.objects.count() == before  # no participant was shown


def test_the_query_count_does_not_grow_with_the_staff(programme, manager, client_as):
    client = client_as(manager)
    client.get("/deelnemers/")

    def more_staff(count: int, start: int) -> None:
        for i in range(start, start + count):
            user = UserFactory(username=f"extra{i}")
            MembershipFactory(user=user, municipality=programme.municipality, role=Role.CASEWORKER)

    more_staff(3, 0)
    with CaptureQueriesContext(connection) as few:
        small = client.get("/deelnemers/").content
    more_staff(40, 3)
    with CaptureQueriesContext(connection) as many:
        large = client.get("/deelnemers/").content
    assert len(many) == len(few)
    assert large.count(b"<option") <= small.count(b"<option") + CONTACT_FILTER_LIMIT
