"""The database's random instance number (see basisbaan.core.versions.INSTANCE)."""

import secrets

from django.db import migrations


def draw(apps, schema_editor):
    DataVersion = apps.get_model("core", "DataVersion")
    DataVersion.objects.using(schema_editor.connection.alias).get_or_create(
        scope="instance", defaults={"number": secrets.randbits(62)}
    )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_data_versions")]

    operations = [migrations.RunPython(draw, migrations.RunPython.noop)]
