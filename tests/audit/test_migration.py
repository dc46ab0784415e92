"""The migration that cleans the entries written before masking: no old entry keeps a
BSN or a name, and afterwards the whole log is one verified chain."""

from __future__ import annotations

import json
import uuid

import pytest

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from basisbaan.audit.models import AuditEntry
from basisbaan.audit.verify import verify_chain

BEFORE = [("audit", "0005_hash_chain")]
AFTER = [("audit", "0007_no_truncate_trigger")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.django_db(transaction=True)
def test_old_entries_are_masked_and_chained():
    migrate(BEFORE)
    try:
        old = [
            (
                "participants.participant",
                "7",
                "Piet de Jong",
                {"bsn": [None, "111222333"], "last_name": ["Jong", "Vries"], "status": [None, "a"]},
            ),
            ("hosts.hostcontact", "3", "Sjoukje Dijkstra", {"name": [None, "Sjoukje Dijkstra"]}),
            ("programmes.programme", "2", "Basisbanen", {"name": [None, "Basisbanen"]}),
        ]
        with connection.cursor() as cursor:
            for object_type, object_id, label, changes in old:
                cursor.execute(
                    "INSERT INTO audit_auditentry (timestamp, actor_label, action, object_type,"
                    " object_id, object_repr, changes, request_id, channel, previous_hash,"
                    " entry_hash) VALUES (CURRENT_TIMESTAMP, 'systeem', 'create', %s, %s, %s,"
                    " %s, %s, 'ui', '', '')",
                    [object_type, object_id, label, json.dumps(changes), uuid.uuid4().hex],
                )
        migrate(AFTER)
    finally:
        migrate(AFTER)

    rows = {e.object_type: e for e in AuditEntry.objects.order_by("id")}
    person = rows["participants.participant"]
    assert (person.object_repr, person.changes) == (
        "Deelnemer #7",
        {"bsn": [None, "***"], "last_name": ["***", "***"], "status": [None, "a"]},
    )
    contact = rows["hosts.hostcontact"]
    assert (contact.object_repr, contact.changes) == ("Contactpersoon #3", {"name": [None, "***"]})
    assert rows["programmes.programme"].changes == {"name": [None, "Basisbanen"]}
    report = verify_chain()
    assert (report.ok, report.checked) == (True, 3)
