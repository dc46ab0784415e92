from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import ProgrammeFactory


@pytest.fixture
def programme(municipality):
    return ProgrammeFactory(
        municipality=municipality,
        name="Pilot basisbanen",
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2030, 12, 31),
    )
