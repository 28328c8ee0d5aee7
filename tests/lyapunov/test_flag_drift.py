"""A straight rise of ln d(k) on a chirp is drift, not chaos: the flag is null when the neighbours lie close in time.

The separation is checked against a brute-force nearest-neighbour search written here; the verdicts against
series whose dynamics are known from their construction: chirps (not chaotic, not stationary) and the
logistic map and the Lorenz flow (chaotic, stationary), which must keep their flag.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from tscomplex import simulate
from tscomplex.cli import main
from tscomplex.embedding import delay_embedding
from tscomplex.lyapunov import max_lyapunov
from tscomplex.lyapunov.divergence import _pairs
from tscomplex.lyapunov.flag import (
    DRIFT_SEPARATION,
    RULE_DRIFT,
    drifting,
    neighbour_separation,
)


def chirp(n, ratio=4.0):
    """A linear sweep from n/200 to ratio * n/200 cycles over the record."""
    t = np.linspace(0.0, 1.0, n)
    f0 = n / 200
    return np.sin(2 * np.pi * f0 * (t + 0.5 * (ratio - 1) * t * t))


def logistic(n=10_000, x=0.3):
    out = np.empty(n)
    for i in range(n):
        x = 4.0 * x * (1.0 - x)
        out[i] = x
    return out


def brute_separation(y, refs, theiler):
    """Median |i - j| / m with j the nearest point of y[i] further than theiler samples away (plain loops)."""
    m = y.shape[0]
    gaps = []
    for i in refs:
        best, where = np.inf, -1
        for j in range(m):
            if abs(i - j) <= theiler:
                continue
            d = float(np.sum((y[i] - y[j]) ** 2))
            if d < best:
                best, where = d, j
        gaps.append(abs(i - where))
    return float(np.median(gaps)) / m


def test_separation_is_the_median_time_to_the_nearest_neighbour():
    x = chirp(1500)
    y = np.ascontiguousarray(delay_embedding(x, 3, 10))
    refs, neighbors = _pairs(y, 40, "rosenstein", None, 8, 60)
    assert neighbour_separation(refs, neighbors, y.shape[0]) == pytest.approx(brute_separation(y, refs, 40))


def test_separation_without_neighbours_is_none():
    assert neighbour_separation(np.arange(3), np.full((3, 1), -1), 10) is None
    assert drifting(None) is None
    assert drifting(DRIFT_SEPARATION) is None  # the bound itself is not drift
    assert "chirp" in drifting(0.01)


@pytest.mark.parametrize("n,ratio", [(10_000, 4.0), (10_000, 1.5), (50_000, 4.0)])
def test_a_chirp_is_not_called_chaotic(n, ratio):
    result = max_lyapunov(chirp(n, ratio))
    assert result.chaotic is None
    assert result.chaotic_rule == RULE_DRIFT
    assert result.neighbour_separation < 0.05
    assert "chirp" in result.reason
    assert result.max_lyapunov is not None  # the slope is still reported, with the reason it is no evidence


@pytest.mark.parametrize("make", [logistic, lambda: simulate("lorenz", n=10_000).values[:, 0]],
                         ids=["logistic", "lorenz_x"])
def test_stationary_chaos_keeps_its_flag(make):
    result = max_lyapunov(make())
    assert result.chaotic is True
    assert result.neighbour_separation > 0.15  # two uniform times: 0.29


def test_the_record_carries_the_separation(tmp_path):
    path = tmp_path / "chirp.txt"
    np.savetxt(path, chirp(10_000))
    result = CliRunner().invoke(main, ["lyapunov", str(path), "-f", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)[0]
    assert record["chaotic"] is None
    assert record["chaotic_rule"] == "neighbours_close_in_time"
    assert 0 < record["neighbour_separation"] < 0.05
    keys = list(record)
    assert keys.index("neighbour_separation") == keys.index("differenced") + 1
