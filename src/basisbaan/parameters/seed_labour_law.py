"""The labour-law figures of issue 18 (transition payment), with their sources.

Plain data: the data migration and the tests read it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from basisbaan.parameters.seed_income import Row

D = dt.date
TRANSITION_SOURCE = (
    "Art. 7:673 lid 2 BW; jaarlijkse regeling SZW (contractloonontwikkeling, afgerond op EUR 1.000)"
)

LABOUR_LAW: list[Row] = [
    Row("transition_payment_max", D(2023, 1, 1), Decimal("89000.00"), TRANSITION_SOURCE),
    Row("transition_payment_max", D(2024, 1, 1), Decimal("94000.00"), TRANSITION_SOURCE),
    Row("transition_payment_max", D(2025, 1, 1), Decimal("98000.00"), TRANSITION_SOURCE),
    Row("transition_payment_max", D(2026, 1, 1), Decimal("102000.00"), TRANSITION_SOURCE),
]
