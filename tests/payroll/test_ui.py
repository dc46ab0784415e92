"""Pages under /verloning/: upload -> preview -> confirm, lists, permissions."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.jobs.models import Job
from basisbaan.payroll.constants import ImportStatus
from basisbaan.payroll.models import PayrollEntry, PayrollImport, PayrollUpload
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.payroll.conftest import ANNA, ANNA_MARCH, BART_MARCH, after_job, csv_bytes
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def post_file(client, content, name="loon-maart.csv", **data):
    return client.post(
        "/verloning/importeren/", {"file": SimpleUploadedFile(name, content), **data}
    )


def text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())


def test_upload_preview_confirm_flow(world, controller, client_as):
    client = client_as(controller)

    form = client.get("/verloning/importeren/")
    preview = post_file(client, csv_bytes([ANNA_MARCH, BART_MARCH]))
    page = after_job(client, preview)
    record = PayrollImport.objects.get()

    assert form.status_code == 200
    assert 'enctype="multipart/form-data"' in form.content.decode()
    assert Job.objects.get(pk=preview["Location"].split("/")[2]).result_url == (
        f"/verloning/importen/{record.pk}/"
    )
    assert record.status == ImportStatus.PREVIEW
    assert PayrollEntry.objects.count() == 0
    assert PayrollUpload.objects.filter(payroll_import=record).exists()
    body = text(page)
    assert "Het bestand is gecontroleerd: alle regels kloppen." in body
    assert '<th scope="row">2024-03</th> <td class="bb-num">2</td>' in body
    assert "€ 3.000,00" in body and "€ 4.180,00" in body
    assert f'action="/verloning/importen/{record.pk}/bevestigen/"' in body

    confirmed = client.post(f"/verloning/importen/{record.pk}/bevestigen/")
    job_page = client.get(confirmed["Location"])
    done = after_job(client, confirmed)

    record.refresh_from_db()
    assert record.status == ImportStatus.IMPORTED
    assert PayrollEntry.objects.count() == 2
    assert not PayrollUpload.objects.exists()
    assert "Ingelezen: 2 nieuw, 0 ongewijzigd." in text(job_page)
    assert "Loonbestand inlezen: loon-maart.csv" in text(job_page)
    assert "Ingelezen op 18-11-2026" in text(done)
    assert AuditEntry.objects.get(object_type="payroll.payrollimport").action == AuditAction.UPDATE


def test_preview_with_errors_shows_a_table_and_imports_nothing(world, controller, client_as):
    client = client_as(controller)
    bad = list(BART_MARCH)
    bad[0] = "999999990"

    response = post_file(client, csv_bytes([ANNA_MARCH, bad]))
    page = after_job(client, response)

    record = PayrollImport.objects.get()
    assert record.status == ImportStatus.REFUSED
    assert not PayrollUpload.objects.exists()
    body = text(page)
    assert 'role="alert"' in body
    assert "Het bestand is afgekeurd: 1 fout." in body
    assert (
        '<th scope="row" class="bb-num">3</th> <td class="bb-mono">bsn</td> <td>Onbekende '
        "persoon: geen deelnemer van gemeente Leeuwarden heeft dit BSN.</td>"
    ) in body
    assert "<caption" in body
    assert "bevestigen" not in body
    assert PayrollEntry.objects.count() == 0


def test_an_unreadable_file_shows_the_reason_on_the_form(world, controller, client_as):
    response = post_file(client_as(controller), b"bsn;periode\r\n", name="loon.csv")

    assert response.status_code == 200
    body = text(response)
    assert "De kopregel mist de kolommen: brutoloon" in body
    assert "data-error-summary" in body
    assert PayrollImport.objects.count() == 0


def test_a_correction_flag_is_carried_to_the_import(world, controller, client_as):
    client = client_as(controller)
    post_file(client, csv_bytes([ANNA_MARCH]))
    client.post(f"/verloning/importen/{PayrollImport.objects.get().pk}/bevestigen/")
    changed = list(ANNA_MARCH)
    changed[2], changed[7] = "2100,00", "2900,00"

    refused = after_job(client, post_file(client, csv_bytes([changed])))
    after_job(client, post_file(client, csv_bytes([changed]), correction="on"))
    record = PayrollImport.objects.latest("pk")
    client.post(f"/verloning/importen/{record.pk}/bevestigen/")

    assert "Lever het bestand aan als correctie" in text(refused)
    record.refresh_from_db()
    assert (record.status, record.is_correction, record.replaced_count) == (
        ImportStatus.IMPORTED,
        True,
        1,
    )
    assert str(PayrollEntry.objects.get().gross_wage) == "2100.00"


def test_the_same_file_again_is_flagged_in_the_preview(world, controller, client_as):
    client = client_as(controller)
    content = csv_bytes([ANNA_MARCH])
    post_file(client, content)
    first = PayrollImport.objects.get()
    client.post(f"/verloning/importen/{first.pk}/bevestigen/")

    body = text(after_job(client, post_file(client, content)))

    assert f"(import {first.pk}). Opnieuw inlezen verandert niets." in body


def test_cancel_drops_the_file(world, controller, client_as):
    client = client_as(controller)
    post_file(client, csv_bytes([ANNA_MARCH]))
    record = PayrollImport.objects.get()

    response = client.post(f"/verloning/importen/{record.pk}/annuleren/")

    record.refresh_from_db()
    assert response.status_code == 302
    assert record.status == ImportStatus.CANCELLED
    assert not PayrollUpload.objects.exists()
    assert PayrollEntry.objects.count() == 0


def test_a_new_preview_cancels_the_users_waiting_one(world, controller, client_as):
    client = client_as(controller)
    post_file(client, csv_bytes([ANNA_MARCH]))
    post_file(client, csv_bytes([BART_MARCH]))

    assert list(PayrollImport.objects.order_by("id").values_list("status", flat=True)) == [
        ImportStatus.CANCELLED,
        ImportStatus.PREVIEW,
    ]
    assert PayrollUpload.objects.count() == 1


def test_rows_are_checked_again_on_confirm(world, controller, client_as):
    """Between preview and confirm another import stored other values: refused."""
    client = client_as(controller)
    post_file(client, csv_bytes([ANNA_MARCH]))
    record = PayrollImport.objects.get()
    changed = list(ANNA_MARCH)
    changed[2], changed[7] = "2100,00", "2900,00"
    from basisbaan.payroll.services import payroll_import

    payroll_import(
        municipality=world.anna.municipality,
        actor=None,
        file_name="x.csv",
        content=csv_bytes([changed]),
    )

    client.post(f"/verloning/importen/{record.pk}/bevestigen/")

    record.refresh_from_db()
    assert record.status == ImportStatus.REFUSED
    assert record.errors[0]["column"] == "brutoloon"
    assert str(PayrollEntry.objects.get().gross_wage) == "2100.00"


def test_an_old_preview_cannot_be_confirmed(world, controller, client_as):
    client = client_as(controller)
    post_file(client, csv_bytes([ANNA_MARCH]))
    record = PayrollImport.objects.get()
    PayrollImport.objects.filter(pk=record.pk).update(
        started_at=timezone.now() - dt.timedelta(days=2)
    )

    response = client.post(f"/verloning/importen/{record.pk}/bevestigen/", follow=True)

    record.refresh_from_db()
    assert record.status == ImportStatus.CANCELLED
    assert "Deze controle is ouder dan een dag. Upload het bestand opnieuw." in text(response)
    assert PayrollEntry.objects.count() == 0


def test_only_the_uploader_confirms(world, municipality, controller, client_as):
    post_file(client_as(controller), csv_bytes([ANNA_MARCH]))
    record = PayrollImport.objects.get()
    colleague = client_as(make_member(municipality, Role.PROGRAMME_MANAGER))

    page = colleague.get(f"/verloning/importen/{record.pk}/")
    with unchanged(record):
        response = colleague.post(f"/verloning/importen/{record.pk}/bevestigen/")

    assert "Alleen wie het bestand uploadde, kan het bevestigen." in text(page)
    assert response.status_code == 403
    record.refresh_from_db()
    assert record.status == ImportStatus.PREVIEW
    assert PayrollEntry.objects.count() == 0


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.JOBCOACH, Role.RESEARCHER])
def test_roles_without_payroll_rights_get_403(world, municipality, client_as, role):
    client = client_as(make_member(municipality, role))

    with unchanged():
        for path in ("/verloning/", "/verloning/importen/", "/verloning/importeren/"):
            assert client.get(path).status_code == 403, path
        response = post_file(client, csv_bytes([ANNA_MARCH]))

    assert response.status_code == 403
    assert PayrollImport.objects.count() == 0


def test_read_only_sees_but_cannot_upload(world, municipality, client_as):
    client = client_as(make_member(municipality, Role.READ_ONLY))

    assert client.get("/verloning/").status_code == 200
    assert "Loonbestand inlezen" not in client.get("/verloning/").content.decode()
    with unchanged():
        assert client.get("/verloning/importeren/").status_code == 403
        assert post_file(client, csv_bytes([ANNA_MARCH])).status_code == 403
    assert PayrollImport.objects.count() == 0


def test_entry_list_filters_by_month_and_participant_with_totals(
    world, municipality, controller, client_as
):
    from basisbaan.payroll.services import payroll_import

    april = list(ANNA_MARCH)
    april[1] = "2024-04"
    payroll_import(
        municipality=municipality,
        actor=None,
        file_name="x.csv",
        content=csv_bytes([ANNA_MARCH, BART_MARCH, april]),
    )
    client = client_as(controller)

    latest = text(client.get("/verloning/"))
    everything = text(client.get("/verloning/?periode=alle"))
    march = text(client.get("/verloning/?periode=2024-03"))
    bart = text(client.get("/verloning/?q=Visser"))
    anna = text(client.get(f"/verloning/?deelnemer={world.anna.pk}"))

    assert "1 regel · brutoloon € 2.000,00 · totaal € 2.800,00" in latest
    assert '<option value="2024-04" selected>april 2024</option>' in latest
    assert "3 regels · brutoloon € 5.000,00 · totaal € 6.980,00" in everything
    assert "2 regels · brutoloon € 3.000,00 · totaal € 4.180,00" in march
    assert "1 regel · brutoloon € 1.000,00 · totaal € 1.380,00" in bart
    assert "2 regels" in anna and "Bart Visser" not in anna
    assert '<option value="alle" selected>Alle maanden</option>' in anna


def test_entry_list_is_audited(world, municipality, controller, client_as):
    from basisbaan.payroll.services import payroll_import

    payroll_import(
        municipality=municipality, actor=None, file_name="x.csv", content=csv_bytes([ANNA_MARCH])
    )

    client_as(controller).get("/verloning/")

    entry = PayrollEntry.objects.get()
    audit = AuditEntry.objects.get(object_type="payroll.payrollentry", action=AuditAction.LIST)
    assert audit.changes["ids"] == [str(entry.pk)]
    assert AuditEntry.objects.filter(
        object_type="participants.participant", action=AuditAction.LIST
    ).exists()


def test_import_list(world, municipality, controller, client_as):
    client = client_as(controller)
    post_file(client, csv_bytes([ANNA_MARCH]), name="maart.csv")

    body = text(client.get("/verloning/importen/"))

    assert "maart.csv" in body
    assert "wacht op bevestiging" in body


def test_another_municipality_sees_no_payroll(world, municipality, other_municipality, client_as):
    from basisbaan.payroll.services import payroll_import

    result = payroll_import(
        municipality=municipality,
        actor=None,
        file_name="geheim.csv",
        content=csv_bytes([ANNA_MARCH]),
    )
    outsider = client_as(make_member(other_municipality, Role.FUNCTIONAL_ADMIN, username="b"))
    record = result.payroll_import

    with unchanged(record):
        assert outsider.get(f"/verloning/importen/{record.pk}/").status_code == 404
        assert outsider.post(f"/verloning/importen/{record.pk}/bevestigen/").status_code == 404
    assert "geheim.csv" not in outsider.get("/verloning/importen/").content.decode()
    # Her full name and BSN: the outsider's own (random) name may start with "Anna".
    entries = outsider.get("/verloning/").content.decode()
    assert "Anna Bakker" not in entries
    assert "Bakker, Anna" not in entries
    assert ANNA not in entries
    own = client_as(make_member(municipality, Role.FUNCTIONAL_ADMIN, username="a"))
    assert "Bakker" in own.get("/verloning/").content.decode()  # the check above can fail


def test_pages_have_no_inline_scripts_or_styles(world, controller, client_as):
    client = client_as(controller)
    post_file(client, csv_bytes([ANNA_MARCH]))
    record = PayrollImport.objects.get()

    for path in (
        "/verloning/",
        "/verloning/importen/",
        "/verloning/importeren/",
        f"/verloning/importen/{record.pk}/",
    ):
        body = client.get(path).content.decode()
        assert "style=" not in body, path
        assert "<style" not in body, path
        assert re.search(r"<script(?![^>]*\bsrc=)", body) is None, path
        assert " on" + "click=" not in body, path


def test_the_upload_page_offers_the_documented_example_files():
    """The upload page's example files are the ones in docs/examples. They are the
    demo's payroll of November 2026; that they import into the demo is tested in
    tests/demo/loaded/test_example_payroll.py."""
    for name in ("loonbestand-voorbeeld.csv", "loonbestand-voorbeeld.xlsx"):
        content = (ROOT / "docs" / "examples" / name).read_bytes()
        shipped = ROOT / "src" / "basisbaan" / "payroll" / "static" / "payroll" / name
        assert shipped.read_bytes() == content, name
