"""Seed the sourced legal figures (minimum wage, premiums, LKS) on every install."""

from django.db import migrations

from basisbaan.parameters.seed import SEED


def seed(apps, schema_editor):
    ParameterValue = apps.get_model("parameters", "ParameterValue")
    for key, effective_date, value, source in SEED:
        ParameterValue.objects.get_or_create(
            key=key, effective_date=effective_date, defaults={"value": value, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("parameters", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
