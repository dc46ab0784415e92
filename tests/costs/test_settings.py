"""A programme's cost settings and the municipality's indexation assumptions: defaults,
editing (audited), what the cost model reads, and who may change them.

Hand-computed figures use the seeded premiums: 2025 fixed term, large employer
AWf 7.74 + Aof 7.64 + 0.50 + Whk 1.33 + Zvw 6.51 = 23.72 %; 2026 7.74 + 7.63 + 0.50 +
1.52 + 6.10 = 23.49 %.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditEntry
from basisbaan.calc.costs import FundingLine, compute_costs, month_cost_of
from basisbaan.contracts.services import contract_settings_set
from basisbaan.costs.inputs import CostSettings, build_cost_inputs, cost_settings_value
from basisbaan.costs.models import IndexationAssumption, ProgrammeCostSettings
from basisbaan.costs.selectors import cost_settings_of, indexation_rates
from basisbaan.costs.services import cost_settings_set, indexation_delete, indexation_set
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.costs.conftest import contract_with
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal


def audit_of(model: type, action: str) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(object_type=model._meta.label_lower, action=action).order_by("id")
    )


# --- defaults and the service -----------------------------------------------------------


def test_the_model_defaults_are_the_cost_models_defaults(programme):
    """A programme without a row is planned exactly as one with a fresh default row."""
    unsaved = cost_settings_of(programme)
    assert unsaved.pk is None
    assert cost_settings_value(unsaved) == CostSettings()
    assert (unsaved.deviation_rate, unsaved.deviation_amount) == (E("0.05"), E("50.00"))
    assert unsaved.fixed_term_awf_high and unsaved.large_employer
    assert unsaved.wage_follows_minimum_wage
    assert not (unsaved.budget_buig or unsaved.budget_host or unsaved.budget_esf)


def test_the_first_save_creates_the_row_and_is_audited(programme, controller):
    saved = cost_settings_set(
        programme=programme,
        actor=controller,
        data={"pension_rate": E("0.075"), "monitoring_fee": E("45.50"), "budget_buig": True},
    )
    assert ProgrammeCostSettings.objects.get() == saved
    assert saved.municipality_id == programme.municipality_id
    created = audit_of(ProgrammeCostSettings, "create")
    assert len(created) == 1
    assert created[0].actor == controller
    assert E(created[0].changes["pension_rate"][1]) == E("0.075")
    value = cost_settings_value(saved)
    assert value.budget_lines == FundingLine.PROGRAMME | FundingLine.BUIG


def test_a_change_is_audited_with_before_and_after_and_the_same_values_write_nothing(
    programme, controller
):
    cost_settings_set(programme=programme, actor=controller, data={"monitoring_fee": E("45")})
    cost_settings_set(programme=programme, actor=controller, data={"monitoring_fee": E("60")})
    cost_settings_set(programme=programme, actor=controller, data={"monitoring_fee": E("60")})
    updates = audit_of(ProgrammeCostSettings, "update")
    assert len(updates) == 1
    assert list(updates[0].changes) == ["monitoring_fee"]
    assert [E(v) for v in updates[0].changes["monitoring_fee"]] == [E("45"), E("60")]
    assert ProgrammeCostSettings.objects.get().monitoring_fee == E("60")


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"pension_rate": E("1.2")}, "pension_rate"),
        ({"monitoring_fee": E("-1")}, "monitoring_fee"),
        ({"host_share": E("0.6"), "esf_share": E("0.5")}, "esf_share"),
        ({"programme": 3}, "__all__"),
    ],
)
def test_refused_settings_write_nothing(programme, controller, data, field):
    with pytest.raises(ValidationError) as excinfo, unchanged():
        cost_settings_set(programme=programme, actor=controller, data=data)
    if field != "__all__":
        assert field in excinfo.value.message_dict
    assert not ProgrammeCostSettings.objects.exists()
    assert not audit_of(ProgrammeCostSettings, "create")


# --- what the cost model reads --------------------------------------------------------------


def test_the_cost_model_reads_the_stored_settings_and_arguments_override_them(
    municipality, programme, controller
):
    """March 2025, 36 h at 14.40 (a month's gross 14.40 × 36 × 52/12 = 2,246.40; holiday
    8 % 179.71; wage 2,426.11). Stored: pension 10 %, fee 50.00, small employer (Aof low
    6.28 %: charges 7.74 + 6.28 + 0.50 + 1.33 + 6.51 = 22.36 % × 2,426.11 = 542.48):
    2,246.40 + 179.71 + 542.48 + 242.61 + 50.00 = 3,261.20.
    An argument for the programme replaces the stored row: the defaults give
    2,246.40 + 179.71 + 23.72 % × 2,426.11 = 575.47, total 3,001.58."""
    contract_with(programme, [(D(2025, 3, 1), D(2025, 8, 31), "36", "14.40")])
    cost_settings_set(
        programme=programme,
        actor=controller,
        data={"pension_rate": E("0.10"), "monitoring_fee": E("50"), "large_employer": False},
    )
    window = {"municipality": municipality, "start": D(2025, 3, 1), "end": D(2025, 3, 31)}
    stored = build_cost_inputs(**window)
    assert stored.inputs.charges_ppm.tolist() == [223_600]
    assert month_cost_of(compute_costs(stored.inputs), 0).total == E("3261.20")
    overridden = build_cost_inputs(**window, settings={programme.pk: CostSettings()})
    assert month_cost_of(compute_costs(overridden.inputs), 0).total == E("3001.58")


def test_the_fulltime_week_comes_from_the_contract_settings(municipality, programme, controller):
    """Before 2024 the LKS uses the minimum wage of the programme's full-time week:
    36 hours in July 2023 is 12.79 an hour (38: 12.12)."""
    contract = contract_with(
        programme, [(D(2023, 7, 1), D(2023, 12, 31), "32", "13.00")], wage_subsidy=True
    )
    window = {
        "municipality": municipality,
        "start": D(2023, 7, 1),
        "end": D(2023, 7, 31),
        "wage_values": {contract.pk: E("0.5")},
    }
    assert build_cost_inputs(**window).inputs.minimum_wage.tolist() == [1212]
    contract_settings_set(programme=programme, actor=controller, data={"fulltime_hours": 36})
    assert build_cost_inputs(**window).inputs.minimum_wage.tolist() == [1279]


def test_reading_the_settings_costs_no_extra_query(
    municipality, programme, controller, django_assert_num_queries
):
    contract_with(programme, [(D(2025, 3, 1), D(2025, 8, 31), "36", "14.40")])
    cost_settings_set(programme=programme, actor=controller, data={"pension_rate": E("0.1")})
    indexation_set(
        municipality=municipality, actor=controller, key="minimum_wage_hourly", rate=E("0.02")
    )
    with django_assert_num_queries(3):  # the periods (with settings), wage lines, parameters
        build_cost_inputs(municipality=municipality, start=D(2025, 1, 1), end=D(2025, 12, 31))


# --- indexation ---------------------------------------------------------------------------


def test_indexation_is_set_changed_and_removed_with_audit(municipality, controller):
    first = indexation_set(
        municipality=municipality,
        actor=controller,
        key="minimum_wage_hourly",
        rate=E("0.02"),
        note="CPB-raming",
    )
    assert first.updated_by == controller
    indexation_set(
        municipality=municipality,
        actor=controller,
        key="minimum_wage_hourly",
        rate=E("0.02"),
        note="CPB-raming",
    )
    indexation_set(
        municipality=municipality, actor=controller, key="minimum_wage_hourly", rate=E("0.025")
    )
    assert indexation_rates(municipality=municipality) == {"minimum_wage_hourly": E("0.025")}
    indexation_delete(assumption=IndexationAssumption.objects.get(), actor=controller)
    assert indexation_rates(municipality=municipality) == {}
    assert [len(audit_of(IndexationAssumption, a)) for a in ("create", "update", "delete")] == [
        1,
        1,
        1,
    ]
    changed = audit_of(IndexationAssumption, "update")[0].changes
    assert [E(v) for v in changed["rate"]] == [E("0.02"), E("0.025")]


def test_indexation_only_for_keys_that_change_on_a_cadence(municipality, controller):
    with pytest.raises(ValidationError), unchanged():
        indexation_set(municipality=municipality, actor=controller, key="lks_cap", rate=E("0.1"))
    with pytest.raises(ValidationError), unchanged():
        indexation_set(
            municipality=municipality, actor=controller, key="minimum_wage_hourly", rate=E("2")
        )
    assert not IndexationAssumption.objects.exists()


def test_indexation_raises_the_planned_cost_after_the_last_published_minimum_wage(
    municipality, other_municipality, programme, controller
):
    """A contract at 14.71 (the minimum wage from 1 January 2026, the last one published),
    32 hours, June to August 2026. The wage follows the minimum wage.

    Without indexation July is planned at 14.71, like June: gross 14.71 × 32 × 52/12 =
    2,039.79; holiday 163.18; charges 23.49 % × 2,202.97 = 517.48; total 2,720.45.
    With +2 % per half year the assumed minimum wage from 1 July is 14.71 × 1.02 =
    15.0042 -> 15.00, above the contract's 14.71, so July is planned at 15.00: gross
    15.00 × 32 × 52/12 = 2,080.00; holiday 166.40; charges 23.49 % × 2,246.40 = 527.68;
    total 2,774.08, marked as an assumption. June stays 2,720.45.
    Another municipality's assumption does not count; an argument overrides the stored one.
    """
    contract_with(programme, [(D(2026, 6, 1), D(2026, 8, 31), "32", "14.71")])
    window = {"municipality": municipality, "start": D(2026, 6, 1), "end": D(2026, 7, 31)}

    def june_and_july(**extra):
        built = build_cost_inputs(**window, **extra)
        costs = compute_costs(built.inputs)
        totals = [month_cost_of(costs, i).total for i in range(2)]
        return totals, built.assumed.tolist(), built.inputs.hourly_wage.tolist()

    assert june_and_july() == ([E("2720.45"), E("2720.45")], [False, False], [1471, 1471])
    indexation_set(
        municipality=other_municipality,
        actor=None,
        key="minimum_wage_hourly",
        rate=E("0.05"),
    )
    assert june_and_july()[0] == [E("2720.45"), E("2720.45")]
    indexation_set(
        municipality=municipality, actor=controller, key="minimum_wage_hourly", rate=E("0.02")
    )
    assert june_and_july() == ([E("2720.45"), E("2774.08")], [False, True], [1471, 1500])
    built = build_cost_inputs(**window)
    assert "minimum_wage_38" in built.assumptions[(2026, 7)]
    # The argument wins over the stored assumption; 0 % keeps the last known value.
    assert june_and_july(indexation={"minimum_wage_hourly": E("0")})[0] == [
        E("2720.45"),
        E("2720.45"),
    ]
    # The programme may plan the contract's own wage only.
    cost_settings_set(
        programme=programme, actor=controller, data={"wage_follows_minimum_wage": False}
    )
    assert june_and_july()[0] == [E("2720.45"), E("2720.45")]


# --- the pages ----------------------------------------------------------------------------


def test_the_controller_edits_the_settings_in_percentages(client_as, programme, controller):
    client = client_as(controller)
    url = f"/kosten/{programme.pk}/instellingen/"
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="pension_rate"' in page.content.decode()
    form = {
        "pension_rate": "7,5",
        "monitoring_fee": "45,50",
        "large_employer": "on",
        "fixed_term_awf_high": "on",
        "wage_follows_minimum_wage": "on",
        "host_share": "0",
        "host_contribution": "0",
        "esf_share": "10",
        "budget_esf": "on",
        "deviation_rate": "3",
        "deviation_amount": "25",
    }
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = ProgrammeCostSettings.objects.get(programme=programme)
    assert (saved.pension_rate, saved.monitoring_fee, saved.esf_share) == (
        E("0.075"),
        E("45.50"),
        E("0.1"),
    )
    assert (saved.deviation_rate, saved.deviation_amount) == (E("0.03"), E("25"))
    assert saved.budget_esf and not saved.government_employer
    assert audit_of(ProgrammeCostSettings, "create")[0].actor == controller
    shown = client.get(url).content.decode()
    assert 'value="7,5"' in shown and 'value="45,50"' in shown


def test_an_invalid_form_shows_the_error_and_writes_nothing(client_as, programme, controller):
    client = client_as(controller)
    with unchanged():
        response = client.post(
            f"/kosten/{programme.pk}/instellingen/",
            {
                "pension_rate": "120",
                "monitoring_fee": "0",
                "host_share": "60",
                "host_contribution": "0",
                "esf_share": "50",
                "deviation_rate": "5",
                "deviation_amount": "50",
            },
        )
    assert response.status_code == 200
    text = response.content.decode()
    assert "bb-error-summary" in text
    assert not ProgrammeCostSettings.objects.exists()


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.JOBCOACH, Role.RESEARCHER, Role.READ_ONLY])
def test_who_may_not_manage_cannot_change_settings_or_indexation(
    client_as, municipality, programme, role
):
    client = client_as(make_member(municipality, role))
    before = AuditEntry.objects.count()
    with unchanged(programme):
        settings = client.post(
            f"/kosten/{programme.pk}/instellingen/",
            {"pension_rate": "7", "monitoring_fee": "1", "deviation_rate": "5"},
        )
        indexation = client.post(
            "/kosten/indexatie/", {"key": "minimum_wage_hourly", "rate": "2", "note": ""}
        )
    assert (settings.status_code, indexation.status_code) == (403, 403)
    assert not ProgrammeCostSettings.objects.exists()
    assert not IndexationAssumption.objects.exists()
    assert AuditEntry.objects.count() == before


@pytest.mark.parametrize("role", [Role.CONTROLLER, Role.PROGRAMME_MANAGER, Role.FUNCTIONAL_ADMIN])
def test_who_manages_costs_sets_an_indexation_assumption(client_as, municipality, role):
    client = client_as(make_member(municipality, role))
    response = client.post(
        "/kosten/indexatie/", {"key": "minimum_wage_hourly", "rate": "2,5", "note": "CPB"}
    )
    assert response.status_code == 302
    assert indexation_rates(municipality=municipality) == {"minimum_wage_hourly": E("0.025")}
    page = client.get("/kosten/indexatie/").content.decode()
    assert "2,5\u00a0%" in page
    pk = IndexationAssumption.objects.get().pk
    assert client.post(f"/kosten/indexatie/{pk}/verwijderen/").status_code == 302
    assert not IndexationAssumption.objects.exists()


def test_another_municipality_sees_and_changes_nothing(
    client_as, programme, other_municipality, controller
):
    cost_settings_set(programme=programme, actor=controller, data={"monitoring_fee": E("45")})
    assumption = indexation_set(
        municipality=programme.municipality,
        actor=controller,
        key="minimum_wage_hourly",
        rate=E("0.02"),
        note="Leeuwarder raming",
    )
    stranger = client_as(make_member(other_municipality, Role.CONTROLLER))
    with unchanged(assumption, programme.cost_settings):
        assert stranger.get(f"/kosten/{programme.pk}/instellingen/").status_code == 404
        assert (
            stranger.post(
                f"/kosten/{programme.pk}/instellingen/", {"pension_rate": "9"}
            ).status_code
            == 404
        )
        assert stranger.post(f"/kosten/indexatie/{assumption.pk}/verwijderen/").status_code == 404
    overview = stranger.get("/kosten/").content.decode()
    assert programme.name not in overview
    assert "Leeuwarder raming" not in stranger.get("/kosten/indexatie/").content.decode()
    assert "Leeuwarder raming" in client_as(controller).get("/kosten/indexatie/").content.decode()
    assert IndexationAssumption.objects.filter(pk=assumption.pk).exists()
    assert ProgrammeCostSettings.objects.get().monitoring_fee == E("45")
