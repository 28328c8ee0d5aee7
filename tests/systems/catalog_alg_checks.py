"""Checks shared by tests/systems/test_catalog_alg*.py: Jacobians, boundedness and spectra of catalog flows.

Everything here is plain numpy on the uncompiled Python right-hand sides, so it does not share code with the
integrators it checks (only the spectrum itself comes from tscomplex.lyapunov).
"""

from __future__ import annotations

import numpy as np

from tscomplex import systems
from tscomplex.lyapunov import lyapunov_spectrum
from tscomplex.systems import simulate


def finite_difference_jacobian(f, y, p):
    """Central differences of ``f(t, y, p, out)`` in plain numpy."""
    d = y.size
    J = np.empty((d, d))
    for k in range(d):
        h = 1e-6 * max(1.0, abs(y[k]))
        plus, minus = y.copy(), y.copy()
        plus[k] += h
        minus[k] -= h
        fp, fm = np.empty(d), np.empty(d)
        f(0.0, plus, p, fp)
        f(0.0, minus, p, fm)
        J[:, k] = (fp - fm) / (2.0 * h)
    return J


def check_jacobian(name, points=6, away_from=None):
    """The analytic Jacobian equals central differences at points of the default trajectory.

    ``away_from(y) -> bool`` skips points next to a kink of the field (|y|, sgn z), where differences are meaningless.
    """
    system = systems.get(name)
    values = simulate(name, 2000).values
    p = system.param_array(system.params)
    d = system.dimension()
    checked = 0
    for y in values[np.linspace(100, 1999, 40).astype(int)]:
        y = np.ascontiguousarray(y)
        if away_from is not None and not away_from(y):
            continue
        J = np.empty((d, d))
        system.jac(0.0, y, p, J)
        fd = finite_difference_jacobian(system.rhs, y, p)
        scale = max(1.0, np.abs(fd).max())
        np.testing.assert_allclose(J, fd, rtol=1e-6, atol=1e-7 * scale, err_msg=f"{name} Jacobian at {y}")
        checked += 1
        if checked == points:
            break
    assert checked == points, f"{name}: only {checked} points away from the kinks"


def check_integrates(name):
    """The default run (10^4 samples) is finite, bounded and moves in every component."""
    traj = simulate(name)
    values = traj.values
    assert values.shape == (10_000, systems.get(name).dimension())
    assert np.all(np.isfinite(values))
    assert np.abs(values).max() < 1e4
    assert np.all(values.std(axis=0) > 1e-3)
    return values


def constant_trace(name, values):
    """The divergence (trace of the Jacobian) if it is the same at points on and off the attractor, else None."""
    system = systems.get(name)
    p = system.param_array(system.params)
    d = system.dimension()
    rng = np.random.default_rng(0)
    lo, hi = values.min(axis=0), values.max(axis=0)
    traces = []
    for _ in range(30):
        y = np.ascontiguousarray(lo + (hi - lo) * rng.random(d) * 1.5 - 0.25 * (hi - lo))
        J = np.empty((d, d))
        system.jac(0.0, y, p, J)
        traces.append(np.trace(J))
    traces = np.array(traces)
    return float(traces[0]) if np.ptp(traces) < 1e-12 * max(1.0, abs(traces[0])) else None


def spectrum(name, time_units):
    """The spectrum over ``time_units`` at the system's spectrum step, and lambda_1 T at the end over that at half time.

    The ratio is about 2 when the largest exponent has converged to a positive value (the log-stretching grows
    linearly in time) and about 1 when it is a bounded transient divided by T (no chaos).
    """
    system = systems.get(name)
    dt = system.spectrum_dt or min(system.dt, 0.01)
    s = lyapunov_spectrum(name, n_steps=round(time_units / dt), return_history=True)
    first, times = s.history[:, 0], s.times
    half = len(times) // 2
    growth = (first[-1] * times[-1]) / (first[half] * times[half])
    return s.exponents, growth


def two_trajectory_rate(name, time_units, d0=1e-7, tol=1e-11):
    """The largest exponent as the growth rate of a finite separation d0, renormalized every time unit (Benettin's
    two-trajectory method on the adaptive integrator): blind to the tangent-space code, and valid across jumps."""
    y = simulate(name, 2, dt=1.0).values[-1]
    w = y + d0 * np.eye(y.size)[0]
    total = 0.0
    for _ in range(int(time_units)):
        ya = simulate(name, 2, dt=1.0, ic=y, transient=0, rtol=tol, atol=tol).values[1]
        wa = simulate(name, 2, dt=1.0, ic=w, transient=0, rtol=tol, atol=tol).values[1]
        distance = np.linalg.norm(wa - ya)
        total += np.log(distance / d0)
        y, w = ya, ya + (wa - ya) * (d0 / distance)
    return total / int(time_units)
