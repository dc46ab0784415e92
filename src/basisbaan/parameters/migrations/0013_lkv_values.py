"""Seed the wage-cost advantages (LKV) 2018-2026 (issue 18), each row with its source."""

from django.db import migrations

from basisbaan.parameters.seed_lkv import LKV


def seed(apps, schema_editor):
    ParameterValue = apps.get_model("parameters", "ParameterValue")
    for row in LKV:
        ParameterValue.objects.get_or_create(
            key=row.key,
            effective_date=row.effective_date,
            defaults={
                "value": row.value,
                "source": row.source,
                "is_assumption": row.is_assumption,
                "note": row.note,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("parameters", "0012_lkv_keys")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
