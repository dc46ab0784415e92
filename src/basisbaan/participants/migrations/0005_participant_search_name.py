"""The name search by words: ``Participant.search_name`` and its trigram index.

1. The column, filled for every existing participant (in batches).
2. On PostgreSQL: the ``pg_trgm`` extension and a GIN trigram index on the
   column, which serves ``search_name LIKE '% word%'`` for any word of the name;
   the two ``UPPER(name)`` prefix indexes of migration 0003 are dropped (the
   search no longer uses them). SQLite has no operator classes or extensions:
   there step 2 does nothing, and the search scans the municipality's rows.
"""

from django.db import migrations, models

from basisbaan.participants.search import search_name

BATCH = 2000
INDEX = "participant_search_name_trgm"
OLD_INDEXES = {
    "participant_muni_last_upper": "UPPER(last_name) varchar_pattern_ops",
    "participant_muni_first_upper": "UPPER(first_name) varchar_pattern_ops",
}


def fill(apps, schema_editor):
    Participant = apps.get_model("participants", "Participant")
    rows = Participant.objects.only("first_name", "name_prefix", "last_name").order_by("pk")
    batch = []
    for person in rows.iterator(chunk_size=BATCH):
        person.search_name = search_name(person.first_name, person.name_prefix, person.last_name)
        batch.append(person)
        if len(batch) == BATCH:
            Participant.objects.bulk_update(batch, ["search_name"])
            batch = []
    if batch:
        Participant.objects.bulk_update(batch, ["search_name"])


def trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON participants_participant "
        "USING gin (search_name gin_trgm_ops)"
    )
    for name in OLD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    for name, expression in OLD_INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {name} "
            f"ON participants_participant (municipality_id, {expression})"
        )


class Migration(migrations.Migration):
    dependencies = [("participants", "0004_add_contact_person_history")]
    operations = [
        migrations.AddField(
            model_name="participant",
            name="search_name",
            field=models.CharField(
                blank=True, default="", editable=False, max_length=240, verbose_name="zoeknaam"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(trigram_index, drop_trigram_index),
    ]
