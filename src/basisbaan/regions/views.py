"""Regional pages: the regions a user may see, a region's comparison with its
downloads, and (for the municipality) sharing a programme and withdrawing it."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from basisbaan.audit.services import audit_export
from basisbaan.calc.regional import Cell, Row
from basisbaan.core.templatetags.nlformat import euro, number, percentage
from basisbaan.jobs.services import start_job
from basisbaan.programmes.selectors import programme_list
from basisbaan.regions import services
from basisbaan.regions.charts import Bar, bar_chart
from basisbaan.regions.definitions import COUNT_FIGURES, RATE_FIGURES, YEAR_FIGURES, Figure
from basisbaan.regions.export import comparison_csv, comparison_workbook
from basisbaan.regions.forms import ShareForm
from basisbaan.regions.jobs import REFRESH
from basisbaan.regions.models import Region, SharedFigures, Sharing
from basisbaan.regions.selectors import (
    MunicipalityColumn,
    RegionComparison,
    dangerously_region_comparison,
    region_list_visible,
    sharing_history,
    sharing_lines,
)
from basisbaan.tenancy.roles import Perm, has_perm
from basisbaan.tenancy.scoping import TenantViewMixin

TABLE_GROUPS = {
    "people": (
        "started",
        "started_transition",
        "started_social",
        "active",
        "working",
        "exited",
        "exits_work",
    ),
    "follow": (
        "ret12_eligible",
        "ret12_retained",
        "fu6_measured",
        "fu6_working",
        "placements_running",
        "cadence_kept",
    ),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _membership(request: HttpRequest) -> Any:
    return getattr(request, "membership", None)


def _may_share(request: HttpRequest) -> bool:
    membership = _membership(request)
    return membership is not None and has_perm(membership.role, Perm.REGION_SHARE)


def _visible(request: HttpRequest) -> Any:
    return region_list_visible(user=request.user, membership=_membership(request))  # type: ignore[arg-type]


def _region(request: HttpRequest, slug: str) -> Region:
    """The region ``slug`` if the user may see it; 404 otherwise (as if it did not exist)."""
    region: Region | None = _visible(request).filter(slug=slug).first()
    if region is None:
        raise Http404(_("Deze regio bestaat niet of u heeft er geen toegang toe."))
    return region


class RegionIndexView(TemplateView):
    """The regions the user may see; for the municipality, where it shares."""

    template_name = "regions/index.html"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        membership = _membership(request)
        may_view = membership is not None and has_perm(membership.role, Perm.REGION_VIEW)
        if not (_may_share(request) or may_view or _visible(request).exists()):
            raise PermissionDenied(_("U heeft geen recht op deze pagina."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(regions=list(_visible(self.request)), may_share=_may_share(self.request))
        return context


def _cell_text(cell: Any, kind: str, threshold: int) -> str:
    if cell.value is None:
        if cell.mark == "primary":
            return _("minder dan %(n)s") % {"n": threshold}
        if cell.mark == "secondary":
            return _("afgeschermd")
        return "—"
    if kind == "count":
        return number(cell.value)
    if kind == "rate":
        return percentage(cell.value, 1)
    if kind == "money":
        return euro(Decimal(int(cell.value)) / 100)
    return number(cell.value, 1)


def comparison_tables(data: RegionComparison) -> list[dict[str, Any]]:
    """The page's tables as rows of texts (the template only lays them out): one row per
    municipality and the region's total last."""
    threshold = data.comparison.threshold
    lines: list[tuple[str, MunicipalityColumn | None, Row]] = [
        (c.name, c, r) for c, r in data.rows()
    ]
    lines.append((_("Regio (totaal)"), None, data.comparison.total))
    counts = {f.key: f for f in COUNT_FIGURES}

    def cells(row: Row, group: str) -> list[dict[str, Any]]:
        if group == "results":
            out = [
                {"label": f.label, "text": _cell_text(row.rates[f.key], "rate", threshold)}
                for f in RATE_FIGURES
            ]
            out.append(
                {
                    "label": YEAR_FIGURES[0].label,
                    "text": _cell_text(row.cost_per_year, "money", threshold),
                }
            )
            out.append(
                {
                    "label": YEAR_FIGURES[1].label,
                    "text": _cell_text(row.hours_per_year, "hours", threshold),
                }
            )
            return out
        return [
            {"label": counts[k].label, "text": _cell_text(row.counts[k], "count", threshold)}
            for k in TABLE_GROUPS[group]
        ]

    tables = []
    for group, caption in (
        ("people", _("Deelnemers en uitstroom")),
        ("follow", _("Behoud, nameting en terugkoppeling")),
        ("results", _("Resultaten en kosten")),
    ):
        heads = (
            [*(f.label for f in RATE_FIGURES), *(f.label for f in YEAR_FIGURES)]
            if group == "results"
            else [counts[k].label for k in TABLE_GROUPS[group]]
        )
        tables.append(
            {
                "caption": caption,
                "heads": heads,
                "rows": [
                    {"name": name, "total": column is None, "cells": cells(row, group)}
                    for name, column, row in lines
                ],
            }
        )
    return tables


def comparison_charts(data: RegionComparison) -> list[dict[str, Any]]:
    rows = data.rows()
    total = data.comparison.total
    region_label = _("Regio")

    def bars(get: Any) -> list[Bar]:
        return [Bar(c.name, get(r).value) for c, r in rows] + [
            Bar(region_label, get(total).value, region=True)
        ]

    def pct(value: Any) -> str:
        return percentage(value, 1)

    def rate_of(key: str) -> Callable[[Row], Cell]:
        return lambda r: r.rates[key]

    def money(value: Any) -> str:
        return euro(Decimal(int(value)) / 100)

    def hours(value: Any) -> str:
        return number(value, 1)

    specs: list[tuple[Figure, Callable[[Row], Cell], Callable[[Any], str]]] = [
        (f, rate_of(f.key), pct)
        for f in RATE_FIGURES
        if f.key in ("retention12", "exits_work_share", "durable6")
    ]
    specs += [
        (YEAR_FIGURES[0], lambda r: r.cost_per_year, money),
        (YEAR_FIGURES[1], lambda r: r.hours_per_year, hours),
    ]
    charts = []
    for figure, get, text in specs:
        if all(bar.value is None for bar in bars(get)):
            continue
        charts.append(
            {
                "label": figure.label,
                "svgs": bar_chart(
                    ident=f"region-{figure.key}",
                    title=str(figure.label),
                    desc=_(
                        "Per gemeente en voor de regio: %(definition)s Afgeschermde cijfers "
                        "hebben geen staaf. De tabel ‘Resultaten en kosten’ geeft de cijfers."
                    )
                    % {"definition": figure.definition},
                    bars=bars(get),
                    text=text,
                ),
            }
        )
    return charts


class RegionComparisonView(TemplateView):
    template_name = "regions/comparison.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        region = _region(self.request, self.kwargs["slug"])
        data = dangerously_region_comparison(region=region, today=timezone.localdate())
        context.update(
            region=region,
            data=data,
            tables=comparison_tables(data),
            charts=comparison_charts(data) if data.columns else [],
            count_figures=COUNT_FIGURES,
            rate_figures=RATE_FIGURES,
            year_figures=YEAR_FIGURES,
        )
        return context


class RegionExportView(View):
    """The comparison as CSV or Excel (aggregates only; the download is logged)."""

    def get(self, request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
        region = _region(request, slug)
        data = dangerously_region_comparison(region=region, today=timezone.localdate())
        audit_export(
            actor=request.user,  # type: ignore[arg-type]
            municipality=getattr(request, "municipality", None),
            model=SharedFigures,
            filters={"region": region.slug},
            rows=len(data.columns) + 1,
            file_format=fmt,
        )
        stamp = timezone.localdate().isoformat()
        if fmt == "csv":
            response = HttpResponse(comparison_csv(data), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(comparison_workbook(data), content_type=XLSX)
        response["Content-Disposition"] = (
            f'attachment; filename="regio-{region.slug}-{stamp}.{fmt}"'
        )
        return response


class SharingView(TenantViewMixin, TemplateView):
    """The municipality's regions and programmes: shared or not, share, withdraw, refresh."""

    permission = Perm.REGION_SHARE
    template_name = "regions/sharing.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            lines=sharing_lines(municipality=self.municipality),
            history=sharing_history(municipality=self.municipality)[:50],
            form=ShareForm(),
        )
        return context


class ShareStartView(TenantViewMixin, View):
    permission = Perm.REGION_SHARE

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ShareForm(request.POST)
        back = HttpResponseRedirect(reverse("regions:sharing"))
        if not form.is_valid():
            messages.error(request, _("Vink aan dat u de cijfers wilt delen."))
            return back
        region = get_object_or_404(
            Region.objects.filter(members__municipality=self.municipality),
            pk=form.cleaned_data["region"],
        )
        programme = get_object_or_404(
            programme_list(municipality=self.municipality), pk=form.cleaned_data["programme"]
        )
        try:
            services.sharing_start(
                actor=request.user,  # type: ignore[arg-type]
                municipality=self.municipality,
                programme=programme,
                region=region,
                as_of=timezone.localdate(),
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return back
        messages.success(
            request,
            _("%(programme)s wordt nu gedeeld met %(region)s.")
            % {"programme": programme.name, "region": region.name},
        )
        return back


class ShareWithdrawView(TenantViewMixin, View):
    permission = Perm.REGION_SHARE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        sharing = get_object_or_404(
            Sharing.objects.filter(municipality=self.municipality).select_related(
                "programme", "region"
            ),
            pk=pk,
        )
        try:
            services.sharing_withdraw(
                actor=request.user,  # type: ignore[arg-type]
                municipality=self.municipality,
                sharing=sharing,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _(
                    "%(programme)s wordt niet meer gedeeld met %(region)s. De regio ziet de cijfers niet meer."
                )
                % {"programme": sharing.programme.name, "region": sharing.region.name},
            )
        return HttpResponseRedirect(reverse("regions:sharing"))


class ShareRefreshView(TenantViewMixin, View):
    """Compute a shared programme's figures again, in the background."""

    permission = Perm.REGION_SHARE

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        programme = get_object_or_404(programme_list(municipality=self.municipality), pk=pk)
        if not Sharing.objects.filter(
            municipality=self.municipality, programme=programme, withdrawn_at__isnull=True
        ).exists():
            messages.error(request, _("Dit programma wordt met geen enkele regio gedeeld."))
            return HttpResponseRedirect(reverse("regions:sharing"))
        job = start_job(
            municipality=self.municipality,
            actor=request.user,  # type: ignore[arg-type]
            kind=REFRESH,
            label=_("Regionale cijfers bijwerken: %(programme)s") % {"programme": programme.name},
            params={"programme": programme.pk, "as_of": timezone.localdate().isoformat()},
        )
        return HttpResponseRedirect(reverse("jobs:detail", args=[job.pk]))
