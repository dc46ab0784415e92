"""Clean and chain the entries written before masking and the hash chain.

Old entries kept BSNs, names and addresses (a participant's creation copied them
all) and named records by ``str(record)``, often a name. This migration masks
them like a new entry (:func:`basisbaan.audit.masking.mask_changes`), names every
record neutrally, and then chains all entries in the order of their ids, so that
``basisbaan audit_verify`` can check the whole log.

On PostgreSQL the append-only trigger is switched off for this one transaction
(``ALTER TABLE ... DISABLE TRIGGER``; the migration role owns the table) and on
again at the end; the migration runs atomically, so a failure leaves it on.
The change is one-way: masked values cannot be restored.
"""

import json

from django.db import migrations

from basisbaan.audit.chain import compute_hash, values_of
from basisbaan.audit.masking import mask_changes, neutral_repr

TRIGGER = "audit_entry_no_update_delete"
BATCH = 2000


def forwards(apps, schema_editor):
    entry_model = apps.get_model("audit", "AuditEntry")
    head_model = apps.get_model("audit", "AuditChainHead")
    postgresql = schema_editor.connection.vendor == "postgresql"
    if postgresql:
        schema_editor.execute(f"ALTER TABLE audit_auditentry DISABLE TRIGGER {TRIGGER}")
    previous = ""
    length = 0
    batch = []
    fields = ["object_repr", "changes", "previous_hash", "entry_hash"]
    for entry in entry_model.objects.order_by("id").iterator(chunk_size=BATCH):
        entry.object_repr = neutral_repr(entry.object_type, entry.object_id)
        entry.changes = json.loads(json.dumps(mask_changes(entry.object_type, entry.changes)))
        entry.previous_hash = previous
        entry.entry_hash = compute_hash(values_of(entry), previous)
        previous = entry.entry_hash
        length += 1
        batch.append(entry)
        if len(batch) == BATCH:
            entry_model.objects.bulk_update(batch, fields)
            batch = []
    if batch:
        entry_model.objects.bulk_update(batch, fields)
    head_model.objects.update_or_create(pk=1, defaults={"last_hash": previous, "length": length})
    if postgresql:
        schema_editor.execute(f"ALTER TABLE audit_auditentry ENABLE TRIGGER {TRIGGER}")


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_hash_chain")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
