"""Every API route is throttled, per user and per address."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle, UserRateThrottle
from rest_framework.views import APIView

from basisbaan.tenancy.models import User


def api_views() -> Iterator[tuple[str, type[APIView]]]:
    """(route, view class) of every URL under /api/v1/."""

    def walk(patterns: list[object], prefix: str) -> Iterator[tuple[str, object]]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern), pattern.callback

    for route, callback in walk(get_resolver().url_patterns, ""):
        if route.startswith("api/v1/"):
            view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
            assert view is not None, route
            yield route, view


def test_the_walk_finds_the_api():
    routes = {route for route, _view in api_views()}
    assert len(routes) > 60
    assert {"api/v1/contracts/", "api/v1/tokens/", "api/v1/schema/"} <= {
        route.replace("^", "").replace("$", "").replace("\\.(?P<format>[a-z0-9]+)/?", "")
        for route in routes
    }


@pytest.mark.parametrize(("route", "view"), sorted(api_views(), key=lambda rv: rv[0]))
def test_every_api_route_is_throttled(route, view):
    throttles = {type(throttle) for throttle in view().get_throttles()}
    assert {AnonRateThrottle, UserRateThrottle} <= throttles, route


@pytest.mark.django_db
def test_a_user_over_the_rate_gets_429_with_retry_after(caseworker, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"user": "3/min", "anon": "1/min"})
    client = APIClient()
    client.force_authenticate(User.objects.get(pk=caseworker.pk))

    statuses = [client.get("/api/v1/programmes/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = client.get("/api/v1/programmes/")
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60


@pytest.mark.django_db
def test_anonymous_requests_are_throttled_per_address(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"user": "3/min", "anon": "2/min"})
    client = APIClient()

    statuses = [client.get("/api/v1/programmes/").status_code for _ in range(3)]

    assert statuses == [401, 401, 429]


@pytest.mark.django_db
def test_wrong_tokens_are_counted_too(monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"user": "3/min", "anon": "2/min"})
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token bb_guessed0000000000000000")

    statuses = [client.get("/api/v1/contracts/").status_code for _ in range(3)]

    assert statuses == [401, 401, 429]


@pytest.mark.django_db
def test_refused_requests_are_counted_once(outsider, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"user": "2/min", "anon": "1/min"})
    client = APIClient()
    client.force_authenticate(User.objects.get(pk=outsider.pk))
    client.credentials(HTTP_X_MUNICIPALITY="leeuwarden")

    statuses = [client.get("/api/v1/contracts/").status_code for _ in range(3)]

    assert statuses == [403, 403, 429]
