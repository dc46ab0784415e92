from __future__ import annotations

import io

import pytest

from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from basisbaan.audit.models import AuditAction, AuditEntry
from tests.factories import ProgrammeFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def create_token(username: str, *args: str) -> str:
    out = io.StringIO()
    call_command("create_api_token", username, *args, stdout=out)
    return out.getvalue().strip()


def test_printed_token_authenticates(caseworker, municipality):
    ProgrammeFactory(municipality=municipality, name="Basisbanen")
    key = create_token(caseworker.username)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

    response = client.get("/api/v1/programmes/")

    assert response.status_code == 200
    assert [p["name"] for p in response.json()["results"]] == ["Basisbanen"]
    assert response["X-Request-ID"]


def test_same_token_twice_and_rotate_replaces_it(caseworker):
    first = create_token(caseworker.username)
    again = create_token(caseworker.username)
    rotated = create_token(caseworker.username, "--rotate")

    assert first == again
    assert rotated != first
    assert list(Token.objects.values_list("key", flat=True)) == [rotated]
    old = APIClient()
    old.credentials(HTTP_AUTHORIZATION=f"Token {first}")
    with unchanged():
        assert old.get("/api/v1/programmes/").status_code == 401


def test_unknown_user_is_an_error_in_dutch(db):
    with pytest.raises(CommandError, match="Gebruiker 'niemand' bestaat niet."), unchanged():
        call_command("create_api_token", "niemand")
    assert not Token.objects.exists()


def test_token_write_is_audited_as_the_api(caseworker, programme):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {create_token(caseworker.username)}")

    response = client.post(
        "/api/v1/participants/",
        {
            "programme": programme.pk,
            "bsn": "111222333",
            "first_name": "A",
            "last_name": "B",
            "date_of_birth": "1980-01-01",
            "household_type": "single",
        },
        format="json",
    )

    assert response.status_code == 201
    entry = AuditEntry.objects.get(action=AuditAction.CREATE)
    assert (entry.actor, entry.channel) == (caseworker, "api")
    assert str(entry.request_id) == response["X-Request-ID"]
