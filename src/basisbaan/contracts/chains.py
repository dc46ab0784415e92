"""The chain rule and the notice deadline applied to recorded contracts, with the
Dutch texts the pages, the API and the services share.

The pure rules are in :mod:`basisbaan.calc.labour_law`. Here they meet the
database: which periods count as fixed-term contracts in a participant's
chain, and how a warning reads.

Which periods form a chain: every period of every contract of the same
participant with the same legal employer (names compared without case and
extra spaces) counts as one fixed-term contract, except periods that start
on or after a permanent contract's ``permanent_from``.

The programme's contract settings (:func:`chain_rules_of`) hold the numbers,
the law's by default (3 contracts, 36 months, a gap of at most 6 months) or a
collective agreement's, and whether employers that succeed each other for the
same work count as one (*opvolgend werkgeverschap*, art. 7:668a lid 2 BW: the
payroll party, the host, the municipality). That needs judgement, so the
programme decides it: with ``chain_across_employers`` on, all the
participant's contracts form one chain whatever the employer's name; off,
only contracts with the same employer name do.

A write that the chain rule makes permanent is refused with
:class:`PermanentByLawError` unless the caller confirms it (``confirm_permanent``);
:func:`permanent_fields` says what the confirmed write stores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from basisbaan.calc.labour_law import (
    LEGAL_CHAIN_LIMITS,
    ChainCheck,
    ChainLimits,
    ChainReason,
    Term,
    check_renewal,
)
from basisbaan.contracts.constants import PermanentReason
from basisbaan.contracts.models import ContractPeriod, ContractSettings
from basisbaan.contracts.selectors import contract_settings_of
from basisbaan.programmes.models import Programme

__all__ = [
    "CHAIN_PERMANENT",
    "CONFIRM_FIELD",
    "LEGAL_RULES",
    "ChainRules",
    "PeriodRow",
    "PermanentByLawError",
    "chain_confirm_label",
    "chain_consequence",
    "chain_rules_of",
    "chain_summary",
    "chain_warning",
    "check_next",
    "employer_key",
    "fixed_terms",
    "participant_period_rows",
    "permanent_fields",
    "permanent_text",
]

# The field a face fills to confirm that a write makes the contract permanent,
# and the code of the refusal without it.
CONFIRM_FIELD = "confirm_permanent"
CHAIN_PERMANENT = "chain_permanent"


@dataclass(frozen=True, slots=True)
class ChainRules:
    """The chain rule as a programme applies it: the numbers, and whether
    successive employers count as one (see the module docstring)."""

    limits: ChainLimits = LEGAL_CHAIN_LIMITS
    across_employers: bool = False


LEGAL_RULES = ChainRules()


def rules_of_settings(settings: ContractSettings) -> ChainRules:
    return ChainRules(
        limits=ChainLimits(
            max_contracts=settings.chain_max_contracts,
            max_months=settings.chain_max_months,
            max_gap_months=settings.chain_max_gap_months,
        ),
        across_employers=settings.chain_across_employers,
    )


def chain_rules_of(programme: Programme) -> ChainRules:
    """The programme's chain rule (the law's when it saved no settings)."""
    return rules_of_settings(contract_settings_of(programme))


def _date(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def employer_key(name: str) -> str:
    """``" Caparis  NV"`` and ``"caparis nv"`` are the same employer."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True, slots=True)
class PeriodRow:
    """What the chain rule needs of one recorded period."""

    contract_id: int
    participant_id: int
    employer: str  # employer_key of the contract's employer
    start: dt.date
    end: dt.date
    permanent_from: dt.date | None

    @property
    def fixed_term(self) -> bool:
        return self.permanent_from is None or self.start < self.permanent_from


def participant_period_rows(
    municipality_id: int, participant_ids: Iterable[int]
) -> dict[int, list[PeriodRow]]:
    """Every period of the participants' contracts, by participant: one query."""
    rows = ContractPeriod.objects.filter(
        municipality_id=municipality_id, contract__participant_id__in=list(participant_ids)
    ).values_list(
        "contract_id",
        "contract__participant_id",
        "contract__employer_name",
        "start_date",
        "end_date",
        "contract__is_permanent",
        "contract__permanent_from",
    )
    by_participant: dict[int, list[PeriodRow]] = {}
    for contract_id, participant_id, employer, start, end, permanent, permanent_from in rows:
        by_participant.setdefault(participant_id, []).append(
            PeriodRow(
                contract_id,
                participant_id,
                employer_key(employer),
                start,
                end,
                permanent_from if permanent else None,
            )
        )
    return by_participant


def fixed_terms(
    rows: Iterable[PeriodRow], employer_name: str, *, across_employers: bool = False
) -> list[Term]:
    """The fixed-term contracts with ``employer_name`` among ``rows`` (with
    ``across_employers``: with any employer)."""
    key = employer_key(employer_name)
    return sorted(
        Term(r.start, r.end)
        for r in rows
        if (across_employers or r.employer == key) and r.fixed_term
    )


def check_next(
    rows: Iterable[PeriodRow], employer_name: str, term: Term, rules: ChainRules = LEGAL_RULES
) -> ChainCheck:
    """The chain check of a proposed term with ``employer_name``."""
    terms = fixed_terms(rows, employer_name, across_employers=rules.across_employers)
    return check_renewal(terms, term, rules.limits)


def _ordinal(number: int) -> str:
    return _("%(n)se") % {"n": number}


def _values(check: ChainCheck) -> dict[str, object]:
    return {
        "nth": _ordinal(check.position),
        "start": _date(check.chain_start),
        "last": _date(check.last_fixed_day),
        "months": check.months,
        "max": check.limits.max_contracts,
        "max_months": check.limits.max_months,
        "from": _date(check.permanent_from or check.term.start),
    }


def chain_consequence(check: ChainCheck, *, new_contract: bool = False) -> str:
    """Which rule makes the proposed term permanent by law, and from which day
    (``check.makes_permanent``). ``new_contract``: the term is a new contract,
    not a renewal."""
    values = _values(check)
    if check.reason == ChainReason.COUNT:
        if new_contract:
            text = _(
                "Dit nieuwe contract wordt het %(nth)s contract voor bepaalde tijd op rij "
                "(keten sinds %(start)s). Meer dan %(max)s contracten maakt het contract van "
                "rechtswege vast, vanaf %(from)s."
            )
        else:
            text = _(
                "Deze verlenging wordt het %(nth)s contract voor bepaalde tijd op rij (keten "
                "sinds %(start)s). Meer dan %(max)s contracten maakt het contract van "
                "rechtswege vast, vanaf %(from)s."
            )
        return text % values
    if new_contract:
        text = _(
            "Met dit nieuwe contract duurt de keten langer dan %(max_months)s maanden (sinds "
            "%(start)s): het contract wordt van rechtswege vast vanaf %(from)s. Een contract "
            "tot en met %(last)s blijft binnen de keten."
        )
    else:
        text = _(
            "Met deze verlenging duurt de keten langer dan %(max_months)s maanden (sinds "
            "%(start)s): het contract wordt van rechtswege vast vanaf %(from)s. Een "
            "verlenging tot en met %(last)s blijft binnen de keten."
        )
    return text % values


def chain_confirm_label(check: ChainCheck | None) -> str:
    """The label of the confirmation a face asks for."""
    if check is None or check.permanent_from is None:
        return _("Ik begrijp dat dit contract door de ketenregeling vast wordt.")
    return _("Ik begrijp dat dit contract door de ketenregeling vast wordt vanaf %(from)s.") % {
        "from": _date(check.permanent_from)
    }


class PermanentByLawError(ValidationError):
    """A write the chain rule makes permanent, refused without confirmation.

    A ``ValidationError`` on :data:`CONFIRM_FIELD` with the code
    :data:`CHAIN_PERMANENT`; ``check`` is the chain check behind it.
    """

    def __init__(self, check: ChainCheck, *, new_contract: bool = False) -> None:
        message = (
            chain_consequence(check, new_contract=new_contract)
            + " "
            + _(
                "Bevestig dat het contract daarmee vast wordt om het zo vast te leggen: het "
                "telt dan vanaf %(from)s als contract voor onbepaalde tijd."
            )
            % {"from": _date(check.permanent_from or check.term.start)}
        )
        super().__init__({CONFIRM_FIELD: ValidationError(message, code=CHAIN_PERMANENT)})
        self.check = check


def permanent_fields(check: ChainCheck) -> dict[str, object]:
    """What a confirmed write stores on the contract: permanent by law from the day
    the chain rule says, and by which rule."""
    reason = (
        PermanentReason.CHAIN_COUNT
        if check.reason == ChainReason.COUNT
        else PermanentReason.CHAIN_DURATION
    )
    return {
        "is_permanent": True,
        "permanent_from": check.permanent_from,
        "permanent_reason": reason,
    }


def permanent_text(reason: str, permanent_from: dt.date, rules: ChainRules = LEGAL_RULES) -> str:
    """``Vast door de ketenregeling (4e contract) vanaf 01-01-2026.`` and the like."""
    values = {"from": _date(permanent_from)}
    if reason == PermanentReason.CHAIN_COUNT:
        values["nth"] = _ordinal(rules.limits.max_contracts + 1)
        return _("Vast door de ketenregeling (%(nth)s contract) vanaf %(from)s.") % values
    if reason == PermanentReason.CHAIN_DURATION:
        values["months"] = str(rules.limits.max_months)
        return _("Vast door de ketenregeling (na %(months)s maanden) vanaf %(from)s.") % values
    return _("Dit contract is vast vanaf %(date)s.") % {"date": values["from"]}


def chain_warning(check: ChainCheck) -> str:
    """What a proposed renewal does to the chain, in one or two sentences."""
    values = _values(check)
    if check.makes_permanent:
        return chain_consequence(check)
    if check.next_makes_permanent:
        return (
            _(
                "Deze verlenging wordt het %(nth)s contract op rij: de volgende verlenging "
                "maakt het contract van rechtswege vast."
            )
            % values
        )
    left = ngettext(
        "Daarna is nog %(n)s verlenging voor bepaalde tijd mogelijk",
        "Daarna zijn nog %(n)s verlengingen voor bepaalde tijd mogelijk",
        check.renewals_left,
    ) % {"n": check.renewals_left}
    return (
        _(
            "Deze verlenging wordt het %(nth)s contract op rij (keten sinds %(start)s, "
            "%(months)s maanden)."
        )
        % values
        + " "
        + left
        + " "
        + _("tot uiterlijk %(last)s.") % values
    )


def chain_summary(check: ChainCheck) -> str:
    """A few words for a list: what renewing does to the chain."""
    if check.reason == ChainReason.COUNT:
        return _("Verlengen maakt vast: %(nth)s contract op rij") % {
            "nth": _ordinal(check.position)
        }
    if check.reason == ChainReason.DURATION:
        return _("Verlengen maakt vast: keten langer dan %(months)s maanden") % {
            "months": check.limits.max_months
        }
    if check.next_makes_permanent:
        return _("Laatste verlenging: de volgende maakt vast")
    return ngettext(
        "%(nth)s contract op rij; daarna nog %(n)s verlenging",
        "%(nth)s contract op rij; daarna nog %(n)s verlengingen",
        check.renewals_left,
    ) % {"nth": _ordinal(check.position), "n": check.renewals_left}
