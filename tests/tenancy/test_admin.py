"""The Django admin (/beheer/) reads domain data and writes nothing around the services.

Every registered model except the few the admin may write (memberships,
municipalities and accounts, parameter values) is refused on add, change and
delete, for a functional administrator and for a superuser alike, and the
refusal leaves every table as it was. The allowed writes go through their
service and are audited with channel ``admin``.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from unittest import mock

import pytest

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.forms.models import model_to_dict
from django.test import RequestFactory

from basisbaan.audit.models import AuditEntry
from basisbaan.contracts.models import ContractPeriod
from basisbaan.costs.services import cost_settings_set, indexation_set
from basisbaan.guidance.services import guidance_settings_set
from basisbaan.parameters import admin as parameters_admin
from basisbaan.parameters.models import ParameterValue
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.payroll.services import payroll_import
from basisbaan.regions import services as region_services
from basisbaan.regions.models import Region, RegionalAccess, RegionMember
from basisbaan.reports.services import house_style_save
from basisbaan.tenancy import admin as tenancy_admin
from basisbaan.tenancy import services as tenancy_services
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.contracts.factories import (
    ContractSettingsFactory,
    RenewalDecisionFactory,
    WageValueMeasurementFactory,
)
from tests.factories import UserFactory
from tests.payroll.conftest import csv_bytes
from tests.research.factories import (
    CodingFactory,
    ConsentFactory,
    MemoFactory,
    RespondentFactory,
    StudyFactory,
)
from tests.test_tenant_walk import world_a  # noqa: F401 - a fixture: one record of each kind
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

# The admin writes these, through tenancy.services and parameters.services.
WRITABLE = {Membership, Municipality, User, ParameterValue}
# Set up for the installation with `basisbaan regions`, like a municipality but not in
# the admin: shown read-only to installation managers only (no municipality to scope by).
INSTALLATION = {Region, RegionMember, RegionalAccess}
DOMAIN = sorted(
    (model for model in admin.site._registry if model not in WRITABLE | INSTALLATION),
    key=lambda model: model._meta.label,
)


@pytest.fixture
def functional_admin(municipality) -> User:
    user = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheerder")
    user.is_staff = True
    user.save()
    return user


@pytest.fixture
def superuser(db) -> User:
    return UserFactory(username="installatie", is_staff=True, is_superuser=True)


@pytest.fixture
def every_record(world_a, municipality):  # noqa: F811 - the imported fixture
    """At least one record of every registered model, all in the first municipality."""
    programme, participant = world_a[0], world_a[1]
    contract, period = world_a[6], world_a[7]
    ContractSettingsFactory(programme=programme)
    RenewalDecisionFactory(period=period)
    WageValueMeasurementFactory(participant=participant)
    contract.employee_number = "1001"
    contract.save(update_fields=["employee_number"])
    row = [participant.bsn, "2024-08", "2000,00", "160,00", "500,00", "100,00"]
    imported = payroll_import(
        municipality=municipality,
        actor=None,
        file_name="loon-2024-08.csv",
        content=csv_bytes([[*row, "40,00", "2800,00", "138,67"]]),
    )
    assert imported.as_json()["errors"] == []
    cost_settings_set(programme=programme, actor=None, data={"pension_rate": Decimal("0.05")})
    indexation_set(
        municipality=municipality, actor=None, key="minimum_wage_hourly", rate=Decimal("0.02")
    )
    guidance_settings_set(programme=programme, actor=None, data={"norm_hours": Decimal("40")})
    house_style_save(municipality=municipality, actor=None, data={"name": "Gemeente A"})
    study = StudyFactory(programme=programme)
    respondent = RespondentFactory(study=study, kind="participant", participant=participant)
    ConsentFactory(respondent=respondent)
    coding = CodingFactory(transcript__session__study=study)
    MemoFactory(study=study, code=coding.code)
    region = region_services.region_create(actor=None, name="Regio A", slug="regio-a")
    region_services.region_add_member(actor=None, region=region, municipality=municipality)
    region_services.region_grant_access(actor=None, region=region, user=UserFactory())
    region_services.sharing_start(
        actor=None,
        municipality=municipality,
        programme=programme,
        region=region,
        as_of=dt.date(2026, 11, 18),
    )
    records = {model: model._default_manager.order_by("pk").first() for model in DOMAIN}
    missing = [model._meta.label for model, record in records.items() if record is None]
    assert not missing, f"give the test a record of {missing}"
    return records


def _form_data(record: models.Model) -> dict[str, str]:
    """The record's own values as an admin form would post them."""
    data: dict[str, str] = {}
    for name, value in model_to_dict(record).items():
        if value is None:
            data[name] = ""
        elif isinstance(value, list):
            data[name] = ",".join(str(v) for v in value)
        else:
            data[name] = str(value)
    return data


def _url(model: type[models.Model], action: str, pk: object = None) -> str:
    base = f"/beheer/{model._meta.app_label}/{model._meta.model_name}/"
    if pk is not None:
        return f"{base}{pk}/{action}/"
    return f"{base}{action}/" if action else base


@pytest.mark.parametrize("who", ["functional_admin", "superuser"])
def test_no_domain_record_can_be_added_changed_or_deleted_in_the_admin(
    who, every_record, client_as, request
):
    user = request.getfixturevalue(who)
    client = client_as(user)
    for model, record in every_record.items():
        label = model._meta.label
        listing = client.get(_url(model, ""))
        page = client.get(_url(model, "change", record.pk))
        assert (listing.status_code, page.status_code) == (200, 200), label
        body = page.content.decode()
        assert 'name="_save"' not in body, f"{label} offers a save button"
        assert _url(model, "delete", record.pk) not in body, f"{label} offers delete"
        assert "delete_selected" not in listing.content.decode(), f"{label} offers bulk delete"

    answers = {}
    with unchanged(*every_record.values(), tables=True):
        for model, record in every_record.items():
            data = _form_data(record)
            answers[model._meta.label] = (
                client.post(_url(model, "add"), data).status_code,
                client.post(_url(model, "change", record.pk), {**data, "_save": "1"}).status_code,
                client.post(_url(model, "delete", record.pk), {"post": "yes"}).status_code,
            )
    assert answers == {model._meta.label: (403, 403, 403) for model in every_record}


def test_the_admin_offers_no_write_and_no_delete_action_on_domain_models(superuser, every_record):
    request = RequestFactory().get("/beheer/")
    request.user = superuser
    for model, record in every_record.items():
        model_admin = admin.site._registry[model]
        assert isinstance(model_admin, ReadOnlyTenantAdmin), model._meta.label
        assert not model_admin.has_add_permission(request), model._meta.label
        assert not model_admin.has_change_permission(request, record), model._meta.label
        assert not model_admin.has_delete_permission(request, record), model._meta.label
        assert "delete_selected" not in model_admin.get_actions(request), model._meta.label


def test_the_rules_the_review_broke_through_the_admin_hold(
    world_a,  # noqa: F811 - the imported fixture
    functional_admin,
    client_as,
):
    """A placed participant back to "Aangemeld", an exit without date or reason,
    a contract period at EUR 5.00 an hour: all refused, nothing saved."""
    participant = world_a[1]
    Participant.objects.filter(pk=participant.pk).update(status=ParticipantStatus.PLACED)
    period: ContractPeriod = world_a[7]
    client = client_as(functional_admin)
    person = _form_data(Participant.objects.get(pk=participant.pk))

    with unchanged(participant, period, tables=True):
        back = client.post(
            _url(Participant, "change", participant.pk),
            {**person, "status": ParticipantStatus.REFERRED, "_save": "1"},
        )
        exited = client.post(
            _url(Participant, "change", participant.pk),
            {**person, "status": ParticipantStatus.EXITED, "exit_date": "", "_save": "1"},
        )
        cheap = client.post(
            _url(ContractPeriod, "change", period.pk),
            {**_form_data(period), "hourly_wage": "5.00", "_save": "1"},
        )
    assert (back.status_code, exited.status_code, cheap.status_code) == (403, 403, 403)
    period.refresh_from_db()
    assert period.hourly_wage == Decimal("13.68")


def test_viewing_a_participant_in_the_admin_is_audited_and_scoped(
    world_a,  # noqa: F811 - the imported fixture
    functional_admin,
    other_municipality,
    client_as,
):
    participant = world_a[1]
    other = make_member(other_municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-b")
    other.is_staff = True
    other.save()

    page = client_as(functional_admin).get(_url(Participant, "change", participant.pk))
    elsewhere = client_as(other).get(_url(Participant, "change", participant.pk))

    assert page.status_code == 200
    assert participant.bsn in page.content.decode()
    seen = AuditEntry.objects.get(action="view", object_type="participants.participant")
    assert (seen.actor, seen.object_id, seen.channel) == (
        functional_admin,
        str(participant.pk),
        "admin",
    )
    assert elsewhere.status_code == 302  # the admin's "does not exist": back to its index
    assert participant.bsn not in client_as(other).get(elsewhere["Location"]).content.decode()
    assert AuditEntry.objects.filter(action="view", actor=other).count() == 0


# -- the writes the admin keeps --------------------------------------------------------


def test_a_functional_administrator_gives_changes_and_takes_a_role_through_the_service(
    municipality, functional_admin, client_as
):
    newcomer = UserFactory(username="nieuw")
    client = client_as(functional_admin)
    with mock.patch.object(
        tenancy_admin.services,
        "membership_create",
        wraps=tenancy_services.membership_create,
    ) as create:
        added = client.post(
            "/beheer/tenancy/membership/add/",
            {"user": newcomer.pk, "municipality": municipality.pk, "role": Role.CASEWORKER},
        )
    assert added.status_code == 302
    assert create.call_count == 1
    membership = Membership.objects.get(user=newcomer)
    assert (membership.municipality, membership.role) == (municipality, Role.CASEWORKER)

    changed = client.post(
        f"/beheer/tenancy/membership/{membership.pk}/change/", {"role": Role.JOBCOACH}
    )
    assert changed.status_code == 302
    membership.refresh_from_db()
    assert membership.role == Role.JOBCOACH

    deleted = client.post(f"/beheer/tenancy/membership/{membership.pk}/delete/", {"post": "yes"})
    assert deleted.status_code == 302
    assert not Membership.objects.filter(user=newcomer).exists()

    entries = AuditEntry.objects.filter(object_type="tenancy.membership").order_by("pk")
    assert [(e.action, e.actor, e.channel, e.municipality_id) for e in entries] == [
        ("create", functional_admin, "admin", municipality.pk),
        ("update", functional_admin, "admin", municipality.pk),
        ("delete", functional_admin, "admin", municipality.pk),
    ]
    assert entries[0].changes["role"] == [None, "caseworker"]
    assert entries[1].changes == {"role": ["caseworker", "jobcoach"]}


def test_a_functional_administrator_gives_no_role_in_another_municipality(
    municipality, other_municipality, functional_admin, client_as
):
    newcomer = UserFactory(username="nieuw")
    client = client_as(functional_admin)
    with unchanged(tables=True):
        refused = client.post(
            "/beheer/tenancy/membership/add/",
            {"user": newcomer.pk, "municipality": other_municipality.pk, "role": "caseworker"},
        )
    assert refused.status_code == 200  # the form again, with the choice refused
    assert "municipality" in refused.context["adminform"].form.errors

    with pytest.raises(PermissionDenied, match="Alleen een functioneel beheerder"), unchanged():
        tenancy_services.membership_create(
            actor=functional_admin,
            user=newcomer,
            municipality=other_municipality,
            role=Role.FUNCTIONAL_ADMIN,
        )


def test_a_superuser_corrects_a_parameter_value_through_the_service(superuser, client_as):
    client = client_as(superuser)
    with mock.patch.object(
        parameters_admin, "parameter_value_set", wraps=parameters_admin.parameter_value_set
    ) as service:
        added = client.post(
            "/beheer/parameters/parametervalue/add/",
            {
                "key": "minimum_wage_hourly",
                "effective_date": "01-07-2027",
                "value": "15.10",
                "source": "Staatscourant 2027 (test)",
                "note": "",
            },
        )
    assert added.status_code == 302
    assert service.call_count == 1
    value = ParameterValue.objects.get(
        key="minimum_wage_hourly", effective_date=dt.date(2027, 7, 1)
    )
    assert (value.value, value.updated_by) == (Decimal("15.100000"), superuser)
    entry = AuditEntry.objects.get(object_type="parameters.parametervalue")
    assert (entry.action, entry.actor, entry.channel) == ("create", superuser, "admin")

    with unchanged(value, tables=True):
        refused = client.post(
            f"/beheer/parameters/parametervalue/{value.pk}/change/",
            {"value": "7.74", "source": "", "note": ""},
        )
    assert refused.status_code == 200
    assert "Vermeld de bron, of markeer de waarde als aanname." in refused.content.decode()


def test_a_functional_administrator_may_not_add_a_municipality(
    functional_admin, superuser, client_as
):
    data = {"name": "Heerenveen", "slug": "heerenveen", "cbs_code": "GM0074"}
    client = client_as(functional_admin)
    with unchanged(tables=True):
        refused = client.post("/beheer/tenancy/municipality/add/", data)
    assert refused.status_code == 403

    added = client_as(superuser).post("/beheer/tenancy/municipality/add/", data)
    assert added.status_code == 302
    made = Municipality.objects.get(slug="heerenveen")
    entry = AuditEntry.objects.get(object_type="tenancy.municipality")
    assert (entry.action, entry.actor, entry.channel, entry.object_id) == (
        "create",
        superuser,
        "admin",
        str(made.pk),
    )


def test_view_on_site_of_a_model_without_a_table_is_404(superuser, client_as):
    from django_rq.models import Dashboard

    from django.contrib.contenttypes.models import ContentType

    client = client_as(superuser)
    dashboard = ContentType.objects.get_for_model(Dashboard)

    assert client.get(f"/beheer/r/{dashboard.pk}/1/").status_code == 404
    assert client.get("/beheer/r/x/1/").status_code == 404


def test_the_regions_set_up_is_read_only_and_for_installation_managers(
    superuser, functional_admin, client_as, municipality
):
    region = region_services.region_create(actor=None, name="Regio A", slug="regio-a")
    member = region_services.region_add_member(actor=None, region=region, municipality=municipality)
    access = region_services.region_grant_access(actor=None, region=region, user=UserFactory())
    records = {Region: region, RegionMember: member, RegionalAccess: access}
    manager, local = client_as(superuser), client_as(functional_admin)
    with unchanged(*records.values(), tables=True):
        answers = {
            model._meta.label: (
                manager.get(_url(model, "change", record.pk)).status_code,
                local.get(_url(model, "")).status_code,
                manager.post(_url(model, "add"), _form_data(record)).status_code,
                manager.post(
                    _url(model, "change", record.pk), {**_form_data(record), "_save": "1"}
                ).status_code,
                manager.post(_url(model, "delete", record.pk), {"post": "yes"}).status_code,
            )
            for model, record in records.items()
        }
    assert answers == {model._meta.label: (200, 403, 403, 403, 403) for model in records}
