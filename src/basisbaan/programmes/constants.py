"""Programme constants. The fields a user may edit, one list per record: the service's whitelist, the form's Meta.fields and the API serializer's writable fields (tests/test_editable_fields.py)."""

from __future__ import annotations

from typing import Final

# A programme's editable fields (the service's whitelist, the forms and the API).
PROGRAMME_FIELDS: Final = (
    "name",
    "slug",
    "description",
    "start_date",
    "end_date",
    "contract_period_months",
)
