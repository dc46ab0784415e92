"""WCAG 2.1 A/AA checks with axe-core on the main pages, desktop and phone width.

axe runs in a context that bypasses the CSP (it is injected as a script);
the CSP itself is checked by the other browser tests.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from django.utils import timezone

from basisbaan.budgets.services import budget_create, expenditure_create, planned_start_create
from basisbaan.reports import services as report_services
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import (
    ContractPeriodFactory,
    HostContactFactory,
    ParticipantFactory,
    PlacementFactory,
    ProgrammeFactory,
)
from tests.intake.factories import add_intake_records

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


@pytest.fixture
def world(municipality):
    programme = ProgrammeFactory(
        municipality=municipality,
        intake_open=False,
        intake_closed_reason="Budget is op.",
    )
    admin = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheerder")
    # With a rent: the "Loont werken?" panel on the page shows its table and chart.
    participant = ParticipantFactory(
        programme=programme, contact_person=admin, rent_month=Decimal("650.00")
    )
    placement = PlacementFactory(participant__programme=programme)
    HostContactFactory(host=placement.position.host)
    period = ContractPeriodFactory(
        contract__participant=placement.participant, contract__placement=placement
    )
    budget = budget_create(programme=programme, actor=None, year=2024, amount=Decimal("500000"))
    expenditure_create(
        budget=budget,
        actor=None,
        category="research",
        booked_on=dt.date(2024, 3, 1),
        amount=Decimal("14000"),
        description="Onderzoek",
    )
    planned_start_create(
        programme=programme,
        actor=None,
        month=dt.date(2025, 3, 1),
        count=2,
        hours_per_week=Decimal("24"),
        track="transition",
    )
    intake = add_intake_records(programme, placement.position)
    waiting = intake[0].participant
    jobs = job_pages(municipality, admin)
    reports = report_pages(programme, admin)
    return {
        "admin": admin,
        "paths": [
            "/",
            "/deelnemers/",
            f"/deelnemers/{participant.pk}/",
            # The panel's form refused (hours not in steps of 0,5), and its own page.
            f"/deelnemers/{participant.pk}/?uren=24,3",
            f"/loont-werken/deelnemer/{participant.pk}/",
            f"/deelnemers/{participant.pk}/bewerken/",
            "/deelnemers/nieuw/",
            f"/deelnemers/{participant.pk}/status/",
            "/plaatsingen/",
            f"/plaatsingen/{placement.pk}/",
            "/contracten/",
            f"/contracten/{period.contract_id}/",
            "/werkgevers/",
            f"/werkgevers/{placement.position.host_id}/",
            f"/werkgevers/werkplekken/{placement.position_id}/",
            "/programmas/",
            f"/programmas/{programme.pk}/",
            f"/programmas/{programme.pk}/instroom/",
            "/audit/",
            "/account/beveiliging/",
            "/account/wachtwoord/",
            "/inloggen/tweede-factor/",
            "/budget/",
            f"/budget/{programme.pk}/",
            f"/budget/{programme.pk}/jaar-toevoegen/",
            f"/budget/{programme.pk}/instroom-plannen/",
            f"/budget/jaar/{budget.pk}/uitgave/",
            f"/budget/jaar/{budget.pk}/afsluiten/",
            "/intake/",
            "/intake/aanmelden/",
            f"/intake/deelnemers/{waiting.pk}/",
            f"/intake/deelnemers/{waiting.pk}/aanmelding/",
            f"/intake/deelnemers/{waiting.pk}/gesprek/",
            f"/intake/deelnemers/{waiting.pk}/besluit/",
            f"/intake/deelnemers/{waiting.pk}/profiel/",
            f"/intake/deelnemers/{waiting.pk}/werkplekken/",
            f"/intake/werkplekken/{placement.position_id}/kandidaten/",
            f"/intake/werkplekken/{placement.position_id}/profiel/",
            f"/intake/voorstellen/{intake[-1].pk}/",
            f"/intake/voorstellen/{intake[-1].pk}/intrekken/",
            f"/intake/programmas/{programme.pk}/criteria/",
            "/uitkomsten/uitstroom/",
            "/uitkomsten/nametingen/",
            "/contracten/beslissingen/",
            "/contracten/onder-minimumloon/",
            *jobs,
            *reports,
            *guidance_paths(municipality, programme, participant, placement),
        ],
    }


def report_pages(programme, user) -> list[str]:
    """The council reports: list, new, house style, a final version, its new draft
    (preview, edit, finalise, compared with the final one)."""
    today = timezone.localdate()
    final = report_services.report_create(
        programme=programme,
        actor=user,
        title="Voortgang",
        as_of=today,
        period_start=today.replace(day=1),
        period_end=today,
        today=today,
    )
    final = report_services.report_finalise(report=final, actor=user)
    draft = report_services.report_new_version(report=final, actor=user)
    return [
        "/raadsrapportages/",
        "/raadsrapportages/nieuw/",
        "/raadsrapportages/huisstijl/",
        f"/raadsrapportages/{final.pk}/",
        f"/raadsrapportages/{draft.pk}/",
        f"/raadsrapportages/{draft.pk}/bewerken/",
        f"/raadsrapportages/{draft.pk}/definitief/",
        f"/raadsrapportages/{draft.pk}/vergelijken/",
    ]


def job_pages(municipality, user) -> list[str]:
    """The job list, and a job running (with progress), done and failed."""
    from django.utils import timezone

    from basisbaan.jobs.models import Job
    from basisbaan.jobs.progress import JobProgress

    def job(status: str, **fields: object) -> Job:
        return Job.objects.create(
            municipality=municipality,
            created_by=user,
            kind="payroll.check",
            label="Loonbestand controleren: loon.csv",
            status=status,
            params={"import": 0},
            **fields,
        )

    now = timezone.now()
    running = job("running", started_at=now)
    JobProgress(running.pk, started=now.timestamp() - 30)("controleren", 300_000, 1_000_000)
    done = job("done", started_at=now, finished_at=now, message="Gecontroleerd.", done=5, total=5)
    failed = job("failed", started_at=now, finished_at=now, message="Er is niets opgeslagen.")
    return ["/taken/", *(f"/taken/{j.pk}/" for j in (running, done, failed))]


def guidance_paths(municipality, programme, participant, placement) -> list[str]:
    """The guidance pages, with a session (held) and a signal to show."""
    import datetime as dt
    from decimal import Decimal

    from basisbaan.guidance import services

    coach = make_member(municipality, Role.JOBCOACH, username="coach-axe")
    services.hours_entry_create(
        municipality=municipality,
        actor=coach,
        participant=participant,
        staff=coach,
        date=dt.date.today() - dt.timedelta(days=dt.date.today().weekday()),
        activity="coaching",
        hours=Decimal("1.5"),
    )
    session = services.feedback_session_plan(
        placement=placement, actor=coach, planned_date=dt.date(2025, 1, 6)
    )
    services.feedback_session_record(
        session=session,
        actor=coach,
        data={"held_on": dt.date(2025, 1, 6), "score_work": 4, "notes": "Gaat goed."},
    )
    signal = services.signal_raise(
        participant=participant, actor=coach, kind="absence", description="Te laat", owner=coach
    )
    return [
        "/begeleiding/",
        "/begeleiding/uren/",
        "/begeleiding/norm/",
        f"/begeleiding/instellingen/{programme.pk}/",
        "/begeleiding/perioden/",
        "/begeleiding/import/",
        "/begeleiding/feedback/",
        "/begeleiding/feedback/achterstallig/",
        "/begeleiding/feedback/sessies/",
        f"/begeleiding/feedback/plannen/{placement.pk}/",
        f"/begeleiding/feedback/{session.pk}/",
        f"/begeleiding/feedback/{session.pk}/verslag/",
        "/begeleiding/signalen/",
        "/begeleiding/signalen/nieuw/",
        f"/begeleiding/signalen/{signal.pk}/",
        "/begeleiding/agenda/",
    ]


def violations(page) -> list[str]:
    page.evaluate(AXE)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_pages_have_no_axe_violations(world, live_server, browser, width):
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="nl-NL", bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/inloggen/")
    assert violations(page) == []
    page.get_by_label("Gebruikersnaam").fill(world["admin"].username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/")
    found = {}
    for path in world["paths"]:
        page.goto(f"{live_server.url}{path}")
        if problems := violations(page):
            found[path] = problems
    # A form after a failed submit: error summary and invalid fields.
    page.goto(f"{live_server.url}/deelnemers/nieuw/")
    page.get_by_role("button", name="Deelnemer aanmelden").click()
    page.locator("[data-error-summary]").wait_for()
    if problems := violations(page):
        found["/deelnemers/nieuw/ (fouten)"] = problems
    context.close()
    assert found == {}


def research_paths(municipality) -> tuple[object, list[str]]:
    """A small evaluation study (respondents with consent, one withdrawn; a held
    interview with a coded transcript; a held one without; codes, codings, a memo) and
    every research page of it, seen by a researcher."""
    from tests.research.factories import (
        CodeFactory,
        CodingFactory,
        ConsentFactory,
        MemoFactory,
        RespondentFactory,
        SessionFactory,
        StudyFactory,
        TranscriptFactory,
    )

    researcher = make_member(municipality, Role.RESEARCHER, username="onderzoeker-axe")
    programme = ProgrammeFactory(municipality=municipality)
    study = StudyFactory(programme=programme)
    study.researchers.add(researcher)
    participant = ParticipantFactory(programme=programme)
    r1 = RespondentFactory(study=study, code="R01", kind="participant", participant=participant)
    r2 = RespondentFactory(study=study, code="R02", kind="host", description="werkgever")
    r3 = RespondentFactory(study=study, code="R03")
    ConsentFactory(respondent=r1)
    ConsentFactory(respondent=r2, scope_quotes=False)
    ConsentFactory(respondent=r3, withdrawn_on=dt.date(2025, 4, 1), withdrawal="keep_unlinked")
    held = SessionFactory(study=study)
    held.respondents.set([r1])
    empty = SessionFactory(study=study, held_on=dt.date(2025, 3, 12))
    empty.respondents.set([r2])
    SessionFactory(study=study, status="planned", held_on=None, planned_on=dt.date(2025, 5, 1))
    transcript = TranscriptFactory(
        session=held, coding_done=True, coding_done_on=dt.date(2025, 3, 11)
    )
    work = CodeFactory(study=study, name="Werk", colour="#1F77B4")
    sub = CodeFactory(study=study, name="Structuur", parent=work, colour="#D62728")
    CodingFactory(transcript=transcript, code=work, start=0, end=22, is_quote=True)
    CodingFactory(transcript=transcript, code=sub, start=10, end=40, respondent=r1)
    memo = MemoFactory(study=study, code=work)
    base = f"/onderzoek/{study.pk}"
    return researcher, [
        "/onderzoek/",
        "/onderzoek/nieuw/",
        f"{base}/",
        f"{base}/bewerken/",
        f"{base}/respondenten/",
        f"{base}/respondenten/nieuw/",
        f"{base}/respondenten/{r1.pk}/bewerken/",
        f"{base}/respondenten/{r1.pk}/toestemming/",
        f"{base}/respondenten/{r2.pk}/toestemming/intrekken/",
        f"{base}/respondenten/{r3.pk}/toestemming/",
        f"{base}/gesprekken/",
        f"{base}/gesprekken/nieuw/",
        f"{base}/gesprekken/{held.pk}/bewerken/",
        f"/onderzoek/gesprekken/{empty.pk}/transcript/",
        f"{base}/codeboek/",
        f"/onderzoek/code/{work.pk}/",
        f"/onderzoek/code/{work.pk}/?sub=1",
        f"/onderzoek/code/{work.pk}/wijzigen/",
        f"/onderzoek/memo/{memo.pk}/",
        f"/onderzoek/transcript/{transcript.pk}/",
        f"{base}/samen-voorkomen/",
        f"{base}/vergelijking/",
        f"{base}/citaten/",
        f"{base}/verzadiging/",
        f"{base}/uitwisselen/",
    ]


@pytest.mark.parametrize("width", [1280, 390])
def test_research_pages_have_no_axe_violations(municipality, live_server, browser, width):
    researcher, paths = research_paths(municipality)
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="nl-NL", bypass_csp=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(researcher.username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{live_server.url}/")
    found = {}
    for path in paths:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        if problems := violations(page):
            found[path] = problems
    # The coding form after a failed submit (no code chosen): error summary, invalid field.
    transcript_path = next(p for p in paths if p.startswith("/onderzoek/transcript/"))
    page.goto(f"{live_server.url}{transcript_path}")
    page.get_by_role("button", name="Coderen", exact=True).click()
    page.locator("[data-error-summary]").wait_for()
    if problems := violations(page):
        found[f"{transcript_path} (fouten)"] = problems
    context.close()
    assert found == {}


@pytest.mark.parametrize("width", [1280, 390])
def test_region_pages_have_no_axe_violations(live_server, browser, width):
    """The regional pages: as the programme manager of a sharing municipality (the
    index, the comparison, the sharing page with its history) and as a regional user."""
    from basisbaan.regions import services
    from tests.e2e.test_region import northern_table, sign_in
    from tests.regions.conftest import make_regional_user

    region, manager = northern_table()
    regional = make_regional_user(region)
    # A withdrawn sharing and one not yet shared: both kinds of rows of the sharing page.
    programme = ProgrammeFactory(municipality=manager.memberships.get().municipality)
    sharing = services.sharing_start(
        actor=manager,
        municipality=programme.municipality,
        programme=programme,
        region=region,
        as_of=timezone.localdate(),
    )
    services.sharing_withdraw(actor=manager, municipality=programme.municipality, sharing=sharing)
    found = {}
    for user, paths in (
        (manager, ["/regio/", "/regio/noord/", "/regio/delen/"]),
        (regional, ["/regio/", "/regio/noord/"]),
    ):
        context = browser.new_context(
            viewport={"width": width, "height": 900}, locale="nl-NL", bypass_csp=True
        )
        page = context.new_page()
        sign_in(page, live_server.url, user.username)
        for path in paths:
            response = page.goto(f"{live_server.url}{path}")
            assert response is not None and response.status == 200, path
            if problems := violations(page):
                found[f"{user.username} {path}"] = problems
        context.close()
    assert found == {}
