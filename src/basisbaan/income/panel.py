"""What the "Loont werken?" panel shows of one participant, ready for the template.

Built from :func:`basisbaan.income.selectors.participant_comparison` (the one
comparison every face uses); this module only arranges it: the rows of the
table, the headline's rounded gain, the chart, the plain-Dutch simplifications
and what the caseworker still has to fill in. No permission check and no audit
here: the pages that show a panel do both (``income/views/panel.py``).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from basisbaan.calc.income import Comparison, CurvePoint, compare
from basisbaan.core.svg import Svg
from basisbaan.income.forms import PanelForm
from basisbaan.income.panel_chart import income_chart
from basisbaan.income.rules import ParameterUse, income_years
from basisbaan.income.selectors import ParticipantComparison, participant_comparison
from basisbaan.income.texts import SIMPLIFICATION_STAFF_TEXT
from basisbaan.participants.constants import HouseholdType
from basisbaan.participants.models import Participant

__all__ = ["PANEL_FIELDS", "Panel", "Row", "build_panel", "gain_for_hours", "whole_euros"]

# The participant's fields a panel shows (for the audit of the read).
PANEL_FIELDS = ["household_type", "children_birth_months", "rent_month", "partner_income_year"]


def whole_euros(amount: Decimal) -> Decimal:
    """An amount rounded half up to whole euros (the headline says "ongeveer")."""
    return amount.quantize(Decimal(1), ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    on_assistance: Decimal
    working: Decimal
    total: bool = False

    @property
    def difference(self) -> Decimal:
        return self.working - self.on_assistance


@dataclass(frozen=True, slots=True)
class Panel:
    """One participant's panel. ``result`` is None when nothing could be computed;
    ``missing`` says what to fill in, ``notes`` what was left out for lack of data."""

    participant: Participant
    form: PanelForm
    result: ParticipantComparison | None = None
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    chart: list[Svg] = field(default_factory=list)
    simplifications: list[str] = field(default_factory=list)

    @property
    def comparison(self) -> Comparison | None:
        return self.result.comparison if self.result else None

    @property
    def hours(self) -> Decimal | None:
        return self.comparison.job.hours_per_week if self.comparison else None

    @property
    def gain(self) -> Decimal | None:
        """The gain per month in whole euros, without its sign."""
        return abs(whole_euros(self.comparison.gain_month)) if self.comparison else None

    @property
    def direction(self) -> str:
        """``more``, ``less`` or ``same`` (the gain rounded to whole euros)."""
        if self.comparison is None:
            return ""
        gain = whole_euros(self.comparison.gain_month)
        return "more" if gain > 0 else "less" if gain < 0 else "same"

    @property
    def keeps_cents(self) -> Decimal | None:
        """Of each extra gross euro, the cents the household keeps."""
        if self.comparison is None:
            return None
        return ((1 - self.comparison.marginal_pressure) * 100).quantize(Decimal(1), ROUND_HALF_UP)

    @property
    def start(self) -> dt.date | None:
        if self.comparison is None:
            return None
        return dt.date(self.comparison.year, self.comparison.job.start_month, 1)

    @property
    def curve(self) -> tuple[CurvePoint, ...]:
        return self.comparison.curve if self.comparison else ()

    @property
    def assumptions(self) -> tuple[ParameterUse, ...]:
        return self.result.rules.assumptions if self.result else ()


def _missing(participant: Participant) -> tuple[list[str], list[str]]:
    """What stops the calculation, and what it leaves out for lack of data."""
    kind = participant.household_type
    if kind == HouseholdType.OTHER or not kind:
        return [
            _(
                "De leefsituatie is ‘Anders’. Kies bij de gegevens de leefsituatie "
                "(alleenstaand, alleenstaande ouder of gehuwd/samenwonend): daar hangt de "
                "bijstandsnorm van af."
            )
        ], []
    notes = []
    if participant.rent_month is None:
        notes.append(
            _("De huur is niet ingevuld: de huurtoeslag is niet meegeteld. Vul de huur in.")
        )
    if (
        kind in (HouseholdType.COUPLE, HouseholdType.COUPLE_WITH_CHILDREN)
        and participant.partner_income_year is None
    ):
        notes.append(
            _(
                "Het inkomen van de partner is niet ingevuld: er is gerekend met geen "
                "inkomen. Vul het in als de partner werkt."
            )
        )
    if (
        kind in (HouseholdType.SINGLE_PARENT, HouseholdType.COUPLE_WITH_CHILDREN)
        and not participant.children_birth_months
    ):
        notes.append(
            _(
                "Er zijn geen kinderen ingevuld: het kindgebonden budget is niet meegeteld. "
                "Vul de geboortemaanden van de kinderen in."
            )
        )
    return [], notes


def _rows(comparison: Comparison) -> list[Row]:
    on, work = comparison.on_assistance, comparison.working
    rows = [Row(_("Netto loon"), on.net_wage, work.net_wage)]
    if on.partner_net or work.partner_net:
        rows.append(Row(_("Netto inkomen partner"), on.partner_net, work.partner_net))
    rows += [
        Row(_("Bijstand (aanvulling)"), on.assistance, work.assistance),
        Row(_("Zorgtoeslag"), on.healthcare, work.healthcare),
        Row(_("Huurtoeslag"), on.rent, work.rent),
        Row(_("Kindgebonden budget"), on.child, work.child),
    ]
    rows += [Row(name, amount, dict(work.local).get(name, Decimal(0))) for name, amount in on.local]
    rows.append(Row(_("Totaal per maand"), on.total, work.total, total=True))
    return rows


def build_panel(
    participant: Participant,
    *,
    today: dt.date,
    data: Mapping[str, Any] | None = None,
    hours: Decimal | None = None,
) -> Panel:
    """The panel of ``participant`` on ``today``: ``data`` is the panel form's GET
    input (hours, start month, year); ``hours`` the page's default (a position's
    hours), else the contract's or 32."""
    years = income_years(today)
    form = PanelForm(data or None, years=years)
    asked_hours, year, month = form.choice()
    missing, notes = _missing(participant)
    if missing:
        return Panel(participant, form, missing=missing)
    try:
        result = participant_comparison(
            participant,
            today=today,
            hours=asked_hours if asked_hours is not None else hours,
            year=year,
            start_month=month,
        )
    except LookupError:
        return Panel(
            participant,
            form,
            missing=[
                _("Voor %(year)s zijn niet alle bedragen bekend. Kies een ander jaar.")
                % {"year": year or today.year}
            ],
        )
    if result is None:  # pragma: no cover (the household type is checked above)
        return Panel(participant, form, missing=missing)
    comparison = result.comparison
    if not form.is_bound:
        form = PanelForm(
            initial={
                "uren": comparison.job.hours_per_week,
                "maand": comparison.job.start_month,
                "jaar": comparison.year,
            },
            years=years,
        )
    return Panel(
        participant,
        form,
        result=result,
        notes=notes,
        rows=_rows(comparison),
        chart=income_chart(comparison.curve, comparison.job.hours_per_week, f"inc{participant.pk}"),
        simplifications=[
            str(SIMPLIFICATION_STAFF_TEXT.get(code, code)) for code in comparison.simplifications
        ],
    )


def gain_for_hours(result: ParticipantComparison, hours: Decimal) -> Decimal:
    """The gain per month of the same household and wage at other ``hours`` (no query)."""
    comparison = result.comparison
    if hours == comparison.job.hours_per_week:
        return comparison.gain_month
    job = dataclasses.replace(comparison.job, hours_per_week=hours)
    return compare(result.rules.rules, comparison.household, job, schemes=result.schemes).gain_month
