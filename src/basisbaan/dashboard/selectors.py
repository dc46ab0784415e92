"""Reads that combine several apps: the dashboard's key figures."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from basisbaan.contracts.worklist import attention_counts
from basisbaan.guidance.selectors import guidance_attention
from basisbaan.hosts.constants import Track
from basisbaan.hosts.selectors import position_list
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.selectors import participant_list
from basisbaan.placements.selectors import placement_list
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality


def dashboard_counts(municipality: Municipality) -> dict[str, Any]:
    """The dashboard's figures in a fixed number of queries, whatever the numbers
    (four, plus those of the contract alerts)."""
    statuses = list(ParticipantStatus)
    closed_statuses = [ParticipantStatus.EXITED, ParticipantStatus.REJECTED]
    participant_counts = participant_list(municipality=municipality).aggregate(
        total=Count("id"),
        no_contact=Count(
            "id", filter=Q(contact_person__isnull=True) & ~Q(status__in=closed_statuses)
        ),
        **{f"status_{s.value}": Count("id", filter=Q(status=s)) for s in statuses},
    )
    placement_counts = placement_list(municipality=municipality, active=True).aggregate(
        total=Count("id"),
        **{f"track_{t.value}": Count("id", filter=Q(track=t)) for t in Track},
    )
    open_positions = position_list(municipality=municipality, is_open=True).count()
    programmes = list(programme_list(municipality=municipality))
    return {
        "participants_total": participant_counts["total"],
        "participants_by_status": [(s, participant_counts[f"status_{s.value}"]) for s in statuses],
        "participants_without_contact": participant_counts["no_contact"],
        "placements_total": placement_counts["total"],
        "placements_by_track": [(t, placement_counts[f"track_{t.value}"]) for t in Track],
        "open_positions": open_positions,
        "programmes": programmes,
        "programmes_closed": [p for p in programmes if not p.intake_open],
        "contract_alerts": attention_counts(municipality, timezone.localdate()),
        "guidance": guidance_attention(municipality=municipality, today=timezone.localdate()),
    }
