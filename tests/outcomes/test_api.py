"""The outcomes API: permissions, suppression, exits, follow-ups and assumptions.

The suite's today is 18 November 2026; the small programme (conftest) has three
participants placed on 1 July 2024, one of whom left on 30 June 2025.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.outcomes.constants import FollowUpStatus
from basisbaan.outcomes.models import Assumption, FollowUp
from basisbaan.outcomes.services import assumption_set
from basisbaan.tenancy.roles import Role
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def _cells(body):
    for table in body["tables"]:
        for row in table["rows"]:
            for cell in row["cells"]:
                yield table["key"], row["key"], cell


def _row(body, table_key, row_key):
    table = next(t for t in body["tables"] if t["key"] == table_key)
    return next(r for r in table["rows"] if r["key"] == row_key)


# -- permissions ------------------------------------------------------------------------


def test_a_researcher_sees_outcomes_and_the_business_case_but_not_follow_ups(
    small, researcher, api_as
):
    programme, _placements, _exit = small
    client = api_as(researcher)

    outcomes = client.get(f"/api/v1/outcomes/{programme.pk}/")
    case = client.get(f"/api/v1/business-case/{programme.pk}/")
    follow_ups = client.get("/api/v1/follow-ups/")
    assumptions = client.get("/api/v1/business-case-assumptions/")

    assert (outcomes.status_code, case.status_code) == (200, 200)
    assert follow_ups.status_code == 403
    assert assumptions.status_code == 200


def test_a_jobcoach_sees_outcomes_but_not_the_business_case(small, member, api_as):
    programme = small[0]
    client = api_as(member(Role.JOBCOACH))

    assert client.get(f"/api/v1/outcomes/{programme.pk}/").status_code == 200
    assert client.get(f"/api/v1/business-case/{programme.pk}/").status_code == 403


def test_another_municipality_s_programme_is_not_found(small, outsider, api_as):
    programme = small[0]
    client = api_as(outsider)

    assert client.get(f"/api/v1/outcomes/{programme.pk}/").status_code == 404
    assert client.get(f"/api/v1/business-case/{programme.pk}/").status_code == 404
    assert client.get(f"/api/v1/exits/{small[2].pk}/").status_code == 404
    follow_up = FollowUp.objects.filter(exit=small[2]).first()
    with unchanged(follow_up):
        response = client.post(
            f"/api/v1/follow-ups/{follow_up.pk}/record/",
            {"measured_on": "2025-08-01", "reachable": False},
            format="json",
        )
    assert response.status_code == 404


# -- the outcome report -----------------------------------------------------------------


def test_three_participants_are_suppressed_in_the_api(small, researcher, api_as):
    programme = small[0]

    body = api_as(researcher).get(f"/api/v1/outcomes/{programme.pk}/").json()

    assert (body["programme"], body["as_of"], body["threshold"]) == (
        programme.pk,
        "2026-11-18",
        5,
    )
    started = _row(body, "key", "started")
    # 3 started, all on the transition track: 3 < 5 in the total and the track;
    # the social-value track's 0 stays published (total and track both hidden:
    # neither follows from the other).
    assert started["label"] == "Gestart"
    assert started["definition"]
    assert started["cells"][0] == {
        "status": "primary",
        "value": None,
        "text": "minder dan 5",
        "part": None,
        "whole": None,
    }
    assert started["cells"][1]["value"] is None
    assert started["cells"][2]["value"] == "0"
    # A published zero stays a number.
    assert _row(body, "key", "between")["cells"][0] == {
        "status": "published",
        "value": "0",
        "text": "0",
        "part": None,
        "whole": None,
    }
    # No suppressed cell anywhere carries a number.
    leaks = [
        (t, r, c)
        for t, r, c in _cells(body)
        if c["status"] != "published" and any(c[k] is not None for k in ("value", "part", "whole"))
    ]
    assert leaks == []
    assert [t["key"] for t in body["tables"]] == [
        "key",
        "follow_up",
        "years",
        "reasons",
        "cohorts",
        "curves",
    ]


def test_as_of_is_a_date_not_after_today(small, researcher, api_as):
    programme = small[0]
    client = api_as(researcher)

    earlier = client.get(f"/api/v1/outcomes/{programme.pk}/", {"as_of": "2024-12-31"})
    future = client.get(f"/api/v1/outcomes/{programme.pk}/", {"as_of": "2026-11-19"})
    wrong = client.get(f"/api/v1/business-case/{programme.pk}/", {"as_of": "2025-13-01"})

    assert earlier.status_code == 200
    assert earlier.json()["as_of"] == "2024-12-31"
    # On 31-12-2024 the years run up to 2024 (the programme started in 2023).
    reasons = next(t for t in earlier.json()["tables"] if t["key"] == "reasons")
    assert reasons["columns"] == ["2023", "2024", "Totaal"]
    assert future.status_code == 400
    assert future.json()["as_of"] == ["De peildatum mag niet na vandaag liggen."]
    assert wrong.status_code == 400
    assert "as_of" in wrong.json()


# -- the business case ------------------------------------------------------------------


def test_the_business_case_hides_figures_per_participant_below_the_threshold(
    small, researcher, api_as
):
    programme = small[0]

    body = api_as(researcher).get(f"/api/v1/business-case/{programme.pk}/").json()

    assert body["enough_participants"] is False
    assert body["net_cost_per_participant_year"] is None
    assert body["net_cost_per_placement"] is None
    assert body["net_cost_gross_effect_per_participant_year"] is None
    assert {s["net_cost_per_participant_year"] for s in body["sensitivity"]} == {None}
    # 4 deadweights x 3 guidance factors.
    assert len(body["sensitivity"]) == 12
    assert [y["year"] for y in body["years"]] == [2024, 2025, 2026]
    # Basisbaan months: 2024 3 x 6 (Jul-Dec); 2025 3 x 6 + 2 x 6 (one left 30 June);
    # 2026 2 x 10 (January to October: the as-of month does not count).
    assert [y["participant_months"] for y in body["years"]] == [18, 30, 20]
    assert body["total"]["participant_months"] == 68
    # Execution costs saved: EUR 2,883 a year = 240.25 a month; 68 x 240.25 = 16,337.00.
    assert body["total"]["execution_saved_gross"] == "16337.00"
    assert body["total"]["gross_cost"] == "0.00"
    assert body["placements"] == 3
    assert [s["key"] for s in body["steps"]][0] == "gross_cost"
    assert {a["key"]: a["is_default"] for a in body["assumptions"]}["execution_cost_year"]


# -- exits ------------------------------------------------------------------------------


def test_exits_list_with_pseudonyms_for_a_researcher(small, researcher, manager, api_as):
    exit = small[2]

    as_researcher = api_as(researcher).get("/api/v1/exits/").json()
    as_manager = api_as(manager).get("/api/v1/exits/", {"reason": "education"}).json()
    none_moved = api_as(manager).get("/api/v1/exits/", {"reason": "moved"}).json()

    assert as_researcher["count"] == 1
    assert as_researcher["results"][0]["participant"].startswith("P-")
    assert as_manager["results"][0]["participant"] == exit.participant_id
    assert as_manager["results"][0]["kind"] == "programme"
    assert as_manager["results"][0]["exit_date"] == "2025-06-30"
    assert none_moved["count"] == 0


def test_exits_filter_by_date_and_refuse_another_municipality_s_programme(
    small, other_programme, manager, api_as
):
    client = api_as(manager)

    after = client.get("/api/v1/exits/", {"exit_date_from": "2025-07-01"})
    through = client.get("/api/v1/exits/", {"exit_date_to": "2025-06-30"})
    foreign = client.get("/api/v1/exits/", {"programme": other_programme.pk})

    assert (after.json()["count"], through.json()["count"]) == (0, 1)
    assert foreign.status_code == 400


def test_reading_exits_is_audited(small, manager, api_as):
    response = api_as(manager).get(f"/api/v1/exits/{small[2].pk}/")

    entry = AuditEntry.objects.get(request_id=response["X-Request-ID"])
    assert (entry.action, entry.object_type, entry.object_id) == (
        AuditAction.VIEW,
        "outcomes.exit",
        str(small[2].pk),
    )


# -- follow-ups -------------------------------------------------------------------------


def test_the_worklist_by_state(small, manager, api_as):
    client = api_as(manager)

    # Planned at 1, 3, 6, 12 and 18 months after 30-06-2025: 30-07-2025, 30-09-2025,
    # 30-12-2025, 30-06-2026 and 30-12-2026. Shown from 14 days before: until
    # 02-12-2026, so the first four; overdue 28 days after: before 21-10-2026, all four.
    due = client.get("/api/v1/follow-ups/").json()
    overdue = client.get("/api/v1/follow-ups/", {"state": "overdue"}).json()
    not_late = client.get("/api/v1/follow-ups/", {"state": "due"}).json()
    done = client.get("/api/v1/follow-ups/", {"state": "done"}).json()
    wrong = client.get("/api/v1/follow-ups/", {"state": "later"})

    assert [r["due_date"] for r in due["results"]] == [
        "2025-07-30",
        "2025-09-30",
        "2025-12-30",
        "2026-06-30",
    ]
    assert [r["months"] for r in overdue["results"]] == [1, 3, 6, 12]
    assert all(r["overdue"] for r in overdue["results"])
    assert (not_late["count"], done["count"]) == (0, 0)
    assert wrong.status_code == 400


def test_record_a_follow_up_through_the_api(small, caseworker, api_as):
    follow_up = FollowUp.objects.get(exit=small[2], months=1)

    response = api_as(caseworker).post(
        f"/api/v1/follow-ups/{follow_up.pk}/record/",
        {
            "measured_on": "2025-08-04",
            "reachable": True,
            "works": True,
            "hours_per_week": "24",
            "same_employer": False,
            "assistance": "partial",
            "assistance_amount": "150.00",
            "note": "Gebeld",
        },
        format="json",
    )

    assert response.status_code == 200, response.json()
    follow_up.refresh_from_db()
    assert follow_up.status == FollowUpStatus.MEASURED
    assert (follow_up.measured_on, follow_up.works, follow_up.hours_per_week) == (
        dt.date(2025, 8, 4),
        True,
        Decimal("24.0"),
    )
    assert (follow_up.assistance, follow_up.assistance_amount) == ("partial", Decimal("150.00"))
    assert follow_up.recorded_by == caseworker
    assert response.json()["status"] == "measured"
    assert AuditEntry.objects.filter(
        action=AuditAction.UPDATE, object_type="outcomes.followup", object_id=str(follow_up.pk)
    ).exists()


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        (
            {"measured_on": "2026-11-19", "reachable": False},
            "measured_on",
            "De meetdatum ligt in de toekomst.",
        ),
        (
            {"measured_on": "2025-08-04", "reachable": True, "assistance": "none"},
            "works",
            "Geef aan of de persoon werkt.",
        ),
        (
            {
                "measured_on": "2025-08-04",
                "reachable": True,
                "works": False,
                "assistance": "none",
                "assistance_amount": "10.00",
            },
            "assistance_amount",
            "Een bedrag hoort alleen bij aanvullende bijstand.",
        ),
    ],
)
def test_a_refused_follow_up_changes_nothing(small, caseworker, api_as, body, field, message):
    follow_up = FollowUp.objects.get(exit=small[2], months=1)
    client = api_as(caseworker)

    with unchanged(follow_up):
        response = client.post(f"/api/v1/follow-ups/{follow_up.pk}/record/", body, format="json")

    assert response.status_code == 400
    assert response.json()[field] == [message]


def test_a_researcher_may_not_record_a_follow_up(small, researcher, api_as):
    follow_up = FollowUp.objects.get(exit=small[2], months=1)

    with unchanged(follow_up):
        response = api_as(researcher).post(
            f"/api/v1/follow-ups/{follow_up.pk}/record/",
            {"measured_on": "2025-08-04", "reachable": False},
            format="json",
        )

    assert response.status_code == 403


# -- assumptions ------------------------------------------------------------------------


def test_create_and_delete_an_assumption_audited(municipality, controller, api_as):
    client = api_as(controller)

    created = client.post(
        "/api/v1/business-case-assumptions/",
        {
            "key": "deadweight_transition",
            "effective_date": "2025-01-01",
            "value": "0.25",
            "source": "Eigen onderzoek 2024",
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    row = Assumption.objects.get(pk=created.json()["id"])
    assert (row.municipality, row.value, row.updated_by) == (
        municipality,
        Decimal("0.25"),
        controller,
    )
    assert AuditEntry.objects.filter(
        action=AuditAction.CREATE, object_type="outcomes.assumption", object_id=str(row.pk)
    ).exists()

    deleted = client.delete(f"/api/v1/business-case-assumptions/{row.pk}/")

    assert deleted.status_code == 204
    assert not Assumption.objects.filter(pk=row.pk).exists()
    assert AuditEntry.objects.filter(
        action=AuditAction.DELETE, object_type="outcomes.assumption", object_id=str(row.pk)
    ).exists()


def test_an_assumption_without_a_source_or_by_a_researcher_is_refused(
    municipality, controller, researcher, api_as
):
    body = {"key": "partial_share", "effective_date": "2025-01-01", "value": "1.5", "source": "x"}
    stored = assumption_set(
        municipality=municipality,
        actor=controller,
        key="partial_share",
        effective_date=dt.date(2024, 1, 1),
        value=Decimal("0.4"),
        source="Afspraak",
    )

    with unchanged(stored):
        too_big = api_as(controller).post("/api/v1/business-case-assumptions/", body, format="json")
        by_researcher = api_as(researcher).post(
            "/api/v1/business-case-assumptions/", {**body, "value": "0.5"}, format="json"
        )
        delete_by_researcher = api_as(researcher).delete(
            f"/api/v1/business-case-assumptions/{stored.pk}/"
        )

    assert too_big.status_code == 400
    assert too_big.json()["value"] == ["Een aandeel ligt tussen 0 en 1 (0,10 is 10%)."]
    assert (by_researcher.status_code, delete_by_researcher.status_code) == (403, 403)


def test_an_empty_or_wrongly_typed_parameter_is_refused(small, manager, controller, api_as):
    programme = small[0]

    empty_state = api_as(manager).get("/api/v1/follow-ups/", {"state": ""})
    empty_day = api_as(manager).get(f"/api/v1/outcomes/{programme.pk}/", {"as_of": ""})
    with unchanged():
        number_note = api_as(controller).post(
            "/api/v1/business-case-assumptions/",
            {
                "key": "partial_share",
                "effective_date": "2025-01-01",
                "value": "0.4",
                "source": "Afspraak",
                "note": 0,
            },
            format="json",
        )

    assert empty_state.status_code == 400
    assert empty_state.json()["state"] == ["Vul een waarde in, of laat deze parameter weg."]
    assert empty_day.status_code == 400
    assert empty_day.json()["as_of"] == ["Vul een waarde in, of laat deze parameter weg."]
    assert number_note.status_code == 400
    assert "note" in number_note.json()


def test_a_decimal_goes_as_text(municipality, controller, api_as):
    body = {"key": "partial_share", "effective_date": "2025-01-01", "source": "Afspraak"}
    client = api_as(controller)

    with unchanged():
        as_number = client.post(
            "/api/v1/business-case-assumptions/", {**body, "value": 0.4}, format="json"
        )
    as_text = client.post(
        "/api/v1/business-case-assumptions/", {**body, "value": "0.4"}, format="json"
    )

    assert as_number.status_code == 400
    assert "value" in as_number.json()
    assert as_text.status_code == 201
    assert as_text.json()["value"] == "0.400000"
