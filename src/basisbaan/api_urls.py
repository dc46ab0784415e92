"""The REST API, mounted at ``/api/v1/``: resources, schema and documentation."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from basisbaan.budgets.api.viewsets import (
    BudgetViewSet,
    ExpenditureViewSet,
    PlannedStartViewSet,
    ProgrammeForecastViewSet,
)
from basisbaan.contracts.api.lkv import LkvEntitlementViewSet
from basisbaan.contracts.api.viewsets import (
    ContractDecisionDueViewSet,
    ContractViewSet,
    ContractWageLineViewSet,
    WageValueMeasurementViewSet,
)
from basisbaan.core.api.tokens import TokenViewSet
from basisbaan.costs.api.viewsets import ProgrammeCostViewSet
from basisbaan.esf.api.viewsets import EsfOperationViewSet, EsfRegistrationViewSet
from basisbaan.guidance.api.viewsets import (
    FeedbackActionViewSet,
    FeedbackSessionViewSet,
    GuidanceNormViewSet,
    HoursEntryViewSet,
    SignalViewSet,
)
from basisbaan.hosts.api.viewsets import HostContactViewSet, HostViewSet, PositionViewSet
from basisbaan.income.api.viewsets import IncomeCheckViewSet, ParticipantIncomeCheckViewSet
from basisbaan.intake.api.viewsets import (
    ConversationViewSet,
    CriteriaViewSet,
    DecisionViewSet,
    EligibilityViewSet,
    ParticipantMatchViewSet,
    PositionMatchViewSet,
    PositionProfileViewSet,
    ProfileViewSet,
    ProposalViewSet,
    ReferralViewSet,
)
from basisbaan.jobs.api.viewsets import JobViewSet
from basisbaan.outcomes.api.viewsets import (
    AssumptionViewSet,
    BusinessCaseViewSet,
    ExitViewSet,
    FollowUpViewSet,
    OutcomeViewSet,
)
from basisbaan.participants.api.viewsets import ParticipantViewSet
from basisbaan.payroll.api.viewsets import PayrollEntryViewSet, PayrollImportViewSet
from basisbaan.placements.api.viewsets import PlacementViewSet
from basisbaan.programmes.api.viewsets import ProgrammeViewSet
from basisbaan.regions.api.viewsets import RegionViewSet
from basisbaan.reports.api.viewsets import CouncilReportViewSet
from basisbaan.research.api.routes import register as register_research

app_name = "api"

router = DefaultRouter()
# No ".json" twin of every route: JSON is the only format (the Accept header and
# ?format= still choose the browsable page), and an action that does not expect a
# ``format`` argument answered such a twin with a server error.
router.include_format_suffixes = False
router.register("programmes", ProgrammeViewSet, basename="programme")
router.register("participants", ParticipantViewSet, basename="participant")
router.register("hosts", HostViewSet, basename="host")
router.register("host-contacts", HostContactViewSet, basename="host-contact")
router.register("positions", PositionViewSet, basename="position")
router.register("placements", PlacementViewSet, basename="placement")
router.register("contracts", ContractViewSet, basename="contract")
router.register(
    "contract-decisions-due", ContractDecisionDueViewSet, basename="contract-decision-due"
)
router.register("contract-wage-lines", ContractWageLineViewSet, basename="contract-wage-line")
router.register(
    "wage-value-measurements", WageValueMeasurementViewSet, basename="wage-value-measurement"
)
router.register("lkv-entitlements", LkvEntitlementViewSet, basename="lkv-entitlement")
router.register("payroll-entries", PayrollEntryViewSet, basename="payroll-entry")
router.register("payroll-imports", PayrollImportViewSet, basename="payroll-import")
router.register("budgets", BudgetViewSet, basename="budget")
router.register("planned-starts", PlannedStartViewSet, basename="planned-start")
router.register("expenditures", ExpenditureViewSet, basename="expenditure")
router.register("eligibility-criteria", CriteriaViewSet, basename="eligibility-criteria")
router.register("referrals", ReferralViewSet, basename="referral")
router.register("intake-conversations", ConversationViewSet, basename="intake-conversation")
router.register("intake-decisions", DecisionViewSet, basename="intake-decision")
router.register("eligibility-checks", EligibilityViewSet, basename="eligibility-check")
router.register("participant-profiles", ProfileViewSet, basename="participant-profile")
router.register("position-profiles", PositionProfileViewSet, basename="position-profile")
router.register("match-proposals", ProposalViewSet, basename="match-proposal")
router.register("participant-matches", ParticipantMatchViewSet, basename="participant-match")
router.register("position-matches", PositionMatchViewSet, basename="position-match")
router.register("hours-entries", HoursEntryViewSet, basename="hours-entry")
router.register("feedback-sessions", FeedbackSessionViewSet, basename="feedback-session")
router.register("feedback-actions", FeedbackActionViewSet, basename="feedback-action")
router.register("signals", SignalViewSet, basename="signal")
router.register("guidance-norm", GuidanceNormViewSet, basename="guidance-norm")
router.register("outcomes", OutcomeViewSet, basename="outcome")
router.register("business-case", BusinessCaseViewSet, basename="business-case")
router.register("exits", ExitViewSet, basename="exit")
router.register("follow-ups", FollowUpViewSet, basename="follow-up")
router.register("business-case-assumptions", AssumptionViewSet, basename="business-case-assumption")
router.register("council-reports", CouncilReportViewSet, basename="council-report")
router.register("tokens", TokenViewSet, basename="token")
register_research(router)
router.register("jobs", JobViewSet, basename="job")
router.register("regions", RegionViewSet, basename="region")
router.register("esf/operations", EsfOperationViewSet, basename="esf-operation")
router.register("esf/registrations", EsfRegistrationViewSet, basename="esf-registration")

# The schema and its documentation page hold no data: public, no session needed.
# Swagger UI in its split form (script from a URL, no inline script) runs under the
# CSP; ReDoc does not (it injects styles and starts a blob worker), so it is left out.
public = {"permission_classes": [AllowAny], "authentication_classes": []}

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(**public), name="schema"),
    path(
        "docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema", **public), name="docs"
    ),
    path(
        "programmes/<int:pk>/costs/",
        ProgrammeCostViewSet.as_view({"get": "retrieve"}),
        name="programme-costs",
    ),
    path(
        "programmes/<int:pk>/forecast/",
        ProgrammeForecastViewSet.as_view({"get": "forecast"}),
        name="programme-forecast",
    ),
    path(
        "programmes/<int:pk>/capacity/",
        ProgrammeForecastViewSet.as_view({"get": "capacity"}),
        name="programme-capacity",
    ),
    path("income-check/", IncomeCheckViewSet.as_view({"post": "create"}), name="income-check"),
    path(
        "participants/<int:pk>/income-check/",
        ParticipantIncomeCheckViewSet.as_view({"get": "retrieve"}),
        name="participant-income-check",
    ),
    *router.urls,
]
