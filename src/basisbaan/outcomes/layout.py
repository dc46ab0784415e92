"""The outcome figures laid out as labelled tables, with the definition next to
each figure: one layout for the page, the Excel export, the API and the
command line (so they can never show different numbers)."""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from basisbaan.calc.outcomes import COLUMNS, CURVE_MONTHS, FOLLOW_UP_MONTHS, RETENTION_MONTHS
from basisbaan.calc.suppression import Mark
from basisbaan.core.money import group_number
from basisbaan.hosts.constants import Track
from basisbaan.outcomes.figures import REASONS, Cell, OutcomeReport, suppressed_text
from basisbaan.participants.constants import ExitReason

__all__ = [
    "Shown",
    "Table",
    "TableRow",
    "column_labels",
    "curve_series",
    "outcome_tables",
]


@dataclass(frozen=True, slots=True)
class Shown:
    """One cell as shown: the text, and the number behind it when published."""

    text: str
    value: int | Decimal | None
    status: str  # published, primary, secondary
    part: int | None = None  # for a share: the count and the whole
    whole: int | None = None

    @property
    def suppressed(self) -> bool:
        return self.status != Mark.PUBLISHED.value


@dataclass(frozen=True, slots=True)
class TableRow:
    key: str
    label: str
    cells: list[Shown]
    definition: str = ""


@dataclass(frozen=True, slots=True)
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[TableRow]
    note: str = ""

    def lines(self) -> list[tuple[TableRow, list[tuple[str, Shown]]]]:
        """Each row with its cells beside their column heads (the stacked cards' labels)."""
        return [(row, list(zip(self.columns, row.cells, strict=True))) for row in self.rows]


def format_decimal(value: Decimal, places: int) -> str:
    """``Decimal("82.5")`` -> ``"82,5"`` (Dutch separators)."""
    return group_number(value, places=places, decimal_sep=",", thousand_sep=".")


def column_labels() -> list[str]:
    return [_("Totaal"), str(Track.TRANSITION.label), str(Track.SOCIAL_VALUE.label)]


def _count(report: OutcomeReport, key: tuple[Hashable, ...], col: int) -> Shown:
    cell = report.cell(*key, col)
    return _show(cell, report.threshold)


def _show(cell: Cell, threshold: int) -> Shown:
    if cell.value is None:
        return Shown(suppressed_text(cell, threshold), None, cell.mark)
    return Shown(str(cell.value), cell.value, cell.mark)


def _share(
    report: OutcomeReport, part: tuple[Hashable, ...], whole: tuple[Hashable, ...], col: int
) -> Shown:
    """``part`` of ``whole`` as a percentage with both counts, when both are published
    and the whole reaches the threshold."""
    rate = report.rate(part, whole, col)
    if rate.whole.value is None:
        return _show(rate.whole, report.threshold)
    if rate.part.value is None:
        return _show(rate.part, report.threshold)
    if rate.whole.value == 0:
        return Shown("–", None, Mark.PUBLISHED.value, 0, 0)
    percent = rate.percent
    assert percent is not None
    text = _("%(pct)s%% (%(part)s van %(whole)s)") % {
        "pct": format_decimal(percent, 1),
        "part": rate.part.value,
        "whole": rate.whole.value,
    }
    return Shown(text, percent, Mark.PUBLISHED.value, rate.part.value, rate.whole.value)


def _row(
    report: OutcomeReport, key: str, label: str, figure: tuple[Hashable, ...], definition: str
) -> TableRow:
    return TableRow(key, label, [_count(report, figure, c) for c in COLUMNS], definition)


def _share_row(
    report: OutcomeReport,
    key: str,
    label: str,
    part: tuple[Hashable, ...],
    whole: tuple[Hashable, ...],
    definition: str,
) -> TableRow:
    return TableRow(key, label, [_share(report, part, whole, c) for c in COLUMNS], definition)


def _hours_row(report: OutcomeReport) -> TableRow:
    cells = []
    for col in COLUMNS:
        hours = report.average_hours(col)
        working = report.cell("working", col)
        if hours is None and working.value is None:
            cells.append(_show(working, report.threshold))
        elif hours is None:
            cells.append(
                Shown(_("minder dan %(n)s") % {"n": report.threshold}, None, Mark.PRIMARY.value)
            )
        else:
            cells.append(Shown(format_decimal(hours, 1), hours, Mark.PUBLISHED.value))
    return TableRow(
        "average_hours",
        _("Gemiddeld aantal uren per week"),
        cells,
        _(
            "Contracturen per week van wie op de peildatum aan het werk is, gemiddeld; alleen "
            "getoond bij minstens de drempel aan mensen."
        ),
    )


def key_table(report: OutcomeReport) -> Table:
    rows = [
        _row(
            report,
            "started",
            _("Gestart"),
            ("started",),
            _(
                "Deelnames met een eerste werkdag op of vóór de peildatum (een terugkeer telt apart)."
            ),
        ),
        _row(
            report,
            "active",
            _("Actief"),
            ("active",),
            _("Gestart en op de peildatum niet uit het programma."),
        ),
        _row(
            report,
            "working",
            _("Aan het werk"),
            ("working",),
            _("Actief met een lopende plaatsing op de peildatum."),
        ),
        _row(
            report,
            "between",
            _("Tussen twee plaatsingen"),
            ("between",),
            _("Actief zonder lopende plaatsing (wacht op een nieuwe)."),
        ),
        _row(
            report,
            "exited",
            _("Uitgestroomd"),
            ("exited",),
            _("Uit het programma op of vóór de peildatum; gestart = actief + uitgestroomd."),
        ),
    ]
    for index, code in enumerate(REASONS):
        rows.append(
            _row(
                report,
                f"exited_{code}",
                "– " + str(ExitReason(code).label),
                ("exited", index),
                _("Uitgestroomd met deze reden."),
            )
        )
    rows.extend(
        _share_row(
            report,
            f"retention_{months}",
            _("Nog in de basisbaan na %(n)s maanden") % {"n": months},
            ("ret_yes", months),
            ("ret_eligible", months),
            _(
                "Van wie minstens %(n)s maanden vóór de peildatum startte: met een lopende "
                "plaatsing %(n)s maanden na de start (het succes van het spoor "
                "maatschappelijke waarde)."
            )
            % {"n": months},
        )
        for months in RETENTION_MONTHS
    )
    rows.append(_hours_row(report))
    return Table(
        "key",
        _("Kerncijfers"),
        column_labels(),
        rows,
        _("Per spoor: het spoor van de laatste plaatsing."),
    )


def follow_up_table(report: OutcomeReport) -> Table:
    rows = []
    for m in FOLLOW_UP_MONTHS:
        rows.append(
            _row(
                report,
                f"follow_up_due_{m}",
                ngettext(
                    "Nameting na %(n)s maand: gepland", "Nameting na %(n)s maanden: gepland", m
                )
                % {"n": m},
                ("fu_due", m),
                _("Uitgestroomden voor wie deze meting op of vóór de peildatum viel."),
            )
        )
        rows.append(
            _share_row(
                report,
                f"in_work_{m}",
                ngettext(
                    "Aan het werk %(n)s maand na uitstroom",
                    "Aan het werk %(n)s maanden na uitstroom",
                    m,
                )
                % {"n": m},
                ("fu_works", m),
                ("fu_measured", m),
                _(
                    "Van wie gemeten is (niet bereikbaar en nog niet gemeten tellen niet mee). "
                    "Na 1 maand is dit de CBS-definitie van uitstroom naar werk."
                ),
            )
        )
        rows.append(
            _share_row(
                report,
                f"on_assistance_{m}",
                ngettext(
                    "Weer (deels) in de bijstand na %(n)s maand",
                    "Weer (deels) in de bijstand na %(n)s maanden",
                    m,
                )
                % {"n": m},
                ("fu_assist_yes", m),
                ("fu_measured", m),
                _("Van wie gemeten is: volledige of aanvullende bijstand."),
            )
        )
        rows.append(
            _row(
                report,
                f"unreachable_{m}",
                ngettext("Niet bereikbaar na %(n)s maand", "Niet bereikbaar na %(n)s maanden", m)
                % {"n": m},
                ("fu_unreachable", m),
                _("Meting vastgelegd als niet bereikbaar."),
            )
        )
        rows.append(
            _row(
                report,
                f"open_{m}",
                ngettext("Nog niet gemeten na %(n)s maand", "Nog niet gemeten na %(n)s maanden", m)
                % {"n": m},
                ("fu_open", m),
                _("Meting gepland op of vóór de peildatum, nog niet vastgelegd."),
            )
        )
    return Table("follow_up", _("Na de uitstroom"), column_labels(), rows)


def year_table(report: OutcomeReport) -> Table:
    rows = [
        TableRow(
            str(year),
            str(year),
            [
                _count(report, ("y_started", year), 0),
                _count(report, ("y_exited", year), 0),
                _count(report, ("y_active", year), 0),
            ],
        )
        for year in report.years
    ]
    return Table(
        "years",
        _("Per jaar"),
        [_("Gestart"), _("Uitgestroomd"), _("Actief aan het eind van het jaar")],
        rows,
        _("Het lopende jaar tot de peildatum; alle sporen samen."),
    )


def reason_year_table(report: OutcomeReport) -> Table:
    rows = []
    for index, code in enumerate(REASONS):
        cells = [_count(report, ("y_exited", y, index), 0) for y in report.years]
        cells.append(_count(report, ("exited", index), 0))
        rows.append(TableRow(code, str(ExitReason(code).label), cells))
    cells = [_count(report, ("y_exited", y), 0) for y in report.years]
    cells.append(_count(report, ("exited",), 0))
    rows.append(TableRow("total", _("Totaal"), cells))
    return Table(
        "reasons",
        _("Uitstroom per reden en jaar"),
        [str(y) for y in report.years] + [_("Totaal")],
        rows,
    )


def quarter_label(quarter: int) -> str:
    return _("%(year)s K%(q)s") % {"year": quarter // 4, "q": quarter % 4 + 1}


def cohort_table(report: OutcomeReport) -> Table:
    rows = []
    for q in report.quarters:
        cells = [
            _count(report, ("c_size", q), 0),
            _count(report, ("c_active", q), 0),
            _count(report, ("c_exited", q), 0),
        ]
        cells += [
            _share(report, ("c_ret_yes", q, m), ("c_ret_eligible", q, m), 0)
            for m in RETENTION_MONTHS
        ]
        rows.append(TableRow(str(q), quarter_label(q), cells))
    return Table(
        "cohorts",
        _("Per cohort (kwartaal van de start)"),
        [_("Gestart"), _("Actief"), _("Uitgestroomd")]
        + [_("Na %(n)s mnd in de basisbaan") % {"n": m} for m in RETENTION_MONTHS],
        rows,
        _("Alle sporen samen. Een cohort dat nog geen %(n)s maanden loopt, telt daar niet mee.")
        % {"n": RETENTION_MONTHS[0]},
    )


def curve_table(report: OutcomeReport) -> Table:
    rows = []
    for year in report.curve_years:
        cells = [
            _share(report, ("k_yes", year, m), ("k_eligible", year, m), 0) for m in CURVE_MONTHS
        ]
        rows.append(TableRow(str(year), _("Gestart in %(y)s") % {"y": year}, cells))
    return Table(
        "curves",
        _("Behoud per startjaar"),
        [_("%(n)s mnd") % {"n": m} for m in CURVE_MONTHS],
        rows,
        _(
            "Het deel met een lopende plaatsing zoveel maanden na de start, van wie al zo lang "
            "geleden startte. Dit is de tekst bij de grafiek."
        ),
    )


def curve_series(report: OutcomeReport) -> list[tuple[int, list[tuple[int, Decimal]]]]:
    """Per start year the published points (months, percentage) of its retention curve."""
    series = []
    for year in report.curve_years:
        points = []
        for m in CURVE_MONTHS:
            rate = report.rate(("k_yes", year, m), ("k_eligible", year, m), 0)
            if rate.percent is not None:
                points.append((m, rate.percent))
        series.append((year, points))
    return series


def outcome_tables(report: OutcomeReport) -> list[Table]:
    return [
        key_table(report),
        follow_up_table(report),
        year_table(report),
        reason_year_table(report),
        cohort_table(report),
        curve_table(report),
    ]
