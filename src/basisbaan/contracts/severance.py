"""What ending a recorded contract costs: the transition payment and the
late-notice compensation, read from the database.

The rules and the arithmetic are in :mod:`basisbaan.calc.severance`; here
they meet the recorded contracts:

- **Monthly wage** (:func:`monthly_wage_for_severance`): the hourly wage in
  force on the day (the period's wage, or its last wage line from on or before
  that day) × hours per week × 52/12, rounded half up to a cent, as the cost
  model does. For the transition payment plus the holiday allowance (the
  ``holiday_allowance`` parameter on that day, rounded half up on its own, as
  the cost model does); for the late-notice compensation without it (the wage
  "in geld vastgesteld").
- **Service** (:func:`service_terms`): every period of the participant's
  contracts with the same legal employer (every employer when the programme's
  ``chain_across_employers`` is on) that follow each other with
  interruptions of at most six months (art. 7:673 lid 4 BW), walking back from
  the end of employment.
- **What is booked** (:func:`severance_costs`): one-off costs of recorded
  facts only. A transition payment on the last day of employment when the
  employment ended (the last period's decision is *not renew*, or an end
  reason is recorded) for a reason that does not exclude it. A late-notice
  compensation on the period's end day when a fixed-term period of six months
  or more was noticed late, or not at all: the period ended without a decision
  or notice, or its decision was recorded without a notice date and the
  deadline has passed (until then the notice can still be given in time).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final, NamedTuple

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from basisbaan.calc.dated import DatedSeries
from basisbaan.calc.labour_law import chain_continues, notice_deadline
from basisbaan.calc.severance import (
    ServiceLength,
    late_notice_compensation,
    service_length,
    transition_payment,
)
from basisbaan.contracts.chains import employer_key
from basisbaan.contracts.constants import NO_TRANSITION_PAYMENT, Decision, EndReason
from basisbaan.contracts.models import Contract, ContractPeriod, ContractWageLine, RenewalDecision
from basisbaan.contracts.selectors import contract_settings_of
from basisbaan.core.money import format_euro
from basisbaan.parameters.constants import ParameterKey
from basisbaan.parameters.selectors import parameter_series
from basisbaan.tenancy.models import Municipality

__all__ = [
    "DelayCost",
    "LateNoticeView",
    "SeveranceCost",
    "SeveranceKind",
    "TransitionPaymentView",
    "NoticeRow",
    "SeveranceOverview",
    "WageRow",
    "contract_notices",
    "contract_severance",
    "delay_costs",
    "gross_monthly_wage",
    "late_notice_of",
    "late_notice_warning",
    "monthly_wage_for_severance",
    "service_terms",
    "severance_costs",
    "transition_payment_of",
    "wage_rows",
]

CENT: Final = Decimal("0.01")
WEEKS_PER_YEAR: Final = 52
MONTHS_PER_YEAR: Final = 12
K = ParameterKey
Span = tuple[dt.date, dt.date]


def _cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, ROUND_HALF_UP)


def _date(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def _euro(amount: Decimal) -> str:
    return format_euro(
        amount,
        decimal_sep=str(formats.get_format("DECIMAL_SEPARATOR")),
        thousand_sep=str(formats.get_format("THOUSAND_SEPARATOR")),
    )


# --- the monthly wage -----------------------------------------------------------------------


def gross_monthly_wage(hourly_wage: Decimal, hours_per_week: Decimal) -> Decimal:
    """``hourly × hours × 52 / 12``, rounded half up to a cent once (the cost model's rule).

    >>> gross_monthly_wage(Decimal("14.71"), Decimal("32"))
    Decimal('2039.79')
    """
    return _cents(hourly_wage * hours_per_week * WEEKS_PER_YEAR / MONTHS_PER_YEAR)


@dataclass(frozen=True, slots=True)
class WageRow:
    """What the severance wage needs of a period: its wage, hours and dated wage lines."""

    hourly_wage: Decimal
    hours_per_week: Decimal
    lines: tuple[tuple[dt.date, Decimal], ...] = ()

    def hourly_on(self, day: dt.date) -> Decimal:
        """The hourly wage in force on ``day``: the last wage line from on or before it."""
        wage = self.hourly_wage
        for start, value in sorted(self.lines):
            if start <= day:
                wage = value
        return wage


def wage_rows(periods: Iterable[ContractPeriod]) -> dict[int, WageRow]:
    """The wage rows of ``periods`` by period id, with their wage lines: one query."""
    found = {p.pk: p for p in periods}
    lines: dict[int, list[tuple[dt.date, Decimal]]] = {}
    if found:
        for period_id, start, wage in ContractWageLine.objects.filter(
            period_id__in=list(found)
        ).values_list("period_id", "start_date", "hourly_wage"):
            lines.setdefault(period_id, []).append((start, wage))
    return {
        pk: WageRow(p.hourly_wage, p.hours_per_week, tuple(sorted(lines.get(pk, ()))))
        for pk, p in found.items()
    }


def _holiday_rate(day: dt.date, series: DatedSeries | None = None) -> Decimal:
    return (series or parameter_series(K.HOLIDAY_ALLOWANCE)).at(day).value


def monthly_wage_for_severance(
    period_or_wage_row: ContractPeriod | WageRow,
    day: dt.date | None = None,
    *,
    holiday: bool = True,
    holiday_rate: Decimal | None = None,
) -> Decimal:
    """The monthly wage on ``day`` (default: the period's end day), in euros.

    ``holiday``: plus the holiday allowance (the transition payment's wage);
    without it, the wage fixed in money (the late-notice compensation's).
    ``holiday_rate`` saves the parameter lookup.
    """
    if isinstance(period_or_wage_row, WageRow):
        row = period_or_wage_row
        if day is None:
            raise ValueError("A wage row needs the day.")
    else:
        row = wage_rows([period_or_wage_row])[period_or_wage_row.pk]
        day = day or period_or_wage_row.end_date
    gross = gross_monthly_wage(row.hourly_on(day), row.hours_per_week)
    if not holiday:
        return gross
    rate = holiday_rate if holiday_rate is not None else _holiday_rate(day)
    return gross + _cents(gross * rate)


# --- service --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Term:
    employer: str  # employer_key
    start: dt.date
    end: dt.date
    contract_id: int


def _terms_back_from(terms: Iterable[_Term], anchor: Span, end: dt.date) -> list[Span]:
    """The terms that continue the run ending with ``anchor`` (clipped at ``end``), oldest first.

    By end, latest first: a term joins when the run's start lies at most six
    months after it (:func:`~basisbaan.calc.labour_law.chain_continues`; an
    overlap joins too). A term that does not join cannot join later either:
    every later candidate ends earlier.
    """
    clipped = sorted(
        ((t.start, min(t.end, end)) for t in terms if t.start <= end),
        key=lambda span: span[1],
        reverse=True,
    )
    first = (anchor[0], min(anchor[1], end))
    run_start, chosen = first[0], [first]
    for start, stop in clipped:
        if chain_continues(stop, run_start):
            chosen.append((start, stop))
            run_start = min(run_start, start)
    return sorted(set(chosen))


def _anchor(periods: Sequence[Span], end: dt.date) -> Span:
    """The contract's period that holds ``end`` (or the last one starting on or before it)."""
    started = [p for p in periods if p[0] <= end] or list(periods[:1])
    return started[-1]


def _matching(terms: Iterable[_Term], employer: str, across: bool) -> list[_Term]:
    return [t for t in terms if across or t.employer == employer]


def service_terms(contract: Contract, *, end: dt.date | None = None) -> list[Span]:
    """The terms (start, end inclusive) that count for the transition payment of
    ``contract`` ending on ``end`` (default: its last period's end), oldest first."""
    periods = [(p.start_date, p.end_date) for p in contract.periods.all()]
    if not periods:
        return []
    end = end or periods[-1][1]
    across = contract_settings_of(contract.participant.programme).chain_across_employers
    rows = ContractPeriod.objects.filter(
        municipality_id=contract.municipality_id, contract__participant_id=contract.participant_id
    ).values_list("contract__employer_name", "start_date", "end_date", "contract_id")
    terms = [_Term(employer_key(name), s, e, c) for name, s, e, c in rows]
    mine = _matching(terms, employer_key(contract.employer_name), across)
    return _terms_back_from(mine, _anchor(periods, end), end)


# --- the transition payment -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TransitionPaymentView:
    """The transition payment of one contract, due or what it would be.

    ``prospective``: employment has not ended (no end reason, no decision not
    to renew): the amount is what would be due if it ended on ``end`` (the
    last period's end; a permanent contract: the programme's end).
    """

    due: bool
    prospective: bool
    amount: Decimal
    monthly_wage: Decimal  # incl. holiday allowance
    service: ServiceLength
    cap: Decimal  # max(yearly maximum, 12 × monthly wage)
    cap_source: str
    cap_assumed: bool
    end: dt.date
    reason: str  # an EndReason value, or "" when employment has not ended
    why_not: str
    terms: tuple[Span, ...] = ()

    @property
    def years(self) -> int:
        return self.service.months // MONTHS_PER_YEAR

    @property
    def months(self) -> int:
        return self.service.months % MONTHS_PER_YEAR

    @property
    def days(self) -> int:
        return self.service.days

    @property
    def service_text(self) -> str:
        """``2 jaar, 3 maanden en 5 dagen``."""
        parts = [
            ngettext("%(n)s jaar", "%(n)s jaar", self.years) % {"n": self.years},
            ngettext("%(n)s maand", "%(n)s maanden", self.months) % {"n": self.months},
            ngettext("%(n)s dag", "%(n)s dagen", self.days) % {"n": self.days},
        ]
        return _("%(years)s, %(months)s en %(days)s") % {
            "years": parts[0],
            "months": parts[1],
            "days": parts[2],
        }

    @property
    def capped(self) -> bool:
        return self.amount == _cents(self.cap)

    @property
    def reason_label(self) -> str:
        return str(EndReason(self.reason).label) if self.reason else ""


def _decision_of(period: ContractPeriod) -> RenewalDecision | None:
    try:
        return period.decision
    except RenewalDecision.DoesNotExist:
        return None


def _end_reason(end_reason: str, last_decision: str | None) -> str:
    """The recorded reason; a decision not to renew ends employment as *not renewed*."""
    if end_reason:
        return end_reason
    return EndReason.NOT_RENEWED if last_decision == Decision.NOT_RENEW else ""


def _payment(
    row: WageRow, day: dt.date, terms: Sequence[Span], holiday: DatedSeries, maximum: DatedSeries
) -> tuple[Decimal, Decimal, ServiceLength, Decimal, str, bool]:
    """Amount, monthly wage, service, cap and the cap's source and assumption flag."""
    wage = monthly_wage_for_severance(row, day, holiday_rate=holiday.at(day).value)
    service = service_length(terms)
    yearly = maximum.at(day)
    annual = wage * MONTHS_PER_YEAR
    amount = transition_payment(
        monthly_wage=wage, service=service, yearly_max=yearly.value, annual_salary=annual
    )
    return amount, wage, service, max(yearly.value, annual), yearly.source, yearly.assumed


def _why_not(reason: str, prospective: bool, permanent: bool, end: dt.date) -> str:
    if reason in NO_TRANSITION_PAYMENT:
        return _("Niet verschuldigd bij deze reden van einde: %(reason)s.") % {
            "reason": EndReason(reason).label
        }
    if not prospective:
        return ""
    if permanent:
        return _(
            "Vast contract: dit bedrag is verschuldigd als het dienstverband eindigt op het "
            "einde van het programma (%(end)s)."
        ) % {"end": _date(end)}
    return _(
        "Het contract loopt nog: dit bedrag is verschuldigd als het op %(end)s eindigt "
        "zonder verlenging."
    ) % {"end": _date(end)}


def transition_payment_of(
    contract: Contract, *, end: dt.date | None = None, reason: str | None = None
) -> TransitionPaymentView | None:
    """The transition payment of ``contract`` (its periods and their decisions
    prefetched, as ``contract_list`` does). None without periods, or when the
    parameters for the end day are missing.

    ``reason`` overrides the recorded end reason; ``end`` the end of employment.
    """
    periods = list(contract.periods.all())
    if not periods:
        return None
    last = periods[-1]
    decision = _decision_of(last)
    settled = reason or _end_reason(contract.end_reason, decision.decision if decision else None)
    prospective = not settled
    programme_end = contract.participant.programme.end_date
    if end is None:
        permanent_run = contract.is_permanent and prospective
        end = programme_end if permanent_run and programme_end >= periods[0].start_date else None
        end = end or last.end_date
    spans = [(p.start_date, p.end_date) for p in periods]
    anchor = _anchor(spans, end)
    period = next(p for p in periods if (p.start_date, p.end_date) == anchor)
    try:
        holiday = parameter_series(K.HOLIDAY_ALLOWANCE)
        maximum = parameter_series(K.TRANSITION_PAYMENT_MAX)
        terms = service_terms(contract, end=end)
        row = wage_rows([period])[period.pk]
        amount, wage, service, cap, source, assumed = _payment(row, end, terms, holiday, maximum)
    except LookupError:
        return None
    return TransitionPaymentView(
        due=not prospective and settled not in NO_TRANSITION_PAYMENT,
        prospective=prospective,
        amount=amount,
        monthly_wage=wage,
        service=service,
        cap=cap,
        cap_source=source,
        cap_assumed=assumed,
        end=end,
        reason=settled,
        why_not=_why_not(settled, prospective, contract.is_permanent, end),
        terms=tuple(terms),
    )


# --- the late-notice compensation -----------------------------------------------------------


def _fixed_term(start: dt.date, permanent: bool, permanent_from: dt.date | None) -> bool:
    return not permanent or permanent_from is None or start < permanent_from


def _owed(
    *,
    wage: Decimal,
    deadline: dt.date,
    end: dt.date,
    notice: dt.date | None,
    decided: bool,
    today: dt.date,
) -> Decimal | None:
    """The compensation the recorded facts fix, or None while the notice is still open.

    Notice recorded: pro rata for the days late (0.00 on time). No notice: a
    whole month once the deadline passed with the decision recorded, or the
    period ended without a decision.
    """
    if notice is not None or (decided and deadline < today) or (not decided and end < today):
        return late_notice_compensation(
            monthly_wage=wage, deadline=deadline, end=end, notice_on=notice
        )
    return None


@dataclass(frozen=True, slots=True)
class LateNoticeView:
    """The notice of one fixed-term period of six months or more."""

    period: ContractPeriod
    deadline: dt.date
    notice_sent_on: dt.date | None
    monthly_wage: Decimal  # without holiday allowance
    month_days: int  # the notice month: days from the deadline to the end
    owed: Decimal | None  # fixed by the recorded facts; None while the notice is open

    @property
    def days_late(self) -> int | None:
        if self.notice_sent_on is None:
            return None
        return min(max((self.notice_sent_on - self.deadline).days, 0), self.month_days)

    @property
    def late(self) -> bool:
        return bool(self.owed)

    @property
    def per_day(self) -> Decimal:
        """One day's delay, rounded (the amount itself is rounded once, over all days late)."""
        return _cents(self.monthly_wage / self.month_days) if self.month_days > 0 else CENT * 0

    @property
    def full_month(self) -> Decimal:
        return self.monthly_wage


def _late_notice(
    period: ContractPeriod, row: WageRow, decision: RenewalDecision | None, today: dt.date
) -> LateNoticeView | None:
    contract = period.contract
    deadline = notice_deadline(period.start_date, period.end_date)
    if deadline is None or not _fixed_term(
        period.start_date, contract.is_permanent, contract.permanent_from
    ):
        return None
    notice = decision.notice_sent_on if decision is not None else None
    wage = monthly_wage_for_severance(row, period.end_date, holiday=False)
    owed = _owed(
        wage=wage,
        deadline=deadline,
        end=period.end_date,
        notice=notice,
        decided=decision is not None,
        today=today,
    )
    return LateNoticeView(
        period=period,
        deadline=deadline,
        notice_sent_on=notice,
        monthly_wage=wage,
        month_days=(period.end_date - deadline).days,
        owed=owed,
    )


def late_notice_of(
    period: ContractPeriod, *, today: dt.date, row: WageRow | None = None
) -> LateNoticeView | None:
    """The notice of ``period``: deadline, notice date, days late and the
    compensation; None when the law asks no notice (shorter than six months, or
    a period of a permanent contract)."""
    row = row or wage_rows([period])[period.pk]
    return _late_notice(period, row, _decision_of(period), today)


def late_notice_warning(period: ContractPeriod, *, today: dt.date) -> tuple[str, Decimal | None]:
    """The warning after a notice is recorded late, with the amount now owed
    (what :func:`severance_costs` books); ``("", None)`` when it was in time.

    Reads the period again: the decision and its notice as now stored."""
    period = ContractPeriod.objects.select_related("contract", "decision").get(pk=period.pk)
    view = late_notice_of(period, today=today)
    if view is None or not view.late or view.owed is None:
        return "", None
    text = _(
        "Te laat aangezegd: aanzegvergoeding %(amount)s (%(days)s dagen na de uiterste "
        "aanzegdatum %(deadline)s)."
    ) % {
        "amount": _euro(view.owed),
        "days": view.days_late,
        "deadline": _date(view.deadline),
    }
    return text, view.owed


@dataclass(frozen=True, slots=True)
class DelayCost:
    """What a later notice would cost, for a period whose notice is still open."""

    deadline: dt.date
    monthly_wage: Decimal  # the compensation if no notice is given at all
    month_days: int
    days_late: int  # days past the deadline today (0 before it)
    so_far: Decimal  # the compensation if the notice went out today

    @property
    def per_day(self) -> Decimal:
        return _cents(self.monthly_wage / self.month_days) if self.month_days > 0 else CENT * 0


def delay_costs(periods: Sequence[ContractPeriod], *, today: dt.date) -> dict[int, DelayCost]:
    """Per period id, what delaying the notice costs (periods that owe notice): one query."""
    rows = wage_rows(periods)
    found: dict[int, DelayCost] = {}
    for period in periods:
        deadline = notice_deadline(period.start_date, period.end_date)
        contract = period.contract
        if deadline is None or not _fixed_term(
            period.start_date, contract.is_permanent, contract.permanent_from
        ):
            continue
        wage = monthly_wage_for_severance(rows[period.pk], period.end_date, holiday=False)
        notice_on = max(today, deadline)
        found[period.pk] = DelayCost(
            deadline=deadline,
            monthly_wage=wage,
            month_days=(period.end_date - deadline).days,
            days_late=(notice_on - deadline).days,
            so_far=late_notice_compensation(
                monthly_wage=wage, deadline=deadline, end=period.end_date, notice_on=notice_on
            ),
        )
    return found


# --- the booked costs -----------------------------------------------------------------------


class SeveranceKind(StrEnum):
    TRANSITION_PAYMENT = "transition_payment"
    LATE_NOTICE = "late_notice"


@dataclass(frozen=True, slots=True)
class SeveranceCost:
    """A one-off cost of ending (a period of) a contract, booked on ``day``."""

    contract_id: int
    participant_id: int
    period_id: int
    day: dt.date
    kind: SeveranceKind
    amount: Decimal


_PERIOD_FIELDS: Final = (
    "id",
    "contract_id",
    "contract__participant_id",
    "contract__employer_name",
    "contract__end_reason",
    "contract__is_permanent",
    "contract__permanent_from",
    "contract__participant__programme__contract_settings__chain_across_employers",
    "start_date",
    "end_date",
    "hours_per_week",
    "hourly_wage",
    "decision__decision",
    "decision__notice_sent_on",
    "is_last",
)


class _Row(NamedTuple):  # a tuple: made for every period in the window
    id: int
    contract_id: int
    participant_id: int
    employer: str
    end_reason: str
    permanent: bool
    permanent_from: dt.date | None
    across: bool | None
    start: dt.date
    end: dt.date
    hours: Decimal
    wage: Decimal
    decision: str | None
    notice: dt.date | None
    is_last: bool


def _ending_periods(
    municipality: Municipality,
    start: dt.date,
    end: dt.date,
    programme_ids: Iterable[int] | None,
    contract_ids: Iterable[int] | None,
) -> QuerySet[ContractPeriod]:
    later = ContractPeriod.objects.filter(
        contract_id=OuterRef("contract_id"), sequence__gt=OuterRef("sequence")
    )
    periods = ContractPeriod.objects.filter(
        municipality=municipality, end_date__gte=start, end_date__lte=end
    ).annotate(is_last=~Exists(later))
    if programme_ids is not None:
        periods = periods.filter(contract__participant__programme_id__in=list(programme_ids))
    if contract_ids is not None:
        periods = periods.filter(contract_id__in=list(contract_ids))
    return periods


def _ends_employment(row: _Row) -> bool:
    reason = _end_reason(row.end_reason, row.decision)
    return row.is_last and bool(reason) and reason not in NO_TRANSITION_PAYMENT


def _lines_of(periods: QuerySet[ContractPeriod]) -> dict[int, list[tuple[dt.date, Decimal]]]:
    lines: dict[int, list[tuple[dt.date, Decimal]]] = {}
    for period_id, day, wage in ContractWageLine.objects.filter(
        period_id__in=periods.values("id")
    ).values_list("period_id", "start_date", "hourly_wage"):
        lines.setdefault(period_id, []).append((day, wage))
    return lines


def _terms_of(
    municipality: Municipality, periods: QuerySet[ContractPeriod]
) -> dict[int, list[_Term]]:
    """Every period of the participants of ``periods`` (a sub-query, not a list of ids)."""
    rows = ContractPeriod.objects.filter(
        municipality=municipality,
        contract__participant_id__in=periods.values("contract__participant_id"),
    ).values_list(
        "contract__participant_id",
        "contract__employer_name",
        "start_date",
        "end_date",
        "contract_id",
    )
    terms: dict[int, list[_Term]] = {}
    for participant_id, name, start, stop, contract_id in rows:
        terms.setdefault(participant_id, []).append(
            _Term(employer_key(name), start, stop, contract_id)
        )
    return terms


def severance_costs(
    municipality: Municipality,
    *,
    start: dt.date,
    end: dt.date,
    today: dt.date,
    programme_ids: Iterable[int] | None = None,
    contract_ids: Iterable[int] | None = None,
) -> list[SeveranceCost]:
    """The transition payments and late-notice compensations of recorded facts
    booked on a day in ``start..end`` (see the module docstring), by day.

    ``today`` decides whether a notice is still open. At most five queries,
    however many contracts: the periods ending in the window, their wage
    lines, the periods of the participants whose employment ended, and two
    parameter series.
    """
    periods = _ending_periods(municipality, start, end, programme_ids, contract_ids)
    rows = [_Row._make(values) for values in periods.values_list(*_PERIOD_FIELDS)]
    rows = [
        r
        for r in rows
        if _ends_employment(r)
        or (
            _deadline(r.start, r.end) is not None
            and _fixed_term(r.start, r.permanent, r.permanent_from)
        )
    ]
    if not rows:
        return []
    lines = _lines_of(periods)
    ending = [r for r in rows if _ends_employment(r)]
    terms = _terms_of(municipality, periods) if ending else {}
    holiday = parameter_series(K.HOLIDAY_ALLOWANCE) if ending else None
    maximum = parameter_series(K.TRANSITION_PAYMENT_MAX) if ending else None
    costs: list[SeveranceCost] = []
    for r in rows:
        wage_row = WageRow(r.wage, r.hours, tuple(sorted(lines.get(r.id, ()))))
        costs.extend(_late_cost(r, wage_row, today))
        if holiday is not None and maximum is not None and _ends_employment(r):
            costs.extend(
                _transition_cost(r, wage_row, terms.get(r.participant_id, []), holiday, maximum)
            )
    costs.sort(key=lambda c: (c.day, c.contract_id, c.period_id, c.kind))
    return costs


# Many periods share their first and last day: the deadline once per pair of days.
_deadline = functools.lru_cache(maxsize=1 << 16)(notice_deadline)


def _late_cost(r: _Row, wage_row: WageRow, today: dt.date) -> list[SeveranceCost]:
    deadline = _deadline(r.start, r.end)
    if deadline is None or not _fixed_term(r.start, r.permanent, r.permanent_from):
        return []
    if not _may_owe(r, deadline, today):
        return []
    owed = _owed(
        wage=monthly_wage_for_severance(wage_row, r.end, holiday=False),
        deadline=deadline,
        end=r.end,
        notice=r.notice,
        decided=r.decision is not None,
        today=today,
    )
    if not owed:
        return []
    return [
        SeveranceCost(r.contract_id, r.participant_id, r.id, r.end, SeveranceKind.LATE_NOTICE, owed)
    ]


def _may_owe(r: _Row, deadline: dt.date, today: dt.date) -> bool:
    """Whether :func:`_owed` can be more than nothing, whatever the wage: the facts
    fix a compensation and the notice was late (the wage is only read then)."""
    decided = r.decision is not None
    if not (
        r.notice is not None or (decided and deadline < today) or (not decided and r.end < today)
    ):
        return False
    month_days = (r.end - deadline).days
    days_late = month_days if r.notice is None else (r.notice - deadline).days
    return month_days > 0 and min(max(days_late, 0), month_days) > 0


def _transition_cost(
    r: _Row, wage_row: WageRow, terms: list[_Term], holiday: DatedSeries, maximum: DatedSeries
) -> list[SeveranceCost]:
    matching = _matching(terms, employer_key(r.employer), bool(r.across))
    spans = _terms_back_from(matching, (r.start, r.end), r.end)
    try:
        amount = _payment(wage_row, r.end, spans, holiday, maximum)[0]
    except LookupError:
        return []
    if not amount:
        return []
    kind = SeveranceKind.TRANSITION_PAYMENT
    return [SeveranceCost(r.contract_id, r.participant_id, r.id, r.end, kind, amount)]


# --- the contract page ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NoticeRow:
    """One period on the contract page: its notice (None: the law asks none)."""

    period: ContractPeriod
    notice: LateNoticeView | None
    decided: bool

    @property
    def label(self) -> str:
        if self.period.sequence == 1:
            return _("Eerste contract")
        return _("Verlenging %(n)s") % {"n": self.period.sequence - 1}


@dataclass(frozen=True, slots=True)
class SeveranceOverview:
    """The contract page's section on the end of employment."""

    transition: TransitionPaymentView | None
    notices: list[NoticeRow]

    @property
    def owed_late_notice(self) -> Decimal:
        return sum(
            (row.notice.owed for row in self.notices if row.notice and row.notice.owed),
            Decimal("0.00"),
        )


def contract_severance(contract: Contract, *, today: dt.date) -> SeveranceOverview:
    """The transition payment and the notice of every period of ``contract`` (its
    periods and decisions prefetched, as ``contract_list`` does)."""
    return SeveranceOverview(
        transition=transition_payment_of(contract), notices=contract_notices(contract, today=today)
    )


def contract_notices(contract: Contract, *, today: dt.date) -> list[NoticeRow]:
    """Every period of ``contract`` with its notice (periods prefetched): one query."""
    periods = list(contract.periods.all())
    rows = wage_rows(periods)
    notices = []
    for period in periods:
        decision = _decision_of(period)
        view = _late_notice(period, rows[period.pk], decision, today)
        notices.append(NoticeRow(period, view, decision is not None))
    return notices
