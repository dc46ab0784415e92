"""Indexes for the name search on PostgreSQL: ``UPPER(name) LIKE 'PREFIX%'``.

A plain B-tree cannot serve a LIKE prefix under a non-C collation; the
``varchar_pattern_ops`` operator class can. SQLite has no operator classes:
there this migration does nothing (its LIKE is case-insensitive already).
"""

from django.db import migrations

INDEXES = {
    "participant_muni_last_upper": "UPPER(last_name) varchar_pattern_ops",
    "participant_muni_first_upper": "UPPER(first_name) varchar_pattern_ops",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, expression in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} "
            f"ON participants_participant (municipality_id, {expression})"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("participants", "0002_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
