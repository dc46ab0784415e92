import pytest

from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ContractPeriodFactory

pytestmark = pytest.mark.django_db


def test_contract_page_links_to_its_cost_comparison_for_a_controller(municipality, client_as):
    period = ContractPeriodFactory(contract__participant__programme__municipality=municipality)
    response = client_as(make_member(municipality, Role.CONTROLLER)).get(
        f"/contracten/{period.contract.pk}/"
    )
    assert response.status_code == 200
    assert f'href="/kosten/contract/{period.contract.pk}/"' in response.content.decode()


def test_no_cost_link_for_a_caseworker(municipality, client_as):
    period = ContractPeriodFactory(contract__participant__programme__municipality=municipality)
    response = client_as(make_member(municipality, Role.CASEWORKER)).get(
        f"/contracten/{period.contract.pk}/"
    )
    assert "/kosten/contract/" not in response.content.decode()
