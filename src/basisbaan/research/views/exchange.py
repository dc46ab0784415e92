"""The REFI-QDA exchange page of a study: download the study as .qdpx and its
codebook as .qdc, upload a .qdc codebook or a .qdpx project's codings. Thin: the
format is research/refi.py, the matching and writes research/exchange.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from basisbaan.core.forms import add_service_errors
from basisbaan.research import exchange
from basisbaan.research.forms.exchange import ImportForm
from basisbaan.research.models import Code, Study
from basisbaan.research.selectors import study_list
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin


class ExchangeMixin(TenantViewMixin):
    permission = Perm.RESEARCH_VIEW

    def study(self, pk: int) -> Study:
        return get_object_or_404(study_list(municipality=self.municipality), pk=pk)

    def page(self, request: HttpRequest, study: Study, **forms: ImportForm) -> HttpResponse:
        may_manage = self.has_perm(Perm.RESEARCH_MANAGE)
        context = {
            "study": study,
            "has_codes": Code.objects.filter(municipality=self.municipality, study=study).exists(),
            "may_manage": may_manage,
            "qdc_form": forms.get("qdc") or ImportForm(extension=".qdc"),
            "qdpx_form": forms.get("qdpx") or ImportForm(extension=".qdpx"),
        }
        return TemplateResponse(request, "research/exchange/page.html", context)


class ExchangeView(ExchangeMixin, TemplateView):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.page(request, self.study(kwargs["pk"]))


class ExportView(ExchangeMixin, View):
    def get(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        if fmt not in exchange.CONTENT_TYPES:
            raise Http404
        study = self.study(pk)
        actor = request.user
        if fmt == "qdpx":
            content = exchange.study_export_qdpx(study=study, actor=actor)  # type: ignore[arg-type]
        else:
            try:
                content = exchange.codebook_export_qdc(study=study, actor=actor)  # type: ignore[arg-type]
            except ValidationError:
                messages.error(request, _("Het codeboek heeft nog geen codes."))
                return HttpResponseRedirect(reverse("research:export", args=[study.pk]))
        response = HttpResponse(content, content_type=exchange.CONTENT_TYPES[fmt])
        response["Content-Disposition"] = (
            f'attachment; filename="{exchange.export_filename(study, fmt)}"'
        )
        return response


class ImportView(ExchangeMixin, View):
    permission = Perm.RESEARCH_MANAGE

    def post(self, request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
        if fmt not in exchange.CONTENT_TYPES:
            raise Http404
        study = self.study(pk)
        form = ImportForm(request.POST, request.FILES, extension=f".{fmt}")
        if not form.is_valid():
            return self.page(request, study, **{fmt: form})
        service = exchange.codings_import_qdpx if fmt == "qdpx" else exchange.codebook_import_qdc
        try:
            result = service(study=study, actor=request.user, content=form.cleaned_data["file"])  # type: ignore[arg-type]
        except ValidationError as exc:
            add_service_errors(form, exc, {})
            return self.page(request, study, **{fmt: form})
        messages.success(request, summary(result))
        if result.unmatched_sources:
            messages.warning(
                request,
                _("Niet gevonden in dit onderzoek (niet geïmporteerd): %(names)s.")
                % {"names": ", ".join(result.unmatched_sources)},
            )
        return HttpResponseRedirect(reverse("research:export", args=[study.pk]))


def summary(result: exchange.ImportResult) -> str:
    return _(
        "Geïmporteerd: %(codes)s nieuwe codes (%(codes_skipped)s al aanwezig), "
        "%(codings)s nieuwe coderingen (%(codings_skipped)s al aanwezig)."
    ) % {
        "codes": result.codes_created,
        "codes_skipped": result.codes_skipped,
        "codings": result.codings_created,
        "codings_skipped": result.codings_skipped,
    }
