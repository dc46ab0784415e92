"""A record names only users with a role in its municipality (issue 11, point 6)."""

from __future__ import annotations

import datetime as dt

import pytest

from django.contrib import admin
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from basisbaan.guidance.models import ClosedPeriod
from basisbaan.tenancy.models import validate_users_of_municipality
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member

pytestmark = pytest.mark.django_db


def test_a_user_of_another_municipality_is_refused(municipality, other_municipality):
    emmen = make_member(other_municipality, Role.PROGRAMME_MANAGER, username="emmen-pm")
    record = ClosedPeriod(municipality=municipality, month=dt.date(2026, 1, 1), closed_by=emmen)

    with pytest.raises(ValidationError) as raised:
        record.full_clean()

    assert raised.value.message_dict == {
        "closed_by": ["Deze gebruiker heeft geen rol in de gemeente van dit gegeven."]
    }


def test_a_user_of_the_municipality_is_accepted(municipality, manager):
    record = ClosedPeriod(municipality=municipality, month=dt.date(2026, 1, 1), closed_by=manager)

    record.full_clean()
    validate_users_of_municipality(record)


def test_a_user_of_both_is_accepted(municipality, other_municipality, manager):
    make_member(other_municipality, Role.CASEWORKER, username="beide")
    from basisbaan.tenancy.models import Membership

    Membership.objects.create(user=manager, municipality=other_municipality, role=Role.CASEWORKER)
    record = ClosedPeriod(
        municipality=other_municipality, month=dt.date(2026, 1, 1), closed_by=manager
    )

    record.full_clean()


def _user_choices(user, obj=None):
    model_admin = admin.site._registry[ClosedPeriod]
    request = RequestFactory().get("/beheer/")
    request.user = user
    request._admin_object = obj
    field = ClosedPeriod._meta.get_field("closed_by")
    formfield = model_admin.formfield_for_foreignkey(field, request)
    return sorted(u.username for u in formfield.queryset)


def test_the_admin_offers_only_users_of_the_records_municipality(
    municipality, other_municipality, admin_user, manager
):
    admin_user.is_staff = True
    admin_user.save()
    make_member(other_municipality, Role.PROGRAMME_MANAGER, username="emmen-pm")
    record = ClosedPeriod.objects.create(
        municipality=municipality, month=dt.date(2026, 1, 1), closed_by=manager
    )

    assert _user_choices(admin_user) == sorted([admin_user.username, manager.username])
    assert _user_choices(admin_user, record) == sorted([admin_user.username, manager.username])


def test_a_superuser_is_offered_the_records_municipality_only(
    municipality, other_municipality, manager
):
    from tests.factories import UserFactory

    root = UserFactory(username="root", is_superuser=True, is_staff=True)
    make_member(other_municipality, Role.PROGRAMME_MANAGER, username="emmen-pm")
    record = ClosedPeriod.objects.create(
        municipality=municipality, month=dt.date(2026, 1, 1), closed_by=manager
    )

    assert _user_choices(root, record) == [manager.username]
