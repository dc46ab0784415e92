"""API of budgets: ``/api/v1/budgets/`` (with ``{id}/close/``), ``/api/v1/expenditures/``,
``/api/v1/programmes/{id}/forecast/`` and ``/api/v1/programmes/{id}/capacity/``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.budgets import services
from basisbaan.budgets.api.serializers import (
    BudgetCloseSerializer,
    BudgetReopenSerializer,
    BudgetSerializer,
    BudgetUpdateSerializer,
    CapacityQuerySerializer,
    CapacitySerializer,
    ClosingPreviewSerializer,
    ExpenditureSerializer,
    ForecastQuerySerializer,
    ForecastSerializer,
    PlannedStartSerializer,
)
from basisbaan.budgets.forecasting import (
    ClosingPreview,
    ProgrammeForecast,
    closing_preview,
)
from basisbaan.budgets.jobs import CapacityQuestion, PageResults, page_results
from basisbaan.budgets.models import Budget, Expenditure, PlannedStart
from basisbaan.budgets.selectors import budget_list, expenditure_list, planned_start_list
from basisbaan.calc.forecast import Scenario
from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.jobs.api.serializers import JobSerializer
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.roles import Perm

__all__ = [
    "BudgetViewSet",
    "ExpenditureViewSet",
    "PlannedStartViewSet",
    "ProgrammeForecastViewSet",
]


@extend_schema_view(
    list=extend_schema(summary="Budgetten per programma en jaar"),
    retrieve=extend_schema(summary="Eén budgetjaar"),
    create=extend_schema(summary="Budgetjaar toevoegen"),
    update=extend_schema(summary="Budgetjaar wijzigen"),
    partial_update=extend_schema(summary="Budgetjaar deels wijzigen"),
)
class BudgetViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    TenantViewSet,
):
    """Het budget van een programma per kalenderjaar; een afgesloten jaar is vergrendeld."""

    audit_reads = False
    audit_reads_reason = "Budgets: amounts per programme, no personal data."

    queryset = Budget.objects.none()
    serializer_class = BudgetSerializer
    ordering_fields = ["year", "id"]
    ordering = ["programme_id", "year"]
    schema = TenantAutoSchema()
    view_permission = Perm.BUDGET_VIEW
    manage_permission = Perm.BUDGET_MANAGE
    action_permissions = {"reopen": Perm.BUDGET_REOPEN}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Budget]:
        return budget_list(municipality=municipality)

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        if self.action in {"update", "partial_update"}:
            return BudgetUpdateSerializer
        return BudgetSerializer

    def perform_create(self, serializer: serializers.BaseSerializer[Budget]) -> None:
        serializer.instance = services.budget_create(
            actor=request_actor(self.request), **dict(serializer.validated_data)
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Budget]) -> None:
        assert serializer.instance is not None
        serializer.instance = services.budget_update(
            budget=serializer.instance,
            actor=request_actor(self.request),
            data=dict(serializer.validated_data),
        )

    @extend_schema(
        summary="Wat afsluiten zou vastleggen",
        description=(
            "Besteed per soort, het bedrag naar het rekeningresultaat en de maanden van het "
            "jaar waarin voor een contract geen verloning is ingelezen. Legt niets vast."
        ),
        responses=ClosingPreviewSerializer,
    )
    @action(detail=True, methods=["get"], url_path="closing")
    def closing(self, request: Request, pk: str | None = None) -> Response:
        preview = closing_preview(self.get_object())
        return Response(ClosingPreviewSerializer(closing_preview_data(preview)).data)

    @extend_schema(
        summary="Jaar afsluiten",
        description=(
            "Legt vast wat het jaar besteedde (ingelezen verloning plus uitgaven) en zet het "
            "niet bestede deel naar het rekeningresultaat; daarna is het jaar vergrendeld. "
            "Ontbreekt er verloning in het jaar, dan alleen met missing_confirmed=true en een "
            "reason (beide worden vastgelegd)."
        ),
        request=BudgetCloseSerializer,
        responses=BudgetSerializer,
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        body = BudgetCloseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        budget = services.budget_close(
            budget=self.get_object(), actor=request_actor(request), **body.validated_data
        )
        return Response(BudgetSerializer(budget, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Afgesloten jaar heropenen",
        description=(
            "Alleen de functioneel beheerder, met een reden (vastgelegd en in het auditlog); "
            "alleen het laatste afgesloten jaar."
        ),
        request=BudgetReopenSerializer,
        responses=BudgetSerializer,
    )
    @action(detail=True, methods=["post"])
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        body = BudgetReopenSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        budget = services.budget_reopen(
            budget=self.get_object(), actor=request_actor(request), **body.validated_data
        )
        return Response(BudgetSerializer(budget, context=self.get_serializer_context()).data)


def closing_preview_data(preview: ClosingPreview) -> dict[str, Any]:
    spent = preview.spent
    return {
        "budget": preview.budget.pk,
        "year": preview.budget.year,
        "amount": preview.budget.amount,
        "spent": {
            "payroll": spent.payroll,
            "monitoring": spent.monitoring,
            "research": spent.research,
            "other": spent.other,
            "total": spent.total,
        },
        "accounts_result": preview.accounts_result,
        "missing_payroll": [
            {"month": f"{m.day:%Y-%m}", "contracts": m.contracts, "modelled": m.amount}
            for m in preview.missing
        ],
    }


@extend_schema_view(
    list=extend_schema(summary="Handmatige uitgaven"),
    retrieve=extend_schema(summary="Eén uitgave"),
    create=extend_schema(summary="Uitgave toevoegen"),
    update=extend_schema(summary="Uitgave wijzigen"),
    partial_update=extend_schema(summary="Uitgave deels wijzigen"),
    destroy=extend_schema(summary="Uitgave verwijderen"),
)
class ExpenditureViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    TenantViewSet,
):
    """Handmatige uitgaven ten laste van een budgetjaar, zoals onderzoek."""

    audit_reads = False
    audit_reads_reason = "Expenditures: amounts per budget, no personal data."

    queryset = Expenditure.objects.none()
    serializer_class = ExpenditureSerializer
    ordering_fields = ["booked_on", "id"]
    ordering = ["booked_on", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.BUDGET_VIEW
    manage_permission = Perm.BUDGET_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Expenditure]:
        return expenditure_list(municipality=municipality)

    def perform_create(self, serializer: serializers.BaseSerializer[Expenditure]) -> None:
        serializer.instance = services.expenditure_create(
            actor=request_actor(self.request), **dict(serializer.validated_data)
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Expenditure]) -> None:
        assert serializer.instance is not None
        serializer.instance = services.expenditure_update(
            expenditure=serializer.instance,
            actor=request_actor(self.request),
            data=dict(serializer.validated_data),
        )

    def perform_destroy(self, instance: Expenditure) -> None:
        services.expenditure_delete(expenditure=instance, actor=request_actor(self.request))


@extend_schema_view(
    list=extend_schema(summary="Geplande instroom"),
    retrieve=extend_schema(summary="Eén geplande instroom"),
    create=extend_schema(summary="Instroom plannen"),
    destroy=extend_schema(summary="Geplande instroom verwijderen"),
)
class PlannedStartViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    TenantViewSet,
):
    """Nieuwe deelnemers die het programma in een maand wil laten starten; de prognose
    telt ze mee. Wijzigen is verwijderen en opnieuw plannen."""

    audit_reads = False
    audit_reads_reason = "Planned starts: counts per month, no personal data."

    queryset = PlannedStart.objects.none()
    serializer_class = PlannedStartSerializer
    ordering_fields = ["month", "id"]
    ordering = ["month", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.BUDGET_VIEW
    manage_permission = Perm.BUDGET_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[PlannedStart]:
        return planned_start_list(municipality=municipality)

    def perform_create(self, serializer: serializers.BaseSerializer[PlannedStart]) -> None:
        serializer.instance = services.planned_start_create(
            actor=request_actor(self.request), **dict(serializer.validated_data)
        )

    def perform_destroy(self, instance: PlannedStart) -> None:
        services.planned_start_delete(planned=instance, actor=request_actor(self.request))


def forecast_data(forecast: ProgrammeForecast, scenario: Scenario) -> dict[str, Any]:
    prior = forecast.prior
    return {
        "programme": forecast.programme.pk,
        "as_of": forecast.as_of,
        "scenario": str(scenario),
        "draws": forecast.draws,
        "seed": forecast.seed,
        "last_imported": forecast.last_imported,
        "missing_payroll": [
            {"month": f"{m.day:%Y-%m}", "contracts": m.contracts, "modelled": m.amount}
            for m in forecast.missing
        ],
        "rates": {
            "renewal": forecast.rates.renewal,
            "exit_per_month": forecast.rates.exit,
            "prior": {
                "renew_a": prior.renew_a,
                "renew_b": prior.renew_b,
                "exit_a": prior.exit_a,
                "exit_b": prior.exit_b,
            },
            "renewals": forecast.counts.renewals,
            "non_renewals": forecast.counts.non_renewals,
            "exits": forecast.counts.exits,
            "exposure_months": forecast.counts.exposure_months,
        },
        "years": [
            {
                "year": y.year,
                "budget": y.amount,
                "spent": {
                    "payroll": y.spent.payroll,
                    "monitoring": y.spent.monitoring,
                    "research": y.spent.research,
                    "other": y.spent.other,
                    "total": y.spent.total,
                },
                "committed": y.committed,
                "forecast": y.forecast(scenario),
                "all_renewed": y.all_renewed,
                "no_renewals": y.no_renewals,
                "observed_expected": y.observed,
                "p10": y.p10,
                "p50": y.p50,
                "p90": y.p90,
                "p_overspend": y.p_overspend,
                "to_accounts_result": y.to_accounts_result,
                "closed": y.closed,
                "transition_payments": {
                    "all_renewed": y.exit_cost(Scenario.ALL_RENEWED),
                    "no_renewals": y.exit_cost(Scenario.NO_RENEWALS),
                    "observed_expected": y.exit_cost(Scenario.OBSERVED),
                },
            }
            for y in forecast.years
        ],
        "commitments_after_end": [
            {"year": c.year, "permanent_contracts": c.contracts, "cost": c.cost}
            for c in forecast.commitments
        ],
    }


BACKGROUND = (
    " Een grote berekening (trekkingen x contracten boven FORECAST_INLINE_LIMIT) die nog "
    "niet bewaard is, loopt op de achtergrond: het antwoord is dan 202 met de taak "
    "(/api/v1/jobs/). Vraag de taak op tot status done en vraag dan dit adres opnieuw op: "
    "het antwoord komt uit de cache. Is de taak van een andere gebruiker (die dezelfde "
    "berekening al startte), dan wijst Location naar dit adres: vraag het opnieuw op tot "
    "het antwoord 200 is."
)


class ProgrammeForecastViewSet(TenantViewSet):
    """Prognose per jaar (scenario's en Monte-Carloband) en ruimte voor nieuwe instroom."""

    audit_reads = False
    audit_reads_reason = "Forecast and capacity: totals per programme, no personal data."

    queryset = Programme.objects.none()
    serializer_class = ForecastSerializer
    schema = TenantAutoSchema()
    view_permission = Perm.BUDGET_VIEW
    pagination_class = None
    filter_backends: list[Any] = []

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return programme_list(municipality=municipality)

    def _computing(self, request: Request, results: PageResults) -> Response:
        """202 with the job that computes the answer. ``Location``: the job when it is
        the caller's own; otherwise (another user started the same work) this address."""
        job = results.job or results.failed
        assert job is not None
        data = JobSerializer(job, context={"request": request}).data
        own = job.created_by_id == getattr(request.user, "pk", None)
        location = data["url"] if own else request.get_full_path()
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": location})

    def _results(
        self,
        request: Request,
        programme: Programme,
        *,
        scenario: Scenario,
        draws: int,
        seed: int,
        question: CapacityQuestion | None,
    ) -> PageResults:
        user = request.user
        return page_results(
            programme=programme,
            actor=user if isinstance(user, User) else None,
            scenario=scenario,
            draws=draws,
            seed=seed,
            today=timezone.localdate(),
            question=question,
            want_forecast=question is None,
            url=request.get_full_path(),
            # A client asks again on purpose: a failed attempt does not block it.
            retry=True,
        )

    @extend_schema(
        summary="Prognose van een programma",
        description=(
            "Per jaar: budget, besteed per soort, verplicht, de prognose van het gekozen "
            "scenario (all_renewed, no_renewals, observed = P50), de drie scenario's, P10/P50/P90 "
            "en de kans op overschrijding uit een Monte-Carlosimulatie met vaste seed, en het "
            "bedrag naar het rekeningresultaat van afgesloten jaren. Bedragen als decimale tekst."
            + BACKGROUND
        ),
        parameters=[ForecastQuerySerializer],
        responses={200: ForecastSerializer, 202: JobSerializer},
    )
    def forecast(self, request: Request, pk: str | None = None) -> Response:
        programme = self.get_object()
        query = ForecastQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        scenario = Scenario(query.validated_data["scenario"])
        results = self._results(
            request,
            programme,
            scenario=scenario,
            draws=query.validated_data["draws"],
            seed=query.validated_data["seed"],
            question=None,
        )
        # An earlier answer (the page shows it while a new one runs) is not this one.
        if results.forecast is None or results.forecast_since is not None:
            return self._computing(request, results)
        return Response(ForecastSerializer(forecast_data(results.forecast, scenario)).data)

    @extend_schema(
        summary="Ruimte voor nieuwe instroom",
        description=(
            "Hoeveel nieuwe deelnemers kunnen starten in de maand (month) met hours uur per "
            "week, zodat elk resterend jaar met open budget met minstens kans probability "
            "binnen het budget blijft (gemeenschappelijke trekkingen, bisectie)." + BACKGROUND
        ),
        parameters=[CapacityQuerySerializer],
        responses={200: CapacitySerializer, 202: JobSerializer},
    )
    def capacity(self, request: Request, pk: str | None = None) -> Response:
        programme = self.get_object()
        query = CapacityQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        results = self._results(
            request,
            programme,
            scenario=Scenario.OBSERVED,
            draws=data["draws"],
            seed=data["seed"],
            question=CapacityQuestion(data.get("month"), data["hours"], data["probability"]),
        )
        answer = results.capacity
        if answer is None or results.capacity_since is not None:
            return self._computing(request, results)
        result = answer.result
        return Response(
            CapacitySerializer(
                {
                    "programme": programme.pk,
                    "month": answer.month,
                    "hours": answer.hours,
                    "probability": answer.probability,
                    "years": answer.years,
                    "count": answer.count,
                    "at_limit": result.at_limit if result else False,
                    "probability_at_count": result.probability if result else None,
                    "probability_next": result.probability_next if result else None,
                    "draws": data["draws"],
                    "seed": data["seed"],
                }
            ).data
        )
