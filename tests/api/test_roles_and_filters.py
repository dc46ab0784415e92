"""Roles mean the same in every face, and filters are no oracle (issue 11, point 6)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from django.urls import get_resolver

from basisbaan.core.api.filters import MODEL_CHOICE_FILTERS, TenantFilterBackend
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.guidance import services as guidance
from basisbaan.guidance.selectors import hours_readable, may_read_hours_of
from basisbaan.tenancy.models import User
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory
from tests.test_tenant_walk import _patterns, world_a  # noqa: F401 -- fixture
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

MISSING = 987654321


# -- the job coach and a colleague's hours -------------------------------------------


@pytest.fixture
def two_coaches(municipality, programme):
    me = make_member(municipality, Role.JOBCOACH, username="coach-ik")
    colleague = make_member(municipality, Role.JOBCOACH, username="coach-collega")
    participant = ParticipantFactory(programme=programme)
    entries = {
        user.username: guidance.hours_entry_create(
            municipality=municipality,
            actor=user,
            participant=participant,
            staff=user,
            date=dt.date(2026, 11, 16),
            activity="coaching",
            hours=Decimal("1.5"),
            note=f"notitie van {user.username}",
        )
        for user in (me, colleague)
    }
    return me, colleague, entries


def test_the_selector_rule(two_coaches, municipality, manager):
    me, colleague, entries = two_coaches

    assert may_read_hours_of(viewer=me, role=Role.JOBCOACH, staff_id=me.pk)
    assert not may_read_hours_of(viewer=me, role=Role.JOBCOACH, staff_id=colleague.pk)
    assert may_read_hours_of(viewer=manager, role=Role.PROGRAMME_MANAGER, staff_id=colleague.pk)
    mine = hours_readable(municipality=municipality, viewer=me, role=Role.JOBCOACH)
    assert list(mine) == [entries["coach-ik"]]
    every = hours_readable(municipality=municipality, viewer=manager, role=Role.PROGRAMME_MANAGER)
    assert sorted(e.pk for e in every) == sorted(e.pk for e in entries.values())


def test_the_page_refuses_a_colleagues_week(two_coaches, client_as):
    me, colleague, _entries = two_coaches

    response = client_as(me).get(f"/begeleiding/?medewerker={colleague.pk}")

    assert response.status_code == 403


def test_the_api_shows_a_coach_only_their_own_hours(two_coaches, api_as):
    me, colleague, entries = two_coaches
    client = api_as(me)

    listed = client.get("/api/v1/hours-entries/").json()["results"]
    theirs = client.get(f"/api/v1/hours-entries/{entries['coach-collega'].pk}/")
    filtered = client.get(f"/api/v1/hours-entries/?staff={colleague.pk}")

    assert [row["note"] for row in listed] == ["notitie van coach-ik"]
    assert theirs.status_code == 404
    assert filtered.status_code == 200
    assert filtered.json()["results"] == []


def test_a_coach_cannot_change_a_colleagues_hours(two_coaches, api_as):
    me, _colleague, entries = two_coaches
    theirs = entries["coach-collega"]

    with unchanged(theirs):
        response = api_as(me).patch(
            f"/api/v1/hours-entries/{theirs.pk}/", {"note": "overschreven"}, format="json"
        )

    assert response.status_code == 404


def test_the_manager_reads_everyones_hours_in_both_faces(two_coaches, manager, api_as, client_as):
    _me, colleague, entries = two_coaches

    listed = api_as(manager).get("/api/v1/hours-entries/").json()["results"]
    page = client_as(manager).get(f"/begeleiding/?medewerker={colleague.pk}")

    assert sorted(row["note"] for row in listed) == [
        "notitie van coach-collega",
        "notitie van coach-ik",
    ]
    assert page.status_code == 200


# -- filters: a foreign id answers like a missing one ---------------------------------


def _list_routes() -> list[tuple[str, type[TenantViewSet]]]:
    found = []
    for route, pattern in _patterns(get_resolver()):
        view = getattr(pattern.callback, "cls", None)
        actions = getattr(pattern.callback, "actions", {}) or {}
        if (
            route.startswith("api/v1/")
            and view is not None
            and issubclass(view, TenantViewSet)
            and actions.get("get") == "list"
            and "(?P<format>" not in route
        ):
            found.append(("/" + route.replace("^", "").replace("$", ""), view))
    return found


def _model_filters(view: type[TenantViewSet]) -> dict[str, type]:
    """{filter name: the model it chooses among} of the view's filterset."""
    instance = view()
    instance.action = "list"
    model = view.queryset.model if view.queryset is not None else None
    if model is None or TenantFilterBackend not in [
        type(b) if not isinstance(b, type) else b for b in instance.filter_backends
    ]:
        return {}
    klass = TenantFilterBackend().get_filterset_class(instance, model.objects.none())
    if klass is None:
        return {}
    return {
        name: model._meta.get_field(flt.field_name).related_model
        for name, flt in klass.base_filters.items()
        if isinstance(flt, MODEL_CHOICE_FILTERS)
    }


def test_the_walk_finds_the_filters():
    names = {
        (view.__name__, name) for _route, view in _list_routes() for name in _model_filters(view)
    }
    assert {
        ("HoursEntryViewSet", "participant"),
        ("HoursEntryViewSet", "staff"),
        ("FeedbackSessionViewSet", "placement"),
        ("FeedbackActionViewSet", "session"),
        ("FeedbackActionViewSet", "owner"),
        ("SignalViewSet", "participant"),
        ("SignalViewSet", "owner"),
        ("ContractViewSet", "participant"),
        ("PlacementViewSet", "position"),
        ("ParticipantViewSet", "contact_person"),
        ("PayrollEntryViewSet", "contract"),
    } <= names


def test_no_filter_tells_whether_a_foreign_id_exists(world_a, other_municipality, api_as):  # noqa: F811
    visitor = make_member(other_municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-b")
    foreign = {type(obj): obj.pk for obj in world_a}
    foreign[User] = User.objects.get(username="coach-a").pk
    client = api_as(visitor)

    checked = []
    with unchanged(*world_a, reads=True):
        for path, view in _list_routes():
            for name, model in _model_filters(view).items():
                assert model in foreign, (path, name, model)
                other = client.get(path, {name: foreign[model]})
                missing = client.get(path, {name: MISSING})
                assert other.status_code == missing.status_code == 400, (path, name)
                assert other.json() == missing.json(), (path, name)
                checked.append((path, name))
    assert len(checked) >= 15


# -- permissions before validation ----------------------------------------------------


def _write_routes() -> list[tuple[str, str, type[TenantViewSet]]]:
    found = []
    for route, pattern in _patterns(get_resolver()):
        view = getattr(pattern.callback, "cls", None)
        actions = getattr(pattern.callback, "actions", {}) or {}
        if (
            not route.startswith("api/v1/")
            or view is None
            or not issubclass(view, TenantViewSet)
            or "(?P<format>" in route
        ):
            continue
        path = "/" + re.sub(r"\(\?P<\w+>[^)]*\)", "1", route).replace("^", "").replace("$", "")
        found.extend(
            (method, path, view)
            for method in ("post", "put", "patch", "delete")
            if method in actions
        )
    return found


def test_a_refused_write_is_refused_before_its_input_is_read(world_a, municipality, api_as):  # noqa: F811
    reader = make_member(municipality, Role.READ_ONLY, username="alleen-lezen")
    client = api_as(reader)

    answers = {}
    with unchanged(*world_a):
        for method, path, _view in _write_routes():
            response = getattr(client, method)(path, {"onzin": "x" * 10}, format="json")
            answers[(method, path)] = response.status_code
    assert len(answers) > 40
    # A calculation posted, not a write: every role may ask it, and nonsense is a 400.
    assert answers.pop(("post", "/api/v1/income-check/")) == 400
    assert {key: status for key, status in answers.items() if status != 403} == {}
