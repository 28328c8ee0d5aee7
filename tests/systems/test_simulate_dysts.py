"""dysts-style trajectories: points per period, standardization, dynamical noise, a random start on the attractor."""

from __future__ import annotations

import numpy as np
import pytest

from tscomplex.systems import DivergenceError, simulate
from tscomplex.systems.invariants import stored


def test_points_per_period_sets_dt_from_the_stored_period():
    period = stored("rossler")["natural_period"]
    traj = simulate("rossler", n=3000, points_per_period=40)
    assert traj.dt == pytest.approx(period / 40)
    assert traj.info["points_per_period"] == 40 and traj.info["natural_period"] == pytest.approx(period)
    # the trajectory really turns once per ~40 samples: count upward zero crossings of x - mean
    x = traj.values[:, 0] - traj.values[:, 0].mean()
    crossings = np.count_nonzero((x[:-1] < 0) & (x[1:] >= 0))
    assert crossings == pytest.approx(3000 / 40, rel=0.1)


def test_points_per_period_is_refused_where_it_does_not_apply():
    with pytest.raises(ValueError, match="map"):
        simulate("henon", n=10, points_per_period=10)
    with pytest.raises(ValueError, match="not both"):
        simulate("lorenz", n=10, points_per_period=10, dt=0.01)
    with pytest.raises(ValueError, match="positive"):
        simulate("lorenz", n=10, points_per_period=0)


def test_standardize_gives_zero_mean_unit_std_and_reports_both():
    raw = simulate("lorenz", n=2000)
    traj = simulate("lorenz", n=2000, standardize=True)
    assert np.allclose(traj.values.mean(axis=0), 0, atol=1e-12)
    assert np.allclose(traj.values.std(axis=0), 1)
    assert np.allclose(traj.info["standardized_mean"], raw.values.mean(axis=0))
    assert np.allclose(traj.values * traj.info["standardized_std"] + traj.info["standardized_mean"], raw.values)


def test_dynamical_noise_is_seeded_and_zero_noise_matches_the_deterministic_heun_limit():
    a = simulate("lorenz", n=500, dynamical_noise=0.3, seed=4)
    b = simulate("lorenz", n=500, dynamical_noise=0.3, seed=4)
    c = simulate("lorenz", n=500, dynamical_noise=0.3, seed=5)
    assert np.array_equal(a.values, b.values) and not np.array_equal(a.values, c.values)
    assert a.info["method"] == "stochastic heun" and a.info["dynamical_noise"] == 0.3
    # a tiny noise stays close to the noise-free solution over a short time (Heun is 2nd order in the drift)
    quiet = simulate("lorenz", n=50, transient=0, dynamical_noise=1e-9, seed=1)
    clean = simulate("lorenz", n=50, transient=0)
    assert np.max(np.abs(quiet.values - clean.values)) < 1e-2


def test_dynamical_noise_of_a_map_is_additive_and_small_noise_keeps_the_attractor():
    quiet = simulate("henon", n=20000, dynamical_noise=1e-4, seed=1)
    louder = simulate("henon", n=20000, dynamical_noise=1e-3, seed=1)
    assert quiet.info["method"] == "iteration with additive noise"
    assert not np.array_equal(quiet.values, louder.values)
    plain = simulate("henon", n=20000)
    assert quiet.values.std(axis=0) == pytest.approx(plain.values.std(axis=0), rel=0.05)
    # the noise really is additive: each step is f(x_n) + sigma xi_n with the seeded standard normals
    traj = simulate("logistic", n=50, transient=0, dynamical_noise=1e-6, seed=3, ic=[0.3])
    x = traj.values[:, 0]
    kicks = (x[1:] - 4 * x[:-1] * (1 - x[:-1])) / 1e-6
    normals = np.random.default_rng([3, 1]).standard_normal((50, 1))[:49, 0]
    assert np.allclose(kicks, normals, atol=1e-6)


def test_dynamical_noise_is_refused_for_delay_and_hamiltonian_systems():
    for name in ("mackey_glass", "henon_heiles"):
        with pytest.raises(ValueError, match="flows and maps"):
            simulate(name, n=10, dynamical_noise=0.1, seed=1)


def test_noise_that_kicks_a_map_off_its_attractor_is_a_clear_divergence():
    with pytest.raises(DivergenceError, match="diverged"):
        simulate("henon", n=20000, dynamical_noise=0.5, seed=1)


def test_random_initial_condition_is_on_the_attractor_and_seeded():
    a = simulate("lorenz", n=200, ic="random", seed=11)
    b = simulate("lorenz", n=200, ic="random", seed=11)
    c = simulate("lorenz", n=200, ic="random", seed=12)
    assert np.array_equal(a.values, b.values) and a.info["initial_condition"] != c.info["initial_condition"]
    ref = simulate("lorenz", n=20000)
    lo, hi = ref.values.min(axis=0), ref.values.max(axis=0)
    start = np.array(a.info["initial_condition"])
    assert np.all((start >= lo - 1) & (start <= hi + 1))
    with pytest.raises(ValueError, match="needs a seed"):
        simulate("lorenz", n=10, ic="random")
    with pytest.raises(ValueError, match="numbers or 'random'"):
        simulate("lorenz", n=10, ic="somewhere")
