"""A municipality's local schemes for low incomes: its functional administrator adds,
changes and ends them (audited, in the municipality's log); every role that reads the
parameters sees them; another municipality's scheme does not exist for anyone else."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditEntry
from basisbaan.parameters.local_schemes import (
    local_scheme_create,
    local_scheme_end,
    local_scheme_update,
)
from basisbaan.parameters.models import LocalScheme
from basisbaan.tenancy.roles import MATRIX, Perm, Role, has_perm
from tests.conftest import make_member
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal
NBSP = "\u00a0"

FORM = {
    "name": "Individuele inkomenstoeslag",
    "kind": "iit",
    "income_limit": "110",
    "amount_single": "400",
    "amount_single_parent": "500,50",
    "amount_couple": "1200,00",
    "valid_from": "01-01-2026",
    "valid_until": "",
    "source": "Beleidsregels IIT 2026",
    "note": "",
}


def scheme_of(municipality, **overrides) -> LocalScheme:
    data = {
        "name": "Kwijtschelding",
        "kind": "remission",
        "income_limit": E("1.00"),
        "amount_single": E("350.00"),
        "amount_single_parent": E("400.00"),
        "amount_couple": E("450.00"),
        "valid_from": D(2025, 1, 1),
        "source": "Raadsbesluit 2024",
    }
    return local_scheme_create(municipality=municipality, actor=None, **(data | overrides))


@pytest.fixture
def admin(municipality):
    return make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-de-vries")


def test_only_the_functional_administrator_manages_local_schemes():
    assert {r for r in Role if has_perm(r, Perm.LOCAL_SCHEME_MANAGE)} == {Role.FUNCTIONAL_ADMIN}
    assert {r for r in Role if Perm.PARAMETER_VIEW in MATRIX[r]} == set(Role)


def test_the_functional_administrator_adds_a_scheme(client_as, municipality, admin):
    client = client_as(admin)
    assert client.get("/parameters/lokale-regelingen/nieuw/").status_code == 200
    response = client.post("/parameters/lokale-regelingen/nieuw/", FORM)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == "/parameters/lokale-regelingen/"
    scheme = LocalScheme.objects.get()
    assert (
        scheme.municipality,
        scheme.name,
        scheme.kind,
        scheme.income_limit,
        scheme.amount_single,
        scheme.amount_single_parent,
        scheme.amount_couple,
        scheme.valid_from,
        scheme.valid_until,
        scheme.source,
        scheme.is_assumption,
    ) == (
        municipality,
        "Individuele inkomenstoeslag",
        "iit",
        E("1.1000"),
        E("400.00"),
        E("500.50"),
        E("1200.00"),
        D(2026, 1, 1),
        None,
        "Beleidsregels IIT 2026",
        False,
    )
    entry = AuditEntry.objects.get(object_type="parameters.localscheme")
    assert (entry.action, entry.actor, entry.municipality, entry.object_id) == (
        "create",
        admin,
        municipality,
        str(scheme.pk),
    )
    assert entry.changes["income_limit"] == [None, "1.1000"]
    assert entry.changes["amount_couple"] == [None, "1200.00"]

    page = client.get("/parameters/lokale-regelingen/").content.decode()
    assert "Individuele inkomenstoeslag" in page
    assert f"110{NBSP}%" in page
    assert "€ 500,50" in page and "€ 1.200,00" in page
    assert "vanaf 01-01-2026" in page
    assert "Regeling toevoegen" in page


def test_the_functional_administrator_changes_a_scheme(client_as, municipality, admin):
    scheme = scheme_of(municipality)
    client = client_as(admin)
    form = client.get(f"/parameters/lokale-regelingen/{scheme.pk}/bewerken/").content.decode()
    assert 'value="100"' in form and 'value="450,00"' in form
    response = client.post(
        f"/parameters/lokale-regelingen/{scheme.pk}/bewerken/",
        {
            **FORM,
            "name": "Kwijtschelding",
            "kind": "remission",
            "income_limit": "120",
            "amount_single": "350,00",
            "amount_single_parent": "400,00",
            "amount_couple": "600,00",
            "valid_from": "01-01-2025",
            "source": "Raadsbesluit 2024",
            "is_assumption": "on",
            "note": "Verhoging voorgesteld",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    scheme.refresh_from_db()
    assert (
        scheme.income_limit,
        scheme.amount_couple,
        scheme.is_assumption,
        scheme.note,
        scheme.amount_single,
    ) == (E("1.2000"), E("600.00"), True, "Verhoging voorgesteld", E("350.00"))
    entry = AuditEntry.objects.get(object_type="parameters.localscheme", action="update")
    assert entry.actor == admin
    assert entry.changes == {
        "income_limit": ["1.0000", "1.2000"],
        "amount_couple": ["450.00", "600.00"],
        "is_assumption": [False, True],
        "note": ["", "Verhoging voorgesteld"],
    }
    page = client.get("/parameters/lokale-regelingen/").content.decode()
    assert 'Kwijtschelding <span class="bb-badge bb-badge--waiting">aanname</span>' in page


def test_the_functional_administrator_ends_a_scheme(client_as, municipality, admin, today):
    scheme = scheme_of(municipality)
    client = client_as(admin)
    form = client.get(f"/parameters/lokale-regelingen/{scheme.pk}/beeindigen/").content.decode()
    assert f'value="{today:%d-%m-%Y}"' in form
    response = client.post(
        f"/parameters/lokale-regelingen/{scheme.pk}/beeindigen/", {"valid_until": "31-10-2026"}
    )
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert scheme.valid_until == D(2026, 10, 31)
    entry = AuditEntry.objects.get(object_type="parameters.localscheme", action="update")
    assert (entry.actor, entry.changes) == (admin, {"valid_until": [None, "2026-10-31"]})
    page = client.get("/parameters/lokale-regelingen/").content.decode()
    assert "01-01-2025 t/m 31-10-2026" in page and "beëindigd" in page
    # An ended scheme is not offered for ending again.
    assert f"/parameters/lokale-regelingen/{scheme.pk}/beeindigen/" not in page


def test_an_end_before_the_start_is_refused(client_as, municipality, admin):
    scheme = scheme_of(municipality)
    with unchanged(scheme):
        response = client_as(admin).post(
            f"/parameters/lokale-regelingen/{scheme.pk}/beeindigen/", {"valid_until": "31-12-2024"}
        )
    assert response.status_code == 200
    assert "De regeling kan niet eindigen voordat ze begint." in response.content.decode()


@pytest.mark.parametrize(
    ("typed", "field"),
    [("250", "income_limit"), ("99", "income_limit")],
)
def test_a_bad_income_limit_is_refused_on_the_form(client_as, municipality, admin, typed, field):
    with unchanged():
        response = client_as(admin).post(
            "/parameters/lokale-regelingen/nieuw/", {**FORM, field: typed}
        )
    assert response.status_code == 200
    assert (
        "De inkomensgrens ligt tussen 100 % en 200 % van de bijstandsnorm."
        in response.content.decode()
    )
    assert not LocalScheme.objects.exists()


def test_the_service_names_every_broken_rule_at_once(municipality):
    with pytest.raises(ValidationError) as info, unchanged():
        local_scheme_create(
            municipality=municipality,
            actor=None,
            name="  ",
            kind="gift",
            income_limit=E("2.01"),
            amount_single=E("-0.01"),
            amount_single_parent=E("100000.01"),
            amount_couple=E("100000"),
            valid_from=D(2026, 1, 1),
            valid_until=D(2025, 12, 31),
            source="",
        )
    assert info.value.message_dict == {
        "name": ["Vul de naam van de regeling in."],
        "kind": ["Kies een soort regeling uit de lijst."],
        "income_limit": ["De inkomensgrens ligt tussen 100 % en 200 % van de bijstandsnorm."],
        "amount_single": ["Een bedrag per jaar ligt tussen € 0 en € 100.000."],
        "amount_single_parent": ["Een bedrag per jaar ligt tussen € 0 en € 100.000."],
        "valid_until": ["De regeling kan niet eindigen voordat ze begint."],
        "source": ["Vermeld de bron, of markeer de regeling als aanname."],
    }


def test_the_limits_themselves_are_allowed_and_an_assumption_needs_no_source(municipality):
    low = scheme_of(municipality, income_limit=E("1.00"), amount_single=E("0"))
    high = scheme_of(
        municipality,
        income_limit=E("2.00"),
        amount_couple=E("100000"),
        source="",
        is_assumption=True,
        valid_until=D(2025, 1, 1),
    )
    assert (low.income_limit, low.amount_single) == (E("1.00"), E("0"))
    assert (high.income_limit, high.amount_couple, high.source) == (E("2.00"), E("100000"), "")


def test_an_update_checks_the_whole_scheme_and_no_change_writes_nothing(municipality):
    scheme = scheme_of(municipality, valid_until=D(2026, 12, 31))
    with pytest.raises(ValidationError) as info, unchanged(scheme):
        local_scheme_update(scheme=scheme, actor=None, data={"valid_from": D(2027, 1, 1)})
    assert info.value.message_dict == {
        "valid_until": ["De regeling kan niet eindigen voordat ze begint."]
    }
    with unchanged(scheme):
        local_scheme_end(scheme=scheme, actor=None, valid_until=D(2026, 12, 31))
    assert not AuditEntry.objects.filter(action="update").exists()


def test_a_caseworker_reads_the_schemes_and_changes_nothing(client_as, municipality):
    scheme = scheme_of(municipality)
    client = client_as(make_member(municipality, Role.CASEWORKER, username="consulent-bakker"))
    page = client.get("/parameters/lokale-regelingen/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Kwijtschelding" in html
    assert "Regeling toevoegen" not in html and "bewerken/" not in html
    # The menu leads the administrator only; the parameter page leads everyone.
    assert 'class="bb-nav__link" href="/parameters/lokale-regelingen/"' not in html
    assert 'href="/parameters/lokale-regelingen/"' in client.get("/parameters/").content.decode()
    for path in (
        "/parameters/lokale-regelingen/nieuw/",
        f"/parameters/lokale-regelingen/{scheme.pk}/bewerken/",
        f"/parameters/lokale-regelingen/{scheme.pk}/beeindigen/",
    ):
        assert client.get(path).status_code == 403
    with unchanged(scheme):
        assert client.post("/parameters/lokale-regelingen/nieuw/", FORM).status_code == 403
        assert (
            client.post(
                f"/parameters/lokale-regelingen/{scheme.pk}/bewerken/",
                {**FORM, "amount_couple": "9999"},
            ).status_code
            == 403
        )
        assert (
            client.post(
                f"/parameters/lokale-regelingen/{scheme.pk}/beeindigen/",
                {"valid_until": "31-12-2026"},
            ).status_code
            == 403
        )


def test_another_municipalitys_scheme_is_not_found(
    client_as, municipality, other_municipality, admin
):
    theirs = scheme_of(other_municipality, name="Stadspas Emmen")
    client = client_as(admin)
    html = client.get("/parameters/lokale-regelingen/").content.decode()
    assert "Stadspas Emmen" not in html
    assert "nog geen lokale regelingen" in html
    assert 'class="bb-nav__link" href="/parameters/lokale-regelingen/"' in html
    with unchanged(theirs):
        for path in (
            f"/parameters/lokale-regelingen/{theirs.pk}/bewerken/",
            f"/parameters/lokale-regelingen/{theirs.pk}/beeindigen/",
        ):
            assert client.get(path).status_code == 404
        assert (
            client.post(
                f"/parameters/lokale-regelingen/{theirs.pk}/bewerken/",
                {**FORM, "amount_couple": "9999"},
            ).status_code
            == 404
        )
        assert (
            client.post(
                f"/parameters/lokale-regelingen/{theirs.pk}/beeindigen/",
                {"valid_until": "31-12-2026"},
            ).status_code
            == 404
        )


def test_the_admin_shows_schemes_read_only_and_scoped(
    client_as, municipality, other_municipality, admin
):
    ours = scheme_of(municipality, name="Eigen regeling")
    theirs = scheme_of(other_municipality, name="Stadspas Emmen")
    admin.is_staff = True
    admin.save()
    client = client_as(admin)
    listing = client.get("/beheer/parameters/localscheme/")
    assert listing.status_code == 200
    assert "Eigen regeling" in listing.content.decode()
    assert "Stadspas Emmen" not in listing.content.decode()
    assert client.get(f"/beheer/parameters/localscheme/{theirs.pk}/change/").status_code in (
        302,
        404,
    )
    with unchanged(ours, theirs):
        assert client.post("/beheer/parameters/localscheme/add/", {}).status_code == 403
        refused = client.post(
            f"/beheer/parameters/localscheme/{ours.pk}/change/", {"name": "Anders"}
        )
        assert refused.status_code == 403
