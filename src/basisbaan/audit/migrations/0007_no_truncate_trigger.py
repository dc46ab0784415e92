"""On PostgreSQL, refuse TRUNCATE of the audit log and its chain head.

Row triggers (0003) do not fire on TRUNCATE; this statement-level trigger does.
Only a session that has set ``basisbaan.allow_truncate`` to ``on`` may truncate:
the test suite, whose flush between transactional tests empties every table
(``tests/conftest.py``). Setting it needs no privilege, but TRUNCATE itself does:
in production only the migration role (the owner) has it, and it could drop the
trigger anyway; the runtime role has neither (``docs/security.md#audit``).
On SQLite (development) this migration does nothing: SQLite has no TRUNCATE.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION audit_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF coalesce(current_setting('basisbaan.allow_truncate', true), '') = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'the audit log cannot be truncated (table %)', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_auditentry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();
CREATE TRIGGER audit_chain_head_no_truncate
    BEFORE TRUNCATE ON audit_auditchainhead
    FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_truncate();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_chain_head_no_truncate ON audit_auditchainhead;
DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_auditentry;
DROP FUNCTION IF EXISTS audit_refuse_truncate();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0006_mask_and_chain_existing_entries")]
    operations = [migrations.RunPython(forwards, backwards)]
