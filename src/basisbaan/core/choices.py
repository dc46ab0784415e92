"""A choice among records that grow with the municipality: a search box and a short list.

A plain ``<select>`` of every participant is 1.9 MB and 14.5 s at 20,000
participants, and its audit entry names them all. :class:`BoundedModelChoiceField`
shows a search box and a select of at most :data:`LIMIT` matching records (and
the chosen one), while it validates the chosen id against the whole scoped
queryset, so a record outside the list is still accepted and one of another
municipality refused.

Progressive enhancement:

- **without JavaScript** the "Zoeken" button posts the form with
  :data:`SEARCH_ACTION`; :class:`BoundedChoicesViewMixin` shows the form again,
  unbound, with everything typed kept and the list for the search;
- **with JavaScript** (``static/basisbaan/search-select.js``) the list follows
  the typing: the same post, answered with the widget alone.

The view says what it shows through :meth:`BoundedChoicesViewMixin.choices_shown`
(the participant views audit the rows: only those shown).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.forms.models import ModelChoiceIterator
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from basisbaan.tenancy.selectors import filter_staff_name

__all__ = [
    "LIMIT",
    "QUERY_SUFFIX",
    "SEARCH_ACTION",
    "BoundedChoicesViewMixin",
    "BoundedModelChoiceField",
    "FilterSearchSelect",
    "SearchSelect",
    "StaffFilterField",
    "search_fragment",
]

# At most this many records in the list (the chosen one comes on top of it).
LIMIT = 20
# The search box of field ``participant`` is ``participant_q``.
QUERY_SUFFIX = "_q"
# The name of the "Zoeken" button; its value is the field searched.
SEARCH_ACTION = "_zoek"
# The request header with which the script asks for the widget alone.
FRAGMENT_HEADER = "X-Search-Select"


class SearchSelect(forms.Select):
    """A search box, a "Zoeken" button and a select, in one fieldset."""

    template_name = "core/forms/search_select.html"
    use_fieldset = True

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.search_label: Any = _("Zoek op naam")
        self.search_hint: Any = ""
        self.choose_label: Any = _("Kies uit de zoekresultaten")

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        iterator = self.choices
        field = getattr(iterator, "field", None)
        context["search"] = {
            "name": name + QUERY_SUFFIX,
            "action": SEARCH_ACTION,
            "field": name,
            "label": self.search_label,
            "hint": self.search_hint,
            "choose_label": self.choose_label,
            "query": field.query if field is not None else "",
            "more": field.has_more if field is not None else False,
            "count": len(field.shown_rows()) if field is not None else 0,
            "limit": field.limit if field is not None else LIMIT,
        }
        return context


class FilterSearchSelect(SearchSelect):
    """The bounded choice as a filter above a list (a GET form): the select first,
    and the search box only when the list is cut off or searched.

    The options are written in the template itself, not through Django's option
    template per option.
    """

    template_name = "core/forms/filter_search_select.html"
    use_fieldset = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.search_button: Any = _("Zoeken")

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        context["search"]["button"] = self.search_button
        return context


class BoundedChoiceIterator(ModelChoiceIterator):  # type: ignore[type-arg]
    """The empty choice, the field's fixed choices and the rows it shows; never the
    whole queryset."""

    field: BoundedModelChoiceField

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.field.fixed_choices
        for obj in self.field.shown_rows():
            yield self.choice(obj)

    def __len__(self) -> int:
        fixed = len(self.field.fixed_choices)
        return (
            len(self.field.shown_rows()) + fixed + (1 if self.field.empty_label is not None else 0)
        )

    def __bool__(self) -> bool:
        return True


class BoundedModelChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A choice validated against ``queryset``, shown as at most ``limit`` matches.

    ``search(queryset, text)`` narrows the queryset to a search's matches (in
    the order to show). The search text and the chosen value are read from the
    form the field is rendered in (``<name>_q`` and ``<name>``, posted or initial).
    ``fixed_choices`` (value, label) come first and clean to their value (a filter's
    "none", say).
    """

    widget = SearchSelect
    iterator = BoundedChoiceIterator

    def __init__(
        self,
        *args: Any,
        search: Callable[[QuerySet[Any], str], QuerySet[Any]],
        limit: int = LIMIT,
        search_label: Any = None,
        search_hint: Any = "",
        choose_label: Any = None,
        fixed_choices: list[tuple[str, Any]] | None = None,
        **kwargs: Any,
    ) -> None:
        self.search = search
        self.fixed_choices = list(fixed_choices or [])
        self.limit = limit
        self.query = ""
        self.selected: str = ""
        self._rows: list[Model] | None = None
        self.has_more = False
        super().__init__(*args, **kwargs)
        if search_label is not None:
            self.widget.search_label = search_label
        self.widget.search_hint = search_hint
        if choose_label is not None:
            self.widget.choose_label = choose_label

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        result = super().__deepcopy__(memo)
        result._rows = None
        return result

    def _set_queryset(self, queryset: QuerySet[Any] | None) -> None:
        self._rows = None
        super()._set_queryset(queryset)  # type: ignore[misc]

    queryset = property(
        forms.ModelChoiceField._get_queryset,  # type: ignore[attr-defined]
        _set_queryset,
    )

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and any(value == fixed for fixed, _label in self.fixed_choices):
            return value
        return super().to_python(value)

    def get_bound_field(self, form: forms.BaseForm, field_name: str) -> Any:
        """Take the search text and the chosen value from ``form``."""
        key = form.add_prefix(field_name)
        source: Any = form.data if form.is_bound else form.initial
        lookup = key if form.is_bound else field_name
        query = str(source.get(lookup + QUERY_SUFFIX, "") or "").strip()[:100]
        selected = source.get(lookup, "")
        if not form.is_bound and not selected:
            selected = self.initial if self.initial is not None else ""
        selected = str(getattr(selected, "pk", selected) or "")
        if (query, selected) != (self.query, self.selected):
            self.query, self.selected, self._rows = query, selected, None
        return super().get_bound_field(form, field_name)

    def shown_rows(self) -> list[Model]:
        """At most ``limit`` matches of the search, and the chosen record (two queries at most)."""
        if self._rows is not None:
            return self._rows
        if self.queryset is None:
            self._rows = []
            return self._rows
        matches = self.search(self.queryset, self.query) if self.query else self.queryset
        rows = list(matches[: self.limit + 1])
        self.has_more = len(rows) > self.limit
        rows = rows[: self.limit]
        if self.selected.isdigit() and all(str(row.pk) != self.selected for row in rows):
            chosen = self.queryset.filter(pk=int(self.selected)).first()
            if chosen is not None:
                rows.insert(0, chosen)
        self._rows = rows
        return rows

    def shown_ids(self) -> list[Any]:
        return [row.pk for row in self.shown_rows()]


class BoundedChoicesViewMixin:
    """For a form view with bounded choices: the "Zoeken" button, and what was shown.

    Put it before the form view class. A post with :data:`SEARCH_ACTION` is a
    search, not a submit: the form comes back unbound with what was typed; with
    the :data:`FRAGMENT_HEADER` header only the searched field's widget.
    """

    request: HttpRequest

    def choices_prepare(self, form: forms.BaseForm) -> None:
        """Called before the bounded fields of ``form`` search: set what they may show here."""

    def choices_shown(self, form: forms.BaseForm) -> None:
        """Called with every form shown; audit the rows of its bounded fields here."""

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context: dict[str, Any] = super().get_context_data(**kwargs)  # type: ignore[misc]
        form = context.get("form")
        if form is not None:
            self.choices_prepare(form)
            for name, field in form.fields.items():
                if isinstance(field, BoundedModelChoiceField):
                    form[name]  # reads the search text and the choice from the form
            self.choices_shown(form)
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        name = request.POST.get(SEARCH_ACTION)
        if name is None:
            return super().post(request, *args, **kwargs)  # type: ignore[misc,no-any-return]
        form_kwargs = self.get_form_kwargs()  # type: ignore[attr-defined]
        form_kwargs.pop("data", None)
        form_kwargs.pop("files", None)
        typed = {key: value for key, value in request.POST.items() if key != SEARCH_ACTION}
        form_kwargs["initial"] = {**form_kwargs.get("initial", {}), **typed}
        form = self.get_form_class()(**form_kwargs)  # type: ignore[attr-defined]
        if request.headers.get(FRAGMENT_HEADER) and name in form.fields:
            self.choices_prepare(form)
            widget = str(form[name].as_widget())
            self.choices_shown(form)
            return HttpResponse(widget)
        return self.render_to_response(self.get_context_data(form=form))  # type: ignore[attr-defined,no-any-return]


class StaffFilterField(BoundedModelChoiceField):
    """A staff member as a list filter: at most ``limit`` options and a name search."""

    widget = FilterSearchSelect

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("search", filter_staff_name)
        kwargs.setdefault("search_label", _("Zoek een medewerker op naam"))
        super().__init__(*args, **kwargs)
        self.widget.search_button = _("Medewerker zoeken")

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


def search_fragment(request: HttpRequest, form: forms.BaseForm) -> HttpResponse | None:
    """The script's search in a GET form (a filter above a list): the searched
    field's widget alone, or None when the request is no such search."""
    name = request.GET.get(SEARCH_ACTION)
    if not request.headers.get(FRAGMENT_HEADER) or name not in form.fields:
        return None
    if not isinstance(form.fields[name], BoundedModelChoiceField):
        return None
    return HttpResponse(str(form[name].as_widget()))
