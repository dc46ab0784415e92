"""Who may open the audit page, and what it lists."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.audit.models import AuditAction
from basisbaan.tenancy.roles import Role
from tests.factories import (
    ParticipantFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def test_audit_page_only_for_functional_admin(municipality, client_as, member):
    for role in [r for r in Role if r != Role.FUNCTIONAL_ADMIN]:
        client = client_as(member(role))
        with unchanged():
            assert client.get("/audit/").status_code == 403, role
    assert client_as(member(Role.FUNCTIONAL_ADMIN)).get("/audit/").status_code == 200


def test_audit_page_lists_own_municipality_with_changes_and_filters(
    programme, other_programme, admin_user, caseworker, client_as
):
    participant = ParticipantFactory(programme=programme, city="Leeuwarden")
    outsider = ParticipantFactory(programme=other_programme)
    from basisbaan.participants.services import participant_update

    participant_update(participant=participant, actor=caseworker, data={"city": "Grou"})
    participant_update(participant=outsider, actor=None, data={"city": "Emmen-Noord"})
    client_as(caseworker).get(f"/deelnemers/{participant.pk}/")

    client = client_as(admin_user)
    response = client.get("/audit/")
    entries = [row.entry for row in response.context["rows"]]
    assert [e.action for e in entries] == [AuditAction.VIEW, AuditAction.UPDATE]
    body = response.content.decode()
    assert "Woonplaats:</span> afgeschermd → afgeschermd" in body
    assert "Emmen-Noord" not in body

    assert [
        r.entry.action for r in client.get("/audit/", {"action": "update"}).context["rows"]
    ] == [AuditAction.UPDATE]
    by_user = client.get("/audit/", {"actor": caseworker.pk}).context["rows"]
    assert len(by_user) == 2
    by_object = client.get(
        "/audit/", {"object_type": "participants.participant", "object_id": str(participant.pk)}
    ).context["rows"]
    assert len(by_object) == 2
    today = dt.date.today().strftime("%d-%m-%Y")
    assert len(client.get("/audit/", {"date_from": today, "date_to": today}).context["rows"]) == 2
    assert len(client.get("/audit/", {"date_to": "01-01-2020"}).context["rows"]) == 0
