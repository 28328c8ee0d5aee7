"""The double pendulum conserves its energy (its equations were once wrong by the sign of the w^2 terms)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from tscomplex import systems


def _energy(y, g=9.81):
    """E / (m l^2) of two equal masses on equal rods: T = w1^2 + w2^2/2 + w1 w2 cos(d), V = -2g cos t1 - g cos t2."""
    t1, t2, w1, w2 = y
    return w1 ** 2 + 0.5 * w2 ** 2 + w1 * w2 * np.cos(t1 - t2) - 2 * g * np.cos(t1) - g * np.cos(t2)


def _lagrange(t, y, g=9.81):
    """The equations of motion solved from the Lagrangian here, as a 2x2 linear system (independent of the catalog)."""
    t1, t2, w1, w2 = y
    c, s = np.cos(t1 - t2), np.sin(t1 - t2)
    mass = np.array([[2.0, c], [c, 1.0]])
    force = np.array([-w2 ** 2 * s - 2 * g * np.sin(t1), w1 ** 2 * s - g * np.sin(t2)])
    return [w1, w2, *np.linalg.solve(mass, force)]


def test_catalog_field_is_the_lagrangian_one():
    system = systems.get("double_pendulum")
    f, p = system.kernel("rhs"), system.param_array(system.resolve_params(None))
    rng = np.random.default_rng(3)
    for y in rng.uniform(-3, 3, size=(20, 4)):
        out = np.empty(4)
        f(0.0, y, p, out)
        assert out == pytest.approx(_lagrange(0.0, y), rel=1e-12, abs=1e-12)


def test_simulated_orbit_conserves_energy():
    traj = systems.simulate("double_pendulum", 20_000, dt=0.01).values      # 200 time units
    energy = _energy(traj.T)
    assert np.ptp(energy) < 1e-6 * (1 + abs(energy[0]))
    reference = solve_ivp(_lagrange, (0, 10), [1.4, 1.6, 0.0, 0.0], rtol=1e-11, atol=1e-11).y[:, -1]
    assert _energy(reference) == pytest.approx(_energy(np.array([1.4, 1.6, 0.0, 0.0])), abs=1e-8)


def test_the_spectrum_step_keeps_the_energy_over_a_long_run():
    # RK4 is not symplectic: at dt = 0.01 the energy drifts from -3.05 to -3.80 in 2*10^4 time units, and the
    # exponent falls with it. The catalog's spectrum step must keep it.
    from numba import njit

    system = systems.get("double_pendulum")
    f, p = system.kernel("rhs"), system.param_array(system.resolve_params(None))

    @njit
    def rk4(f, p, y, h, n):
        k1, k2, k3, k4 = np.empty(4), np.empty(4), np.empty(4), np.empty(4)
        for _ in range(n):
            f(0.0, y, p, k1)
            f(0.0, y + 0.5 * h * k1, p, k2)
            f(0.0, y + 0.5 * h * k2, p, k3)
            f(0.0, y + h * k3, p, k4)
            y = y + h * (k1 + 2 * k2 + 2 * k3 + k4) / 6
        return y

    y0 = np.array([1.4, 1.6, 0.0, 0.0])
    h = system.spectrum_dt
    assert abs(_energy(rk4(f, p, y0.copy(), h, int(2000 / h))) - _energy(y0)) < 1e-4     # 3e-5 measured
    assert abs(_energy(rk4(f, p, y0.copy(), 0.01, 200_000)) - _energy(y0)) > 0.05      # the step it replaced
