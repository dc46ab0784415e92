"""The ESF+ API: permissions as the pages, the indicator totals (suppressed), the
worklist, the claim, registrations (audited, no BSN) and the writes through the services.

The suite's today is 18 November 2026 (conftest of tests/esf: the world).
"""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext

import pytest

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
VIEWERS = {
    Role.CASEWORKER,
    Role.PROGRAMME_MANAGER,
    Role.CONTROLLER,
    Role.READ_ONLY,
    Role.FUNCTIONAL_ADMIN,
}
CLAIMERS = {Role.PROGRAMME_MANAGER, Role.CONTROLLER, Role.FUNCTIONAL_ADMIN}
MANAGERS = {Role.CASEWORKER, Role.PROGRAMME_MANAGER, Role.FUNCTIONAL_ADMIN}
OP = "/api/v1/esf/operations/"
REG = "/api/v1/esf/registrations/"


def _client(api_as, municipality, role=Role.PROGRAMME_MANAGER, name="manager-x"):
    return api_as(make_member(municipality, role, username=name))


@pytest.mark.parametrize("role", list(Role))
def test_permissions_as_the_pages(api_as, municipality, world, role):
    client = _client(api_as, municipality, role, f"u-{role.value}")
    op = world["operation"].pk
    view = 200 if role in VIEWERS else 403
    for path in (
        OP,
        f"{OP}{op}/",
        f"{OP}{op}/indicators/",
        f"{OP}{op}/worklist/",
        REG,
        f"{REG}{world['anna'].pk}/",
    ):
        assert client.get(path).status_code == view, path
    assert client.get(f"{OP}{op}/claim/").status_code == (200 if role in CLAIMERS else 403)
    with unchanged(world["anna"]) if role not in MANAGERS else nullcontext():
        answer = client.patch(f"{REG}{world['anna'].pk}/", {"activities": "Taalles"}, format="json")
        assert answer.status_code == (200 if role in MANAGERS else 403)


def test_operations_list_and_detail(api_as, municipality, world):
    client = _client(api_as, municipality)
    body = client.get(OP).json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item == {
        "id": world["operation"].pk,
        "programme": world["programme"].pk,
        "programme_name": "Basisbanen ESF",
        "co_financed": True,
        "reference": "2025EU-AMR-LWD",
        "start_date": "2025-01-01",
        "end_date": "2026-12-31",
        "target_group": "Bijstandsgerechtigden met afstand tot de arbeidsmarkt",
        "birth_date_needed": False,
        "flat_rate": "0.4000",
        "note": "",
    }
    assert not AuditEntry.objects.filter(
        object_type="esf.esfoperation", action__in=[AuditAction.LIST, AuditAction.VIEW]
    ).exists()


def test_indicators_are_suppressed_as_on_the_page(api_as, municipality, world):
    client = _client(api_as, municipality)
    body = client.get(f"{OP}{world['operation'].pk}/indicators/").json()
    assert body["registered"] == 2
    assert body["threshold"] == 5
    assert body["as_of"] == "2026-11-18"
    assert body["columns"] == ["woman", "man", "non_binary", "unknown", "total"]
    total = next(r for r in body["rows"] if r["code"] == "EECO11")
    assert total["cells"][4] == {
        "column": "total",
        "value": None,
        "status": "primary",
        "text": "minder dan 5",
    }
    assert all(c["value"] in (None, 0) for r in body["rows"] for c in r["cells"])
    eeco02 = next(r for r in body["rows"] if r["code"] == "EECO02")
    assert (eeco02["confidence"], eeco02["confirmed"]) == ("confirmed", True)


def test_worklist_names_audited(api_as, municipality, world):
    client = _client(api_as, municipality, Role.CASEWORKER, "consulent-w")
    body = client.get(f"{OP}{world['operation'].pk}/worklist/").json()
    cas = world["people"]["Cas"]
    assert {
        "kind": "no_registration",
        "text": "Nog niet geregistreerd voor ESF+.",
        "participant": cas.pk,
        "participant_name": "Cas Claassen",
        "registration": None,
        "staff": None,
        "staff_name": None,
    } in body
    assert [i["kind"] for i in body if i["participant"] == world["people"]["Bert"].pk] == [
        "six_months"
    ]
    entry = AuditEntry.objects.filter(
        action=AuditAction.LIST, object_type="participants.participant"
    ).latest("id")
    assert sorted(entry.changes["ids"]) == sorted([str(cas.pk), str(world["people"]["Bert"].pk)])


def test_claim_whole_operation_and_a_year(api_as, municipality, world):
    client = _client(api_as, municipality)
    op = world["operation"].pk
    body = client.get(f"{OP}{op}/claim/").json()
    # Coach 4 + 3 hours at € 35,00; caseworker 2,5 hours at € 29,07.
    assert [
        (line["staff_name"], line["hours"], line["rate"], line["amount"]) for line in body["lines"]
    ] == [
        ("Jolanda Coach", "7.00", "35.00", "245.00"),
        ("Karel Consulent", "2.50", "29.07", "72.68"),
    ]
    assert (body["direct"], body["flat"], body["total"]) == ("317.68", "127.07", "444.75")
    assert (body["first"], body["last"]) == ("2025-01-01", "2026-12-31")
    entry = AuditEntry.objects.filter(object_type="esf.staffrate").latest("id")
    assert entry.action == AuditAction.LIST
    assert len(entry.changes["ids"]) == 2
    year = client.get(f"{OP}{op}/claim/?year=2026").json()
    assert (year["lines"], year["total"]) == ([], "0.00")
    refused = client.get(f"{OP}{op}/claim/?year=2024")
    assert refused.status_code == 400
    assert refused.json() == {"year": ["Dit jaar valt buiten de operatie."]}


def test_registrations_audited_without_bsn(api_as, municipality, world):
    client = _client(api_as, municipality)
    body = client.get(f"{REG}?operation={world['operation'].pk}").json()
    assert [r["participant_name"] for r in body["results"]] == ["Anna Akkerman", "Bert Bakker"]
    assert "bsn" not in str(body).lower()
    assert "111222333" not in str(body)
    kinds = set(
        AuditEntry.objects.filter(action=AuditAction.LIST).values_list("object_type", flat=True)
    )
    assert {"esf.esfregistration", "participants.participant"} <= kinds
    bert = client.get(f"{REG}{world['bert'].pk}/").json()
    assert bert["leaving_date"] == "2025-06-30"
    assert [(e["date"], e["kind"]) for e in bert["events"]] == [("2025-07-14", "employed")]
    assert AuditEntry.objects.filter(
        action=AuditAction.VIEW,
        object_type="participants.participant",
        object_id=str(world["people"]["Bert"].pk),
    ).exists()


def test_register_a_participant(api_as, municipality, world):
    client = _client(api_as, municipality, Role.CASEWORKER, "consulent-r")
    cas = world["people"]["Cas"]
    answer = client.post(
        REG,
        {
            "operation": world["operation"].pk,
            "participant": cas.pk,
            "labour_status": "inactive",
            "gender": "man",
            "disability": True,
        },
        format="json",
    )
    assert answer.status_code == 201, answer.json()
    body = answer.json()
    assert (body["entry_date"], body["labour_status"], body["disability"]) == (
        "2025-04-01",
        "inactive",
        True,
    )
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="esf.esfregistration", object_id=str(body["id"])
    ).exists()


def test_a_refused_registration_changes_nothing(api_as, municipality, world):
    client = _client(api_as, municipality, Role.CASEWORKER, "consulent-s")
    anna = world["people"]["Anna"]
    with unchanged(world["anna"]):
        again = client.post(
            REG, {"operation": world["operation"].pk, "participant": anna.pk}, format="json"
        )
        outside = client.patch(
            f"{REG}{world['anna'].pk}/", {"entry_date": "2024-06-01"}, format="json"
        )
        wrong = client.patch(f"{REG}{world['anna'].pk}/", {"gender": "x"}, format="json")
    assert again.status_code == 400
    assert again.json() == {"participant": ["Deze deelnemer is al geregistreerd."]}
    assert outside.status_code == 400
    assert "entry_date" in outside.json()
    assert wrong.status_code == 400
    assert wrong.json() == {"gender": ['"x" is een ongeldige keuze.']}


def test_update_entry_data(api_as, municipality, world):
    client = _client(api_as, municipality, Role.CASEWORKER, "consulent-u")
    answer = client.patch(
        f"{REG}{world['anna'].pk}/",
        {"education": "isced_3_4", "homeless": "unknown", "entry_date": None},
        format="json",
    )
    assert answer.status_code == 200, answer.json()
    world["anna"].refresh_from_db()
    assert (world["anna"].education, world["anna"].homeless, world["anna"].entry_date) == (
        "isced_3_4",
        "unknown",
        D(2025, 2, 1),
    )
    assert AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_type="esf.esfregistration"
    ).exists()


def test_add_a_result_event(api_as, municipality, world):
    client = _client(api_as, municipality, Role.CASEWORKER, "consulent-e")
    bert = world["bert"]
    answer = client.post(
        f"{REG}{bert.pk}/events/", {"date": "2025-07-20", "kind": "education"}, format="json"
    )
    assert answer.status_code == 201, answer.json()
    assert answer.json()["kind"] == "education"
    assert bert.events.count() == 2
    with unchanged(bert):
        early = client.post(
            f"{REG}{bert.pk}/events/", {"date": "2025-06-01", "kind": "employed"}, format="json"
        )
        not_left = client.post(
            f"{REG}{world['anna'].pk}/events/",
            {"date": "2025-06-01", "kind": "employed"},
            format="json",
        )
    assert early.json() == {"date": ["Een resultaat ligt op of na de datum van vertrek."]}
    assert not_left.json() == {"non_field_errors": ["Leg eerst de datum van vertrek vast."]}


def test_another_municipality_sees_nothing(api_as, other_municipality, world):
    client = api_as(make_member(other_municipality, Role.FUNCTIONAL_ADMIN, username="vreemd"))
    assert client.get(OP).json()["count"] == 0
    assert client.get(f"{OP}{world['operation'].pk}/indicators/").status_code == 404
    assert client.get(f"{REG}{world['anna'].pk}/").status_code == 404
    assert client.get(f"{REG}?operation={world['operation'].pk}").status_code == 400
