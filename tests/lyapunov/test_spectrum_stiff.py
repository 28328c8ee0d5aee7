"""The re-orthonormalization interval of the tangent-space QR follows the system's spread of exponents.

The stiff case is Chen's flow with time sped up k = 40 times: with x -> k x and t -> t / k, Chen's
equations (every linear coefficient a parameter) keep their form with (a, b, c) -> k (a, b, c), so
the exponents are exactly k times Chen's (2.03, 0, -12.03): a spread of about 560 per time unit,
which a fixed interval of 0.1 time units (a growth ratio e^56, past 1/eps) cannot resolve.
"""

from __future__ import annotations

import pytest

from tscomplex.lyapunov.spectrum import lyapunov_spectrum
from tscomplex.records.lyapunov import spectrum_records

K = 40.0
STEPS = 500_000
FAST = {"a": 35.0 * K, "b": 3.0 * K, "c": 28.0 * K}
FAST_IC = (-10.0 * K, 0.0, 37.0 * K)


def _fast(**kw):
    return lyapunov_spectrum("chen", params=FAST, ic=FAST_IC, dt=0.002 / K, n_steps=STEPS, transient=20.0 / K, **kw)


@pytest.fixture(scope="module")
def base():
    return lyapunov_spectrum("chen", dt=0.002, n_steps=STEPS, transient=20.0)


def test_stiff_spectrum_is_k_times_the_slow_one_and_sums_to_the_divergence(base):
    fast = _fast()
    # the divergence of Chen's field is the constant c - a - b
    assert fast.exponents.sum() == pytest.approx(FAST["c"] - FAST["a"] - FAST["b"], rel=1e-4)
    assert base.exponents.sum() == pytest.approx(28.0 - 35.0 - 3.0, rel=1e-4)
    assert fast.exponents[2] / K == pytest.approx(base.exponents[2], rel=0.01)
    assert fast.exponents[0] / K == pytest.approx(base.exponents[0], rel=0.05)   # two chaotic runs, 5x10^5 steps
    assert abs(fast.exponents[1] / K) < 0.01
    # the interval was shortened, and the record says why
    assert fast.reorthonormalization_interval < 0.1 / 5
    assert fast.reorthonormalization_interval * (fast.exponents[0] - fast.exponents[2]) <= 8.0 * 1.2
    assert "spread" in fast.reorthonormalization_rule
    assert base.reorthonormalization_interval == pytest.approx(0.1)


def test_a_fixed_interval_of_a_tenth_loses_the_most_negative_exponent():
    # the failure the automatic interval exists for (if this passed, the case above would not be stiff)
    fixed = _fast(reorthonormalization_interval=0.1)
    assert fixed.reorthonormalization_rule == "given"
    assert fixed.exponents.sum() > 0.8 * (FAST["c"] - FAST["a"] - FAST["b"])    # far less negative than -400


def test_the_interval_is_in_the_record_and_maps_renormalize_every_iteration():
    records, result = spectrum_records("lorenz", n_steps=2000)
    record = records[0] if not hasattr(records, "records") else records.records[0]
    assert record["reorthonormalization_interval"] == pytest.approx(0.1)
    assert record["reorthonormalization_rule"].startswith("every 0.1 time units")
    henon = lyapunov_spectrum("henon", n_steps=1000)
    assert henon.reorthonormalization_interval == 1.0


def test_a_bad_interval_is_refused():
    with pytest.raises(ValueError, match="reorthonormalization_interval"):
        lyapunov_spectrum("lorenz", n_steps=100, reorthonormalization_interval=0.0)
