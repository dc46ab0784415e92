from __future__ import annotations

import pytest

from tests.factories import ProgrammeFactory


@pytest.fixture
def programme(municipality):
    return ProgrammeFactory(
        municipality=municipality, name="Basisbanen Leeuwarden", contract_period_months=6
    )
