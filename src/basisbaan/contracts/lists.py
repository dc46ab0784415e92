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
