import pytest

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from basisbaan.core import counting, pagination
from basisbaan.core.counting import ListCount
from basisbaan.core.pagination import BoundedCountPaginator, DeferredJoinPaginator
from basisbaan.participants.models import Participant
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def test_deep_pages_show_the_same_rows_as_plain_offsets(municipality, monkeypatch):
    """With the threshold lowered, every page equals the plain paginator's page."""
    ParticipantFactory.create_batch(22, programme__municipality=municipality)
    qs = Participant.objects.order_by("last_name", "first_name", "id")
    monkeypatch.setattr(pagination, "DEFERRED_JOIN_FROM", 0)
    plain, deferred = Paginator(qs, 5, orphans=2), DeferredJoinPaginator(qs, 5, orphans=2)
    assert deferred.num_pages == plain.num_pages == 4
    for number in plain.page_range:
        assert [p.pk for p in deferred.page(number)] == [p.pk for p in plain.page(number)]
    assert len(deferred.page(4)) == 7  # the last page takes the 2 orphans


# --- the bounded count of the HTML lists ----------------------------------------


@pytest.fixture
def twenty_two(municipality):
    ParticipantFactory.create_batch(22, programme__municipality=municipality)
    return Participant.objects.order_by("last_name", "first_name", "id")


def test_bounded_count_below_the_limit_is_exact_and_pages_as_before(twenty_two, monkeypatch):
    monkeypatch.setattr(counting, "COUNT_LIMIT", 50)
    plain, bounded = Paginator(twenty_two, 5), BoundedCountPaginator(twenty_two, 5)
    assert bounded.total == ListCount(22, exact=True)
    assert bounded.count == 22
    assert bounded.num_pages == 5
    for number in plain.page_range:
        page, expected = bounded.page(number), plain.page(number)
        assert [p.pk for p in page] == [p.pk for p in expected]
        assert (page.has_next(), page.end_index()) == (expected.has_next(), expected.end_index())
    with pytest.raises(EmptyPage):
        bounded.page(6)


def test_above_the_limit_no_page_counts_the_whole_list(twenty_two, monkeypatch):
    monkeypatch.setattr(counting, "COUNT_LIMIT", 10)
    plain, bounded = Paginator(twenty_two, 5), BoundedCountPaginator(twenty_two, 5)
    with CaptureQueriesContext(connection) as queries:
        pages = [bounded.page(number) for number in range(1, 6)]
        rows = [[p.pk for p in page] for page in pages]
        flags = [(page.has_previous(), page.has_next(), page.end_index()) for page in pages]
    assert bounded.total == ListCount(10, exact=False)
    assert bounded.total.more_than == 10
    assert rows == [[p.pk for p in plain.page(number)] for number in range(1, 6)]
    assert flags == [
        (False, True, 5),
        (True, True, 10),
        (True, True, 15),
        (True, True, 20),
        (True, False, 22),
    ]
    assert [page.pages_at_least for page in pages] == [2, 2, 3, 4, 5]
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1
    assert "LIMIT 11" in counts[0]
    assert "count" not in bounded.__dict__  # the exact count was never taken


def test_above_the_limit_a_page_past_the_end_is_refused_as_before(twenty_two, monkeypatch):
    monkeypatch.setattr(counting, "COUNT_LIMIT", 10)
    with pytest.raises(EmptyPage):
        BoundedCountPaginator(twenty_two, 5).page(6)
    with pytest.raises(EmptyPage):
        BoundedCountPaginator(twenty_two, 5).page(0)
    with pytest.raises(PageNotAnInteger):
        BoundedCountPaginator(twenty_two, 5).page("x")
    # get_page (the paginate() helper) still gives the last page, then counting.
    last = BoundedCountPaginator(twenty_two, 5).get_page(99)
    assert (last.number, len(last), last.has_next()) == (5, 2, False)
    assert BoundedCountPaginator(twenty_two, 5).get_page("x").number == 1


def test_a_count_the_view_knows_is_used(twenty_two, monkeypatch):
    """A view that counts with its totals (the payroll list) sets count: exact, no bound."""
    monkeypatch.setattr(counting, "COUNT_LIMIT", 10)
    bounded = BoundedCountPaginator(twenty_two, 5)
    bounded.count = 22
    assert bounded.total == ListCount(22, exact=True)
    assert bounded.page(5).has_next() is False


def test_the_api_paginator_still_counts_exactly(twenty_two, monkeypatch):
    monkeypatch.setattr(counting, "COUNT_LIMIT", 10)
    assert DeferredJoinPaginator(twenty_two, 5).count == 22
