"""simulate and the integrators: plain-loop and scipy references, leapfrog energy, delay history, noise, bad input."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from tscomplex import systems
from tscomplex.systems import DivergenceError, simulate

TWO_PI = 2.0 * math.pi


def test_parameter_override_changes_the_trajectory():
    a = simulate("lorenz", 500, transient=0)
    b = simulate("lorenz", 500, transient=0, params={"rho": 35.0})
    assert b.params["rho"] == 35.0 and a.params["rho"] == 28.0
    np.testing.assert_array_equal(a.values[0], b.values[0])
    assert np.abs(a.values[-1] - b.values[-1]).max() > 1.0
    # the logistic map at r = 3.2 settles on its period-2 orbit: x* = (r + 1 ± sqrt((r-3)(r+1))) / (2r)
    r = 3.2
    x = simulate("logistic", 100, params={"r": r}, transient=1000).values[:, 0]
    roots = sorted([(r + 1 + s * math.sqrt((r - 3) * (r + 1))) / (2 * r) for s in (-1, 1)])
    np.testing.assert_allclose(sorted(x[-2:]), roots, rtol=1e-12)


def test_maps_match_plain_python_iteration():
    x = simulate("logistic", 50, transient=0).values[:, 0]
    ref = [0.1]
    for _ in range(49):
        ref.append(4.0 * ref[-1] * (1.0 - ref[-1]))
    np.testing.assert_allclose(x, ref, rtol=0, atol=1e-9)   # chaos doubles rounding errors: 50 steps only
    h = simulate("henon", 30, transient=0).values
    xs, ys = [0.1], [0.1]
    for _ in range(29):
        xs, ys = xs + [1 - 1.4 * xs[-1] ** 2 + ys[-1]], ys + [0.3 * xs[-1]]
    np.testing.assert_allclose(h, np.column_stack([xs, ys]), rtol=1e-10)


def _lorenz(t, y):
    return [10.0 * (y[1] - y[0]), y[0] * (28.0 - y[2]) - y[1], y[0] * y[1] - 8.0 / 3.0 * y[2]]


def _rossler(t, y):
    return [-y[1] - y[2], y[0] + 0.2 * y[1], 0.2 + y[2] * (y[0] - 5.7)]


def _sprott_b(t, y):
    return [y[1] * y[2], y[0] - y[1], 1.0 - y[0] * y[1]]


@pytest.mark.parametrize("name,rhs,horizon", [("lorenz", _lorenz, 4.0), ("rossler", _rossler, 40.0),
                                               ("sprott_b", _sprott_b, 15.0)])
def test_dopri54_agrees_with_scipy_dop853(name, rhs, horizon):
    """A few Lyapunov times (lambda * horizon ~ 3) at tight tolerance: both integrators agree closely."""
    system = systems.get(name)
    dt = 0.01
    n = int(round(horizon / dt)) + 1
    ours = simulate(name, n, dt=dt, transient=0, rtol=1e-12, atol=1e-12)
    t_eval = np.arange(n) * dt
    ref = solve_ivp(rhs, (0.0, t_eval[-1]), system.initial_condition(), method="DOP853", t_eval=t_eval,
                    rtol=1e-13, atol=1e-13)
    assert ref.success
    np.testing.assert_allclose(ours.time, t_eval, rtol=0, atol=1e-12)
    scale = np.abs(ref.y.T).max()
    assert np.abs(ours.values - ref.y.T).max() < 1e-6 * scale


def test_looser_tolerance_takes_fewer_steps_and_is_still_close():
    tight = simulate("lorenz", 201, dt=0.01, transient=0, rtol=1e-12, atol=1e-12)
    loose = simulate("lorenz", 201, dt=0.01, transient=0, rtol=1e-6, atol=1e-6)
    assert loose.info["steps"] < tight.info["steps"]
    assert np.abs(loose.values - tight.values).max() < 1e-2


def _henon_heiles_energy(v):
    x, y, px, py = v.T
    return 0.5 * (px ** 2 + py ** 2) + 0.5 * (x ** 2 + y ** 2) + x ** 2 * y - y ** 3 / 3.0


def test_leapfrog_energy_over_1e5_steps():
    system = systems.get("henon_heiles")
    traj = simulate("henon_heiles", 100_001, dt=system.step)
    assert traj.info["steps"] == 100_000 and traj.info["method"] == "leapfrog"
    energy = _henon_heiles_energy(traj.values)
    assert abs(energy[0] - 0.125) < 1e-5          # the published chaotic orbit at E = 1/8
    drift = np.abs(energy - energy[0]).max() / abs(energy[0])
    assert drift < 1e-6
    assert traj.info["energy_relative_error"] == pytest.approx(drift, rel=1e-6)
    plummer = simulate("star_plummer", 100_001, dt=systems.get("star_plummer").step)
    assert plummer.info["energy_relative_error"] < 1e-6


def test_leapfrog_is_second_order():
    """Halving the step quarters the energy error (a check that it is the leapfrog it claims)."""
    errs = []
    for step in (0.02, 0.01):
        traj = simulate("henon_heiles", 201, dt=0.2, step=step)
        errs.append(traj.info["energy_relative_error"])
    assert 2.5 < errs[0] / errs[1] < 6.0


def test_lorenz96_dimension_is_a_parameter():
    traj = simulate("lorenz96", 200, params={"N": 20})
    assert traj.values.shape == (200, 20) and traj.components[-1] == "x20"
    with pytest.raises(ValueError, match="at least 4"):
        simulate("lorenz96", 10, params={"N": 3})
    with pytest.raises(ValueError, match="integer"):
        simulate("lorenz96", 10, params={"N": 5.5})


def test_mackey_glass_delay_history():
    """A constant initial history; before the delay has elapsed x decays as exp(-gamma t) plus a constant drive."""
    traj = simulate("mackey_glass", 17, dt=1.0, transient=0)
    beta, gamma, x0 = 0.2, 0.1, 1.2
    drive = beta * x0 / (1 + x0 ** 10)
    t = traj.time
    exact = drive / gamma + (x0 - drive / gamma) * np.exp(-gamma * t)
    np.testing.assert_allclose(traj.values[:, 0], exact, rtol=1e-9)


def test_noise_is_seeded_and_scaled():
    clean = simulate("rossler", 2000)
    a = simulate("rossler", 2000, noise=0.1, seed=3)
    b = simulate("rossler", 2000, noise=0.1, seed=3)
    np.testing.assert_array_equal(a.values, b.values)
    ratio = (a.values - clean.values).std(axis=0) / clean.values.std(axis=0)
    np.testing.assert_allclose(ratio, 0.1, rtol=0.1)


def test_component_lookup():
    traj = simulate("lorenz", 10)
    np.testing.assert_array_equal(traj.component("y"), traj.component(1))
    with pytest.raises(KeyError, match="components are x, y, z"):
        traj.component("w")


# --------------------------------------------------------------------------- bad input


def test_divergence_reports_blow_up_time():
    # the logistic map with r = 4.5 leaves [0, 1] and runs off to -inf in a few iterations
    with pytest.raises(DivergenceError, match=r"diverged at t = \d+"):
        simulate("logistic", 1000, params={"r": 4.5}, transient=0)
    # Sprott's jerk started off its basin blows up in finite time, near t = 18.65
    with pytest.raises(DivergenceError, match=r"diverged at t = 18\.6"):
        simulate("sprott_jerk", 10_000, ic=[0.0, 0.0, -1.0], transient=0)


def test_bad_arguments():
    with pytest.raises(ValueError, match="needs 3 values"):
        simulate("lorenz", 10, ic=[1.0, 2.0])
    with pytest.raises(ValueError, match="is a map"):
        simulate("henon", 10, dt=0.5)
    with pytest.raises(ValueError, match="at least 1"):
        simulate("lorenz", 0)
    with pytest.raises(ValueError, match="dt must be positive"):
        simulate("lorenz", 10, dt=-1.0)
