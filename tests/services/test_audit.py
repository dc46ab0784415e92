import pytest

from django.db import connection, transaction
from django.db.utils import DatabaseError

from basisbaan.audit.context import reset_request_id, set_request_id
from basisbaan.audit.models import AppendOnlyError, AuditAction, AuditEntry
from basisbaan.audit.services import audit_access
from tests.factories import ParticipantFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def test_access_entry_records_who_what_and_request(municipality, caseworker):
    import uuid

    participant = ParticipantFactory(programme__municipality=municipality)
    request_id = uuid.uuid4()
    token = set_request_id(request_id)
    try:
        entry = audit_access(actor=caseworker, instance=participant, fields=["bsn"], channel="ui")
    finally:
        reset_request_id(token)
    assert entry.action == AuditAction.VIEW
    assert entry.request_id == request_id
    assert entry.actor_label == caseworker.username
    assert entry.municipality_id == municipality.pk
    assert entry.changes == {"fields": ["bsn"]}
    assert entry.channel == "ui"


def test_entries_cannot_be_changed_or_deleted_by_the_application(municipality, caseworker):
    entry = audit_access(
        actor=caseworker,
        instance=ParticipantFactory(programme__municipality=municipality),
        fields=["bsn"],
        channel="ui",
    )
    entry.object_repr = "vervalst"
    with unchanged(entry):
        with pytest.raises(AppendOnlyError):
            entry.save()
        with pytest.raises(AppendOnlyError):
            entry.delete()
        with pytest.raises(AppendOnlyError):
            AuditEntry.objects.all().update(object_repr="vervalst")
        with pytest.raises(AppendOnlyError):
            AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().object_repr != "vervalst"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database trigger on PostgreSQL only")
def test_postgresql_refuses_raw_updates_and_deletes(municipality, caseworker):
    entry = audit_access(
        actor=caseworker,
        instance=ParticipantFactory(programme__municipality=municipality),
        fields=["bsn"],
        channel="ui",
    )
    for sql in ("UPDATE audit_auditentry SET object_repr = 'x'", "DELETE FROM audit_auditentry"):
        with (
            unchanged(entry),
            pytest.raises(DatabaseError),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert AuditEntry.objects.count() == 1
