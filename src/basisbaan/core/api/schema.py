"""OpenAPI schema additions: the X-Municipality header on every tenant endpoint."""

from __future__ import annotations

from typing import Any

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from basisbaan.core.api.concurrency import ConcurrencySchemaMixin

MUNICIPALITY_PARAMETER = OpenApiParameter(
    name="X-Municipality",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        "Korte naam (slug) van de gemeente waarin het verzoek werkt. Alleen nodig "
        "als de gebruiker lid is van meer dan één gemeente; een gemeente waarvan "
        "de gebruiker geen lid is geeft 403."
    ),
)


class TenantAutoSchema(ConcurrencySchemaMixin, AutoSchema):
    """The schema of a tenant viewset: every operation documents X-Municipality."""

    def get_override_parameters(self) -> list[Any]:
        return [*super().get_override_parameters(), MUNICIPALITY_PARAMETER]
