"""The hash chain over the audit log, ``basisbaan audit_verify``, and TRUNCATE refused."""

from __future__ import annotations

import io

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.utils import DatabaseError

from basisbaan.audit.chain import compute_hash, values_of
from basisbaan.audit.models import AuditChainHead, AuditEntry
from basisbaan.audit.services import audit_access
from basisbaan.audit.verify import Break, verify_chain
from tests.factories import ParticipantFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture
def entries(municipality, caseworker):
    """Four entries in a row."""
    person = ParticipantFactory(programme__municipality=municipality)
    return [
        audit_access(actor=caseworker, instance=person, fields=[f"f{i}"], channel="ui")
        for i in range(4)
    ]


def raw(sql: str, params: list | None = None) -> None:
    """Run ``sql`` past the application (and, on PostgreSQL, past the row trigger),
    as a stray script with the owner's rights would."""
    with connection.cursor() as cursor:
        if POSTGRESQL:
            # Run the deferred foreign-key checks of this test's inserts first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_no_update_delete"
            )
        cursor.execute(sql, params or [])
        if POSTGRESQL:
            cursor.execute(
                "ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_no_update_delete"
            )


def verify() -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("audit_verify", stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, str(exc)
    return 0, out.getvalue().strip()


def test_every_entry_links_to_the_one_before(entries):
    # Rows from a fixture's other writes (the participant's creation) come first.
    chain = list(AuditEntry.objects.order_by("id"))
    assert chain[0].previous_hash == ""
    for before, after in zip(chain, chain[1:], strict=False):
        assert after.previous_hash == before.entry_hash
    for entry in chain:
        assert entry.entry_hash == compute_hash(values_of(entry), entry.previous_hash)
        assert len(entry.entry_hash) == 64
    head = AuditChainHead.objects.get()
    assert (head.last_hash, head.length) == (chain[-1].entry_hash, len(chain))


def test_a_whole_chain_verifies(entries):
    count = AuditEntry.objects.count()
    assert verify() == (0, f"Auditlog in orde: {count} regels, de hashketen is ongebroken.")


def test_an_empty_log_verifies(db):
    assert verify() == (0, "Auditlog in orde: 0 regels, de hashketen is ongebroken.")


def test_a_deleted_entry_is_detected(entries):
    removed, after = entries[1], entries[2]
    ids = list(AuditEntry.objects.order_by("id").values_list("id", flat=True))
    raw("DELETE FROM audit_auditentry WHERE id = %s", [removed.pk])

    report = verify_chain(chunk_size=2)
    assert (report.broken, report.entry_id, report.previous_id) == (
        Break.LINK,
        after.pk,
        entries[0].pk,
    )
    assert report.checked == ids.index(removed.pk)
    assert verify() == (
        1,
        f"Auditlog gebroken: vóór regel {after.pk} ontbreken regels (na regel {entries[0].pk}; "
        f"{report.checked} regels ervoor in orde).",
    )


def test_a_deleted_first_entry_is_detected(entries):
    first = AuditEntry.objects.order_by("id").first()
    raw("DELETE FROM audit_auditentry WHERE id = %s", [first.pk])
    report = verify_chain()
    assert (report.broken, report.previous_id, report.checked) == (Break.LINK, None, 0)


def test_a_retention_clean_up_recorded_in_the_head_verifies(entries):
    """The documented procedure: remove the oldest entries, then record in the head
    the link the oldest remaining entry has and how many were removed."""
    oldest = list(AuditEntry.objects.order_by("id")[:2])
    raw("DELETE FROM audit_auditentry WHERE id IN (%s, %s)", [e.pk for e in oldest])
    assert verify_chain().broken == Break.LINK
    raw(
        "UPDATE audit_auditchainhead SET start_hash = %s, pruned = pruned + 2 WHERE id = 1",
        [oldest[-1].entry_hash],
    )
    report = verify_chain()
    assert (report.ok, report.checked) == (True, AuditEntry.objects.count())


def test_a_deleted_newest_entry_is_detected(entries):
    raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[-1].pk])
    report = verify_chain()
    assert (report.broken, report.entry_id) == (Break.HEAD, entries[-2].pk)
    code, text = verify()
    assert code == 1
    assert text.startswith(
        f"Auditlog gebroken: de nieuwste regels ontbreken (na regel {entries[-2].pk};"
    )


def test_an_altered_entry_is_detected(entries):
    raw("UPDATE audit_auditentry SET actor_label = %s WHERE id = %s", ["iemand", entries[2].pk])
    report = verify_chain()
    assert (report.broken, report.entry_id) == (Break.ALTERED, entries[2].pk)
    code, text = verify()
    assert code == 1
    assert text.startswith(f"Auditlog gebroken: regel {entries[2].pk} is gewijzigd")


def test_altered_changes_are_detected(entries):
    raw(
        "UPDATE audit_auditentry SET changes = %s WHERE id = %s",
        ['{"fields": ["bsn"]}', entries[0].pk],
    )
    assert verify_chain().broken == Break.ALTERED


def test_bulk_inserts_join_the_chain(municipality, caseworker):
    person = ParticipantFactory(programme__municipality=municipality)
    before = AuditEntry.objects.count()
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=caseworker,
            actor_label=caseworker.username,
            municipality=municipality,
            action="view",
            object_type="participants.participant",
            object_id=str(person.pk),
            object_repr=str(person),
            changes={"first_name": [None, person.first_name]},
            request_id="00000000-0000-0000-0000-000000000001",
        )
        for _ in range(3)
    )
    assert AuditEntry.objects.count() == before + 3
    assert verify_chain().ok
    newest = AuditEntry.objects.order_by("-id").first()
    assert (newest.object_repr, newest.changes) == (
        f"Deelnemer #{person.pk}",
        {"first_name": [None, "***"]},
    )


def test_a_rolled_back_entry_leaves_the_chain_whole(municipality, caseworker, entries):
    person = ParticipantFactory(programme__municipality=municipality)
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_access(actor=caseworker, instance=person, fields=["bsn"], channel="ui")
        raise RuntimeError
    audit_access(actor=caseworker, instance=person, fields=["bsn"], channel="ui")
    assert verify_chain().ok


@pytest.mark.skipif(not POSTGRESQL, reason="TRUNCATE trigger on PostgreSQL only")
@pytest.mark.parametrize("table", ["audit_auditentry", "audit_auditchainhead"])
def test_postgresql_refuses_truncate(entries, table):
    with (
        unchanged(*entries),
        pytest.raises(DatabaseError, match="cannot be truncated"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        # The suite's sessions may truncate (to flush between tests); this one not.
        cursor.execute("SET LOCAL basisbaan.allow_truncate = 'off'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute(f"TRUNCATE {table} CASCADE")
    assert AuditEntry.objects.count() == len(entries)
    assert verify_chain().ok
