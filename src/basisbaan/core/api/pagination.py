"""The pagination of every API list: page numbers (the default) or a cursor.

**Page numbers** ``?page=N&page_size=M``: ``{count, count_exact, next, previous,
results}``. The count reads at most :data:`~basisbaan.core.counting.COUNT_LIMIT`
+ 1 rows: exact up to that many (``count_exact: true``), above it the planner's
estimate (``count_exact: false``). Nothing here needs the exact count: a page
reads one row more than it shows, which says whether ``next`` exists, and a page
past the end is found empty (404, as before). Deep pages select their ids first
(the deferred join of :class:`~basisbaan.core.pagination.DeferredJoinPaginator`,
which needs the exact count and so is not used itself).

**Cursor** ``?cursor=`` (empty: the first page), then the ``next`` or
``previous`` link: keyset paging (:mod:`basisbaan.core.api.keyset`), as fast on
the last page as on the first and stable while rows come and go. ``count`` is
null unless asked for with ``?count=true``. See docs/api.md.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet, Subquery
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from basisbaan.core import counting
from basisbaan.core import pagination as deferred
from basisbaan.core.api.filters import NOT_A_BOOLEAN
from basisbaan.core.api.keyset import InvalidCursorError, Keyset, Position, UnsupportedOrderingError

CURSOR_INVALID = _(
    "Deze cursor is ongeldig. Gebruik de link in next of previous van een eerder "
    "antwoord, of een lege cursor voor de eerste pagina."
)
CURSOR_OTHER_ORDER = _(
    "Deze cursor hoort bij een andere sortering. Begin opnieuw met een lege cursor."
)
CURSOR_UNSUPPORTED = _(
    "Met een cursor kan deze lijst niet zo gesorteerd worden (een berekende waarde). "
    "Kies een andere ordering of gebruik page."
)
CURSOR_WITH_PAGE = _("Gebruik page of cursor, niet allebei.")
BOOLEANS = {"true": True, "false": False}
# Past this no database can OFFSET (a signed 64-bit number): such a page is past the end.
MAX_OFFSET = 2**63 - 1


def list_count(queryset: QuerySet[Any], *, at_least: int = 0) -> tuple[int, bool]:
    """The number of rows and whether it is exact: exact up to ``COUNT_LIMIT``, else the
    planner's estimate (or the limit), never below ``at_least`` (rows known to exist)."""
    limit = counting.COUNT_LIMIT  # read now: a test may lower it
    if at_least <= limit:
        bounded = counting.bounded_count(queryset, limit)
        if bounded.exact:
            return bounded.value, True
    estimate = counting.estimated_count(queryset)
    return max(estimate or 0, limit, at_least), False


class Pagination(PageNumberPagination):
    """``?page=N&page_size=M`` (at most 100 per page), or ``?cursor=``.

    A page size that is not a whole number of at least 1 is refused with 400,
    as the schema says (it was silently replaced by the default); a larger one
    than 100 is capped.
    """

    page_size = 25
    page_size_query_param = "page_size"
    # DRF reads both through force_str, so a lazy translation is fine.
    page_size_query_description = _("Aantal resultaten per pagina (1 tot en met 100).")  # type: ignore[assignment]
    page_query_description = _("Het nummer van de pagina, vanaf 1.")  # type: ignore[assignment]
    cursor_query_param = "cursor"
    cursor_query_description = _(
        "Bladeren met een cursor in plaats van paginanummers: leeg voor de eerste pagina, "
        "daarna de waarde uit de link next of previous. Blijft snel op elke diepte en slaat "
        "geen rijen over of dubbel als er intussen rijen bijkomen."
    )
    count_query_param = "count"
    count_query_description = _(
        "Alleen bij cursor: true geeft ook het totaal (count), anders is count leeg."
    )
    max_page_size = 100

    # Set by paginate_queryset for get_paginated_response.
    mode = "page"
    count: int | None = None
    count_exact = False
    next_link: str | None = None
    previous_link: str | None = None

    # -- the request --------------------------------------------------------------------

    def paginate_queryset(
        self, queryset: Any, request: Request, view: Any = None
    ) -> list[Any] | None:
        self.request = request
        page_size = self.get_page_size(request)
        if not page_size:
            return None
        want_count = self._boolean(request, self.count_query_param)
        if self.cursor_query_param in request.query_params:
            if self.page_query_param in request.query_params:
                raise ValidationError({self.cursor_query_param: [CURSOR_WITH_PAGE]})
            return self._paginate_cursor(queryset, request, page_size, want_count)
        return self._paginate_pages(queryset, request, page_size)

    def _boolean(self, request: Request, name: str) -> bool:
        if name not in request.query_params:
            return False
        value = request.query_params[name]
        if value not in BOOLEANS:
            raise ValidationError({name: [NOT_A_BOOLEAN]})
        return BOOLEANS[value]

    # -- page numbers -------------------------------------------------------------------

    def _paginate_pages(self, queryset: Any, request: Request, page_size: int) -> list[Any]:
        self.mode = "page"
        raw = request.query_params.get(self.page_query_param) or 1
        if raw in self.last_page_strings:
            number = self._last_page(queryset, page_size)
        else:
            try:
                number = int(raw)
            except (TypeError, ValueError):
                number = 0
        bottom = (number - 1) * page_size
        if number < 1 or bottom + page_size >= MAX_OFFSET:
            raise NotFound(self.invalid_page_message)
        rows = self._page_rows(queryset, bottom, page_size + 1)
        if not rows and number > 1:
            raise NotFound(self.invalid_page_message)
        has_next = len(rows) > page_size
        rows = rows[:page_size]
        if has_next:
            self.count, self.count_exact = list_count(queryset, at_least=bottom + page_size + 1)
        else:  # the last page: every row is known
            self.count, self.count_exact = bottom + len(rows), True
        url = request.build_absolute_uri()
        self.next_link = (
            replace_query_param(url, self.page_query_param, number + 1) if has_next else None
        )
        if number == 1:
            self.previous_link = None
        elif number == 2:
            self.previous_link = remove_query_param(url, self.page_query_param)
        else:
            self.previous_link = replace_query_param(url, self.page_query_param, number - 1)
        return rows

    def _page_rows(self, queryset: Any, bottom: int, size: int) -> list[Any]:
        """``size`` rows from ``bottom``; deep pages select the ids first."""
        if bottom < deferred.DEFERRED_JOIN_FROM or not isinstance(queryset, QuerySet):
            return list(queryset[bottom : bottom + size])
        ids = queryset.values("pk")[bottom : bottom + size]
        return list(queryset.filter(pk__in=Subquery(ids)))

    def _last_page(self, queryset: Any, page_size: int) -> int:
        """``?page=last``: the one request that needs the exact count."""
        total = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
        return max(1, -(-total // page_size))

    # -- cursor -------------------------------------------------------------------------

    def _paginate_cursor(
        self, queryset: Any, request: Request, page_size: int, want_count: bool
    ) -> list[Any]:
        self.mode = "cursor"
        if not isinstance(queryset, QuerySet):
            raise ValidationError({self.cursor_query_param: [CURSOR_UNSUPPORTED]})
        try:
            keyset = Keyset(queryset)
        except UnsupportedOrderingError as exc:
            raise ValidationError({self.cursor_query_param: [CURSOR_UNSUPPORTED]}) from exc
        token = request.query_params[self.cursor_query_param]
        position: Position | None = None
        if token:
            try:
                position = keyset.decode(token)
            except InvalidCursorError as exc:
                message = CURSOR_OTHER_ORDER if str(exc) == "ordering" else CURSOR_INVALID
                raise ValidationError({self.cursor_query_param: [message]}) from exc
        rows, more = keyset.page(position, page_size)
        first = keyset.values(rows[0]) if rows else None
        last = keyset.values(rows[-1]) if rows else None
        # An empty page links back to (or on from) the position it was asked from.
        here = position.values if position is not None else None
        if position is not None and position.backward:
            before = first if more else None
            after = last if last is not None else here
        else:
            after = last if more else None
            before = None if position is None else (first if first is not None else here)
        try:
            next_token = keyset.encode(after) if after is not None else None
            previous_token = keyset.encode(before, backward=True) if before is not None else None
        except UnsupportedOrderingError as exc:  # a key of a type a token cannot carry
            raise ValidationError({self.cursor_query_param: [CURSOR_UNSUPPORTED]}) from exc
        url = remove_query_param(request.build_absolute_uri(), self.page_query_param)
        self.next_link = (
            replace_query_param(url, self.cursor_query_param, next_token) if next_token else None
        )
        self.previous_link = (
            replace_query_param(url, self.cursor_query_param, previous_token)
            if previous_token
            else None
        )
        self.count, self.count_exact = None, False
        if want_count:
            if position is None and not more:
                self.count, self.count_exact = len(rows), True
            else:
                self.count, self.count_exact = list_count(queryset, at_least=len(rows))
        return rows

    # -- the answer ---------------------------------------------------------------------

    def get_paginated_response(self, data: Any) -> Response:
        return Response(
            {
                "count": self.count,
                "count_exact": self.count_exact,
                "next": self.next_link,
                "previous": self.previous_link,
                "results": data,
            }
        )

    def get_next_link(self) -> str | None:
        return self.next_link

    def get_previous_link(self) -> str | None:
        return self.previous_link

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["count", "count_exact", "next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "nullable": True,
                    "example": 123,
                    "description": (
                        "Het aantal resultaten: exact tot en met 10.000, daarboven een "
                        "schatting (count_exact is dan false). Bij cursor alleen met "
                        "count=true, anders leeg."
                    ),
                },
                "count_exact": {
                    "type": "boolean",
                    "description": "Of count exact is (false: een schatting, of geen count).",
                },
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "example": "http://api.example.org/accounts/?page=4",
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "example": "http://api.example.org/accounts/?page=2",
                },
                "results": schema,
            },
        }

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
        parameters += [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": str(self.cursor_query_description),
                "schema": {"type": "string", "pattern": "^[A-Za-z0-9_-]*$"},
            },
            {
                "name": self.count_query_param,
                "required": False,
                "in": "query",
                "description": str(self.count_query_description),
                "schema": {"type": "boolean"},
            },
        ]
        return parameters
