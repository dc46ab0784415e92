"""The sourced values of "does work pay?" (issue 16; shared domain facts part 2, § 1).

Plain data: the data migration and the tests read it. Rows the facts do not
confirm carry ``is_assumption``; the functional administrator replaces them
when the figure is published. Not here (and so carried forward and marked as
assumed by every page): the assistance norms and the disregard cap of 2026,
which were not published when this was written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NamedTuple


class Row(NamedTuple):
    key: str
    effective_date: dt.date
    value: Decimal
    source: str
    is_assumption: bool = False
    note: str = ""


def seed_rows(apps: Any, rows: Iterable[Row]) -> None:
    """Write ``rows`` into the historical ``ParameterValue`` of a data migration; a row
    already there (same key and date) is left as it is, so a migration can run twice."""
    model = apps.get_model("parameters", "ParameterValue")
    for row in rows:
        model.objects.get_or_create(
            key=row.key,
            effective_date=row.effective_date,
            defaults={
                "value": row.value,
                "source": row.source,
                "is_assumption": row.is_assumption,
                "note": row.note,
            },
        )


D = dt.date
TAX_2024 = "Belastingdienst: tarieven box 1 en heffingskortingen 2024 (onder AOW-leeftijd)"
TAX_2025 = "Belastingplan 2025: tarieven box 1 en heffingskortingen 2025 (onder AOW-leeftijd)"
TAX_2026 = "Nota van wijziging Belastingplan 2026 (Stb. na aanvaarding 16-12-2025)"
AK = "Belastingdienst: tabel arbeidskorting {year}"
NORMS_2024 = "Gemeente Westland, normenoverzicht Participatiewet 1 januari 2024"
NORMS_JUL_2024 = "Rijksoverheid / normenoverzicht Participatiewet 1 juli 2024"
NORMS_2025 = "Gemeente Westland, normenoverzicht Participatiewet 1 januari 2025 (Rijksoverheid)"
NORMS_JUL_2025 = "Stimulansz normenoverzicht Participatiewet 1 juli 2025"
PW_19 = "Participatiewet art. 19: vakantietoeslag 5% van de norm inclusief vakantietoeslag"
PW_31 = (
    "Participatiewet art. 31 lid 2 onder n: 25% van de inkomsten uit arbeid, ten hoogste 6 maanden"
)
CAP = "Normenoverzicht Participatiewet (gemeente Velsen): vrijlating onderdeel n, maximum per maand"
ZT = "Wet op de zorgtoeslag art. 2; standaardpremie {year} (Stcrt.); Belastingdienst: inkomensgrenzen"
HT_2024 = (
    "Belastingdienst proefberekening huurtoeslag 2024; Wet verlaging eigen bijdrage huurtoeslag"
)
HT_2025 = "Belastingdienst: huurtoeslag 2025 (Regeling huurtoeslaggrenzen 2025); Wet verlaging eigen bijdrage huurtoeslag"
HT_2026 = "Wet vereenvoudiging huurtoeslag; Regeling huurtoeslaggrenzen 2026 (Stcrt. 2025, 39783), via openbare rekenmodellen"
KGB_2024 = "Wet op het kindgebonden budget: bedragen 2024 (Stb. 2023, 489)"
KGB_2025 = "Wet op het kindgebonden budget: bedragen 2025 (Belastingdienst proefberekening)"
KGB_2026 = (
    "Wet op het kindgebonden budget: bedragen 2026 (openbare rekenmodellen, Belastingplan 2026)"
)
NOT_CONFIRMED = "Niet bevestigd in de bronnen: vervangen zodra gepubliceerd."


def _year(
    year: int, source: str, values: dict[str, str], *, assumed: frozenset[str] = frozenset()
) -> list[Row]:
    return [
        Row(
            key,
            D(year, 1, 1),
            Decimal(value),
            source.format(year=year),
            key in assumed,
            NOT_CONFIRMED if key in assumed else "",
        )
        for key, value in values.items()
    ]


TAX = [
    *_year(
        2024,
        TAX_2024,
        {
            "tax_bracket_1_limit": "75518",
            "tax_bracket_2_limit": "75518",
            "tax_bracket_1_rate": "0.3697",
            "tax_bracket_2_rate": "0.4950",
            "tax_bracket_3_rate": "0.4950",
            "general_credit_max": "3362",
            "general_credit_start": "24812",
            "general_credit_rate": "0.06630",
        },
    ),
    *_year(
        2025,
        TAX_2025,
        {
            "tax_bracket_1_limit": "38441",
            "tax_bracket_2_limit": "76817",
            "tax_bracket_1_rate": "0.3582",
            "tax_bracket_2_rate": "0.3748",
            "tax_bracket_3_rate": "0.4950",
            "general_credit_max": "3068",
            "general_credit_start": "28406",
            "general_credit_rate": "0.06337",
        },
    ),
    *_year(
        2026,
        TAX_2026,
        {
            "tax_bracket_1_limit": "38883",
            "tax_bracket_2_limit": "78426",
            "tax_bracket_1_rate": "0.3575",
            "tax_bracket_2_rate": "0.3756",
            "tax_bracket_3_rate": "0.4950",
            "general_credit_max": "3115",
            # Not confirmed: the start that lets the credit end at the amended
            # top-bracket point (78,426), and the matching rate.
            "general_credit_start": "29736",
            "general_credit_rate": "0.06398",
        },
        assumed=frozenset({"general_credit_start", "general_credit_rate"}),
    ),
]

LABOUR_CREDIT = [
    *_year(
        2024,
        AK,
        {
            "labour_credit_end_1": "11490",
            "labour_credit_rate_1": "0.08425",
            "labour_credit_end_2": "24820",
            "labour_credit_rate_2": "0.31433",
            "labour_credit_end_3": "39957",
            "labour_credit_rate_3": "0.02471",
            "labour_credit_phaseout": "0.0651",
        },
    ),
    *_year(
        2025,
        AK,
        {
            "labour_credit_end_1": "12169",
            "labour_credit_rate_1": "0.08053",
            "labour_credit_end_2": "26288",
            "labour_credit_rate_2": "0.30030",
            "labour_credit_end_3": "43071",
            "labour_credit_rate_3": "0.02258",
            "labour_credit_phaseout": "0.0651",
        },
    ),
    *_year(
        2026,
        AK,
        {
            "labour_credit_end_1": "11965",
            "labour_credit_rate_1": "0.08324",
            "labour_credit_end_2": "25845",
            "labour_credit_rate_2": "0.31009",
            "labour_credit_end_3": "45592",
            "labour_credit_rate_3": "0.01950",
            "labour_credit_phaseout": "0.0651",
        },
    ),
]

ASSISTANCE = [
    # Single and single parent share one norm since 2015.
    Row("assistance_norm_single_parent", D(2024, 1, 1), Decimal("1283.83"), NORMS_2024),
    Row("assistance_norm_single_parent", D(2024, 7, 1), Decimal("1308.45"), NORMS_JUL_2024),
    Row("assistance_norm_single_parent", D(2025, 1, 1), Decimal("1345.45"), NORMS_2025),
    Row("assistance_norm_single_parent", D(2025, 7, 1), Decimal("1369.06"), NORMS_JUL_2025),
    Row("assistance_holiday_share", D(2015, 1, 1), Decimal("0.05"), PW_19),
    Row("disregard_rate", D(2015, 1, 1), Decimal("0.25"), PW_31),
    Row("disregard_months", D(2015, 1, 1), Decimal("6"), PW_31),
    Row("disregard_cap_month", D(2024, 1, 1), Decimal("264"), CAP + " 1-1-2024"),
    Row("disregard_cap_month", D(2024, 7, 1), Decimal("269"), CAP + " 1-7-2024"),
    Row(
        "disregard_cap_month",
        D(2025, 1, 1),
        Decimal("285"),
        "iasz.nl: bijstandsnormen, overige bedragen (vrij te laten inkomsten uit arbeid, onderdeel n)",
        True,
        "Bedrag gepubliceerd zonder datum; waarschijnlijk 2025. " + NOT_CONFIRMED,
    ),
]

HEALTHCARE = [
    row
    for year, premium, threshold, single, partner, rate, limit_single, limit_partner in (
        (2024, "1987", "26819", "0.01879", "0.04256", "0.1367", "37496", "47368"),
        (2025, "2112", "28406", "0.01896", "0.04273", "0.1370", "39719", "50206"),
        (2026, "2119", "29736", "0.01912", "0.04289", "0.1373", "40857", "51142"),
    )
    for row in _year(
        year,
        ZT,
        {
            "healthcare_standard_premium": premium,
            "healthcare_threshold": threshold,
            "healthcare_share_single": single,
            "healthcare_share_partner": partner,
            "healthcare_rate": rate,
            "healthcare_limit_single": limit_single,
            "healthcare_limit_partner": limit_partner,
        },
    )
]

_RENT_KEYS = (
    "rent_max",
    "rent_max_caps",
    "rent_quality_limit",
    "rent_cap_small",
    "rent_cap_large",
    "rent_min_norm_single",
    "rent_min_norm_multi",
    "rent_factor_a_single",
    "rent_factor_b_single",
    "rent_factor_a_multi",
    "rent_factor_b_multi",
    "rent_target",
    "rent_rate_middle",
    "rent_rate_high_single",
    "rent_rate_high_multi",
    "rent_phaseout_point_single",
    "rent_phaseout_point_multi",
    "rent_phaseout_rate_single",
    "rent_phaseout_rate_multi",
)
RENT = [
    *_year(
        2024,
        HT_2024,
        dict(
            zip(
                _RENT_KEYS,
                (
                    "879.66",
                    "0",
                    "454.47",
                    "650.43",
                    "697.07",
                    "226.67",
                    "226.67",
                    "0.00000041337",
                    "0.002393492603",
                    "0.00000024449",
                    "0.001807837711",
                    "-37.72",
                    "0.65",
                    "0.40",
                    "0",
                    "0",
                    "0",
                    "0",
                    "0",
                ),
                strict=True,
            )
        ),
    ),
    *_year(
        2025,
        HT_2025,
        dict(
            zip(
                _RENT_KEYS,
                (
                    "900.07",
                    "0",
                    "477.20",
                    "682.96",
                    "731.93",
                    "236.19",
                    "234.38",
                    "0.000000438698",
                    "0.000446392665",
                    "0.000000298184",
                    "-0.001382497146",
                    "-37.14",
                    "0.65",
                    "0.40",
                    "0",
                    "0",
                    "0",
                    "0",
                    "0",
                ),
                strict=True,
            )
        ),
    ),
    # 2026: a fixed basishuur, the rent capped at the limit, a linear phase-out
    # of the yearly allowance; from public calculation models, not confirmed.
    *_year(
        2026,
        HT_2026,
        dict(
            zip(
                _RENT_KEYS,
                (
                    "932.93",
                    "1",
                    "498.20",
                    "713.02",
                    "764.14",
                    "250.67",
                    "248.86",
                    "0",
                    "0",
                    "0",
                    "0",
                    "-48.15",
                    "0.65",
                    "0.40",
                    "0.40",
                    "23425",
                    "31500",
                    "0.27",
                    "0.22",
                ),
                strict=True,
            )
        ),
        assumed=frozenset(_RENT_KEYS),
    ),
]

_CHILD_KEYS = (
    "child_per_child",
    "child_extra_12",
    "child_extra_16",
    "child_single_parent",
    "child_rate",
    "child_threshold_single",
    "child_threshold_partner",
)
CHILD = [
    *_year(
        2024,
        KGB_2024,
        dict(
            zip(
                _CHILD_KEYS, ("2436", "694", "924", "3480", "0.0675", "26819", "35849"), strict=True
            )
        ),
    ),
    *_year(
        2025,
        KGB_2025,
        dict(
            zip(_CHILD_KEYS, ("2511", "703", "936", "3389", "0.071", "28406", "37544"), strict=True)
        ),
    ),
    *_year(
        2026,
        KGB_2026,
        dict(
            zip(_CHILD_KEYS, ("2580", "724", "964", "3416", "0.076", "29736", "39141"), strict=True)
        ),
        assumed=frozenset(_CHILD_KEYS) - {"child_rate"},
    ),
]

INCOME: list[Row] = [*TAX, *LABOUR_CREDIT, *ASSISTANCE, *HEALTHCARE, *RENT, *CHILD]
