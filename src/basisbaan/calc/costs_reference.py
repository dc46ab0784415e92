"""The cost model once more, one row at a time in Decimal euros. Pure; no Django.

Not used by the product: it states the rules of :mod:`basisbaan.calc.costs`
and :mod:`basisbaan.calc.subsidy` the way a controller would compute them by
hand, so that the tests and the benchmark can check that the vectorised
integer version gives exactly the same cents, and so that the benchmark can
show what vectorising gains.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from basisbaan.calc.costs import COST_FIELDS, CostInputs, FundingLine
from basisbaan.calc.fixed import CENTS, PPM, TENTHS, quantize_cents

__all__ = ["ReferenceRow", "reference_month_cost", "reference_row"]

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class ReferenceRow:
    """One contract-month in natural units: euros, fractions, hours."""

    days: int
    days_in_month: int
    hourly_wage: Decimal
    hours_per_week: Decimal
    holiday_rate: Decimal
    charges_rate: Decimal
    max_premium_wage: Decimal
    pension_rate: Decimal = ZERO
    monitoring_fee: Decimal = ZERO
    minimum_wage: Decimal = ZERO
    wage_value: Decimal = Decimal(1)
    lks_cap: Decimal = ZERO
    lks_allowance_rate: Decimal = ZERO
    host_share: Decimal = ZERO
    host_contribution: Decimal = ZERO
    esf_share: Decimal = ZERO
    budget_lines: int = FundingLine.PROGRAMME


def reference_row(inputs: CostInputs, index: int) -> ReferenceRow:
    """Row ``index`` of the vectorised input, converted to Decimal."""

    def eur(name: str) -> Decimal:
        return Decimal(int(getattr(inputs, name)[index])) / CENTS

    def rate(name: str) -> Decimal:
        return Decimal(int(getattr(inputs, name)[index])) / PPM

    return ReferenceRow(
        days=int(inputs.days[index]),
        days_in_month=int(inputs.days_in_month[index]),
        hourly_wage=eur("hourly_wage"),
        hours_per_week=Decimal(int(inputs.hours[index])) / TENTHS,
        holiday_rate=rate("holiday_ppm"),
        charges_rate=rate("charges_ppm"),
        max_premium_wage=eur("max_premium_wage"),
        pension_rate=rate("pension_ppm"),
        monitoring_fee=eur("monitoring_fee"),
        minimum_wage=eur("minimum_wage"),
        wage_value=rate("wage_value_ppm"),
        lks_cap=rate("lks_cap_ppm"),
        lks_allowance_rate=rate("lks_allowance_ppm"),
        host_share=rate("host_share_ppm"),
        host_contribution=eur("host_contribution"),
        esf_share=rate("esf_share_ppm"),
        budget_lines=int(inputs.budget_lines[index]),
    )


def reference_month_cost(row: ReferenceRow) -> dict[str, Decimal]:
    """The cost of one contract-month in euros, keyed like :class:`CostRows`."""
    q = quantize_cents

    def part(full: Decimal) -> Decimal:
        if row.days == row.days_in_month:
            return full
        return q(full * row.days / row.days_in_month)

    gross_full = q(row.hourly_wage * row.hours_per_week * 52 / 12)
    holiday_full = q(gross_full * row.holiday_rate)
    wage_full = gross_full + holiday_full
    premium_base = min(wage_full, q(row.max_premium_wage / 12))
    charges_full = q(premium_base * row.charges_rate)
    pension_full = q(wage_full * row.pension_rate)

    minimum_month = q(row.minimum_wage * row.hours_per_week * 52 / 12)
    minimum_with_holiday = minimum_month + q(minimum_month * row.holiday_rate)
    lks_wage_full = min(
        q(minimum_with_holiday * (1 - row.wage_value)), q(minimum_with_holiday * row.lks_cap)
    )
    lks_allowance_full = q(lks_wage_full * row.lks_allowance_rate)

    cost = {
        "gross": part(gross_full),
        "holiday_allowance": part(holiday_full),
        "employer_charges": part(charges_full),
        "pension": part(pension_full),
        "monitoring_fee": part(row.monitoring_fee),
        "lks_wage": part(lks_wage_full),
        "lks_allowance": part(lks_allowance_full),
    }
    total = (
        cost["gross"]
        + cost["holiday_allowance"]
        + cost["employer_charges"]
        + cost["pension"]
        + cost["monitoring_fee"]
    )
    lks = cost["lks_wage"] + cost["lks_allowance"]
    buig = min(lks, total)
    host = min(q(total * row.host_share) + part(row.host_contribution), total - buig)
    esf = min(q(total * row.esf_share), total - buig - host)
    programme = total - buig - host - esf
    budget = programme
    for line, amount in (
        (FundingLine.BUIG, buig),
        (FundingLine.HOST, host),
        (FundingLine.ESF, esf),
    ):
        if row.budget_lines & line:
            budget += amount
    cost |= {
        "total": total,
        "lks": lks,
        "funding_programme": programme,
        "funding_buig": buig,
        "funding_host": host,
        "funding_esf": esf,
        "budget_charge": budget,
    }
    return {name: cost[name] for name in COST_FIELDS}
