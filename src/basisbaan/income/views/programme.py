"""The programme manager's view of "does work pay?": over the programme's current
participants, what working at their contract's hours brings against assistance.
Aggregates only, small numbers suppressed: no names, no rows per person."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from basisbaan.calc.income_distribution import Published
from basisbaan.calc.suppression import Mark
from basisbaan.core.forms import Form
from basisbaan.income.programme import programme_gains
from basisbaan.income.programme_chart import band_label, gain_chart
from basisbaan.income.rules import income_years
from basisbaan.outcomes.selectors import threshold_of
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin

__all__ = ["ProgrammeGainView"]


class GainAsOfForm(Form):
    peildatum = forms.DateField(
        label=gettext_lazy("Peildatum"),
        required=False,
        help_text=gettext_lazy("Leeg is vandaag. Bijvoorbeeld 31-12-2025."),
    )

    def __init__(self, *args: Any, years: range, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.years = years

    def clean_peildatum(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("peildatum")
        if day is not None and day.year not in self.years:
            raise forms.ValidationError(
                gettext_lazy("Kies een datum in %(first)s tot en met %(last)s."),
                params={"first": self.years[0], "last": self.years[-1]},
            )
        return day

    def day(self, today: dt.date) -> dt.date:
        if self.is_bound and self.is_valid() and self.cleaned_data.get("peildatum"):
            chosen: dt.date = self.cleaned_data["peildatum"]
            return chosen
        return today


def _text(figures: Published, key: str) -> tuple[str, bool]:
    """A count as shown, and whether it is suppressed."""
    value = figures.value(key)
    if value is not None:
        return str(value), False
    if figures.marks[key] is Mark.PRIMARY:
        return _("minder dan %(n)s") % {"n": figures.threshold}, True
    return _("afgeschermd"), True


class ProgrammeGainView(TenantViewMixin, TemplateView):
    """Over the programme's current participants: the monthly gain in bands of
    EUR 100, the number worse off, the median and the number not computed."""

    permission = Perm.OUTCOME_VIEW
    template_name = "income/programme.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programme = get_object_or_404(
            programme_list(municipality=self.municipality), pk=int(self.kwargs["pk"])
        )
        today = timezone.localdate()
        form = GainAsOfForm(self.request.GET or None, years=income_years(today))
        day = form.day(today)
        try:
            gains = programme_gains(programme, day=day, threshold=threshold_of(self.municipality))
        except LookupError:
            gains = None
        context.update(programme=programme, as_of=day, as_of_form=form, gains=gains)
        if gains is None:
            return context
        figures = gains.figures
        d = figures.distribution
        context.update(
            figures=figures,
            rows=[(band_label(b), *_text(figures, b.key)) for b in d.bands],
            participants=_text(figures, "participants"),
            computed=_text(figures, "computed"),
            other=_text(figures, "other"),
            worse_off=_text(figures, figures.worse_off_key),
            charts=gain_chart(figures),
            assumptions=len(gains.rules.assumptions),
        )
        return context
