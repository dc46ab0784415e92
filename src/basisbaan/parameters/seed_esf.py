"""The ESF+ 2021-2027 simplified-cost figures (issue 17; shared domain facts part 2, § 4.3).

Plain data: the data migration and the tests read it. The 1,720 hours are marked
as an assumption: the 2021-27 text (Art. 55(2) CPR) was not retrieved, and
whether the Dutch Subsidieregeling ESF+ 2021-2027 prescribes 1,720 hours or a
standard of its own is not confirmed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from basisbaan.parameters.seed_income import Row

PROGRAMME_START = dt.date(2021, 1, 1)
FLAT_RATE_SOURCE = (
    "Verordening (EU) 2021/1060, art. 56: forfait tot 40% van de directe personeelskosten; "
    "EC-richtsnoeren SCO C/2024/7467 § 2.2.4"
)
HOURS_SOURCE = (
    "Verordening (EU) 2021/1060, art. 55 lid 2: jaarlijkse brutoloonkosten / 1.720 uur "
    "(pro rata bij deeltijd); zo in art. 68 bis lid 2 Vo. 1303/2013"
)
HOURS_NOTE = (
    "Niet bevestigd: de tekst van art. 55 lid 2 en of de Subsidieregeling ESF+ 2021-2027 "
    "1.720 uur voorschrijft."
)

ESF: list[Row] = [
    Row("esf_flat_rate", PROGRAMME_START, Decimal("0.40"), FLAT_RATE_SOURCE),
    Row(
        "esf_standard_hours",
        PROGRAMME_START,
        Decimal("1720"),
        HOURS_SOURCE,
        is_assumption=True,
        note=HOURS_NOTE,
    ),
]
