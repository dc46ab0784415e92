"""What the privacy app removes, exports and reports, per record type."""

from __future__ import annotations

from typing import Final

# What an anonymised participant is called (the names are gone; pages need a text).
ANONYMISED_NAME: Final = "Geanonimiseerd"

# A participant's own fields that anonymising empties: identity and contact data
# (the birth date is cut back to 1 January of its year, see services.py).
IDENTITY_FIELDS: Final = (
    "bsn",
    "first_name",
    "name_prefix",
    "last_name",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
)

# The household of "does work pay?" (children's birth months, rent, partner's
# income), emptied on anonymising: the field and the value it is emptied to.
HOUSEHOLD_EMPTY: Final[dict[str, object]] = {
    "children_birth_months": [],
    "rent_month": None,
    "partner_income_year": None,
}

# Free text about a participant in other records, emptied on anonymising:
# (model label, path from the model to the participant, text fields). Dates,
# hours, amounts, choices and the structured profile stay: the budget figures,
# cost actuals and research statistics are made of them.
FREE_TEXT: Final[tuple[tuple[str, str, tuple[str, ...]], ...]] = (
    ("participants.ContactPersonChange", "participant", ("reason",)),
    ("placements.Placement", "participant", ("end_reason",)),
    ("contracts.Contract", "participant", ("employee_number",)),
    ("contracts.RenewalDecision", "period__contract__participant", ("reason",)),
    ("contracts.WageValueMeasurement", "participant", ("note",)),
    ("intake.Referral", "participant", ("reason",)),
    ("intake.IntakeConversation", "participant", ("summary",)),
    ("intake.IntakeDecision", "participant", ("reasoning",)),
    ("intake.ParticipantProfile", "participant", ("work_experience", "motivation_notes")),
    ("intake.MatchProposal", "participant", ("waiting_reason", "note")),
    ("guidance.HoursEntry", "participant", ("note",)),
    ("guidance.FeedbackSession", "placement__participant", ("location", "notes")),
    ("guidance.FeedbackAction", "session__placement__participant", ("description",)),
    ("guidance.Signal", "participant", ("description", "follow_up")),
)

# Everything held about a participant, for the subject-access export:
# (key in the export, model label, path to the participant), in reading order.
HELD: Final[tuple[tuple[str, str, str], ...]] = (
    ("contact_person_changes", "participants.ContactPersonChange", "participant"),
    ("referrals", "intake.Referral", "participant"),
    ("intake_conversations", "intake.IntakeConversation", "participant"),
    ("intake_decisions", "intake.IntakeDecision", "participant"),
    ("profiles", "intake.ParticipantProfile", "participant"),
    ("match_proposals", "intake.MatchProposal", "participant"),
    ("placements", "placements.Placement", "participant"),
    ("contracts", "contracts.Contract", "participant"),
    ("contract_periods", "contracts.ContractPeriod", "contract__participant"),
    ("renewal_decisions", "contracts.RenewalDecision", "period__contract__participant"),
    ("wage_value_measurements", "contracts.WageValueMeasurement", "participant"),
    ("guidance_hours", "guidance.HoursEntry", "participant"),
    ("feedback_sessions", "guidance.FeedbackSession", "placement__participant"),
    ("feedback_actions", "guidance.FeedbackAction", "session__placement__participant"),
    ("signals", "guidance.Signal", "participant"),
    ("payroll_cost_lines", "payroll.PayrollEntry", "participant"),
)
