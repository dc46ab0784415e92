"""The outcome report of a programme, cached until its data change.

Counting is fast; the suppression's linear algebra is what costs (tens to
hundreds of milliseconds for a small programme, whose many small numbers make
many cells to hide). A report is kept in the cache under a stamp of everything
it reads (exits, follow-ups, placements, contract periods, the threshold), so
a change shows at once and an unchanged programme is not computed twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Collection, Hashable

from django.core.cache import cache
from django.db.models import Count, Max

from basisbaan.contracts.models import ContractPeriod
from basisbaan.guidance.models import FeedbackSession
from basisbaan.outcomes.figures import OutcomeReport, outcome_report
from basisbaan.outcomes.models import Exit, FollowUp
from basisbaan.outcomes.selectors import threshold_of
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme

__all__ = ["cached_outcome_report", "data_stamp"]

TTL_SECONDS = 3600


def data_stamp(programme: Programme) -> str:
    """A short hash that changes whenever any record the report reads changes."""
    scope = {"municipality_id": programme.municipality_id}
    parts: list[object] = [programme.pk, threshold_of(programme.municipality)]
    for queryset in (
        Exit.objects.filter(**scope, programme=programme),
        FollowUp.objects.filter(**scope, exit__programme=programme),
        Placement.objects.filter(**scope, participant__programme=programme),
        ContractPeriod.objects.filter(**scope, contract__participant__programme=programme),
        FeedbackSession.objects.filter(**scope, placement__participant__programme=programme),
    ):
        row = queryset.aggregate(n=Count("id"), last=Max("updated_at"))
        parts += [row["n"], row["last"]]
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


def cached_outcome_report(
    programme: Programme, *, as_of: dt.date, protect: Collection[tuple[Hashable, ...]] = ()
) -> OutcomeReport:
    """:func:`~basisbaan.outcomes.figures.outcome_report`, from the cache when nothing changed."""
    key = f"outcomes:{programme.municipality_id}:{as_of.isoformat()}:{data_stamp(programme)}"
    if protect:
        key += ":" + hashlib.sha256(repr(sorted(map(repr, protect))).encode()).hexdigest()[:16]
    report: OutcomeReport | None = cache.get(key)
    if report is None:
        report = outcome_report(programme, as_of=as_of, protect=protect)
        cache.set(key, report, TTL_SECONDS)
    else:
        report.programme = programme
    return report
