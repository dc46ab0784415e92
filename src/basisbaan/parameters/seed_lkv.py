"""The wage-cost advantages (loonkostenvoordelen, LKV; Wet tegemoetkomingen loondomein),
with their sources (issue 18).

Plain data: the data migration and the tests read it.

How the law is held as dated parameters
---------------------------------------
Per kind of LKV three figures: the amount per paid hour (``lkv_<kind>_hourly``),
the maximum per employee per calendar year (``lkv_<kind>_max``) and the maximum
duration in months from the start of the employment (``lkv_<kind>_months``). A
year's amounts are the values in force on 1 January of that year (the law
changes them only then); the duration is the value in force on the day the
employment began.

Where the law changed the amounts for **new** employment only, a second pair
holds the amounts under the transitional law (overgangsrecht):
``lkv_<kind>_trans_hourly`` / ``_trans_max``. The date of the first row of the
transitional pair is the regime date: for employment begun before it, a year
from that date on uses the transitional pair; every other year uses the main
pair. An amount of 0 means the LKV is abolished for that employment.

- Arbeidsgehandicapte werknemer: EUR 3.05 an hour, at most EUR 6,000 a year,
  3 years; herplaatste arbeidsgehandicapte: the same amounts, 1 year.
- Doelgroep banenafspraak: EUR 2.00 / EUR 4,000, 3 years; for employment begun
  from 1 January 2026 EUR 1.01 / EUR 2,000 as long as the employment lasts
  (``lkv_banenafspraak_no_limit`` = 1 from 2026, by the employment start);
  employment begun before 2026 keeps EUR 2.00 / EUR 4,000 for its 3 years.
- Scholingsbelemmerde werknemer: EUR 2.00 / EUR 4,000, 3 years; abolished for
  employment begun from 1 January 2026; earlier employment keeps it.
- Oudere werknemer (56+, from a benefit): EUR 3.05 / EUR 6,000, 3 years, for
  employment begun before 2024 (transitional from 2024 on); employment begun in
  2024 gets EUR 3.05 in 2024 and EUR 1.35 / EUR 2,600 in 2025; begun in 2025
  EUR 1.35 / EUR 2,600 in 2025; nothing from 2026.

The amounts have been the same since the LKV replaced the premium discounts on
1 January 2018, so the rows start there: an entitlement from before 2023 is
costed too. No row is an assumption: every figure is published.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from basisbaan.parameters.seed_income import Row

D = dt.date
WTL = (
    "Wet tegemoetkomingen loondomein, hoofdstuk II (loonkostenvoordelen, sinds 1-1-2018); "
    "Belastingdienst, Handboek loonheffingen 2023-2025, 'Loonkostenvoordelen'"
)
NB_2026 = "Belastingdienst, bijlage bij de Nieuwsbrief loonheffingen 2026: loonkostenvoordelen 2026"
BANEN_2026 = (
    "Wet banenafspraak (Kamerstukken 36 449), in werking 1-1-2026: LKV doelgroep banenafspraak "
    "zolang de dienstbetrekking duurt, overgangsrecht voor dienstbetrekkingen van vóór 2026; "
    + NB_2026
)
SCHOLING_2026 = (
    "LKV scholingsbelemmerden vervalt voor dienstbetrekkingen vanaf 1-1-2026 "
    "(overgangsrecht voor eerdere); " + NB_2026
)
OLDER = (
    "Wijziging Wtl, stapsgewijze afschaffing LKV oudere werknemer (Kamerbrief SZW 22-11-2023): "
    "dienstbetrekkingen begonnen vanaf 1-1-2024 EUR 1,35 per uur, max. EUR 2.600 in 2025, "
    "niets vanaf 2026; dienstbetrekkingen van vóór 2024 ongewijzigd"
)
START = D(2018, 1, 1)


def _kind(kind: str, hourly: str, cap: str, months: int) -> list[Row]:
    return [
        Row(f"lkv_{kind}_hourly", START, Decimal(hourly), WTL),
        Row(f"lkv_{kind}_max", START, Decimal(cap), WTL),
        Row(f"lkv_{kind}_months", START, Decimal(months), WTL),
    ]


LKV: list[Row] = [
    *_kind("disabled", "3.05", "6000.00", 36),
    *_kind("replaced", "3.05", "6000.00", 12),
    *_kind("banenafspraak", "2.00", "4000.00", 36),
    Row("lkv_banenafspraak_hourly", D(2026, 1, 1), Decimal("1.01"), BANEN_2026),
    Row("lkv_banenafspraak_max", D(2026, 1, 1), Decimal("2000.00"), BANEN_2026),
    Row("lkv_banenafspraak_no_limit", START, Decimal(0), WTL),
    Row("lkv_banenafspraak_no_limit", D(2026, 1, 1), Decimal(1), BANEN_2026),
    Row("lkv_banenafspraak_trans_hourly", D(2026, 1, 1), Decimal("2.00"), BANEN_2026),
    Row("lkv_banenafspraak_trans_max", D(2026, 1, 1), Decimal("4000.00"), BANEN_2026),
    *_kind("scholing", "2.00", "4000.00", 36),
    Row("lkv_scholing_hourly", D(2026, 1, 1), Decimal(0), SCHOLING_2026),
    Row("lkv_scholing_max", D(2026, 1, 1), Decimal(0), SCHOLING_2026),
    Row("lkv_scholing_trans_hourly", D(2026, 1, 1), Decimal("2.00"), SCHOLING_2026),
    Row("lkv_scholing_trans_max", D(2026, 1, 1), Decimal("4000.00"), SCHOLING_2026),
    *_kind("older", "3.05", "6000.00", 36),
    Row("lkv_older_hourly", D(2025, 1, 1), Decimal("1.35"), OLDER),
    Row("lkv_older_max", D(2025, 1, 1), Decimal("2600.00"), OLDER),
    Row("lkv_older_hourly", D(2026, 1, 1), Decimal(0), OLDER),
    Row("lkv_older_max", D(2026, 1, 1), Decimal(0), OLDER),
    Row("lkv_older_trans_hourly", D(2024, 1, 1), Decimal("3.05"), OLDER),
    Row("lkv_older_trans_max", D(2024, 1, 1), Decimal("6000.00"), OLDER),
]
