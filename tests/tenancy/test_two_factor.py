"""The second factor: who needs it, the two-step sign-in, setting up an app,
recovery codes, and no personal data (page, admin or API) before it."""

from __future__ import annotations

import re

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.test import Client

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.tenancy import two_factor
from basisbaan.tenancy.roles import Role
from tests.tenancy.helpers import code_now, give_app, sign_in, wrong_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def required(settings):
    settings.TWO_FACTOR = "required"


def test_in_required_mode_the_roles_that_see_personal_data_need_a_second_factor(
    required, member, municipality
):
    needs = {role: two_factor.needs_second_factor(member(role)) for role in Role}
    assert needs == {
        Role.CASEWORKER: True,
        Role.JOBCOACH: True,
        Role.PROGRAMME_MANAGER: True,
        Role.CONTROLLER: True,
        Role.RESEARCHER: False,
        Role.READ_ONLY: True,
        Role.FUNCTIONAL_ADMIN: True,
    }


def test_a_staff_user_needs_a_second_factor_whatever_the_role(required, member):
    researcher = member(Role.RESEARCHER)
    researcher.is_staff = True
    researcher.save()
    assert two_factor.needs_second_factor(researcher)


def test_in_optional_mode_only_users_with_an_app_are_asked(settings, caseworker, member):
    settings.TWO_FACTOR = "optional"
    other = member(Role.JOBCOACH)
    give_app(other)
    assert (two_factor.needs_second_factor(caseworker), two_factor.needs_second_factor(other)) == (
        False,
        True,
    )


def test_password_then_code_signs_in_and_both_steps_are_audited(required, caseworker):
    device = give_app(caseworker)
    client = Client()
    response = sign_in(client, caseworker.username, next_url="/deelnemers/")
    assert response.status_code == 302
    assert response["Location"] == "/inloggen/code/?next=%2Fdeelnemers%2F"
    # Signed in with the password only: no page yet.
    assert client.get("/deelnemers/")["Location"] == "/inloggen/code/?next=%2Fdeelnemers%2F"

    response = client.post("/inloggen/code/", {"code": code_now(device), "next": "/deelnemers/"})
    assert (response.status_code, response["Location"]) == (302, "/deelnemers/")
    assert client.get("/deelnemers/").status_code == 200
    entries = AuditEntry.objects.filter(actor=caseworker).order_by("id")
    assert [(e.action, e.changes) for e in entries if e.action != AuditAction.LIST] == [
        (AuditAction.LOGIN, {}),
        (AuditAction.SECOND_FACTOR, {"method": "totp"}),
    ]


def test_a_wrong_code_is_refused_and_the_user_stays_unverified(required, caseworker):
    device = give_app(caseworker)
    client = Client()
    sign_in(client, caseworker.username)
    response = client.post("/inloggen/code/", {"code": wrong_code(device)})
    assert response.status_code == 200
    assert "Deze code klopt niet." in response.content.decode()
    assert client.get("/")["Location"] == "/inloggen/code/?next=%2F"


def test_a_recovery_code_works_once(required, caseworker):
    give_app(caseworker)
    codes = two_factor.recovery_codes_create(caseworker)
    assert len(codes) == 10
    client = Client()
    sign_in(client, caseworker.username)
    response = client.post("/inloggen/code/", {"code": codes[0].upper()})
    assert response.status_code == 302
    assert client.get("/").status_code == 200
    assert StaticToken.objects.filter(token=codes[0]).count() == 0

    again = Client()
    sign_in(again, caseworker.username)
    response = again.post("/inloggen/code/", {"code": codes[0]})
    assert response.status_code == 200
    assert again.get("/").status_code == 302


def test_without_an_app_the_user_sets_one_up_and_sees_recovery_codes_once(required, caseworker):
    client = Client()
    response = sign_in(client, caseworker.username)
    assert response["Location"] == "/inloggen/tweede-factor/?next=%2F"
    page = client.get("/inloggen/tweede-factor/?next=%2F")
    body = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in body and "<script>" not in body  # an inline SVG, no inline script
    device = TOTPDevice.objects.get(user=caseworker)
    assert device.confirmed is False
    secret = re.search(r'id="totp-secret">([A-Z2-7 ]+)<', body).group(1)
    assert secret == two_factor.totp_secret(device)

    response = client.post("/inloggen/tweede-factor/", {"code": code_now(device), "next": "/"})
    assert response.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get("/").status_code == 200
    assert AuditEntry.objects.filter(
        actor=caseworker, action=AuditAction.SECOND_FACTOR, changes={"method": "totp"}
    ).exists()


def test_a_wrong_first_code_does_not_confirm_the_app(required, caseworker):
    client = Client()
    sign_in(client, caseworker.username)
    client.get("/inloggen/tweede-factor/")
    device = TOTPDevice.objects.get(user=caseworker)
    response = client.post("/inloggen/tweede-factor/", {"code": wrong_code(device)})
    assert response.status_code == 200
    device.refresh_from_db()
    assert device.confirmed is False
    assert client.get("/")["Location"] == "/inloggen/tweede-factor/?next=%2F"


def test_the_password_alone_cannot_replace_an_existing_app(required, caseworker):
    device = give_app(caseworker)
    client = Client()
    sign_in(client, caseworker.username)
    response = client.get("/inloggen/tweede-factor/")
    assert response["Location"] == "/inloggen/code/?next=%2Finloggen%2Ftweede-factor%2F"
    response = client.post("/inloggen/tweede-factor/", {"code": "123456"})
    assert response.status_code == 302
    assert list(TOTPDevice.objects.filter(user=caseworker)) == [device]


def test_the_admin_needs_the_second_factor_too(required, admin_user):
    admin_user.is_staff = True
    admin_user.save()
    give_app(admin_user)
    client = Client()
    login_page = client.get("/beheer/login/?next=/beheer/")
    assert "Inloggen" in login_page.content.decode()
    response = client.post(
        "/beheer/login/", {"username": admin_user.username, "password": "demo", "next": "/beheer/"}
    )
    assert response["Location"] == "/inloggen/code/?next=%2Fbeheer%2F"
    assert client.get("/beheer/")["Location"] == "/inloggen/code/?next=%2Fbeheer%2F"
    assert client.get("/beheer/tenancy/user/")["Location"].startswith("/inloggen/code/")


def test_the_api_serves_no_personal_data_to_an_unverified_session(required, caseworker):
    client = Client()
    client.force_login(caseworker)
    response = client.get("/api/v1/participants/")
    assert response.status_code == 403
    assert response.json() == {"detail": "Bevestig eerst het inloggen met de tweede factor."}


def test_a_verified_session_reaches_pages_and_the_api(required, caseworker, verified_client_as):
    client = verified_client_as(caseworker)
    assert client.get("/deelnemers/").status_code == 200
    assert client.get("/api/v1/participants/").status_code == 200


def test_a_role_without_personal_data_needs_no_second_factor(required, researcher, client_as):
    assert client_as(researcher).get("/").status_code == 200


def test_optional_mode_lets_demo_users_in_with_the_password(settings, caseworker):
    settings.TWO_FACTOR = "optional"
    client = Client()
    assert sign_in(client, caseworker.username)["Location"] == "/"
    assert client.get("/deelnemers/").status_code == 200


def test_new_recovery_codes_need_a_verified_session(required, caseworker, verified_client_as):
    client = verified_client_as(caseworker)
    response = client.post("/account/beveiliging/")
    codes = re.findall(r"<li><code>([a-z0-9]+)</code></li>", response.content.decode())
    assert len(codes) == 10
    assert sorted(codes) == sorted(
        StaticToken.objects.filter(device__user=caseworker).values_list("token", flat=True)
    )


def test_reset_sign_in_removes_the_app_and_lifts_the_lockout(required, caseworker):
    import io

    from django.core.management import call_command

    from basisbaan.audit.models import AuditEntry

    give_app(caseworker)
    two_factor.recovery_codes_create(caseworker)
    for _ in range(5):
        sign_in(Client(), caseworker.username, "fout")
    assert sign_in(Client(), caseworker.username).status_code == 429
    out = io.StringIO()
    call_command("reset_sign_in", caseworker.username, stdout=out)
    assert out.getvalue().startswith(
        f"{caseworker.username}: 2 tweede-factorapparaten verwijderd, 1 registraties van mislukte pogingen"
    )
    client = Client()
    assert sign_in(client, caseworker.username)["Location"] == "/inloggen/tweede-factor/?next=%2F"
    entry = AuditEntry.objects.get(action=AuditAction.UPDATE, object_type="tenancy.user")
    assert (entry.channel, entry.changes) == (
        "cli",
        {"second_factor_devices": [2, 0], "login_failures": [1, 0]},
    )


def test_a_session_whose_app_was_removed_is_sent_to_set_up_a_new_one(required, caseworker):
    device = give_app(caseworker)
    client = Client()
    sign_in(client, caseworker.username)
    device.delete()
    assert client.get("/")["Location"] == "/inloggen/code/?next=%2F"
    assert client.get("/inloggen/code/?next=%2F")["Location"] == (
        "/inloggen/tweede-factor/?next=%2F"
    )
    assert client.get("/")["Location"] == "/inloggen/tweede-factor/?next=%2F"
