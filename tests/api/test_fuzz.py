"""Property test over the OpenAPI schema: no input makes the API answer 5xx."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error

from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from basisbaan.budgets.models import Budget, Expenditure, PlannedStart
from basisbaan.budgets.services import budget_create, expenditure_create
from basisbaan.contracts.models import Contract
from basisbaan.guidance.models import FeedbackAction, FeedbackSession, HoursEntry, Signal
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.intake.models import (
    EligibilityCriteria,
    IntakeConversation,
    IntakeDecision,
    MatchProposal,
    ParticipantProfile,
    PositionProfile,
    Referral,
)
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.reports.models import CouncilReport
from basisbaan.reports.services import report_create, report_finalise, report_new_version
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import (
    ContractPeriodFactory,
    HostContactFactory,
    ParticipantFactory,
    PlacementFactory,
    PositionFactory,
    ProgrammeFactory,
)
from tests.intake.factories import add_intake_records
from tests.test_tenant_walk import guidance_records

MODELS = {
    "programmes": Programme,
    "participants": Participant,
    "hosts": Host,
    "host-contacts": HostContact,
    "positions": Position,
    "placements": Placement,
    "contracts": Contract,
    "payroll-entries": PayrollEntry,
    "payroll-imports": PayrollImport,
    "budgets": Budget,
    "expenditures": Expenditure,
    "planned-starts": PlannedStart,
    "eligibility-criteria": EligibilityCriteria,
    "referrals": Referral,
    "intake-conversations": IntakeConversation,
    "intake-decisions": IntakeDecision,
    "eligibility-checks": Participant,
    "participant-profiles": ParticipantProfile,
    "position-profiles": PositionProfile,
    "match-proposals": MatchProposal,
    "participant-matches": Participant,
    "position-matches": Position,
    "hours-entries": HoursEntry,
    "feedback-sessions": FeedbackSession,
    "feedback-actions": FeedbackAction,
    "signals": Signal,
    "council-reports": CouncilReport,
}


@pytest.fixture
def keep_connection():
    """Keep the test's database connection open across WSGI requests.

    Django's test client does the same: the app would otherwise close the
    connection (it is inside the test transaction) at the start of a request.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def fuzz_token(municipality) -> str:
    """A functional administrator's token, with some data to work on."""
    admin = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="fuzz-admin")
    programme = ProgrammeFactory(
        municipality=municipality, start_date=dt.date(2024, 1, 1), end_date=dt.date(2030, 12, 31)
    )
    ParticipantFactory.create_batch(3, programme=programme, status=ParticipantStatus.WAITING)
    position = PositionFactory(host__municipality=municipality, places=5)
    HostContactFactory(host=position.host)
    placement = PlacementFactory(participant__programme=programme, position=position)
    ContractPeriodFactory(
        contract__participant=placement.participant, contract__placement=placement
    )
    budget = budget_create(programme=programme, actor=None, year=2025, amount=Decimal("500000"))
    expenditure_create(
        budget=budget,
        actor=None,
        category="research",
        booked_on=dt.date(2025, 3, 1),
        amount=Decimal("14000"),
        description="Onderzoek",
    )
    add_intake_records(programme, position)
    guidance_records(municipality, placement.participant, placement, HostContact.objects.first())
    report = report_create(
        programme=programme,
        actor=admin,
        title="Voortgang",
        as_of=dt.date(2026, 6, 30),
        period_start=dt.date(2026, 1, 1),
        period_end=dt.date(2026, 12, 31),
        today=dt.date(2026, 11, 18),
    )
    report_new_version(report=report_finalise(report=report, actor=admin), actor=admin)
    out = io.StringIO()
    call_command("create_api_token", admin.username, stdout=out)
    return out.getvalue().strip()


# Loaded through the WSGI app at import: the schema endpoint is public and reads no data.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
schema.config.generation.update(max_examples=20)


# About 20 generated cases per operation, positive and negative, in ~20 s. The
# schemathesis coverage phase (Phase.explicit, several thousand boundary cases)
# also passes but takes two minutes; add it when hunting.
@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_no_server_errors(case, db, keep_connection, fuzz_token, municipality):
    case.headers = {**(case.headers or {}), "X-Municipality": municipality.slug}
    identifier = (case.path_parameters or {}).get("id")
    if isinstance(identifier, int) and identifier > 0:
        # Mostly aim at rows that exist, so the handlers behind the 404 run too.
        # Resources without an entry here are fuzzed with the generated ids only.
        model = MODELS.get(case.path.split("/")[3])
        existing = list(model.objects.order_by("pk").values_list("pk", flat=True)) if model else []
        if existing and identifier % 5:
            case.path_parameters["id"] = existing[identifier % len(existing)]
    case.call_and_validate(
        headers={"Authorization": f"Token {fuzz_token}"}, checks=[not_a_server_error]
    )
