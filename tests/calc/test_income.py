"""Does work pay? The pure engine against published figures, properties and edge cases.

No database: :func:`rules_for` assembles the rules of a year from the seed
lists the data migrations load (``parameters/seed.py`` and
``parameters/seed_income.py``), the way :mod:`basisbaan.income.rules` reads
them from the tables: every value in force on 1 January, the assistance norms
on the first of each month.

Published figures used here:

- Net wage: the worked examples of the shared domain facts part 2, § 1.4
  (WML 2025 EUR 14.06 and 2026 EUR 14.71, single, 36 and 24 hours).
- Huurtoeslag 2025: metronieuws.nl, "Zoveel huurtoeslag ontvang je in 2025 per
  inkomen" (January 2025; full table in the copy on nosnews.nl/?p=4799):
  single, 27 years, kale huur EUR 900, 16 incomes.
- Zorgtoeslag 2025: metronieuws.nl, "Zorgtoeslag stijgt: zoveel ontvang je in
  2025 per inkomen" (November 2024, "Bron: de Belastingdienst"), single and
  with a toeslagpartner; Dienst Toeslagen, "Berekening zorgtoeslag 2025"
  (TG 082 - 1Z51FD, February 2025), rekenvoorbeeld 1; the income limits
  EUR 39,719 / EUR 50,206 ("mag je inkomen niet hoger zijn dan", Belastingdienst).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from basisbaan.calc.income import (
    HOURS,
    Household,
    Households,
    Job,
    compare,
    gross_year,
    healthcare_allowance,
    rent_allowance,
    scenario,
    wage_tax,
)
from basisbaan.calc.income_rules import (
    IncomeRules,
    Kind,
    LocalScheme,
)
from basisbaan.income.build import rules_from
from basisbaan.parameters.seed import NORMS, SEED
from basisbaan.parameters.seed_income import INCOME

# ------------------------------------------------------------------ the rules

_ROWS: dict[str, list[tuple[dt.date, Decimal]]] = defaultdict(list)
for _key, _day, _value, *_rest in [*SEED, *NORMS, *INCOME]:
    _ROWS[_key].append((_day, _value))

WML_2025 = Decimal("14.06")
WML_2026 = Decimal("14.71")


def _at(key: str, day: dt.date) -> Decimal:
    """The value in force on ``day``: the last one from then or before."""
    return max((row for row in _ROWS[key] if row[0] <= day), key=lambda row: row[0])[1]


def rules_for(year: int) -> IncomeRules:
    """The rules of ``year`` from the seed lists (as ``income.rules.income_rules``
    builds them from the tables)."""
    return rules_from(year, _at)


RULES = {year: rules_for(year) for year in (2024, 2025, 2026)}


def single(rent: str = "0") -> Household:
    return Household(Kind.SINGLE, rent_month=Decimal(rent))


def job(hours: int, wage: Decimal = WML_2025, start_month: int = 1) -> Job:
    return Job(Decimal(hours), wage, start_month)


def within(value: Decimal, published: int, euros: int = 5) -> bool:
    return abs(value - published) <= euros


# -------------------------------------------------- worked examples (§ 1.4)


@pytest.mark.parametrize(
    ("year", "wage", "hours", "gross", "tax", "net", "published_tax", "published_net"),
    [
        (2025, WML_2025, 36, "28425.95", "1847.26", "2214.89", 1847, 2215),
        (2025, WML_2025, 24, "18950.63", "703.62", "1520.58", 704, 1521),
        (2026, WML_2026, 36, "29740.09", "2141.37", "2299.89", 2141, 2300),
        (2026, WML_2026, 24, "19826.73", "539.25", "1607.29", 539, 1607),
    ],
)
def test_net_wage_of_the_worked_examples(
    year, wage, hours, gross, tax, net, published_tax, published_net
):
    c = compare(RULES[year], single(), job(hours, wage))
    assert c.gross_year == Decimal(gross)
    assert c.wage_tax_year == Decimal(tax)
    assert c.working.net_wage == Decimal(net)
    assert c.working.wage_tax == (Decimal(tax) / 12).quantize(Decimal("0.01"))
    # Within EUR 5 a month of the published (rounded) figures.
    assert within(c.working.net_wage, published_net)
    assert within(c.wage_tax_year, published_tax)


def test_the_credits_of_the_first_worked_example():
    c = compare(RULES[2025], single(), job(36))
    assert c.tax_before_credits_year == Decimal("10182.17")
    assert c.general_credit_year == Decimal("3066.74")
    assert c.labour_credit_year == Decimal("5268.18")
    assert c.tax_before_credits_year - c.general_credit_year - c.labour_credit_year == Decimal(
        "1847.25"
    )  # a cent of rounding: the tax itself is 1,847.26


# ------------------------------------------------------ published tables


# metronieuws.nl January 2025 (copy nosnews.nl/?p=4799): single, 27 years, rent EUR 900.
RENT_2025_SINGLE_900 = [
    (22000, 498),
    (23500, 482),
    (25000, 449),
    (26500, 414),
    (28000, 378),
    (29500, 339),
    (31000, 299),
    (32500, 257),
    (34000, 215),
    (35500, 185),
    (37000, 153),
    (39500, 98),
    (41000, 72),
    (43500, 35),
    (45000, 11),
    (46500, 0),
]


def test_rent_allowance_2025_as_published_per_income():
    incomes = np.array([float(y) for y, _ in RENT_2025_SINGLE_900])
    yearly = rent_allowance(RULES[2025], single("900").arrays(), incomes)
    assert list(yearly / 12) == [month for _, month in RENT_2025_SINGLE_900]


# metronieuws.nl November 2024, "Bron: de Belastingdienst": (income, single, with partner).
HEALTHCARE_2025 = [
    (28000, 131, 250),
    (29000, 124, 244),
    (30000, 112, 232),
    (31000, 101, 221),
    (32000, 90, 209),
    (33000, 78, 198),
    (34000, 67, 187),
    (35000, 55, 175),
    (36000, 44, 164),
    (37000, 33, 152),
    (38000, 21, 141),
    (39000, 10, 129),
    (40000, 0, 118),
    (41000, 0, 107),
    (42000, 0, 95),
    (43000, 0, 84),
]


@pytest.mark.parametrize(("couple", "column"), [(False, 1), (True, 2)])
def test_healthcare_allowance_2025_as_published_per_income(couple, column):
    incomes = np.array([float(row[0]) for row in HEALTHCARE_2025])
    yearly = healthcare_allowance(RULES[2025], incomes, np.bool_(couple))
    assert list(yearly / 12) == [row[column] for row in HEALTHCARE_2025]


def test_healthcare_allowance_of_the_dienst_toeslagen_leaflet_example():
    """Rekenvoorbeeld 1: single, EUR 19,000: EUR 1,573.42 a year, EUR 131 a month
    as paid (the yearly amount is paid as twelve rounded-down months)."""
    yearly = healthcare_allowance(RULES[2025], np.array(19000.0), np.bool_(False))
    assert yearly == 131 * 12
    z = RULES[2025].healthcare
    legal = z.standard_premium - z.threshold_rate_single * z.threshold
    assert legal.quantize(Decimal("0.01")) == Decimal("1573.42")  # the leaflet's yearly amount


@pytest.mark.parametrize(
    ("year", "couple", "limit", "at_limit"),
    [(2025, False, 39719, 24), (2025, True, 50206, 24), (2026, False, 40857, 24)],
)
def test_healthcare_allowance_up_to_and_including_the_income_limit(year, couple, limit, at_limit):
    """ "Niet hoger dan" the limit: at the limit a little, a euro above nothing."""
    yearly = healthcare_allowance(RULES[year], np.array([limit, limit + 1.0]), np.bool_(couple))
    assert list(yearly) == [at_limit, 0]


@pytest.mark.parametrize(
    ("household", "month"),
    [
        # 2 persons: 65 % only up to the aftoppingsgrens of 1-2 persons (682.96), nothing above.
        (Household(Kind.COUPLE, rent_month=Decimal(720)), 413),
        (Household(Kind.SINGLE_PARENT, (3,), Decimal(720)), 413),
        # 3 persons: 65 % up to the aftoppingsgrens of 3 or more (731.93).
        (Household(Kind.COUPLE, (3,), Decimal(720)), 437),
        (Household(Kind.SINGLE_PARENT, (3, 4), Decimal(720)), 437),
    ],
)
def test_rent_allowance_cap_goes_by_the_number_of_persons(household, month):
    """Basishuur 197.24 (meerpersoons minimum): 100 % of 477.20 - 197.24 = 279.96,
    65 % of (682.96 or 720) - 477.20."""
    yearly = rent_allowance(RULES[2025], household.arrays(), np.array(20000.0))
    assert yearly == month * 12


def test_rent_above_the_maximum_gets_nothing_in_2025_and_counts_to_the_maximum_in_2026():
    toets = np.array(20000.0)
    assert rent_allowance(RULES[2025], single("900.07").arrays(), toets) > 0
    assert rent_allowance(RULES[2025], single("900.08").arrays(), toets) == 0
    at_max = rent_allowance(RULES[2026], single("932.93").arrays(), toets)
    assert at_max == 523 * 12  # 295.68 + 139.63 + 87.96 = 523.27 (research16 § 1.3)
    assert rent_allowance(RULES[2026], single("1400").arrays(), toets) == at_max


def test_rent_allowance_2026_phases_out_linearly_above_the_income_point():
    yearly = rent_allowance(RULES[2026], single("932.93").arrays(), np.array([23425.0, 33425.0]))
    assert list(yearly) == [6276, 6276 - 2700]  # 27 % of EUR 10,000


def test_child_budget_on_assistance_2025():
    """Single parent, children of 5 and 13, on assistance (toetsingsinkomen below
    the threshold): 2 x 2,511 + 703 (12-15) + 3,389 (single parent) a year."""
    c = compare(RULES[2025], Household(Kind.SINGLE_PARENT, (5, 13)), job(0))
    assert c.on_assistance.child == Decimal(2 * 2511 + 703 + 3389) / 12


# -------------------------------------------------------------- properties

years = st.sampled_from(sorted(RULES))
gross_amounts = st.floats(0, 250_000, allow_nan=False)


@given(years, gross_amounts, gross_amounts)
def test_net_wage_never_falls_when_gross_rises(year, a, b):
    low, high = sorted((a, b))
    tax = wage_tax(RULES[year], np.array([low, high]))
    net = np.array([low, high]) - tax.tax
    assert net[1] >= net[0] - 1e-9


@given(years, gross_amounts)
def test_credits_never_exceed_the_tax_and_the_tax_is_never_negative(year, gross):
    t = wage_tax(RULES[year], np.array(gross))
    assert t.general_credit + t.labour_credit <= t.before_credits + 1e-9
    assert t.general_credit >= 0
    assert t.labour_credit >= 0
    assert t.tax >= -1e-9


@given(st.floats(1, 250_000, allow_nan=False))
def test_each_year_taxes_by_its_own_brackets(gross):
    def brackets(limit_1: float, limit_2: float, rates: tuple[float, float, float]) -> float:
        return (
            rates[0] * min(gross, limit_1)
            + rates[1] * max(0.0, min(gross, limit_2) - limit_1)
            + rates[2] * max(0.0, gross - limit_2)
        )

    before = {y: float(wage_tax(RULES[y], np.array(gross)).before_credits) for y in RULES}
    assert before[2024] == pytest.approx(brackets(75518, 75518, (0.3697, 0.4950, 0.4950)))
    assert before[2025] == pytest.approx(brackets(38441, 76817, (0.3582, 0.3748, 0.4950)))
    assert before[2026] == pytest.approx(brackets(38883, 78426, (0.3575, 0.3756, 0.4950)))
    assert before[2024] != before[2025]


def test_a_comparison_uses_the_rules_of_its_year():
    c24 = compare(RULES[2024], single(), job(36, Decimal("13.68")))
    c25 = compare(RULES[2025], single(), job(36, Decimal("13.68")))
    assert (c24.year, c25.year) == (2024, 2025)
    assert c24.gross_year == c25.gross_year
    assert c24.gross_year == Decimal("27657.68")  # 13.68 x 36 x 52 x 1.08
    assert c24.tax_before_credits_year == Decimal("10225.04")  # 36.97 %
    assert c25.tax_before_credits_year == Decimal("9906.98")  # 35.82 %


@pytest.mark.parametrize(
    ("year", "kind", "step"),
    [
        (2025, Kind.SINGLE, "23.61"),  # 1,345.45 -> 1,369.06
        (2025, Kind.SINGLE_PARENT, "23.61"),
        (2025, Kind.COUPLE, "33.73"),  # 1,922.07 -> 1,955.80
        (2024, Kind.SINGLE, "24.62"),  # 1,283.83 -> 1,308.45
        (2026, Kind.SINGLE, "0.00"),  # no 2026 norms known: carried forward
    ],
)
def test_the_1_july_norm_step_is_in_the_first_year(year, kind, step):
    c = compare(RULES[year], Household(kind, rent_month=Decimal(600)), job(12, start_month=1))
    rows = c.first_year
    assert {r.on_assistance for r in rows[:6]} == {rows[0].on_assistance}
    assert {r.on_assistance for r in rows[6:]} == {rows[6].on_assistance}
    assert rows[6].on_assistance - rows[5].on_assistance == Decimal(step)


@given(
    years,
    st.sampled_from(list(Kind)),
    st.floats(0, 40, allow_nan=False),
    st.floats(10, 25, allow_nan=False),
)
def test_partial_assistance_tops_up_to_the_norm_and_the_disregard_keeps_a_quarter(
    year, kind, hours, wage
):
    rules = RULES[year]
    inc = scenario(rules, Household(kind).arrays(), gross_year(rules, wage, hours))
    income = float(inc.net_wage + inc.partner_net) / 12
    norms = np.array([float(n) for n in rules.assistance.norms_month[kind]])
    kept = min(0.25 * float(inc.net_wage) / 12, float(rules.assistance.disregard_cap_month))
    # On assistance the household has the norm; above the norm no assistance.
    assert np.allclose(inc.assistance_month + income, np.maximum(norms, income))
    # The disregard adds a quarter of the net wage up to the cap, as long as the
    # income counted (without that quarter) stays below the norm.
    assert np.allclose(inc.disregard_month, np.clip(norms + kept - income, 0, kept))
    assert float(inc.assistance) == pytest.approx(float(np.sum(inc.assistance_month)))


def test_partial_assistance_month_by_month():
    """Single, 12 hours at WML 2025 from March, rent 650: before the job and
    after the disregard the household has the norm plus allowances; in the six
    months of the disregard 25 % of the net wage (789.61) more: 197.40."""
    c = compare(RULES[2025], single("650"), job(12, start_month=3))
    allowances = Decimal("131") + Decimal("390")
    assert c.disregard_month == Decimal("197.40")
    assert c.disregard_months == 6
    totals = [r.total for r in c.first_year]
    jan, jul = Decimal("1345.45") + allowances, Decimal("1369.06") + allowances
    assert (
        totals
        == [jan, jan] + [jan + Decimal("197.40")] * 4 + [jul + Decimal("197.40")] * 2 + [jul] * 4
    )
    assert [r.working for r in c.first_year] == [False, False] + [True] * 10
    assert c.first_year_gain == Decimal("197.40") * 6
    assert c.gain_month == 0


def test_the_disregard_is_capped():
    c = compare(RULES[2025], single(), job(20))
    assert c.working.net_wage == Decimal("1272.62")  # a quarter would be 318.16: above the cap
    assert c.working.assistance == Decimal("84.63")
    assert c.disregard_month == Decimal("285.00")


def test_the_curve_has_41_points_from_0_to_40_hours():
    c = compare(RULES[2025], single("650"), job(24))
    assert [p.hours for p in c.curve] == list(range(41)) == list(HOURS)
    assert c.curve[0].gain == 0
    assert c.curve[24].working == c.working.total


IIT = LocalScheme(
    "Individuele inkomenstoeslag", "iit", Decimal("1.10"), (Decimal(0),) * 2 + (Decimal(6000),)
)


def test_pays_from_hours_is_none_when_40_hours_do_not_pay():
    """A couple losing a large local scheme at work: the gain at 40 hours is negative."""
    c = compare(RULES[2025], Household(Kind.COUPLE), job(40), schemes=[IIT])
    assert c.curve[-1].gain < 0
    assert c.pays_from_hours is None
    assert c.on_assistance.local == (("Individuele inkomenstoeslag", Decimal("500.00")),)
    assert c.working.local == (("Individuele inkomenstoeslag", Decimal("0.00")),)


@given(
    st.sampled_from(list(Kind)),
    st.integers(0, 1200),
    st.integers(0, 3),
    st.sampled_from([0, 3000, 6000]),
)
def test_pays_from_hours_is_where_the_gain_stays_positive(kind, rent, children, scheme):
    iit = LocalScheme("IIT", "iit", Decimal("1.10"), (Decimal(scheme),) * 3)
    household = Household(kind, (8,) * (0 if kind == Kind.SINGLE else children), Decimal(rent))
    c = compare(RULES[2025], household, job(20), schemes=[iit])
    gains = [p.gain for p in c.curve]
    if gains[-1] <= 0:
        assert c.pays_from_hours is None
    else:
        assert c.pays_from_hours is not None
        assert all(g > 0 for g in gains[c.pays_from_hours :])
        assert c.pays_from_hours == 0 or gains[c.pays_from_hours - 1] <= 0


# ------------------------------------------------------------- edge cases


def test_no_hours_is_the_same_as_assistance():
    c = compare(RULES[2025], single("650"), job(0))
    assert c.working == c.on_assistance
    assert (c.gain_month, c.gain_year, c.disregard_month) == (0, 0, 0)
    assert c.gross_year == 0
    assert c.on_assistance.total == Decimal("1357.26") + 131 + 390  # norms 1,357.255 on average


def test_forty_hours_at_wml_leaves_assistance():
    c = compare(RULES[2025], single("650"), job(40))
    assert c.working.assistance == 0
    assert c.disregard_month == 0
    assert c.gain_month > 0
    assert c.pays_from_hours is not None


def test_a_job_from_december():
    c = compare(RULES[2025], single("650"), job(24, start_month=12))
    assert [r.working for r in c.first_year] == [False] * 11 + [True]
    assert all(r.total == r.on_assistance for r in c.first_year[:11])
    december = c.first_year[11]
    assert december.total - december.on_assistance == c.first_year_gain > 0


@pytest.mark.parametrize("month", [0, 13, -1])
def test_a_start_month_outside_the_year_is_refused(month):
    with pytest.raises(ValueError, match="start_month"):
        compare(RULES[2025], single(), job(24, start_month=month))


def test_too_many_children_are_refused():
    with pytest.raises(ValueError, match="children"):
        compare(RULES[2025], Household(Kind.COUPLE, (5,) * 21), job(24))


def test_children_of_18_do_not_count_and_the_age_extras_go_by_age():
    arrays = Household(Kind.SINGLE_PARENT, (11, 12, 15, 16, 17, 18)).arrays()
    assert float(arrays.children) == 5
    assert float(arrays.children_12) == 2  # 12 and 15
    assert float(arrays.children_16) == 2  # 16 and 17
    c = compare(RULES[2025], Household(Kind.SINGLE_PARENT, (11, 12, 15, 16, 17, 18)), job(0))
    yearly = 5 * 2511 + 2 * 703 + 2 * 936 + 3389
    assert c.on_assistance.child == (Decimal(yearly) / 12).quantize(Decimal("0.01"))


def test_a_partners_income_is_taxed_and_lowers_the_assistance():
    partner = Decimal(12000)
    c = compare(RULES[2025], Household(Kind.COUPLE, partner_gross_year=partner), job(12))
    # 35.82 % of 12,000 = 4,298.40 less AHK 3,068 and AK 8.053 % = 966.36: 264.04 a year.
    partner_tax = wage_tax(RULES[2025], np.array(12000.0)).tax
    assert float(partner_tax) == pytest.approx(264.04)
    assert c.on_assistance.partner_net == c.working.partner_net == Decimal("978.00")
    # The norm less the partner's net income (norms 1,938.935 on average).
    assert c.on_assistance.assistance == Decimal("960.94")
    assert c.working.assistance == Decimal("171.33")
    assert c.working.assistance + c.working.net_wage + c.working.partner_net == Decimal("1938.94")
    assert c.on_assistance.healthcare == Decimal(250)  # with a toeslagpartner


def test_households_broadcast_against_wages():
    rules = RULES[2025]
    households = Households(
        kind=np.array([Kind.SINGLE, Kind.COUPLE]),
        children=np.array([0.0, 2.0]),
        children_12=np.array([0.0, 1.0]),
        children_16=np.array([0.0, 0.0]),
        rent_month=np.array([650.0, 800.0]),
        partner_gross=np.array([0.0, 0.0]),
    ).column()
    gross = gross_year(rules, float(WML_2025), np.array(HOURS, dtype=float))
    inc = scenario(rules, households, gross)
    assert inc.total.shape == (2, 41)
    assert inc.assistance_month.shape == (2, 41, 12)
    one = compare(rules, Household(Kind.COUPLE, (4, 13), Decimal(800)), job(24))
    assert one.curve[24].working == Decimal(repr(float(inc.total[1, 24]) / 12)).quantize(
        Decimal("0.01")
    )


def test_a_couples_assistance_is_grossed_up_per_partner():
    """Partners each get half the assistance, taxed with their own general
    credit (Belastingdienst, rekenregels loonheffingen over bijstand:
    verzelfstandiging van uitkeringsrechten): 2 x (11,633.31 - 3,068) / (1 -
    35.82 %) = 26,691.53 a year, below the zorgtoeslag threshold (28,406)."""
    c = compare(RULES[2025], Household(Kind.COUPLE), job(12))
    assert c.on_assistance.healthcare == Decimal(250)
    # On partial assistance at 12 hours: the same toetsingsinkomen, no gain.
    assert c.working.healthcare == Decimal(250)
    assert c.gain_month == 0


def test_an_income_exactly_at_the_norm_keeps_a_scheme_of_100_percent():
    """On partial assistance the household's income is the norm, to the cent:
    float noise must not cost it a scheme whose limit is 100 % of the norm."""
    remission = LocalScheme(
        "Kwijtschelding", "remission", Decimal("1.00"), (Decimal(800), Decimal(800), Decimal(900))
    )
    couple = Household(Kind.COUPLE, rent_month=Decimal(650))
    result = compare(rules_for(2024), couple, job(3, Decimal("14.40")), schemes=(remission,))
    assert result.working.assistance == Decimal("1649.45")
    assert result.working.local == (("Kwijtschelding", Decimal("75.00")),)
    assert result.on_assistance.local == (("Kwijtschelding", Decimal("75.00")),)
