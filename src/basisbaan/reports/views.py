"""Council report pages: the list, a new report, the preview, editing the texts,
finalising, a new version, the comparison with the previous version, the files
and the house style. Thin: the rules live in reports/services.py."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from basisbaan.audit.services import audit_export
from basisbaan.core.views import ServiceFormView
from basisbaan.programmes.selectors import programme_list
from basisbaan.reports import services
from basisbaan.reports.charts import data_uri
from basisbaan.reports.compare import compare
from basisbaan.reports.constants import SECTIONS, ReportFormat
from basisbaan.reports.forms import HouseStyleForm, ReportEditForm, ReportForm, fields_help
from basisbaan.reports.models import CouncilReport, HouseStyle
from basisbaan.reports.outputs import CONTENT_TYPES, filename, render
from basisbaan.reports.render import document
from basisbaan.reports.selectors import report_list
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin


def warning_rows(warnings: services.TextWarnings | None) -> dict[str, Any]:
    """The warnings per section title, for the pages."""
    if warnings is None:
        return {"name_rows": [], "field_rows": []}
    titles = {s.key: str(s.title) for s in SECTIONS}
    return {
        "name_rows": [(titles.get(k, k), v) for k, v in warnings.names.items()],
        "field_rows": [
            (titles.get(k, k), [f"{{{f}}}" for f in v]) for k, v in warnings.fields.items()
        ],
    }


class ReportMixin(TenantViewMixin):
    permission = Perm.REPORT_VIEW

    def report(self, pk: int) -> CouncilReport:
        return get_object_or_404(report_list(municipality=self.municipality), pk=pk)

    def may_edit(self) -> bool:
        return self.has_perm(Perm.REPORT_EDIT)


class ReportListView(ReportMixin, TemplateView):
    template_name = "reports/list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        reports = list(report_list(municipality=self.municipality))
        programmes = list(programme_list(municipality=self.municipality))
        context["groups"] = [
            (programme, [r for r in reports if r.programme_id == programme.pk])
            for programme in programmes
        ]
        context["may_edit"] = self.may_edit()
        return context


class ReportCreateView(ServiceFormView):
    permission = Perm.REPORT_EDIT
    form_class = ReportForm
    template_name = "reports/form.html"
    success_message = gettext_lazy("De conceptrapportage is aangemaakt.")
    extra_context = {"page_title": gettext_lazy("Nieuwe raadsrapportage")}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["programmes"] = programme_list(municipality=self.municipality)
        return kwargs

    def get_initial(self) -> dict[str, Any]:
        today = timezone.localdate()
        start = dt.date(today.year, 1 if today.month <= 6 else 7, 1)
        end = dt.date(today.year, 6, 30) if today.month <= 6 else dt.date(today.year, 12, 31)
        return {"as_of": today, "period_start": start, "period_end": end}

    def perform(self, form: ReportForm) -> CouncilReport:
        return services.report_create(
            actor=self.request.user,  # type: ignore[arg-type]
            today=timezone.localdate(),
            **form.cleaned_data,
        )

    def get_success_url(self) -> str:
        return reverse("reports:edit", args=[self.result.pk])


class ReportDetailView(ReportMixin, TemplateView):
    template_name = "reports/detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = self.report(self.kwargs["pk"])
        doc = document(report, today=timezone.localdate())
        logo = data_uri(doc.style.logo_svg) if doc.style.logo_svg else ""
        context.update(
            {
                "report": report,
                "doc": doc,
                "logo_uri": logo,
                "may_edit": self.may_edit(),
                # The warning names the participant in full (from "Dennis B." too): only
                # for those who write the report, never for a pseudonym-only reader.
                **warning_rows(
                    services.text_warnings(report) if report.is_draft and self.may_edit() else None
                ),
                "formats": list(ReportFormat),
                "has_next": CouncilReport.objects.filter(previous=report).exists(),
            }
        )
        return context


class ReportEditView(ReportMixin, ServiceFormView):
    permission = Perm.REPORT_EDIT
    form_class = ReportEditForm
    template_name = "reports/edit.html"

    def get_report(self) -> CouncilReport:
        report = self.report(self.kwargs["pk"])
        if not report.is_draft:
            raise Http404
        return report

    def get_initial(self) -> dict[str, Any]:
        report = self.get_report()
        initial: dict[str, Any] = {
            "title": report.title,
            "as_of": report.as_of,
            "period_start": report.period_start,
            "period_end": report.period_end,
        }
        for key, text in (report.texts or {}).items():
            initial[f"text_{key}"] = text
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = self.get_report()
        context.update(
            {
                "report": report,
                "page_title": _("Rapportage bewerken"),
                "fields_help": fields_help(),
                **warning_rows(services.text_warnings(report)),
            }
        )
        return context

    def perform(self, form: ReportEditForm) -> CouncilReport:
        data = {
            key: form.cleaned_data[key] for key in ("title", "as_of", "period_start", "period_end")
        }
        data["texts"] = form.texts()
        report, _warnings = services.report_update(
            report=self.get_report(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=data,
            today=timezone.localdate(),
        )
        messages.success(self.request, _("De rapportage is opgeslagen."))
        return report

    def get_success_url(self) -> str:
        return reverse("reports:detail", args=[self.result.pk])


class ReportFinaliseView(ReportMixin, TemplateView):
    permission = Perm.REPORT_EDIT
    template_name = "reports/finalise.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = self.report(self.kwargs["pk"])
        context.update({"report": report, **warning_rows(services.text_warnings(report))})
        return context

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.report(pk)
        try:
            report = services.report_finalise(report=report, actor=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("De rapportage is definitief. Deze versie verandert niet meer.")
            )
        return HttpResponseRedirect(reverse("reports:detail", args=[report.pk]))


class ReportNewVersionView(ReportMixin, View):
    permission = Perm.REPORT_EDIT

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        report = self.report(pk)
        try:
            draft = services.report_new_version(report=report, actor=request.user)  # type: ignore[arg-type]
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return HttpResponseRedirect(reverse("reports:detail", args=[report.pk]))
        messages.success(request, _("Een nieuwe conceptversie is aangemaakt."))
        return HttpResponseRedirect(reverse("reports:edit", args=[draft.pk]))


class ReportCompareView(ReportMixin, TemplateView):
    template_name = "reports/compare.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = self.report(self.kwargs["pk"])
        previous = report.previous
        if previous is None:
            raise Http404
        before = services.published_figures(previous)
        after = services.published_figures(report)
        texts, figures = compare(
            services.filled_texts(previous, before),
            services.filled_texts(report, after),
            before,
            after,
        )
        context.update(
            {
                "report": report,
                "previous": previous,
                "text_changes": texts,
                "figure_changes": figures,
            }
        )
        return context


class ReportDownloadView(ReportMixin, View):
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        if fmt not in ReportFormat.values:
            raise Http404
        report = self.report(pk)
        doc = document(report, today=timezone.localdate())
        content = render(doc, fmt)
        audit_export(
            actor=request.user,  # type: ignore[arg-type]
            municipality=self.municipality,
            model=CouncilReport,
            filters={"id": str(report.pk), "version": str(report.number), "status": report.status},
            rows=1,
            file_format=fmt,
        )
        response = HttpResponse(content, content_type=CONTENT_TYPES[ReportFormat(fmt)])
        # Every format as a file, the web page too: it carries its own styles, which
        # the application's Content-Security-Policy would block if shown in place.
        response["Content-Disposition"] = f'attachment; filename="{filename(doc, fmt)}"'
        return response


class HouseStyleView(ServiceFormView):
    permission = Perm.REPORT_EDIT
    form_class = HouseStyleForm
    template_name = "reports/house_style.html"
    success_message = gettext_lazy("De huisstijl is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Huisstijl van de documenten")}

    def stored(self) -> HouseStyle:
        return HouseStyle.objects.filter(municipality=self.municipality).first() or HouseStyle(
            municipality=self.municipality
        )

    def get_initial(self) -> dict[str, Any]:
        style = self.stored()
        return {
            "name": style.name,
            "colour": style.colour,
            "accent": style.accent,
            "font": style.font,
            "logo_alt": style.logo_alt,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        style = self.stored()
        context["style"] = style
        context["logo_uri"] = data_uri(style.logo_svg) if style.logo_svg else ""
        return context

    def perform(self, form: HouseStyleForm) -> HouseStyle:
        data = {k: form.cleaned_data[k] for k in ("name", "colour", "accent", "font", "logo_alt")}
        if form.cleaned_data.get("remove_logo"):
            data["logo_svg"] = ""
        elif form.cleaned_data.get("logo"):
            data["logo_svg"] = form.cleaned_data["logo"]
        return services.house_style_save(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            data=data,
        )

    def get_success_url(self) -> str:
        return reverse("reports:house_style")
