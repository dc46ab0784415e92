"""The gain from work over a programme: bands, the number worse off, the median,
small numbers suppressed (pure)."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from basisbaan.calc.income import Household
from basisbaan.calc.income_distribution import (
    Band,
    bands,
    distribution,
    gain_cents,
    published,
    stack,
)
from basisbaan.calc.income_rules import Kind
from basisbaan.calc.suppression import Mark

P, S, PUB = Mark.PRIMARY, Mark.SECONDARY, Mark.PUBLISHED


def test_bands_from_below_zero_to_800_or_more():
    every = bands()
    assert [b.key for b in every] == [
        "band-below", "band-0", "band-100", "band-200", "band-300",
        "band-400", "band-500", "band-600", "band-700", "band-800",
    ]  # fmt: skip
    assert every[0] == Band("band-below", None, 0)
    assert every[1] == Band("band-0", 0, 100)
    assert every[-1] == Band("band-800", 800, None)
    with pytest.raises(ValueError, match="multiple"):
        bands(150, 800)


def test_each_gain_in_its_band_the_lower_bound_in_and_the_upper_out():
    cents = np.array([-1, 0, 9_999, 10_000, 25_050, 79_999, 80_000, 250_000, -50_000])
    d = distribution(cents, other=2)
    assert d.counts == (2, 2, 1, 1, 0, 0, 0, 0, 1, 2)
    assert (d.computed, d.other, d.participants, d.worse_off) == (9, 2, 11, 2)
    assert d.median == Decimal("100.00")  # the fifth of nine: 10_000 cents


def test_median_of_an_even_number_rounds_half_up_to_cents():
    assert distribution(np.array([1, 2]), other=0).median == Decimal("0.02")  # 1,5 cents
    assert distribution(np.array([-3, -2]), other=0).median == Decimal("-0.03")  # -2,5 cents


def test_no_one_no_median():
    d = distribution(np.array([], dtype=np.int64), other=0)
    assert d.counts == (0,) * 10
    assert d.median is None


def test_gain_in_cents_rounds_each_month_first():
    # 1200,06 a year is 100,005 a month: 100,01; 0 on assistance.
    assert gain_cents(np.array([0.0, 1200.0]), np.array([1200.06, 2400.0])).tolist() == [
        10001,
        10000,
    ]


def test_stack_lays_households_side_by_side():
    h = stack(
        [
            Household(Kind.SINGLE, rent_month=Decimal("650")),
            Household(Kind.COUPLE, (3, 13, 17, 19), Decimal("700"), Decimal("12000")),
        ]
    )
    assert h.kind.tolist() == [0, 2]
    assert h.children.tolist() == [0.0, 3.0]
    assert h.children_12.tolist() == [0.0, 1.0]
    assert h.children_16.tolist() == [0.0, 1.0]
    assert h.rent_month.tolist() == [650.0, 700.0]
    assert h.partner_gross.tolist() == [0.0, 12000.0]
    assert stack([]).kind.shape == (0,)


def test_large_groups_are_published_with_the_median():
    cents = np.array([-100] * 5 + [5_000] * 6 + [15_000] * 5)
    shown = published(distribution(cents, other=0), threshold=5)
    assert set(shown.marks.values()) == {PUB}
    assert shown.value("band-below") == shown.value(shown.worse_off_key) == 5
    assert shown.value("band-0") == 6
    assert shown.value("band-300") == 0  # zero is not sensitive
    assert (shown.value("participants"), shown.value("computed"), shown.value("other")) == (
        16,
        16,
        0,
    )
    assert shown.median == Decimal("50.00")


def test_a_small_band_is_hidden_and_so_is_one_that_gives_it_away():
    # 2 worse off, 6 and 5 in two bands, one "other": 2 and 1 are small. With
    # computed published, 2 = computed - 6 - 5: computed goes; the participants
    # (14 = worse off + 11 + other) give only the sum of the two small ones.
    cents = np.array([-100, -200] + [5_000] * 6 + [15_000] * 5)
    shown = published(distribution(cents, other=1), threshold=5)
    assert {k: m for k, m in shown.marks.items() if m is not PUB} == {
        "computed": S,
        "other": P,
        "band-below": P,
    }
    assert shown.value("band-below") is None
    assert shown.value("participants") == 14
    assert shown.value("band-0") == 6
    assert shown.median == Decimal("50.00")  # 13 gains: the group is large enough


def test_below_the_threshold_no_median_and_the_counts_are_hidden():
    shown = published(distribution(np.array([100, 20_000, 30_000]), other=0), threshold=5)
    assert shown.median is None
    assert shown.value("computed") is None
    assert shown.marks["computed"] is P
    assert shown.value("band-0") is None
    assert shown.value("band-100") == 0
