"""Optimistic locking on the API: ``ETag`` on a record, ``If-Match`` on a write.

For every record with a version (:class:`~basisbaan.core.concurrency.VersionedModel`):

- A read of one record (and every successful write to it) answers with
  ``ETag: "<id>-<version>"``.
- A write to one record (PUT, PATCH, DELETE, or a POST action on it) with
  ``If-Match`` is carried out only when one of the tags given is the record's
  current one (``*`` matches any existing record); otherwise the answer is
  ``412 Precondition Failed`` with the current ETag, and nothing is written.
  A weak tag (``W/"..."``) counts as its strong form: proxies that compress
  answers weaken tags, and the version says all a client needs.
- Without ``If-Match`` the write is accepted (last writer wins, as before):
  existing clients keep working; clients that care send the header.

The check and the write are one step: the write's transaction locks the
record's row before comparing, so a second writer with the same tag waits and
then gets 412. A service that refuses a stale version
(:class:`~basisbaan.core.concurrency.StaleRecordError`) answers 412 too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.http import HttpRequest, HttpResponseBase
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import exceptions, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.core.concurrency import StaleRecordError, VersionedModel, lock_version

__all__ = [
    "ConcurrencySchemaMixin",
    "ConcurrencyViewSetMixin",
    "PreconditionFailed",
    "etag_for",
    "if_match_allows",
]

WRITE_METHODS = frozenset({"PUT", "PATCH", "DELETE", "POST"})


def etag_for(pk: Any, version: int) -> str:
    """The strong entity tag of version ``version`` of record ``pk``."""
    return f'"{pk}-{version}"'


def if_match_allows(header: str | None, pk: Any, version: int) -> bool:
    """Whether an ``If-Match`` header lets a write to version ``version`` through.

    No header: yes. ``*``: yes (the record exists). Otherwise one of the
    comma-separated tags must be the current one.
    """
    if header is None:
        return True
    tags = [tag.strip() for tag in header.split(",") if tag.strip()]
    if "*" in tags:
        return True
    current = etag_for(pk, version)
    return any(tag.removeprefix("W/") == current for tag in tags)


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    def __init__(self, version: int) -> None:
        super().__init__(
            _(
                "Iemand anders heeft dit record intussen gewijzigd (nu versie %(version)s). "
                "Haal het record opnieuw op en stuur uw wijziging met de nieuwe ETag."
            )
            % {"version": version}
        )


if TYPE_CHECKING:
    _ViewSet = viewsets.GenericViewSet[Any]
else:
    _ViewSet = object


class ConcurrencyViewSetMixin(_ViewSet):
    """ETag and If-Match for the viewsets of versioned records.

    Mixed into :class:`~basisbaan.core.api.viewsets.TenantViewSet`; it acts
    only on records with a version, found through ``get_object``.
    """

    _etag_record: models.Model | None = None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # A write to one record runs in one transaction, so that the row lock
        # taken in get_object holds until the write is done.
        if request.method in WRITE_METHODS and kwargs:
            with transaction.atomic():
                return super().dispatch(request, *args, **kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self) -> Any:
        record = super().get_object()
        if not isinstance(record, VersionedModel):
            return record
        if self.request.method in WRITE_METHODS:
            stored = lock_version(record)
            if stored.version != record.version:
                # Changed between the read and the lock: read it again, locked now.
                record = super().get_object()
            self._etag_record = record
            header = self.request.headers.get("If-Match")
            if not if_match_allows(header, record.pk, record.version):
                raise PreconditionFailed(record.version)
        self._etag_record = record
        return record

    def handle_exception(self, exc: Exception) -> Response:
        if isinstance(exc, StaleRecordError):
            exc = PreconditionFailed(exc.current.version)
        return super().handle_exception(exc)

    def finalize_response(
        self, request: Request, response: Response, *args: Any, **kwargs: Any
    ) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)
        record = self._etag_record
        answered = response.status_code < 300 or response.status_code == 412
        if record is not None and answered and request.method != "DELETE":
            # Read again: the write may have raised the version.
            version = (
                type(record)
                ._base_manager.filter(pk=record.pk)
                .values_list("version", flat=True)
                .first()
            )
            if version is not None:
                response["ETag"] = etag_for(record.pk, version)
        return response


IF_MATCH_PARAMETER = OpenApiParameter(
    name="If-Match",
    type=OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=False,
    description=(
        'De ETag van de versie waarop de wijziging is gemaakt (bijvoorbeeld "12-3", uit '
        "het antwoord op GET). Is het record intussen door iemand anders gewijzigd, dan "
        "volgt 412 en wordt niets opgeslagen. Zonder deze header wordt de wijziging "
        "altijd opgeslagen (de laatste schrijver wint)."
    ),
)


def _etag_header(codes: list[str]) -> OpenApiParameter:
    return OpenApiParameter(
        name="ETag",
        type=OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        response=codes,
        description=(
            'Versie van het record ("<id>-<versie>"); stuur deze mee als If-Match bij een '
            "wijziging."
        ),
    )


PRECONDITION_FAILED_RESPONSE = {
    "description": (
        "Iemand anders heeft het record gewijzigd sinds de meegestuurde ETag (If-Match). "
        "De ETag-header van dit antwoord geeft de huidige versie."
    ),
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"detail": {"type": "string"}},
                "required": ["detail"],
            }
        }
    },
}


class ConcurrencySchemaMixin:
    """Documents ETag, If-Match and 412 on the operations of a versioned record.

    Mixed into the project's :class:`~drf_spectacular.openapi.AutoSchema`.
    """

    view: Any
    method: str

    def _on_versioned_record(self) -> bool:
        model = getattr(getattr(self.view, "queryset", None), "model", None)
        versioned = isinstance(model, type) and issubclass(model, VersionedModel)
        return versioned and bool(getattr(self.view, "detail", False))

    def _is_write(self) -> bool:
        return self.method.upper() in WRITE_METHODS

    def get_override_parameters(self) -> list[Any]:
        parameters: list[Any] = list(super().get_override_parameters())  # type: ignore[misc]
        if not self._on_versioned_record():
            return parameters
        if self._is_write():
            parameters.append(IF_MATCH_PARAMETER)
            if self.method.upper() != "DELETE":
                parameters.append(_etag_header(["200", "201", "412"]))
        else:
            parameters.append(_etag_header(["200"]))
        return parameters

    def _get_response_bodies(self, direction: str = "response") -> dict[str, Any]:
        bodies: dict[str, Any] = super()._get_response_bodies(direction)  # type: ignore[misc]
        if self._on_versioned_record() and self._is_write():
            bodies.setdefault("412", dict(PRECONDITION_FAILED_RESPONSE))
        return bodies
