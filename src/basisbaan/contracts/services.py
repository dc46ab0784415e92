"""Writes of contracts, their periods, renewal decisions and wage-value measurements.

Every write validates, saves and audits in one transaction. The rules of
labour law come from :mod:`basisbaan.calc.labour_law`:

- a period's hourly wage may on no day be below the statutory minimum wage
  (published amounts; an assumed future amount is flagged, not refused);
- the chain rule (:mod:`basisbaan.contracts.chains`, with the programme's
  limits) is checked when a new contract or a renewal is stored
  (:func:`contract_create`, :func:`contract_period_add`, and
  :func:`renewal_decide` with ``renew``). When the write would make the
  contract permanent by law, it is refused unless the caller passes
  ``confirm_permanent=True``; then the contract is stored as permanent from
  the day the law says (for the duration rule this may lie within the
  period), with the rule as its ``permanent_reason``.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.calc.dates import MAX_PERIOD_MONTHS, add_days, add_months, period_end
from basisbaan.calc.labour_law import ChainCheck, MinimumWageTable, Term, first_shortfall
from basisbaan.contracts.chains import (
    PermanentByLawError,
    chain_rules_of,
    check_next,
    participant_period_rows,
    permanent_fields,
)
from basisbaan.contracts.constants import (
    CONTRACT_FIELDS,
    CONTRACT_SETTINGS_FIELDS,
    WAGE_VALUE_FIELDS,
    Decision,
    EndReason,
    FulltimeWeek,
    PermanentReason,
    WageLineReason,
)
from basisbaan.contracts.models import (
    Contract,
    ContractPeriod,
    ContractSettings,
    ContractWageLine,
    RenewalDecision,
    WageValueMeasurement,
)
from basisbaan.contracts.selectors import (
    contract_settings_of,
    minimum_wage_for_period,
    minimum_wage_schedule,
    minimum_wage_table,
    shortfall_message,
    wage_lines_of,
    wage_schedule,
)
from basisbaan.core.dates import check_within
from basisbaan.core.services import (
    ensure_same_municipality,
    model_create,
    model_delete,
    model_update,
)
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality, User

__all__ = [
    "contract_create",
    "contract_end_reason_set",
    "contract_period_add",
    "contract_settings_set",
    "contract_update",
    "notice_record",
    "renewal_decide",
    "wage_line_add",
    "wage_line_remove",
    "wage_value_record",
    "wage_value_update",
]

EDITABLE_CONTRACT = frozenset(CONTRACT_FIELDS)
EDITABLE_WAGE_VALUE = frozenset(WAGE_VALUE_FIELDS)
SETTINGS_FIELDS = frozenset(CONTRACT_SETTINGS_FIELDS)
ONE_DAY = dt.timedelta(days=1)
PERCENT = Decimal("0.01")


def _check_period(start: dt.date, end: dt.date, programme: Programme | None = None) -> None:
    """A period ends after it starts, lasts at most :data:`MAX_PERIOD_MONTHS`
    months and starts within its programme's period (a contract after the
    programme's end is refused)."""
    if end < start:
        raise ValidationError({"end_date": _("De einddatum ligt vóór de startdatum.")})
    if end > period_end(start, MAX_PERIOD_MONTHS):
        raise ValidationError(
            {
                "end_date": _("Een contractperiode duurt ten hoogste %(months)s maanden.")
                % {"months": MAX_PERIOD_MONTHS}
            }
        )
    if programme is not None:
        check_within(start, None, programme.start_date, programme.end_date, what=_("het programma"))


def check_minimum_wage(
    *,
    participant: Participant,
    start: dt.date,
    end: dt.date,
    hourly_wage: Decimal,
    table: MinimumWageTable | None = None,
) -> None:
    """Refuse an hourly wage below the published statutory minimum on any day of
    ``start..end`` (youth wage by the participant's age on each day). Past the
    last published amount that amount holds; a projected or assumed amount
    above it is flagged on the pages, not refused here."""
    schedule = minimum_wage_schedule(
        table or minimum_wage_table(), participant, start, end, projected=False
    )
    step = first_shortfall(hourly_wage, schedule, include_assumed=False)
    if step is not None:
        raise ValidationError({"hourly_wage": shortfall_message(hourly_wage, step)})


def _placement_on(participant: Participant, day: dt.date) -> Placement:
    """The participant's one placement that runs on ``day``, for a contract created
    without a chosen placement; refused when there is none or more than one."""
    placements = list(
        Placement.objects.filter(participant=participant, start_date__lte=day)
        .exclude(end_date__lt=day)
        .order_by("start_date")[:2]
    )
    if len(placements) != 1:
        raise ValidationError(
            {
                "placement": _(
                    "Een contract hoort bij een plaatsing: kies de plaatsing van de deelnemer "
                    "die op de startdatum loopt."
                )
            }
        )
    return placements[0]


def _employer(employer_name: str, programme: Programme) -> str:
    name = employer_name.strip() or contract_settings_of(programme).default_employer_name
    if not name:
        raise ValidationError(
            {
                "employer_name": _(
                    "Vul de juridisch werkgever in: het programma heeft geen standaard "
                    "verloningspartij."
                )
            }
        )
    return name


def chain_check(participant: Participant, employer_name: str, term: Term) -> ChainCheck:
    """The chain rule, with the participant's programme's limits, on a proposed
    fixed-term contract ``term`` with ``employer_name``."""
    rows = participant_period_rows(participant.municipality_id, [participant.pk])
    return check_next(
        rows.get(participant.pk, []), employer_name, term, chain_rules_of(participant.programme)
    )


def _confirmed(check: ChainCheck, confirm_permanent: bool, *, new_contract: bool) -> dict[str, Any]:
    """The contract fields a write stores when the chain rule makes it permanent
    (none when it does not); refused without the confirmation."""
    if not check.makes_permanent:
        return {}
    if not confirm_permanent:
        raise PermanentByLawError(check, new_contract=new_contract)
    return permanent_fields(check)


@transaction.atomic
def contract_create(
    *,
    municipality: Municipality,
    actor: User | None,
    participant: Participant,
    start_date: dt.date,
    hours_per_week: Decimal,
    hourly_wage: Decimal,
    employer_name: str = "",
    end_date: dt.date | None = None,
    placement: Placement | None = None,
    reference: str = "",
    wage_subsidy: bool = False,
    employee_number: str = "",
    confirm_permanent: bool = False,
) -> Contract:
    """A contract with its first period; the period lasts the programme's
    default number of months unless ``end_date`` is given. Without an
    ``employer_name`` the programme's default payroll party is the employer.

    When the chain rule makes this new contract permanent by law (it is the
    fourth in the participant's chain, or the chain passes the maximum months
    within it), it is refused unless ``confirm_permanent``; then the contract
    is stored as permanent from the day the law says."""
    ensure_same_municipality(municipality, participant=participant, placement=placement)
    end = end_date or period_end(start_date, participant.programme.contract_period_months)
    _check_period(start_date, end, participant.programme)
    if placement is None:
        placement = _placement_on(participant, start_date)
    if placement.participant_id != participant.pk:
        raise ValidationError({"placement": _("Deze plaatsing hoort bij een andere deelnemer.")})
    employer = _employer(employer_name, participant.programme)
    check_minimum_wage(participant=participant, start=start_date, end=end, hourly_wage=hourly_wage)
    check = chain_check(participant, employer, Term(start_date, end))
    permanent = _confirmed(check, confirm_permanent, new_contract=True)
    contract = model_create(
        instance=Contract(
            municipality=municipality,
            participant=participant,
            placement=placement,
            employer_name=employer,
            reference=reference,
            wage_subsidy=wage_subsidy,
            employee_number=employee_number,
            **permanent,
        ),
        actor=actor,
    )
    model_create(
        instance=ContractPeriod(
            municipality=municipality,
            contract=contract,
            sequence=1,
            start_date=start_date,
            end_date=end,
            hours_per_week=hours_per_week,
            hourly_wage=hourly_wage,
        ),
        actor=actor,
    )
    return contract


def _add_period(
    contract: Contract,
    actor: User | None,
    *,
    hours_per_week: Decimal,
    hourly_wage: Decimal,
    start_date: dt.date | None,
    end_date: dt.date | None,
    confirm_permanent: bool | None,
) -> ContractPeriod:
    """Add a period after the last one; ``confirm_permanent=None`` skips the
    chain rule (the period of a decision to make the contract permanent)."""
    last = contract.periods.order_by("-sequence").first()
    if last is None:
        raise ValidationError(_("Dit contract heeft nog geen periode."))
    decision = RenewalDecision.objects.filter(period=last).first()
    if decision is not None and decision.decision == Decision.NOT_RENEW:
        raise ValidationError(
            _(
                "Besloten is dit contract niet te verlengen: het eindigt op %(end)s. "
                "Leg zo nodig een nieuw contract vast."
            )
            % {"end": f"{last.end_date:%d-%m-%Y}"}
        )
    start = start_date or add_days(last.end_date, 1)
    if start <= last.end_date:
        raise ValidationError(
            {"start_date": _("Een verlenging begint na het einde van de vorige periode.")}
        )
    participant = contract.participant
    end = end_date or period_end(start, participant.programme.contract_period_months)
    _check_period(start, end, participant.programme)
    check_minimum_wage(participant=participant, start=start, end=end, hourly_wage=hourly_wage)
    permanent: dict[str, Any] = {}
    if confirm_permanent is not None and not contract.is_permanent:
        check = chain_check(participant, contract.employer_name, Term(start, end))
        permanent = _confirmed(check, confirm_permanent, new_contract=False)
    period = model_create(
        instance=ContractPeriod(
            municipality_id=contract.municipality_id,
            contract=contract,
            sequence=last.sequence + 1,
            start_date=start,
            end_date=end,
            hours_per_week=hours_per_week,
            hourly_wage=hourly_wage,
        ),
        actor=actor,
    )
    if permanent:
        model_update(instance=contract, data=permanent, actor=actor, allowed=set(permanent))
    return period


@transaction.atomic
def contract_period_add(
    *,
    contract: Contract,
    actor: User | None,
    hours_per_week: Decimal,
    hourly_wage: Decimal,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    confirm_permanent: bool = False,
) -> ContractPeriod:
    """Renew: add a period after the last one (by default the next day, for
    the programme's default number of months).

    Refused after a decision not to renew the last period. When the chain rule
    makes the renewal permanent by law, refused unless ``confirm_permanent``;
    then the contract is stored as permanent from the day the law says.
    """
    return _add_period(
        contract,
        actor,
        hours_per_week=hours_per_week,
        hourly_wage=hourly_wage,
        start_date=start_date,
        end_date=end_date,
        confirm_permanent=confirm_permanent,
    )


@transaction.atomic
def contract_update(
    *,
    contract: Contract,
    actor: User | None,
    data: dict[str, Any],
    expected_version: int | None = None,
) -> Contract:
    """Change the contract's employer, reference or wage-subsidy flag.

    Periods are not edited here: a renewal adds one (:func:`contract_period_add`).
    """
    contract, _changed = model_update(
        instance=contract,
        data=data,
        actor=actor,
        allowed=EDITABLE_CONTRACT,
        expected_version=expected_version,
    )
    return contract


# --- renewal decisions ----------------------------------------------------------------------


def next_period_defaults(
    period: ContractPeriod, *, decision: str = Decision.RENEW
) -> dict[str, Any]:
    """Start, end, hours and wage of the period a decision would add.

    The wage is the current one, raised to the highest published minimum on
    any day of the new period. A permanent contract runs to the programme's
    end (or one default period when the programme ends before it starts).
    """
    contract = period.contract
    participant = contract.participant
    programme = participant.programme
    start = add_days(period.end_date, 1)
    end = period_end(start, programme.contract_period_months)
    if decision == Decision.PERMANENT and programme.end_date >= start:
        end = programme.end_date
    minimum = minimum_wage_for_period(participant, start, end)
    wage = period.hourly_wage if minimum is None else max(period.hourly_wage, minimum)
    return {
        "start_date": start,
        "end_date": end,
        "hours_per_week": period.hours_per_week,
        "hourly_wage": wage,
    }


def _lock_period(period: ContractPeriod) -> ContractPeriod:
    Contract.objects.select_for_update().filter(pk=period.contract_id).first()
    return ContractPeriod.objects.select_related("contract__participant__programme").get(
        pk=period.pk
    )


def _check_decidable(period: ContractPeriod, decision: str, reason: str) -> None:
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Kies verlengen, niet verlengen of vast contract.")})
    if RenewalDecision.objects.filter(period=period).exists():
        raise ValidationError(_("Over deze periode is al een besluit vastgelegd."))
    if ContractPeriod.objects.filter(
        contract_id=period.contract_id, sequence__gt=period.sequence
    ).exists():
        raise ValidationError(
            _("Na deze periode volgt al een periode: een besluit gaat over de laatste periode.")
        )
    if period.contract.is_permanent:
        raise ValidationError(_("Dit contract is al vast: er is geen verlenging te besluiten."))
    if decision != Decision.RENEW and not reason.strip():
        raise ValidationError({"reason": _("Geef de motivering van dit besluit.")})


@transaction.atomic
def renewal_decide(
    *,
    period: ContractPeriod,
    actor: User | None,
    decision: str,
    reason: str = "",
    notice_sent_on: dt.date | None = None,
    hours_per_week: Decimal | None = None,
    hourly_wage: Decimal | None = None,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    confirm_permanent: bool = False,
) -> RenewalDecision:
    """Record the decision about the end of ``period`` (the contract's last period).

    - ``renew``: adds the next period as :func:`contract_period_add` does, by
      default with the same hours and the wage raised to the minimum
      (:func:`next_period_defaults`). When the chain rule makes the renewal
      permanent by law, refused unless ``confirm_permanent``; then the
      contract is permanent from the day the law says.
    - ``permanent``: marks the contract permanent from the day after the
      period (reason: the decision) and adds the period that continues it.
    - ``not_renew``: the contract ends with the period.

    A reason is required for ``not_renew`` and ``permanent``.
    """
    period = _lock_period(period)
    contract = period.contract
    _check_decidable(period, decision, reason)
    _end_when_not_renewed(contract, actor, decision)
    next_period: ContractPeriod | None = None
    if decision in (Decision.RENEW, Decision.PERMANENT):
        defaults = next_period_defaults(period, decision=decision)
        start = start_date or defaults["start_date"]
        end = end_date or (
            defaults["end_date"]
            if start == defaults["start_date"]
            else period_end(start, contract.participant.programme.contract_period_months)
        )
        _check_period(start, end)
        next_period = _add_period(
            contract,
            actor,
            hours_per_week=hours_per_week or defaults["hours_per_week"],
            hourly_wage=hourly_wage or defaults["hourly_wage"],
            start_date=start,
            end_date=end,
            confirm_permanent=confirm_permanent if decision == Decision.RENEW else None,
        )
        if decision == Decision.PERMANENT:
            permanent = {
                "is_permanent": True,
                "permanent_from": next_period.start_date,
                "permanent_reason": PermanentReason.DECISION,
            }
            model_update(instance=contract, data=permanent, actor=actor, allowed=set(permanent))
    return model_create(
        instance=RenewalDecision(
            municipality_id=contract.municipality_id,
            period=period,
            decision=decision,
            reason=reason.strip(),
            decided_by=actor if actor is not None and actor.pk else None,
            decided_at=timezone.now(),
            notice_sent_on=notice_sent_on,
            next_period=next_period,
        ),
        actor=actor,
    )


# --- end of employment and notice ----------------------------------------------------------


@transaction.atomic
def contract_end_reason_set(*, contract: Contract, actor: User | None, reason: str) -> Contract:
    """Record why employment under ``contract`` ended ("" clears it): the reason
    decides whether a transition payment is due (:mod:`basisbaan.contracts.severance`)."""
    if reason and reason not in EndReason.values:
        raise ValidationError(
            {
                "end_reason": _("Kies een reden uit de lijst: %(choices)s.")
                % {"choices": ", ".join(str(label) for label in EndReason.labels)}
            }
        )
    contract, _changed = model_update(
        instance=contract, data={"end_reason": reason}, actor=actor, allowed={"end_reason"}
    )
    return contract


def _end_when_not_renewed(contract: Contract, actor: User | None, decision: str) -> None:
    """A decision not to renew ends employment as *not renewed*, unless a reason is recorded."""
    if decision == Decision.NOT_RENEW and not contract.end_reason:
        contract_end_reason_set(contract=contract, actor=actor, reason=EndReason.NOT_RENEWED)


@transaction.atomic
def notice_record(
    *, period: ContractPeriod, actor: User | None, notice_sent_on: dt.date
) -> RenewalDecision:
    """Record the day the employee was told in writing about the end of ``period``
    (the *aanzegging*), for a decision recorded before the letter went out, or to
    correct it. A notice after the deadline is kept; the pages and the API warn
    with the compensation now owed (:func:`~basisbaan.contracts.severance.late_notice_warning`).
    """
    decision = RenewalDecision.objects.select_for_update().filter(period=period).first()
    if decision is None:
        raise ValidationError(
            _(
                "Leg eerst het besluit over verlenging vast: de aanzegging is de schriftelijke "
                "mededeling van dat besluit."
            )
        )
    if notice_sent_on < period.start_date:
        raise ValidationError(
            {"notice_sent_on": _("De aanzegging ligt vóór het begin van de periode.")}
        )
    decision, _changed = model_update(
        instance=decision,
        data={"notice_sent_on": notice_sent_on},
        actor=actor,
        allowed={"notice_sent_on"},
    )
    return decision


# --- wage lines -----------------------------------------------------------------------------


def _lock_wage_lines(period: ContractPeriod) -> ContractPeriod:
    """Lock the contract (one writer of its periods and lines at a time); the
    period read again with its participant and lines."""
    Contract.objects.select_for_update().filter(pk=period.contract_id).first()
    return (
        ContractPeriod.objects.select_related("contract__participant__programme")
        .prefetch_related("wage_lines")
        .get(pk=period.pk)
    )


def _check_line_day(period: ContractPeriod, start_date: dt.date) -> None:
    values = {
        "start": f"{period.start_date:%d-%m-%Y}",
        "end": f"{period.end_date:%d-%m-%Y}",
    }
    if start_date <= period.start_date:
        raise ValidationError(
            {
                "start_date": _(
                    "Een loonregel begint na de startdatum van de periode (%(start)s): op de "
                    "startdatum geldt het uurloon van de periode zelf."
                )
                % values
            }
        )
    if start_date > period.end_date:
        raise ValidationError(
            {
                "start_date": _("Een loonregel begint binnen de periode: uiterlijk op %(end)s.")
                % values
            }
        )
    if any(line.start_date == start_date for line in wage_lines_of(period)):
        raise ValidationError(
            {"start_date": _("Op deze datum begint al een loonregel in deze periode.")}
        )


@transaction.atomic
def wage_line_add(
    *,
    period: ContractPeriod,
    actor: User | None,
    start_date: dt.date,
    hourly_wage: Decimal,
    reason: str = WageLineReason.OTHER,
    note: str = "",
) -> ContractWageLine:
    """Change the hourly wage within ``period`` from ``start_date`` on (see
    :func:`~basisbaan.contracts.selectors.wage_schedule`).

    The line starts after the period's start and on or before its end, at most
    one a day. Its wage must be at least the published statutory minimum on
    every day it holds: from ``start_date`` until the day before the next line,
    or the period's end (youth wage by age on each day). A projected or assumed
    minimum above it is flagged on the pages, not refused.
    """
    period = _lock_wage_lines(period)
    _check_line_day(period, start_date)
    if reason not in WageLineReason.values:
        raise ValidationError({"reason": _("Kies de reden van de loonwijziging.")})
    later = [line.start_date for line in wage_lines_of(period) if line.start_date > start_date]
    end = add_days(later[0], -1) if later else period.end_date
    check_minimum_wage(
        participant=period.contract.participant,
        start=start_date,
        end=end,
        hourly_wage=hourly_wage,
    )
    return model_create(
        instance=ContractWageLine(
            municipality_id=period.municipality_id,
            period=period,
            start_date=start_date,
            hourly_wage=hourly_wage,
            reason=reason,
            note=note.strip(),
        ),
        actor=actor,
    )


@transaction.atomic
def wage_line_remove(*, line: ContractWageLine, actor: User | None) -> None:
    """Remove a wage line: the wage before it then holds on its days too.

    Refused when that wage is below the published minimum on one of those days
    (add a line with the right wage first, or remove the later one).
    """
    period = _lock_wage_lines(line.period)
    spans = wage_schedule(period)
    found = [i for i, span in enumerate(spans) if i and span.start == line.start_date]
    if found:
        try:
            check_minimum_wage(
                participant=period.contract.participant,
                start=line.start_date,
                end=spans[found[0]].end,
                hourly_wage=spans[found[0] - 1].hourly_wage,
            )
        except ValidationError as exc:
            raise ValidationError(
                _(
                    "Deze loonregel kan niet worden verwijderd: dan geldt vanaf %(date)s het "
                    "uurloon ervoor. %(reason)s"
                )
                % {"date": f"{line.start_date:%d-%m-%Y}", "reason": " ".join(exc.messages)}
            ) from exc
    model_delete(instance=line, actor=actor)


# --- wage-value measurements ----------------------------------------------------------------


def _check_wage_value(measured_on: dt.date, next_on: dt.date, percentage: Decimal) -> None:
    if not Decimal(0) <= percentage <= Decimal(100):
        raise ValidationError(
            {"percentage": _("Vul een loonwaarde tussen 0 en 100 procent in, bijvoorbeeld 60.")}
        )
    if next_on <= measured_on:
        raise ValidationError(
            {"next_measurement_on": _("De volgende meting ligt na de datum van deze meting.")}
        )


@transaction.atomic
def wage_value_record(
    *,
    municipality: Municipality,
    actor: User | None,
    participant: Participant,
    measured_on: dt.date,
    percentage: Decimal,
    assessor: str,
    method: str = "uniform",
    next_measurement_on: dt.date | None = None,
    note: str = "",
) -> WageValueMeasurement:
    """Record a wage-value measurement; the next one is due after the programme's
    re-measurement term (12 months by default) unless a date is given."""
    ensure_same_municipality(municipality, participant=participant)
    if not assessor.strip():
        raise ValidationError({"assessor": _("Vul de naam van de loonwaardedeskundige in.")})
    if WageValueMeasurement.objects.filter(
        participant=participant, measured_on=measured_on
    ).exists():
        raise ValidationError(
            {"measured_on": _("Op deze datum is al een meting van deze deelnemer vastgelegd.")}
        )
    months = contract_settings_of(participant.programme).remeasurement_months
    next_on = next_measurement_on or add_months(measured_on, months)
    _check_wage_value(measured_on, next_on, percentage)
    percentage = percentage.quantize(PERCENT, ROUND_HALF_UP)
    return model_create(
        instance=WageValueMeasurement(
            municipality=municipality,
            participant=participant,
            measured_on=measured_on,
            percentage=percentage,
            method=method,
            assessor=assessor.strip(),
            next_measurement_on=next_on,
            note=note,
        ),
        actor=actor,
    )


@transaction.atomic
def wage_value_update(
    *, measurement: WageValueMeasurement, actor: User | None, data: dict[str, Any]
) -> WageValueMeasurement:
    """Correct a measurement (a typing error, a later report date)."""
    if data.get("percentage") is not None:
        data = {**data, "percentage": Decimal(data["percentage"]).quantize(PERCENT, ROUND_HALF_UP)}
    measured_on = data.get("measured_on", measurement.measured_on)
    _check_wage_value(
        measured_on,
        data.get("next_measurement_on", measurement.next_measurement_on),
        data.get("percentage", measurement.percentage),
    )
    if (
        WageValueMeasurement.objects.filter(
            participant_id=measurement.participant_id, measured_on=measured_on
        )
        .exclude(pk=measurement.pk)
        .exists()
    ):
        raise ValidationError(
            {"measured_on": _("Op deze datum is al een meting van deze deelnemer vastgelegd.")}
        )
    measurement, _changed = model_update(
        instance=measurement, data=data, actor=actor, allowed=EDITABLE_WAGE_VALUE
    )
    return measurement


# --- programme settings ---------------------------------------------------------------------


# What a collective agreement may set (art. 7:668a lid 5 en 13 BW): at most six
# contracts in at most 48 months; a gap of at least three months (recurring seasonal
# work). Stricter numbers, in the employee's favour, are always allowed.
CHAIN_SETTING_RANGES: dict[str, tuple[int, int]] = {
    "chain_max_contracts": (1, 6),
    "chain_max_months": (1, 48),
    "chain_max_gap_months": (3, 24),
}


def _check_chain_settings(data: dict[str, Any]) -> None:
    messages = {
        "chain_max_contracts": _(
            "Vul een aantal contracten van %(low)s tot en met %(high)s in: wettelijk 3, een "
            "cao kan er ten hoogste 6 toestaan."
        ),
        "chain_max_months": _(
            "Vul een aantal maanden van %(low)s tot en met %(high)s in: wettelijk 36, een cao "
            "kan ten hoogste 48 maanden toestaan."
        ),
        "chain_max_gap_months": _(
            "Vul een tussenpoos van %(low)s tot en met %(high)s maanden in: wettelijk 6, een "
            "cao kan die voor terugkerend seizoenswerk tot 3 maanden verkorten."
        ),
    }
    errors = {}
    for name, (low, high) in CHAIN_SETTING_RANGES.items():
        value = data.get(name)
        if name in data and (not isinstance(value, int) or not low <= value <= high):
            errors[name] = messages[name] % {"low": low, "high": high}
    if "chain_across_employers" in data and not isinstance(data["chain_across_employers"], bool):
        errors["chain_across_employers"] = _("Kies ja of nee.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contract_settings_set(
    *, programme: Programme, actor: User | None, data: dict[str, Any]
) -> ContractSettings:
    """Save a programme's contract settings (created on first save)."""
    unknown = set(data) - SETTINGS_FIELDS
    if unknown:
        raise ValidationError(
            _("Deze velden kunnen niet worden gewijzigd: %s") % ", ".join(sorted(unknown))
        )
    if "fulltime_hours" in data and data["fulltime_hours"] not in FulltimeWeek.values:
        raise ValidationError({"fulltime_hours": _("Kies 36, 38 of 40 uur.")})
    _check_chain_settings(data)
    existing = ContractSettings.objects.filter(programme=programme).first()
    if existing is None:
        return model_create(
            instance=ContractSettings(
                municipality_id=programme.municipality_id, programme=programme, **data
            ),
            actor=actor,
        )
    settings, _changed = model_update(
        instance=existing, data=data, actor=actor, allowed=SETTINGS_FIELDS
    )
    return settings
