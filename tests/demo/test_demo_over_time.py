"""The demo as a living programme: ``load_demo --as-of`` on the day of the council
letter (30-06-2025), at the end of 2025, and after the programme's end
(28-02-2027). The suite's own day (18-11-2026) is checked in ``tests/demo/loaded``.

The demo is loaded once per day (and the letter's day twice, for determinism),
each load rolled back after a snapshot of plain values; the tests compare the
snapshots.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict
from decimal import Decimal

import pytest

from django.db.models import Count
from django.utils import timezone

from basisbaan.budgets.capacity import programme_capacity
from basisbaan.contracts.models import Contract, RenewalDecision
from basisbaan.outcomes.models import Exit, FollowUp
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.reports.models import CouncilReport
from tests.demo.story import (
    PROGRAMME_END,
    Snapshot,
    assert_a_plausible_present,
    load_demo_as_of,
    rolled_back,
    take_snapshot,
)

pytestmark = pytest.mark.django_db  # the test database: the snapshots need it set up

D = dt.date
LETTER = D(2025, 6, 30)
END_OF_2025 = D(2025, 12, 31)
AFTER_THE_END = D(2027, 2, 28)
DAYS = (LETTER, END_OF_2025, AFTER_THE_END)
FULL_BUDGET = Decimal("500000")
LETTER_2023 = {
    "year": 2023,
    "budget": "500000.00",
    "spent": {
        "payroll": "0.00",
        "monitoring": "0.00",
        "research": "0.00",
        "other": "0.00",
        "total": "0.00",
    },
    "to_accounts_result": "500000.00",
    "forecast": {"all_renewed": "0.00", "no_renewals": "0.00", "observed_p50": "0.00"},
}
LETTER_2024 = {
    "year": 2024,
    "budget": "500000.00",
    "spent": {
        "payroll": "156564.93",
        "monitoring": "5380.89",
        "research": "14000.00",
        "other": "0.00",
        "total": "175945.82",
    },
    "to_accounts_result": "324054.18",
    "forecast": {
        "all_renewed": "175945.82",
        "no_renewals": "175945.82",
        "observed_p50": "175945.82",
    },
}


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Participant, Placement, Contract, RenewalDecision, CouncilReport)
    }


def _at_the_letter(shot: Snapshot) -> None:
    """What only the letter's day records: who is at work, the room for intake, and
    a second run of the command."""
    programme = Programme.objects.get(municipality__slug="leeuwarden")
    running = Placement.objects.filter(
        municipality__slug="leeuwarden", start_date__lte=LETTER, end_date__isnull=True
    )
    answer = programme_capacity(programme, today=LETTER)
    shot.extra = {
        "working": running.count(),
        "with_lks": Contract.objects.filter(placement__in=running, wage_subsidy=True).count(),
        "intake_open": programme.intake_open,
        "intake_stopped": timezone.localtime(programme.intake_changed_at).date(),
        "capacity": (answer.month, answer.count),
        "before_again": _counts(),
        "exits": dict(
            Exit.objects.values_list("programme__slug").annotate(n=Count("id")).order_by()
        ),
        "follow_ups": dict(
            FollowUp.objects.filter(exit__programme__slug="pilot-2024-2025")
            .values_list("status")
            .annotate(n=Count("id"))
            .order_by()
        ),
        "again": load_demo_as_of(LETTER),
        "after_again": _counts(),
    }


@pytest.fixture(scope="module")
def story(django_db_setup, django_db_blocker) -> Iterator[dict[dt.date, Snapshot]]:
    shots = {}
    with django_db_blocker.unblock():
        for as_of in DAYS:
            with rolled_back():
                shots[as_of] = take_snapshot(as_of, load_demo_as_of(as_of))
                if as_of == LETTER:
                    _at_the_letter(shots[as_of])
        with rolled_back():
            shots[D(1, 1, 1)] = take_snapshot(LETTER, load_demo_as_of(LETTER))
    yield shots


@pytest.mark.parametrize("as_of", DAYS, ids=dt.date.isoformat)
def test_every_day_shows_a_plausible_present(story, as_of):
    """Payroll without a gap up to the month before the day (the import list's latest
    month), hours up to the day, sessions held before it and planned after it."""
    shot = story[as_of]
    assert_a_plausible_present(shot)
    assert f"stand van {as_of:%d-%m-%Y}" in shot.output


@pytest.mark.parametrize("as_of", DAYS, ids=dt.date.isoformat)
def test_the_letters_2023_and_2024_never_change(story, as_of):
    assert story[as_of].report[2023] == LETTER_2023
    assert story[as_of].report[2024] == LETTER_2024


def test_the_same_day_gives_the_same_data(story):
    again, first = asdict(story[D(1, 1, 1)]), asdict(story[LETTER])
    first.pop("extra")
    again.pop("extra")
    assert again == first


def test_an_earlier_day_is_a_prefix_of_a_later_one(story):
    """What happened by the earlier day is in the later day's data as it was, except
    what the story moves on by design: the last month's correction arrives later,
    signals get closed, the two placements behind get their sessions on record."""
    for early, late in ((LETTER, END_OF_2025), (END_OF_2025, AFTER_THE_END)):
        a, b = story[early], story[late]
        assert {bsn: name for bsn, (name, *_s) in a.participants.items()} == {
            bsn: name for bsn, (name, *_s) in b.participants.items() if bsn in a.participants
        }
        assert {bsn: start for bsn, (start, _end) in a.placements.items()} == {
            bsn: start for bsn, (start, _end) in b.placements.items() if bsn in a.placements
        }
        assert a.periods <= b.periods
        assert a.decisions <= b.decisions
        settled = {key: v for key, v in a.entries.items() if key[1] < a.last_month}
        assert settled == {k: v for k, v in b.entries.items() if k[1] < a.last_month}
        names = [name for name, *_rest in a.imports]
        assert names == [name for name, *_rest in b.imports][: len(names)]
        assert a.hours == {h for h in b.hours if h[2] <= early}
        behind = early - dt.timedelta(weeks=10)
        assert {s for s in a.held if s[1] <= behind} == {s for s in b.held if s[1] <= behind}
        assert a.held <= b.held
        assert set(a.signals) == {key for key in b.signals if key[1] <= early}
        assert all(b.signals[key] == closed for key, closed in a.signals.items() if closed)
        assert a.closed_months == b.closed_months[: len(a.closed_months)]
        assert set(a.closed_years) <= set(b.closed_years)


def test_the_letters_situation(story):
    """30-06-2025: 16 at work, 6 with LKS, intake closed since December 2024, payroll
    up to May 2025, the years 2023 and 2024 closed, one renewal to decide."""
    shot = story[LETTER]
    assert shot.extra["working"] == 16
    assert shot.extra["with_lks"] == 6
    # Emmen's fifth starts in September; 33 of the pilot's 40 are still at work.
    assert shot.running == {"leeuwarden": 16, "emmen": 4 + 33, "groningen": 202}
    assert shot.extra["intake_open"] is False
    assert shot.extra["intake_stopped"] == D(2024, 12, 1)
    assert shot.last_month == D(2025, 5, 1)
    assert shot.closed_years == [2023, 2024]
    assert shot.due["leeuwarden"] == [("Amrani", D(2025, 8, 14), "due")]
    assert shot.attention["leeuwarden"]["overdue_sessions"] == 2
    assert shot.attention["leeuwarden"]["open_signals"] == 3
    assert [name for name, *_rest in shot.imports][-3:] == [
        "leeuwarden-2025-04.csv",
        "leeuwarden-2025-03-correctie.csv",  # came with April's file
        "leeuwarden-2025-05.csv",
    ]


def test_at_the_letter_emmens_pilot_is_halfway(story):
    """30-06-2025: nobody has left Leeuwarden's pilot yet; Emmen's pilot has 8 exits
    (those before the day: 30-06-2024 twice, 31-08-2024 twice, 30-11-2024, 31-12-2024,
    28-02-2025 twice). Their follow-ups on record, more than 35 days past their date:
    3 each for the exits of June and August 2024 (1, 3, 6 months), 2 each for those of
    November and December 2024 (1, 3), 1 each for February 2025 (1): 12 + 4 + 2 = 18."""
    extra = story[LETTER].extra
    assert extra["exits"] == {"pilot-2024-2025": 8, "basisbanen-groningen": 36}
    assert extra["follow_ups"]["open"] == 8 * 5 - 18
    assert sum(extra["follow_ups"].values()) == 8 * 5


def test_at_the_letter_all_renewed_uses_the_full_budget(story):
    """The letter: "de verwachting is dat alle huidige contracten verlengd zullen worden,
    met het effect dat het volledige beschikbare budget uitgenut zal worden". 2025:
    January-May imported, the rest costed; 2026 wholly costed, the renewals still open
    at fixed-term premiums (in the story they become permanent contracts).

    Since issue 18 the employer's transition payments at the programme's end (the
    employment of every fixed-term contract then ends) count in 2026: 24,862.00 on top
    of the 516,745.84 the contracts cost. The letter did not foresee them; the budget is
    used in full either way."""
    report = story[LETTER].report
    exact = {2025: "506883.32", 2026: "541607.84"}
    for year in (2025, 2026):
        forecast = {k: Decimal(v) for k, v in report[year]["forecast"].items()}
        assert forecast["all_renewed"] == Decimal(exact[year])
        assert FULL_BUDGET <= forecast["all_renewed"] <= FULL_BUDGET * Decimal("1.10")
        assert forecast["no_renewals"] < forecast["observed_p50"] < forecast["all_renewed"]
        assert report[year]["to_accounts_result"] is None
    assert report[2025]["spent"]["total"] == "210387.72"  # January to May 2025


def test_no_room_for_intake_at_the_letter(story):
    """The pilot stopped intake for budget reasons: with 90 % certainty nobody more fits."""
    month, count = story[LETTER].extra["capacity"]
    assert month == D(2025, 7, 1)  # the month after the letter's day
    assert count == 0


def test_the_command_run_twice_changes_nothing(story):
    extra = story[LETTER].extra
    assert "al geladen" in extra["again"]
    assert extra["after_again"] == extra["before_again"]
    assert "Demogegevens geladen, stand van 30-06-2025." in story[LETTER].output
    assert "consulent-2" in story[LETTER].output  # the logins
    assert "Verloning juli 2024 t/m mei 2025: 12 loonbestanden, 144 regels" in story[LETTER].output


def test_the_letters_report_is_what_the_letters_day_computed(story):
    """Finalised on the data of the letter's day when loaded as of that day; loaded
    as of a later day, frozen with the figures computed before the later data came
    (``demo.loader._letter_figures``): the same report, to the hash."""
    letter = story[LETTER].reports
    assert [(title, as_of, status) for title, as_of, status, *_r in letter] == [
        ("Voortgang basisbanen – raadsinformatiebrief juni 2025", LETTER, "final")
    ]
    for as_of in (END_OF_2025, AFTER_THE_END):
        assert story[as_of].reports[0] == letter[0]
    # The next report is a draft from July 2025 on, as of the day or 31-12-2025.
    assert [r[:3] for r in story[END_OF_2025].reports[1:]] == [
        ("Voortgang basisbanen – december 2025", END_OF_2025, "draft")
    ]
    assert [r[:3] for r in story[AFTER_THE_END].reports[1:]] == [
        ("Voortgang basisbanen – december 2025", END_OF_2025, "draft")
    ]


def test_the_end_of_2025(story):
    """31-12-2025: payroll to November with two corrections in; Dennis Bakker left for
    regular work on 30-09-2025; 2025 still open."""
    shot = story[END_OF_2025]
    assert shot.last_month == D(2025, 11, 1)
    corrections = [name for name, _s, correction, _day in shot.imports if correction]
    assert corrections == ["leeuwarden-2025-03-correctie.csv", "leeuwarden-2025-10-correctie.csv"]
    assert shot.closed_years == [2023, 2024]
    exited = {v for v in shot.participants.values() if v[1] == "exited"}
    assert exited == {("Bakker", "exited", D(2025, 9, 30))}
    # The pilot's last day; Groningen's dates are relative to the day (demo/groningen.py).
    assert shot.running == {"leeuwarden": 15, "emmen": 5 + 22, "groningen": 192}
    assert shot.due["leeuwarden"] == [("Amrani", D(2026, 2, 14), "due")]
    assert shot.attention["leeuwarden"]["overdue_sessions"] == 2
    assert shot.attention["leeuwarden"]["open_signals"] >= 1


def test_after_the_programme_end_everything_has_stopped(story):
    """28-02-2027: payroll through December 2026 and no further, every year closed,
    every placement ended on 31-12-2026 (Dennis Bakker and Emre Yıldız earlier), everyone exited,
    no signal open, no session planned; Emmen's programme goes on."""
    shot = story[AFTER_THE_END]
    assert shot.last_month == D(2026, 12, 1)
    assert max(period for _bsn, period in shot.entries) == D(2026, 12, 1)
    assert shot.closed_years == [2023, 2024, 2025, 2026]
    assert shot.report[2026]["to_accounts_result"] is not None
    ends = sorted({end for _start, end in shot.placements.values()})
    assert ends == [D(2025, 9, 30), D(2026, 4, 30), PROGRAMME_END]  # Bakker, Yıldız, the rest
    statuses = {(status, exit_date) for _name, status, exit_date in shot.participants.values()}
    assert statuses == {
        ("exited", D(2025, 9, 30)),
        ("exited", D(2026, 4, 30)),
        ("exited", PROGRAMME_END),
    }
    assert all(closed is not None for closed in shot.signals.values())
    assert not shot.planned
    assert max(day for _b, _s, day, _a, _h in shot.hours) <= PROGRAMME_END
    assert shot.closed_months[-1] == D(2026, 12, 1)
    assert shot.attention["leeuwarden"] == {
        "open_signals": 0,
        "overdue_sessions": 0,
        "decisions_due": 0,
        "decisions_late": 0,
        "below_minimum_wage": 0,
        "remeasurements_due": 0,
    }
    # Emmen's programme runs to 2027, Groningen's to 2028.
    assert shot.running == {"leeuwarden": 0, "emmen": 6, "groningen": 170}
