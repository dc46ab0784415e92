import io

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


def test_a_request_leaves_no_channel_or_request_id_behind(municipality, caseworker, client_as):
    """The channel and request id of a request hold for that request only: work in
    the same thread afterwards (a command, a test) does not inherit them."""
    from basisbaan.audit.context import _request_id, current_channel

    before = _request_id.get()
    assert current_channel() == ""
    response = client_as(caseworker).get("/api/v1/participants/")
    assert response.status_code == 200
    assert response["X-Request-ID"] != str(before)
    assert current_channel() == ""
    assert _request_id.get() == before


def test_commands_write_their_audit_entries_as_cli(monkeypatch, capsys):
    """The ``basisbaan`` console script marks everything a command does as ``cli``."""
    from basisbaan import cli
    from basisbaan.audit.context import reset_channel, set_channel

    token = set_channel("")
    try:
        monkeypatch.setattr(
            "sys.argv",
            [
                "basisbaan",
                "shell",
                "--no-imports",
                "-c",
                "from basisbaan.audit.context import current_channel; print(current_channel())",
            ],
        )
        cli.main()
    finally:
        reset_channel(token)
    assert capsys.readouterr().out == "cli\n"


def test_a_project_command_leaves_no_channel_behind(municipality):
    """Every project command runs on BasisbaanCommand: ``cli`` while it runs, nothing after."""
    from django.core.management import call_command

    from basisbaan.audit.context import current_channel

    assert current_channel() == ""
    call_command("show_config", stdout=io.StringIO())
    assert current_channel() == ""


def test_every_project_command_is_a_basisbaan_command():
    from django.core.management import get_commands, load_command_class

    from basisbaan.core.management.base import BasisbaanCommand

    ours = {name: app for name, app in get_commands().items() if app.startswith("basisbaan.")}
    # With export_qdpx, deduce_cache, purge, subject_access, audit_verify, housekeeping,
    # serve, worker, outcomes, business_case, council_report, income_check, regions and esf.
    assert len(ours) == 25
    for name, app in ours.items():
        assert isinstance(load_command_class(app, name), BasisbaanCommand), name
