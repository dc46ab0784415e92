"""``basisbaan purge``: what expires is anonymised or removed, reported and audited."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
from decimal import Decimal

import pytest

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.calc.retention import RetentionPolicy
from basisbaan.guidance.models import HoursEntry, Signal
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.payroll.constants import ImportStatus
from basisbaan.payroll.models import PayrollImport, PayrollUpload
from basisbaan.privacy.services import purge
from tests.factories import (
    ContractFactory,
    ParticipantFactory,
    PlacementFactory,
    ProgrammeFactory,
)
from tests.intake.factories import ParticipantProfileFactory
from tests.unchanged import unchanged

POLICY = RetentionPolicy(participant_years=10, payroll_preview_days=7, temp_file_days=2)
D = dt.date

pytestmark = pytest.mark.django_db


def exited(programme, exit_date: dt.date, **kwargs) -> Participant:
    return ParticipantFactory(
        programme=programme,
        status=ParticipantStatus.EXITED,
        exit_date=exit_date,
        exit_reason="education",
        **kwargs,
    )


@pytest.fixture
def long_programme(municipality):
    return ProgrammeFactory(
        municipality=municipality, start_date=D(2015, 1, 1), end_date=D(2035, 12, 31)
    )


def test_a_participant_who_exited_30_june_2016_expires_on_1_july_2026(long_programme, tmp_path):
    person = exited(long_programme, D(2016, 6, 30))
    with unchanged():
        before = purge(today=D(2026, 6, 30), policy=POLICY, temp_dir=tmp_path, apply=True)
    assert before.participants == []
    after = purge(today=D(2026, 7, 1), policy=POLICY, temp_dir=tmp_path, apply=True)
    assert after.participants == [person.pk]


def test_a_participant_still_in_a_running_programme_never_expires(long_programme, tmp_path):
    ParticipantFactory(programme=long_programme, status=ParticipantStatus.PLACED)
    report = purge(today=D(2060, 1, 1), policy=POLICY, temp_dir=tmp_path)
    # The programme ended 31-12-2035: kept to 31-12-2045, expired from 1-1-2046.
    assert len(report.participants) == 1
    assert purge(today=D(2045, 12, 31), policy=POLICY, temp_dir=tmp_path).participants == []


def test_anonymising_empties_identity_and_free_text_and_keeps_the_statistics(
    long_programme, tmp_path, caseworker
):
    person = exited(
        long_programme,
        D(2015, 3, 31),
        first_name="Anna",
        name_prefix="van",
        last_name="Dijk",
        bsn="111222333",
        date_of_birth=D(1980, 5, 17),
        children_birth_months=["2012-04"],
        rent_month=Decimal("612.50"),
        partner_income_year=Decimal("18000.00"),
    )
    keep = exited(long_programme, D(2020, 1, 31), last_name="Blijft")
    placement = PlacementFactory(
        participant=person,
        start_date=D(2015, 1, 1),
        end_date=D(2015, 3, 31),
        end_reason="Verhuisd naar Assen",
    )
    contract = ContractFactory(participant=person, placement=placement, employee_number="E-77")
    profile = ParticipantProfileFactory(participant=person, work_experience="Hovenier bij Dijk")
    signal = Signal.objects.create(
        municipality=person.municipality,
        participant=person,
        kind="absence",
        raised_on=D(2015, 2, 1),
        description="Ziek thuis",
        owner=caseworker,
    )
    hours = HoursEntry.objects.create(
        municipality=person.municipality,
        participant=person,
        staff=caseworker,
        date=D(2015, 2, 2),
        activity="conversation",
        hours=Decimal("1.5"),
        note="Gesprek over thuissituatie",
    )

    dry = purge(today=D(2025, 4, 1), policy=POLICY, temp_dir=tmp_path)
    assert (dry.participants, dry.free_text_records) == ([person.pk], 5)
    assert Participant.objects.get(pk=person.pk).last_name == "Dijk"  # a dry run changes nothing

    report = purge(today=D(2025, 4, 1), policy=POLICY, temp_dir=tmp_path, apply=True)

    assert (report.participants, report.free_text_records) == ([person.pk], 5)
    person.refresh_from_db()
    assert (person.bsn, person.first_name, person.name_prefix, person.last_name) == (
        "",
        "",
        "",
        "Geanonimiseerd",
    )
    assert (person.email, person.phone, person.street, person.postcode, person.city) == (
        "",
        "",
        "",
        "",
        "",
    )
    assert person.date_of_birth == D(1980, 1, 1)
    assert person.search_name == " geanonimiseerd"
    assert person.anonymised_at is not None
    # The household of "does work pay?" is emptied too.
    assert (person.children_birth_months, person.rent_month, person.partner_income_year) == (
        [],
        None,
        None,
    )
    # Statistics stay: status, dates, household, placement dates, contract, hours.
    assert (person.status, person.exit_date, person.household_type) == (
        "exited",
        D(2015, 3, 31),
        "single",
    )
    placement.refresh_from_db()
    contract.refresh_from_db()
    profile.refresh_from_db()
    signal.refresh_from_db()
    hours.refresh_from_db()
    assert (placement.end_date, placement.end_reason) == (D(2015, 3, 31), "")
    assert (contract.employer_name, contract.employee_number) == ("Caparis", "")
    assert (profile.work_experience, profile.competences) == (
        "",
        ["physical", "reliable", "teamwork"],
    )
    assert (signal.description, signal.kind) == ("", "absence")
    assert (hours.note, hours.hours) == ("", Decimal("1.50"))
    assert Participant.objects.get(pk=keep.pk).last_name == "Blijft"

    # One audit entry per anonymised record, without a name or BSN in it.
    entries = AuditEntry.objects.filter(action=AuditAction.UPDATE).order_by("pk")
    assert [(e.object_type, e.object_id) for e in entries] == [
        ("placements.placement", str(placement.pk)),
        ("contracts.contract", str(contract.pk)),
        ("intake.participantprofile", str(profile.pk)),
        ("guidance.hoursentry", str(hours.pk)),
        ("guidance.signal", str(signal.pk)),
        ("participants.participant", str(person.pk)),
    ]
    assert entries.last().object_repr == f"Deelnemer #{person.pk}"
    text = json.dumps([[e.object_repr, e.changes] for e in entries])
    assert "Dijk" not in text and "111222333" not in text and "Anna" not in text
    assert "612" not in text and "2012-04" not in text

    # Done once: a second run finds nothing.
    again = purge(today=D(2025, 4, 1), policy=POLICY, temp_dir=tmp_path, apply=True)
    assert (again.participants, again.free_text_records) == ([], 0)


def test_two_anonymised_participants_share_the_empty_bsn(long_programme, tmp_path):
    exited(long_programme, D(2010, 1, 31))
    exited(long_programme, D(2011, 1, 31))
    report = purge(today=D(2025, 1, 1), policy=POLICY, temp_dir=tmp_path, apply=True)
    assert len(report.participants) == 2
    assert list(Participant.objects.values_list("bsn", flat=True)) == ["", ""]


def _preview(municipality, started: dt.date, status=ImportStatus.PREVIEW) -> PayrollImport:
    record = PayrollImport.objects.create(
        municipality=municipality,
        file_name="loon.csv",
        sha256="0" * 64,
        status=status,
        started_at=timezone.make_aware(dt.datetime.combine(started, dt.time(12))),
    )
    PayrollUpload.objects.create(municipality=municipality, payroll_import=record, content=b"bsn")
    return record


def test_payroll_previews_older_than_seven_days_are_removed(municipality, tmp_path):
    old = _preview(municipality, D(2026, 12, 1))
    new = _preview(municipality, D(2026, 12, 2))

    report = purge(today=D(2026, 12, 9), policy=POLICY, temp_dir=tmp_path, apply=True)

    assert report.payroll_previews == [old.pk]
    old.refresh_from_db()
    assert old.status == ImportStatus.CANCELLED
    assert list(PayrollUpload.objects.values_list("payroll_import_id", flat=True)) == [new.pk]
    entry = AuditEntry.objects.get(object_type="payroll.payrollimport")
    assert entry.changes == {"upload": ["bestand", None], "status": ["preview", "cancelled"]}


def test_temporary_files_older_than_two_days_are_removed(tmp_path, db):
    old = tmp_path / "old.csv"
    fresh = tmp_path / "sub" / "fresh.pdf"
    fresh.parent.mkdir()
    for path, day in ((old, D(2026, 12, 1)), (fresh, D(2026, 12, 2))):
        path.write_bytes(b"x")
        stamp = dt.datetime.combine(day, dt.time(12), tzinfo=dt.UTC).timestamp()
        os.utime(path, (stamp, stamp))

    dry = purge(today=D(2026, 12, 4), policy=POLICY, temp_dir=tmp_path)
    assert dry.temp_files == ["old.csv"] and old.exists()
    report = purge(today=D(2026, 12, 4), policy=POLICY, temp_dir=tmp_path, apply=True)
    assert report.temp_files == ["old.csv"]
    assert not old.exists() and fresh.exists()


def test_the_command_is_a_dry_run_unless_applied_and_reports_in_dutch(long_programme, tmp_path):
    person = exited(long_programme, D(2016, 6, 30), last_name="Dijk")
    out = io.StringIO()
    with override_settings(TEMP_DIR=tmp_path), unchanged():
        call_command("purge", "--today", "01-07-2026", stdout=out)
    assert out.getvalue().splitlines() == [
        "Proefrun (niets gewijzigd; --apply voert uit) op 01-07-2026:",
        "  deelnemers te anonimiseren: 1",
        "  records met vrije tekst te legen: 0",
        "  verloningsvoorbeelden te verwijderen: 0",
        "  tijdelijke bestanden te verwijderen: 0",
    ]
    out = io.StringIO()
    with override_settings(TEMP_DIR=tmp_path):
        call_command("purge", "--today", "2026-07-01", "--apply", "--format", "json", stdout=out)
    assert json.loads(out.getvalue()) == {
        "today": "2026-07-01",
        "applied": True,
        "participants": [person.pk],
        "free_text_records": 0,
        "payroll_previews": [],
        "temp_files": [],
    }
    assert Participant.objects.get(pk=person.pk).last_name == "Geanonimiseerd"
    assert AuditEntry.objects.get(object_type="participants.participant").channel == "cli"


def test_an_anonymised_participant_cannot_be_filled_in_again(long_programme, tmp_path):
    from django.core.exceptions import ValidationError

    from basisbaan.participants.services import participant_update

    person = exited(long_programme, D(2010, 1, 31))
    purge(today=D(2025, 1, 1), policy=POLICY, temp_dir=tmp_path, apply=True)
    person.refresh_from_db()
    with unchanged(), pytest.raises(ValidationError) as refused:
        participant_update(participant=person, actor=None, data={"first_name": "Anna"})
    assert refused.value.messages == [
        "Deze deelnemer is geanonimiseerd en kan niet worden gewijzigd."
    ]
