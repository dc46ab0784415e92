"""The dashboard app: a face over the domain apps, served at ``/``."""

from __future__ import annotations

import pytest

from django.urls import resolve, reverse

from basisbaan.dashboard.selectors import dashboard_counts
from basisbaan.dashboard.views import DashboardView
from basisbaan.hosts.constants import Track
from basisbaan.participants.constants import ParticipantStatus
from tests.factories import ParticipantFactory, PlacementFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_the_dashboard_is_served_at_the_root_by_the_dashboard_app():
    """The URL stays ``/``; its name moved from ``core:dashboard`` to ``dashboard:dashboard``."""
    assert reverse("dashboard:dashboard") == "/"
    match = resolve("/")
    assert match.func.view_class is DashboardView
    assert match.namespace == "dashboard"


def test_the_dashboard_page_renders_its_template_and_marks_its_menu_item(caseworker, client_as):
    response = client_as(caseworker).get("/")

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "dashboard/dashboard.html"
    body = response.content.decode()
    assert '<a class="bb-nav__link" href="/" aria-current="page">Overzicht</a>' in body
    assert 'data-testid="participants-total">0<' in body


def test_dashboard_counts_reads_only_the_given_municipality(municipality, other_municipality):
    programme = ProgrammeFactory(municipality=municipality, intake_open=False)
    ParticipantFactory(programme=programme, status=ParticipantStatus.WAITING)
    PlacementFactory(participant__programme=programme, track=Track.SOCIAL_VALUE)
    ParticipantFactory(programme__municipality=other_municipality)

    counts = dashboard_counts(municipality)

    assert counts["participants_total"] == 2
    assert dict(counts["participants_by_status"])[ParticipantStatus.WAITING] == 1
    assert dict(counts["participants_by_status"])[ParticipantStatus.PLACED] == 1
    assert counts["placements_total"] == 1
    assert dict(counts["placements_by_track"]) == {Track.TRANSITION: 0, Track.SOCIAL_VALUE: 1}
    assert counts["programmes"] == [programme]
    assert counts["programmes_closed"] == [programme]
