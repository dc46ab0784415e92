"""``/api/v1/payroll-imports/`` (upload) and ``/api/v1/payroll-entries/`` (list)."""

from __future__ import annotations

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.jobs.models import Job
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.payroll.conftest import ANNA_MARCH, BART_MARCH, csv_bytes
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def upload(client, rows, **data):
    file = SimpleUploadedFile("loon.csv", csv_bytes(rows), content_type="text/csv")
    return client.post("/api/v1/payroll-imports/", {"file": file, **data}, format="multipart")


def result_of(response) -> dict:
    """The import's answer, from the finished job of a 202 (jobs run at once in tests)."""
    assert response.status_code == 202, response.content
    job = response.json()
    assert response["Location"] == job["url"] == f"/api/v1/jobs/{job['id']}/"
    assert job["status"] == "done", job["message"]
    return job["result"]


def test_upload_imports_and_answers_like_the_cli(world, controller):
    response = upload(api(controller), [ANNA_MARCH, BART_MARCH])

    record = PayrollImport.objects.get()
    assert result_of(response) == {
        "rows": 2,
        "imported": 2,
        "unchanged": 0,
        "errors": [],
        "import": record.pk,
        "status": "imported",
    }
    assert response.json()["result_url"] == f"/verloning/importen/{record.pk}/"
    assert PayrollEntry.objects.count() == 2
    assert record.uploaded_by == controller


def test_refused_rows_answer_400_with_every_error_and_store_nothing(world, controller):
    bad = list(ANNA_MARCH)
    bad[7] = "1,00"

    client = api(controller)
    with unchanged(ignore=[PayrollImport, Job]):  # the refused file is kept, with its errors
        response = upload(client, [BART_MARCH, bad])

    result = result_of(response)
    assert result.pop("import") == PayrollImport.objects.get().pk
    assert result == {
        "status": "refused",
        "rows": 2,
        "imported": 0,
        "unchanged": 0,
        "errors": [
            {
                "row": 3,
                "column": "totaal",
                "message": "Het totaal € 1,00 is niet de som van de onderdelen (€ 2.800,00); "
                "het verschil mag hoogstens één cent zijn.",
            }
        ],
    }
    assert PayrollEntry.objects.count() == 0
    assert PayrollImport.objects.get().status == "refused"


def test_a_second_upload_is_unchanged_and_a_correction_replaces(world, controller):
    client = api(controller)
    upload(client, [ANNA_MARCH])
    changed = list(ANNA_MARCH)
    changed[2], changed[7] = "2100,00", "2900,00"

    again = upload(client, [ANNA_MARCH])
    with unchanged(PayrollEntry.objects.get(), ignore=[PayrollImport, Job]):
        differs = upload(client, [changed])
    corrected = upload(client, [changed], correction="true")

    assert (result_of(again)["status"], result_of(again)["unchanged"]) == ("imported", 1)
    assert result_of(differs)["status"] == "refused"
    assert result_of(differs)["errors"][0]["column"] == "brutoloon"
    assert result_of(corrected)["status"] == "imported"
    assert str(PayrollEntry.objects.get().gross_wage) == "2100.00"
    assert (
        AuditEntry.objects.filter(
            object_type="payroll.payrollentry", action=AuditAction.UPDATE
        ).count()
        == 1
    )


def test_dry_run_is_checked_and_stores_no_entry(world, controller):
    response = upload(api(controller), [ANNA_MARCH], dry_run="true")

    result = result_of(response)
    assert (result["status"], result["imported"]) == ("checked", 1)
    assert response.json()["label"] == "Loonbestand controleren (proefrun): loon.csv"
    assert PayrollEntry.objects.count() == 0


def test_an_unreadable_file_is_400_on_the_file_field(world, controller):
    file = SimpleUploadedFile("loon.csv", b"bsn;periode\r\n1;2\r\n")

    client = api(controller)
    with unchanged():
        response = client.post("/api/v1/payroll-imports/", {"file": file}, format="multipart")

    assert response.status_code == 400
    assert response.json()["file"][0].startswith("De kopregel mist de kolommen: brutoloon")
    assert PayrollImport.objects.count() == 0


def test_no_file_is_400(world, controller):
    client = api(controller)
    with unchanged():
        response = client.post("/api/v1/payroll-imports/", {}, format="multipart")

    assert response.status_code == 400
    assert "file" in response.json()


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.JOBCOACH, Role.RESEARCHER, Role.READ_ONLY])
def test_roles_without_the_import_right_get_403_and_nothing_is_written(world, municipality, role):
    client = api(make_member(municipality, role))

    with unchanged():
        response = upload(client, [ANNA_MARCH])

    assert response.status_code == 403
    assert PayrollImport.objects.count() == 0
    assert PayrollEntry.objects.count() == 0


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.CONTROLLER, 200),
        (Role.PROGRAMME_MANAGER, 200),
        (Role.READ_ONLY, 200),
        (Role.FUNCTIONAL_ADMIN, 200),
        (Role.CASEWORKER, 403),
        (Role.JOBCOACH, 403),
        (Role.RESEARCHER, 403),
    ],
)
def test_who_may_read_entries(world, municipality, role, status):
    client = api(make_member(municipality, role))

    if status == 403:
        with unchanged():
            entries = client.get("/api/v1/payroll-entries/")
            imports = client.get("/api/v1/payroll-imports/")
    else:
        entries = client.get("/api/v1/payroll-entries/")
        imports = client.get("/api/v1/payroll-imports/")
    assert (entries.status_code, imports.status_code) == (status, status)


def test_entries_list_filters_and_shape(world, controller):
    client = api(controller)
    april = list(ANNA_MARCH)
    april[1] = "2024-04"
    upload(client, [ANNA_MARCH, BART_MARCH, april])

    everything = client.get("/api/v1/payroll-entries/").json()
    march = client.get("/api/v1/payroll-entries/?period=2024-03").json()
    anna = client.get(f"/api/v1/payroll-entries/?participant={world.anna.pk}").json()
    bart = client.get(f"/api/v1/payroll-entries/?contract={world.bart_contract.pk}").json()
    span = client.get("/api/v1/payroll-entries/?period_from=2024-04&period_to=2024-12").json()

    assert everything["count"] == 3
    assert march["count"] == 2
    assert {r["period"] for r in anna["results"]} == {"2024-03", "2024-04"}
    assert [r["participant"] for r in bart["results"]] == [world.bart.pk]
    assert [r["period"] for r in span["results"]] == ["2024-04"]
    first = everything["results"][0]
    assert first["period"] == "2024-04"
    assert {k: first[k] for k in ("gross_wage", "total", "hours", "contract")} == {
        "gross_wage": "2000.00",
        "total": "2800.00",
        "hours": "138.67",
        "contract": world.anna_contract.pk,
    }


def test_a_bad_period_filter_is_400(world, controller):
    client = api(controller)
    with unchanged():
        response = client.get("/api/v1/payroll-entries/?period=maart")

    assert response.status_code == 400
    assert response.json() == {"period": ["Gebruik jjjj-mm, bijvoorbeeld 2024-03."]}


def test_reading_entries_is_audited(world, controller):
    client = api(controller)
    upload(client, [ANNA_MARCH])
    entry = PayrollEntry.objects.get()

    client.get("/api/v1/payroll-entries/")
    client.get(f"/api/v1/payroll-entries/{entry.pk}/")

    audits = AuditEntry.objects.filter(object_type="payroll.payrollentry").order_by("id")
    assert [(a.action, a.actor) for a in audits] == [
        (AuditAction.LIST, controller),
        (AuditAction.VIEW, controller),
    ]
    assert audits[0].changes["ids"] == [str(entry.pk)]


def test_another_municipality_sees_nothing(world, controller, other_municipality):
    client = api(controller)
    upload(client, [ANNA_MARCH])
    entry = PayrollEntry.objects.get()
    record = PayrollImport.objects.get()
    outsider = make_member(other_municipality, Role.CONTROLLER, username="controller-emmen")
    theirs = api(outsider)

    assert theirs.get("/api/v1/payroll-entries/").json()["count"] == 0
    assert theirs.get("/api/v1/payroll-imports/").json()["count"] == 0
    with unchanged(entry, record):
        assert theirs.get(f"/api/v1/payroll-entries/{entry.pk}/").status_code == 404
        assert theirs.get(f"/api/v1/payroll-imports/{record.pk}/").status_code == 404
        assert (
            theirs.get(f"/api/v1/payroll-entries/?participant={world.anna.pk}").status_code == 400
        )


def test_an_upload_in_the_other_municipality_matches_its_own_participants(
    world, other_municipality
):
    """Anna's BSN exists in Emmen too: Emmen's file lands on Emmen's Anna."""
    outsider = make_member(other_municipality, Role.CONTROLLER, username="controller-emmen")

    response = upload(api(outsider), [ANNA_MARCH])

    assert result_of(response)["status"] == "imported"
    assert PayrollEntry.objects.get().participant == world.other_anna


def test_import_detail_shows_errors_and_summary(world, controller):
    client = api(controller)
    upload(client, [ANNA_MARCH, BART_MARCH])
    record = PayrollImport.objects.get()

    body = client.get(f"/api/v1/payroll-imports/{record.pk}/").json()

    assert body["status"] == "imported"
    assert body["errors"] == []
    assert body["summary"] == [
        {"period": "2024-03", "rows": 2, "gross_wage": "3000.00", "total": "4180.00"}
    ]
    assert "content" not in body


def test_list_query_count_does_not_grow_with_rows(world, controller):
    client = api(controller)
    upload(client, [ANNA_MARCH, BART_MARCH])

    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/payroll-entries/")
    april = [list(ANNA_MARCH), list(BART_MARCH)]
    for row in april:
        row[1] = "2024-04"
    upload(client, april)
    with CaptureQueriesContext(connection) as more:
        client.get("/api/v1/payroll-entries/")

    assert len(more) == len(few)
