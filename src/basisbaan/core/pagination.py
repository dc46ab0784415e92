"""A paginator that stays fast on deep pages of large lists."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet, Subquery

# Below this offset plain LIMIT/OFFSET is as fast and keeps the query simple.
DEFERRED_JOIN_FROM = 1000


class DeferredJoinPaginator(Paginator):  # type: ignore[type-arg]
    """Deep pages select their ids first, then the rows with their joins.

    ``OFFSET 49975`` on the joined query reads and joins 50,000 rows to throw
    them away; the ids alone come from an index-only scan (121 ms -> 16 ms at
    100,000 participants on PostgreSQL, docs/performance.md). The outer query
    keeps the list's ordering, so the page shows the same rows in the same order.
    """

    def page(self, number: Any) -> Page[Any]:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        qs = self.object_list
        if bottom < DEFERRED_JOIN_FROM or not isinstance(qs, QuerySet):
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = qs.values("pk")[bottom:top]
        return Page(qs.filter(pk__in=Subquery(ids)), number, self)
