from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from basisbaan.core.pagination import DeferredJoinPaginator


class Pagination(PageNumberPagination):
    """``?page=N&page_size=M`` (at most 100 per page).

    A page size that is not a whole number of at least 1 is refused with 400,
    as the schema says (it was silently replaced by the default); a larger one
    than 100 is capped.
    """

    page_size = 25
    page_size_query_param = "page_size"
    # DRF reads both through force_str, so a lazy translation is fine.
    page_size_query_description = _("Aantal resultaten per pagina (1 tot en met 100).")  # type: ignore[assignment]
    page_query_description = _("Het nummer van de pagina, vanaf 1.")  # type: ignore[assignment]
    max_page_size = 100
    django_paginator_class = DeferredJoinPaginator

    def get_page_size(self, request: Request) -> int | None:
        if self.page_size_query_param not in request.query_params:
            return self.page_size
        value = request.query_params[self.page_size_query_param]
        if not value.isascii() or not value.isdigit() or int(value) < 1:
            raise ValidationError(
                {self.page_size_query_param: [_("Vul een geheel getal van 1 of meer in.")]}
            )
        return min(int(value), self.max_page_size)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
