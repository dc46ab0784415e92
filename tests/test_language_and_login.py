import pytest

from django.test import Client

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.tenancy.models import Membership
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member

pytestmark = pytest.mark.django_db


def test_dutch_is_the_default_even_for_an_english_browser(caseworker, client_as):
    response = client_as(caseworker).get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.headers["Content-Language"] == "nl"
    assert "Overzicht" in response.content.decode()


def test_english_when_the_user_chose_it(caseworker, client_as):
    client = client_as(caseworker)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    response = client.get("/")
    assert response.headers["Content-Language"] == "en"
    body = response.content.decode()
    assert "<h1>Overview</h1>" in body or ">Overview<" in body
    assert ">Overzicht<" not in body


def test_a_sign_in_is_audited_in_each_municipality_of_the_user(municipality, other_municipality):
    user = make_member(municipality, Role.CASEWORKER, username="anna")
    Membership.objects.create(user=user, municipality=other_municipality, role=Role.READ_ONLY)
    response = Client().post("/inloggen/", {"username": "anna", "password": "demo"})
    assert response.status_code == 302
    entries = AuditEntry.objects.filter(action=AuditAction.LOGIN).order_by("municipality__name")
    assert [(e.actor_label, e.municipality.slug) for e in entries] == [
        ("anna", "emmen"),
        ("anna", "leeuwarden"),
    ]


def test_a_failed_sign_in_writes_no_login_entry(municipality):
    make_member(municipality, Role.CASEWORKER, username="anna")
    response = Client().post("/inloggen/", {"username": "anna", "password": "fout"})
    assert response.status_code == 200
    assert not AuditEntry.objects.filter(action=AuditAction.LOGIN).exists()
