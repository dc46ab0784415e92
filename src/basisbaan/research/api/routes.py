"""The research endpoints of the API (registered on the one router in api_urls.py)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    # Studies, respondents, consents, sessions.
    from basisbaan.research.api.studies import (
        ConsentViewSet,
        RespondentViewSet,
        SessionViewSet,
        StudyViewSet,
    )

    router.register("research/studies", StudyViewSet, basename="research-study")
    router.register("research/respondents", RespondentViewSet, basename="research-respondent")
    router.register("research/consents", ConsentViewSet, basename="research-consent")
    router.register("research/sessions", SessionViewSet, basename="research-session")

    # Transcripts.
    from basisbaan.research.api.transcripts import TranscriptViewSet

    router.register("transcripts", TranscriptViewSet, basename="transcript")

    # Codes, memos, codings, analysis.
    from basisbaan.research.api import coding

    router.register("research/codes", coding.CodeViewSet, basename="research-code")
    router.register("research/memos", coding.MemoViewSet, basename="research-memo")
    router.register("research/codings", coding.CodingViewSet, basename="research-coding")
    router.register("research/analysis", coding.AnalysisViewSet, basename="research-analysis")

    return None
