"""The threaded pair counts equal the serial ones and a plain-numpy brute force, ties at r included."""

import numpy as np
import pytest

from tscomplex.entropy import _counting
from tscomplex.entropy._counting import REACH, _grid_pairs, _window_2d, pairs_within


def brute_pairs(x, n, d, r):
    """Unordered pairs i < j < n of length-d templates within Chebyshev distance r, block by block."""
    t = np.array([x[i:i + d] for i in range(n)])
    total = 0
    for s in range(0, n, 256):
        block = t[s:s + 256]
        dist = np.max(np.abs(block[:, None, :] - t[None, :, :]), axis=2)
        j = np.arange(n)[None, :]
        i = np.arange(s, s + block.shape[0])[:, None]
        total += int(np.sum((dist <= r) & (j > i)))
    return total


def series(kind, n):
    rng = np.random.default_rng(7)
    if kind == "ties":  # integers: many distances exactly r = 1
        return rng.integers(0, 6, n).astype(float), 1.0
    x = rng.standard_normal(n).cumsum() if kind == "walk" else rng.standard_normal(n)
    return x, 0.2 * float(np.std(x))


@pytest.mark.parametrize("kind", ["ties", "noise", "walk"])
@pytest.mark.parametrize("d", [2, 3, 4])
@pytest.mark.parametrize("workers", [2, 3])
def test_threaded_counts_equal_brute_force(kind, d, workers, monkeypatch):
    monkeypatch.setattr(_counting, "PARALLEL_FROM", 0)  # threads even on this small input
    x, r = series(kind, 3000)
    n = x.size - d
    expected = brute_pairs(x, n, d, r)
    if d == 2:
        assert _window_2d(x, n, r, False, np.zeros(0, np.int64), workers) == expected
    else:
        side = r / REACH * (1.0 + 1e-9)
        assert _grid_pairs(x, n, d, r, side, REACH, workers) == expected


@pytest.mark.parametrize("workers", [2, 3])
def test_threaded_per_template_counts_equal_serial(workers, monkeypatch):
    monkeypatch.setattr(_counting, "PARALLEL_FROM", 0)
    x, r = series("ties", 5000)
    n = x.size - 2
    serial = np.zeros(n, np.int64)
    threaded = np.zeros(n, np.int64)
    assert _window_2d(x, n, r, True, serial, 1) == _window_2d(x, n, r, True, threaded, workers)
    assert threaded.tolist() == serial.tolist()


def sorted_window_pairs(x, n, d, r):
    """Pairs within r by a plain sorted window on the first value (exact here: x and r are multiples of 1/8)."""
    t = np.array([x[i:i + d] for i in range(n)])
    t = t[np.argsort(t[:, 0], kind="stable")]
    hi = np.searchsorted(t[:, 0], t[:, 0] + r, side="right")
    total = 0
    for i in range(n):
        window = t[i + 1:hi[i]]
        total += int(np.sum(np.all(np.abs(window - t[i]) <= r, axis=1)))
    return total


@pytest.mark.parametrize("d", [3, 5])
def test_long_series_threaded_equals_a_sorted_window_count(d):
    """Above the threading threshold, with ties: against an independent numpy count and the one-thread path."""
    x = np.round(np.random.default_rng(11).standard_normal(30_000) * 8) / 8
    n = x.size - d
    r = 0.25
    side = r / REACH * (1.0 + 1e-9)
    expected = sorted_window_pairs(x, n, d, r)
    assert pairs_within(x, n, d, r)[0] == expected
    assert _grid_pairs(x, n, d, r, side, REACH, 2) == expected
    assert _grid_pairs(x, n, d, r, side, REACH, 1) == expected


@pytest.mark.parametrize("d", [3, 4])
def test_threaded_per_template_counts_equal_brute_force(d, monkeypatch):
    monkeypatch.setattr(_counting, "PARALLEL_FROM", 0)
    x, r = series("ties", 1500)
    n = x.size - d
    t = np.array([x[i:i + d] for i in range(n)])
    expected = np.sum(np.max(np.abs(t[:, None, :] - t[None, :, :]), axis=2) <= r, axis=1)
    counts = np.zeros(n, np.int64)
    total = _grid_pairs(x, n, d, r, r * (1.0 + 1e-9), REACH, 2, counts)
    assert counts.tolist() == expected.tolist()
    assert total == (int(expected.sum()) - n) // 2
