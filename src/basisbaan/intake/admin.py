"""Admin for intake records: read-only and scoped; they change through the intake pages and API."""

from __future__ import annotations

from django.contrib import admin

from basisbaan.intake.models import (
    EligibilityCriteria,
    IntakeConversation,
    IntakeDecision,
    MatchProposal,
    ParticipantProfile,
    PositionProfile,
    Referral,
)
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(EligibilityCriteria)
class EligibilityCriteriaAdmin(ReadOnlyTenantAdmin):
    list_display = ["programme", "min_months_on_assistance", "min_age", "max_age", "municipality"]
    list_select_related = ["programme", "municipality"]


@admin.register(Referral)
class ReferralAdmin(ReadOnlyTenantAdmin):
    list_display = ["participant", "source", "referred_on", "priority", "municipality"]
    list_filter = ["source", "priority"]
    list_select_related = ["participant", "municipality"]


@admin.register(IntakeConversation)
class IntakeConversationAdmin(ReadOnlyTenantAdmin):
    list_display = ["participant", "held_on", "held_by", "municipality"]
    list_select_related = ["participant", "held_by", "municipality"]


@admin.register(IntakeDecision)
class IntakeDecisionAdmin(ReadOnlyTenantAdmin):
    list_display = ["participant", "decision", "decided_on", "decided_by", "municipality"]
    list_filter = ["decision"]
    list_select_related = ["participant", "decided_by", "municipality"]
    readonly_fields = ["eligibility"]


@admin.register(ParticipantProfile)
class ParticipantProfileAdmin(ReadOnlyTenantAdmin):
    list_display = ["participant", "hours_available", "language_level", "municipality"]
    list_select_related = ["participant", "municipality"]


@admin.register(PositionProfile)
class PositionProfileAdmin(ReadOnlyTenantAdmin):
    list_display = [
        "position",
        "sector",
        "displacement_checked",
        "displacement_confirmed_by",
        "municipality",
    ]
    list_select_related = [
        "position",
        "position__host",
        "displacement_confirmed_by",
        "municipality",
    ]
    readonly_fields = ["displacement_confirmed_by", "displacement_confirmed_at"]


@admin.register(MatchProposal)
class MatchProposalAdmin(ReadOnlyTenantAdmin):
    list_display = ["participant", "position", "score", "status", "created_at", "municipality"]
    list_filter = ["status"]
    list_select_related = ["participant", "position", "position__host", "municipality"]
    readonly_fields = ["score", "explanation", "placement"]
