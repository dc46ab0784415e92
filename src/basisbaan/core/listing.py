"""What every list offers: sorting by its columns and an Excel or CSV export.

A list view mixes in :class:`ListingMixin` (before ``TenantListView``) and
names its columns once, as :class:`ListColumn` s:

- ``?sort=key`` sorts ascending, ``?sort=-key`` descending, by a column's
  ``order_by`` paths (then by id, so pages never overlap). Only the view's own
  columns are keys; an unknown key, or one the viewer may not sort by
  (:meth:`ListingMixin.may_order_by`: the personal-data policy), is ignored
  and the list keeps its default order. Never a server error.
- The template renders each sortable header with ``includes/th_sort.html``
  (a link that toggles the direction, ``aria-sort`` on the sorted column) and
  the export links with ``includes/export_links.html``.
- ``?export=xlsx`` or ``?export=csv`` (with the same filters and sort) answers
  the whole filtered list as a file (:mod:`basisbaan.core.export`), at most
  :data:`EXPORT_LIMIT` rows, and only when the list's ``filter_form`` (a form
  the view keeps, if it has one) is valid. Every export writes one bounded audit entry:
  which list, the filters, the number of rows, the fields. A viewer who may
  not export the list (:meth:`ListingMixin.export_refused`) gets a 403, and
  nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import F, OrderBy, QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from basisbaan.audit.services import audit_export
from basisbaan.core.export import ExportColumn, Kind, export_filename, export_response

__all__ = ["EXPORT_FORMATS", "EXPORT_LIMIT", "Header", "ListColumn", "ListingMixin"]

# An export larger than this is refused: narrow the filters.
EXPORT_LIMIT = 100_000
EXPORT_FORMATS = ("xlsx", "csv")
# Query parameters that are not filters of the list.
NOT_FILTERS = ("page", "export", "formaat")


@dataclass(frozen=True, slots=True)
class ListColumn:
    """A column of a list: its key in ``?sort=``, its title, how it sorts and exports.

    ``order_by`` holds database paths (empty: the column does not sort);
    ``value`` reads the exported value from a row (``None``: not exported);
    ``field`` is the name the audit records for it (default: the key).
    """

    key: str
    title: Any
    order_by: tuple[str, ...] = ()
    value: Callable[[Any], Any] | None = None
    kind: Kind = Kind.TEXT
    width: int = 18
    field: str = ""

    @property
    def audit_field(self) -> str:
        return self.field or self.key


@dataclass(frozen=True, slots=True)
class Header:
    """What a column header needs: its title, the link that sorts, its ``aria-sort``."""

    title: Any
    url: str = ""
    aria_sort: str = ""  # "ascending" / "descending" on the sorted column only

    @property
    def direction_hint(self) -> str:
        if self.aria_sort == "ascending":
            return _("gesorteerd oplopend; klik voor aflopend")
        if self.aria_sort == "descending":
            return _("gesorteerd aflopend; klik voor oplopend")
        return _("klik om hierop te sorteren")


class ListingMixin:
    """Sorting and export for a ``TenantListView``; mix in before it."""

    request: HttpRequest
    municipality: Any
    columns: ClassVar[Sequence[ListColumn]] = ()
    # The list's own order when no (allowed) ?sort= is given: a key, "-key", or "".
    default_sort: ClassVar[str] = ""
    # The start of the file name ("deelnemers") and the sheet title.
    export_name: ClassVar[str] = "lijst"
    export_title: ClassVar[Any] = ""

    # -- what a subclass may refine ----------------------------------------------------

    def get_columns(self) -> Sequence[ListColumn]:
        """The columns this viewer sees (a subclass may leave some out)."""
        return self.columns

    def may_order_by(self, model: Any, path: str) -> bool:
        """Whether this viewer may sort ``model`` rows by ``path`` (the privacy hook)."""
        return True

    def export_refused(self) -> bool:
        """Whether this viewer may not export the list (the privacy hook)."""
        return False

    def export_fields(self, columns: Sequence[ListColumn]) -> list[str]:
        """The field names the export's audit entry records."""
        return [column.audit_field for column in columns]

    def export_rows(self, queryset: QuerySet[Any]) -> Iterable[Any]:
        """The rows the columns read (by default the records themselves)."""
        return queryset.iterator(chunk_size=2000)

    def export_source(self) -> tuple[Any, int, Callable[[], Iterable[Any]]]:
        """What the export writes: the model the audit names, the number of rows and
        how to read them (only after the row limit is checked).

        By default the list's queryset, filtered and sorted. A worklist whose rows are
        computed (not a queryset) answers its model, ``len(rows)`` and the rows.
        """
        queryset = self.sort_queryset(self.get_queryset())  # type: ignore[attr-defined]
        return queryset.model, queryset.count(), lambda: self.export_rows(queryset)

    def list_url(self) -> str:
        """Where a refused export sends the user back to (with the filters)."""
        return self.request.path

    # -- sorting -----------------------------------------------------------------------

    def _column(self, key: str) -> ListColumn | None:
        return next((c for c in self.get_columns() if c.key == key and c.order_by), None)

    def _allowed(self, model: Any, column: ListColumn) -> bool:
        return all(self.may_order_by(model, path) for path in column.order_by)

    def current_sort(self, model: Any = None) -> tuple[ListColumn, bool] | None:
        """The column the list is sorted by and whether descending; None: default order."""
        for raw in (self.request.GET.get("sort", ""), self.default_sort):
            key = (raw or "").strip()
            descending = key.startswith("-")
            column = self._column(key.lstrip("-"))
            if column is not None and (model is None or self._allowed(model, column)):
                return column, descending
        return None

    def sort_queryset(self, queryset: QuerySet[Any]) -> QuerySet[Any]:
        found = self.current_sort(queryset.model)
        if found is None:
            return queryset
        column, descending = found
        terms: list[OrderBy | str] = [
            F(path).desc(nulls_last=True) if descending else F(path).asc(nulls_last=True)
            for path in column.order_by
        ]
        return queryset.order_by(*terms, "-pk" if descending else "pk")

    def paginate_queryset(self, queryset: Any, page_size: int) -> Any:
        return super().paginate_queryset(self.sort_queryset(queryset), page_size)  # type: ignore[misc]

    def headers(self, model: Any) -> dict[str, Header]:
        """Per column key: its header (a sort link where this viewer may sort by it)."""
        found = self.current_sort(model)
        query = self.request.GET.copy()
        for name in ("page", "sort", *NOT_FILTERS):
            query.pop(name, None)
        headers = {}
        for column in self.get_columns():
            if not column.order_by or not self._allowed(model, column):
                headers[column.key] = Header(column.title)
                continue
            aria_sort = ""
            key = column.key
            if found is not None and found[0].key == column.key:
                aria_sort = "descending" if found[1] else "ascending"
                key = column.key if found[1] else "-" + column.key
            link = query.copy()
            link["sort"] = key
            headers[column.key] = Header(column.title, "?" + link.urlencode(), aria_sort)
        return headers

    # -- the page ----------------------------------------------------------------------

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        file_format = request.GET.get("export", "")
        if file_format in EXPORT_FORMATS:
            return self.export(file_format)
        return super().get(request, *args, **kwargs)  # type: ignore[misc,no-any-return]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        model = getattr(self, "model", None) or getattr(
            getattr(self, "object_list", None), "model", None
        )
        context["sort"] = self.headers(model)
        query = self.request.GET.copy()
        for name in NOT_FILTERS:
            query.pop(name, None)
        context["export_query"] = query.urlencode()
        context["export_allowed"] = not self.export_refused()
        return context

    # -- the export --------------------------------------------------------------------

    def filters(self) -> dict[str, str]:
        """The list's query (filters and sort) as the audit records it."""
        query: QueryDict = self.request.GET
        return {
            name: ", ".join(query.getlist(name))
            for name in sorted(query)
            if name not in NOT_FILTERS and any(query.getlist(name))
        }

    def _back_to_list(self) -> HttpResponse:
        """The list with its filters and sort, after a refused export."""
        query = self.request.GET.copy()
        for name in NOT_FILTERS:
            query.pop(name, None)
        return HttpResponseRedirect(self.list_url() + (f"?{query.urlencode()}" if query else ""))

    def export(self, file_format: str) -> HttpResponse:
        if self.export_refused():
            raise PermissionDenied(
                _("Met uw rol kunt u deze lijst niet exporteren: hij bevat persoonsgegevens.")
            )
        model, count, rows = self.export_source()
        # A filter typed wrong leaves the page unfiltered; the file would then hold
        # far more than asked for. Back to the list, where the error shows.
        form = getattr(self, "filter_form", None)
        if isinstance(form, BaseForm) and form.is_bound and not form.is_valid():
            messages.error(
                self.request, _("Pas eerst de filters aan: niet alles is goed ingevuld.")
            )
            return self._back_to_list()
        if count > EXPORT_LIMIT:
            messages.error(
                self.request,
                _("Dat zijn %(count)s regels; exporteer er hoogstens %(limit)s tegelijk.")
                % {
                    "count": number_format(count, force_grouping=True),
                    "limit": number_format(EXPORT_LIMIT, force_grouping=True),
                },
            )
            return self._back_to_list()
        columns = [column for column in self.get_columns() if column.value is not None]
        self.export_entry = audit_export(
            actor=self.request.user,  # type: ignore[arg-type]
            municipality=self.municipality,
            model=model,
            filters=self.filters(),
            rows=count,
            file_format=file_format,
            fields=self.export_fields(columns),
        )
        return export_response(
            file_format=file_format,
            title=str(self.export_title or self.export_name),
            filename=export_filename(
                self.export_name, self.municipality.slug, timezone.localdate(), file_format
            ),
            columns=[
                ExportColumn(c.key, str(c.title), c.value, c.kind, c.width)  # type: ignore[arg-type]
                for c in columns
            ],
            rows=rows(),
        )
