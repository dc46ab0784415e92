"""Seed the yearly maximum of the transition payment 2023-2026 (issue 18), with the source."""

from django.db import migrations

from basisbaan.parameters.seed_income import seed_rows

from basisbaan.parameters.seed_labour_law import LABOUR_LAW


def seed(apps, schema_editor):
    seed_rows(apps, LABOUR_LAW)


class Migration(migrations.Migration):
    dependencies = [("parameters", "0010_transition_payment_key")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
