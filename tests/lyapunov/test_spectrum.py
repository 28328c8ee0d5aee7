"""The Lyapunov spectrum from the equations (tangent-space QR) and the Kaplan-Yorke dimension."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tscomplex import systems
from tscomplex.lyapunov.spectrum import LyapunovSpectrum, kaplan_yorke_dimension, lyapunov_spectrum

# Runs that take about a second or more with their default length (long averages for small exponents).
SLOW = {"henon_heiles", "mackey_glass", "thomas", "ueda", "rucklidge", "rossler", "sprott_jerk"} | {
    f"sprott_{c}" for c in "abcdefghijklmnopqrs"}


def _reference_cases():
    cases = []
    for name in systems.names():
        for ref in systems.get(name).references:
            label = name + "".join(f"-{k}={v:g}" for k, v in ref.params.items())
            marks = [pytest.mark.slow] if name in SLOW else []
            cases.append(pytest.param(name, ref, id=label, marks=marks))
    return cases


REFERENCE_CASES = _reference_cases()


def test_lorenz_spectrum_within_one_percent():
    s = lyapunov_spectrum("lorenz")
    assert isinstance(s, LyapunovSpectrum) and s.system == "lorenz"
    l1, l2, l3 = s.exponents
    assert l1 == pytest.approx(0.9056, rel=0.01)
    assert abs(l2) < 0.01 * 0.9056           # the zero exponent of an autonomous flow
    assert l3 == pytest.approx(-14.5723, rel=0.01)
    # the sum is the (constant) divergence of the field, -(sigma + 1 + beta)
    assert l1 + l2 + l3 == pytest.approx(-(10 + 1 + 8 / 3), abs=1e-3)
    assert s.kaplan_yorke_dimension == pytest.approx(2.06215, rel=0.01)
    assert s.history is None


def test_henon_spectrum_within_one_percent():
    s = lyapunov_spectrum("henon")
    np.testing.assert_allclose(s.exponents, [0.41922, -1.62319], rtol=0.01)
    # |det J| = b on every iteration, so the sum is ln b to rounding error
    assert s.exponents.sum() == pytest.approx(math.log(0.3), abs=1e-9)
    assert s.kaplan_yorke_dimension == pytest.approx(1.25827, rel=0.01)


@pytest.mark.parametrize("name,ref", REFERENCE_CASES)
def test_published_largest_exponents_within_ten_percent(name, ref):
    s = lyapunov_spectrum(name, params=ref.params or None, ic=ref.ic)
    assert s.exponents[0] == pytest.approx(ref.max_exponent, rel=0.10)
    kind = systems.get(name).kind
    if len(ref.exponents) > 1 and kind in ("map", "flow"):
        # the other published exponents too (absolute 0.01 for the zero of an autonomous flow)
        for got, want in zip(s.exponents, ref.exponents):
            assert got == pytest.approx(want, rel=0.10, abs=0.01 * abs(ref.exponents[0]) if want == 0 else 0)


def test_every_reference_case_is_collected():
    assert len(REFERENCE_CASES) >= 35


def _plain_henon_spectrum(n, transient, a=1.4, b=0.3):
    """Benettin's method for the Hénon map written with numpy's QR, independent of the package."""
    x, y = 0.1, 0.1
    for _ in range(transient):
        x, y = 1 - a * x * x + y, b * x
    Q = np.eye(2)
    sums = np.zeros(2)
    for _ in range(n):
        J = np.array([[-2 * a * x, 1.0], [b, 0.0]])
        Q, R = np.linalg.qr(J @ Q)
        sums += np.log(np.abs(np.diag(R)))
        x, y = 1 - a * x * x + y, b * x
    return np.sort(sums / n)[::-1]


def _plain_lorenz_spectrum(h, n, transient_steps, y0):
    """RK4 on the state and the variational equation, with numpy QR every step."""
    sigma, rho, beta = 10.0, 28.0, 8.0 / 3.0

    def f(y):
        return np.array([sigma * (y[1] - y[0]), y[0] * (rho - y[2]) - y[1], y[0] * y[1] - beta * y[2]])

    def jac(y):
        return np.array([[-sigma, sigma, 0.0], [rho - y[2], -1.0, -y[0]], [y[1], y[0], -beta]])

    y = np.array(y0, dtype=float)
    for _ in range(transient_steps):
        k1 = f(y)
        k2 = f(y + h / 2 * k1)
        k3 = f(y + h / 2 * k2)
        k4 = f(y + h * k3)
        y = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
    Q = np.eye(3)
    sums = np.zeros(3)
    for _ in range(n):
        k1, K1 = f(y), jac(y) @ Q
        y2, Q2 = y + h / 2 * k1, Q + h / 2 * K1
        k2, K2 = f(y2), jac(y2) @ Q2
        y3, Q3 = y + h / 2 * k2, Q + h / 2 * K2
        k3, K3 = f(y3), jac(y3) @ Q3
        y4, Q4 = y + h * k3, Q + h * K3
        k4, K4 = f(y4), jac(y4) @ Q4
        y = y + h / 6 * (k1 + 2 * k2 + 2 * k3 + k4)
        Q, R = np.linalg.qr(Q + h / 6 * (K1 + 2 * K2 + 2 * K3 + K4))
        sums += np.log(np.abs(np.diag(R)))
    return np.sort(sums / (n * h))[::-1]


def test_map_kernel_matches_plain_numpy_qr():
    ours = lyapunov_spectrum("henon", n_steps=5000, transient=100)
    np.testing.assert_allclose(ours.exponents, _plain_henon_spectrum(5000, 100), rtol=1e-9)


def test_flow_kernel_matches_plain_numpy_qr():
    """Renormalizing every step (numpy) or every 0.1 time units (kernel) gives the same sums."""
    ours = lyapunov_spectrum("lorenz", n_steps=1500, dt=0.01, transient=1.0)
    plain = _plain_lorenz_spectrum(0.01, 1500, 100, systems.get("lorenz").initial_condition())
    np.testing.assert_allclose(ours.exponents, plain, rtol=1e-7, atol=1e-9)


def test_history_shows_convergence():
    s = lyapunov_spectrum("lorenz", n_steps=100_000, return_history=True)
    assert s.history.shape == (s.times.size, 3) and 10 <= s.times.size <= 1000
    assert np.all(np.diff(s.times) > 0)
    np.testing.assert_allclose(s.history[-1], s.exponents, rtol=1e-9, atol=1e-12)
    # the running estimate settles: the last tenth moves far less than the first tenth
    tenth = s.times.size // 10
    assert np.ptp(s.history[-tenth:, 0]) < np.ptp(s.history[:tenth, 0])


def test_per_time_unit_not_per_step():
    coarse = lyapunov_spectrum("lorenz", dt=0.01, n_steps=200_000)
    fine = lyapunov_spectrum("lorenz", dt=0.005, n_steps=400_000)
    assert coarse.exponents[0] == pytest.approx(fine.exponents[0], rel=0.02)


def test_map_analytic_exponents():
    logistic = lyapunov_spectrum("logistic", n_steps=100_000)
    assert logistic.exponents[0] == pytest.approx(math.log(2), rel=0.01)
    ky = lyapunov_spectrum("kaplan_yorke", n_steps=50_000)
    np.testing.assert_allclose(ky.exponents, [math.log(2), math.log(0.2)], rtol=1e-3)
    # Kaplan-Yorke map: D = 1 + ln 2 / |ln alpha|
    assert ky.kaplan_yorke_dimension == pytest.approx(1 + math.log(2) / abs(math.log(0.2)), rel=1e-3)


def test_hamiltonian_pairs_and_delay_leading_exponents():
    hh = lyapunov_spectrum("henon_heiles", n_steps=500_000)
    lam = hh.exponents
    # symplectic pairs (to the accuracy of RK4, which is not symplectic)
    assert lam[0] + lam[3] == pytest.approx(0.0, abs=0.01 * lam[0])
    assert abs(lam[1]) < 2e-3 and abs(lam[2]) < 2e-3
    mg = lyapunov_spectrum("mackey_glass", n_steps=200_000)
    assert mg.exponents.size == 3 and mg.exponents[0] > 0 > mg.exponents[2]


def test_kaplan_yorke_dimension_values():
    assert kaplan_yorke_dimension([1.0, 0.0, -2.0]) == pytest.approx(2.5)
    assert kaplan_yorke_dimension([-0.5, -1.0]) == 0.0
    assert kaplan_yorke_dimension([0.3, 0.1]) == 2.0
    assert kaplan_yorke_dimension([0.9056, 0.0, -14.5723]) == pytest.approx(2.06215, abs=1e-5)
    with pytest.raises(ValueError):
        kaplan_yorke_dimension([])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=8), st.randoms())
def test_kaplan_yorke_properties(exponents, rnd):
    d = kaplan_yorke_dimension(exponents)
    assert 0.0 <= d <= len(exponents)
    shuffled = list(exponents)
    rnd.shuffle(shuffled)
    assert kaplan_yorke_dimension(shuffled) == d


def test_bad_input():
    with pytest.raises(KeyError, match="closest: lorenz"):
        lyapunov_spectrum("lorentz")
    with pytest.raises(KeyError, match="valid parameters"):
        lyapunov_spectrum("lorenz", params={"r": 1.0})
    with pytest.raises(ValueError, match="n_steps"):
        lyapunov_spectrum("lorenz", n_steps=0)
    with pytest.raises(ValueError, match="diverged at t ="):
        lyapunov_spectrum("logistic", params={"r": 4.5}, transient=0)


def test_public_api():
    import tscomplex

    assert tscomplex.lyapunov_spectrum is lyapunov_spectrum
    assert tscomplex.simulate is systems.simulate
