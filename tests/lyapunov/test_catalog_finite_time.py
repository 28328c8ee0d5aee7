"""The 32T decision of the catalog for systems whose runs do not converge (tscomplex.lyapunov.catalog.finite_time)."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.lyapunov.catalog import CHAOS_THRESHOLD, finite_time


def test_a_chaotic_map_passes_the_windows_rule():
    result = finite_time("logistic", 2000, None)                 # 64,000 iterations, windows of 64
    chaotic, reason = result["decision"]
    assert chaotic is True and "chaotic" in reason
    assert result["windows_above"] > 0.95 and result["run_steps"] == 64_000
    assert result["max_lyapunov_at_doublings"][-1] == pytest.approx(np.log(2), rel=0.02)
    assert result["second_half_max_lyapunov"] == pytest.approx(np.log(2), rel=0.02)


def test_an_invariant_curve_fails_the_second_half_rule():
    # Bogdanov's map at the catalog's parameters: an invariant curve, lambda_max T bounded
    result = finite_time("bogdanov", 5000, None)
    chaotic, reason = result["decision"]
    assert chaotic is False and "16T..32T" in reason
    assert abs(result["second_half_max_lyapunov"]) <= CHAOS_THRESHOLD
    at = np.array(result["max_lyapunov_at_doublings"])
    assert np.all(np.abs(at) < 0.01)


def test_a_torus_fails_it_too_and_the_reason_gives_the_doublings():
    # the swinging Atwood machine from the catalog's start: lambda_max T grows like log T (a torus); a short T
    result = finite_time("swinging_atwood", 200_000, 0.0005)      # T = 100 time units, 32T = 3200
    chaotic, reason = result["decision"]
    at = result["max_lyapunov_at_doublings"]
    assert chaotic is False and len(at) == 6 and at[-1] < at[0] / 4
    assert reason.count(",") >= 5
