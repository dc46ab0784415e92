"""Form plumbing shared by every app's UI forms.

- :class:`BaseFormMixin` renders fields accessibly (label, hint, errors linked
  with ``aria-describedby``, an error summary at the top).
- :func:`add_service_errors` puts a service's ``ValidationError`` on the form,
  each message on its own field when the service named one.
- :class:`DateInput` takes Dutch dates as ``29-11-2026``.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _

EMPTY_CHOICE = _("Kies…")


class BBErrorList(ErrorList):
    template_name = "core/forms/errorlist.html"
    template_name_ul = "core/forms/errorlist.html"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["error_class"] = "bb-errorlist"
        super().__init__(*args, **kwargs)


class DateInput(forms.DateInput):
    """A text box for a date as dd-mm-jjjj.

    A text box instead of ``type=date``: the browser's date picker shows and
    sends dates in ways that differ per browser and language, while a
    caseworker types 29-11-2026 fastest and most reliably.
    """

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        base = {
            "inputmode": "numeric",
            "placeholder": _("dd-mm-jjjj"),
            "autocomplete": "off",
            "size": "10",
            "maxlength": "10",
            "class": "bb-input-date",
        }
        super().__init__(attrs={**base, **(attrs or {})}, format=format)


class DecimalInput(forms.TextInput):
    """A decimal typed the Dutch way (32,5)."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(
            attrs={"inputmode": "decimal", "size": "8", "class": "bb-input-short", **(attrs or {})}
        )


class BaseFormMixin:
    """Accessible rendering for every UI form. Mix in before forms.Form/ModelForm."""

    template_name = "core/forms/form.html"
    field_template_name = "core/forms/field.html"
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("error_class", BBErrorList)
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if getattr(field, "template_name", None) is None:
                field.template_name = self.field_template_name  # type: ignore[attr-defined]
            self._dutch_empty_choice(field)
            self._specific_messages(field)
            if isinstance(field, forms.DateField) and not isinstance(field.widget, DateInput):
                field.widget = DateInput(attrs=field.widget.attrs)
            if isinstance(field, forms.DecimalField):
                field.localize = True
                field.widget = DecimalInput(
                    attrs={k: v for k, v in field.widget.attrs.items() if k != "step"}
                )
                field.widget.is_localized = True

    @staticmethod
    def _specific_messages(field: forms.Field) -> None:
        """Error messages that name the field and say what to do."""
        label = str(field.label or "")
        if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
            field.error_messages["required"] = _("Maak een keuze bij ‘%(label)s’.") % {
                "label": label
            }
        else:
            field.error_messages["required"] = _("Vul ‘%(label)s’ in.") % {"label": label}
        if isinstance(field, forms.DateField):
            field.error_messages["invalid"] = _(
                "Vul bij ‘%(label)s’ een datum in als 29-11-2026."
            ) % {"label": label}
        if isinstance(field, forms.DecimalField):
            field.error_messages["invalid"] = _(
                "Vul bij ‘%(label)s’ een getal in, bijvoorbeeld 32 of 24,5."
            ) % {"label": label}

    @staticmethod
    def _dutch_empty_choice(field: forms.Field) -> None:
        """Our own label for the empty choice of a select (Django's is English-only)."""
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None and str(field.empty_label).startswith("-"):
                field.empty_label = EMPTY_CHOICE
        elif isinstance(field, forms.ChoiceField) and not isinstance(
            field.widget, forms.RadioSelect
        ):
            choices = list(getattr(field, "choices", []))
            if choices and choices[0][0] == "" and str(choices[0][1]).startswith("-"):
                field.choices = [("", EMPTY_CHOICE), *choices[1:]]


class Form(BaseFormMixin, forms.Form):
    pass


class ModelForm(BaseFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    def validate_constraints(self) -> None:
        """Leave the model's check constraints to the service.

        The service checks the same rules first and says in Dutch what to fix
        (and on which field); the generic constraint message would not.
        """


def add_service_errors(
    form: forms.BaseForm, exc: ValidationError, field_map: dict[str, str] | None = None
) -> None:
    """Show a service's refusal on ``form``: on the field it names, else on top.

    ``field_map`` renames the service's field names to the form's. Messages for
    a field the form does not have go to the top of the form, so no message is
    ever lost.
    """
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            field = (field_map or {}).get(name, name)
            target = field if field in form.fields else None
            if field == NON_FIELD_ERRORS:
                target = None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)
