"""The chain rule and the notice deadline applied to recorded contracts, with the
Dutch texts the pages, the API and the services share.

The pure rules are in :mod:`basisbaan.calc.labour_law`. Here they meet the
database: which periods count as fixed-term contracts in a participant's
chain, and how a warning reads.

Which periods form a chain: every period of every contract of the same
participant with the same legal employer (names compared without case and
extra spaces) counts as one fixed-term contract, except periods of a
permanent contract from its ``permanent_from`` on. The law also continues a
chain across employers that succeed each other for the same work
(*opvolgend werkgeverschap*, art. 7:668a lid 2 BW); that needs judgement and is
not detected.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from basisbaan.calc.labour_law import ChainCheck, ChainReason, Term, check_renewal
from basisbaan.contracts.models import ContractPeriod

__all__ = [
    "PeriodRow",
    "chain_refusal",
    "chain_summary",
    "chain_warning",
    "employer_key",
    "fixed_terms",
    "participant_period_rows",
]


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


def fixed_terms(rows: Iterable[PeriodRow], employer_name: str) -> list[Term]:
    """The fixed-term contracts with ``employer_name`` among ``rows``."""
    key = employer_key(employer_name)
    return sorted(Term(r.start, r.end) for r in rows if r.employer == key and r.fixed_term)


def check_next(rows: Iterable[PeriodRow], employer_name: str, term: Term) -> ChainCheck:
    """The chain check of a proposed term with ``employer_name``."""
    return check_renewal(fixed_terms(rows, employer_name), term)


def _ordinal(number: int) -> str:
    return _("%(n)se") % {"n": number}


def chain_warning(check: ChainCheck) -> str:
    """What a proposed renewal does to the chain, in one or two sentences."""
    values = {
        "nth": _ordinal(check.position),
        "start": _date(check.chain_start),
        "last": _date(check.last_fixed_day),
        "months": check.months,
    }
    if check.reason == ChainReason.COUNT:
        values["from"] = _date(check.permanent_from or check.chain_start)
        return (
            _(
                "Deze verlenging wordt het %(nth)s contract voor bepaalde tijd op rij (keten "
                "sinds %(start)s). Meer dan 3 contracten maakt het contract van rechtswege vast, "
                "vanaf %(from)s."
            )
            % values
        )
    if check.reason == ChainReason.DURATION:
        values["from"] = _date(check.permanent_from or check.last_fixed_day)
        return (
            _(
                "Met deze verlenging duurt de keten langer dan 36 maanden (sinds %(start)s): "
                "het contract wordt van rechtswege vast vanaf %(from)s. Een verlenging tot en "
                "met %(last)s blijft binnen de keten."
            )
            % values
        )
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
        return _("Verlengen maakt vast: keten langer dan 36 maanden")
    if check.next_makes_permanent:
        return _("Laatste verlenging: de volgende maakt vast")
    return ngettext(
        "%(nth)s contract op rij; daarna nog %(n)s verlenging",
        "%(nth)s contract op rij; daarna nog %(n)s verlengingen",
        check.renewals_left,
    ) % {"nth": _ordinal(check.position), "n": check.renewals_left}


def chain_refusal(check: ChainCheck) -> str:
    """Why a fixed-term renewal is refused, and what to choose instead."""
    advice = _("Kies ‘Vast contract’ of ‘Niet verlengen’")
    if check.reason == ChainReason.DURATION and check.term.start <= check.last_fixed_day:
        advice += _(", of laat de verlenging uiterlijk op %(last)s eindigen") % {
            "last": _date(check.last_fixed_day)
        }
    return f"{chain_warning(check)} {advice}."
