"""The sourced values every installation starts with (see shared domain facts).

Plain data: the data migration and the tests read it. Later values are added
by the functional administrator in the application, not here.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

D = dt.date
WML = "Rijksoverheid: wettelijk minimumloon per datum (bruto, 21 jaar en ouder)"
WML_2023 = "Rijksoverheid: minimumloon 2023 per normale arbeidsduur (36, 38 of 40 uur)"
YOUTH = "Wet minimumloon en minimumvakantiebijslag: staffel jeugdlonen"
HOLIDAY = "Wet minimumloon en minimumvakantiebijslag: minimumvakantiebijslag 8%"
PREMIUMS = "Belastingdienst: premiepercentages werknemersverzekeringen en Zvw (jaar)"
PREMIUMS_2026 = "Belastingdienst, Stcrt. 2025-42324: premiepercentages 2026"
LKS_ALLOWANCE = (
    "Regeling loonkostensubsidie Participatiewet 2021, art. 1 (23,5% sinds 1-1-2018, "
    "Stcrt. 2017, 68248)"
)
LKS_CAP = "Participatiewet art. 10d: loonkostensubsidie ten hoogste 70% van het WML"


def _yearly(key: str, values: tuple[str, str, str, str]) -> list[tuple[str, dt.date, Decimal, str]]:
    years = (2023, 2024, 2025, 2026)
    return [
        (key, D(year, 1, 1), Decimal(value), PREMIUMS_2026 if year == 2026 else PREMIUMS)
        for year, value in zip(years, values, strict=True)
    ]


SEED: list[tuple[str, dt.date, Decimal, str]] = [
    ("minimum_wage_hourly", D(2024, 1, 1), Decimal("13.27"), WML),
    ("minimum_wage_hourly", D(2024, 7, 1), Decimal("13.68"), WML),
    ("minimum_wage_hourly", D(2025, 1, 1), Decimal("14.06"), WML),
    ("minimum_wage_hourly", D(2025, 7, 1), Decimal("14.40"), WML),
    ("minimum_wage_hourly", D(2026, 1, 1), Decimal("14.71"), "SZW-besluit 2025-0000213859"),
    ("minimum_wage_hourly_36", D(2023, 1, 1), Decimal("12.40"), WML_2023),
    ("minimum_wage_hourly_38", D(2023, 1, 1), Decimal("11.75"), WML_2023),
    ("minimum_wage_hourly_40", D(2023, 1, 1), Decimal("11.16"), WML_2023),
    ("minimum_wage_hourly_36", D(2023, 7, 1), Decimal("12.79"), WML_2023),
    ("minimum_wage_hourly_38", D(2023, 7, 1), Decimal("12.12"), WML_2023),
    ("minimum_wage_hourly_40", D(2023, 7, 1), Decimal("11.51"), WML_2023),
    ("minimum_wage_monthly", D(2023, 1, 1), Decimal("1934.40"), WML_2023),
    ("minimum_wage_monthly", D(2023, 7, 1), Decimal("1995.00"), WML_2023),
    ("youth_pct_20", D(2023, 1, 1), Decimal("0.80"), YOUTH),
    ("youth_pct_19", D(2023, 1, 1), Decimal("0.60"), YOUTH),
    ("youth_pct_18", D(2023, 1, 1), Decimal("0.50"), YOUTH),
    ("youth_pct_17", D(2023, 1, 1), Decimal("0.395"), YOUTH),
    ("youth_pct_16", D(2023, 1, 1), Decimal("0.345"), YOUTH),
    ("youth_pct_15", D(2023, 1, 1), Decimal("0.30"), YOUTH),
    ("holiday_allowance", D(2023, 1, 1), Decimal("0.08"), HOLIDAY),
    *_yearly("awf_low", ("0.0264", "0.0264", "0.0274", "0.0274")),
    *_yearly("awf_high", ("0.0764", "0.0764", "0.0774", "0.0774")),
    *_yearly("ufo", ("0.0068", "0.0068", "0.0068", "0.0068")),
    *_yearly("aof_low", ("0.0582", "0.0618", "0.0628", "0.0627")),
    *_yearly("aof_high", ("0.0711", "0.0754", "0.0764", "0.0763")),
    *_yearly("childcare_surcharge", ("0.0050", "0.0050", "0.0050", "0.0050")),
    *_yearly("whk", ("0.0152", "0.0122", "0.0133", "0.0152")),
    *_yearly("zvw_employer", ("0.0668", "0.0657", "0.0651", "0.0610")),
    *_yearly("max_premium_wage", ("66956", "71628", "75864", "79409")),
    ("lks_employer_charges", D(2018, 1, 1), Decimal("0.235"), LKS_ALLOWANCE),
    ("lks_cap", D(2015, 1, 1), Decimal("0.70"), LKS_CAP),
]

NORMS_2024 = "Gemeente Westland, normenoverzicht Participatiewet 1 januari 2024"
NORMS_JUL_2024 = "Rijksoverheid / normenoverzicht Participatiewet 1 juli 2024"
NORMS_2025 = "Gemeente Westland, normenoverzicht Participatiewet 1 januari 2025 (Rijksoverheid)"
NORMS_JUL_2025 = "Stimulansz normenoverzicht Participatiewet 1 juli 2025"

# The Participatiewet norms (net per month, 21 to AOW age, incl. holiday
# allowance): single and single parent share one norm since 2015. The norms of
# 1 January 2026 were not confirmed when this was written: the last value holds
# (and pages say so) until the functional administrator adds them.
NORMS: list[tuple[str, dt.date, Decimal, str]] = [
    ("assistance_norm_single", D(2024, 1, 1), Decimal("1283.83"), NORMS_2024),
    ("assistance_norm_couple", D(2024, 1, 1), Decimal("1834.04"), NORMS_2024),
    ("assistance_norm_single", D(2024, 7, 1), Decimal("1308.45"), NORMS_JUL_2024),
    ("assistance_norm_couple", D(2024, 7, 1), Decimal("1869.21"), NORMS_JUL_2024),
    ("assistance_norm_single", D(2025, 1, 1), Decimal("1345.45"), NORMS_2025),
    ("assistance_norm_couple", D(2025, 1, 1), Decimal("1922.07"), NORMS_2025),
    ("assistance_norm_single", D(2025, 7, 1), Decimal("1369.06"), NORMS_JUL_2025),
    ("assistance_norm_couple", D(2025, 7, 1), Decimal("1955.80"), NORMS_JUL_2025),
]
