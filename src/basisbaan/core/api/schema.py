"""OpenAPI schema additions: the error responses of every operation, and X-Municipality.

Every API view answers errors in the shapes of :mod:`basisbaan.core.api.errors`,
and the schema says so: ``AutoSchema`` (the project's ``DEFAULT_SCHEMA_CLASS``)
adds the error responses an operation can give to the ones it documents itself,
so a client (and schemathesis in ``tests/api/test_schemathesis.py``) knows every
status code it may receive.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ResolvedComponent
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

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

ERROR_SCHEMA = ResolvedComponent(  # type: ignore[no-untyped-call]
    name="Error",
    type=ResolvedComponent.SCHEMA,
    object="Error",
    schema={
        "type": "object",
        "description": "Een fout die niet bij één veld hoort, met een Nederlandse uitleg.",
        "properties": {"detail": {"type": "string"}},
        "required": ["detail"],
    },
)

VALIDATION_ERROR_SCHEMA = ResolvedComponent(  # type: ignore[no-untyped-call]
    name="ValidationError",
    type=ResolvedComponent.SCHEMA,
    object="ValidationError",
    schema={
        "type": "object",
        "description": (
            "Per veld de Nederlandse meldingen (`{veld: [melding, ...]}`), fouten die "
            "niet bij één veld horen onder `non_field_errors`, of bij onleesbare "
            "gegevens (ongeldige JSON, te diep genest, een NUL-teken) één `detail`. "
            "Bij een lijst of genest object staan de meldingen per positie of veld "
            "onder de naam van het veld."
        ),
        "additionalProperties": {
            "anyOf": [
                {"type": "array", "items": {}},
                {"type": "object"},
                {"type": "string"},
            ]
        },
    },
)

# Status code -> description, for the errors every operation can give.
COMMON_ERRORS = {
    "401": "Niet ingelogd: geen of een ongeldige token of sessie.",
    "403": (
        "Geen recht op deze handeling in deze gemeente, of geen lid van de gemeente "
        "in X-Municipality."
    ),
    "404": "Het object bestaat niet in deze gemeente, of de pagina bestaat niet.",
    "406": "Het antwoord kan niet in het gevraagde formaat (Accept) worden gegeven.",
    "429": "Te veel verzoeken; probeer het na Retry-After seconden opnieuw.",
}
BODY_ERRORS = {
    "415": "Het formaat van de gegevens (Content-Type) wordt niet ondersteund.",
}
# Optimistic locking: a PUT or PATCH with an If-Match that no longer matches.
PRECONDITION_ERRORS = {
    "412": "Het object is intussen gewijzigd (If-Match komt niet overeen met de ETag).",
}
VALIDATION_DESCRIPTION = (
    "Ongeldig verzoek: de gegevens, een queryparameter of een header voldoen niet."
)


def decimal_pattern(field: serializers.DecimalField) -> str | None:
    """The pattern of the decimal strings ``field`` takes, or None if unbounded.

    drf-spectacular's own pattern lets the empty string and a lone ``-`` through,
    both refused by the field, and allows a sign where ``min_value`` forbids one.
    Leading zeros do not count as digits (``Decimal("007")`` has one).
    """
    whole = field.max_whole_digits
    if whole is None:
        return None
    places = field.decimal_places or 0
    minimum = field.min_value
    sign = "" if minimum is not None and Decimal(minimum) >= 0 else "-?"
    fraction = rf"(?:\.\d{{0,{places}}})?" if places else ""
    only_fraction = rf"|\.\d{{1,{places}}}" if places else ""
    digits = rf"\d{{1,{whole}}}" if whole else "0"
    return rf"^{sign}0*(?:{digits}{fraction}{only_fraction})$"


class AutoSchema(SpectacularAutoSchema):
    """drf-spectacular's schema, with the common error responses on every operation.

    What an operation documents itself (``@extend_schema(responses=...)``) wins;
    the rest is added: 400 with the validation error shape, 401, 403, 404, 406
    and 429 with ``{"detail": ...}``, 415 when there is a request body and 412
    for PUT and PATCH.
    """

    def _map_serializer_field(
        self, field: Any, direction: Any, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        schema: dict[str, Any] = super()._map_serializer_field(  # type: ignore[no-untyped-call]
            field, direction, bypass_extensions
        )
        if isinstance(field, serializers.DecimalField) and schema.get("format") == "decimal":
            pattern = decimal_pattern(field)
            if pattern is not None:
                schema["pattern"] = pattern
        elif (
            direction == "request"
            and isinstance(field, serializers.CharField)
            and field.trim_whitespace
            and not field.allow_blank
            and schema.get("type") == "string"
            and "pattern" not in schema
        ):
            # The field strips whitespace before it checks for blank: " " is blank.
            schema["pattern"] = r"\S"
        return schema

    def map_parsers(self) -> list[str]:
        # The API takes JSON. The form parsers stay for the browsable API and the
        # test client, but a schema listing them would promise that nested fields
        # and lists can be sent as a form, which they cannot.
        media_types: list[str] = super().map_parsers()
        if "application/json" in media_types:
            return ["application/json"]
        return media_types

    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        if direction != "response":
            return responses
        self.registry.register_on_missing(ERROR_SCHEMA)
        self.registry.register_on_missing(VALIDATION_ERROR_SCHEMA)
        responses.setdefault("400", self._error_response(VALIDATION_ERROR_SCHEMA, ""))
        if not responses["400"].get("description"):
            responses["400"]["description"] = VALIDATION_DESCRIPTION
        errors = dict(COMMON_ERRORS)
        if self.method in {"POST", "PUT", "PATCH"}:
            errors.update(BODY_ERRORS)
        if self.method in {"PUT", "PATCH"}:
            errors.update(PRECONDITION_ERRORS)
        for code, description in errors.items():
            responses.setdefault(code, self._error_response(ERROR_SCHEMA, description))
        return dict(sorted(responses.items()))

    @staticmethod
    def _error_response(component: ResolvedComponent, description: str) -> dict[str, Any]:
        return {
            "content": {"application/json": {"schema": component.ref}},
            "description": description,
        }


class TenantAutoSchema(ConcurrencySchemaMixin, AutoSchema):
    """The schema of a tenant viewset: every operation documents X-Municipality."""

    def get_override_parameters(self) -> list[Any]:
        return [*super().get_override_parameters(), MUNICIPALITY_PARAMETER]


class ReportSchema(TenantAutoSchema):
    """The schema of a viewset whose ``list`` answers one object (a report), not a list."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        return False
