"""Every write of regional cooperation: regions and their members and users (set up
for the installation), a programme's sharing and its withdrawal, and the refresh of
the figures a programme shares. Each write is one transaction with its audit entry.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.audit.models import AuditAction
from basisbaan.audit.services import audit_change, snapshot
from basisbaan.core.services import ensure_same_municipality, model_create, model_delete
from basisbaan.programmes.models import Programme
from basisbaan.regions.constants import DEFINITION_VERSION, RegionKind
from basisbaan.regions.figures import programme_figures
from basisbaan.regions.models import Region, RegionalAccess, RegionMember, SharedFigures, Sharing
from basisbaan.tenancy.models import Municipality, User

__all__ = [
    "figures_refresh",
    "figures_refresh_shared",
    "region_add_member",
    "region_create",
    "region_grant_access",
    "region_remove_member",
    "region_revoke_access",
    "sharing_start",
    "sharing_withdraw",
]


@transaction.atomic
def region_create(
    *,
    actor: User | None,
    name: str,
    slug: str,
    kind: str = RegionKind.LABOUR_MARKET,
    description: str = "",
    threshold: int | None = None,
) -> Region:
    region = Region(name=name, slug=slug, kind=kind, description=description)
    if threshold is not None:
        region.threshold = threshold
    return model_create(instance=region, actor=actor)


@transaction.atomic
def region_add_member(
    *, actor: User | None, region: Region, municipality: Municipality
) -> RegionMember:
    if RegionMember.objects.filter(region=region, municipality=municipality).exists():
        raise ValidationError(
            _("%(municipality)s is al lid van %(region)s.")
            % {"municipality": municipality.name, "region": region.name}
        )
    return model_create(
        instance=RegionMember(region=region, municipality=municipality), actor=actor
    )


@transaction.atomic
def region_remove_member(*, actor: User | None, region: Region, municipality: Municipality) -> None:
    """Take a municipality out of a region; what it shared there is withdrawn first."""
    member = RegionMember.objects.filter(region=region, municipality=municipality).first()
    if member is None:
        raise ValidationError(
            _("%(municipality)s is geen lid van %(region)s.")
            % {"municipality": municipality.name, "region": region.name}
        )
    for sharing in Sharing.objects.filter(
        region=region, municipality=municipality, withdrawn_at__isnull=True
    ):
        _withdraw(actor, sharing)
    model_delete(instance=member, actor=actor)


@transaction.atomic
def region_grant_access(*, actor: User | None, region: Region, user: User) -> RegionalAccess:
    if RegionalAccess.objects.filter(region=region, user=user).exists():
        raise ValidationError(
            _("%(user)s heeft al toegang tot %(region)s.")
            % {"user": user.username, "region": region.name}
        )
    return model_create(instance=RegionalAccess(region=region, user=user), actor=actor)


@transaction.atomic
def region_revoke_access(*, actor: User | None, region: Region, user: User) -> None:
    access = RegionalAccess.objects.filter(region=region, user=user).first()
    if access is None:
        raise ValidationError(
            _("%(user)s heeft geen toegang tot %(region)s.")
            % {"user": user.username, "region": region.name}
        )
    model_delete(instance=access, actor=actor)


@transaction.atomic
def sharing_start(
    *,
    actor: User | None,
    municipality: Municipality,
    programme: Programme,
    region: Region,
    as_of: dt.date,
) -> Sharing:
    """Share ``programme``'s aggregate figures with ``region`` from now on, and compute
    them on ``as_of`` so the region sees them at once."""
    ensure_same_municipality(municipality, programme=programme)
    if not RegionMember.objects.filter(region=region, municipality=municipality).exists():
        raise PermissionDenied(
            _("%(municipality)s is geen lid van %(region)s.")
            % {"municipality": municipality.name, "region": region.name}
        )
    if Sharing.objects.filter(
        programme=programme, region=region, withdrawn_at__isnull=True
    ).exists():
        raise ValidationError(
            _("%(programme)s wordt al gedeeld met %(region)s.")
            % {"programme": programme.name, "region": region.name}
        )
    sharing = model_create(
        instance=Sharing(
            municipality=municipality,
            programme=programme,
            region=region,
            shared_at=timezone.now(),
            shared_by=actor,
        ),
        actor=actor,
    )
    figures_refresh(actor=actor, programme=programme, as_of=as_of)
    return sharing


@transaction.atomic
def sharing_withdraw(
    *, actor: User | None, municipality: Municipality, sharing: Sharing
) -> Sharing:
    """Stop sharing: from now on the region shows nothing of this programme."""
    ensure_same_municipality(municipality, sharing=sharing)
    if sharing.withdrawn_at is not None:
        raise ValidationError(_("Dit delen is al ingetrokken."))
    return _withdraw(actor, sharing)


def _withdraw(actor: User | None, sharing: Sharing) -> Sharing:
    before = snapshot(sharing)
    sharing.withdrawn_at = timezone.now()
    sharing.withdrawn_by = actor
    sharing.save(update_fields=["withdrawn_at", "withdrawn_by", "updated_at"])
    audit_change(actor=actor, instance=sharing, action=AuditAction.UPDATE, before=before)
    return sharing


@transaction.atomic
def figures_refresh(*, actor: User | None, programme: Programme, as_of: dt.date) -> SharedFigures:
    """Compute ``programme``'s shared figures on ``as_of`` and store them (one row per
    programme, replaced)."""
    figures = programme_figures(programme, as_of=as_of)
    row = SharedFigures.objects.select_for_update().filter(programme=programme).first()
    created = row is None
    before = None if row is None else snapshot(row)
    if row is None:
        row = SharedFigures(municipality_id=programme.municipality_id, programme=programme)
    row.version = DEFINITION_VERSION
    row.as_of = as_of
    row.computed_at = timezone.now()
    row.counts = figures.counts
    row.cost_cents = figures.cost_cents
    row.participant_months = figures.participant_months
    row.guidance_hundredths = figures.guidance_hundredths
    row.full_clean()
    row.save()
    audit_change(
        actor=actor,
        instance=row,
        action=AuditAction.CREATE if created else AuditAction.UPDATE,
        before=before,
    )
    return row


def figures_refresh_shared(*, actor: User | None, as_of: dt.date) -> list[SharedFigures]:
    """Refresh the figures of every programme that shares with some region (the nightly
    command): one transaction per programme, so one failure does not undo the rest."""
    programme_ids = (
        Sharing.objects.filter(withdrawn_at__isnull=True)
        .values_list("programme_id", flat=True)
        .distinct()
    )
    programmes = Programme.objects.filter(pk__in=list(programme_ids)).order_by("pk")
    return [figures_refresh(actor=actor, programme=p, as_of=as_of) for p in programmes]
