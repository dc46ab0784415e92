"""Every face shows a participant as the viewer's policy allows: a caseworker the full
identity, the read-only role names with the BSN's last four digits, a researcher a
pseudonym. Pages, API, search, exports and the command line; and the audit entries
record what was shown."""

from __future__ import annotations

import datetime as dt
import io
from io import StringIO

import pytest
from openpyxl import load_workbook

from django.core.management import call_command
from rest_framework.test import APIClient

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.income.panel import PANEL_FIELDS
from basisbaan.participants.constants import PERSONAL_FIELDS
from basisbaan.participants.privacy import Disclosure, PersonalDataPolicy
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.costs.conftest import contract_with, import_payroll
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db

MASKED_LIST_FIELDS = ["bsn_masked", "first_name", "name_prefix", "last_name"]
MASKED_PERSONAL_FIELDS = ["bsn_masked", *PERSONAL_FIELDS[1:]]


def api_as(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _cell(body: str, text: str) -> bool:
    return f'<td class="bb-mono">{text}</td>' in body


# --- pages ----------------------------------------------------------------------------


def test_caseworker_page_shows_the_whole_bsn(person, caseworker, client_as):
    client = client_as(caseworker)
    listing = client.get("/deelnemers/").content.decode()
    detail = client.get(f"/deelnemers/{person.pk}/").content.decode()

    assert _cell(listing, "111222333")
    assert ">Piet de Jong</a></th>" in listing
    assert '<dd class="bb-mono">111222333</dd>' in detail
    assert "<dd>Piet de Jong</dd>" in detail


def test_read_only_page_shows_names_and_the_last_four_digits(person, reader, client_as):
    client = client_as(reader)
    listing = client.get("/deelnemers/").content.decode()
    detail = client.get(f"/deelnemers/{person.pk}/").content.decode()

    assert _cell(listing, "*****2333")
    assert ">Piet de Jong</a></th>" in listing
    assert '<dd class="bb-mono">*****2333</dd>' in detail
    assert "<dd>Piet de Jong</dd>" in detail
    assert "<title>Piet de Jong" in detail
    for body in (listing, detail):
        assert "111222333" not in body
    assert "U ziet van het BSN alleen de laatste 4 cijfers" in listing
    assert "Zoek op naam</label>" in listing
    assert "of het hele BSN" not in listing


def test_read_only_page_views_are_audited_as_masked(person, reader, client_as):
    client = client_as(reader)
    client.get("/deelnemers/")
    client.get(f"/deelnemers/{person.pk}/")

    listed = AuditEntry.objects.get(action=AuditAction.LIST)
    viewed = AuditEntry.objects.get(action=AuditAction.VIEW)
    assert listed.changes == {"ids": [str(person.pk)], "fields": MASKED_LIST_FIELDS}
    assert (listed.actor, viewed.actor) == (reader, reader)
    # The "Loont werken?" panel on the page shows the household too.
    assert viewed.changes == {"fields": [*MASKED_PERSONAL_FIELDS, *PANEL_FIELDS]}


def test_researcher_page_shows_the_pseudonym_only(person, researcher, client_as):
    client = client_as(researcher)
    listing = client.get("/deelnemers/").content.decode()
    detail = client.get(f"/deelnemers/{person.pk}/").content.decode()

    assert f'<span class="bb-mono">{person.pseudonym}</span>' in listing
    assert f"<title>{person.pseudonym}" in detail
    for body in (listing, detail):
        assert "Jong" not in body
        assert "2333" not in body
    assert not AuditEntry.objects.filter(action__in=[AuditAction.VIEW, AuditAction.LIST]).exists()


# --- search ---------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["111222333", "111 222 333", "2333", "Jong2"])
def test_read_only_may_not_search_by_bsn_on_the_page(person, reader, client_as, query):
    response = client_as(reader).get("/deelnemers/", {"q": query})

    assert response.status_code == 200
    assert list(response.context["object_list"]) == []
    body = response.content.decode()
    assert "Zoeken op BSN of cijfers kan niet met uw rol." in body
    assert "Piet de Jong" not in body
    assert not AuditEntry.objects.exists()


def test_read_only_searches_by_name(person, reader, client_as):
    ParticipantFactory(programme=person.programme, first_name="Anna", last_name="Bakker")

    response = client_as(reader).get("/deelnemers/", {"q": "Jong"})

    assert [p.pk for p in response.context["object_list"]] == [person.pk]
    assert "Zoeken op BSN" not in response.content.decode()


def test_caseworker_still_searches_by_bsn(person, caseworker, client_as):
    response = client_as(caseworker).get("/deelnemers/", {"q": "111222333"})
    assert [p.pk for p in response.context["object_list"]] == [person.pk]


def test_read_only_may_not_search_payroll_by_bsn(municipality, programme, reader, client_as):
    contract = contract_with(
        programme, [(dt.date(2025, 3, 1), dt.date(2025, 8, 31), "32", "14.06")]
    )
    bsn = contract.participant.bsn
    row = ["2025-03", "1949,65", "155,97", "505,77", "105,28", "120,00", "2836,67", "138,67"]
    import_payroll(municipality, [[bsn, *row]])
    client = client_as(reader)

    by_bsn = client.get("/verloning/", {"q": bsn, "periode": "alle"})
    by_name = client.get("/verloning/", {"q": contract.participant.last_name, "periode": "alle"})

    assert list(by_bsn.context["object_list"]) == []
    assert "Zoeken op BSN of cijfers kan niet met uw rol." in by_bsn.content.decode()
    assert len(by_name.context["object_list"]) == 1


# --- API ------------------------------------------------------------------------------

URL = "/api/v1/participants/"


def test_api_read_only_gets_the_masked_bsn(person, reader):
    client = api_as(reader)

    detail = client.get(f"{URL}{person.pk}/").json()
    listed = client.get(URL).json()["results"]

    assert (detail["bsn"], detail["full_name"]) == ("*****2333", "Piet de Jong")
    assert [(row["bsn"], row["full_name"]) for row in listed] == [("*****2333", "Piet de Jong")]
    viewed = AuditEntry.objects.get(action=AuditAction.VIEW)
    listed_entry = AuditEntry.objects.get(action=AuditAction.LIST)
    assert viewed.changes == {"fields": MASKED_PERSONAL_FIELDS}
    assert listed_entry.changes["fields"] == MASKED_PERSONAL_FIELDS
    assert viewed.channel == "api"


def test_api_caseworker_gets_the_whole_bsn(person, caseworker):
    detail = api_as(caseworker).get(f"{URL}{person.pk}/").json()
    assert detail["bsn"] == "111222333"


@pytest.mark.parametrize("query", ["111222333", "2333"])
def test_api_read_only_may_not_search_by_bsn(person, reader, query):
    response = api_as(reader).get(URL, {"search": query})

    assert response.status_code == 403
    assert response.json()["detail"] == "Zoeken op BSN vraagt het recht om het hele BSN te zien."
    assert not AuditEntry.objects.exists()


def test_api_read_only_searches_by_name(person, reader):
    response = api_as(reader).get(URL, {"search": "Jong"})
    assert [row["id"] for row in response.json()["results"]] == [person.pk]


# --- exports and the command line -----------------------------------------------------


def _cells(content: bytes) -> list[object]:
    book = load_workbook(io.BytesIO(content))
    return [cell.value for sheet in book for row in sheet.iter_rows() for cell in row]


def test_cost_export_for_read_only_names_without_bsn(municipality, programme, reader, client_as):
    contract = contract_with(
        programme,
        [(dt.date(2025, 3, 1), dt.date(2025, 8, 31), "32", "14.06")],
        participant__first_name="Piet",
        participant__last_name="Jong",
        participant__bsn="111222333",
    )

    response = client_as(reader).get(f"/kosten/{programme.pk}/2025/export.xlsx")

    assert response.status_code == 200
    cells = _cells(response.content)
    assert "Piet Jong" in cells
    assert not any("111222333" in str(value) for value in cells)
    assert not any("2333" in str(value) for value in cells if isinstance(value, str))
    assert contract.participant.full_name == "Piet Jong"


def test_cost_export_names_as_the_policy_says(municipality, programme):
    """The workbook takes the policy's name: a pseudonym viewer gets pseudonyms."""
    from basisbaan.costs.comparison import programme_comparison
    from basisbaan.costs.export import comparison_workbook

    contract = contract_with(
        programme,
        [(dt.date(2025, 3, 1), dt.date(2025, 3, 31), "32", "14.06")],
        participant__last_name="Jong",
    )
    comparison = programme_comparison(municipality=municipality, programme=programme, year=2025)

    content = comparison_workbook(comparison, name=PersonalDataPolicy(Disclosure.PSEUDONYM).name)

    cells = _cells(content)
    assert contract.participant.pseudonym in cells
    assert not any("Jong" in str(value) for value in cells)


def test_cli_match_names_as_the_users_policy_says(municipality, programme):
    from tests.intake.factories import ParticipantProfileFactory, PositionProfileFactory

    reader = make_member(municipality, Role.READ_ONLY, username="lezer")
    profile = ParticipantProfileFactory(
        participant__programme=programme,
        participant__status="waiting",
        participant__first_name="Sjoukje",
        participant__last_name="Hiemstra",
    )
    position = PositionProfileFactory(position__host__municipality=municipality).position
    out = StringIO()

    call_command(
        "match",
        "--municipality",
        municipality.slug,
        "--position",
        str(position.pk),
        "--user",
        "lezer",
        stdout=out,
    )

    assert out.getvalue().splitlines()[0].startswith("1. Sjoukje Hiemstra – ")
    entry = AuditEntry.objects.get(action=AuditAction.LIST)
    assert (entry.actor, entry.channel) == (reader, "cli")
    assert entry.changes == {
        "ids": [str(profile.participant_id)],
        "fields": ["first_name", "name_prefix", "last_name", "profile"],
    }
