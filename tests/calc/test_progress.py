from __future__ import annotations

from basisbaan.calc.progress import ProgressFigures, progress_figures


def test_percentage_and_time_left_at_the_pace_so_far():
    assert progress_figures(250, 1000, 10.0) == ProgressFigures(250, 1000, 25, 10.0, 30.0)


def test_nothing_done_yet_has_no_estimate():
    assert progress_figures(0, 1000, 3.0) == ProgressFigures(0, 1000, 0, 3.0, None)


def test_unknown_total_has_no_percentage():
    assert progress_figures(5, 0, 3.0) == ProgressFigures(5, 0, None, 3.0, None)


def test_odd_reports_are_clamped():
    assert progress_figures(1200, 1000, -1.0) == ProgressFigures(1000, 1000, 100, 0.0, None)
    assert progress_figures(-3, 10, 2.0) == ProgressFigures(0, 10, 0, 2.0, None)
