"""Content negotiation of the API's file downloads."""

from __future__ import annotations

from collections.abc import Iterable

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request

__all__ = ["FileNegotiation"]


class FileNegotiation(DefaultContentNegotiation):
    """Content negotiation of a file download: ``?format=`` names the file, not a
    renderer, and the file's type is not one of the renderers' (errors still come as
    JSON). DRF would otherwise answer ``?format=pdf`` with 404 and ``Accept:
    application/pdf`` with 406."""

    def select_renderer(
        self,
        request: Request,
        renderers: Iterable[BaseRenderer],
        format_suffix: str | None = None,
    ) -> tuple[BaseRenderer, str]:
        renderer = next(iter(renderers))
        return renderer, renderer.media_type
