"""Budget pages: per programme the years, the forecast with its band, room for intake;
forms for budgets, expenditures, planned starts and closing a year."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView, View

from basisbaan.audit.services import audit_export
from basisbaan.budgets import services
from basisbaan.budgets.capacity_view import (
    capacity_context,
    capacity_question,
    computing_context,
)
from basisbaan.budgets.chart import charts_of
from basisbaan.budgets.constants import PRIOR, SCENARIO_LABELS
from basisbaan.budgets.export import forecast_workbook
from basisbaan.budgets.forecasting import build, closing_preview
from basisbaan.budgets.forms import (
    BudgetCloseForm,
    BudgetCreateForm,
    BudgetReopenForm,
    BudgetUpdateForm,
    ExpenditureForm,
    ForecastQueryForm,
    PlannedStartForm,
)
from basisbaan.budgets.jobs import (
    FORECAST,
    cached_forecast,
    current_forecast,
    page_lkv,
    page_results,
)
from basisbaan.budgets.models import Budget, Expenditure, PlannedStart
from basisbaan.budgets.report import year_rows
from basisbaan.budgets.selectors import budget_list, expenditure_list, planned_start_list
from basisbaan.calc.forecast import Scenario
from basisbaan.core.views import ObjectServiceFormView
from basisbaan.jobs.models import Job
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.roles import Perm
from basisbaan.tenancy.scoping import TenantViewMixin


def _programme(municipality: Municipality, pk: int) -> Programme:
    return get_object_or_404(programme_list(municipality=municipality), pk=pk)


class BudgetOverviewView(TenantViewMixin, TemplateView):
    """The programmes, each with a link to its budget page."""

    permission = Perm.BUDGET_VIEW
    template_name = "budgets/overview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["programmes"] = programme_list(municipality=self.municipality).order_by(
            "-start_date", "name"
        )
        return context


class ProgrammeBudgetView(TenantViewMixin, TemplateView):
    """Per year: budget, spent, committed, forecast, to the accounts result; chart; capacity.

    A large forecast (draws x contracts above ``FORECAST_INLINE_LIMIT``) is computed
    in the background: the page then shows its progress and reloads into the answer.
    A POST asks again after a failed attempt.
    """

    permission = Perm.BUDGET_VIEW
    template_name = "budgets/programme.html"
    retry = False

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.retry = True
        self.get_context_data(**kwargs)
        return HttpResponseRedirect(request.get_full_path())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        programme = _programme(self.municipality, int(self.kwargs["pk"]))
        query = ForecastQueryForm(self.request.GET or None)
        scenario, draws, seed = query.values()
        if not query.is_bound:
            query = ForecastQueryForm(
                initial={"scenario": str(scenario), "draws": draws, "seed": seed}
            )
        today = timezone.localdate()
        capacity_form, question = capacity_question(self.request, programme, today)
        user = self.request.user
        results = page_results(
            programme=programme,
            actor=user if isinstance(user, User) else None,
            scenario=scenario,
            draws=draws,
            seed=seed,
            today=today,
            question=question,
            want_forecast=True,
            url=self.request.get_full_path(),
            retry=self.retry,
        )
        forecast = results.forecast
        rows = year_rows(forecast, scenario) if forecast is not None else []
        context.update(
            programme=programme,
            forecast=forecast,
            computing=(
                computing_context(programme, results.job, results.failed)
                if forecast is None or results.forecast_since is not None
                else None
            ),
            forecast_since=results.forecast_since,
            rows=rows,
            open_rows=[r for r in rows if not r.closed and r.low is not None],
            scenario=scenario,
            scenario_label=SCENARIO_LABELS[scenario],
            observed_label=SCENARIO_LABELS[Scenario.OBSERVED],
            is_observed=scenario == Scenario.OBSERVED,
            query_form=query,
            forecast_query={"scenario": str(scenario), "draws": draws, "seed": seed},
            charts=charts_of(forecast.months) if forecast is not None else [],
            prior=PRIOR,
            expenditures=expenditure_list(municipality=self.municipality)
            .filter(budget__programme=programme)
            .order_by("-booked_on", "-id"),
            planned_starts=planned_start_list(municipality=self.municipality).filter(
                programme=programme
            ),
            export_query=urlencode({"scenario": str(scenario), "draws": draws, "seed": seed}),
            this_year=today.year,
            # A large programme's job computes the LKV too; meanwhile the last list.
            lkv_years=page_lkv(programme, compute=not results.pending),
            **capacity_context(capacity_form, question, results, programme),
        )
        return context


class ComputingProgressView(TenantViewMixin, View):
    """The progress part of a forecast job (htmx), for whoever looks at the programme:
    the job may be another user's (two users asking the same forecast share one job).
    When the job has finished, the page reloads: into the answer, or the failure."""

    permission = Perm.BUDGET_VIEW

    def get(self, request: HttpRequest, pk: int, job: int) -> HttpResponse:
        programme = _programme(self.municipality, pk)
        found = get_object_or_404(
            Job.objects.filter(
                municipality=self.municipality, kind=FORECAST, params__programme=programme.pk
            ),
            pk=job,
        )
        response = render(request, "jobs/_progress.html", computing_context(programme, found, None))
        if found.finished:
            response["HX-Refresh"] = "true"
        return response


class BudgetExportView(TenantViewMixin, View):
    """The budget page's figures as an Excel workbook."""

    permission = Perm.BUDGET_VIEW

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        programme = _programme(self.municipality, pk)
        scenario, draws, seed = ForecastQueryForm(request.GET or None).values()
        # The page's answer when it is current (also one computed in the background);
        # else computed now: a download is asked for on purpose.
        forecast = current_forecast(
            programme, draws=draws, seed=seed, scenario=scenario, today=timezone.localdate()
        ) or cached_forecast(
            build(programme), draws=draws, seed=seed, scenario=scenario, compute=True
        )
        assert forecast is not None
        # Totals only, no personal data; still a file that leaves the application.
        audit_export(
            actor=request.user,  # type: ignore[arg-type]
            municipality=self.municipality,
            model=Budget,
            filters={
                "programme": str(programme.pk),
                "scenario": str(scenario),
                "draws": str(draws),
                "seed": str(seed),
            },
            rows=len(forecast.months),
            file_format="xlsx",
        )
        response = HttpResponse(
            forecast_workbook(forecast, scenario),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="budget-{programme.slug}.xlsx"'
        return response


def _budget_url(programme_id: int) -> str:
    return reverse("budgets:programme", args=[programme_id])


class ProgrammeFormView(ObjectServiceFormView):
    """A form about one programme of the municipality."""

    permission = Perm.BUDGET_MANAGE
    context_object_name = "programme"
    template_name = "budgets/form.html"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return programme_list(municipality=municipality)

    def get_success_url(self) -> str:
        return _budget_url(self.object.pk)


class BudgetCreateView(ProgrammeFormView):
    form_class = BudgetCreateForm
    success_message = gettext_lazy("Het budget is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Budget voor een jaar")}

    def perform(self, form: BudgetCreateForm) -> Budget:
        return services.budget_create(
            programme=self.object,
            actor=self.request.user,  # type: ignore[arg-type]
            **form.service_data(),
        )


class PlannedStartCreateView(ProgrammeFormView):
    form_class = PlannedStartForm
    success_message = gettext_lazy("De geplande instroom is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Geplande instroom")}

    def perform(self, form: PlannedStartForm) -> PlannedStart:
        return services.planned_start_create(
            programme=self.object,
            actor=self.request.user,  # type: ignore[arg-type]
            **form.service_data(),
        )


class BudgetFormView(ObjectServiceFormView):
    """A form about one budget year."""

    permission = Perm.BUDGET_MANAGE
    context_object_name = "budget"
    template_name = "budgets/form.html"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Budget]:
        return budget_list(municipality=municipality)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["programme"] = self.object.programme
        return context

    def get_success_url(self) -> str:
        return _budget_url(self.object.programme_id)


class BudgetUpdateView(BudgetFormView):
    form_class = BudgetUpdateForm
    success_message = gettext_lazy("Het budget is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Budget wijzigen")}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_object()
        return kwargs

    def perform(self, form: BudgetUpdateForm) -> Budget:
        return services.budget_update(
            budget=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )


class ExpenditureCreateView(BudgetFormView):
    form_class = ExpenditureForm
    success_message = gettext_lazy("De uitgave is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Uitgave toevoegen")}

    def perform(self, form: ExpenditureForm) -> Expenditure:
        return services.expenditure_create(
            budget=self.object,
            actor=self.request.user,  # type: ignore[arg-type]
            **form.service_data(),
        )


class BudgetCloseView(BudgetFormView):
    """Closing a year in two steps: this page shows what will be recorded (spending per
    category, the accounts result, months without payroll); the button closes it."""

    form_class = BudgetCloseForm
    template_name = "budgets/close.html"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        self.preview = closing_preview(self.object)
        kwargs["missing"] = bool(self.preview.missing)
        return kwargs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            preview=self.preview,
            page_title=_("Jaar %(year)s afsluiten") % {"year": self.object.year},
            submit_label=_("Jaar %(year)s afsluiten") % {"year": self.object.year},
        )
        return context

    def perform(self, form: BudgetCloseForm) -> Budget:
        budget = services.budget_close(
            budget=self.object,
            actor=self.request.user,  # type: ignore[arg-type]
            **form.service_data(),
        )
        messages.success(
            self.request, _("Het jaar %(year)s is afgesloten.") % {"year": budget.year}
        )
        return budget


class BudgetReopenView(BudgetFormView):
    """Reopen a closed year, with a reason: the functional administrator only."""

    permission = Perm.BUDGET_REOPEN
    form_class = BudgetReopenForm
    template_name = "budgets/reopen.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            page_title=_("Jaar %(year)s heropenen") % {"year": self.object.year},
            submit_label=_("Jaar %(year)s heropenen") % {"year": self.object.year},
        )
        return context

    def perform(self, form: BudgetReopenForm) -> Budget:
        budget = services.budget_reopen(
            budget=self.object,
            actor=self.request.user,  # type: ignore[arg-type]
            reason=form.cleaned_data["reason"],
        )
        messages.success(self.request, _("Het jaar %(year)s is heropend.") % {"year": budget.year})
        return budget


class DeleteView(TenantViewMixin, View):
    """Remove a record (POST only) through its service."""

    permission = Perm.BUDGET_MANAGE

    def find(self, pk: int) -> Any:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        found = self.find(pk)
        if found is None:
            raise Http404(_("Dit record bestaat niet."))
        try:
            programme_id = self.remove(found)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return HttpResponseRedirect(_budget_url(self.programme_of(found)))
        messages.success(request, _("Verwijderd."))
        return HttpResponseRedirect(_budget_url(programme_id))

    def remove(self, found: Any) -> int:
        raise NotImplementedError

    def programme_of(self, found: Any) -> int:
        raise NotImplementedError


class ExpenditureDeleteView(DeleteView):
    def find(self, pk: int) -> Expenditure | None:
        return expenditure_list(municipality=self.municipality).filter(pk=pk).first()

    def programme_of(self, found: Expenditure) -> int:
        return found.budget.programme_id

    def remove(self, found: Expenditure) -> int:
        services.expenditure_delete(expenditure=found, actor=self.request.user)  # type: ignore[arg-type]
        return found.budget.programme_id


class PlannedStartDeleteView(DeleteView):
    def find(self, pk: int) -> PlannedStart | None:
        return planned_start_list(municipality=self.municipality).filter(pk=pk).first()

    def programme_of(self, found: PlannedStart) -> int:
        return found.programme_id

    def remove(self, found: PlannedStart) -> int:
        services.planned_start_delete(planned=found, actor=self.request.user)  # type: ignore[arg-type]
        return found.programme_id
