"""The subject-access export (inzageverzoek): everything held, as JSON and PDF."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import shutil
import subprocess
import zlib
from decimal import Decimal

import pytest

from django.core.management import call_command
from django.test import override_settings

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.privacy import audit_participant_list
from basisbaan.privacy.export import as_pdf
from basisbaan.privacy.models import ExportFile
from basisbaan.privacy.selectors import subject_access
from basisbaan.tenancy.roles import Role
from tests.factories import (
    ContractFactory,
    ContractPeriodFactory,
    MembershipFactory,
    ParticipantFactory,
    PlacementFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 18)


@pytest.fixture
def person(programme, caseworker):
    return ParticipantFactory(
        programme=programme,
        bsn="111222333",
        first_name="Anna",
        name_prefix="van",
        last_name="Dijk",
        date_of_birth=dt.date(1980, 5, 17),
        email="anna@example.nl",
        phone="06-12345678",
        street="Nieuwestad 1",
        postcode="8911 CJ",
        city="Leeuwarden",
        status=ParticipantStatus.WAITING,
        contact_person=caseworker,
        children_birth_months=["2014-03"],
        rent_month=Decimal("650.00"),
    )


def test_json_holds_the_person_their_records_and_who_saw_them(person, programme, caseworker, rf):
    other = ParticipantFactory(programme=programme)
    contract = ContractFactory(participant=person, employee_number="E-77")
    period = ContractPeriodFactory(
        contract=contract,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 12, 31),
        hours_per_week=Decimal("32.0"),
        hourly_wage=Decimal("14.40"),
    )
    request = rf.get("/")
    request.user = caseworker
    request.membership = caseworker.memberships.get()
    audit_participant_list(request, [person.pk, other.pk])

    data = subject_access(participant=person, today=TODAY)

    assert data["format"] == "basisbaan-inzage/1"
    assert data["made_on"] == "2026-11-18"
    assert data["municipality"] == person.municipality.name
    assert data["pseudonym"] == person.pseudonym
    participant = data["participant"]
    participant.pop("created_at"), participant.pop("updated_at")
    assert participant == {
        "id": person.pk,
        "programme": programme.pk,
        "programme_name": "Basisbanen Leeuwarden",
        "bsn": "111222333",
        "first_name": "Anna",
        "name_prefix": "van",
        "last_name": "Dijk",
        "date_of_birth": "1980-05-17",
        "email": "anna@example.nl",
        "phone": "06-12345678",
        "street": "Nieuwestad 1",
        "postcode": "8911 CJ",
        "city": "Leeuwarden",
        "household_type": "single",
        "social_assistance_start": "2019-03-01",
        # The household of "does work pay?".
        "children_birth_months": ["2014-03"],
        "rent_month": "650.00",
        "partner_income_year": None,
        "status": "waiting",
        "status_changed_at": None,
        "exit_date": None,
        "exit_reason": "",
        "anonymised_at": None,
        "contact_person": caseworker.pk,
    }
    contracts = data["records"]["contracts"]
    assert [(c["id"], c["employee_number"], c["employer_name"]) for c in contracts] == [
        (contract.pk, "E-77", "Caparis")
    ]
    periods = data["records"]["contract_periods"]
    assert [
        (p["id"], p["contract"], p["start_date"], p["hours_per_week"], p["hourly_wage"])
        for p in periods
    ] == [(period.pk, contract.pk, "2025-01-01", "32.0", "14.40")]
    assert data["records"]["placements"] == []
    assert sorted(key for key, rows in data["records"].items() if rows) == [
        "contract_periods",
        "contracts",
    ]
    # The list that showed them is in the audit, without the other person's id.
    lists = [line for line in data["audit"] if line["action"] == "list"]
    assert [(line["actor"], line["changes"]) for line in lists] == [
        (caseworker.username, {"fields": ["first_name", "name_prefix", "last_name"]})
    ]


def test_another_persons_records_are_not_in_the_export(person, programme):
    other = ParticipantFactory(programme=programme)
    PlacementFactory(participant=other, position__host__municipality=programme.municipality)
    data = subject_access(participant=person, today=TODAY)
    assert data["records"]["placements"] == []


def _inflated(pdf: bytes) -> bytes:
    """The PDF's streams, decompressed (WeasyPrint packs objects into object streams).

    Each stream is cut by its ``/Length``, not by searching for ``endstream``: the
    compressed bytes may hold that word themselves (they differ per run, as the
    pseudonym key does).
    """
    parts = []
    for match in re.finditer(rb"/Length (\d+)(?:(?!stream).)*?>>\s*stream\r?\n", pdf, re.S):
        start = match.end()
        data = pdf[start : start + int(match.group(1))]
        try:
            parts.append(zlib.decompress(data))
        except zlib.error:
            parts.append(data)
    return b"".join(parts)


def test_pdf_is_tagged_dutch_pdf_ua(person):
    pdf = as_pdf(subject_access(participant=person, today=TODAY))
    assert pdf.startswith(b"%PDF-")
    inside = _inflated(pdf)
    assert b"pdfuaid:part" in inside  # declared PDF/UA-1
    assert b"/Lang (nl)" in inside and b"/StructTreeRoot" in inside and b"/MarkInfo" in inside
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # where poppler is installed: the text itself
        text = subprocess.run(  # noqa: S603 - a fixed tool on our own bytes
            [pdftotext, "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        assert "Anna" in text and "Dijk" in text and "111222333" in text


def test_page_finds_by_bsn_and_downloads_are_audited(person, member, client_as):
    client = client_as(member(Role.FUNCTIONAL_ADMIN))
    found = client.post("/privacy/inzage/", {"bsn": "111222333"})
    assert found.status_code == 200
    assert found.context["found"] == person
    missing = client.post("/privacy/inzage/", {"bsn": "123456782"})
    assert missing.context["found"] is None
    assert missing.context["form"].errors == {
        "bsn": ["Geen deelnemer met dit BSN in deze gemeente."]
    }

    # The file is made in the background: on to the job, then to the file.
    started = client.post(f"/privacy/inzage/{person.pk}/json/")
    job = Job.objects.get()
    assert started.status_code == 302
    assert started["Location"] == f"/taken/{job.pk}/"
    assert (job.kind, job.status, job.label) == (
        "privacy.subject_access",
        JobStatus.DONE,
        "Inzageverzoek als JSON",
    )
    export = ExportFile.objects.get()
    assert job.result_url == f"/privacy/inzage/bestand/{export.pk}/"
    assert job.result == {"export": export.pk}
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()  # not yet
    page = client.get(job.result_url)
    assert page.status_code == 200
    assert f"/privacy/inzage/bestand/{export.pk}/download/" in page.content.decode()

    answer = client.get(f"/privacy/inzage/bestand/{export.pk}/download/")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "application/json"
    assert answer["Content-Disposition"] == (
        f'attachment; filename="inzageverzoek-{person.pseudonym}-2026-11-18.json"'
    )
    assert json.loads(answer.content)["participant"]["bsn"] == "111222333"
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.object_type, entry.object_id, entry.changes) == (
        "participants.participant",
        str(person.pk),
        {"fields": ["inzageverzoek:json"]},
    )
    with unchanged():
        assert client.post(f"/privacy/inzage/{person.pk}/xml/").status_code == 404
        assert client.get(f"/privacy/inzage/{person.pk}/json/").status_code == 405


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.PROGRAMME_MANAGER, Role.RESEARCHER])
def test_only_the_functional_administrator_may_export(person, member, client_as, role):
    client = client_as(member(role, username=f"asks-{role}"))
    with unchanged():
        assert client.get("/privacy/inzage/").status_code == 403
        assert client.post(f"/privacy/inzage/{person.pk}/json/").status_code == 403


def test_another_municipalitys_participant_is_not_found(other_municipality, person, client_as):
    admin = MembershipFactory(municipality=other_municipality, role=Role.FUNCTIONAL_ADMIN).user
    with unchanged():
        assert client_as(admin).post(f"/privacy/inzage/{person.pk}/json/").status_code == 404


def test_command_writes_json_and_pdf(person, tmp_path):
    out = io.StringIO()
    target = tmp_path / "inzage.json"
    call_command(
        "subject_access",
        "--municipality",
        person.municipality.slug,
        "--bsn",
        "111222333",
        "--output",
        str(target),
        stdout=out,
    )
    assert json.loads(target.read_bytes())["participant"]["last_name"] == "Dijk"
    pdf = tmp_path / "inzage.pdf"
    call_command(
        "subject_access",
        "--municipality",
        person.municipality.slug,
        "--bsn",
        "111222333",
        "--output",
        str(pdf),
        stdout=out,
    )
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert list(AuditEntry.objects.filter(action="export").values_list("channel", flat=True)) == [
        "cli",
        "cli",
    ]


@override_settings(SECURITY_CONTACT="mailto:security@gemeente.example", SECURITY_POLICY_URL="")
def test_security_txt_is_public_and_expires_a_year_from_today(client):
    answer = client.get("/.well-known/security.txt")
    assert answer.status_code == 200
    assert answer["Content-Type"] == "text/plain; charset=utf-8"
    assert answer.content.decode().splitlines() == [
        "Contact: mailto:security@gemeente.example",
        "Expires: 2027-11-18T00:00:00Z",
        "Preferred-Languages: nl, en",
        "Canonical: http://testserver/.well-known/security.txt",
    ]


def test_many_records_of_one_kind_go_in_one_table_with_dutch_amounts(person):
    from basisbaan.privacy.export import AS_ROWS_FROM, sections

    contract = ContractFactory(participant=person)
    for sequence in range(1, AS_ROWS_FROM + 1):
        ContractPeriodFactory(
            contract=contract,
            sequence=sequence,
            start_date=dt.date(2024, 1, 1) + dt.timedelta(days=183 * (sequence - 1)),
            end_date=dt.date(2024, 6, 30) + dt.timedelta(days=183 * (sequence - 1)),
            hourly_wage=Decimal("1234.5"),
        )

    found = {s["title"]: s for s in sections(subject_access(participant=person, today=TODAY))}

    periods = found["Contractperiodes"]
    assert len(periods["rows"]) == AS_ROWS_FROM
    assert periods["columns"][:3] == ["ID", "Contract", "Volgnummer"]
    hourly = periods["columns"].index("Uurloon")
    assert [row[hourly] for row in periods["rows"]] == ["1.234,50"] * AS_ROWS_FROM
    assert "rows" not in found["Arbeidsovereenkomsten"]  # one contract: a block of its own
