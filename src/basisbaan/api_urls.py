"""The REST API, mounted at ``/api/v1/``: resources, schema and documentation."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny
from rest_framework.routers import DefaultRouter

from basisbaan.contracts.api.viewsets import (
    ContractDecisionDueViewSet,
    ContractViewSet,
    WageValueMeasurementViewSet,
)
from basisbaan.costs.api.viewsets import ProgrammeCostViewSet
from basisbaan.guidance.api.viewsets import (
    FeedbackActionViewSet,
    FeedbackSessionViewSet,
    GuidanceNormViewSet,
    HoursEntryViewSet,
    SignalViewSet,
)
from basisbaan.hosts.api.viewsets import HostContactViewSet, HostViewSet, PositionViewSet
from basisbaan.participants.api.viewsets import ParticipantViewSet
from basisbaan.payroll.api.viewsets import PayrollEntryViewSet, PayrollImportViewSet
from basisbaan.placements.api.viewsets import PlacementViewSet
from basisbaan.programmes.api.viewsets import ProgrammeViewSet

app_name = "api"

router = DefaultRouter()
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
router.register(
    "wage-value-measurements", WageValueMeasurementViewSet, basename="wage-value-measurement"
)
router.register("payroll-entries", PayrollEntryViewSet, basename="payroll-entry")
router.register("payroll-imports", PayrollImportViewSet, basename="payroll-import")
router.register("hours-entries", HoursEntryViewSet, basename="hours-entry")
router.register("feedback-sessions", FeedbackSessionViewSet, basename="feedback-session")
router.register("feedback-actions", FeedbackActionViewSet, basename="feedback-action")
router.register("signals", SignalViewSet, basename="signal")
router.register("guidance-norm", GuidanceNormViewSet, basename="guidance-norm")

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
    *router.urls,
]
