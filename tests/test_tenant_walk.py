"""The cross-municipality walk: a user of municipality B visits every URL
pattern and every API route with the ids of municipality A's records, and
must never see one of them.

The visitor is B's functional administrator (every permission, and staff for
the Django admin), so a refusal by role cannot hide a scoping hole.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from django.urls import URLPattern, URLResolver, get_resolver

from basisbaan.budgets.services import budget_create, expenditure_create, planned_start_create
from basisbaan.contracts.lkv import lkv_record
from basisbaan.parameters.local_schemes import local_scheme_create
from basisbaan.reports.services import report_create
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.contracts.factories import ContractWageLineFactory
from tests.factories import (
    ContractFactory,
    ContractPeriodFactory,
    HostContactFactory,
    ParticipantFactory,
    PlacementFactory,
    PositionFactory,
    ProgrammeFactory,
)
from tests.intake.factories import add_intake_records
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

SECRET = "Geheimanaam"
# The set-up page of one's own authenticator app makes the visitor's own pending
# device when opened (the secret must stay the same between showing the QR code
# and confirming it): a write of the visitor's own, nothing of another municipality.
SKIP = re.compile(r"^(i18n/|api/v1/(schema|docs|redoc)|inloggen/tweede-factor/)")


def _patterns(resolver: URLResolver, prefix: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            found += _patterns(entry, route)
        else:
            found.append((route, entry))
    return found


def _fill(route: str, value: str) -> str | None:
    """Turn a route into a path, every parameter replaced by ``value``."""
    # The API's routes are regular expressions inside a path prefix ("api/v1/^x/$"):
    # the anchors go wherever they are. (The router makes no ".json" twins; should a
    # route with a format group come back, it is left out here and
    # tests/api/test_robustness.py fails on it.)
    if "(?P<format>" in route:
        return None
    route = route.replace("^", "").replace("$", "").replace("\\Z", "").replace("\\.", ".")
    route = re.sub(r"\(\?P<\w+>[^)]*\)", value, route)
    route = re.sub(r"<(?:\w+:)?\w+>", value, route)
    if re.search(r"[\\()\[\]?*+^$]", route):
        return None
    return "/" + route


@pytest.fixture
def world_a(municipality):
    """One record of every kind in municipality A, each carrying the secret."""
    return secret_world(municipality)


def secret_world(municipality, secret=SECRET, bsn="123456782", tag="a"):
    """One record of every kind in ``municipality``, each carrying ``secret`` (the
    regional walk builds one in each of three municipalities: ``tag`` keeps the
    coaches' user names apart)."""
    programme = ProgrammeFactory(municipality=municipality, name=f"{secret} programma")
    participant = ParticipantFactory(
        programme=programme, first_name=secret, last_name=secret, bsn=bsn
    )
    position = PositionFactory(
        host__municipality=municipality, host__name=f"{secret} BV", title=f"{secret} functie"
    )
    contact = HostContactFactory(host=position.host, name=f"{secret} Contact")
    placement = PlacementFactory(participant=participant, position=position)
    contract = ContractFactory(
        participant=participant, placement=placement, employer_name=f"{secret} Payroll"
    )
    period = ContractPeriodFactory(
        contract=contract,
        start_date=dt.date(2024, 7, 1),
        end_date=dt.date(2024, 12, 31),
        hourly_wage=Decimal("13.68"),
    )
    budget = budget_create(
        programme=programme,
        actor=None,
        year=2024,
        amount=Decimal("1000"),
        municipal_programme=f"{secret} begroting",
    )
    expenditure = expenditure_create(
        budget=budget,
        actor=None,
        category="research",
        booked_on=dt.date(2024, 3, 1),
        amount=Decimal("10"),
        description=f"{secret} onderzoek",
    )
    planned = planned_start_create(
        programme=programme,
        actor=None,
        month=dt.date(2025, 1, 1),
        count=1,
        hours_per_week=Decimal("32"),
        track="transition",
        note=f"{secret} instroom",
    )
    intake = add_intake_records(programme, position, name=secret)
    guidance = guidance_records(municipality, participant, placement, contact, secret, tag)
    report = report_create(
        programme=programme,
        actor=None,
        title=f"{secret} raadsbrief",
        as_of=dt.date(2025, 6, 30),
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 12, 31),
        today=dt.date(2026, 11, 18),
        texts={"opening": f"{secret} opening"},
    )
    research = research_records(programme, participant, secret)
    scheme = local_scheme_create(
        municipality=municipality,
        actor=None,
        name=f"{secret} regeling",
        kind="iit",
        income_limit=Decimal("1.10"),
        amount_single=Decimal("400.00"),
        amount_single_parent=Decimal("500.00"),
        amount_couple=Decimal("550.00"),
        valid_from=dt.date(2025, 1, 1),
        source=f"{secret} beleidsregel",
    )
    return [
        programme,
        participant,
        position.host,
        position,
        contact,
        placement,
        contract,
        period,
        budget,
        expenditure,
        planned,
        *intake,
        *guidance,
        report,
        *research,
        scheme,
        *esf_records(municipality, programme, participant, secret),
        ContractWageLineFactory(period=period, note=f"{secret} loonregel"),
        lkv_record(
            municipality=municipality,
            actor=None,
            participant=participant,
            kind="disabled",
            start_date=dt.date(2024, 7, 1),
            declaration_reference=f"{secret} verklaring",
            declaration_date=dt.date(2024, 7, 15),
        ),
    ]


def esf_records(municipality, programme, participant, secret=SECRET):
    """The programme as an ESF+ operation, the participant registered, a result event."""
    from basisbaan.esf import services as esf

    operation = esf.operation_save(
        municipality=municipality,
        actor=None,
        programme=programme,
        reference=f"{secret} dossier",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2026, 12, 31),
        target_group=f"{secret} doelgroep",
    )
    registration = esf.registration_create(
        municipality=municipality,
        actor=None,
        operation=operation,
        participant=participant,
        entry_date=dt.date(2024, 7, 1),
        leaving_date=dt.date(2025, 6, 30),
        activities=f"{secret} activiteit",
    )
    event = esf.result_event_add(
        registration=registration,
        actor=None,
        date=dt.date(2025, 7, 14),
        kind="employed",
        note=f"{secret} werk",
    )
    return [operation, registration, event]


def research_records(programme, participant, secret=SECRET):
    """A study with a participant respondent, consent, an interview with its transcript,
    a code, a coding and a memo, each with the secret where it holds text."""
    from tests.research.factories import (
        CodingFactory,
        ConsentFactory,
        MemoFactory,
        RespondentFactory,
        SessionFactory,
        StudyFactory,
        TranscriptFactory,
    )

    study = StudyFactory(programme=programme, title=f"{secret} onderzoek")
    respondent = RespondentFactory(
        study=study, kind="participant", participant=participant, code="R01"
    )
    staff = RespondentFactory(study=study, kind="staff", code="R02", description=secret)
    consent = ConsentFactory(respondent=respondent)
    session = SessionFactory(study=study)
    session.respondents.add(respondent)
    transcript = TranscriptFactory(session=session, text=f"I: Vraag?\nR: {secret} antwoord.\n")
    coding = CodingFactory(
        transcript=transcript, code__name=f"{secret} code", start=3, end=9, respondent=respondent
    )
    memo = MemoFactory(study=study, code=coding.code, transcript=transcript, text=secret)
    return [study, respondent, staff, consent, session, transcript, coding.code, coding, memo]


def guidance_records(municipality, participant, placement, contact, secret=SECRET, tag="a"):
    """Hours, a session with an action, a signal and a closed month, each with the secret."""
    from basisbaan.guidance import services as guidance
    from basisbaan.guidance.models import ClosedPeriod

    coach = make_member(municipality, Role.JOBCOACH, username=f"coach-{tag}")
    entry = guidance.hours_entry_create(
        municipality=municipality,
        actor=coach,
        participant=participant,
        staff=coach,
        date=dt.date(2025, 3, 3),
        activity="coaching",
        hours=Decimal("1.5"),
        note=secret,
    )
    session = guidance.feedback_session_plan(
        placement=placement, actor=coach, planned_date=dt.date(2025, 3, 3), location=secret
    )
    action = guidance.feedback_action_add(
        session=session, actor=coach, description=secret, owner=coach, due_date=dt.date(2025, 4, 1)
    )
    signal = guidance.signal_raise(
        participant=participant,
        actor=coach,
        kind="absence",
        description=secret,
        owner=coach,
        raised_by_host_contact=contact,
    )
    closed = ClosedPeriod.objects.create(
        municipality=municipality, month=dt.date(2025, 1, 1), closed_by=coach
    )
    return [entry, session, action, signal, closed]


@pytest.fixture
def unthrottled(monkeypatch):
    """A walk sends thousands of API requests as one user: past the throttle's rate
    (1,200 a minute) a fast run would get 429s instead of the answers it checks."""
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "allow_request", lambda self, request, view: True)


def test_a_user_of_another_municipality_sees_nothing_of_the_first(
    world_a, other_municipality, client_as, unthrottled
):
    visitor = make_member(other_municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-b")
    visitor.is_staff = True
    visitor.save()
    # B has records of its own, so lists are not trivially empty.
    ParticipantFactory(programme__municipality=other_municipality, first_name="Eigen")
    client = client_as(visitor)
    ids = sorted({str(obj.pk) for obj in world_a})

    visited = 0
    # Reading B's own pages may log B's lists; nothing of A changes, nothing is written.
    with unchanged(*world_a, reads=True):
        for route, _pattern in _patterns(get_resolver()):
            if SKIP.match(route):
                continue
            for value in ids if "<" in route or "(?P" in route else [""]:
                path = _fill(route, value)
                if path is None:
                    continue
                response = client.get(path, HTTP_ACCEPT="text/html,application/json")
                visited += 1
                assert response.status_code < 500, f"{path} gave {response.status_code}"
                if response.status_code == 200:
                    body = response.content.decode(errors="replace")
                    assert SECRET not in body, f"{path} shows data of another municipality"
                    assert "123456782" not in body, f"{path} shows a BSN of another municipality"
    assert visited > 50
