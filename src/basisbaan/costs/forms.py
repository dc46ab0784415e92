"""Forms of the cost pages: rates are typed as percentages, stored as fractions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form
from basisbaan.costs.models import INDEXABLE_CHOICES, ProgrammeCostSettings

__all__ = ["CostSettingsForm", "IndexationForm", "PercentField", "percent_of"]

HUNDRED = Decimal(100)


def percent_of(fraction: Decimal) -> Decimal:
    """``0.075`` -> ``7.5``; ``0.5`` -> ``50`` (no exponent, no trailing zeros)."""
    value = (fraction * HUNDRED).normalize()
    if value.as_tuple().exponent > 0:  # type: ignore[operator]
        value = value.quantize(Decimal(1))
    return value


class PercentField(forms.DecimalField):
    """A rate typed as a percentage (``8`` or ``7,5``), cleaned to a fraction (``0.08``).

    The initial value is a fraction (as stored) and is shown as a percentage.
    """

    def __init__(
        self,
        *,
        min_percent: Decimal = Decimal(0),
        max_percent: Decimal = HUNDRED,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("max_digits", 8)
        kwargs.setdefault("decimal_places", 4)
        super().__init__(min_value=min_percent, max_value=max_percent, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):  # the stored fraction; typed input stays as typed
            return percent_of(value)
        return value

    def clean(self, value: Any) -> Decimal | None:
        percent = super().clean(value)
        return None if percent is None else percent / HUNDRED


def _amount(label: Any, help_text: Any = "") -> forms.DecimalField:
    return forms.DecimalField(
        label=label, min_value=Decimal(0), max_digits=9, decimal_places=2, help_text=help_text
    )


def _flag(label: Any, help_text: Any = "") -> forms.BooleanField:
    return forms.BooleanField(label=label, required=False, help_text=help_text)


def _help(name: str) -> Any:
    return getattr(ProgrammeCostSettings._meta.get_field(name), "help_text", "")


class CostSettingsForm(Form):
    """A programme's cost settings; the groups are the fieldsets of the page."""

    pension_rate = PercentField(
        label=_("Pensioenpremie werkgever (%)"), help_text=_help("pension_rate")
    )
    monitoring_fee = _amount(
        _("Monitoringskosten per deelnemer per maand (€)"), _help("monitoring_fee")
    )
    large_employer = _flag(_("Grote werkgever (hoge Aof-premie)"), _help("large_employer"))
    government_employer = _flag(_("Overheidswerkgever (Ufo-premie)"), _help("government_employer"))
    fixed_term_awf_high = _flag(
        _("Tijdelijke contracten betalen de hoge WW-premie"), _help("fixed_term_awf_high")
    )
    wage_follows_minimum_wage = _flag(
        _("Het loon volgt het minimumloon"), _help("wage_follows_minimum_wage")
    )
    host_share = PercentField(
        label=_("Bijdrage werkgever: deel van de kosten (%)"), help_text=_help("host_share")
    )
    host_contribution = _amount(
        _("Bijdrage werkgever: bedrag per deelnemer per maand (€)"), _help("host_contribution")
    )
    esf_share = PercentField(label=_("ESF+: deel van de kosten (%)"), help_text=_help("esf_share"))
    budget_buig = _flag(_("LKS (BUIG) ten laste van het programmabudget"), _help("budget_buig"))
    budget_host = _flag(_("Bijdrage werkgever ten laste van het programmabudget"))
    budget_esf = _flag(_("ESF+-deel ten laste van het programmabudget"))
    deviation_rate = PercentField(
        label=_("Drempel afwijking: percentage van de planning (%)"),
        help_text=_("Een afwijking wordt gemarkeerd als die groter is dan dit percentage …"),
    )
    deviation_amount = _amount(
        _("Drempel afwijking: bedrag per contract en maand (€)"),
        _("… én groter dan dit bedrag."),
    )

    FIELDSETS: tuple[tuple[Any, tuple[str, ...]], ...] = (
        (
            _("Verloning"),
            (
                "pension_rate",
                "monitoring_fee",
                "large_employer",
                "government_employer",
                "fixed_term_awf_high",
                "wage_follows_minimum_wage",
            ),
        ),
        (
            _("Financiering"),
            (
                "host_share",
                "host_contribution",
                "esf_share",
                "budget_buig",
                "budget_host",
                "budget_esf",
            ),
        ),
        (_("Werkelijk tegen gepland"), ("deviation_rate", "deviation_amount")),
    )

    @classmethod
    def initial_of(cls, settings: ProgrammeCostSettings) -> dict[str, Any]:
        return {name: getattr(settings, name) for name in cls.base_fields}

    def fieldsets(self) -> list[tuple[Any, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        host, esf = data.get("host_share"), data.get("esf_share")
        if host is not None and esf is not None and host + esf > 1:
            self.add_error(
                "esf_share",
                _("De bijdrage van de werkgever en het ESF+-deel samen zijn meer dan 100 %."),
            )
        return data

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.base_fields}


class IndexationForm(Form):
    """The controller's assumed rise of one figure per expected change."""

    key = forms.ChoiceField(
        label=_("Parameter"),
        choices=[("", "---------"), *INDEXABLE_CHOICES],
        help_text=_(
            "Het minimumloon wijzigt elk half jaar (1 januari en 1 juli), de premies elk jaar."
        ),
    )
    rate = PercentField(
        label=_("Aangenomen stijging per wijziging (%)"),
        min_percent=Decimal(-50),
        help_text=_(
            "Bijvoorbeeld 2: het minimumloon stijgt na de laatst bekende waarde elk half jaar "
            "met 2 %."
        ),
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=300,
        help_text=_("Waarop de aanname berust, bijvoorbeeld de prognose van het CPB."),
    )
