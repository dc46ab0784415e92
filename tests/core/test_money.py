from decimal import Decimal

import pytest

from basisbaan.core.money import format_euro, group_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234.56"), "€ 1.234,56"),
        (Decimal("162000"), "€ 162.000,00"),
        (Decimal("0.005"), "€ 0,01"),  # half up, as accountants round
        (Decimal("-324000.4"), "€ -324.000,40"),
        (Decimal("999"), "€ 999,00"),
        (Decimal("1000000"), "€ 1.000.000,00"),
    ],
)
def test_format_euro_dutch(value, expected):
    assert format_euro(value) == expected


def test_group_number_english_separators():
    assert group_number(Decimal("1234.5"), places=1, decimal_sep=".", thousand_sep=",") == "1,234.5"


def test_group_number_without_decimals():
    assert group_number(Decimal("200.4"), places=0, decimal_sep=",", thousand_sep=".") == "200"
