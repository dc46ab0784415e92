from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import BaseFormMixin


class SubjectAccessForm(BaseFormMixin, forms.Form):
    """The privacy officer's search: one person, by BSN."""

    bsn = forms.CharField(
        label=_("BSN"),
        max_length=9,
        min_length=9,
        help_text=_("Het burgerservicenummer van de persoon die om inzage vraagt, 9 cijfers."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "bb-input-short"}
        ),
    )
