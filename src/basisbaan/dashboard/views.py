"""The dashboard: the municipality's key figures, read through :mod:`.selectors`;
and the programme dashboard: a council report's figures, live."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from basisbaan.dashboard.forms import ProgrammeDashboardForm
from basisbaan.dashboard.presentation import (
    block_charts,
    page_tables,
    spent_chart,
    track_figures,
    trend_view,
)
from basisbaan.dashboard.selectors import dashboard_counts, programme_figures, working_trend
from basisbaan.programmes.selectors import programme_list
from basisbaan.regions.selectors import is_regional_user
from basisbaan.reports.models import HouseStyle
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin


class DashboardView(TenantViewMixin, TemplateView):
    permission = Perm.PARTICIPANT_VIEW
    template_name = "dashboard/dashboard.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        # A regional user has no municipality: the region is their start page.
        if getattr(request, "membership", None) is None and is_regional_user(request.user):  # type: ignore[arg-type]
            return HttpResponseRedirect(reverse("regions:index"))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(dashboard_counts(self.municipality))
        return context


class ProgrammeDashboardView(TenantViewMixin, TemplateView):
    """The council report's figures live for one programme: filters by peildatum,
    period and track, charts beside their tables, and the trend since the start."""

    permission = Perm.PROGRAMME_DASHBOARD
    template_name = "dashboard/programme.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programme = get_object_or_404(
            programme_list(municipality=self.municipality), pk=int(self.kwargs["pk"])
        )
        form = ProgrammeDashboardForm(
            self.request.GET or None, start=programme.start_date, today=timezone.localdate()
        )
        as_of, period_start, column = form.choice()
        figures, kept_back = programme_figures(programme, as_of=as_of, period_start=period_start)
        shown = track_figures(figures, column)
        style = HouseStyle.objects.filter(municipality=self.municipality).first() or HouseStyle(
            municipality=self.municipality
        )
        spent_table, spent_charts = spent_chart(shown, style)
        charts = block_charts(shown, style)
        blocks = [
            {
                "key": key,
                "title": block["title"],
                "tables": page_tables(block),
                "charts": charts.get(key, []),
            }
            for key, block in shown["blocks"].items()
        ]
        context.update(
            programme=programme,
            form=form,
            as_of=as_of,
            period_start=period_start,
            threshold=figures["threshold"],
            blocks=blocks,
            kept_back=kept_back,
            trend=trend_view(
                working_trend(programme, as_of=as_of),
                columns=figures["columns"],
                column=column,
                threshold=figures["threshold"],
            ),
            spent=page_tables({"tables": [spent_table]})[0],
            spent_charts=spent_charts,
        )
        return context
