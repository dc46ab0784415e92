"""The demo shows the app's own Dutch error pages, as users will see them.

DEBUG is off unless a developer sets ``DEBUG=true``, in development mode too, so
``make run`` (the demo) answers an unknown address with the app's 404 page, not
Django's technical one; WhiteNoise serves the styles with DEBUG off; and
``load_demo`` is refused only in production, not for want of DEBUG.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from io import StringIO
from unittest import mock

import pytest

from django.core.management import call_command

from basisbaan.tenancy.roles import Role
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def _demo_settings(**env: str) -> dict[str, object]:
    """The settings a fresh shell gets, as ``make run`` starts the server."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "BASISBAAN_ENV"}}
    clean.pop("DATABASE_URL", None)
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'DEBUG': s.DEBUG, 'PRODUCTION': s.PRODUCTION, "
        "'ALLOWED_HOSTS': s.ALLOWED_HOSTS, 'FINDERS': s.WHITENOISE_USE_FINDERS}))"
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", script],
        env={**clean, "DJANGO_SETTINGS_MODULE": "basisbaan.conf.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_the_demo_runs_with_debug_off_unless_a_developer_turns_it_on():
    assert _demo_settings() == {
        "DEBUG": False,
        "PRODUCTION": False,
        "ALLOWED_HOSTS": ["127.0.0.1", "localhost", "testserver"],
        "FINDERS": True,
    }
    assert _demo_settings(DEBUG="true")["DEBUG"] is True


def test_an_unknown_address_shows_the_apps_dutch_404_page(settings, member, client_as, client):
    settings.DEBUG = False

    caseworker = client_as(member(Role.CASEWORKER))
    with unchanged():
        response = caseworker.get("/bestaat-niet/")
        anonymous = client.get("/bestaat-niet/")

    assert (response.status_code, anonymous.status_code) == (404, 404)
    assert "<h1>Pagina niet gevonden</h1>" in anonymous.content.decode()
    body = response.content.decode()
    assert "<h1>Pagina niet gevonden</h1>" in body
    assert "Naar het overzicht" in body
    assert 'lang="nl"' in body
    assert "Technical details" not in body and "Page not found" not in body
    assert "/static/basisbaan/app.css" in body


def test_the_styles_are_served_with_debug_off(settings, client):
    settings.DEBUG = False
    response = client.get("/static/basisbaan/app.css")
    assert response.status_code == 200
    assert b"bb-" in b"".join(response.streaming_content)


def test_a_forbidden_page_shows_the_apps_dutch_403_page(settings, member, client_as):
    settings.DEBUG = False
    researcher = client_as(member(Role.RESEARCHER))
    with unchanged():
        response = researcher.get("/begeleiding/")
    assert response.status_code == 403
    assert "<h1>Geen toegang</h1>" in response.content.decode()


class LoadingError(Exception):
    """Raised by the stand-in loader: the command got past its guard."""


def test_load_demo_runs_with_debug_off(settings):
    settings.DEBUG = False
    command = "basisbaan.demo.management.commands.load_demo"
    with (
        mock.patch(f"{command}.demo_is_loaded", return_value=False),
        mock.patch(f"{command}.load_demo", side_effect=LoadingError) as loader,
        pytest.raises(LoadingError),
    ):
        call_command("load_demo", stdout=StringIO())
    assert loader.call_count == 1
