"""Roles and the role-to-permission matrix: the one place that says who may do what.

Views, API viewsets, templates and services all ask :func:`has_perm`; nothing
else decides about permissions. A user has one role per municipality
(see :class:`~basisbaan.tenancy.models.Membership`).

What of a participant a viewer sees (names and the whole BSN, names and the
BSN's last four digits, or a pseudonym) follows from the ``participant.*``
permissions here, but faces ask :mod:`basisbaan.participants.privacy` for it,
never this matrix.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Consulent")
    JOBCOACH = "jobcoach", _("Jobcoach")
    PROGRAMME_MANAGER = "programme_manager", _("Programmamanager")
    CONTROLLER = "controller", _("Controller")
    RESEARCHER = "researcher", _("Onderzoeker")
    READ_ONLY = "read_only", _("Alleen lezen")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functioneel beheerder")


class Perm(StrEnum):
    PROGRAMME_VIEW = "programme.view"
    PROGRAMME_MANAGE = "programme.manage"
    PROGRAMME_INTAKE = "programme.intake"
    # Pseudonymised participant data: status, programme, dates, no identity.
    PARTICIPANT_VIEW = "participant.view"
    # Identity and contact data (name, address, birth date): every access is audited.
    PARTICIPANT_VIEW_PERSONAL = "participant.view_personal"
    # The whole BSN (and searching by it); without it a BSN shows as "*****1234".
    # Only meaningful together with PARTICIPANT_VIEW_PERSONAL.
    PARTICIPANT_VIEW_BSN = "participant.view_bsn"
    PARTICIPANT_MANAGE = "participant.manage"
    HOST_VIEW = "host.view"
    HOST_MANAGE = "host.manage"
    PLACEMENT_VIEW = "placement.view"
    PLACEMENT_MANAGE = "placement.manage"
    CONTRACT_VIEW = "contract.view"
    CONTRACT_MANAGE = "contract.manage"
    AUDIT_VIEW = "audit.view"
    # Imported payroll costs (salaries per person and month) and the imports.
    PAYROLL_VIEW = "payroll.view"
    PAYROLL_IMPORT = "payroll.import"
    # Planned costs per contract and month beside the imported actuals (salaries).
    COSTS_VIEW = "costs.view"
    # A programme's cost settings and the municipality's indexation assumptions.
    COSTS_MANAGE = "costs.manage"
    # The national legal and financial figures (no personal data).
    PARAMETER_VIEW = "parameter.view"
    # Adding or correcting a national figure: an installation-level right, held by no
    # municipal role (see :func:`may_manage_parameters`).
    PARAMETER_MANAGE = "parameter.manage"
    # The municipality's own schemes for low incomes ("does work pay?"): adding,
    # changing and ending one. Reading them comes with PARAMETER_VIEW.
    LOCAL_SCHEME_MANAGE = "localscheme.manage"
    # Budgets per year, spending, forecast and room for intake (no personal data).
    BUDGET_VIEW = "budget.view"
    # Budgets, manual expenditures, planned starts and closing a year.
    BUDGET_MANAGE = "budget.manage"
    # Reopening a closed budget year (with a reason): the functional administrator only.
    BUDGET_REOPEN = "budget.reopen"
    # Referrals, intake, waiting list, profiles and matches (names: audited).
    INTAKE_VIEW = "intake.view"
    # Taking referrals, recording intake conversations and decisions, editing profiles.
    INTAKE_MANAGE = "intake.manage"
    # A programme's eligibility criteria.
    INTAKE_CRITERIA = "intake.criteria"
    # Guidance hours against the norm, feedback sessions and signals.
    GUIDANCE_VIEW = "guidance.view"
    # Logging one's own hours, planning and recording sessions, raising signals.
    GUIDANCE_LOG = "guidance.log"
    # Settings per programme, closing months, correcting others' hours, CSV import.
    GUIDANCE_MANAGE = "guidance.manage"
    # A subject-access request (inzageverzoek): everything held about one person,
    # with the audit of who saw it, as PDF and JSON. The functional administrator
    # (acting for the privacy officer) only.
    PRIVACY_REQUEST = "privacy.request"
    # Outcome figures per programme, track and cohort (aggregates, small numbers
    # suppressed: no personal data).
    OUTCOME_VIEW = "outcome.view"
    # Recording an exit from the programme and follow-up measurements (names: audited).
    OUTCOME_RECORD = "outcome.record"
    # The business case: costs against savings per programme and year (aggregates).
    BUSINESS_CASE_VIEW = "business_case.view"
    # The business case's assumptions and the suppression threshold of a municipality.
    OUTCOME_MANAGE = "outcome.manage"
    # Council reports (aggregates, small numbers suppressed) and their documents.
    REPORT_VIEW = "report.view"
    # Writing a council report's texts, finalising it, a new version, the house style.
    REPORT_EDIT = "report.edit"
    # The programme dashboard: the report's figures live, with filters and the trend.
    PROGRAMME_DASHBOARD = "programme.dashboard"
    # The evaluation study: pseudonymised transcripts, codings, saturation (reads of a
    # transcript are audited).
    RESEARCH_VIEW = "research.view"
    # Studies, respondents, consent and its withdrawal, uploading and coding transcripts.
    RESEARCH_MANAGE = "research.manage"
    # The regional comparison of the regions the municipality shares figures with
    # (aggregates of every sharing municipality, small numbers suppressed).
    REGION_VIEW = "region.view"
    # Sharing a programme's aggregate figures with a region, and withdrawing that.
    REGION_SHARE = "region.share"
    # ESF+: the operation, the registration worklist and the indicator totals, the
    # participant list without BSN (names: audited).
    ESF_VIEW = "esf.view"
    # ESF+: recording a participant's entry data and results, the operation's settings.
    ESF_MANAGE = "esf.manage"
    # ESF+: staff hourly rates (salary data) and the cost claim.
    ESF_CLAIM = "esf.claim"


# Rights over what every municipality shares: no municipal role grants them, not even
# the functional administrator (one municipality must not set the national minimum
# wage for all). They come with the account, not a membership.
INSTALLATION_PERMS = frozenset({Perm.PARAMETER_MANAGE})

# The Django model permission that makes an account a national administrator
# ("landelijk beheerder"); superusers (installation managers) have it implicitly.
PARAMETER_MANAGER_PERMISSION = "parameters.change_parametervalue"

_VIEW_ALL = frozenset(
    {
        Perm.PROGRAMME_VIEW,
        Perm.PARTICIPANT_VIEW,
        Perm.HOST_VIEW,
        Perm.PLACEMENT_VIEW,
        Perm.CONTRACT_VIEW,
        Perm.PARAMETER_VIEW,
    }
)

_GUIDANCE_STAFF = frozenset({Perm.GUIDANCE_VIEW, Perm.GUIDANCE_LOG})

# Names, contact data and the whole BSN.
_IDENTITY = frozenset({Perm.PARTICIPANT_VIEW_PERSONAL, Perm.PARTICIPANT_VIEW_BSN})

MATRIX: dict[Role, frozenset[Perm]] = {
    Role.CASEWORKER: _VIEW_ALL
    | _GUIDANCE_STAFF
    | _IDENTITY
    | {Perm.PARTICIPANT_MANAGE, Perm.PLACEMENT_MANAGE}
    | {Perm.INTAKE_VIEW, Perm.INTAKE_MANAGE}
    | {Perm.OUTCOME_VIEW, Perm.OUTCOME_RECORD}
    | {Perm.ESF_VIEW, Perm.ESF_MANAGE},
    Role.JOBCOACH: _VIEW_ALL
    | _GUIDANCE_STAFF
    | _IDENTITY
    | {Perm.HOST_MANAGE}
    | {Perm.INTAKE_VIEW, Perm.INTAKE_MANAGE}
    | {Perm.OUTCOME_VIEW},
    Role.PROGRAMME_MANAGER: _VIEW_ALL
    | _IDENTITY
    | {
        Perm.PARTICIPANT_MANAGE,
        Perm.PROGRAMME_MANAGE,
        Perm.PROGRAMME_INTAKE,
        Perm.HOST_MANAGE,
        Perm.PLACEMENT_MANAGE,
        Perm.CONTRACT_MANAGE,
        Perm.PAYROLL_VIEW,
        Perm.PAYROLL_IMPORT,
        Perm.COSTS_VIEW,
        Perm.COSTS_MANAGE,
        Perm.BUDGET_VIEW,
        Perm.BUDGET_MANAGE,
        *_GUIDANCE_STAFF,
        Perm.GUIDANCE_MANAGE,
    }
    | {Perm.INTAKE_VIEW, Perm.INTAKE_MANAGE, Perm.INTAKE_CRITERIA}
    | {Perm.OUTCOME_VIEW, Perm.OUTCOME_RECORD, Perm.BUSINESS_CASE_VIEW}
    | {Perm.REPORT_VIEW, Perm.REPORT_EDIT, Perm.PROGRAMME_DASHBOARD}
    | {Perm.REGION_VIEW, Perm.REGION_SHARE}
    | {Perm.ESF_VIEW, Perm.ESF_MANAGE, Perm.ESF_CLAIM},
    Role.CONTROLLER: _VIEW_ALL
    | _IDENTITY
    | {
        Perm.GUIDANCE_VIEW,
        Perm.CONTRACT_MANAGE,
        Perm.PAYROLL_VIEW,
        Perm.PAYROLL_IMPORT,
        Perm.COSTS_VIEW,
        Perm.COSTS_MANAGE,
        Perm.BUDGET_VIEW,
        Perm.BUDGET_MANAGE,
        Perm.OUTCOME_VIEW,
        Perm.BUSINESS_CASE_VIEW,
        Perm.OUTCOME_MANAGE,
        Perm.REPORT_VIEW,
        Perm.PROGRAMME_DASHBOARD,
        Perm.REGION_VIEW,
        Perm.ESF_VIEW,
        Perm.ESF_CLAIM,
    },
    # Researchers see pseudonymised participant data only (and the suppressed aggregates).
    Role.RESEARCHER: _VIEW_ALL
    | {Perm.OUTCOME_VIEW, Perm.BUSINESS_CASE_VIEW, Perm.REPORT_VIEW}
    | {Perm.RESEARCH_VIEW, Perm.RESEARCH_MANAGE}
    | {Perm.REGION_VIEW},
    # Read-only users see names but never a whole BSN (no PARTICIPANT_VIEW_BSN).
    Role.READ_ONLY: _VIEW_ALL
    | {Perm.PARTICIPANT_VIEW_PERSONAL, Perm.PAYROLL_VIEW, Perm.COSTS_VIEW, Perm.BUDGET_VIEW}
    | {Perm.INTAKE_VIEW, Perm.GUIDANCE_VIEW}
    | {Perm.OUTCOME_VIEW, Perm.BUSINESS_CASE_VIEW, Perm.REPORT_VIEW}
    | {Perm.REGION_VIEW, Perm.ESF_VIEW},
    Role.FUNCTIONAL_ADMIN: frozenset(Perm) - INSTALLATION_PERMS,
}


def has_perm(role: str | None, perm: Perm) -> bool:
    """Whether ``role`` grants ``perm``. No role grants nothing."""
    if role is None:
        return False
    return perm in MATRIX.get(Role(role), frozenset())


def perms_for(role: str | None) -> frozenset[Perm]:
    if role is None:
        return frozenset()
    return MATRIX.get(Role(role), frozenset())


def may_manage_parameters(user: Any) -> bool:
    """Whether ``user`` may add or correct a national figure (a parameter value).

    An installation-level right: an active account with the model permission
    :data:`PARAMETER_MANAGER_PERMISSION` (a national administrator) or a
    superuser; never a municipal role. Every face (page, admin, service) asks this.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_active and user.has_perm(PARAMETER_MANAGER_PERMISSION))
