"""What the "does work pay?" tests share: the inputs of the worked example and a
participant of the first municipality."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.parameters.models import LocalScheme
from tests.factories import ParticipantFactory

# The worked example: 2025, a single person, 36 hours at EUR 14,06, no rent.
EXAMPLE = {"household": "single", "hours_per_week": "36", "hourly_wage": "14.06", "year": 2025}
FIRST, LAST = "Wilhelmina", "Zonderland"
BSN = "123456782"


@pytest.fixture
def participant(programme):
    return ParticipantFactory(
        programme=programme, first_name=FIRST, last_name=LAST, bsn=BSN, household_type="single"
    )


@pytest.fixture
def other_participant(other_programme):
    return ParticipantFactory(programme=other_programme, household_type="single")


def add_scheme(municipality, name: str = "Individuele inkomenstoeslag") -> LocalScheme:
    """A local scheme paid to every single up to 1,3 times the norm: EUR 600 a year."""
    return LocalScheme.objects.create(
        municipality=municipality,
        name=name,
        kind="iit",
        income_limit=Decimal("1.3"),
        amount_single=Decimal(600),
        amount_single_parent=Decimal(700),
        amount_couple=Decimal(800),
        valid_from=dt.date(2020, 1, 1),
        source="Verordening individuele inkomenstoeslag",
    )
