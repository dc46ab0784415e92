"""Seed the wage-cost advantages (LKV) 2018-2026 (issue 18), each row with its source."""

from django.db import migrations

from basisbaan.parameters.seed_income import seed_rows

from basisbaan.parameters.seed_lkv import LKV


def seed(apps, schema_editor):
    seed_rows(apps, LKV)


class Migration(migrations.Migration):
    dependencies = [("parameters", "0012_lkv_keys")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
