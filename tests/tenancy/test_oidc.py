"""Signing in with the municipality's own identity provider: roles from a claim or
kept in Basisbaan, and when the IdP's sign-in counts as two-factor. No real IdP:
the backend's steps after the token exchange are called with claims."""

from __future__ import annotations

from unittest import mock

import pytest

from django.contrib.sessions.backends.db import SessionStore
from django.test import RequestFactory

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.tenancy.oidc import (
    BasisbaanOIDCBackend,
    mfa_from_claims,
    parse_role_map,
    roles_from_claims,
)
from basisbaan.tenancy.roles import Role
from basisbaan.tenancy.two_factor import IDP_MFA_SESSION_KEY
from tests.factories import UserFactory

ROLE_MAP = ["bb-consulent=leeuwarden:caseworker", "bb-controle=emmen:controller"]


def test_the_role_map_is_read_from_group_municipality_role_pairs():
    assert parse_role_map(ROLE_MAP) == {
        "bb-consulent": ("leeuwarden", "caseworker"),
        "bb-controle": ("emmen", "controller"),
    }


@pytest.mark.parametrize(
    "pair", ["bb-x", "bb-x=leeuwarden", "bb-x=leeuwarden:baas", "=a:caseworker"]
)
def test_a_wrong_pair_in_the_role_map_is_refused(pair):
    with pytest.raises(ValueError, match="group=municipality:role"):
        parse_role_map([pair])


def test_roles_follow_the_groups_claim():
    role_map = parse_role_map([*ROLE_MAP, "bb-lezer=leeuwarden:read_only"])
    claims = {"groups": ["iets-anders", "bb-controle", "bb-consulent", "bb-lezer"]}
    assert roles_from_claims(claims, "groups", role_map) == {
        "emmen": "controller",
        "leeuwarden": "caseworker",  # the first group for a municipality wins
    }
    assert roles_from_claims({"groups": "bb-controle"}, "groups", role_map) == {
        "emmen": "controller"
    }
    assert roles_from_claims({}, "groups", role_map) == {}


@pytest.mark.parametrize(
    ("claims", "trust", "expected"),
    [
        ({"amr": ["pwd", "otp"]}, "claim", True),
        ({"amr": ["mfa"]}, "claim", True),
        ({"amr": ["pwd"]}, "claim", False),
        ({"acr": "urn:gemeente:loa:substantieel"}, "claim", True),
        ({"acr": "urn:gemeente:loa:laag"}, "claim", False),
        ({}, "claim", False),
        ({}, "always", True),
        ({"amr": ["otp"]}, "never", False),
    ],
)
def test_when_the_idp_sign_in_counts_as_two_factor(claims, trust, expected):
    assert mfa_from_claims(claims, trust, ["urn:gemeente:loa:substantieel"]) is expected


@pytest.fixture
def backend(settings, rf: RequestFactory):
    settings.OIDC_ROLES_FROM_CLAIM = "groups"
    settings.OIDC_ROLE_MAP = ROLE_MAP
    settings.OIDC_TRUST_IDP_MFA = "claim"
    backend = BasisbaanOIDCBackend()
    request = rf.get("/oidc/callback/")
    request.session = SessionStore()
    backend.request = request
    return backend


@pytest.mark.django_db
def test_a_sign_in_sets_the_roles_the_claim_gives_and_audits_them(
    backend, municipality, other_municipality
):
    user = UserFactory(username="anna", email="anna@leeuwarden.nl")
    backend.update_user(user, {"email": "anna@leeuwarden.nl", "groups": ["bb-consulent"]})
    assert list(user.memberships.values_list("municipality__slug", "role")) == [
        ("leeuwarden", Role.CASEWORKER)
    ]
    # The IdP moves her: Leeuwarden taken away, Emmen given.
    backend.update_user(user, {"email": "anna@leeuwarden.nl", "groups": ["bb-controle"]})
    assert list(user.memberships.values_list("municipality__slug", "role")) == [
        ("emmen", Role.CONTROLLER)
    ]
    actions = list(
        AuditEntry.objects.filter(object_type="tenancy.membership")
        .order_by("id")
        .values_list("action", "actor")
    )
    assert actions == [
        (AuditAction.CREATE, None),
        (AuditAction.DELETE, None),
        (AuditAction.CREATE, None),
    ]


@pytest.mark.django_db
def test_roles_kept_in_basisbaan_are_left_alone(backend, settings, municipality):
    settings.OIDC_ROLES_FROM_CLAIM = ""
    user = UserFactory(username="anna", email="anna@leeuwarden.nl")
    user.memberships.create(municipality=municipality, role=Role.JOBCOACH)
    backend.update_user(user, {"email": "anna@leeuwarden.nl", "groups": ["bb-controle"]})
    assert list(user.memberships.values_list("role", flat=True)) == [Role.JOBCOACH]


@pytest.mark.django_db
def test_users_are_found_by_email_and_inactive_ones_are_not(backend):
    active = UserFactory(username="anna", email="Anna@Leeuwarden.nl")
    UserFactory(username="oud", email="oud@leeuwarden.nl", is_active=False)
    assert list(backend.filter_users_by_claims({"email": "anna@leeuwarden.nl"})) == [active]
    assert list(backend.filter_users_by_claims({"email": "oud@leeuwarden.nl"})) == []
    assert list(backend.filter_users_by_claims({})) == []


@pytest.mark.django_db
def test_mfa_by_the_idp_marks_the_session_verified(backend, caseworker):
    backend.update_user(caseworker, {"email": caseworker.email, "amr": ["pwd", "otp"]})
    assert backend.request.session[IDP_MFA_SESSION_KEY] is True
    entry = AuditEntry.objects.get(action=AuditAction.SECOND_FACTOR)
    assert (entry.actor, entry.changes) == (caseworker, {"method": "idp"})


@pytest.mark.django_db
def test_a_password_only_idp_sign_in_does_not(backend, caseworker):
    backend.update_user(caseworker, {"email": caseworker.email, "amr": ["pwd"]})
    assert IDP_MFA_SESSION_KEY not in backend.request.session


def test_acr_and_amr_come_from_the_id_token(backend):
    with mock.patch(
        "mozilla_django_oidc.auth.OIDCAuthenticationBackend.get_userinfo",
        return_value={"email": "a@b.nl"},
    ):
        claims = backend.get_userinfo("at", "it", {"amr": ["otp"], "acr": "x", "sub": "1"})
    assert claims == {"email": "a@b.nl", "amr": ["otp"], "acr": "x"}


@pytest.mark.django_db
def test_an_idp_verified_session_reaches_personal_data_in_required_mode(settings, caseworker):
    from django.test import Client

    settings.TWO_FACTOR = "required"
    client = Client()
    client.force_login(caseworker)
    assert client.get("/deelnemers/").status_code == 302
    session = client.session
    session[IDP_MFA_SESSION_KEY] = True
    session.save()
    assert client.get("/deelnemers/").status_code == 200


@pytest.fixture
def oidc_on(settings):
    """The URLs and the login page's button as with OIDC_ENABLED=true."""
    import importlib

    from django.urls import clear_url_caches

    import basisbaan.urls

    settings.OIDC_ENABLED = True
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://idp.example.nl/auth"
    settings.OIDC_RP_CLIENT_ID = "basisbaan"
    importlib.reload(basisbaan.urls)
    clear_url_caches()
    yield
    settings.OIDC_ENABLED = False
    importlib.reload(basisbaan.urls)
    clear_url_caches()


@pytest.mark.django_db
def test_the_login_page_offers_the_own_organisation_and_sends_an_anonymous_visitor_there(
    oidc_on,
):
    from django.test import Client

    client = Client()
    page = client.get("/inloggen/").content.decode()
    assert "Inloggen met de eigen organisatie" in page
    response = client.get("/oidc/authenticate/?next=/deelnemers/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://idp.example.nl/auth?")
    assert "client_id=basisbaan" in response["Location"]


@pytest.mark.django_db
def test_without_oidc_the_login_page_has_no_such_button():
    from django.test import Client

    assert "eigen organisatie" not in Client().get("/inloggen/").content.decode()
