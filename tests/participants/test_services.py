import datetime as dt

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.participants.constants import ExitReason, HouseholdType, ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.participants.services import (
    participant_change_status,
    participant_create,
    participant_set_contact_person,
    participant_update,
)
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory, ProgrammeFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def _create(municipality, actor, **overrides):
    data = {
        "programme": overrides.pop("programme", None)
        or ProgrammeFactory(municipality=municipality),
        "bsn": "123456782",
        "first_name": "Anna",
        "name_prefix": "de",
        "last_name": "Vries",
        "date_of_birth": dt.date(1980, 5, 17),
        "household_type": HouseholdType.SINGLE,
        "social_assistance_start": dt.date(2018, 1, 1),
    }
    data.update(overrides)
    return participant_create(municipality=municipality, actor=actor, **data)


def test_create_registers_a_referral_and_audits_it(municipality, caseworker):
    participant = _create(municipality, caseworker, bsn="1234.56.782")

    assert participant.status == ParticipantStatus.REFERRED
    assert participant.bsn == "123456782"
    assert participant.full_name == "Anna de Vries"
    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.CREATE
    assert entry.actor == caseworker
    assert entry.municipality == municipality
    assert entry.object_type == "participants.participant"
    assert entry.object_id == str(participant.pk)
    # That the BSN and birth date were filled in, not what they are.
    assert entry.changes["bsn"] == [None, "***"]
    assert entry.changes["date_of_birth"] == [None, "***"]
    assert entry.changes["status"] == [None, "referred"]


def test_create_refuses_a_bsn_failing_the_eleven_test_and_writes_nothing(municipality, caseworker):
    programme = ProgrammeFactory(municipality=municipality)
    with pytest.raises(ValidationError) as info, unchanged():
        _create(municipality, caseworker, bsn="123456789", programme=programme)
    assert "elfproef" in info.value.message_dict["bsn"][0]
    assert Participant.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_create_refuses_a_second_participant_with_the_same_bsn(municipality, caseworker):
    first = _create(municipality, caseworker)
    with pytest.raises(ValidationError) as info, unchanged(first):
        _create(municipality, caseworker, programme=first.programme)
    assert info.value.message_dict["bsn"] == ["Er is al een deelnemer met dit BSN in uw gemeente."]


def test_the_same_bsn_may_exist_in_another_municipality(
    municipality, other_municipality, caseworker
):
    _create(municipality, caseworker)
    other = make_member(other_municipality, Role.CASEWORKER)
    _create(other_municipality, other)
    assert Participant.objects.filter(bsn="123456782").count() == 2


def test_create_refuses_a_programme_of_another_municipality(
    municipality, other_municipality, caseworker
):
    foreign = ProgrammeFactory(municipality=other_municipality)
    with pytest.raises(ValidationError) as info, unchanged(foreign):
        _create(municipality, caseworker, programme=foreign)
    assert info.value.message_dict["programme"] == ["Dit record hoort niet bij uw gemeente."]


def test_update_audits_only_changed_fields(municipality, caseworker):
    participant = _create(municipality, caseworker)
    participant_update(
        participant=participant, actor=caseworker, data={"city": "Leeuwarden", "first_name": "Anna"}
    )
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE).get()
    assert entry.changes == {"city": ["", "***"]}


def test_update_without_changes_writes_no_audit_entry(municipality, caseworker):
    participant = _create(municipality, caseworker)
    participant_update(participant=participant, actor=caseworker, data={"first_name": "Anna"})
    assert AuditEntry.objects.filter(action=AuditAction.UPDATE).count() == 0


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (ParticipantStatus.REFERRED, ParticipantStatus.INTAKE),
        (ParticipantStatus.INTAKE, ParticipantStatus.WAITING),
        (ParticipantStatus.INTAKE, ParticipantStatus.REJECTED),
        (ParticipantStatus.WAITING, ParticipantStatus.PLACED),
        (ParticipantStatus.PLACED, ParticipantStatus.WAITING),
        (ParticipantStatus.REJECTED, ParticipantStatus.REFERRED),
    ],
)
def test_allowed_transitions(municipality, caseworker, start, target):
    participant = ParticipantFactory(
        programme__municipality=municipality, status=start, contact_person=caseworker
    )
    participant_change_status(participant=participant, actor=caseworker, status=target)
    participant.refresh_from_db()
    assert participant.status == target


@pytest.mark.parametrize(
    "target", [ParticipantStatus.INTAKE, ParticipantStatus.WAITING, ParticipantStatus.PLACED]
)
def test_no_active_status_without_a_contact_person(municipality, caseworker, target):
    """In intake, waiting or placed: exactly one fixed contact person, never none."""
    start = {
        ParticipantStatus.INTAKE: ParticipantStatus.REFERRED,
        ParticipantStatus.WAITING: ParticipantStatus.INTAKE,
        ParticipantStatus.PLACED: ParticipantStatus.WAITING,
    }[target]
    participant = ParticipantFactory(
        programme__municipality=municipality, status=start, contact_person=None
    )

    with pytest.raises(ValidationError) as refused, unchanged():
        participant_change_status(participant=participant, actor=caseworker, status=target)

    assert refused.value.message_dict == {
        "contact_person": [
            "Kies eerst een vast aanspreekpunt: een deelnemer in intake, op de wachtlijst of "
            "geplaatst heeft er precies één."
        ]
    }
    participant.refresh_from_db()
    assert participant.status == start


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (ParticipantStatus.REFERRED, ParticipantStatus.PLACED),
        (ParticipantStatus.REFERRED, ParticipantStatus.WAITING),
        (ParticipantStatus.EXITED, ParticipantStatus.PLACED),
        (ParticipantStatus.REJECTED, ParticipantStatus.WAITING),
    ],
)
def test_refused_transitions_change_nothing(municipality, caseworker, start, target):
    participant = ParticipantFactory(programme__municipality=municipality, status=start)
    with pytest.raises(ValidationError) as info, unchanged():
        participant_change_status(participant=participant, actor=caseworker, status=target)
    assert "kan een deelnemer niet naar" in info.value.message_dict["status"][0]
    participant.refresh_from_db()
    assert participant.status == start
    assert AuditEntry.objects.count() == 0


def test_exit_needs_date_and_reason_and_reentry_clears_them(municipality, caseworker):
    participant = ParticipantFactory(
        programme__municipality=municipality, status=ParticipantStatus.PLACED
    )
    with pytest.raises(ValidationError), unchanged():
        participant_change_status(
            participant=participant, actor=caseworker, status=ParticipantStatus.EXITED
        )
    participant_change_status(
        participant=participant,
        actor=caseworker,
        status=ParticipantStatus.EXITED,
        exit_date=dt.date(2025, 6, 30),
        exit_reason=ExitReason.EDUCATION,
    )
    participant.refresh_from_db()
    assert (participant.exit_date, participant.exit_reason) == (
        dt.date(2025, 6, 30),
        "education",
    )

    participant_change_status(
        participant=participant, actor=caseworker, status=ParticipantStatus.REFERRED
    )
    participant.refresh_from_db()
    assert (participant.exit_date, participant.exit_reason) == (None, "")


def test_contact_person_must_be_staff_of_the_municipality(
    municipality, other_municipality, caseworker
):
    participant = ParticipantFactory(programme__municipality=municipality, contact_person=None)
    stranger = make_member(other_municipality, Role.CASEWORKER)
    researcher = make_member(municipality, Role.RESEARCHER)
    for user in (stranger, researcher):
        with pytest.raises(ValidationError), unchanged():
            participant_set_contact_person(
                participant=participant, actor=caseworker, contact_person=user
            )
    coach = make_member(municipality, Role.JOBCOACH)
    participant_set_contact_person(participant=participant, actor=caseworker, contact_person=coach)
    participant.refresh_from_db()
    assert participant.contact_person == coach
    entry = AuditEntry.objects.get(object_type="participants.participant")
    assert entry.changes == {"contact_person": [None, coach.pk]}
    history = AuditEntry.objects.get(object_type="participants.contactpersonchange")
    assert history.changes["to_user"] == [None, coach.pk]
