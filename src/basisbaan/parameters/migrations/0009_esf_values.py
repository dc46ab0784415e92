"""Seed the ESF+ simplified-cost figures (issue 17), with their sources."""

from django.db import migrations

from basisbaan.parameters.seed_income import seed_rows

from basisbaan.parameters.seed_esf import ESF


def seed(apps, schema_editor):
    seed_rows(apps, ESF)


class Migration(migrations.Migration):
    dependencies = [("parameters", "0008_esf_parameter_keys")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
