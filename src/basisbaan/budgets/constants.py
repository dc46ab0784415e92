"""Choices and the forecast's stated assumptions (not legal figures: domain choices)."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.calc.forecast import Rates, Scenario


class Category(models.TextChoices):
    """What an amount was spent on; payroll and monitoring also come from payroll files."""

    PAYROLL = "payroll", _("Verloning")
    MONITORING = "monitoring", _("Monitoringskosten")
    RESEARCH = "research", _("Onderzoek")
    OTHER = "other", _("Overig")


SCENARIO_LABELS: Final = {
    Scenario.ALL_RENEWED: _("Alle contracten verlengd"),
    Scenario.NO_RENEWALS: _("Geen verlengingen"),
    Scenario.OBSERVED: _("Zoals waargenomen"),
}
SCENARIO_CHOICES: Final = [(str(s), label) for s, label in SCENARIO_LABELS.items()]

# The stated prior of the observed scenario, used while the programme's own
# history is short: renewals Beta(8, 2) (80 %, worth 10 decisions); leaving
# after a month Beta(1, 99) (1 % a month, worth 100 contract-months).
PRIOR: Final = Rates(renew_a=8, renew_b=2, exit_a=1, exit_b=99)

# A permanent contract does not end with the programme: the budget page shows what it
# keeps costing in this many calendar years after the programme's end (a horizon for
# the view, not a rule: the commitment lasts until the employment ends).
COMMITMENT_YEARS: Final = 5

DEFAULT_DRAWS: Final = 1_000
MAX_DRAWS: Final = 5_000  # what a request may ask: keeps a page or API call quick
DEFAULT_SEED: Final = 2023
MAX_SEED: Final = 2**32 - 1
DEFAULT_PROBABILITY: Final = Decimal("0.90")  # capacity: within budget with at least 90 %
IV3_LABOUR_PARTICIPATION: Final = "6.5 Arbeidsparticipatie"

# A budget year's editable fields (service, form; a new one also names its year).
BUDGET_FIELDS: Final = (
    "amount",
    "iv3_task_field",
    "municipal_programme",
    "note",
)

# An expenditure's editable fields (service, form, API).
EXPENDITURE_FIELDS: Final = (
    "category",
    "booked_on",
    "amount",
    "description",
)
