"""One list of editable fields per record: the service's whitelist, the form and the
API serializer all use the constant in the app's constants.py.

Each row names the record's constant, the service's whitelist, the forms and the
serializers that edit it, and what a form or serializer adds on purpose (the
record a new row belongs to, a create-only choice). Anything else is drift.
"""

from __future__ import annotations

from typing import Any

import pytest

from basisbaan.budgets import constants as budget_constants
from basisbaan.budgets import forms as budget_forms
from basisbaan.budgets import services as budget_services
from basisbaan.budgets.api import serializers as budget_api
from basisbaan.contracts import constants as contract_constants
from basisbaan.contracts import forms as contract_forms
from basisbaan.contracts import lkv as contract_lkv
from basisbaan.contracts import services as contract_services
from basisbaan.contracts.api import serializers as contract_api
from basisbaan.contracts.api.lkv import LkvCreateSerializer, LkvUpdateSerializer
from basisbaan.contracts.lkv_forms import LkvForm
from basisbaan.costs import constants as cost_constants
from basisbaan.costs import forms as cost_forms
from basisbaan.costs import services as cost_services
from basisbaan.esf import constants as esf_constants
from basisbaan.esf import forms as esf_forms
from basisbaan.esf import services as esf_services
from basisbaan.esf.api import serializers as esf_api
from basisbaan.guidance import constants as guidance_constants
from basisbaan.guidance import forms as guidance_forms
from basisbaan.guidance import services as guidance_services
from basisbaan.guidance.api import serializers as guidance_api
from basisbaan.hosts import constants as host_constants
from basisbaan.hosts import forms as host_forms
from basisbaan.hosts import services as host_services
from basisbaan.hosts.api import serializers as host_api
from basisbaan.intake import constants as intake_constants
from basisbaan.intake import forms as intake_forms
from basisbaan.intake import services as intake_services
from basisbaan.intake.api import serializers as intake_api
from basisbaan.participants import constants as participant_constants
from basisbaan.participants import forms as participant_forms
from basisbaan.participants import services as participant_services
from basisbaan.participants.api import serializers as participant_api
from basisbaan.programmes import constants as programme_constants
from basisbaan.programmes import forms as programme_forms
from basisbaan.programmes import services as programme_services
from basisbaan.programmes.api import serializers as programme_api

NONE: frozenset[str] = frozenset()

# (record, constant, service whitelist, {form: extras}, {serializer: extras})
RECORDS: list[tuple[str, tuple[str, ...], Any, dict[Any, Any], dict[Any, Any]]] = [
    (
        "participant",
        participant_constants.PARTICIPANT_FIELDS,
        participant_services.EDITABLE,
        {
            participant_forms.ParticipantForm: NONE,
            participant_forms.ParticipantCreateForm: {"contact_person"},
        },
        {participant_api.ParticipantSerializer: {"contact_person", "contact_person_reason"}},
    ),
    (
        "programme",
        programme_constants.PROGRAMME_FIELDS,
        programme_services.EDITABLE,
        {programme_forms.ProgrammeCreateForm: NONE, programme_forms.ProgrammeUpdateForm: NONE},
        {programme_api.ProgrammeSerializer: NONE},
    ),
    (
        "host",
        host_constants.HOST_FIELDS,
        host_services.EDITABLE_HOST,
        {host_forms.HostForm: NONE},
        {host_api.HostSerializer: NONE},
    ),
    (
        "host contact",
        host_constants.HOST_CONTACT_FIELDS,
        host_services.CONTACT_FIELDS,
        {host_forms.HostContactForm: NONE},
        {host_api.HostContactSerializer: {"host"}},
    ),
    (
        "position",
        host_constants.POSITION_FIELDS,
        host_services.EDITABLE_POSITION,
        {host_forms.PositionForm: NONE},
        {host_api.PositionSerializer: {"host"}},
    ),
    (
        "contract",
        contract_constants.CONTRACT_FIELDS,
        contract_services.EDITABLE_CONTRACT,
        {contract_forms.ContractEditForm: NONE},
        {},
    ),
    (
        "wage value",
        contract_constants.WAGE_VALUE_FIELDS,
        contract_services.EDITABLE_WAGE_VALUE,
        {
            contract_forms.WageValueForm: {"participant"},
            # The edit form inherits the declared participant field and drops it when built.
            contract_forms.WageValueEditForm: {"participant"},
        },
        {
            contract_api.WageValueCreateSerializer: {"participant"},
            contract_api.WageValueUpdateSerializer: NONE,
        },
    ),
    (
        "wage-cost advantage",
        contract_constants.LKV_FIELDS,
        contract_lkv.EDITABLE,
        {LkvForm: NONE},
        {LkvCreateSerializer: {"participant"}, LkvUpdateSerializer: NONE},
    ),
    (
        "contract settings",
        contract_constants.CONTRACT_SETTINGS_FIELDS,
        contract_services.SETTINGS_FIELDS,
        {contract_forms.ContractSettingsForm: NONE},
        {},
    ),
    (
        "cost settings",
        cost_constants.COST_SETTINGS_FIELDS,
        cost_services.SETTINGS_FIELDS,
        {cost_forms.CostSettingsForm: NONE},
        {},
    ),
    (
        "guidance settings",
        guidance_constants.GUIDANCE_SETTINGS_FIELDS,
        guidance_services.SETTINGS_FIELDS,
        {guidance_forms.GuidanceSettingsForm: NONE},
        {},
    ),
    (
        "feedback session record",
        guidance_constants.SESSION_RECORD_FIELDS,
        guidance_services.RECORD_FIELDS,
        {guidance_forms.SessionRecordForm: NONE},
        {guidance_api.SessionRecordSerializer: NONE},
    ),
    (
        "eligibility criteria",
        intake_constants.CRITERIA_FIELDS,
        intake_services.EDITABLE_CRITERIA,
        {intake_forms.CriteriaForm: NONE},
        {intake_api.CriteriaSerializer: {"programme"}},
    ),
    (
        "referral",
        intake_constants.REFERRAL_FIELDS,
        intake_services.EDITABLE_REFERRAL,
        # The referral form registers the participant too.
        {
            intake_forms.ReferralForm: {
                *participant_constants.PARTICIPANT_FIELDS,
                "contact_person",
            }
        },
        {
            intake_api.ReferralSerializer: NONE,
            intake_api.ReferralCreateSerializer: {
                *participant_constants.PARTICIPANT_FIELDS,
                "contact_person",
                "contact_person_reason",
            },
        },
    ),
    (
        "participant profile",
        intake_constants.PROFILE_FIELDS,
        intake_services.EDITABLE_PROFILE,
        {intake_forms.ProfileForm: NONE},
        {intake_api.ProfileSerializer: {"participant"}},
    ),
    (
        "position profile",
        intake_constants.POSITION_PROFILE_FIELDS,
        intake_services.EDITABLE_POSITION_PROFILE,
        {intake_forms.PositionProfileForm: NONE},
        {intake_api.PositionProfileSerializer: {"position"}},
    ),
    (
        "budget",
        budget_constants.BUDGET_FIELDS,
        budget_services.EDITABLE_BUDGET,
        {budget_forms.BudgetCreateForm: {"year"}, budget_forms.BudgetUpdateForm: NONE},
        {budget_api.BudgetSerializer: {"programme", "year"}},
    ),
    (
        "expenditure",
        budget_constants.EXPENDITURE_FIELDS,
        budget_services.EDITABLE_EXPENDITURE,
        {budget_forms.ExpenditureForm: NONE},
        {budget_api.ExpenditureSerializer: {"budget"}},
    ),
    (
        "esf operation",
        esf_constants.OPERATION_FIELDS,
        esf_services.EDITABLE_OPERATION,
        {esf_forms.OperationForm: NONE},
        {},
    ),
    (
        "esf registration",
        esf_constants.REGISTRATION_FIELDS,
        esf_services.EDITABLE_REGISTRATION,
        {esf_forms.RegistrationForm: NONE},
        {
            esf_api.RegistrationDataSerializer: NONE,
            esf_api.RegistrationCreateSerializer: {"operation", "participant"},
        },
    ),
    (
        "esf result event",
        esf_constants.EVENT_FIELDS,
        esf_services.EDITABLE_EVENT,
        {esf_forms.EventForm: NONE},
        {esf_api.EventSerializer: NONE},
    ),
    (
        "esf staff rate",
        esf_constants.STAFF_RATE_FIELDS,
        esf_services.EDITABLE_STAFF_RATE,
        {esf_forms.StaffRateForm: NONE},
        {},
    ),
]
IDS = [record[0] for record in RECORDS]


@pytest.mark.parametrize(
    ("record", "fields", "whitelist", "forms", "serializers"), RECORDS, ids=IDS
)
def test_the_service_whitelists_exactly_the_records_list(
    record, fields, whitelist, forms, serializers
):
    assert len(set(fields)) == len(fields), f"{record}: a field is listed twice"
    assert whitelist == frozenset(fields)


@pytest.mark.parametrize(
    ("record", "fields", "whitelist", "forms", "serializers"), RECORDS, ids=IDS
)
def test_each_form_edits_the_records_list(record, fields, whitelist, forms, serializers):
    assert forms, f"{record}: no form"
    for form, extras in forms.items():
        assert set(form.base_fields) == set(fields) | set(extras), form.__name__


@pytest.mark.parametrize(
    ("record", "fields", "whitelist", "forms", "serializers"), RECORDS, ids=IDS
)
def test_each_serializer_writes_the_records_list(record, fields, whitelist, forms, serializers):
    for serializer, extras in serializers.items():
        writable = {name for name, field in serializer().fields.items() if not field.read_only}
        assert writable == set(fields) | set(extras), serializer.__name__


def test_a_form_that_drifts_from_its_list_is_found(monkeypatch):
    """The check can fail: a form with one field more than the list."""
    _record, fields, _whitelist, forms, _serializers = RECORDS[2]  # host
    form = next(iter(forms))
    monkeypatch.setitem(form.base_fields, "kvk_extra", form.base_fields["name"])

    assert set(form.base_fields) != set(fields)
