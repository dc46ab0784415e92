"""The generated blocks of a council report, computed from live data as of a day.

Every count of people goes through the one suppression function
(:mod:`basisbaan.calc.suppression`): the participants by track and status and
the outcomes come from the outcome report (one linked set of figures,
``outcomes/figures.py``); the figures only a report has (wage-cost subsidy,
renewal decisions) are suppressed here, linked to the outcome figures they sum
to. Amounts of money are totals of the programme's public budget, as the
council letter publishes them; a year in which fewer people than the threshold
were paid shows no wage spending (it would be their wages).

The result is plain JSON (:mod:`.tables`): what a final version stores.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from basisbaan.budgets.constants import DEFAULT_DRAWS, DEFAULT_SEED
from basisbaan.budgets.forecasting import ProgrammeForecast, build
from basisbaan.budgets.jobs import cached_capacity, cached_forecast
from basisbaan.calc.forecast import Scenario
from basisbaan.calc.suppression import Mark, split, suppress
from basisbaan.contracts.constants import Decision
from basisbaan.contracts.models import ContractPeriod, RenewalDecision
from basisbaan.core.formatting import month_text
from basisbaan.core.money import group_number
from basisbaan.guidance.selectors import norm_report
from basisbaan.outcomes.figures import OutcomeReport, suppressed_text
from basisbaan.outcomes.layout import column_labels, follow_up_table, key_table
from basisbaan.outcomes.reports import cached_outcome_report
from basisbaan.payroll.models import PayrollEntry
from basisbaan.programmes.models import Programme
from basisbaan.reports.research import research_block
from basisbaan.reports.tables import Json, cell, count_cell, table_json, text_cell

__all__ = ["euro_text", "report_figures"]

STATUS_ROWS = {"started", "active", "working", "between", "exited"}


def euro_text(value: Decimal) -> str:
    """Whole euros, Dutch style: ``€ 162.000``."""
    return "€ " + group_number(value, places=0, decimal_sep=",", thousand_sep=".")


def _running_periods(programme: Programme, as_of: dt.date) -> Any:
    return ContractPeriod.objects.filter(
        municipality_id=programme.municipality_id,
        contract__participant__programme=programme,
        start_date__lte=as_of,
        end_date__gte=as_of,
    )


def _key_figures(programme: Programme, report: OutcomeReport, as_of: dt.date) -> Json:
    """The headline: at work, with wage-cost subsidy, started, exited, intake."""
    threshold = report.threshold
    working = report.cell("working", 0)
    working_count = report.cube.values.get(("working", 0), 0)
    lks = (
        _running_periods(programme, as_of)
        .filter(contract__wage_subsidy=True)
        .values("contract__participant_id")
        .distinct()
        .count()
    )
    lks = min(lks, working_count)
    # With LKS + without = at work: "without" is never shown, so a small "with" is
    # not recomputable; a small "without" hides "with" when "at work" is shown.
    marks = suppress(
        {"working": working_count, "lks": lks, "no_lks": working_count - lks},
        [split("working", ["lks", "no_lks"])],
        threshold=threshold,
        prefer={"working"},
    )
    lks_mark = marks["lks"]
    if lks_mark == Mark.PUBLISHED and (
        marks["working"] != Mark.PUBLISHED and working.value is not None
    ):
        lks_mark = Mark.SECONDARY  # "at work" is published by the outcome figures
    rows = []
    for key, label, source, definition in (
        ("working", _("Aan het werk in een basisbaan"), "working", _("Op de peildatum.")),
        (
            "started",
            _("Gestart sinds het begin"),
            "started",
            _("Deelnames met een eerste werkdag op of vóór de peildatum."),
        ),
        ("exited", _("Uitgestroomd"), "exited", _("Uit het programma op of vóór de peildatum.")),
    ):
        c = report.cell(source, 0)
        value = c.value
        shown = (
            cell(str(value), value)
            if value is not None
            else cell(suppressed_text(c, threshold), None, c.mark)
        )
        rows.append({"key": key, "label": label, "definition": definition, "cells": [shown]})
    rows.insert(
        1,
        {
            "key": "lks",
            "label": _("Van wie met loonkostensubsidie"),
            "definition": _("Met een lopend contract met loonkostensubsidie op de peildatum."),
            "cells": [count_cell(lks, lks_mark, threshold)],
        },
    )
    rows.append(
        {
            "key": "intake",
            "label": _("Instroom van nieuwe deelnemers"),
            "definition": _("Of het programma nieuwe deelnemers plaatst."),
            "cells": [text_cell(_("open") if programme.intake_open else _("gesloten"))],
        }
    )
    return {
        "title": _("Kerncijfers"),
        "tables": [
            {
                "key": "key",
                "title": _("Kerncijfers op %(day)s") % {"day": date_format(as_of, "j F Y")},
                "columns": [_("Aantal")],
                "rows": rows,
                "note": "",
            }
        ],
    }


def _tracks(report: OutcomeReport) -> Json:
    table = table_json(key_table(report), keep=STATUS_ROWS)
    table["key"] = "tracks"
    table["title"] = _("Deelnemers per spoor en status")
    return {"title": _("Deelnemers per spoor en status"), "tables": [table]}


def _contracts(programme: Programme, as_of: dt.date, start: dt.date, threshold: int) -> Json:
    """Renewal decisions taken in the period, and contracts running on the day."""
    decided = RenewalDecision.objects.filter(
        municipality_id=programme.municipality_id,
        period__contract__participant__programme=programme,
        decided_at__date__gte=start,
        decided_at__date__lte=as_of,
    )
    counts = decided.aggregate(**{d.value: Count("id", filter=Q(decision=d)) for d in Decision})
    running = _running_periods(programme, as_of).aggregate(
        all=Count("id"), permanent=Count("id", filter=Q(contract__is_permanent=True))
    )
    values = {
        "decided": sum(counts.values()),
        "renew": counts[Decision.RENEW],
        "permanent_decision": counts[Decision.PERMANENT],
        "not_renew": counts[Decision.NOT_RENEW],
        "running": running["all"],
        "permanent": running["permanent"],
        "fixed": running["all"] - running["permanent"],
    }
    marks = suppress(
        values,
        [
            split("decided", ["renew", "permanent_decision", "not_renew"]),
            split("running", ["permanent", "fixed"]),
        ],
        threshold=threshold,
    )
    labels = {
        "decided": (_("Besluiten over verlenging in de periode"), _("Alle besluiten samen.")),
        "renew": (_("– verlengd"), _("Met een nieuwe periode van een half jaar.")),
        "permanent_decision": (_("– omgezet in een vast contract"), ""),
        "not_renew": (_("– niet verlengd"), ""),
        "running": (_("Lopende contracten op de peildatum"), ""),
        "permanent": (_("– vast"), ""),
        "fixed": (_("– tijdelijk"), ""),
    }
    rows = [
        {
            "key": key,
            "label": labels[key][0],
            "definition": labels[key][1],
            "cells": [count_cell(values[key], marks[key], threshold)],
        }
        for key in values
    ]
    return {
        "title": _("Contracten en verlengingen"),
        "tables": [
            {
                "key": "contracts",
                "title": _("Contracten en verlengingen"),
                "columns": [_("Aantal")],
                "rows": rows,
                "note": "",
            }
        ],
    }


def _guidance(programme: Programme, as_of: dt.date, threshold: int) -> Json:
    """Guidance hours of the reporting year against the programme's norm."""
    norm = norm_report(municipality=programme.municipality, year=as_of.year, as_of=as_of)
    row = next((r for r in norm.programmes if r.key == programme.pk), None)
    rows = []
    if row is not None:
        line = row.line
        few = 0 < row.participants < threshold
        hours = Decimal(line.hours) / 100
        norm_hours = Decimal(line.norm_to_date) / 100
        ratio = line.ratio
        rows = [
            {
                "key": "hours",
                "label": _("Begeleidingsuren dit jaar"),
                "definition": _("Geschreven uren van jobcoaches en consulenten tot de peildatum."),
                "cells": [
                    cell(group_number(hours, places=0, decimal_sep=",", thousand_sep="."), hours)
                ],
            },
            {
                "key": "norm",
                "label": _("Norm tot de peildatum"),
                "definition": _("De norm per deelnemer naar rato van de dagen in het programma."),
                "cells": [
                    cell(
                        group_number(norm_hours, places=0, decimal_sep=",", thousand_sep="."),
                        norm_hours,
                    )
                ],
            },
            {
                "key": "ratio",
                "label": _("Uren als deel van de norm"),
                "definition": _("100 % is precies de norm."),
                "cells": [
                    cell(
                        f"{group_number(ratio * 100, places=0, decimal_sep=',', thousand_sep='.')} %",
                        ratio,
                    )
                    if ratio is not None
                    else text_cell(_("geen norm"))
                ],
            },
        ]
        if few:
            for r in rows:
                r["cells"] = [cell(_("afgeschermd"), None, Mark.SECONDARY.value)]
    return {
        "title": _("Begeleiding"),
        "tables": [
            {
                "key": "guidance",
                "title": _("Begeleiding in %(year)s") % {"year": as_of.year},
                "columns": [_("Uren")],
                "rows": rows,
                "note": "",
            }
        ],
    }


def _outcomes(report: OutcomeReport) -> Json:
    """Still in the basisbaan after 6/12/24 months, and in work or back on assistance
    after leaving: rows of the outcome tables (leaving rows out publishes less)."""
    retention = table_json(key_table(report), keep={f"retention_{m}" for m in (6, 12, 24)})
    retention["key"] = "retention"
    retention["title"] = _("Nog in de basisbaan")
    if not report.cube.values.get(("exited", 0), 0):
        # Nobody left yet: no table of dashes (that nobody left is published as 0).
        return {"title": _("Uitkomsten"), "tables": [retention]}
    after = table_json(
        follow_up_table(report),
        keep={f"{kind}_{m}" for kind in ("in_work", "on_assistance") for m in (1, 6, 18)},
    )
    return {"title": _("Uitkomsten"), "tables": [retention, after]}


def _paid_counts(programme: Programme, years: list[int]) -> dict[int, int]:
    """The number of people paid per year: one grouped query."""
    per_year = dict(
        PayrollEntry.objects.filter(
            municipality_id=programme.municipality_id,
            participant__programme=programme,
            period__year__in=years,
        )
        .values_list("period__year")
        .annotate(n=Count("participant_id", distinct=True))
        .order_by()
    )
    return {year: per_year.get(year, 0) for year in years}


def _forecast(programme: Programme, built: Any) -> ProgrammeForecast:
    forecast = cached_forecast(
        built, draws=DEFAULT_DRAWS, seed=DEFAULT_SEED, scenario=Scenario.ALL_RENEWED, compute=True
    )
    assert forecast is not None
    return forecast


def _money(value: Decimal | None) -> Json:
    if value is None:
        return text_cell("–")
    return cell(euro_text(value), value.quantize(Decimal(1)))


def _finances(
    programme: Programme, forecast: ProgrammeForecast, as_of: dt.date, threshold: int
) -> Json:
    years = [y for y in forecast.years if y.year <= as_of.year]
    paid = _paid_counts(programme, [y.year for y in years])
    withheld = {year for year, n in paid.items() if 0 < n < threshold}
    hidden = cell(_("afgeschermd"), None, Mark.SECONDARY.value)
    columns = [str(y.year) for y in years]

    def line(key: str, label: str, values: list[Decimal | None], private: bool) -> Json:
        cells = [
            hidden if private and y.year in withheld else _money(v)
            for y, v in zip(years, values, strict=True)
        ]
        return {"key": key, "label": label, "definition": "", "cells": cells}

    rows = [
        line("budget", _("Budget"), [y.amount for y in years], False),
        line("payroll", _("Verloning (loonkosten)"), [y.spent.payroll for y in years], True),
        line("monitoring", _("Monitoring"), [y.spent.monitoring for y in years], False),
        line("research", _("Onderzoek"), [y.spent.research for y in years], False),
        line("other", _("Overig"), [y.spent.other for y in years], False),
        line("spent", _("Uitgegeven"), [y.spent.total for y in years], True),
        line(
            "to_result",
            _("Naar het rekeningresultaat"),
            [y.to_accounts_result for y in years],
            True,
        ),
    ]
    state = {
        "key": "state",
        "label": _("Stand van het jaar"),
        "definition": "",
        "cells": [text_cell(_("afgesloten") if y.closed else _("lopend")) for y in years],
    }
    return {
        "title": _("Financiën"),
        "tables": [
            {
                "key": "finances",
                "title": _("Budget en uitgaven per jaar"),
                "columns": columns,
                "rows": [state, *rows],
                "note": _(
                    "Bedragen in hele euro's. Begeleiding door eigen medewerkers is geen uitgave van dit budget."
                ),
            }
        ],
    }


def _forecast_block(
    programme: Programme, forecast: ProgrammeForecast, as_of: dt.date, built: Any
) -> Json:
    years = [y for y in forecast.years if not y.closed and y.year >= as_of.year]
    columns = [str(y.year) for y in years]

    def line(key: str, label: str, values: list[Any], definition: str = "") -> Json:
        return {"key": key, "label": label, "definition": definition, "cells": values}

    rows = [
        line("budget", _("Budget"), [_money(y.amount) for y in years]),
        line(
            "all_renewed",
            _("Prognose: alle contracten verlengd"),
            [_money(y.all_renewed) for y in years],
        ),
        line(
            "no_renewals",
            _("Prognose: geen verlengingen"),
            [_money(y.no_renewals) for y in years],
        ),
        line(
            "p50",
            _("Verwachting (mediaan van de simulatie)"),
            [_money(y.p50) for y in years],
            _("Verlengingen en uitstroom zoals tot nu toe gezien."),
        ),
        line(
            "band",
            _("80 % van de uitkomsten ligt tussen"),
            [cell(f"{euro_text(y.p10)} – {euro_text(y.p90)}", None, "text") for y in years],
            _("P10 en P90 van de simulatie."),
        ),
        line(
            "overspend",
            _("Kans op overschrijding"),
            [
                cell(f"{round(y.p_overspend * 100)} %", Decimal(str(round(y.p_overspend, 2))))
                if y.budget is not None
                else text_cell("–")
                for y in years
            ],
        ),
    ]
    capacity = cached_capacity(programme, built=built, today=as_of)
    room = {
        "key": "room",
        "title": _("Ruimte voor nieuwe deelnemers"),
        "columns": [_("Aantal")],
        "rows": [
            {
                "key": "room",
                "label": _("Nieuwe deelnemers die binnen het budget passen"),
                "definition": _("Vanaf %(month)s, %(hours)s uur per week, met %(p)s %% zekerheid.")
                % {
                    "month": month_text(capacity.month),
                    "hours": group_number(
                        capacity.hours, places=0, decimal_sep=",", thousand_sep="."
                    ),
                    "p": group_number(
                        capacity.probability * 100, places=0, decimal_sep=",", thousand_sep="."
                    ),
                },
                "cells": [cell(str(capacity.count), capacity.count)],
            }
        ],
        "note": "",
    }
    return {
        "title": _("Prognose"),
        "tables": [
            {
                "key": "forecast",
                "title": _("Prognose per jaar"),
                "columns": columns,
                "rows": rows,
                "note": "",
            },
            room,
        ],
    }


# The cumulative counts whose difference between two reports is a count of people
# (who started, who left in between); stocks (active, at work) are not.
CUMULATIVE_ROWS = ("started", "exited")


def differencing_cells(report: OutcomeReport, earlier: Json | None) -> set[tuple[str, int]]:
    """The cumulative figures that, beside the same figure in ``earlier`` (the
    figures of an earlier published report), would show a small number of
    people: both published and 0 < now - then < threshold."""
    if earlier is None:
        return set()
    tables = earlier.get("blocks", {}).get("tracks", {}).get("tables", [])
    rows = {row["key"]: row["cells"] for table in tables for row in table["rows"]}
    found = set()
    for key in CUMULATIVE_ROWS:
        for col, then in enumerate(rows.get(key, [])):
            now = report.cell(key, col).value
            if now is None or then.get("value") is None:
                continue
            if 0 < now - int(then["value"]) < report.threshold:
                found.add((key, col))
    return found


def report_figures(
    programme: Programme,
    *,
    as_of: dt.date,
    period_start: dt.date,
    earlier: Json | None = None,
) -> dict[str, Any]:
    """Every generated block as of ``as_of`` (JSON): what a final version freezes.

    ``earlier``: the figures of the programme's latest earlier published report;
    a cumulative count that would show a small number of people by subtraction
    from it is protected (hidden, and kept from recomputation), with all it takes.
    """
    report = cached_outcome_report(programme, as_of=as_of)
    protect = differencing_cells(report, earlier)
    if protect:
        report = cached_outcome_report(programme, as_of=as_of, protect=protect)
    threshold = report.threshold
    built = build(programme)  # the forecast's input, read once for both blocks
    forecast = _forecast(programme, built)
    blocks = {
        "key_figures": _key_figures(programme, report, as_of),
        "tracks": _tracks(report),
        "contracts": _contracts(programme, as_of, period_start, threshold),
        "guidance": _guidance(programme, as_of, threshold),
        "outcomes": _outcomes(report),
        "finances": _finances(programme, forecast, as_of, threshold),
        "forecast": _forecast_block(programme, forecast, as_of, built),
        "research": research_block(programme, as_of, threshold),
    }
    return {
        "as_of": as_of.isoformat(),
        "period_start": period_start.isoformat(),
        "threshold": threshold,
        "columns": column_labels(),
        "blocks": blocks,
        "facts": _facts(report, blocks, programme),
    }


def _facts(report: OutcomeReport, blocks: dict[str, Json], programme: Programme) -> dict[str, str]:
    """The values of the fields a section's text may use, as shown (suppressed or not)."""
    key_rows = {}
    for row in blocks["key_figures"]["tables"][0]["rows"]:
        shown = row["cells"][0]
        # In a sentence "afgeschermd" alone does not read: "een afgeschermd aantal".
        secondary = shown["status"] == Mark.SECONDARY.value
        key_rows[row["key"]] = _("een afgeschermd aantal") if secondary else shown["text"]
    return {
        "aantal_deelnemers": key_rows["working"],
        "aantal_met_lks": key_rows["lks"],
        "aantal_gestart": key_rows["started"],
        "aantal_uitgestroomd": key_rows["exited"],
        "peildatum": date_format(report.as_of, "j F Y"),
        "programma": programme.name,
        "instroom": key_rows["intake"],
    }
