"""Seed the ESF+ simplified-cost figures (issue 17), with their sources."""

from django.db import migrations

from basisbaan.parameters.seed_esf import ESF


def seed(apps, schema_editor):
    ParameterValue = apps.get_model("parameters", "ParameterValue")
    for row in ESF:
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
    dependencies = [("parameters", "0008_esf_parameter_keys")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
