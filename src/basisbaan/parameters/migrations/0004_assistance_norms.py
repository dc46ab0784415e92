"""Seed the Participatiewet norms (issue 13: the business case's savings)."""

from django.db import migrations

from basisbaan.parameters.seed import NORMS


def seed(apps, schema_editor):
    ParameterValue = apps.get_model("parameters", "ParameterValue")
    for key, effective_date, value, source in NORMS:
        ParameterValue.objects.get_or_create(
            key=key, effective_date=effective_date, defaults={"value": value, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [("parameters", "0003_parameter_keys_assistance_norms")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
