"""Seed the figures of "does work pay?" (issue 16), with their sources."""

from django.db import migrations

from basisbaan.parameters.seed_income import seed_rows, INCOME


def seed(apps, schema_editor):
    seed_rows(apps, INCOME)


class Migration(migrations.Migration):
    dependencies = [("parameters", "0005_income_parameter_keys")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
