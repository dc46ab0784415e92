"""One error shape for the API, with the Dutch messages of the services."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions
from rest_framework.fields import get_error_detail
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turn the services' Django errors into DRF ones, then let DRF answer.

    A service's ``ValidationError`` becomes 400 with ``{field: [message]}`` (or
    ``{"non_field_errors": [...]}``), a missing object 404, a refusal 403.
    """
    if isinstance(exc, DjangoValidationError):
        detail = get_error_detail(exc)
        if isinstance(detail, list):
            detail = {"non_field_errors": detail}
        exc = exceptions.ValidationError(detail=detail)
    elif isinstance(exc, ObjectDoesNotExist):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    return drf_exception_handler(exc, context)
