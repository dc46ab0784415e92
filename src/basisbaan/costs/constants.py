"""Cost constants. The fields a user may edit, one list per record: the service's whitelist, the form's Meta.fields and the API serializer's writable fields (tests/test_editable_fields.py)."""

from __future__ import annotations

from typing import Final

# A programme's cost settings (the service's whitelist and the form's fields).
COST_SETTINGS_FIELDS: Final = (
    "pension_rate",
    "monitoring_fee",
    "large_employer",
    "government_employer",
    "fixed_term_awf_high",
    "wage_follows_minimum_wage",
    "host_share",
    "host_contribution",
    "esf_share",
    "budget_buig",
    "budget_host",
    "budget_esf",
    "deviation_rate",
    "deviation_amount",
)
