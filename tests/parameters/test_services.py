import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditEntry
from basisbaan.parameters.models import ParameterValue
from basisbaan.parameters.seed import NORMS, SEED
from basisbaan.parameters.seed_esf import ESF
from basisbaan.parameters.seed_income import INCOME
from basisbaan.parameters.seed_labour_law import LABOUR_LAW
from basisbaan.parameters.seed_lkv import LKV
from basisbaan.parameters.selectors import minimum_wage_hourly, parameter_value
from basisbaan.parameters.services import parameter_value_set
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date


def test_every_seeded_value_is_there_with_its_source():
    seeded = [*SEED, *NORMS, *INCOME, *ESF, *LABOUR_LAW, *LKV]
    assert ParameterValue.objects.count() == len(seeded) == 222 + 4 + 31
    assert not ParameterValue.objects.filter(source="").exists()
    marked = set(ParameterValue.objects.filter(is_assumption=True).values_list("key", flat=True))
    assert marked == {row.key for row in [*INCOME, *ESF] if row.is_assumption}
    assert marked >= {"esf_standard_hours"}
    assert ParameterValue.objects.get(
        key="rent_factor_a_single", effective_date=D(2025, 1, 1)
    ).value == Decimal("0.000000438698")


@pytest.mark.parametrize(
    ("day", "hours", "expected"),
    [
        (D(2023, 3, 1), 36, Decimal("12.40")),
        (D(2023, 3, 1), 40, Decimal("11.16")),
        (D(2023, 7, 1), 38, Decimal("12.12")),
        (D(2024, 6, 30), 38, Decimal("13.27")),
        (D(2024, 7, 1), 38, Decimal("13.68")),
        (D(2026, 1, 1), 40, Decimal("14.71")),
    ],
)
def test_minimum_wage_per_date_and_fulltime_week(day, hours, expected):
    assert minimum_wage_hourly(day, fulltime_hours=hours).value == expected


def test_minimum_wage_after_july_2026_is_an_assumption_until_published(national_admin):
    assert minimum_wage_hourly(D(2026, 8, 1)).assumed is True
    parameter_value_set(
        actor=national_admin,
        key="minimum_wage_hourly",
        effective_date=D(2026, 7, 1),
        value=Decimal("15.01"),
        source="Staatscourant (test)",
    )
    got = minimum_wage_hourly(D(2026, 8, 1))
    assert (got.value, got.assumed) == (Decimal("15.01"), False)
    assert AuditEntry.objects.filter(object_type="parameters.parametervalue").count() == 1


def test_premiums_per_year():
    assert parameter_value("awf_high", D(2025, 5, 1)).value == Decimal("0.077400")
    assert parameter_value("zvw_employer", D(2026, 12, 31)).value == Decimal("0.061000")
    assert parameter_value("zvw_employer", D(2027, 1, 1)).assumed is True


@pytest.mark.parametrize(
    ("key", "value", "message_field"),
    [("awf_high", Decimal("7.74"), "value"), ("max_premium_wage", Decimal("0"), "value")],
)
def test_bad_values_are_refused(key, value, message_field):
    with pytest.raises(ValidationError) as info, unchanged():
        parameter_value_set(
            actor=None, key=key, effective_date=D(2027, 1, 1), value=value, source="x"
        )
    assert message_field in info.value.message_dict


def test_a_value_needs_a_source_or_must_be_marked_as_assumption():
    with pytest.raises(ValidationError), unchanged():
        parameter_value_set(
            actor=None, key="whk", effective_date=D(2027, 1, 1), value=Decimal("0.015"), source=""
        )
    row = parameter_value_set(
        actor=None,
        key="whk",
        effective_date=D(2027, 1, 1),
        value=Decimal("0.015"),
        source="",
        is_assumption=True,
    )
    assert row.is_assumption is True


def test_the_lkv_rows_are_published_figures_with_a_source():
    rows = ParameterValue.objects.filter(key__startswith="lkv_")
    assert rows.count() == len(LKV) == 31
    assert not rows.filter(is_assumption=True).exists()
    assert not rows.filter(source="").exists()
    assert parameter_value("lkv_older_max", D(2025, 6, 1)).value == Decimal("2600")
    assert parameter_value("lkv_banenafspraak_hourly", D(2026, 1, 1)).value == Decimal("1.01")
    assert parameter_value("lkv_banenafspraak_trans_hourly", D(2026, 1, 1)).value == Decimal("2")
