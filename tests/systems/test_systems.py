"""The built-in systems: Jacobians, boundedness, parameters, integrator accuracy, leapfrog energy, bad input, CLI."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.integrate import solve_ivp

from tscomplex import systems
from tscomplex.systems import DivergenceError, simulate

ALL = systems.names()
TWO_PI = 2.0 * math.pi
# Components of a map that wrap modulo something: finite differences must wrap too.
WRAPPED = {"standard": (TWO_PI, TWO_PI), "kaplan_yorke": (0.99999995, None)}


def _rhs_and_jac(system, params):
    f = system.kernel("rhs")
    j = system.kernel("jac")
    p = system.param_array(params)
    return f, j, p


def _finite_difference_jacobian(system, f, p, y, yd=None):
    """Central differences of the compiled rhs, in plain numpy (delay: [d/dy | d/dy_delayed])."""
    d = y.size
    cols = 2 * d if yd is not None else d
    J = np.empty((d, cols))
    for c in range(cols):
        base = y if c < d else yd
        k = c % d
        step = 1e-6 * max(1.0, abs(base[k]))
        plus, minus = base.copy(), base.copy()
        plus[k] += step
        minus[k] -= step
        fp, fm = np.empty(d), np.empty(d)
        if yd is None:
            f(0.37, plus, p, fp)
            f(0.37, minus, p, fm)
        elif c < d:
            f(0.37, plus, yd, p, fp)
            f(0.37, minus, yd, p, fm)
        else:
            f(0.37, y, plus, p, fp)
            f(0.37, y, minus, p, fm)
        diff = fp - fm
        for i, period in enumerate(WRAPPED.get(system.name, ())):
            if period:
                diff[i] = (diff[i] + period / 2) % period - period / 2
        J[:, c] = diff / (2 * step)
    return J


@pytest.mark.parametrize("name", ALL)
def test_registry(name):
    """Every system: analytic Jacobian = finite differences on the attractor; bounded, non-constant; parameters."""
    system = systems.get(name)
    params = dict(system.params)
    traj = simulate(name, 3000)
    values = traj.values

    # bounded and non-constant over the default run
    assert values.shape == (3000, system.dimension())
    assert np.all(np.isfinite(values))
    assert np.abs(values).max() < 1e4
    assert np.all(values.std(axis=0) > 1e-3), f"{name} has a constant component"
    assert traj.components == system.component_names()

    # the analytic Jacobian agrees with central differences at points on the attractor
    f, j, p = _rhs_and_jac(system, params)
    d = system.dimension()
    for index in (500, 1700, 2900):
        y = np.ascontiguousarray(values[index])
        if system.kind == "delay":
            lag = int(round(params["tau"] / traj.dt))
            yd = np.ascontiguousarray(values[index - lag])
            J = np.empty((d, 2 * d))
            j(0.37, y, yd, p, J)
            fd = _finite_difference_jacobian(system, f, p, y, yd)
        else:
            J = np.empty((d, d))
            j(0.37, y, p, J)
            fd = _finite_difference_jacobian(system, f, p, y)
        scale = max(1.0, np.abs(fd).max())
        np.testing.assert_allclose(J, fd, rtol=1e-5, atol=1e-6 * scale, err_msg=f"{name} Jacobian at {y}")
        if system.kind == "hamiltonian":   # the leapfrog's acceleration is the flow's force
            half = d // 2
            a, full = np.empty(half), np.empty(d)
            system.kernel("accel")(0.0, np.ascontiguousarray(y[:half]), p, a)
            f(0.0, y, p, full)
            np.testing.assert_allclose(a, full[half:], rtol=1e-12, atol=1e-14)

    # parameters can be overridden: the override is used, and each parameter changes the equations
    for key, value in params.items():
        same = simulate(name, 50, params={key: value}, transient=0)
        assert same.params[key] == value
        if key in ("N", "tau"):      # structural: the dimension, or the delay handled by the integrator
            continue
        p2 = p.copy()
        p2[list(params).index(key)] = value * 1.1 + 0.01
        y = np.ascontiguousarray(values[1234])
        out1, out2 = np.empty(d), np.empty(d)
        J1, J2 = np.empty((d, 2 * d if system.kind == "delay" else d)), None
        if system.kind == "delay":
            yd = np.ascontiguousarray(values[1000])
            f(0.37, y, yd, p, out1)
            f(0.37, y, yd, p2, out2)
        else:
            f(0.37, y, p, out1)
            f(0.37, y, p2, out2)
        assert not np.allclose(out1, out2, rtol=1e-12, atol=0), f"{name}: parameter {key} has no effect"
        del J1, J2


def test_catalog_size_and_required_systems():
    required = ["logistic", "tent", "henon", "lozi", "ikeda", "standard", "tinkerbell", "gingerbreadman",
                "duffing_map", "lorenz", "rossler", "chua", "chen", "lu", "thomas", "halvorsen", "aizawa",
                "rabinovich_fabrikant", "hindmarsh_rose", "duffing", "van_der_pol", "double_pendulum",
                "lorenz96", "mackey_glass", "henon_heiles", "star_logarithmic", "star_plummer"]
    required += [f"sprott_{c}" for c in "abcdefghijklmnopqrs"]
    assert len(ALL) >= 60
    assert not set(required) - set(ALL)
    kinds = {systems.get(n).kind for n in ALL}
    assert kinds == {"map", "flow", "delay", "hamiltonian"}


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


def test_unknown_name_lists_closest():
    with pytest.raises(KeyError, match="closest: lorenz"):
        systems.get("lorenzz")
    with pytest.raises(KeyError, match="rossler"):
        simulate("rosler", 10)


def test_unknown_parameter_lists_valid_ones():
    with pytest.raises(KeyError, match="valid parameters: sigma, rho, beta"):
        simulate("lorenz", 10, params={"r": 28})


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


# --------------------------------------------------------------------------- CLI


def test_cli_systems_list(cli):
    result = cli(["systems", "list"])
    assert result.exit_code == 0
    records = {r["system"]: r for r in result.records}
    assert len(records) == len(ALL)
    assert records["lorenz"]["dimension"] == 3 and records["lorenz"]["kind"] == "flow"
    assert records["lorenz"]["max_lyapunov_reference"] == pytest.approx(0.9056)
    maps_only = cli(["systems", "list", "--kind", "map"]).records
    assert maps_only and {r["kind"] for r in maps_only} == {"map"}


def test_cli_systems_show(cli):
    result = cli(["systems", "show", "henon"])
    assert result.exit_code == 0
    (record,) = result.records
    assert record["parameters"] == {"a": 1.4, "b": 0.3}
    assert record["lyapunov_spectrum_reference"] == [0.41922, -1.62319]
    assert "1 - a x^2 + y" in record["equations"]
    bad = cli(["systems", "show", "henonn"])
    assert bad.exit_code == 2 and "closest: henon" in bad.stderr


def test_cli_simulate_csv_feeds_analyze(cli, tmp_path):
    out = tmp_path / "lorenz.csv"
    result = cli(["simulate", "lorenz", "-n", "800", "--dt", "0.02", "-o", out])
    assert result.exit_code == 0, result.stderr
    lines = out.read_text().splitlines()
    assert lines[0] == "time,x,y,z" and len(lines) == 801
    data = np.loadtxt(out, delimiter=",", skiprows=1)
    np.testing.assert_allclose(np.diff(data[:, 0]), 0.02, atol=1e-9)
    np.testing.assert_allclose(data[:, 1:], simulate("lorenz", 800, dt=0.02).values, rtol=1e-12)
    analyzed = cli(["analyze", out])
    assert analyzed.exit_code == 0
    assert [r["series"] for r in analyzed.records] == ["x", "y", "z"]
    assert all(r["dt"] == pytest.approx(0.02) for r in analyzed.records)


def test_cli_simulate_parquet_params_ic_noise(cli, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "henon.parquet"
    result = cli(["simulate", "henon", "-n", "300", "--param", "a=1.3", "--ic", "0.2,0.1", "--transient", "0",
                  "--noise", "0.01", "--seed", "1", "-o", out])
    assert result.exit_code == 0, result.stderr
    table = pq.read_table(out)
    assert table.column_names == ["time", "x", "y"]
    expected = simulate("henon", 300, params={"a": 1.3}, ic=[0.2, 0.1], transient=0, noise=0.01, seed=1)
    np.testing.assert_array_equal(table.column("x").to_numpy(), expected.values[:, 0])


def test_cli_simulate_to_stdout_and_energy_note(cli):
    result = cli(["simulate", "henon_heiles", "-n", "50"])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == "time,x,y,px,py"
    assert "relative energy error" in result.stderr


def test_cli_simulate_bad_input(cli, tmp_path):
    bad_param = cli(["simulate", "lorenz", "--param", "r=28"])
    assert bad_param.exit_code == 2 and "valid parameters: sigma, rho, beta" in bad_param.stderr
    bad_name = cli(["simulate", "lorentz"])
    assert bad_name.exit_code == 2 and "lorenz" in bad_name.stderr
    diverged = cli(["simulate", "logistic", "--param", "r=4.5", "--transient", "0"])
    assert diverged.exit_code == 1 and "diverged at t =" in diverged.stderr
    assert "Traceback" not in diverged.stderr
    bad_ic = cli(["simulate", "lorenz", "--ic", "1,x"])
    assert bad_ic.exit_code == 2
    bad_plot = cli(["simulate", "lorenz", "-n", "10", "--plot", tmp_path / "a.gif"])
    assert bad_plot.exit_code == 2 and "suffix" in bad_plot.stderr


@pytest.mark.parametrize("name", ["lorenz", "henon", "logistic", "mackey_glass", "henon_heiles"])
def test_cli_simulate_plot(cli, tmp_path, name):
    fig = tmp_path / f"{name}.png"
    result = cli(["simulate", name, "-n", "2000", "-o", tmp_path / "x.csv", "--plot", fig])
    assert result.exit_code == 0, result.stderr
    data = fig.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


def test_cli_analyze_with_system(cli):
    result = cli(["analyze", "--system", "lorenz", "--component", "x", "-n", "2000", "--dt", "0.05"])
    assert result.exit_code == 0, result.stderr
    (record,) = result.records
    assert record["source"] == "system:lorenz" and record["dt"] == 0.05 and record["n"] == 2000
    bad = cli(["analyze", "--system", "lorenz", "--param", "s=1"])
    assert bad.exit_code == 2 and "valid parameters" in bad.stderr
