"""Ordinal counts of a table read in blocks: the counts of one call on each whole series, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.chunked.counts import new_series_counts, table_counts, track_periods
from tscomplex.io import ChunkedTable
from tscomplex.ordinal import ordinal_codes, ordinal_counts
from tscomplex.plane import PatternPeriodTracker


@pytest.mark.parametrize("chunk", [1, 7, 64, 5000])
@pytest.mark.parametrize("weighted, tie_precision", [(False, None), (True, None), (False, 1), (True, 0)])
def test_table_counts_equal_whole_series_counts(tmp_path, chunk, weighted, tie_precision):
    rng = np.random.default_rng(chunk)
    n = 900
    data = np.column_stack([rng.normal(size=n).cumsum(), np.round(rng.normal(size=n), 1), np.full(n, 2.5)])
    path = tmp_path / "three.npy"
    np.save(path, data)
    table = ChunkedTable(str(path), chunk_samples=chunk)
    taus = [3, 1, 3, 12]
    got = table_counts(table, 4, taus, weighted=weighted, tie_precision=tie_precision)
    assert list(got) == table.names
    for name, x in zip(table.names, data.T):
        counts = got[name]
        assert counts.size == n
        assert counts.constant == (name == table.names[2])
        assert list(counts.counters) == [3, 1, 12]
        for tau, counter in counts.counters.items():
            want = ordinal_counts(x, 4, tau, weighted, tie_precision)
            if weighted and not want.sum() > 0:
                assert not counter.counts().any()
            else:
                np.testing.assert_array_equal(counter.counts(), want)
            if weighted:
                np.testing.assert_array_equal(counts.plain[tau].counts(), ordinal_counts(x, 4, tau, False,
                                                                                          tie_precision))
            else:
                assert counts.plain == {}


def test_period_trackers_see_the_whole_pattern_sequence():
    x = np.tile([0.0, 3.0, 1.0, 2.0, 5.0], 40)
    counts = new_series_counts(5, [1, 2])
    for piece in np.split(x, [3, 50, 51, 120]):
        counts.feed(piece)
    for tau in (1, 2):
        whole = PatternPeriodTracker(5)
        whole.feed(ordinal_codes(x, 5, tau))
        assert counts.trackers[tau].period() == whole.period() == 5
        assert counts.trackers[tau].count == whole.count == 200 - 4 * tau
        assert vars(counts.trackers[tau]).keys() == vars(whole).keys()
        for key, value in vars(whole).items():
            np.testing.assert_array_equal(np.asarray(getattr(counts.trackers[tau], key), dtype=object),
                                          np.asarray(value, dtype=object), err_msg=key)


def test_trackers_only_where_the_plane_has_thresholds():
    assert [d for d in range(2, 11) if track_periods(d)] == [4, 5, 6, 7, 8]
    assert new_series_counts(3, [1]).trackers == {}
    assert new_series_counts(9, [1]).trackers == {}


def test_bad_parameters_name_themselves():
    with pytest.raises(ValueError, match=r"^tau must be >= 1, got 0$"):
        new_series_counts(4, [1, 0])
    with pytest.raises(ValueError, match=r"^dim must be between 2 and 10, got 11$"):
        new_series_counts(11, [1])
