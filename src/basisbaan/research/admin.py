"""Admin for the evaluation study: read-only and scoped.

Studies are worked on on their pages and through the API, where the services
keep consent, withdrawal and the audit of transcript reads. The admin writes
nothing and does not show a transcript's text (its reads are audited on the
pages and the API, with the reason of the research).
"""

from __future__ import annotations

from django.contrib import admin

from basisbaan.research.models import (
    Code,
    Coding,
    Consent,
    Memo,
    Respondent,
    Session,
    Study,
    Transcript,
)
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(Study)
class StudyAdmin(ReadOnlyTenantAdmin):
    list_display = ["title", "programme", "period_start", "period_end", "municipality"]
    list_select_related = ["programme", "municipality"]


@admin.register(Respondent)
class RespondentAdmin(ReadOnlyTenantAdmin):
    list_display = ["code", "kind", "study", "municipality"]
    list_select_related = ["study", "municipality"]
    exclude = ["participant"]


@admin.register(Consent)
class ConsentAdmin(ReadOnlyTenantAdmin):
    list_display = ["respondent", "letter_version", "given_on", "withdrawn_on", "municipality"]
    list_select_related = ["respondent", "municipality"]


@admin.register(Session)
class SessionAdmin(ReadOnlyTenantAdmin):
    list_display = ["__str__", "kind", "status", "held_on", "study", "municipality"]
    list_select_related = ["study", "municipality"]


@admin.register(Transcript)
class TranscriptAdmin(ReadOnlyTenantAdmin):
    list_display = ["__str__", "session", "word_count", "coding_done", "municipality"]
    list_select_related = ["session", "municipality"]
    exclude = ["text"]


@admin.register(Code)
class CodeAdmin(ReadOnlyTenantAdmin):
    list_display = ["name", "parent", "study", "municipality"]
    list_select_related = ["parent", "study", "municipality"]


@admin.register(Memo)
class MemoAdmin(ReadOnlyTenantAdmin):
    list_display = ["title", "study", "code", "municipality"]
    list_select_related = ["study", "code", "municipality"]


@admin.register(Coding)
class CodingAdmin(ReadOnlyTenantAdmin):
    list_display = ["__str__", "transcript", "is_quote", "municipality"]
    list_select_related = ["code", "transcript", "municipality"]
