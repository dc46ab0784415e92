"""The columns of the payroll lists: the imports (no personal data) and the entries."""

from __future__ import annotations

from operator import attrgetter

from django.utils.translation import gettext_lazy as _

from basisbaan.core.export import Kind
from basisbaan.core.listing import ListColumn
from basisbaan.participants.listing import name_column
from basisbaan.participants.privacy import PersonalDataPolicy


def _user(user: object) -> str:
    if user is None:
        return str(_("systeem"))
    return user.get_full_name() or user.get_username()  # type: ignore[attr-defined,no-any-return]


IMPORT_COLUMNS = (
    ListColumn("file_name", _("Bestand"), ("file_name",), lambda i: i.file_name, width=36),
    ListColumn(
        "started_at",
        _("Begonnen op"),
        ("started_at",),
        lambda i: i.started_at,
        Kind.DATETIME,
        17,
    ),
    ListColumn(
        "uploaded_by",
        _("Door"),
        ("uploaded_by__last_name", "uploaded_by__username"),
        lambda i: _user(i.uploaded_by),
        width=24,
    ),
    ListColumn("status", _("Status"), ("status",), lambda i: i.get_status_display()),
    *(
        ListColumn(key, title, (key,), attrgetter(key), Kind.INTEGER, 12)
        for key, title in (
            ("row_count", _("Regels")),
            ("imported_count", _("Nieuw")),
            ("unchanged_count", _("Ongewijzigd")),
            ("replaced_count", _("Vervangen")),
            ("error_count", _("Fouten")),
        )
    ),
)

# The amounts of an entry, in the page's order.
MONEY_FIELDS = (
    ("gross_wage", _("Brutoloon")),
    ("holiday_allowance", _("Vakantiegeld")),
    ("employer_charges", _("Werkgeverslasten")),
    ("pension", _("Pensioen")),
    ("other_costs", _("Overige kosten")),
    ("total", _("Totaal")),
)


def entry_columns(policy: PersonalDataPolicy) -> list[ListColumn]:
    return [
        name_column(policy, lambda e: e.participant),
        ListColumn("period", _("Maand"), ("period",), lambda e: e.period, Kind.MONTH, 10),
        *(
            ListColumn(key, title, (key,), attrgetter(key), Kind.MONEY, 14)
            for key, title in MONEY_FIELDS
        ),
        ListColumn("hours", _("Uren"), ("hours",), lambda e: e.hours, Kind.DECIMAL, 10),
        ListColumn(
            "source_import",
            _("Import"),
            ("source_import_id",),
            lambda e: e.source_import_id,
            Kind.INTEGER,
            10,
        ),
    ]
