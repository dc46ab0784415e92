import pytest

from django.core.paginator import Paginator

from basisbaan.core import pagination
from basisbaan.core.pagination import DeferredJoinPaginator
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
