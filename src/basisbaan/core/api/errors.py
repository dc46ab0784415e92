"""One error shape for the API, with the Dutch messages of the services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views import defaults
from rest_framework import exceptions
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn the services' Django errors into DRF ones, then let DRF answer.

    A service's ``ValidationError`` becomes 400 with ``{field: [message]}`` (or
    ``{"non_field_errors": [...]}``), a missing object 404, a refusal 403. A
    ``ValidationError`` with a bare message gets the same ``non_field_errors``
    shape, so every 400 is an object (the schema's ``ValidationError``).
    """
    if isinstance(exc, DjangoValidationError):
        detail = get_error_detail(exc)
        if isinstance(detail, list):
            detail = {"non_field_errors": detail}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, ObjectDoesNotExist | Http404):
        # Not Django's "No Participant matches the given query.": English, and
        # it names the model.
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, list):
        # ``raise ValidationError("...")`` in a view gives a bare list; the
        # schema promises an object.
        response.data = {"non_field_errors": response.data}
    return response


# Django's own error pages, for what never reaches a DRF view: a path that matches
# no URL (``/api/v1/participants/-1/``), a refused host or a request too large.
# Under /api/ they answer in the API's error shape; elsewhere the HTML pages.

NOT_FOUND = _("Niet gevonden.")
BAD_REQUEST = _("Ongeldig verzoek.")
FORBIDDEN = _("U heeft geen toegang tot deze pagina.")
SERVER_ERROR = _("Er ging iets mis aan onze kant. Probeer het later opnieuw.")


def is_api_request(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return JsonResponse({"detail": str(NOT_FOUND)}, status=404)
    return defaults.page_not_found(request, exception)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return JsonResponse({"detail": str(BAD_REQUEST)}, status=400)
    return defaults.bad_request(request, exception)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    if is_api_request(request):
        return JsonResponse({"detail": str(exception) or str(FORBIDDEN)}, status=403)
    return defaults.permission_denied(request, exception)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api_request(request):
        return JsonResponse({"detail": str(SERVER_ERROR)}, status=500)
    return defaults.server_error(request)
