"""Counting lists without scanning them (basisbaan.core.counting)."""

from __future__ import annotations

import pytest

from django.db import connection

from basisbaan.core.counting import ListCount, bounded_count, estimated_count
from basisbaan.tenancy.models import Municipality

pytestmark = pytest.mark.django_db


def _municipalities(n: int) -> None:
    Municipality.objects.bulk_create(
        Municipality(name=f"Gemeente {i}", slug=f"gemeente-{i}", cbs_code=f"GM{i:04d}")
        for i in range(n)
    )


def test_bounded_count_is_exact_up_to_the_limit() -> None:
    _municipalities(3)
    assert bounded_count(Municipality.objects.filter(slug__startswith="gemeente-"), limit=3) == (
        ListCount(3, exact=True)
    )


def test_bounded_count_above_the_limit_says_more_than() -> None:
    _municipalities(4)
    count = bounded_count(Municipality.objects.filter(slug__startswith="gemeente-"), limit=3)
    assert count == ListCount(3, exact=False)
    assert count.more_than == 3


def test_estimated_count_only_on_postgresql() -> None:
    _municipalities(2)
    estimate = estimated_count(Municipality.objects.filter(slug__startswith="gemeente-"))
    if connection.vendor == "postgresql":
        assert isinstance(estimate, int)
        assert estimate >= 1
    else:
        assert estimate is None
