"""The programme dashboard: the council report's figures live, filters, the trend."""

from __future__ import annotations

import datetime as dt

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from basisbaan.dashboard.forms import half_year_start
from basisbaan.dashboard.selectors import quarter_ends, working_trend
from basisbaan.hosts.constants import Track
from basisbaan.reports.services import report_create, report_finalise
from tests.factories import PlacementFactory, ProgrammeFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

START = dt.date(2025, 7, 1)


@pytest.fixture
def small(municipality):
    """Six on the transition track since August 2025, one on the social-value
    track since February 2026 (the suite's today is 18 November 2026)."""
    programme = ProgrammeFactory(
        municipality=municipality, name="Basisbanen Klein", start_date=START
    )
    for _ in range(6):
        PlacementFactory(
            participant__programme=programme,
            start_date=dt.date(2025, 8, 1),
            track=Track.TRANSITION,
        )
    PlacementFactory(
        participant__programme=programme,
        start_date=dt.date(2026, 2, 1),
        track=Track.SOCIAL_VALUE,
    )
    return programme


def url(programme, **query):
    base = reverse("dashboard:programme", args=[programme.pk])
    return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def table(response, key):
    for block in response.context["blocks"]:
        for t in block["tables"]:
            if t["key"] == key:
                return t
    raise AssertionError(key)


def row_texts(t, row_key):
    return next([c["text"] for c in cells] for row, cells in t["lines"] if row["key"] == row_key)


def test_the_url_and_the_rights(small, caseworker, controller, manager, client_as):
    assert url(small) == f"/programma-dashboard/{small.pk}/"
    with unchanged():
        assert client_as(caseworker).get(url(small)).status_code == 403
    assert client_as(controller).get(url(small)).status_code == 200
    response = client_as(manager).get(url(small))
    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "dashboard/programme.html"


def test_another_municipalitys_programme_is_not_found(controller, other_programme, client_as):
    with unchanged():
        assert client_as(controller).get(url(other_programme)).status_code == 404


def test_the_front_page_and_the_programme_page_link_to_it(small, caseworker, controller, client_as):
    link = f'href="/programma-dashboard/{small.pk}/"'
    assert link in client_as(controller).get("/").content.decode()
    assert link in client_as(controller).get(f"/programmas/{small.pk}/").content.decode()
    assert link not in client_as(caseworker).get("/").content.decode()


def test_defaults_today_and_the_half_year(small, controller, client_as, today):
    response = client_as(controller).get(url(small))

    assert response.context["as_of"] == today == dt.date(2026, 11, 18)
    assert response.context["period_start"] == dt.date(2026, 7, 1)
    assert row_texts(table(response, "tracks"), "working") == ["7", "afgeschermd", "minder dan 5"]
    assert table(response, "tracks")["columns"] == [
        "Totaal",
        "Doorstroom naar regulier werk",
        "Maatschappelijke waarde",
    ]


def test_the_track_filter_shows_the_total_and_that_track(small, controller, client_as):
    response = client_as(controller).get(url(small, spoor="social_value"))

    tracks = table(response, "tracks")
    assert tracks["columns"] == ["Totaal", "Maatschappelijke waarde"]
    assert row_texts(tracks, "working") == ["7", "minder dan 5"]
    assert table(response, "retention")["columns"] == ["Totaal", "Maatschappelijke waarde"]
    # Tables of one column or of years are not by track.
    assert table(response, "key")["columns"] == ["Aantal"]
    assert table(response, "finances")["columns"] == ["2025", "2026"]
    assert response.context["trend"].columns == ["Totaal", "Maatschappelijke waarde"]
    body = response.content.decode()
    assert "Doorstroom naar regulier werk</th>" not in body


def test_a_peildatum_in_the_future_is_refused_and_today_shown(small, controller, client_as, today):
    with unchanged():
        response = client_as(controller).get(url(small, peildatum="01-01-2027"))

    assert response.status_code == 200
    assert response.context["as_of"] == today
    assert "De peildatum ligt in de toekomst." in response.content.decode()


def test_a_peildatum_before_the_start_and_a_period_after_the_peildatum_are_refused(
    small, controller, client_as, today
):
    response = client_as(controller).get(url(small, peildatum="30-06-2025"))
    assert response.context["as_of"] == today
    assert "De peildatum ligt vóór de start van het programma." in response.content.decode()

    response = client_as(controller).get(url(small, peildatum="31-03-2026", periode="01-04-2026"))
    assert response.context["as_of"] == dt.date(2026, 3, 31)
    assert response.context["period_start"] == dt.date(2026, 1, 1)
    assert "De periode begint na de peildatum." in response.content.decode()


@pytest.mark.parametrize(
    "query",
    [
        {"peildatum": "31-12-9999"},
        {"peildatum": "9999-12-31"},
        {"peildatum": "99999-99-99"},
        {"peildatum": "01-01-0001", "periode": "01-01-0001"},
        {"periode": "31-12-9999"},
        {"spoor": "onbekend"},
        {"peildatum": "2026-13-01", "spoor": "transition"},
    ],
)
def test_odd_input_is_never_a_server_error(small, controller, client_as, today, query):
    response = client_as(controller).get(url(small, **query))

    assert response.status_code == 200
    assert response.context["as_of"] == today
    assert response.context["period_start"] == dt.date(2026, 7, 1)


def test_a_null_byte_is_the_projects_bad_request_not_a_server_error(small, controller, client_as):
    assert client_as(controller).get(url(small, peildatum="%00")).status_code == 400


def test_quarter_ends():
    assert quarter_ends(dt.date(2025, 8, 15), dt.date(2026, 3, 31)) == [
        dt.date(2025, 9, 30),
        dt.date(2025, 12, 31),
        dt.date(2026, 3, 31),
    ]
    assert quarter_ends(dt.date(2025, 8, 15), dt.date(2025, 11, 2)) == [
        dt.date(2025, 9, 30),
        dt.date(2025, 11, 2),
    ]
    assert quarter_ends(dt.date(2025, 8, 15), dt.date(2025, 8, 1)) == []
    assert half_year_start(dt.date(2026, 6, 30)) == dt.date(2026, 1, 1)
    assert half_year_start(dt.date(2026, 7, 1)) == dt.date(2026, 7, 1)


def test_the_trend_since_the_start(small, controller, client_as):
    response = client_as(controller).get(url(small))

    trend = response.context["trend"]
    assert [(day, [c["text"] for c in cells]) for day, cells in trend.rows] == [
        (dt.date(2025, 9, 30), ["6", "6", "0"]),
        (dt.date(2025, 12, 31), ["6", "6", "0"]),
        (dt.date(2026, 3, 31), ["7", "afgeschermd", "minder dan 5"]),
        (dt.date(2026, 6, 30), ["7", "afgeschermd", "minder dan 5"]),
        (dt.date(2026, 9, 30), ["7", "afgeschermd", "minder dan 5"]),
        (dt.date(2026, 11, 18), ["7", "afgeschermd", "minder dan 5"]),
    ]
    # Hidden points are gaps in the chart: the transition line stops after 2025.
    assert [s.values for s in trend.legend] == [
        (6, 6, 7, 7, 7, 7),
        (6, 6, None, None, None, None),
        (0, 0, None, None, None, None),
    ]
    wide = str(trend.charts[0])
    assert wide.count('class="bb-line bb-series-1"') == 1
    assert 'role="img"' in wide
    assert "<title id=" in wide
    spent = response.context["spent"]
    assert spent["columns"] == ["2025", "2026"]
    assert [c["text"] for c in spent["lines"][0][1]] == ["€ 0", "€ 0"]


def test_cells_hidden_in_a_final_report_stay_hidden(
    small, municipality, controller, client_as, today
):
    """A report of 30 June 2026 hid the tracks (6 and 1); a correction entered
    later (four more on the social-value track) makes them 6 and 5 live: still
    hidden on the dashboard for that peildatum, published on other days."""
    as_of = dt.date(2026, 6, 30)
    report = report_create(
        programme=small,
        actor=None,
        title="Voortgang eerste halfjaar 2026",
        as_of=as_of,
        period_start=dt.date(2026, 1, 1),
        period_end=as_of,
        today=today,
    )
    report_finalise(report=report, actor=None)
    for track in (Track.SOCIAL_VALUE,) * 4:
        PlacementFactory(participant__programme=small, start_date=dt.date(2026, 2, 1), track=track)

    response = client_as(controller).get(url(small, peildatum="30-06-2026"))

    assert row_texts(table(response, "tracks"), "working") == ["11", "afgeschermd", "afgeschermd"]
    assert response.context["kept_back"] > 0
    assert 'data-testid="kept-back"' in response.content.decode()
    trend = response.context["trend"]
    assert [c["text"] for c in trend.rows[-1][1]] == ["11", "afgeschermd", "afgeschermd"]
    # On another day the live figures stand: 6 and 5 are published.
    response = client_as(controller).get(url(small, peildatum="01-07-2026"))
    assert row_texts(table(response, "tracks"), "working") == ["11", "6", "5"]
    assert response.context["kept_back"] == 0


def test_the_page_reads_a_bounded_number_of_queries(small, controller, client_as):
    """The trend reads the programme once for all its days, not once per day: the
    page stays within the 80 queries every page keeps to (tests/core/test_extreme_dates.py)."""
    client = client_as(controller)
    with CaptureQueriesContext(connection) as cold:
        assert client.get(url(small)).status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(url(small)).status_code == 200
    assert len(cold) <= 80
    assert len(warm) <= len(cold)


def test_the_trend_draws_the_last_ten_years_at_most(municipality):
    programme = ProgrammeFactory(municipality=municipality, start_date=dt.date(2014, 1, 1))

    points = working_trend(programme, as_of=dt.date(2026, 11, 18))

    assert (len(points), points[0].day, points[-1].day) == (
        40,
        dt.date(2017, 3, 31),
        dt.date(2026, 11, 18),
    )


def test_a_changed_start_is_a_new_trend_not_the_cached_one(small, controller, client_as):
    client = client_as(controller)
    assert client.get(url(small)).context["trend"].rows[0][0] == dt.date(2025, 9, 30)
    type(small).objects.filter(pk=small.pk).update(start_date=dt.date(2025, 10, 1))

    rows = client.get(url(small)).context["trend"].rows

    assert [day for day, _cells in rows] == [
        dt.date(2025, 12, 31),
        dt.date(2026, 3, 31),
        dt.date(2026, 6, 30),
        dt.date(2026, 9, 30),
        dt.date(2026, 11, 18),
    ]
