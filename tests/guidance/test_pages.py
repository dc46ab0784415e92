"""Guidance pages: the week grid (one POST for a whole week), norm, sessions,
signals, closed months; role checks and audit of the names shown."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.audit.models import AuditEntry
from basisbaan.guidance import services
from basisbaan.guidance.constants import Activity
from basisbaan.guidance.models import FeedbackAction, FeedbackSession, HoursEntry, Signal
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

D = dt.date
E = Decimal
MONDAY = D(2025, 3, 3)


def _grid_post(people, hours="1,5", week=MONDAY, activity="coaching"):
    data = {"week": week.isoformat()}
    for row, person in enumerate(people):
        data[f"p-{row}"] = str(person.pk)
        data[f"a-{row}"] = activity
        for day in range(7):
            data[f"h-{row}-{person.pk}-{day}"] = hours
    return data


def test_the_week_grid_saves_15_participants_times_7_days_in_one_request(placed, coach, client_as):
    people = [placed().participant for _ in range(15)]
    client = client_as(coach)
    page = client.get(f"/begeleiding/?week={MONDAY:%Y-%m-%d}")
    assert page.status_code == 200
    body = page.content.decode()
    # Every participant the coach is contact person for has a row, with labelled inputs.
    for person in people:
        assert 'name="h-' in body and f"-{person.pk}-0" in body
    assert 'aria-label="Uren ' in body
    # 15 x 0,75 = 11,25 hours a day: under the day's maximum of 12.
    response = client.post("/begeleiding/", _grid_post(people, hours="0,75"))
    assert response.status_code == 302
    assert response["Location"] == "/begeleiding/?week=2025-03-03"
    assert HoursEntry.objects.filter(staff=coach).count() == 105
    assert sum(HoursEntry.objects.values_list("hours", flat=True)) == E("78.75")
    shown = client.get(f"/begeleiding/?week={MONDAY:%Y-%m-%d}").content.decode()
    assert 'value="0,75"' in shown
    assert "78,75" in shown  # the week's total


def test_a_wrong_cell_shows_the_error_and_saves_nothing(placed, coach, client_as):
    person = placed().participant
    data = _grid_post([person])
    data[f"h-0-{person.pk}-2"] = "anderhalf"
    client = client_as(coach)
    with unchanged(person, reads=True):  # the grid again lists names: audited
        response = client.post("/begeleiding/", data)
    assert response.status_code == 400
    assert "‘anderhalf’ is geen aantal uren." in response.content.decode()
    assert HoursEntry.objects.count() == 0


def test_a_coach_cannot_open_another_staff_members_week_but_a_manager_can(
    placed, coach, manager, caseworker_user, client_as
):
    placed()
    other = client_as(caseworker_user)
    with unchanged():
        assert other.get(f"/begeleiding/?medewerker={coach.pk}").status_code == 403
    page = client_as(manager).get(f"/begeleiding/?medewerker={coach.pk}")
    assert page.status_code == 200
    assert "Jolanda Coach" in page.content.decode()


def test_add_a_participant_row_with_another_activity(placed, coach, client_as, programme):
    person = placed(contact_person=None).participant
    page = client_as(coach).get(f"/begeleiding/?deelnemer={person.pk}&activiteit=travel")
    body = page.content.decode()
    assert f'name="p-0" value="{person.pk}"' in body
    assert '<option value="travel" selected>' in body


def test_search_a_participant_to_add_a_row(placed, coach, client_as):
    person = placed(contact_person=None, first_name="Sjoerd", last_name="Zwart").participant
    placed(first_name="Anna", last_name="Aa")
    body = client_as(coach).get("/begeleiding/?zoek=Zwa&activiteit=travel").content.decode()
    assert f"deelnemer={person.pk}&amp;activiteit=travel" in body
    assert "Sjoerd Zwart toevoegen" in body
    nothing = client_as(coach).get("/begeleiding/?zoek=Qqq").content.decode()
    assert "Geen deelnemer in het programma gevonden." in nothing


def test_the_week_grid_audits_the_names_it_shows(placed, coach, client_as):
    person = placed().participant
    client_as(coach).get("/begeleiding/")
    entry = AuditEntry.objects.get(action="list", object_type="participants.participant")
    assert entry.changes["ids"] == [str(person.pk)]


def test_the_norm_page_shows_hours_against_the_pro_rata_norm(
    municipality, placed, coach, manager, client_as
):
    placement = placed(start=D(2025, 7, 1))
    for day, hours in ((D(2025, 8, 4), "6.5"), (D(2025, 8, 5), "6")):  # 12,5 hours in all
        services.hours_entry_create(
            municipality=municipality,
            actor=coach,
            participant=placement.participant,
            staff=coach,
            date=day,
            activity=Activity.COACHING,
            hours=E(hours),
        )
    services.guidance_settings_set(
        programme=placement.participant.programme,
        actor=manager,
        data={
            "hourly_rate": E("62.50"),
            "rate_source": "Begroting 2025",
            "rate_date": D(2025, 1, 1),
        },
    )
    body = client_as(manager).get("/begeleiding/norm/?jaar=2025").content.decode()
    assert "12,50" in body  # hours
    assert "100,82" in body  # 200 x 184 / 365 for the whole (past) year
    assert "€ 781,25" in body  # 12.5 x 62.50
    programme = placement.participant.programme
    assert f'<a href="/begeleiding/instellingen/{programme.pk}/">{programme.name}</a>' in body


def test_settings_page_needs_source_and_date_with_a_rate(programme, manager, client_as):
    client = client_as(manager)
    url = f"/begeleiding/instellingen/{programme.pk}/"
    assert client.get(url).status_code == 200
    refused = client.post(url, {"norm_hours": "180", "cadence_weeks": "4", "hourly_rate": "60"})
    assert refused.status_code == 200
    assert "Geef bij het uurtarief de bron en de datum op." in refused.content.decode()
    ok = client.post(
        url,
        {
            "norm_hours": "180",
            "cadence_weeks": "4",
            "hourly_rate": "60,00",
            "rate_source": "Integraal tarief",
            "rate_date": "01-01-2025",
        },
    )
    assert ok.status_code == 302
    programme.refresh_from_db()
    settings = programme.guidance_settings
    assert (settings.norm_hours, settings.cadence_weeks, settings.hourly_rate) == (E(180), 4, E(60))


def test_only_a_manager_changes_settings_and_closes_months(programme, coach, client_as):
    client = client_as(coach)
    with unchanged(programme):
        assert client.get(f"/begeleiding/instellingen/{programme.pk}/").status_code == 403
        assert client.post("/begeleiding/perioden/", {"month": "2025-01"}).status_code == 403


def test_a_manager_closes_a_month(manager, client_as):
    client = client_as(manager)
    assert client.post("/begeleiding/perioden/", {"month": "2025-01"}).status_code == 302
    body = client.get("/begeleiding/perioden/").content.decode()
    assert "januari 2025" in body
    again = client.post("/begeleiding/perioden/", {"month": "2025-01"})
    assert "Deze maand is al afgesloten." in again.content.decode()


def test_plan_and_record_a_session_through_the_pages(
    placed, coach, caseworker_user, host_contact, client_as
):
    placement = placed(start=D(2025, 1, 6))
    client = client_as(coach)
    assert client.get(f"/begeleiding/feedback/plannen/{placement.pk}/").status_code == 200
    planned = client.post(
        f"/begeleiding/feedback/plannen/{placement.pk}/",
        {
            "planned_date": "17-02-2025",
            "planned_time": "10:00",
            "host_contact": host_contact.pk,
            "jobcoach": coach.pk,
        },
    )
    session = FeedbackSession.objects.get()
    assert planned["Location"] == f"/begeleiding/feedback/{session.pk}/"
    assert client.get(f"/begeleiding/feedback/{session.pk}/").status_code == 200
    assert client.get(f"/begeleiding/feedback/{session.pk}/verslag/").status_code == 200
    recorded = client.post(
        f"/begeleiding/feedback/{session.pk}/verslag/",
        {
            "held_on": "18-02-2025",
            "participant_present": "on",
            "host_contact": host_contact.pk,
            "jobcoach": coach.pk,
            "caseworker": caseworker_user.pk,
            "score_work": "4",
            "score_wellbeing": "3",
            "score_finances": "2",
            "score_host": "5",
            "notes": "Loopt goed.",
        },
    )
    assert recorded.status_code == 302
    session.refresh_from_db()
    assert (session.status, session.score_work, session.caseworker) == ("held", 4, caseworker_user)
    client.post(
        f"/begeleiding/feedback/{session.pk}/actie/",
        {
            "description": "Budgetcoach bellen",
            "owner": caseworker_user.pk,
            "due_date": "01-03-2025",
        },
    )
    action = FeedbackAction.objects.get()
    assert (action.description, action.owner) == ("Budgetcoach bellen", caseworker_user)
    client.post(f"/begeleiding/acties/{action.pk}/afgerond/")
    action.refresh_from_db()
    assert action.done_on is not None
    detail = client.get(f"/begeleiding/feedback/{session.pk}/").content.decode()
    assert "4 / 5" in detail and "Budgetcoach bellen" in detail


def test_overdue_list_and_dashboard_flags(municipality, placed, coach, manager, client_as):
    late = placed(start=D(2025, 1, 6))  # due 17-02-2025, long past
    services.signal_raise(
        participant=late.participant, actor=coach, kind="conflict", description="Ruzie", owner=coach
    )
    body = client_as(manager).get("/begeleiding/feedback/achterstallig/").content.decode()
    assert late.participant.full_name in body
    assert "17-02-2025" in body
    dashboard = client_as(manager).get("/").content.decode()
    assert 'data-testid="open-signals">1<' in dashboard
    assert 'data-testid="overdue-sessions">1<' in dashboard


def test_signal_pages(placed, coach, host_contact, client_as):
    person = placed().participant
    client = client_as(coach)
    assert client.get("/begeleiding/signalen/nieuw/").status_code == 200
    created = client.post(
        "/begeleiding/signalen/nieuw/",
        {
            "participant": person.pk,
            "kind": "money",
            "description": "Schulden",
            "raised_by_host_contact": host_contact.pk,
            "owner": coach.pk,
        },
    )
    signal = Signal.objects.get()
    assert created["Location"] == f"/begeleiding/signalen/{signal.pk}/"
    assert "Geldzorgen" in client.get("/begeleiding/signalen/").content.decode()
    closed = client.post(
        f"/begeleiding/signalen/{signal.pk}/", {"follow_up": "Schuldhulp gestart", "close": "on"}
    )
    assert closed.status_code == 302
    signal.refresh_from_db()
    assert not signal.is_open
    assert "Geen signalen." in client.get("/begeleiding/signalen/").content.decode()


def test_a_researcher_sees_no_guidance_and_a_controller_only_reads(
    municipality, client_as, programme
):
    researcher = make_member(municipality, Role.RESEARCHER)
    controller = make_member(municipality, Role.CONTROLLER)
    with unchanged():
        assert client_as(researcher).get("/begeleiding/norm/").status_code == 403
    norm = client_as(controller).get("/begeleiding/norm/")
    assert norm.status_code == 200
    assert "/begeleiding/instellingen/" not in norm.content.decode()  # no settings for them
    with unchanged():
        assert client_as(controller).get("/begeleiding/").status_code == 403


def test_the_placement_page_shows_the_contact_person_and_plans_a_session(placed, coach, client_as):
    placement = placed()
    body = client_as(coach).get(f"/plaatsingen/{placement.pk}/").content.decode()
    assert "Jolanda Coach" in body
    assert f"/begeleiding/feedback/plannen/{placement.pk}/" in body


def test_changing_a_rows_activity_moves_its_hours(placed, coach, client_as):
    person = placed().participant
    client = client_as(coach)
    client.post("/begeleiding/", _grid_post([person], hours="1"))
    data = _grid_post([person], hours="1", activity="travel")
    data["o-0"] = "coaching"
    assert client.post("/begeleiding/", data).status_code == 302
    assert set(HoursEntry.objects.values_list("activity", flat=True)) == {"travel"}
    assert HoursEntry.objects.count() == 7


def test_two_rows_with_the_same_participant_and_activity_are_refused(placed, coach, client_as):
    person = placed().participant
    data = _grid_post([person, person], hours="1")
    client = client_as(coach)
    with unchanged(person, reads=True):  # the grid again lists names: audited
        response = client.post("/begeleiding/", data)
    assert response.status_code == 400
    assert "Twee regels hebben dezelfde deelnemer en activiteit" in response.content.decode()
    assert HoursEntry.objects.count() == 0


def test_the_participant_page_shows_guidance_at_a_glance(municipality, placed, coach, client_as):
    placement = placed(start=D(2025, 1, 6))
    services.hours_entry_create(
        municipality=municipality,
        actor=coach,
        participant=placement.participant,
        staff=coach,
        date=dt.date.today(),
        activity=Activity.COACHING,
        hours=E("2.5"),
    )
    services.signal_raise(
        participant=placement.participant, actor=coach, kind="money", description="x", owner=coach
    )
    body = client_as(coach).get(f"/deelnemers/{placement.participant_id}/").content.decode()
    assert "2,50 (norm naar rato:" in body
    assert "17-02-2025 (achterstallig)" in body
    assert f"/begeleiding/signalen/nieuw/?deelnemer={placement.participant_id}" in body


def test_the_signal_form_audits_the_names_it_offers(placed, coach, client_as):
    person = placed().participant
    client_as(coach).get("/begeleiding/signalen/nieuw/")
    entry = AuditEntry.objects.get(action="list", object_type="participants.participant")
    assert entry.changes["ids"] == [str(person.pk)]


def test_a_far_or_bad_week_gives_a_normal_page(coach, client_as):
    client = client_as(coach)
    for asked, monday in (("9999-12-31", "23-12-2199"), ("0001-01-01", "01-01-1900")):
        response = client.get(f"/begeleiding/?week={asked}")
        assert response.status_code == 200
        body = response.content.decode()
        assert "de dichtstbijzijnde week" in body
        assert monday in body
    response = client.get("/begeleiding/?week=gisteren")
    assert response.status_code == 200
    assert "‘gisteren’ is geen datum; u ziet deze week." in response.content.decode()


def test_a_day_over_twelve_hours_is_shown_at_its_cell_and_day(placed, coach, client_as):
    person = placed().participant
    data = {"week": MONDAY.isoformat(), "p-0": str(person.pk), "a-0": "coaching"}
    data.update({f"h-0-{person.pk}-{day}": "" for day in range(7)})
    data[f"h-0-{person.pk}-1"] = "24"
    data[f"h-0-{person.pk}-2"] = "x"
    client = client_as(coach)
    with unchanged(person, reads=True):
        response = client.post("/begeleiding/", data)
    assert response.status_code == 400
    body = response.content.decode()
    # The bad text is shown at its own cell, linked to the input.
    cell = f"h-0-{person.pk}-2"
    assert f'aria-describedby="{cell}-fout"' in body
    assert f'id="{cell}-fout"' in body
    assert "‘x’ is geen aantal uren." in body
    assert f'href="#{cell}"' in body  # the summary links to the cell
    # With the text fixed, 24 hours on Tuesday are refused at that day.
    data[f"h-0-{person.pk}-2"] = ""
    with unchanged(person, reads=True):
        response = client.post("/begeleiding/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert "Meer dan 12 uur op één dag kan niet." in body
    assert f'aria-describedby="h-0-{person.pk}-1-fout"' in body
    assert HoursEntry.objects.count() == 0


def test_twelve_hours_over_two_participants_on_one_day_are_the_limit(placed, coach, client_as):
    first, second = placed().participant, placed().participant
    data = _grid_post([first, second], hours="")
    data[f"h-0-{first.pk}-0"] = "8"
    data[f"h-1-{second.pk}-0"] = "4,25"
    client = client_as(coach)
    with unchanged(first, second, reads=True):
        response = client.post("/begeleiding/", data)
    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="dag-0-fout"' in body
    assert "Op 03-03-2025 staan dan 12,25 uur; meer dan 12 uur op één dag kan niet" in body
    data[f"h-1-{second.pk}-0"] = "4"
    assert client.post("/begeleiding/", data).status_code == 302
    assert sum(HoursEntry.objects.values_list("hours", flat=True)) == E(12)
