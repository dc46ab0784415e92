"""Every page holds whatever date is stored: a walk over every URL pattern and
API route of one municipality whose records carry the extreme dates a
database can hold (1 January of year 1, 31 December 9999, a contract ending in
2207), written straight to the database past every service rule, as an old
import or a hand-made correction could have left them.

Each page must answer without a server error, the detail pages of these records
with 200, and no page may need more than a normal number of queries (a page that
loops over the months between two such dates would show up here as a timeout
of the whole suite; the loops are bounded in :mod:`basisbaan.calc.dates`).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse
from django.utils import timezone

from basisbaan.budgets.models import Expenditure
from basisbaan.budgets.services import budget_create
from basisbaan.contracts.models import Contract
from basisbaan.guidance.models import (
    ClosedPeriod,
    FeedbackAction,
    FeedbackSession,
    HoursEntry,
    Signal,
)
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.placements.models import Placement
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.contracts.factories import RenewalDecisionFactory, WageValueMeasurementFactory
from tests.factories import (
    ContractFactory,
    ContractPeriodFactory,
    HostContactFactory,
    ParticipantFactory,
    PlacementFactory,
    PositionFactory,
    ProgrammeFactory,
)
from tests.test_tenant_walk import SKIP, _fill, _patterns

pytestmark = pytest.mark.django_db

FIRST = dt.date(1, 1, 1)
LAST = dt.date(9999, 12, 31)
FAR = dt.date(2207, 6, 30)
# A page of this small world needs far fewer; a loop per month or per row would not fit.
MAX_QUERIES = 80


def _payroll_entry(municipality, participant, contract, period: dt.date) -> PayrollEntry:
    source = PayrollImport.objects.create(
        municipality=municipality,
        file_name=f"oud-{period:%Y}.csv",
        status="imported",
        started_at=timezone.now(),
    )
    return PayrollEntry.objects.create(
        municipality=municipality,
        participant=participant,
        contract=contract,
        period=period,
        gross_wage=Decimal("100.00"),
        holiday_allowance=Decimal("8.00"),
        employer_charges=Decimal("20.00"),
        pension=Decimal("5.00"),
        other_costs=Decimal("0.00"),
        total=Decimal("133.00"),
        hours=Decimal("10.00"),
        source_import=source,
    )


@pytest.fixture
def extreme_world(municipality):
    """Records of every kind with dates at the ends of what a date can be."""
    programme = ProgrammeFactory(municipality=municipality)
    staff = make_member(municipality, Role.JOBCOACH, username="coach-extreem")
    old = ParticipantFactory(
        programme=programme, status=ParticipantStatus.PLACED, first_name="Oud", last_name="Jaar"
    )
    new = ParticipantFactory(
        programme=programme, status=ParticipantStatus.EXITED, first_name="Ver", last_name="Weg"
    )
    far = ParticipantFactory(
        programme=programme, status=ParticipantStatus.PLACED, first_name="Lang", last_name="Loop"
    )
    type(old).objects.filter(pk=old.pk).update(date_of_birth=FIRST, social_assistance_start=FIRST)
    type(new).objects.filter(pk=new.pk).update(
        date_of_birth=LAST, social_assistance_start=LAST, exit_date=LAST
    )
    position = PositionFactory(host__municipality=municipality)
    contact = HostContactFactory(host=position.host)
    placements = [
        PlacementFactory(participant=old, position=position),
        PlacementFactory(participant=far, position=position),
        PlacementFactory(participant=new, position=position),
    ]
    Placement.objects.filter(pk=placements[0].pk).update(start_date=FIRST, end_date=LAST)
    Placement.objects.filter(pk=placements[1].pk).update(start_date=dt.date(2025, 1, 1))
    Placement.objects.filter(pk=placements[2].pk).update(start_date=LAST, end_date=LAST)
    contracts = [
        ContractFactory(participant=old, placement=placements[0]),
        ContractFactory(participant=far, placement=placements[1]),
        ContractFactory(participant=new, placement=placements[2]),
    ]
    periods = [
        ContractPeriodFactory(contract=contracts[0], start_date=FIRST, end_date=FIRST),
        ContractPeriodFactory(
            contract=contracts[0], sequence=2, start_date=dt.date(2025, 1, 1), end_date=LAST
        ),
        ContractPeriodFactory(contract=contracts[1], start_date=dt.date(2025, 1, 1), end_date=FAR),
        ContractPeriodFactory(contract=contracts[2], start_date=LAST, end_date=LAST),
    ]
    Contract.objects.filter(pk=contracts[2].pk).update(is_permanent=True, permanent_from=LAST)
    decision = RenewalDecisionFactory(period=periods[0], notice_sent_on=FIRST)
    measurement = WageValueMeasurementFactory(
        participant=old, measured_on=FIRST, next_measurement_on=LAST
    )
    entries = [
        HoursEntry.objects.create(
            municipality=municipality,
            participant=p,
            staff=staff,
            date=day,
            activity="coaching",
            hours=Decimal("1.50"),
        )
        for p, day in ((old, FIRST), (new, LAST), (far, dt.date(2026, 11, 16)))
    ]
    sessions = [
        FeedbackSession.objects.create(
            municipality=municipality, placement=placements[0], planned_date=FIRST
        ),
        FeedbackSession.objects.create(
            municipality=municipality, placement=placements[2], planned_date=LAST, jobcoach=staff
        ),
    ]
    action = FeedbackAction.objects.create(
        municipality=municipality,
        session=sessions[0],
        description="Ver weg",
        owner=staff,
        due_date=LAST,
    )
    signal = Signal.objects.create(
        municipality=municipality,
        participant=old,
        kind="absence",
        raised_on=FIRST,
        raised_by=staff,
        raised_by_host_contact=contact,
        description="Lang geleden",
        owner=staff,
    )
    closed = [
        ClosedPeriod.objects.create(municipality=municipality, month=FIRST, closed_by=staff),
        ClosedPeriod.objects.create(
            municipality=municipality, month=LAST.replace(day=1), closed_by=staff
        ),
    ]
    payroll = [
        _payroll_entry(municipality, old, contracts[0], FIRST),
        _payroll_entry(municipality, new, contracts[2], LAST.replace(day=1)),
    ]
    budget = budget_create(programme=programme, actor=None, year=2026, amount=Decimal("1000"))
    expenditure = Expenditure.objects.create(
        municipality=municipality,
        budget=budget,
        category="research",
        booked_on=LAST,
        amount=Decimal("10"),
        description="Ver vooruit",
    )
    return [
        programme,
        old,
        new,
        far,
        position.host,
        position,
        contact,
        *placements,
        *contracts,
        *periods,
        decision,
        measurement,
        *entries,
        *sessions,
        action,
        signal,
        *closed,
        *payroll,
        budget,
        expenditure,
        *_odd_study(programme, old),
        _endless_scheme(municipality),
    ]


def _endless_scheme(municipality):
    """A local scheme over all of time, as no service would write it."""
    from basisbaan.parameters.models import LocalScheme

    return LocalScheme.objects.create(
        municipality=municipality,
        name="Altijd",
        kind="other",
        income_limit=Decimal("9.9999"),
        amount_single=Decimal("0.00"),
        amount_single_parent=Decimal("9999999.99"),
        amount_couple=Decimal("-1.00"),
        valid_from=FIRST,
        valid_until=LAST,
    )


def _odd_study(programme, participant):
    """A study as no service would write it: a period over all of time, settings at
    their edges, a conversation in year 1 and one planned in 9999, a code with a colour
    that is no colour, and codings beyond the end of their (empty) transcript."""
    from basisbaan.research.models import Code, Coding
    from tests.research.factories import (
        ConsentFactory,
        RespondentFactory,
        SessionFactory,
        StudyFactory,
        TranscriptFactory,
    )

    study = StudyFactory(
        programme=programme,
        period_start=FIRST,
        period_end=LAST,
        guest_base_size=100,
        guest_run_length=100,
        guest_threshold=Decimal("0"),
        francis_initial=1,
        francis_stop=100,
    )
    respondent = RespondentFactory(study=study, kind="participant", participant=participant)
    consent = ConsentFactory(respondent=respondent, given_on=FIRST, withdrawn_on=LAST)
    held = SessionFactory(study=study, planned_on=FIRST, held_on=FIRST, duration_minutes=1440)
    held.respondents.add(respondent)
    planned = SessionFactory(study=study, status="planned", planned_on=LAST, held_on=None)
    transcript = TranscriptFactory(
        session=held, text="", coding_done=True, coding_done_on=LAST, word_count=0
    )
    code = Code.objects.create(
        municipality=programme.municipality, study=study, name="Vreemd", colour="red;}x{"
    )
    beyond = Coding.objects.create(
        municipality=programme.municipality,
        transcript=transcript,
        code=code,
        start=5,
        end=99_999,
        respondent=respondent,
        is_quote=True,
    )
    return [study, respondent, consent, held, planned, transcript, code, beyond]


def test_every_page_holds_extreme_stored_dates(extreme_world, municipality, client_as):
    admin = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-extreem")
    admin.is_staff = True
    admin.save()
    client = client_as(admin)
    ids = sorted({str(obj.pk) for obj in extreme_world})
    failures: list[str] = []
    visited = 0
    for route, _pattern in _patterns(get_resolver()):
        if SKIP.match(route) or route.startswith("beheer/"):
            continue
        for value in ids if "<" in route or "(?P" in route else [""]:
            path = _fill(route, value)
            if path is None:
                continue
            with CaptureQueriesContext(connection) as queries:
                try:
                    response = client.get(path, HTTP_ACCEPT="text/html,application/json")
                except Exception as exc:  # noqa: BLE001 - collect every failing page
                    failures.append(f"{path}: {type(exc).__name__}: {exc}")
                    continue
            visited += 1
            if response.status_code >= 500:
                failures.append(f"{path} gave {response.status_code}")
            elif len(queries) > MAX_QUERIES:
                failures.append(f"{path} took {len(queries)} queries")
    assert not failures, "\n".join(failures)
    assert visited > 100


@pytest.mark.parametrize(
    ("name", "index"),
    [
        ("participants:detail", 1),
        ("participants:detail", 2),
        ("participants:detail", 3),
        ("placements:detail", 7),
        ("placements:detail", 9),
        ("contracts:detail", 10),
        ("contracts:detail", 11),
        ("contracts:detail", 12),
    ],
)
def test_the_records_own_pages_show(extreme_world, municipality, client_as, name, index):
    admin = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-extreem")
    response = client_as(admin).get(reverse(name, args=[extreme_world[index].pk]))
    assert response.status_code == 200


ODD_DATES = ["9999-12-31", "0001-01-01", "99999-01-01", "2026-02-30", "-1", "gisteren"]
DATE_PARAMS = [
    "week",
    "datum",
    "jaar",
    "maand",
    "month",
    "as_of",
    "date_from",
    "date_to",
    "start",
    "end",
    "weeks",
]


def test_odd_date_parameters_give_a_normal_page(extreme_world, municipality, client_as):
    """Every page without a path parameter, with every date-like query parameter
    set to a date at or past the calendar's ends, or no date at all."""
    admin = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-extreem")
    client = client_as(admin)
    failures: list[str] = []
    for route, _pattern in _patterns(get_resolver()):
        if SKIP.match(route) or route.startswith("beheer/") or "<" in route or "(?P" in route:
            continue
        path = _fill(route, "")
        if path is None:
            continue
        for value in ODD_DATES:
            query = "&".join(f"{name}={value}" for name in DATE_PARAMS)
            try:
                response = client.get(f"{path}?{query}", HTTP_ACCEPT="text/html,application/json")
            except Exception as exc:  # noqa: BLE001 - collect every failing page
                failures.append(f"{path}?…={value}: {type(exc).__name__}: {exc}")
                continue
            if response.status_code >= 500:
                failures.append(f"{path}?…={value} gave {response.status_code}")
    assert not failures, "\n".join(failures)


def test_a_contract_running_for_centuries_is_costed_for_ten_years(
    extreme_world, municipality, client_as
):
    admin = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-extreem")
    contract = extreme_world[11]  # 01-01-2025 .. 30-06-2207
    response = client_as(admin).get(reverse("costs:contract", args=[contract.pk]))
    assert response.status_code == 200
    assert "de kosten staan hieronder tot en met 31-12-2034" in response.content.decode()
    assert [y.year for y in response.context["years"]] == list(range(2025, 2035))
