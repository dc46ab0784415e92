"""Saturation: the curve, Guest et al.'s sliding window and Francis' 10+3, hand-computed."""

from __future__ import annotations

from decimal import Decimal

import pytest

from basisbaan.calc.saturation import CurvePoint, GuestWindow, curve, francis, guest, ratio

FIVE = Decimal("0.05")


def test_curve_counts_new_and_cumulative_codes() -> None:
    """a b | b c | c | d a e: new 2, 1, 0, 2; cumulative 2, 3, 3, 5."""
    sets = [{"a", "b"}, {"b", "c"}, {"c"}, {"d", "a", "e"}]
    assert curve(sets) == [
        CurvePoint(1, 2, 2, 2),
        CurvePoint(2, 2, 1, 3),
        CurvePoint(3, 1, 0, 3),
        CurvePoint(4, 3, 2, 5),
    ]


def test_curve_of_nothing_is_empty() -> None:
    assert curve([]) == []


def test_ratio_rounds_half_up_and_is_none_for_an_empty_base() -> None:
    assert ratio(1, 3) == Decimal("0.3333")
    assert ratio(2, 3) == Decimal("0.6667")
    assert ratio(0, 5) == Decimal("0.0000")
    assert ratio(3, 0) is None


def test_guest_window_slides_until_at_most_five_percent() -> None:
    """Base 2, run 1. Transcripts: 20 codes, 20 new, 1 new, 2 new, 0 new, 0 new.

    2+1: base 40, run 1 new -> 1/40 = 0.025 <= 0.05: reached at 3. With threshold
    0.02 it is not: 3+1: base 41, run 2 new -> 0.0488 > 0.02; 4+1: base 43, 0 new
    -> 0 <= 0.02: reached at 5 (the base grew to every transcript before the run)."""
    t1 = {f"a{i}" for i in range(20)}
    t2 = {f"b{i}" for i in range(20)}
    sets = [t1, t2, {"c"}, {"d", "e"}, {"a1"}, {"b1"}]
    result = guest(sets, base_size=2, run_length=1, threshold=FIVE)
    assert result.reached_at == 3
    assert result.window == GuestWindow(2, 3, 40, 1, Decimal("0.0250"))
    assert result.window.label == "2+1"

    strict = guest(sets, base_size=2, run_length=1, threshold=Decimal("0.02"))
    assert [(w.label, w.base_codes, w.new_in_run, w.ratio) for w in strict.windows] == [
        ("2+1", 40, 1, Decimal("0.0250")),
        ("3+1", 41, 2, Decimal("0.0488")),
        ("4+1", 43, 0, Decimal("0.0000")),
        ("5+1", 43, 0, Decimal("0.0000")),
    ]
    assert strict.reached_at == 5
    assert strict.window is not None and strict.window.label == "4+1"


def test_guest_run_of_two_counts_new_codes_of_both_transcripts() -> None:
    """Base 4 (codes a..j, 10), run 2 brings k and l: 2/10 = 0.2; then 5+2: base 11,
    run brings l only -> 1/11 = 0.0909; 6+2: base 12, nothing new -> reached at 8."""
    sets = [
        {"a", "b", "c"},
        {"d", "e", "f"},
        {"g", "h"},
        {"i", "j"},
        {"k"},
        {"l"},
        {"a"},
        {"b"},
    ]
    result = guest(sets, base_size=4, run_length=2, threshold=FIVE)
    assert [(w.label, w.ratio) for w in result.windows] == [
        ("4+2", Decimal("0.2000")),
        ("5+2", Decimal("0.0909")),
        ("6+2", Decimal("0.0000")),
    ]
    assert result.reached_at == 8


def test_guest_empty_base_has_no_ratio_and_never_reaches() -> None:
    sets: list[set[str]] = [set(), set(), set()]
    result = guest(sets, base_size=2, run_length=1, threshold=FIVE)
    assert result.windows == (GuestWindow(2, 3, 0, 0, None),)
    assert not result.reached


def test_guest_threshold_zero_needs_a_run_without_any_new_code() -> None:
    """Base 1 {a..t} (20), runs of 1: {u} 1/20 = 0.05 is not <= 0; {a} 0/21 is."""
    base = {chr(ord("a") + i) for i in range(20)}
    sets = [base, {"u"}, {"a"}]
    five = guest(sets, base_size=1, run_length=1, threshold=FIVE)
    zero = guest(sets, base_size=1, run_length=1, threshold=Decimal("0"))
    assert five.reached_at == 2  # exactly 5 % counts as reached
    assert zero.reached_at == 3
    assert zero.window == GuestWindow(2, 3, 21, 0, Decimal("0.0000"))


def test_guest_too_few_transcripts_has_no_window() -> None:
    result = guest([{"a"}, {"b"}], base_size=4, run_length=2, threshold=FIVE)
    assert result.windows == ()
    assert result.reached_at is None


def test_guest_refuses_a_zero_base_or_run() -> None:
    with pytest.raises(ValueError):
        guest([{"a"}], base_size=0, run_length=1, threshold=FIVE)
    with pytest.raises(ValueError):
        guest([{"a"}], base_size=1, run_length=0, threshold=FIVE)


def _francis_sets(new_at: set[int], total: int) -> list[set[str]]:
    """Transcript n brings code "n" when n is in ``new_at``, else repeats code "1"."""
    return [{str(n)} if n in new_at else {"1"} for n in range(1, total + 1)]


def test_francis_reached_after_ten_plus_three_quiet() -> None:
    """New codes at 1..12; 13, 14 and 15 bring nothing new: reached at 15."""
    sets = _francis_sets(set(range(1, 13)), 16)
    result = francis(sets, initial=10, stop=3)
    assert result.reached_at == 15
    assert result.reached


def test_francis_quiet_transcripts_inside_the_initial_sample_do_not_count() -> None:
    """New at 1..4 only: 5..10 are quiet but inside the sample; 11, 12, 13 -> 13."""
    sets = _francis_sets({1, 2, 3, 4}, 13)
    assert francis(sets, initial=10, stop=3).reached_at == 13


def test_francis_not_reached_when_a_new_code_breaks_the_run() -> None:
    """11 and 12 quiet, 13 new, 14 and 15 quiet: the run restarts and ends short."""
    sets = _francis_sets(set(range(1, 11)) | {13}, 15)
    result = francis(sets, initial=10, stop=3)
    assert result.reached_at is None
    assert not result.reached


def test_the_order_of_the_transcripts_matters() -> None:
    """The same code sets in another order reach saturation at another point."""
    sets = [{"a", "b", "c"}, {"a"}, {"b"}, {"d"}, {"a"}, {"b"}]
    forward = guest(sets, base_size=1, run_length=2, threshold=FIVE)
    assert forward.reached_at == 3  # 1+2: a, b already known -> 0/3
    backward = guest(list(reversed(sets)), base_size=1, run_length=2, threshold=FIVE)
    # b | a d -> 2/1; b a | d b -> 1/2; b a d | b a -> 0/3 (reached at 5); b a d b | a abc -> 1/3
    assert [w.ratio for w in backward.windows] == [
        Decimal("2.0000"),
        Decimal("0.5000"),
        Decimal("0.0000"),
        Decimal("0.3333"),
    ]
    assert backward.reached_at == 5
    assert francis(sets, initial=1, stop=2).reached_at == 3
    assert francis(list(reversed(sets)), initial=1, stop=2).reached_at == 5
