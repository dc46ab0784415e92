"""The research endpoints of the API (registered on the one router in api_urls.py)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    # Studies, respondents, consents, sessions.

    # Transcripts.
    from basisbaan.research.api.transcripts import TranscriptViewSet

    router.register("transcripts", TranscriptViewSet, basename="transcript")

    # Codes, memos, codings, analysis.

    return None
