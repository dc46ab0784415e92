"""Every read of regional cooperation.

Who sees a region: a regional user (:class:`RegionalAccess`), and a member of a
municipality that itself shares a programme with the region, if the role has
``region.view``. What they see is :func:`dangerously_region_comparison`: the one
read across municipalities, of the aggregate figures they chose to share, never a
record, suppressed together (calc.regional).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from basisbaan.calc import regional
from basisbaan.calc.dates import add_days
from basisbaan.outcomes.constants import DEFAULT_THRESHOLD
from basisbaan.outcomes.models import OutcomeSettings
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.regions.constants import DEFINITION_VERSION, STALE_AFTER_DAYS
from basisbaan.regions.models import Region, RegionMember, SharedFigures, Sharing
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Perm, has_perm

__all__ = [
    "MunicipalityColumn",
    "RegionComparison",
    "SharingLine",
    "dangerously_region_comparison",
    "is_regional_user",
    "region_list_visible",
    "sharing_lines",
]


def is_regional_user(user: User) -> bool:
    return bool(user.is_authenticated and user.regional_accesses.exists())


def region_list_visible(*, user: User, membership: Membership | None) -> QuerySet[Region]:
    """The regions ``user`` may see the comparison of: by regional access, or as a
    member (with ``region.view``) of a municipality that shares with the region."""
    if not user.is_authenticated or not user.is_active:
        return Region.objects.none()
    visible = Q(accesses__user=user)
    if membership is not None and has_perm(membership.role, Perm.REGION_VIEW):
        visible |= Q(
            sharings__municipality_id=membership.municipality_id,
            sharings__withdrawn_at__isnull=True,
        )
    return Region.objects.filter(visible).distinct().order_by("name")


@dataclass(frozen=True, slots=True)
class MunicipalityColumn:
    """One sharing municipality in the comparison: what the page says beside its row."""

    key: int
    name: str
    programmes: tuple[str, ...]
    as_of: dt.date
    computed_at: dt.datetime
    stale: bool


@dataclass
class RegionComparison:
    region: Region
    version: str
    comparison: regional.Comparison
    columns: list[MunicipalityColumn]
    # Member municipalities without figures of the current version to show.
    not_sharing: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)  # shared, figures not computed yet

    def rows(self) -> list[tuple[MunicipalityColumn, regional.Row]]:
        return list(zip(self.columns, self.comparison.rows, strict=True))


def dangerously_region_comparison(*, region: Region, today: dt.date) -> RegionComparison:
    """The comparison of ``region``: every municipality that shares (its programmes
    added up), the region's total, small numbers suppressed across all of them.

    Reads across municipalities, but only the shared aggregates of active sharings:
    the caller must have checked that the viewer may see ``region``
    (:func:`region_list_visible`)."""
    active = Sharing.objects.filter(region=region, withdrawn_at__isnull=True)
    shared_ids = set(active.values_list("programme_id", flat=True))
    rows = (
        SharedFigures.objects.filter(programme_id__in=shared_ids)
        .select_related("programme", "municipality")
        .order_by("municipality__name", "programme__name", "pk")
    )
    by_municipality: dict[int, list[SharedFigures]] = defaultdict(list)
    waiting: set[str] = set()
    for row in rows:
        if row.version == DEFINITION_VERSION:
            by_municipality[row.municipality_id].append(row)
        else:
            waiting.add(row.municipality.name)
    computed = {row.programme_id for group in by_municipality.values() for row in group}
    waiting |= set(
        Programme.objects.filter(pk__in=shared_ids - computed).values_list(
            "municipality__name", flat=True
        )
    )
    thresholds = dict(
        OutcomeSettings.objects.filter(municipality_id__in=list(by_municipality)).values_list(
            "municipality_id", "threshold"
        )
    )
    items, columns = [], []
    stale_before = add_days(today, -STALE_AFTER_DAYS)
    for municipality_id, group in by_municipality.items():
        items.append(_shared(municipality_id, group, thresholds.get(municipality_id)))
        as_of = min(row.as_of for row in group)
        columns.append(
            MunicipalityColumn(
                key=municipality_id,
                name=group[0].municipality.name,
                programmes=tuple(row.programme.name for row in group),
                as_of=as_of,
                computed_at=max(row.computed_at for row in group),
                stale=as_of < stale_before,
            )
        )
    members = RegionMember.objects.filter(region=region).values_list(
        "municipality__name", flat=True
    )
    sharing_names = {c.name for c in columns} | waiting
    return RegionComparison(
        region=region,
        version=DEFINITION_VERSION,
        comparison=regional.compare(items, threshold=region.threshold),
        columns=columns,
        not_sharing=sorted(set(members) - sharing_names),
        waiting=sorted(waiting - {c.name for c in columns}),
    )


def _shared(
    municipality_id: int, group: list[SharedFigures], threshold: int | None
) -> regional.Shared:
    counts: dict[str, int] = defaultdict(int)
    for row in group:
        for name in (*regional.COUNTS, *regional.HELPERS):
            counts[name] += int(row.counts.get(name, 0))
    return regional.Shared(
        key=municipality_id,
        counts=dict(counts),
        cost=sum(row.cost_cents for row in group),
        participant_months=sum(row.participant_months for row in group),
        guidance=sum(row.guidance_hundredths for row in group),
        threshold=int(threshold) if threshold is not None else DEFAULT_THRESHOLD,
    )


@dataclass(frozen=True, slots=True)
class SharingLine:
    """One programme of the municipality beside one of its regions."""

    region: Region
    programme: Programme
    sharing: Sharing | None  # the active sharing, if any
    figures: SharedFigures | None


def sharing_lines(*, municipality: Municipality) -> list[SharingLine]:
    """Every region the municipality belongs to, times its programmes: shared or not."""
    regions = list(Region.objects.filter(members__municipality=municipality).order_by("name"))
    programmes = list(programme_list(municipality=municipality).order_by("name", "pk"))
    active = {
        (s.region_id, s.programme_id): s
        for s in Sharing.objects.filter(municipality=municipality, withdrawn_at__isnull=True)
    }
    figures = {f.programme_id: f for f in SharedFigures.objects.filter(municipality=municipality)}
    return [
        SharingLine(
            region=region,
            programme=programme,
            sharing=active.get((region.pk, programme.pk)),
            figures=figures.get(programme.pk),
        )
        for region in regions
        for programme in programmes
    ]


def sharing_history(*, municipality: Municipality) -> QuerySet[Sharing]:
    return Sharing.objects.filter(municipality=municipality).select_related(
        "region", "programme", "shared_by", "withdrawn_by"
    )
