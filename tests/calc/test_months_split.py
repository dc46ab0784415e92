"""calc.months.split_ranges: pieces cover each range exactly once, cut where asked."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from basisbaan.calc.months import split_ranges

D = dt.date
days = st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31))


@given(
    st.lists(st.tuples(days, st.integers(0, 800)), min_size=1, max_size=6),
    st.lists(st.tuples(st.integers(0, 5), days), max_size=12),
)
def test_pieces_tile_each_range_and_start_at_the_cuts(ranges, cuts):
    starts = [s for s, _n in ranges]
    ends = [s + dt.timedelta(days=n) for s, n in ranges]
    pieces = split_ranges(starts, ends, [c for c, _d in cuts], [d for _c, d in cuts])
    for i, (start, end) in enumerate(zip(starts, ends, strict=True)):
        mine = [
            (a.astype(object), b.astype(object))
            for s, a, b in zip(pieces.source, pieces.start, pieces.end, strict=True)
            if s == i
        ]
        assert mine[0][0] == start
        assert mine[-1][1] == end
        for (_a, b), (c, _d) in zip(mine, mine[1:], strict=False):
            assert c == b + dt.timedelta(days=1)
        expected = sorted({d for c, d in cuts if c == i and start < d <= end})
        assert [a for a, _b in mine[1:]] == expected


def test_no_cuts_one_piece_per_range():
    pieces = split_ranges([D(2026, 1, 1), D(2026, 3, 1)], [D(2026, 1, 31), D(2026, 2, 1)], [], [])
    assert pieces.source.tolist() == [0, 1]
