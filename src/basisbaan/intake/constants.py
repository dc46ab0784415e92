"""Intake constants. The fields a user may edit, one list per record: the service's whitelist, the form's Meta.fields and the API serializer's writable fields (tests/test_editable_fields.py)."""

from __future__ import annotations

from typing import Final

# A programme's eligibility criteria (service, form, API).
CRITERIA_FIELDS: Final = (
    "min_months_on_assistance",
    "min_age",
    "max_age",
    "transition_min_hours",
    "transition_min_language",
    "social_value_min_hours",
    "social_value_min_language",
)

# A referral's own fields (service, API; the referral form adds the participant's).
REFERRAL_FIELDS: Final = (
    "source",
    "referred_on",
    "priority",
    "reason",
)

# A participant profile's editable fields (service, form, API).
PROFILE_FIELDS: Final = (
    "competences",
    "work_experience",
    "interests",
    "preferred_work",
    "preferred_sectors",
    "hours_available",
    "travel_range_km",
    "travel_means",
    "language_level",
    "constraints",
    "constraints_discussed",
    "motivation",
    "motivation_notes",
    "support_need",
    "tracks",
)

# A position profile's editable fields (service, form, API).
POSITION_PROFILE_FIELDS: Final = (
    "required_competences",
    "sector",
    "work_types",
    "supervision_capacity",
    "accommodates",
    "language_required",
    "postcode",
    "displacement_checked",
    "displacement_note",
)
