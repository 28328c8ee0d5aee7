"""The catalog: every system's Jacobian against finite differences, boundedness, parameters, names (tscomplex.systems)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex import systems
from tscomplex.systems import simulate

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
        # at a point of the attractor; a field that jumps (system.switching) may ignore a parameter on one
        # side of its plane, so there the first of a few points where it acts counts
        effect = False
        for at in ((1234,) if system.switching is None else (1234, 500, 1700, 2900, 2000, 2500)):
            y = np.ascontiguousarray(values[at])
            out1, out2 = np.empty(d), np.empty(d)
            J1, J2 = np.empty((d, 2 * d if system.kind == "delay" else d)), None
            if system.kind == "delay":
                yd = np.ascontiguousarray(values[1000])
                f(0.37, y, yd, p, out1)
                f(0.37, y, yd, p2, out2)
            else:
                f(0.37, y, p, out1)
                f(0.37, y, p2, out2)
            effect = not np.allclose(out1, out2, rtol=1e-12, atol=0)
            if effect:
                break
        assert effect, f"{name}: parameter {key} has no effect"
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


# --------------------------------------------------------------------------- bad input


def test_unknown_name_lists_closest():
    with pytest.raises(KeyError, match="closest: lorenz"):
        systems.get("lorenzz")
    with pytest.raises(KeyError, match="rossler"):
        simulate("rosler", 10)


def test_unknown_parameter_lists_valid_ones():
    with pytest.raises(KeyError, match="valid parameters: sigma, rho, beta"):
        simulate("lorenz", 10, params={"r": 28})
