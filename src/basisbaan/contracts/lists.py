"""The columns of the contract and wage-value lists, as the personal-data policy allows."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from basisbaan.core.export import Kind
from basisbaan.core.listing import ListColumn
from basisbaan.participants.listing import name_column
from basisbaan.participants.privacy import PersonalDataPolicy


def contract_columns(policy: PersonalDataPolicy) -> list[ListColumn]:
    return [
        name_column(policy, lambda c: c.participant),
        ListColumn(
            "employer",
            _("Juridisch werkgever"),
            ("employer_name",),
            lambda c: c.employer_name,
            width=28,
            field="employer_name",
        ),
        ListColumn("periods", _("Periodes"), (), lambda c: len(c.periods.all()), Kind.INTEGER, 10),
        ListColumn("start", _("Van"), ("first_start",), lambda c: c.first_start, Kind.DATE, 12),
        ListColumn("end", _("Tot en met"), ("last_end",), lambda c: c.last_end, Kind.DATE, 12),
        ListColumn(
            "wage_subsidy",
            _("Loonkostensubsidie"),
            ("wage_subsidy",),
            lambda c: _("ja") if c.wage_subsidy else _("nee"),
        ),
    ]


def wage_value_columns(policy: PersonalDataPolicy) -> list[ListColumn]:
    return [
        name_column(policy, lambda m: m.participant),
        ListColumn(
            "measured_on",
            _("Datum meting"),
            ("measured_on",),
            lambda m: m.measured_on,
            Kind.DATE,
            12,
        ),
        ListColumn(
            "percentage",
            _("Loonwaarde"),
            ("percentage",),
            # Stored as a number of percent (55.50); the file holds the fraction.
            lambda m: Decimal(m.percentage) / 100,
            Kind.PERCENT,
            12,
        ),
        ListColumn("method", _("Methode"), ("method",), lambda m: m.get_method_display()),
        ListColumn("assessor", _("Loonwaardedeskundige"), ("assessor",), lambda m: m.assessor),
        ListColumn(
            "next_measurement_on",
            _("Volgende meting"),
            ("next_measurement_on",),
            lambda m: m.next_measurement_on,
            Kind.DATE,
            12,
        ),
    ]


def decision_columns(policy: PersonalDataPolicy) -> list[ListColumn]:
    """A period that needs a decision about renewal (the worklist's rows, in its order)."""
    return [
        name_column(policy, lambda d: d.participant),
        ListColumn(
            "employer",
            _("Werkgever"),
            (),
            lambda d: d.contract.employer_name,
            width=28,
            field="employer_name",
        ),
        ListColumn("end_date", _("Einde periode"), (), lambda d: d.period.end_date, Kind.DATE, 12),
        ListColumn(
            "notice_deadline",
            _("Aanzeggen uiterlijk"),
            (),
            lambda d: d.notice_deadline,
            Kind.DATE,
            14,
        ),
        ListColumn("days_left", _("Dagen"), (), lambda d: d.days_left, Kind.INTEGER, 8),
        ListColumn("status", _("Status"), (), lambda d: d.status.label, width=26),
        ListColumn("chain", _("Ketenregeling"), (), lambda d: d.chain_summary, width=40),
        ListColumn(
            "delay_per_day",
            _("Uitstel per dag"),
            (),
            lambda d: d.delay.per_day if d.delay else None,
            Kind.MONEY,
            14,
        ),
        ListColumn(
            "delay_so_far",
            _("Aanzegvergoeding bij aanzeggen vandaag"),
            (),
            lambda d: d.delay.so_far if d.delay else None,
            Kind.MONEY,
            16,
        ),
        ListColumn(
            "no_notice",
            _("Zonder aanzegging"),
            (),
            lambda d: d.delay.monthly_wage if d.delay else None,
            Kind.MONEY,
            14,
        ),
    ]


def wage_flag_columns(policy: PersonalDataPolicy) -> list[ListColumn]:
    """A period whose hourly wage falls below the statutory minimum on some day."""
    return [
        name_column(policy, lambda f: f.period.contract.participant),
        ListColumn("start_date", _("Van"), (), lambda f: f.period.start_date, Kind.DATE, 12),
        ListColumn("end_date", _("Tot en met"), (), lambda f: f.period.end_date, Kind.DATE, 12),
        ListColumn("hourly_wage", _("Uurloon"), (), lambda f: f.hourly_wage, Kind.MONEY, 12),
        ListColumn("minimum_wage", _("Minimumloon"), (), lambda f: f.step.value, Kind.MONEY, 12),
        ListColumn(
            "assumed",
            _("Aanname"),
            (),
            lambda f: _("ja") if f.assumed else _("nee"),
            width=10,
        ),
        ListColumn("since", _("Vanaf"), (), lambda f: f.step.since, Kind.DATE, 12),
        ListColumn("message", _("Toelichting"), (), lambda f: f.message, width=60),
    ]
