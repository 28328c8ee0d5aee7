"""The threaded pair counts equal the serial ones and a plain-numpy brute force, ties at r included."""

import numpy as np
import pytest

from tscomplex.entropy import _counting
from tscomplex.entropy._counting import REACH, _grid, _grid_pairs, _window_2d, pairs_within


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


@pytest.mark.parametrize("d", [3, 5])
def test_long_series_threaded_equals_the_serial_grid(d):
    """Above the threading threshold: the new kernel against the older serial cell walk (one pair at a time)."""
    x = np.random.default_rng(11).standard_normal(60_000)
    x = np.round(x * 8) / 8  # ties at r = 0.25, exactly representable
    n = x.size - d
    r = 0.25
    side = r / REACH * (1.0 + 1e-9)
    serial = int(_grid(x, n, d, r, side, True, REACH, False, np.zeros(0, np.int64)))
    assert pairs_within(x, n, d, r)[0] == serial
    assert _grid_pairs(x, n, d, r, side, REACH, 2) == serial
