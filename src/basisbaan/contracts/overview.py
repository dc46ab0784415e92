"""Everything the contract page says about one contract, read in a fixed number
of queries: its periods with decisions, minimum-wage flags, notice deadlines
and the chain rule; the decision that is pending; the wage value and the
wage-cost subsidy (LKS) with the wage costs per month of the current period.

The LKS per month is :func:`basisbaan.calc.subsidy.lks_month` on the cost
model's inputs for the month (the person's minimum wage, the measured wage
value in force, holiday allowance, cap and employer-charges allowance), so
the page shows what the budget counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from basisbaan.calc.costs import compute_costs, month_cost_of
from basisbaan.calc.dates import add_days, bounded_span, period_end
from basisbaan.calc.fixed import PPM, TENTHS, euros
from basisbaan.calc.labour_law import (
    ChainCheck,
    ChainReason,
    MinimumWageTable,
    Term,
    chain_status,
    notice_deadline,
)
from basisbaan.calc.subsidy import lks_month
from basisbaan.contracts.chains import (
    ChainRules,
    PeriodRow,
    chain_rules_of,
    chain_warning,
    check_next,
    fixed_terms,
    participant_period_rows,
    permanent_text,
)
from basisbaan.contracts.constants import DEFAULT_HORIZON_WEEKS, Decision, PermanentReason
from basisbaan.contracts.models import (
    Contract,
    ContractPeriod,
    RenewalDecision,
    WageValueMeasurement,
)
from basisbaan.contracts.selectors import (
    WageFlag,
    minimum_wage_table,
    period_wage_flag,
    wage_value_list,
    wage_value_on,
)
from basisbaan.costs.inputs import build_cost_inputs

__all__ = ["Alert", "ContractOverview", "CostMonth", "PeriodView", "contract_overview"]


def _date(day: dt.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


@dataclass(frozen=True, slots=True)
class Alert:
    level: str  # "error", "warning" or "info" (the bb-alert modifiers)
    title: str
    text: str


@dataclass(frozen=True, slots=True)
class PeriodView:
    period: ContractPeriod
    decision: RenewalDecision | None
    notice_deadline: dt.date | None
    wage_flag: WageFlag | None
    permanent_by_law: ChainCheck | None  # this period made the chain permanent by law
    is_current: bool

    @property
    def label(self) -> str:
        if self.period.sequence == 1:
            return _("Eerste contract")
        return _("Verlenging %(n)s") % {"n": self.period.sequence - 1}


@dataclass(frozen=True, slots=True)
class CostMonth:
    """One calendar month of the current period, in euros."""

    month: dt.date  # the first of the month
    days: int
    days_in_month: int
    gross: Decimal
    holiday_allowance: Decimal
    employer_charges: Decimal
    wage_costs: Decimal  # the three above
    minimum_wage: Decimal | None  # the person's hourly minimum (with LKS only)
    wage_value: Decimal | None  # percentage in force (with LKS only)
    lks: Decimal | None
    assumed: bool
    first_day: dt.date | None = None  # the days the row covers: a month is cut where the
    last_day: dt.date | None = None  # wage, the minimum wage or the wage value changes
    hourly_wage: Decimal | None = None

    @property
    def partial(self) -> bool:
        return self.days != self.days_in_month


@dataclass(slots=True)
class ContractOverview:
    contract: Contract
    periods: list[PeriodView]
    alerts: list[Alert] = field(default_factory=list)
    pending: PeriodView | None = None  # the last period, awaiting a decision
    pending_check: ChainCheck | None = None  # the chain rule on a default renewal
    pending_days_left: int | None = None
    measurements: list[WageValueMeasurement] = field(default_factory=list)
    wage_value: WageValueMeasurement | None = None  # in force today
    cost_period: ContractPeriod | None = None
    cost_months: list[CostMonth] = field(default_factory=list)
    cost_error: str = ""
    chain_permanent_text: str = ""  # permanent by the chain rule: which rule, from when

    @property
    def pending_chain_text(self) -> str:
        return chain_warning(self.pending_check) if self.pending_check else ""

    @property
    def decided(self) -> list[PeriodView]:
        return [view for view in self.periods if view.decision is not None]

    @property
    def any_assumed(self) -> bool:
        return any(m.assumed for m in self.cost_months)


def _current(periods: list[ContractPeriod], today: dt.date) -> ContractPeriod | None:
    """The period running today, else the next one, else the last one."""
    for period in periods:
        if period.start_date <= today <= period.end_date:
            return period
    upcoming = [p for p in periods if p.start_date > today]
    return upcoming[0] if upcoming else (periods[-1] if periods else None)


def _decision_of(period: ContractPeriod) -> RenewalDecision | None:
    try:
        return period.decision
    except RenewalDecision.DoesNotExist:
        return None


def _law_checks(
    contract: Contract, periods: list[ContractPeriod], rows: list[PeriodRow], rules: ChainRules
) -> dict[int, ChainCheck]:
    """Per period id: the chain check of the period that made the chain permanent by law."""
    terms = fixed_terms(rows, contract.employer_name, across_employers=rules.across_employers)
    tripped = {
        s.term: s.check for s in chain_status(terms, rules.limits) if s.check.makes_permanent
    }
    found: dict[int, ChainCheck] = {}
    for period in periods:
        check = tripped.get(Term(period.start_date, period.end_date))
        if check is not None:
            found[period.pk] = check
    return found


def _period_views(
    contract: Contract,
    periods: list[ContractPeriod],
    rows: list[PeriodRow],
    today: dt.date,
    rules: ChainRules,
    table: MinimumWageTable,
) -> list[PeriodView]:
    law = {} if contract.is_permanent else _law_checks(contract, periods, rows, rules)
    current = _current(periods, today)
    return [
        PeriodView(
            period=period,
            decision=_decision_of(period),
            notice_deadline=notice_deadline(period.start_date, period.end_date),
            wage_flag=period_wage_flag(period, contract.participant, table),
            permanent_by_law=law.get(period.pk),
            is_current=period is current,
        )
        for period in periods
    ]


def _wage_alerts(views: list[PeriodView]) -> list[Alert]:
    alerts = []
    for view in views:
        if view.wage_flag is None:
            continue
        level = "warning" if view.wage_flag.assumed else "error"
        title = _("Uurloon onder het minimumloon: %(period)s") % {"period": view.label}
        alerts.append(Alert(level, title, view.wage_flag.message))
    return alerts


def _law_alerts(views: list[PeriodView]) -> list[Alert]:
    for view in views:
        check = view.permanent_by_law
        if check is None:
            continue
        if check.reason == ChainReason.COUNT:
            why = _("het is het %(n)se contract voor bepaalde tijd op rij") % {"n": check.position}
        else:
            why = _("de keten sinds %(start)s duurt langer dan %(months)s maanden") % {
                "start": _date(check.chain_start),
                "months": check.limits.max_months,
            }
        text = _(
            "Volgens de ketenregeling is dit contract van rechtswege een contract voor "
            "onbepaalde tijd vanaf %(from)s: %(why)s. Leg dat vast met het besluit ‘vast "
            "contract’ of vraag juridisch advies."
        ) % {"from": _date(check.permanent_from or check.chain_start), "why": why}
        return [Alert("error", _("Van rechtswege vast (ketenregeling)"), text)]
    return []


def _pending_alert(overview: ContractOverview, today: dt.date) -> Alert | None:
    pending = overview.pending
    if pending is None or overview.pending_check is None:
        return None
    end = pending.period.end_date
    deadline = pending.notice_deadline
    if deadline is not None:
        text = _(
            "De periode eindigt op %(end)s. Aanzeggen (schriftelijk laten weten of het contract "
            "wordt verlengd) uiterlijk op %(deadline)s."
        ) % {"end": _date(end), "deadline": _date(deadline)}
    else:
        text = _(
            "De periode eindigt op %(end)s. De periode is korter dan zes maanden: de wet vraagt "
            "geen aanzegging, maar de deelnemer hoort het besluit op tijd."
        ) % {"end": _date(end)}
    text += " " + overview.pending_chain_text
    if overview.pending_check.makes_permanent:
        text += " " + _(
            "Verlengen kan alleen met de bevestiging dat het contract daarmee vast wordt; of "
            "kies ‘Vast contract’ of ‘Niet verlengen’."
        )
    days_left = overview.pending_days_left or 0
    if end < today:
        level, title = "error", _("Periode verlopen zonder besluit")
    elif deadline is not None and deadline < today:
        level, title = "error", _("Aanzegtermijn verstreken: besluit over verlenging nodig")
    elif days_left <= DEFAULT_HORIZON_WEEKS * 7 or overview.pending_check.makes_permanent:
        level, title = "warning", _("Besluit over verlenging nodig")
    else:
        level, title = "info", _("Volgende besluit over verlenging")
    return Alert(level, title, text)


def _status_alerts(contract: Contract, views: list[PeriodView], rules: ChainRules) -> list[Alert]:
    if contract.is_permanent and contract.permanent_from is not None:
        text = permanent_text(contract.permanent_reason, contract.permanent_from, rules)
        return [Alert("info", _("Vast contract"), text)]
    last = views[-1] if views else None
    if last is not None and last.decision and last.decision.decision == Decision.NOT_RENEW:
        return [
            Alert(
                "info",
                _("Niet verlengd"),
                _("Besloten is het contract niet te verlengen: het eindigt op %(end)s.")
                % {"end": _date(last.period.end_date)},
            )
        ]
    return []


def _wage_value_alerts(overview: ContractOverview, today: dt.date) -> list[Alert]:
    contract = overview.contract
    if not contract.wage_subsidy:
        return []
    if not overview.measurements:
        return [
            Alert(
                "warning",
                _("Geen loonwaardemeting"),
                _(
                    "Dit contract heeft loonkostensubsidie, maar de deelnemer heeft nog geen "
                    "loonwaardemeting: het kostenmodel rekent zonder meting geen LKS."
                ),
            )
        ]
    latest = overview.measurements[0]
    days_left = (latest.next_measurement_on - today).days
    if days_left > DEFAULT_HORIZON_WEEKS * 7:
        return []
    values = {"date": _date(latest.next_measurement_on)}
    if days_left < 0:
        return [
            Alert(
                "error",
                _("Hermeting loonwaarde te laat"),
                _("De loonwaarde had opnieuw gemeten moeten worden op %(date)s.") % values,
            )
        ]
    return [
        Alert(
            "warning",
            _("Hermeting loonwaarde binnenkort"),
            _("De loonwaarde moet opnieuw gemeten worden uiterlijk op %(date)s.") % values,
        )
    ]


def _cost_months(contract: Contract, period: ContractPeriod) -> list[CostMonth]:
    # A period stored as running for centuries is costed for its first years only.
    start, end = bounded_span(period.start_date, period.end_date)
    built = build_cost_inputs(
        municipality=contract.municipality,
        start=start,
        end=end,
        contract_ids=[contract.pk],
    )
    x = built.inputs
    costs = compute_costs(x)
    months = []
    for i in built.rows_of(contract.pk).tolist():
        cost = month_cost_of(costs, i)
        lks = wage_value = minimum = None
        if int(x.wage_value_ppm[i]) < PPM:
            minimum = euros(x.minimum_wage[i])
            wage_value = Decimal(int(x.wage_value_ppm[i])) / 10_000
            lks = lks_month(
                minimum_wage=minimum,
                hours_per_week=Decimal(int(x.hours[i])) / TENTHS,
                wage_value=Decimal(int(x.wage_value_ppm[i])) / PPM,
                holiday_rate=Decimal(int(x.holiday_ppm[i])) / PPM,
                cap=Decimal(int(x.lks_cap_ppm[i])) / PPM,
                allowance_rate=Decimal(int(x.lks_allowance_ppm[i])) / PPM,
                days=int(x.days[i]),
                days_in_month=int(x.days_in_month[i]),
            ).total
        months.append(
            CostMonth(
                month=dt.date(int(x.year[i]), int(x.month[i]), 1),
                days=int(x.days[i]),
                days_in_month=int(x.days_in_month[i]),
                gross=cost.gross,
                holiday_allowance=cost.holiday_allowance,
                employer_charges=cost.employer_charges,
                wage_costs=cost.gross + cost.holiday_allowance + cost.employer_charges,
                minimum_wage=minimum,
                wage_value=wage_value,
                lks=lks,
                assumed=bool(built.assumed[i]),
                first_day=built.first_day[i].astype(dt.date),
                last_day=built.last_day[i].astype(dt.date),
                hourly_wage=euros(x.hourly_wage[i]),
            )
        )
    return months


def contract_overview(
    contract: Contract, *, today: dt.date, table: MinimumWageTable | None = None
) -> ContractOverview:
    """The contract page's content. ``contract`` comes from ``contract_list`` (its
    periods, their decisions and wage lines prefetched). ``table``: the minimum
    wage with the municipality's projection (the page passes it)."""
    periods = list(contract.periods.all())
    rows = participant_period_rows(contract.municipality_id, [contract.participant_id]).get(
        contract.participant_id, []
    )
    rules = chain_rules_of(contract.participant.programme)
    views = _period_views(contract, periods, rows, today, rules, table or minimum_wage_table())
    overview = ContractOverview(contract=contract, periods=views)
    chain_reasons = (PermanentReason.CHAIN_COUNT, PermanentReason.CHAIN_DURATION)
    if contract.permanent_from is not None and contract.permanent_reason in chain_reasons:
        overview.chain_permanent_text = permanent_text(
            contract.permanent_reason, contract.permanent_from, rules
        )
    overview.measurements = list(
        wage_value_list(municipality=contract.municipality, participant_id=contract.participant_id)
    )
    overview.wage_value = wage_value_on(overview.measurements, today)
    last = views[-1] if views else None
    if last is not None and last.decision is None and not contract.is_permanent:
        overview.pending = last
        start = add_days(last.period.end_date, 1)
        overview.pending_check = check_next(
            rows,
            contract.employer_name,
            Term(start, period_end(start, contract.participant.programme.contract_period_months)),
            rules,
        )
        target = last.notice_deadline or last.period.end_date
        overview.pending_days_left = (target - today).days
    overview.cost_period = _current(periods, today)
    if overview.cost_period is not None:
        try:
            overview.cost_months = _cost_months(contract, overview.cost_period)
        except LookupError:
            overview.cost_error = _(
                "De kosten van deze periode zijn niet te berekenen: voor (een deel van) de "
                "periode ontbreken parameterwaarden."
            )
    pending_alert = _pending_alert(overview, today)
    overview.alerts = [
        *_law_alerts(views),
        *_wage_alerts(views),
        *([pending_alert] if pending_alert else []),
        *_wage_value_alerts(overview, today),
        *_status_alerts(contract, views, rules),
    ]
    return overview
