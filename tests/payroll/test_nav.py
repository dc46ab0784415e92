import pytest

from basisbaan.tenancy.roles import Role

pytestmark = pytest.mark.django_db


def test_controller_sees_the_payroll_link(member, client_as):
    body = client_as(member(Role.CONTROLLER)).get("/").content.decode()
    assert 'href="/verloning/"' in body


def test_caseworker_does_not(member, client_as):
    body = client_as(member(Role.CASEWORKER)).get("/").content.decode()
    assert 'href="/verloning/"' not in body
