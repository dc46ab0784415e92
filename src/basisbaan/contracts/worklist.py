"""The worklists: renewal decisions due, wage values to measure again, and the
dashboard's counts of both (plus periods below the minimum wage).

Each list costs a fixed number of queries, whatever its length:

- :func:`decisions_due`: the periods (one query), every period of their
  participants, for the chain rule (one query), and their wage lines, for
  what a later notice costs (one query);
- :func:`remeasurements_due`: the latest measurements due (one query) and the
  participants with LKS who were never measured (one query).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, Subquery
from django.utils.translation import gettext_lazy as _

from basisbaan.calc.dates import add_days, period_end
from basisbaan.calc.labour_law import (
    DEFAULT_FULLTIME_HOURS,
    ChainCheck,
    MinimumWageTable,
    Term,
    notice_deadline,
    wage_shortfall,
)
from basisbaan.contracts.chains import (
    chain_rules_of,
    chain_summary,
    chain_warning,
    check_next,
    participant_period_rows,
)
from basisbaan.contracts.constants import DEFAULT_HORIZON_WEEKS
from basisbaan.contracts.models import (
    Contract,
    ContractPeriod,
    ContractWageLine,
    WageValueMeasurement,
)
from basisbaan.contracts.selectors import (
    latest_wage_values,
    may_be_below_minimum,
    minimum_wage_table,
    wage_spans,
)
from basisbaan.contracts.severance import DelayCost, delay_costs
from basisbaan.participants.models import Participant
from basisbaan.tenancy.models import Municipality

__all__ = [
    "DueDecision",
    "DueStatus",
    "RemeasurementDue",
    "attention_counts",
    "decisions_due",
    "remeasurements_due",
]


class DueStatus(models.TextChoices):
    OVERDUE = "overdue", _("Aanzegtermijn verstreken")
    ENDED = "ended", _("Verlopen zonder besluit")
    DUE = "due", _("Te beslissen")


@dataclass(frozen=True, slots=True)
class DueDecision:
    """A contract's last period, ending soon (or just ended) without a decision.

    ``days_left``: days until the notice deadline, or until the end when the
    law asks no notice (negative: passed). ``check``: the chain rule applied
    to a renewal of the programme's default length.
    """

    period: ContractPeriod
    notice_deadline: dt.date | None
    days_left: int
    status: DueStatus
    check: ChainCheck
    delay: DelayCost | None = None  # what a later notice costs (None: no notice owed)

    @property
    def contract(self) -> Contract:
        return self.period.contract

    @property
    def participant(self) -> Participant:
        return self.period.contract.participant

    @property
    def late(self) -> bool:
        return self.status != DueStatus.DUE

    @property
    def chain_alert(self) -> bool:
        """A renewal would make the contract permanent by law, or the next one would."""
        return self.check.makes_permanent or self.check.next_makes_permanent

    @property
    def chain_text(self) -> str:
        return chain_warning(self.check)

    @property
    def chain_summary(self) -> str:
        return chain_summary(self.check)


def _status(today: dt.date, end: dt.date, deadline: dt.date | None) -> DueStatus:
    if end < today:
        return DueStatus.ENDED
    if deadline is not None and deadline < today:
        return DueStatus.OVERDUE
    return DueStatus.DUE


def _undecided_last_periods(municipality: Municipality) -> models.QuerySet[ContractPeriod]:
    later = ContractPeriod.objects.filter(
        contract_id=OuterRef("contract_id"), sequence__gt=OuterRef("sequence")
    )
    return ContractPeriod.objects.filter(
        municipality=municipality, decision__isnull=True, contract__is_permanent=False
    ).filter(~Exists(later))


def decisions_due(
    *,
    municipality: Municipality,
    today: dt.date,
    weeks: int = DEFAULT_HORIZON_WEEKS,
    programme_id: int | None = None,
    status: str = "",
    chain_only: bool = False,
) -> list[DueDecision]:
    """Last periods without a decision that end within ``weeks`` from ``today``,
    or ended at most ``weeks`` ago (the contract may go on tacitly by law),
    most urgent first: by notice deadline (or end date), then end date.

    ``status`` keeps one :class:`DueStatus`; ``chain_only`` keeps the rows
    where a renewal would (or the next one would) make the contract permanent.
    """
    horizon = dt.timedelta(weeks=weeks)
    periods = (
        _undecided_last_periods(municipality)
        .filter(end_date__lte=today + horizon, end_date__gte=today - horizon)
        .select_related("contract__participant__programme__contract_settings")
        .order_by("end_date", "id")
    )
    if programme_id is not None:
        periods = periods.filter(contract__participant__programme_id=programme_id)
    found = list(periods)
    if not found:
        return []
    rows = participant_period_rows(municipality.pk, {p.contract.participant_id for p in found})
    delays = delay_costs(found, today=today)
    result = []
    for period in found:
        contract = period.contract
        start = add_days(period.end_date, 1)
        months = contract.participant.programme.contract_period_months
        check = check_next(
            rows.get(contract.participant_id, []),
            contract.employer_name,
            Term(start, period_end(start, months)),
            chain_rules_of(contract.participant.programme),
        )
        deadline = notice_deadline(period.start_date, period.end_date)
        target = deadline or period.end_date
        item = DueDecision(
            period=period,
            notice_deadline=deadline,
            days_left=(target - today).days,
            status=_status(today, period.end_date, deadline),
            check=check,
            delay=delays.get(period.pk),
        )
        if status and item.status != status:
            continue
        if chain_only and not item.chain_alert:
            continue
        result.append(item)
    result.sort(key=lambda d: (d.notice_deadline or d.period.end_date, d.period.end_date))
    return result


class RemeasurementStatus(models.TextChoices):
    MISSING = "missing", _("Nog nooit gemeten")
    OVERDUE = "overdue", _("Hermeting te laat")
    DUE = "due", _("Hermeting binnenkort")


@dataclass(frozen=True, slots=True)
class RemeasurementDue:
    """A participant with a running LKS contract whose wage value is (soon) due."""

    participant: Participant
    measurement: WageValueMeasurement | None
    status: RemeasurementStatus
    days_left: int | None

    @property
    def due_on(self) -> dt.date | None:
        return self.measurement.next_measurement_on if self.measurement else None

    @property
    def late(self) -> bool:
        return self.status != RemeasurementStatus.DUE


def _running_lks(today: dt.date, participant_ref: str) -> Exists:
    return Exists(
        ContractPeriod.objects.filter(
            contract__participant_id=OuterRef(participant_ref),
            contract__wage_subsidy=True,
            end_date__gte=today,
        )
    )


def remeasurements_due(
    *, municipality: Municipality, today: dt.date, weeks: int = DEFAULT_HORIZON_WEEKS
) -> list[RemeasurementDue]:
    """Participants with a running or future contract with LKS whose latest wage
    value is due for re-measurement within ``weeks`` (or overdue), and those
    never measured at all; the most urgent first."""
    horizon = today + dt.timedelta(weeks=weeks)
    due = latest_wage_values(municipality=municipality).filter(
        _running_lks(today, "participant_id"), next_measurement_on__lte=horizon
    )
    never = (
        Participant.objects.filter(municipality=municipality)
        .filter(_running_lks(today, "pk"))
        .filter(~Exists(WageValueMeasurement.objects.filter(participant_id=OuterRef("pk"))))
        .order_by("last_name", "first_name", "id")
    )
    result = [
        RemeasurementDue(participant, None, RemeasurementStatus.MISSING, None)
        for participant in never
    ]
    for measurement in due.order_by("next_measurement_on", "id"):
        days_left = (measurement.next_measurement_on - today).days
        status = RemeasurementStatus.OVERDUE if days_left < 0 else RemeasurementStatus.DUE
        result.append(RemeasurementDue(measurement.participant, measurement, status, days_left))
    return result


def attention_counts(
    municipality: Municipality, today: dt.date, *, table: MinimumWageTable | None = None
) -> dict[str, int]:
    """The dashboard's contract alerts, each a count, in a fixed number of
    queries: the minimum-wage rows (unless ``table`` is given: the faces pass
    the one with the municipality's indexation assumption), the periods that
    may need a decision or may fall below the minimum wage (one query, see
    :func:`~basisbaan.contracts.selectors.may_be_below_minimum`), the wage
    lines of those that may fall below (only when there are some), and the
    participants whose wage value is due.

    The counts equal the lengths of :func:`decisions_due`,
    :func:`~basisbaan.contracts.selectors.periods_below_minimum` and
    :func:`remeasurements_due` with their defaults (and the same ``table``).
    """
    table = table or minimum_wage_table()
    horizon = dt.timedelta(weeks=DEFAULT_HORIZON_WEEKS)
    later = ContractPeriod.objects.filter(
        contract_id=OuterRef("contract_id"), sequence__gt=OuterRef("sequence")
    )
    due = (
        Q(decision__isnull=True, contract__is_permanent=False)
        & Q(end_date__lte=today + horizon, end_date__gte=today - horizon)
        & ~Exists(later)
    )
    low = Q(end_date__gte=today) & may_be_below_minimum(table)
    rows = (
        ContractPeriod.objects.filter(municipality=municipality)
        .filter(due | low)
        .annotate(
            is_due=ExpressionWrapper(due, output_field=BooleanField()),
            is_low=ExpressionWrapper(low, output_field=BooleanField()),
        )
        .values_list(
            "id",
            "start_date",
            "end_date",
            "hourly_wage",
            "is_due",
            "is_low",
            "contract__participant__date_of_birth",
            "contract__participant__programme__contract_settings__fulltime_hours",
        )
    )
    counts = {"decisions_due": 0, "decisions_late": 0, "below_minimum_wage": 0}
    low_rows = []
    for period_id, start, end, wage, is_due, is_low, birth, fulltime in rows:
        if is_due:
            counts["decisions_due"] += 1
            deadline = notice_deadline(start, end)
            counts["decisions_late"] += _status(today, end, deadline) != DueStatus.DUE
        if is_low:
            low_rows.append((period_id, start, end, wage, birth, fulltime))
    lines: dict[int, list[tuple[dt.date, Decimal]]] = {}
    if low_rows:
        found = ContractWageLine.objects.filter(period_id__in=[r[0] for r in low_rows])
        for period_id, day, line_wage in found.values_list(
            "period_id", "start_date", "hourly_wage"
        ):
            lines.setdefault(period_id, []).append((day, line_wage))
    for period_id, start, end, wage, birth, fulltime in low_rows:
        counts["below_minimum_wage"] += any(
            wage_shortfall(
                table,
                span.hourly_wage,
                span.start,
                span.end,
                birth_date=birth,
                fulltime_hours=fulltime or DEFAULT_FULLTIME_HOURS,
            )
            is not None
            for span in wage_spans(start, end, wage, lines.get(period_id, []))
        )
    latest_next = WageValueMeasurement.objects.filter(participant_id=OuterRef("pk")).order_by(
        "-measured_on", "-id"
    )
    counts["remeasurements_due"] = (
        Participant.objects.filter(municipality=municipality)
        .filter(_running_lks(today, "pk"))
        .annotate(next_on=Subquery(latest_next.values("next_measurement_on")[:1]))
        .filter(Q(next_on__isnull=True) | Q(next_on__lte=today + horizon))
        .count()
    )
    return counts
