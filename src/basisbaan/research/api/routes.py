"""The research endpoints of the API (registered on the one router in api_urls.py)."""

from __future__ import annotations

from rest_framework.routers import DefaultRouter


def register(router: DefaultRouter) -> None:
    # Studies, respondents, consents, sessions.

    # Transcripts.

    # Codes, memos, codings, analysis.

    return None
