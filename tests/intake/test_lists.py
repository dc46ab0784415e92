"""The waiting list exports in its own order (priority, then the referral date),
numbered as on the page; refused to a researcher, audited for everyone else."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory, ProgrammeFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(municipality):
    programme = ProgrammeFactory(municipality=municipality, name="Basisbanen")
    return [
        ParticipantFactory(
            programme=programme,
            first_name=first,
            last_name=last,
            bsn=bsn,
            status=ParticipantStatus.WAITING,
        )
        for first, last, bsn in (("Anna", "Bakker", "123456782"), ("Bart", "Visser", "111222333"))
    ]


def test_the_waiting_list_exports_in_its_order(waiting, municipality, client_as):
    caseworker = make_member(municipality, Role.CASEWORKER, username="consulent-wl")

    response = client_as(caseworker).get("/intake/", {"export": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="wachtlijst-{municipality.slug}-2026-11-18.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content))["Wachtlijst"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    today = dt.datetime(2026, 11, 18)
    assert values == [
        ["Nr.", "Deelnemer", "Prioriteit", "Aangemeld op", "Programma"],
        [1, "Anna Bakker", "Normaal", today, "Basisbanen"],
        [2, "Bart Visser", "Normaal", today, "Basisbanen"],
    ]
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.object_type) == (AuditAction.EXPORT, "participants.participant")
    assert entry.changes == {
        "filters": {},
        "rows": 2,
        "format": "xlsx",
        "fields": [
            "number",
            "first_name",
            "name_prefix",
            "last_name",
            "priority",
            "referred_on",
            "programme",
        ],
    }
    page = client_as(caseworker).get("/intake/").content.decode()
    assert 'href="?export=xlsx"' in page


def test_a_researcher_gets_neither_the_waiting_list_nor_its_export(
    waiting, municipality, client_as
):
    client = client_as(make_member(municipality, Role.RESEARCHER, username="onderzoeker-wl"))

    with unchanged():
        responses = [client.get("/intake/", {"export": f}) for f in ("xlsx", "csv")]

    assert [r.status_code for r in responses] == [403, 403]
    assert not any("Content-Disposition" in r for r in responses)
