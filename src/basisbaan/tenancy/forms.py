"""Forms of signing in: the second-factor code and the password pages."""

from __future__ import annotations

from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import BaseFormMixin


class CodeForm(BaseFormMixin, forms.Form):
    """A code from the authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=20,
        help_text=_(
            "De 6 cijfers uit uw authenticator-app, of een van uw herstelcodes als u de app "
            "niet bij de hand hebt."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autocapitalize": "none",
                "spellcheck": "false",
                "size": "10",
            }
        ),
    )


class SetupForm(BaseFormMixin, forms.Form):
    """The first code of a newly added authenticator app."""

    code = forms.CharField(
        label=_("Code uit de app"),
        max_length=10,
        help_text=_("De 6 cijfers die de app nu toont voor Basisbaan."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "size": "8"}
        ),
    )


class PasswordChangeForm(BaseFormMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(BaseFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(BaseFormMixin, auth_forms.SetPasswordForm):  # type: ignore[type-arg]
    pass
