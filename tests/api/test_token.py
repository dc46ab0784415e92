from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator

import pytest
import time_machine
from knox.crypto import hash_token
from knox.models import AuthToken

from django.core.management import CommandError, call_command
from django.utils import timezone
from rest_framework.test import APIClient

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.tenancy.models import User
from tests.factories import ProgrammeFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def frozen() -> Iterator[object]:
    """A clock that stands still, so that a token's expiry is exactly its creation plus the TTL."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def create_token(username: str, *args: str) -> str:
    out = io.StringIO()
    call_command("create_api_token", username, *args, stdout=out)
    return out.getvalue().strip()


def token_client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_printed_token_authenticates(caseworker, municipality):
    ProgrammeFactory(municipality=municipality, name="Basisbanen")
    key = create_token(caseworker.username)

    response = token_client(key).get("/api/v1/programmes/")

    assert response.status_code == 200
    assert [p["name"] for p in response.json()["results"]] == ["Basisbanen"]
    assert response["X-Request-ID"]


def test_token_is_stored_as_a_digest_only(caseworker):
    key = create_token(caseworker.username)

    token = AuthToken.objects.get()
    assert key.startswith("bb_")
    assert token.digest == hash_token(key)
    assert key not in (token.digest, token.token_key)
    assert token.token_key == key[:15]


def test_token_expires_after_the_configured_days(caseworker, frozen):
    key = create_token(caseworker.username)
    token = AuthToken.objects.get()
    assert token.expiry - token.created == dt.timedelta(days=30)

    with time_machine.travel(token.expiry + dt.timedelta(seconds=1)):
        assert token_client(key).get("/api/v1/programmes/").status_code == 401
    assert not AuthToken.objects.exists()


def test_days_option_sets_the_expiry(caseworker, frozen):
    create_token(caseworker.username, "--days", "7")
    token = AuthToken.objects.get()
    assert token.expiry - token.created == dt.timedelta(days=7)


def test_days_out_of_range_is_refused(caseworker):
    with pytest.raises(CommandError, match="--days moet tussen 1 en 366 liggen."), unchanged():
        create_token(caseworker.username, "--days", "0")


def test_each_call_makes_a_new_token_and_rotate_ends_the_others(caseworker):
    first = create_token(caseworker.username)
    second = create_token(caseworker.username)
    rotated = create_token(caseworker.username, "--rotate")

    assert len({first, second, rotated}) == 3
    assert list(AuthToken.objects.values_list("token_key", flat=True)) == [rotated[:15]]
    for old in (first, second):
        with unchanged():
            assert token_client(old).get("/api/v1/programmes/").status_code == 401
    assert token_client(rotated).get("/api/v1/programmes/").status_code == 200


def test_unknown_user_is_an_error_in_dutch(db):
    with pytest.raises(CommandError, match="Gebruiker 'niemand' bestaat niet."), unchanged():
        call_command("create_api_token", "niemand")
    assert not AuthToken.objects.exists()


def test_token_creation_is_audited_without_the_token(caseworker, municipality):
    key = create_token(caseworker.username)

    entry = AuditEntry.objects.get()
    token = AuthToken.objects.get()
    assert (entry.action, entry.channel, entry.actor, entry.municipality) == (
        AuditAction.CREATE,
        "cli",
        None,
        municipality,
    )
    assert (entry.object_type, entry.object_id) == ("knox.authtoken", key[:15])
    assert entry.changes == {"token": key[:15], "expiry": token.expiry.isoformat()}
    assert key not in str(entry.changes) + entry.object_repr


@pytest.mark.parametrize("how", ["set_password", "set_unusable_password"])
def test_password_change_ends_older_tokens(caseworker, how):
    # The account was made (its first password set) before the token.
    User.objects.filter(pk=caseworker.pk).update(
        password_changed_at=timezone.now() - dt.timedelta(minutes=2)
    )
    with time_machine.travel(timezone.now() - dt.timedelta(minutes=1), tick=False):
        old = create_token(caseworker.username)
    assert token_client(old).get("/api/v1/programmes/").status_code == 200
    user = User.objects.get(pk=caseworker.pk)
    if how == "set_password":
        user.set_password("een nieuw wachtwoord")
    else:
        user.set_unusable_password()
    user.save()

    response = token_client(old).get("/api/v1/programmes/")

    assert response.status_code == 401
    assert response.json()["detail"] == (
        "Dit token is ongeldig: het wachtwoord is na het maken ervan gewijzigd."
    )
    assert not AuthToken.objects.exists()
    revoked = AuditEntry.objects.get(action=AuditAction.DELETE)
    assert revoked.changes == {"token": old[:15], "reason": "wachtwoord gewijzigd"}
    newer = create_token(caseworker.username)
    assert token_client(newer).get("/api/v1/programmes/").status_code == 200


def test_token_write_is_audited_as_the_api(caseworker, programme):
    client = token_client(create_token(caseworker.username))

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
    entry = AuditEntry.objects.get(
        action=AuditAction.CREATE, object_type="participants.participant"
    )
    assert (entry.actor, entry.channel) == (caseworker, "api")
    assert str(entry.request_id) == response["X-Request-ID"]


# The own-tokens endpoint.


def test_own_tokens_are_listed_without_secrets(caseworker, manager):
    mine = create_token(caseworker.username)
    create_token(manager.username)

    response = token_client(mine).get("/api/v1/tokens/")

    assert response.status_code == 200
    token = AuthToken.objects.get(user=caseworker)
    assert response.json() == [
        {
            "token_key": mine[:15],
            "created": timezone.localtime(token.created).isoformat(),
            "expiry": timezone.localtime(token.expiry).isoformat(),
        }
    ]


def test_a_session_makes_a_token_once_shown(caseworker, frozen):
    client = APIClient()
    client.force_login(caseworker)

    response = client.post("/api/v1/tokens/", {"days": 10}, format="json")

    assert response.status_code == 201
    body = response.json()
    token = AuthToken.objects.get()
    assert body["token_key"] == token.token_key
    assert token.digest == hash_token(body["token"])
    assert token.expiry - token.created == dt.timedelta(days=10)
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.channel) == (AuditAction.CREATE, caseworker, "api")
    assert token_client(body["token"]).get("/api/v1/programmes/").status_code == 200


def test_a_token_cannot_make_another_token(caseworker):
    client = token_client(create_token(caseworker.username))

    with unchanged():
        response = client.post("/api/v1/tokens/", {"days": "not a number"}, format="json")

    assert response.status_code == 403
    assert AuthToken.objects.count() == 1


def test_revoking_own_token(caseworker):
    keep = create_token(caseworker.username)
    end = create_token(caseworker.username)

    response = token_client(keep).delete(f"/api/v1/tokens/{end[:15]}/")

    assert response.status_code == 204
    assert list(AuthToken.objects.values_list("token_key", flat=True)) == [keep[:15]]
    assert token_client(end).get("/api/v1/programmes/").status_code == 401
    entry = AuditEntry.objects.get(action=AuditAction.DELETE)
    assert (entry.actor, entry.object_id) == (caseworker, end[:15])


def test_another_users_token_answers_like_a_missing_one(caseworker, manager):
    mine = create_token(caseworker.username)
    theirs = create_token(manager.username)
    client = token_client(mine)

    with unchanged():
        foreign = client.delete(f"/api/v1/tokens/{theirs[:15]}/")
        missing = client.delete("/api/v1/tokens/bb_000000000000/")

    assert (foreign.status_code, foreign.json()) == (missing.status_code, missing.json())
    assert foreign.status_code == 404
    assert AuthToken.objects.count() == 2


# The page.


def test_the_page_makes_shows_once_and_revokes(caseworker, client_as):
    client = client_as(caseworker)

    made = client.post("/api-tokens/", {"create": "1"})
    shown = client.get("/api-tokens/")
    again = client.get("/api-tokens/")

    assert made.status_code == 302
    token = AuthToken.objects.get(user=caseworker)
    secret = shown.context["new_token"]
    assert token.digest == hash_token(secret)
    assert secret in shown.content.decode()
    assert secret not in again.content.decode()
    assert token.token_key in again.content.decode()
    entry = AuditEntry.objects.get()
    assert (entry.action, entry.actor, entry.channel) == (AuditAction.CREATE, caseworker, "ui")

    revoked = client.post("/api-tokens/", {"revoke": token.token_key})

    assert revoked.status_code == 302
    assert not AuthToken.objects.exists()
    assert AuditEntry.objects.filter(action=AuditAction.DELETE, actor=caseworker).count() == 1


def test_the_page_cannot_revoke_another_users_token(caseworker, manager, client_as):
    theirs = create_token(manager.username)

    with unchanged():
        response = client_as(caseworker).post("/api-tokens/", {"revoke": theirs[:15]})

    assert response.status_code == 404
    assert AuthToken.objects.filter(user=manager).count() == 1
