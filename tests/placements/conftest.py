from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import PositionFactory, ProgrammeFactory


@pytest.fixture
def programme(municipality):
    return ProgrammeFactory(
        municipality=municipality,
        name="Basisbanen Leeuwarden",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2027, 12, 31),
    )


@pytest.fixture
def position(municipality):
    return PositionFactory(host__municipality=municipality, places=5)
