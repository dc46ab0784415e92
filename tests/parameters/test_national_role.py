"""National figures are set by a national administrator only, on every face, and
every municipality's audit page shows the change."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import PermissionDenied

from basisbaan.audit.models import AuditEntry
from basisbaan.audit.services import audit_login
from basisbaan.parameters.models import ParameterValue
from basisbaan.parameters.services import parameter_value_set
from basisbaan.tenancy.roles import Role, may_manage_parameters
from basisbaan.tenancy.services import municipality_create
from tests.conftest import make_member, make_national_admin
from tests.factories import UserFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

ONE_EURO = {
    "key": "minimum_wage_hourly",
    "effective_date": dt.date(2026, 7, 1),
    "value": Decimal("1.00"),
    "source": "Eigen besluit",
}


def test_who_may_manage_parameters(municipality):
    assert may_manage_parameters(make_national_admin(municipality))
    assert may_manage_parameters(UserFactory(is_superuser=True, is_staff=True))
    for role in Role:
        assert not may_manage_parameters(make_member(municipality, role, username=f"u-{role}"))
    assert not may_manage_parameters(None)
    gone = make_national_admin(municipality, username="weg")
    gone.is_active = False
    assert not may_manage_parameters(gone)


@pytest.mark.parametrize("role", [Role.FUNCTIONAL_ADMIN, Role.CONTROLLER])
def test_the_service_refuses_a_municipal_role(municipality, role):
    user = make_member(municipality, role)
    with unchanged(tables=True), pytest.raises(PermissionDenied):
        parameter_value_set(actor=user, **ONE_EURO)
    assert not ParameterValue.objects.filter(effective_date=dt.date(2026, 7, 1)).exists()


def test_the_admin_refuses_a_functional_administrator(municipality, client_as):
    admin = make_member(municipality, Role.FUNCTIONAL_ADMIN)
    admin.is_staff = True
    admin.save()
    client = client_as(admin)
    data = {
        "key": "minimum_wage_hourly",
        "effective_date": "01-07-2026",
        "value": "1.00",
        "source": "Eigen besluit",
        "note": "",
    }
    assert client.get("/beheer/parameters/parametervalue/").status_code == 200  # reads
    with unchanged(tables=True):
        assert client.post("/beheer/parameters/parametervalue/add/", data).status_code == 403
    value = ParameterValue.objects.filter(key="awf_high").first()
    with unchanged(value, tables=True):
        refused = client.post(
            f"/beheer/parameters/parametervalue/{value.pk}/change/",
            {"value": "0.5", "source": "x", "note": ""},
        )
    assert refused.status_code == 403


def test_every_municipality_sees_a_national_change(municipality, other_municipality, client_as):
    national = make_national_admin(municipality)
    parameter_value_set(actor=national, **{**ONE_EURO, "value": Decimal("15.10")})
    # Entries of the installation (a new municipality, a sign-in without membership)
    # stay out of every municipality's sight.
    installer = UserFactory(username="installatie", is_superuser=True, is_staff=True)
    municipality_create(actor=installer, name="Heerenveen", slug="heerenveen", cbs_code="")
    audit_login(actor=installer)
    entries = AuditEntry.objects.filter(object_type="parameters.parametervalue")
    assert sorted(entries.values_list("municipality_id", flat=True)) == sorted(
        [municipality.pk, other_municipality.pk]
    )

    for town in (municipality, other_municipality):
        admin = make_member(town, Role.FUNCTIONAL_ADMIN, username=f"beheer-{town.slug}")
        rows = client_as(admin).get("/audit/").context["rows"]
        assert [(r.record_type, r.action, r.entry.actor) for r in rows] == [
            ("Parameterwaarde (landelijk)", "aangemaakt", national)
        ], town.slug
        changes = {c.label: c.after for c in rows[0].changes}
        assert changes["Waarde"] == "15,10"


def test_a_correction_is_in_every_log_and_no_change_writes_nothing(
    municipality, other_municipality
):
    national = make_national_admin(municipality)
    parameter_value_set(actor=national, **ONE_EURO | {"value": Decimal("15.10")})
    parameter_value_set(actor=national, **ONE_EURO | {"value": Decimal("15.12")})
    with unchanged(tables=True):
        parameter_value_set(actor=national, **ONE_EURO | {"value": Decimal("15.12")})
    updates = AuditEntry.objects.filter(action="update", object_type="parameters.parametervalue")
    assert {e.municipality_id: e.changes["value"] for e in updates} == {
        municipality.pk: ["15.100000000000", "15.12"],
        other_municipality.pk: ["15.100000000000", "15.12"],
    }
