"""The research endpoints of the API (registered on the one router in api_urls.py)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    # Studies, respondents, consents, sessions.

    # Transcripts.

    # Codes, memos, codings, analysis.
    from basisbaan.research.api import coding

    router.register("research/codes", coding.CodeViewSet, basename="research-code")
    router.register("research/memos", coding.MemoViewSet, basename="research-memo")
    router.register("research/codings", coding.CodingViewSet, basename="research-coding")
    router.register("research/analysis", coding.AnalysisViewSet, basename="research-analysis")

    return None
