"""Wage-cost advantages (LKV) recorded per participant: the services' Dutch refusals
(nothing written), the expected income per participant, programme and year, the
participant page and its record/edit/remove pages, the API and the scoping."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from basisbaan.audit.models import AuditEntry
from basisbaan.contracts.lkv import (
    lkv_income,
    lkv_record,
    lkv_remove,
    lkv_update,
    participant_lkv,
)
from basisbaan.contracts.models import LkvEntitlement
from basisbaan.tenancy.roles import Role
from tests.factories import ContractFactory, ContractPeriodFactory, ParticipantFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal


START, END = D(2025, 1, 1), D(2026, 12, 31)


def working(programme, *, hours="32.0", start=START, end=END, **kw):
    """A participant with one contract period of ``hours`` a week."""
    participant = ParticipantFactory(programme=programme, **kw)
    ContractPeriodFactory(
        contract=ContractFactory(participant=participant),
        start_date=start,
        end_date=end,
        hours_per_week=Decimal(hours),
    )
    return participant


def record(participant, **kw):
    data = {
        "kind": "banenafspraak",
        "start_date": D(2025, 1, 1),
        **kw,
    }
    return lkv_record(
        municipality=participant.municipality, actor=None, participant=participant, **data
    )


# --- services -------------------------------------------------------------------------


def test_record_and_audit(programme):
    participant = working(programme)
    entitlement = record(participant, declaration_reference=" DR-1 ")
    assert entitlement.declaration_reference == "DR-1"
    assert AuditEntry.objects.filter(object_type="contracts.lkventitlement").count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"start_date": D(2025, 3, 1), "end_date": D(2025, 2, 28)},
            "end_date",
            "De einddatum ligt vóór de startdatum.",
        ),
        (
            {"kind": "disabled", "declaration_date": D(2025, 1, 5)},
            "declaration_reference",
            "Voor dit loonkostenvoordeel is een doelgroepverklaring nodig: vul het kenmerk van "
            "de verklaring in.",
        ),
        (
            {"kind": "older", "declaration_reference": "DV-9"},
            "declaration_date",
            "Vul de datum van de doelgroepverklaring in.",
        ),
        (
            {"employment_start": D(2025, 2, 1)},
            "start_date",
            "Het loonkostenvoordeel begint niet vóór de indiensttreding.",
        ),
    ],
)
def test_refusals_write_nothing(programme, data, field, message):
    participant = working(programme)
    with pytest.raises(ValidationError) as refused, unchanged():
        record(participant, **data)
    assert refused.value.message_dict == {field: [message]}


def test_one_lkv_at_a_time(programme):
    participant = working(programme)
    first = record(participant, end_date=D(2025, 12, 31))
    with pytest.raises(ValidationError) as refused, unchanged(first):
        record(
            participant,
            kind="disabled",
            start_date=D(2025, 12, 31),
            declaration_reference="x",
            declaration_date=D(2025, 12, 1),
        )
    assert refused.value.message_dict == {
        "start_date": [
            "Deze deelnemer heeft in deze periode al een loonkostenvoordeel; per werknemer "
            "geldt één loonkostenvoordeel tegelijk."
        ]
    }
    later = record(
        participant,
        kind="disabled",
        start_date=D(2026, 1, 1),
        declaration_reference="DV-2",
        declaration_date=D(2025, 12, 1),
    )
    assert later.pk


def test_update_checks_the_whole_record_and_remove_audits(programme):
    participant = working(programme)
    entitlement = record(participant)
    with pytest.raises(ValidationError) as refused, unchanged(entitlement):
        lkv_update(entitlement=entitlement, actor=None, data={"kind": "scholingsbelemmerd"})
    assert list(refused.value.message_dict) == ["declaration_reference"]
    lkv_update(
        entitlement=entitlement,
        actor=None,
        data={"end_date": D(2025, 6, 30), "note": "Registratie gecontroleerd"},
    )
    entitlement.refresh_from_db()
    assert (entitlement.end_date, entitlement.note) == (D(2025, 6, 30), "Registratie gecontroleerd")
    lkv_remove(entitlement=entitlement, actor=None)
    assert not LkvEntitlement.objects.exists()
    assert AuditEntry.objects.filter(object_type="contracts.lkventitlement").count() == 3


def test_another_municipalitys_participant_is_refused(programme, other_programme):
    stranger = working(other_programme)
    with pytest.raises(ValidationError), unchanged():
        lkv_record(
            municipality=programme.municipality,
            actor=None,
            participant=stranger,
            kind="banenafspraak",
            start_date=D(2025, 1, 1),
        )


# --- selectors ------------------------------------------------------------------------


def test_lkv_income_per_participant_and_programme(programme):
    """32 h: 2025 1,664 h × 2.00 = 3,328.00; 40 h: 2,080 × 2.00 = 4,160 -> 4,000.00;
    2026 under transitional law (employment begun before 2026) the same."""
    a = working(programme, hours="32.0")
    b = working(programme, hours="40.0")
    ParticipantFactory(programme=programme)  # no LKV
    record(a)
    record(b, employment_start=D(2025, 1, 1))
    with CaptureQueriesContext(connection) as queries:
        income = lkv_income(
            programme.municipality,
            programme_ids=[programme.pk],
            start=D(2025, 1, 1),
            end=D(2026, 12, 31),
        )
    assert len(queries) == 3
    assert income.participants == {
        a.pk: {2025: E("3328.00"), 2026: E("3328.00")},
        b.pk: {2025: E("4000.00"), 2026: E("4000.00")},
    }
    assert income.programmes == {programme.pk: {2025: E("7328.00"), 2026: E("7328.00")}}
    assert income.programme_year(programme.pk, 2027) == E("0.00")


def test_lkv_income_reads_only_the_municipality_and_the_programmes(programme, other_programme):
    mine = working(programme)
    record(mine)
    theirs = working(other_programme)
    record(theirs)
    income = lkv_income(
        programme.municipality,
        programme_ids=[programme.pk, other_programme.pk],
        start=D(2025, 1, 1),
        end=D(2025, 12, 31),
    )
    assert list(income.participants) == [mine.pk]
    assert list(income.programmes) == [programme.pk]


def test_participant_lkv_rows(programme):
    participant = working(programme, start=D(2026, 1, 1), end=D(2026, 12, 31), hours="40.0")
    record(participant, start_date=D(2026, 1, 1))
    [item] = participant_lkv(municipality=programme.municipality, participant=participant)
    assert [(r.year, r.hours, r.hourly, r.maximum, r.amount, r.capped) for r in item.years][:2] == [
        (2026, E("2080.00"), E("1.01"), E("2000.00"), E("2000.00"), True),
        (2027, E("0.00"), E("1.01"), E("2000.00"), E("0.00"), False),
    ]
    assert item.years[1].reason == "geen contracturen binnen het loonkostenvoordeel"
    assert item.total == E("2000.00")


# --- pages ----------------------------------------------------------------------------


def test_participant_page_shows_the_section(programme, manager, client_as):
    participant = working(programme)
    record(participant, note="Ingeschreven in het doelgroepregister")
    html = client_as(manager).get(f"/deelnemers/{participant.pk}/").content.decode()
    section = html[html.index('id="kop-lkv"') :]
    assert "Doelgroep banenafspraak: 01-01-2025" in section
    assert "€ 3.328,00" in section
    assert "1.664,00" in section
    assert "Ingeschreven in het doelgroepregister" in section


def test_record_edit_and_remove_through_the_pages(programme, manager, client_as):
    participant = working(programme)
    client = client_as(manager)
    url = f"/contracten/lkv/deelnemer/{participant.pk}/nieuw/"
    assert client.get(url).status_code == 200
    with unchanged(reads=True):
        refused = client.post(url, {"kind": "disabled", "start_date": "01-01-2025"})
    assert refused.status_code == 200
    assert (
        "Voor dit loonkostenvoordeel is een doelgroepverklaring nodig" in refused.content.decode()
    )
    created = client.post(
        url,
        {
            "kind": "disabled",
            "start_date": "01-01-2025",
            "declaration_reference": "UWV-123",
            "declaration_date": "15-01-2025",
        },
    )
    assert created.status_code == 302
    entitlement = LkvEntitlement.objects.get()
    assert (entitlement.kind, entitlement.declaration_reference) == ("disabled", "UWV-123")
    edit = f"/contracten/lkv/{entitlement.pk}/bewerken/"
    assert client.get(edit).status_code == 200
    saved = client.post(
        edit,
        {
            "kind": "disabled",
            "start_date": "01-01-2025",
            "end_date": "31-12-2025",
            "declaration_reference": "UWV-123",
            "declaration_date": "15-01-2025",
        },
    )
    assert saved.status_code == 302
    entitlement.refresh_from_db()
    assert entitlement.end_date == D(2025, 12, 31)
    removed = client.post(f"/contracten/lkv/{entitlement.pk}/verwijderen/")
    assert removed.status_code == 302
    assert not LkvEntitlement.objects.exists()


def test_a_caseworker_sees_but_cannot_record(programme, member, client_as):
    participant = working(programme)
    entitlement = record(participant)
    client = client_as(member(Role.CASEWORKER))
    assert 'id="kop-lkv"' in client.get(f"/deelnemers/{participant.pk}/").content.decode()
    with unchanged(entitlement):
        assert client.post(f"/contracten/lkv/{entitlement.pk}/verwijderen/").status_code == 403


def test_another_municipality_cannot_reach_the_pages(programme, other_municipality, client_as):
    from tests.conftest import make_member

    participant = working(programme)
    entitlement = record(participant)
    client = client_as(make_member(other_municipality, Role.FUNCTIONAL_ADMIN, username="b"))
    with unchanged(entitlement):
        assert client.get(f"/contracten/lkv/deelnemer/{participant.pk}/nieuw/").status_code == 404
        assert client.get(f"/contracten/lkv/{entitlement.pk}/bewerken/").status_code == 404
        assert client.post(f"/contracten/lkv/{entitlement.pk}/verwijderen/").status_code == 404


# --- API ------------------------------------------------------------------------------


def test_api_record_read_correct_remove(programme, manager, api_as):
    participant = working(programme)
    client = api_as(manager)
    created = client.post(
        "/api/v1/lkv-entitlements/",
        {"participant": participant.pk, "kind": "banenafspraak", "start_date": "2025-01-01"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["kind"], body["end_date"], body["declaration_reference"]) == (
        "banenafspraak",
        None,
        "",
    )
    listed = client.get("/api/v1/lkv-entitlements/", {"participant": participant.pk})
    assert [row["id"] for row in listed.json()["results"]] == [body["id"]]
    assert AuditEntry.objects.filter(action="list", object_type="contracts.lkventitlement").exists()
    patched = client.patch(
        f"/api/v1/lkv-entitlements/{body['id']}/", {"end_date": "2025-12-31"}, format="json"
    )
    assert patched.status_code == 200
    assert patched.json()["end_date"] == "2025-12-31"
    with unchanged():
        refused = client.post(
            "/api/v1/lkv-entitlements/",
            {"participant": participant.pk, "kind": "older", "start_date": "2026-01-01"},
            format="json",
        )
    assert refused.status_code == 400
    assert client.delete(f"/api/v1/lkv-entitlements/{body['id']}/").status_code == 204
    assert not LkvEntitlement.objects.exists()


def test_api_is_scoped(programme, other_municipality, api_as):
    from tests.conftest import make_member

    entitlement = record(working(programme))
    client = api_as(make_member(other_municipality, Role.FUNCTIONAL_ADMIN, username="b"))
    assert client.get("/api/v1/lkv-entitlements/").json()["count"] == 0
    with unchanged(entitlement):
        assert client.get(f"/api/v1/lkv-entitlements/{entitlement.pk}/").status_code == 404
        assert client.delete(f"/api/v1/lkv-entitlements/{entitlement.pk}/").status_code == 404
