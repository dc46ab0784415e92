"""One comparison as the API and the command line give it: the same structure,
through the same serializers, so ``basisbaan income_check --format json`` prints
exactly what ``/api/v1/income-check/`` answers.

:func:`comparison_data` turns a :class:`~basisbaan.income.selectors.ParticipantComparison`
into plain values (Decimals, dates, ints); :class:`IncomeCheckSerializer`
describes them and writes amounts as decimal text in euro, as the rest of the
API does. :func:`comparison_json` is both in one.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from basisbaan.calc.income import Breakdown, Comparison
from basisbaan.income.selectors import ParticipantComparison
from basisbaan.income.texts import KIND_CODE, SIMPLIFICATION_STAFF_TEXT

__all__ = ["IncomeCheckSerializer", "comparison_data", "comparison_json"]


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=14, decimal_places=2, **kwargs)


class IncomeInputsSerializer(serializers.Serializer[Any]):
    household = serializers.ChoiceField(choices=sorted(KIND_CODE.values()))
    children_ages = serializers.ListField(child=serializers.IntegerField())
    rent_month = _money(help_text="Huur per maand (rekenhuur).")
    partner_income_year = _money(help_text="Bruto inkomen uit werk van de partner per jaar.")
    hours_per_week = serializers.DecimalField(max_digits=5, decimal_places=2)
    hourly_wage = serializers.DecimalField(max_digits=8, decimal_places=2)
    year = serializers.IntegerField()
    start_month = serializers.IntegerField(help_text="De maand (1-12) waarin het werk begint.")
    pension_rate = serializers.DecimalField(
        max_digits=6, decimal_places=4, help_text="Pensioenpremie werknemer, deel van het bruto."
    )


class IncomeLocalAmountSerializer(serializers.Serializer[Any]):
    name = serializers.CharField()
    amount = _money()


class IncomeBreakdownSerializer(serializers.Serializer[Any]):
    gross_wage = _money(help_text="Brutoloon met vakantiegeld.")
    pension = _money(help_text="Pensioenpremie werknemer.")
    wage_tax = _money(help_text="Loonheffing na heffingskortingen.")
    net_wage = _money(help_text="Nettoloon.")
    partner_net = _money(help_text="Netto inkomen van de partner.")
    assistance = _money(help_text="Bijstand (aanvulling), zonder vrijlating.")
    healthcare = _money(help_text="Zorgtoeslag.")
    rent = _money(help_text="Huurtoeslag.")
    child = _money(help_text="Kindgebonden budget.")
    allowances = _money(help_text="Zorgtoeslag, huurtoeslag en kindgebonden budget samen.")
    local = IncomeLocalAmountSerializer(
        many=True, help_text="De lokale regelingen van de gemeente."
    )
    local_total = _money(help_text="De lokale regelingen samen.")
    total = _money(help_text="Netto huishoudinkomen.")


class IncomeMonthSerializer(serializers.Serializer[Any]):
    month = serializers.IntegerField()
    working = serializers.BooleanField(help_text="Vanaf de startmaand: aan het werk.")
    on_assistance = _money()
    total = _money(help_text="Met de vrijlating in de eerste maanden.")
    difference = _money()


class IncomeCurvePointSerializer(serializers.Serializer[Any]):
    hours = serializers.IntegerField()
    on_assistance = _money()
    working = _money()


class IncomeYearFiguresSerializer(serializers.Serializer[Any]):
    gross = _money(help_text="Brutoloon per jaar met vakantiegeld.")
    tax_before_credits = _money()
    general_credit = _money(help_text="Gebruikte algemene heffingskorting.")
    labour_credit = _money(help_text="Gebruikte arbeidskorting.")
    wage_tax = _money(help_text="Loonheffing per jaar.")


class IncomeSimplificationSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    text = serializers.CharField()


class IncomeParameterUsedSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    value = serializers.CharField(help_text="Decimaal getal als tekst.")
    valid_from = serializers.DateField()
    source = serializers.CharField()  # type: ignore[assignment]
    assumption = serializers.BooleanField()


class IncomeCheckSerializer(serializers.Serializer[Any]):
    inputs = IncomeInputsSerializer()
    on_assistance = IncomeBreakdownSerializer(help_text="Met bijstand, gemiddeld per maand.")
    working = IncomeBreakdownSerializer(help_text="Met de basisbaan, gemiddeld per maand.")
    gain_month = _money(help_text="Verschil per maand (gemiddeld).")
    gain_year = _money(help_text="Verschil over een heel jaar.")
    disregard_month = _money(help_text="Vrijlating per maand in de eerste maanden.")
    disregard_months = serializers.IntegerField()
    marginal_pressure = serializers.DecimalField(
        max_digits=8, decimal_places=4, help_text="Marginale druk bij een uur per week meer."
    )
    pays_from_hours = serializers.IntegerField(
        allow_null=True, help_text="Vanaf zoveel uur per week loont werken; null: niet tot 40."
    )
    year_figures = IncomeYearFiguresSerializer()
    first_year = IncomeMonthSerializer(many=True)
    first_year_gain = _money()
    curve = IncomeCurvePointSerializer(many=True, help_text="0 tot 40 uur per week.")
    simplifications = IncomeSimplificationSerializer(many=True)
    parameters_used = IncomeParameterUsedSerializer(many=True)


def _breakdown(b: Breakdown) -> dict[str, Any]:
    return {
        "gross_wage": b.gross_wage,
        "pension": b.pension,
        "wage_tax": b.wage_tax,
        "net_wage": b.net_wage,
        "partner_net": b.partner_net,
        "assistance": b.assistance,
        "healthcare": b.healthcare,
        "rent": b.rent,
        "child": b.child,
        "allowances": b.allowances,
        "local": [{"name": name, "amount": amount} for name, amount in b.local],
        "local_total": sum((amount for _name, amount in b.local), Decimal(0)),
        "total": b.total,
    }


def _inputs(c: Comparison) -> dict[str, Any]:
    h, job = c.household, c.job
    return {
        "household": KIND_CODE[h.kind],
        "children_ages": list(h.children_ages),
        "rent_month": h.rent_month,
        "partner_income_year": h.partner_gross_year,
        "hours_per_week": job.hours_per_week,
        "hourly_wage": job.hourly_wage,
        "year": c.year,
        "start_month": job.start_month,
        "pension_rate": job.pension_rate,
    }


def comparison_data(result: ParticipantComparison) -> dict[str, Any]:
    """The comparison as the plain structure :class:`IncomeCheckSerializer` describes."""
    c = result.comparison
    return {
        "inputs": _inputs(c),
        "on_assistance": _breakdown(c.on_assistance),
        "working": _breakdown(c.working),
        "gain_month": c.gain_month,
        "gain_year": c.gain_year,
        "disregard_month": c.disregard_month,
        "disregard_months": c.disregard_months,
        "marginal_pressure": c.marginal_pressure,
        "pays_from_hours": c.pays_from_hours,
        "year_figures": {
            "gross": c.gross_year,
            "tax_before_credits": c.tax_before_credits_year,
            "general_credit": c.general_credit_year,
            "labour_credit": c.labour_credit_year,
            "wage_tax": c.wage_tax_year,
        },
        "first_year": [
            {
                "month": row.month,
                "working": row.working,
                "on_assistance": row.on_assistance,
                "total": row.total,
                "difference": row.total - row.on_assistance,
            }
            for row in c.first_year
        ],
        "first_year_gain": c.first_year_gain,
        "curve": [
            {"hours": p.hours, "on_assistance": p.on_assistance, "working": p.working}
            for p in c.curve
        ],
        "simplifications": [
            {"code": str(code), "text": str(SIMPLIFICATION_STAFF_TEXT[code])}
            for code in c.simplifications
        ],
        "parameters_used": [
            {
                "key": use.key,
                "label": use.label,
                "value": format(use.value.normalize(), "f"),
                "valid_from": use.effective_date,
                "source": use.source,
                "assumption": use.assumption,
            }
            for use in result.rules.used
        ],
    }


def comparison_json(result: ParticipantComparison) -> dict[str, Any]:
    """The comparison as the API answers it (amounts as decimal text, dates ISO)."""
    data: dict[str, Any] = IncomeCheckSerializer(comparison_data(result)).data
    return data
