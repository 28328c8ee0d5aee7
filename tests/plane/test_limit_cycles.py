"""Time-irreversible limit cycles at the ideal tau: their period is not a whole number of samples, so a
whole-sample lag misses 1.4-10% of the windows at a long pattern span; the recurrence test allows a period
between p and p + 1 samples. Chaotic flows at the same lengths must still not read periodic."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex import simulate
from tscomplex.ordinal import ordinal_codes
from tscomplex.plane.periods import MAX_INTERVAL_MISMATCH, pattern_recurrence

LIMIT_CYCLES = [("van_der_pol", {"mu": 1.0, "A": 0.0}), ("van_der_pol", {"mu": 3.0, "A": 0.0}),
                ("van_der_pol", {"mu": 5.0, "A": 0.0}), ("rossler", {"c": 4.0}),
                ("lorenz", {"rho": 160.0}), ("lorenz", {"rho": 99.65})]


def _summary(cli, tmp_path, name, params, n):
    tr = simulate(name, n=n, params=params)
    path = tmp_path / f"{name}_{n}.npy"
    np.save(path, tr.values[:, 0])
    (summary,) = cli(["sweep", path, "--summary"]).records
    return tr.values, summary


def _return_distance(state, lag):
    """Mean distance between the state and the state ``lag`` samples later, over the attractor's spread:
    near 0 only where ``lag`` is (close to) a period of the whole orbit, not just of its patterns."""
    spread = np.sqrt(((state - state.mean(0)) ** 2).sum(1).mean())
    return min(np.sqrt(((state[q:] - state[:-q]) ** 2).sum(1)).mean() for q in (lag - 1, lag, lag + 1)) / spread


@pytest.mark.parametrize("n", [2_000, 10_000])
@pytest.mark.parametrize("name,params", LIMIT_CYCLES)
def test_limit_cycles_read_regular_at_the_ideal_tau(cli, tmp_path, name, params, n):
    state, summary = _summary(cli, tmp_path, name, params, n)
    assert summary["regime_tau"] is not None and summary["regime_tau"] > 1  # a long pattern span
    assert summary["regime"] == "regular", summary["regime_rule"]
    lag = summary["pattern_recurrence_lag"]
    assert lag is not None and "patterns repeat with period" in summary["regime_rule"]
    # the lag is a period of the orbit itself (to a sample), checked on all three (two) components
    assert _return_distance(state, lag) < 0.1


@pytest.mark.parametrize("n", [2_000, 10_000, 50_000])
@pytest.mark.parametrize("name,params", [("rossler", {"c": 5.7}), ("lorenz", {"rho": 28.0})])
def test_chaotic_flows_still_read_complex_at_the_ideal_tau(cli, tmp_path, name, params, n):
    _, summary = _summary(cli, tmp_path, name, params, n)
    assert summary["pattern_recurrence_lag"] is None
    if name == "lorenz" and n == 2_000:
        # 2.6 natural periods: the ideal tau leaves too few pattern spans for any regime (as before)
        assert summary["regime"] is None and "pattern lengths" in summary["regime_rule"]
    else:
        assert summary["regime"] == "complex", summary["regime_rule"]


def _interval_mismatch(codes, lag):
    """Plain numpy: the fraction of windows whose pattern differs from both those ``lag`` and ``lag`` + 1 later."""
    a, b, c = codes[:-lag - 1], codes[lag:-1], codes[lag + 1:]
    return np.mean((a != b) & (a != c))


@pytest.mark.parametrize("period", [50.4, 97.25, 133.3])
def test_a_sampled_period_between_two_lags_is_found_at_one_period(period):
    """A whole-sample lag of one period misses some windows at a long span; the interval p .. p + 1 none."""
    t = np.arange(6000)
    x = np.sin(2 * np.pi * t / period) + 0.4 * np.sin(4 * np.pi * t / period + 1.0)  # not time-reversible
    tau = max(1, int(0.4 * period / 4))
    codes = ordinal_codes(x, 5, tau)
    lag, mismatch = pattern_recurrence(codes, 4 * tau)
    if period < 60:  # a fast cycle: its patterns change nearly every sample, often twice in one; found at 2 P
        period = 2 * period
    assert lag == round(period)  # the nearer end of the interval that holds the period
    low = int(np.floor(period))
    assert mismatch == pytest.approx(_interval_mismatch(codes, low), rel=1e-3)  # over W - lag windows
    assert mismatch <= MAX_INTERVAL_MISMATCH


@pytest.mark.parametrize("tau", [1, 4, 12])
def test_chaotic_rossler_misses_far_more_than_the_interval_tolerance(tau):
    """At every lag up to a third of the record, the chaotic orbit's patterns differ from both those p and
    p + 1 later in at least 5 times the tolerance: its return time and amplitude wander."""
    x = simulate("rossler", n=6000).values[:, 0]
    codes = ordinal_codes(x, 5, tau)
    best = min(_interval_mismatch(codes, p) for p in range(8 * tau, codes.size // 3))
    assert best > 5 * MAX_INTERVAL_MISMATCH
    assert pattern_recurrence(codes, 4 * tau) is None
