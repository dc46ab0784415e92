"""Wage-cost advantages (loonkostenvoordelen, LKV): the writes and reads of the
entitlements recorded per participant, and the LKV they are expected to bring.

Writes (``lkv_record``, ``lkv_update``, ``lkv_remove``) validate, save and audit in
one transaction:

- the end lies on or after the start, and the entitlement does not start before
  the employment it belongs to;
- every kind but the banenafspraak needs a doelgroepverklaring (its reference and
  date); the banenafspraak needs the employee's registration in the
  doelgroepregister, which the reference may record;
- a participant has at most one LKV at a time (no overlapping entitlements).

Reads: :func:`lkv_income` (per participant and per programme, per calendar year,
for the budget and the business case) and :func:`participant_lkv` (the
participant page), both from the contract periods' hours and the dated
parameters (:mod:`basisbaan.calc.lkv`) in a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from basisbaan.calc.dated import DatedSeries
from basisbaan.calc.dates import HORIZON
from basisbaan.calc.fixed import euros, to_tenths
from basisbaan.calc.lkv import OLDER_MIN_AGE, Claim, LkvReason, LkvTable, LkvYear, Span, lkv_years
from basisbaan.contracts.constants import LKV_FIELDS, LKV_NO_DECLARATION, LkvKind
from basisbaan.contracts.models import ContractPeriod, LkvEntitlement
from basisbaan.core.services import (
    ensure_same_municipality,
    model_create,
    model_delete,
    model_update,
)
from basisbaan.parameters.models import ParameterValue
from basisbaan.parameters.selectors import places_of
from basisbaan.participants.models import Participant
from basisbaan.tenancy.models import Municipality, User

__all__ = [
    "LkvIncome",
    "ParticipantLkv",
    "lkv_income",
    "lkv_list",
    "lkv_record",
    "lkv_remove",
    "lkv_update",
    "participant_lkv",
    "reason_text",
]

EDITABLE = frozenset(LKV_FIELDS)
# The kind's prefix in the parameter keys (seed_lkv).
KEY_PREFIX = {
    LkvKind.BANENAFSPRAAK: "banenafspraak",
    LkvKind.SCHOLINGSBELEMMERD: "scholing",
    LkvKind.OLDER: "older",
    LkvKind.DISABLED: "disabled",
    LkvKind.REPLACED: "replaced",
}
# A page shows at most this many years of one entitlement (an open end runs on).
PAGE_YEARS = 10


# --- writes -----------------------------------------------------------------------------


def _check(
    *,
    participant_id: int,
    kind: str,
    start: dt.date,
    end: dt.date | None,
    employment_start: dt.date | None,
    reference: str,
    declaration_date: dt.date | None,
    exclude: int | None = None,
) -> None:
    if end is not None and end < start:
        raise ValidationError({"end_date": _("De einddatum ligt vóór de startdatum.")})
    if employment_start is not None and start < employment_start:
        raise ValidationError(
            {"start_date": _("Het loonkostenvoordeel begint niet vóór de indiensttreding.")}
        )
    if kind not in LKV_NO_DECLARATION:
        if not reference.strip():
            raise ValidationError(
                {
                    "declaration_reference": _(
                        "Voor dit loonkostenvoordeel is een doelgroepverklaring nodig: "
                        "vul het kenmerk van de verklaring in."
                    )
                }
            )
        if declaration_date is None:
            raise ValidationError(
                {"declaration_date": _("Vul de datum van de doelgroepverklaring in.")}
            )
    others = LkvEntitlement.objects.filter(participant_id=participant_id).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=start)
    )
    if end is not None:
        others = others.filter(start_date__lte=end)
    if exclude is not None:
        others = others.exclude(pk=exclude)
    if others.exists():
        raise ValidationError(
            {
                "start_date": _(
                    "Deze deelnemer heeft in deze periode al een loonkostenvoordeel; "
                    "per werknemer geldt één loonkostenvoordeel tegelijk."
                )
            }
        )


@transaction.atomic
def lkv_record(
    *,
    municipality: Municipality,
    actor: User | None,
    participant: Participant,
    kind: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
    employment_start: dt.date | None = None,
    declaration_reference: str = "",
    declaration_date: dt.date | None = None,
    note: str = "",
) -> LkvEntitlement:
    """Record an LKV the employer may claim for ``participant``."""
    ensure_same_municipality(municipality, participant=participant)
    _check(
        participant_id=participant.pk,
        kind=kind,
        start=start_date,
        end=end_date,
        employment_start=employment_start,
        reference=declaration_reference,
        declaration_date=declaration_date,
    )
    return model_create(
        instance=LkvEntitlement(
            municipality=municipality,
            participant=participant,
            kind=kind,
            start_date=start_date,
            end_date=end_date,
            employment_start=employment_start,
            declaration_reference=declaration_reference.strip(),
            declaration_date=declaration_date,
            note=note,
        ),
        actor=actor,
    )


@transaction.atomic
def lkv_update(
    *, entitlement: LkvEntitlement, actor: User | None, data: dict[str, Any]
) -> LkvEntitlement:
    """Correct an entitlement (a later declaration, an end date)."""
    if isinstance(data.get("declaration_reference"), str):
        data = {**data, "declaration_reference": data["declaration_reference"].strip()}

    def value(name: str) -> Any:
        return data.get(name, getattr(entitlement, name)) if name in EDITABLE else None

    _check(
        participant_id=entitlement.participant_id,
        kind=value("kind"),
        start=value("start_date"),
        end=value("end_date"),
        employment_start=value("employment_start"),
        reference=value("declaration_reference") or "",
        declaration_date=value("declaration_date"),
        exclude=entitlement.pk,
    )
    entitlement, _changed = model_update(
        instance=entitlement, data=data, actor=actor, allowed=EDITABLE
    )
    return entitlement


@transaction.atomic
def lkv_remove(*, entitlement: LkvEntitlement, actor: User | None) -> None:
    """Remove an entitlement recorded by mistake (audited)."""
    model_delete(instance=entitlement, actor=actor)


# --- reads ------------------------------------------------------------------------------


def lkv_list(*, municipality: Municipality) -> QuerySet[LkvEntitlement]:
    return LkvEntitlement.objects.filter(municipality=municipality).select_related(
        "participant", "participant__programme"
    )


def lkv_tables() -> dict[str, LkvTable]:
    """The dated LKV parameters per kind, in one query."""
    rows: dict[str, list[tuple[dt.date, Decimal, str]]] = defaultdict(list)
    for key, day, value, source in ParameterValue.objects.filter(
        key__startswith="lkv_"
    ).values_list("key", "effective_date", "value", "source"):
        rows[key].append((day, value, source))

    def series(key: str) -> DatedSeries:
        return DatedSeries.of(key, rows.get(key, []), places=places_of(key))

    def optional(key: str) -> DatedSeries | None:
        return series(key) if key in rows else None

    return {
        kind: LkvTable(
            hourly=series(f"lkv_{prefix}_hourly"),
            maximum=series(f"lkv_{prefix}_max"),
            months=series(f"lkv_{prefix}_months"),
            trans_hourly=optional(f"lkv_{prefix}_trans_hourly"),
            trans_maximum=optional(f"lkv_{prefix}_trans_max"),
            no_limit=optional(f"lkv_{prefix}_no_limit"),
        )
        for kind, prefix in KEY_PREFIX.items()
    }


def _claim(entitlement: LkvEntitlement) -> Claim:
    return Claim(
        kind=entitlement.kind,
        start=entitlement.start_date,
        end=entitlement.end_date,
        employment_start=entitlement.employment_start,
        has_declaration=bool(entitlement.declaration_reference and entitlement.declaration_date),
        needs_declaration=entitlement.kind not in LKV_NO_DECLARATION,
        birth_date=entitlement.participant.date_of_birth,
        older=entitlement.kind == LkvKind.OLDER,
    )


def _spans(municipality: Municipality, participant_ids: Iterable[int]) -> dict[int, list[Span]]:
    """The contract periods of the participants, in one query."""
    spans: dict[int, list[Span]] = defaultdict(list)
    for participant_id, start, end, hours in ContractPeriod.objects.filter(
        municipality=municipality, contract__participant_id__in=list(participant_ids)
    ).values_list("contract__participant_id", "start_date", "end_date", "hours_per_week"):
        spans[participant_id].append(Span(start, end, to_tenths(hours)))
    return spans


def _years(
    municipality: Municipality,
    entitlements: list[LkvEntitlement],
    years: range,
    between: tuple[dt.date, dt.date] | None = None,
) -> list[list[LkvYear]]:
    if not entitlements:
        return []
    spans = _spans(municipality, {e.participant_id for e in entitlements})
    return lkv_years(
        [_claim(e) for e in entitlements],
        [spans.get(e.participant_id, []) for e in entitlements],
        lkv_tables(),
        years,
        between=between,
    )


@dataclass
class LkvIncome:
    """Expected LKV in euros per calendar year: per participant and per programme."""

    participants: dict[int, dict[int, Decimal]] = field(default_factory=dict)
    programmes: dict[int, dict[int, Decimal]] = field(default_factory=dict)

    def programme_year(self, programme_id: int, year: int) -> Decimal:
        return self.programmes.get(programme_id, {}).get(year, Decimal("0.00"))


def lkv_income(
    municipality: Municipality,
    *,
    programme_ids: Iterable[int],
    start: dt.date,
    end: dt.date,
) -> LkvIncome:
    """The LKV the recorded entitlements of the programmes' participants are expected
    to bring, per calendar year from ``start``'s to ``end``'s: the paid hours of the
    days ``start..end`` (pass 1 January and 31 December for whole years), capped at
    each year's maximum. Years without LKV are left out. Three queries.
    """
    first, last = max(start.year, HORIZON[0].year), min(end.year, HORIZON[1].year)
    years = range(first, last + 1)
    entitlements = list(
        LkvEntitlement.objects.filter(
            municipality=municipality, participant__programme_id__in=list(programme_ids)
        )
        .select_related("participant")
        .order_by("participant_id", "start_date", "id")
    )
    income = LkvIncome()
    lines_of = _years(municipality, entitlements, years, (start, end))
    for entitlement, lines in zip(entitlements, lines_of, strict=True):
        programme_id = entitlement.participant.programme_id
        for line in lines:
            if not line.amount:
                continue
            amount = euros(line.amount)
            person = income.participants.setdefault(entitlement.participant_id, {})
            person[line.year] = person.get(line.year, Decimal("0.00")) + amount
            programme = income.programmes.setdefault(programme_id, {})
            programme[line.year] = programme.get(line.year, Decimal("0.00")) + amount
    return income


@dataclass(frozen=True)
class LkvYearRow:
    """One year of an entitlement as a page shows it (euros, hours to two decimals)."""

    year: int
    hours: Decimal
    hourly: Decimal | None
    maximum: Decimal | None
    amount: Decimal
    capped: bool
    transitional: bool
    reason: str
    source: str

    @classmethod
    def of(cls, line: LkvYear) -> LkvYearRow:
        rates = line.rates
        hours = Decimal(line.hours.numerator) / Decimal(line.hours.denominator)
        return cls(
            year=line.year,
            hours=hours.quantize(Decimal("0.01"), ROUND_HALF_UP),
            hourly=euros(rates.hourly) if rates else None,
            maximum=euros(rates.maximum) if rates else None,
            amount=euros(line.amount),
            capped=line.capped,
            transitional=bool(rates and rates.transitional),
            reason=reason_text(line.reason),
            source=rates.source if rates else "",
        )


@dataclass(frozen=True)
class ParticipantLkv:
    entitlement: LkvEntitlement
    years: list[LkvYearRow]

    @property
    def total(self) -> Decimal:
        return sum((row.amount for row in self.years), Decimal("0.00"))


def participant_lkv(
    *, municipality: Municipality, participant: Participant
) -> list[ParticipantLkv]:
    """The participant's entitlements with the expected LKV of each year they touch
    (at most :data:`PAGE_YEARS` years from the first one)."""
    entitlements = list(
        lkv_list(municipality=municipality)
        .filter(participant=participant)
        .order_by("start_date", "id")
    )
    if not entitlements:
        return []
    first = max(min(e.start_date for e in entitlements).year, HORIZON[0].year)
    years = range(first, min(first + PAGE_YEARS, HORIZON[1].year + 1))
    lines = _years(municipality, entitlements, years)
    return [
        ParticipantLkv(e, [LkvYearRow.of(line) for line in y])
        for e, y in zip(entitlements, lines, strict=True)
    ]


def reason_text(reason: LkvReason | None) -> str:
    """Why a year brings no LKV, in Dutch (empty when it does)."""
    texts = {
        LkvReason.NO_DECLARATION: _("geen doelgroepverklaring vastgelegd"),
        LkvReason.TOO_YOUNG: _("jonger dan %(age)s jaar bij indiensttreding")
        % {"age": OLDER_MIN_AGE},
        LkvReason.NO_AMOUNT: _("geen bedrag bekend voor dit jaar"),
        LkvReason.ABOLISHED: _("afgeschaft voor deze dienstbetrekking"),
        LkvReason.NO_HOURS: _("geen contracturen binnen het loonkostenvoordeel"),
    }
    return texts[reason] if reason is not None else ""
