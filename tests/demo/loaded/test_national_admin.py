"""The demo's national administrator sets the national figures; the municipality's
functional administrator does not."""

from __future__ import annotations

import pytest

from basisbaan.tenancy.models import User
from basisbaan.tenancy.roles import Role, may_manage_parameters

pytestmark = pytest.mark.django_db


def test_landelijkbeheer_manages_parameters_and_beheerder_does_not(demo, client_as):
    national = User.objects.get(username="landelijkbeheer")
    assert national.check_password("demo")
    assert not national.is_superuser
    assert list(national.memberships.values_list("municipality__slug", "role")) == [
        ("leeuwarden", Role.RESEARCHER)
    ]
    assert may_manage_parameters(national)
    assert not may_manage_parameters(User.objects.get(username="beheerder"))
    assert client_as(national).get("/parameters/waarde/").status_code == 200
    assert (
        client_as(User.objects.get(username="beheerder")).get("/parameters/waarde/").status_code
        == 403
    )
