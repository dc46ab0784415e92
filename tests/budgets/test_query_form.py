from __future__ import annotations

from basisbaan.budgets.constants import DEFAULT_DRAWS, DEFAULT_SEED
from basisbaan.budgets.forms import ForecastQueryForm
from basisbaan.calc.forecast import Scenario


def test_a_query_without_a_scenario_takes_the_default_without_an_error():
    form = ForecastQueryForm({"draws": "200", "seed": "7"})

    assert form.values() == (Scenario.OBSERVED, 200, 7)
    assert form.errors == {}


def test_a_wrong_scenario_is_an_error_and_falls_back():
    form = ForecastQueryForm({"scenario": "zomaar", "draws": "x"})

    assert form.values() == (Scenario.OBSERVED, DEFAULT_DRAWS, DEFAULT_SEED)
    assert set(form.errors) == {"scenario", "draws"}
