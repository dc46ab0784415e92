"""Seed the yearly maximum of the transition payment 2023-2026 (issue 18), with the source."""

from django.db import migrations

from basisbaan.parameters.seed_labour_law import LABOUR_LAW


def seed(apps, schema_editor):
    ParameterValue = apps.get_model("parameters", "ParameterValue")
    for row in LABOUR_LAW:
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
    dependencies = [("parameters", "0010_transition_payment_key")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
