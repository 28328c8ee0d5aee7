"""The algebraic three-variable flows of the catalog (catalog/algebraic_flows.py) and the dysts names of the
classic and Sprott flows: Jacobians, boundedness, spectra, and the systems that are marked as not chaotic."""

from __future__ import annotations

import math

import numpy as np
import pytest
from catalog_alg_checks import (
    check_integrates,
    check_jacobian,
    constant_trace,
    spectrum,
    two_trajectory_rate,
)

from tscomplex import systems
from tscomplex.lyapunov.spectrum import lyapunov_spectrum
from tscomplex.systems import simulate

# name: (time units of the spectrum run, a lower bound for lambda_1 there: about half the value of long runs)
CHAOTIC = {
    "arneodo": (1000, 0.1),
    "guckenheimer_holmes": (300, 0.22),
    "sakarya": (1000, 0.13),
    "lu_chen": (200, 0.15),
    "lu_chen_cheng": (300, 0.13),
    "pehlivan_wei": (3000, 0.035),
    "qi_chen": (50, 2.0),
    "san_um_srisuchinwong": (1000, 0.11),
    "sprott_torus": (3000, 0.028),
    "thomas_labyrinth": (500, 0.65),
    "wang_sun": (3000, 0.032),
    "yu_wang": (50, 0.7),
    "yu_wang2": (50, 0.25),
    "zhou_chen": (300, 0.33),
}
# Not shown chaotic by a tangent-space run: lambda_1 T stays bounded as T grows (time units of the check run).
NOT_CHAOTIC = {"dequan_li": 300, "tsucs2": 1000, "liu_chen": 5000}
ALGEBRAIC = sorted([*CHAOTIC, *NOT_CHAOTIC, "bouali2", "pan_xu_zhou", "sprott_more"])
# The divergence is a constant for these (checked against the Jacobian at random points, then used below).
CONSTANT_TRACE = {"arneodo": -1.0, "sakarya": -1.0, "liu_chen": 0.4 - 12.0 - 5.0, "lu_chen": -36.0 + 18.0 - 3.0,
                  "lu_chen_cheng": 40.0 / 14.0 - 14.0, "qi_chen": -38.0 + 1.0 - 2.666, "san_um_srisuchinwong": -1.0,
                  "thomas_labyrinth": -1.5, "wang_sun": 0.2 - 0.4 - 1.0, "yu_wang": -12.5, "yu_wang2": -12.5,
                  "pan_xu_zhou": -10.0 - 2.6667}


def _kinks(name):
    if name == "san_um_srisuchinwong":
        return lambda y: abs(y[1]) > 1e-3      # |y|
    if name == "sprott_more":
        return lambda y: abs(y[2]) > 1e-3      # sgn(z)
    return None


@pytest.mark.parametrize("name", ALGEBRAIC)
def test_jacobian_and_default_run(name):
    check_jacobian(name, away_from=_kinks(name))
    values = check_integrates(name)
    trace = constant_trace(name, values)
    if name in CONSTANT_TRACE:
        assert trace == pytest.approx(CONSTANT_TRACE[name], rel=1e-9)
    else:
        assert trace is None
    assert systems.get(name).dysts_name is not None


@pytest.mark.parametrize("name", sorted(CHAOTIC))
def test_chaotic_spectrum(name):
    """Largest exponent positive and converging (lambda_1 T about doubles from T/2 to T); the sum equals the constant
    divergence where there is one; one exponent is zero (an autonomous flow)."""
    time_units, lower = CHAOTIC[name]
    exponents, growth = spectrum(name, time_units)
    assert exponents[0] > lower
    assert 1.5 < growth < 2.6
    assert abs(exponents[1]) < 0.07
    if name in CONSTANT_TRACE:
        assert exponents.sum() == pytest.approx(CONSTANT_TRACE[name], rel=1e-3)
    assert "not chaotic" not in systems.get(name).description


@pytest.mark.parametrize("name", sorted(NOT_CHAOTIC))
def test_marked_not_chaotic(name):
    """The finite-time largest exponent is a bounded quantity divided by T (it halves when T doubles)."""
    exponents, growth = spectrum(name, NOT_CHAOTIC[name])
    assert exponents[0] < 0.05
    assert growth < 1.3
    description = systems.get(name).description
    assert "not chaotic" in description
    if name == "dequan_li":        # a stable periodic orbit: one zero exponent, two negative ones
        assert exponents[1] < -0.1
    if name == "tsucs2":           # quasi-periodic: two zero exponents
        assert abs(exponents[1]) < 0.02 and exponents[2] < -1.0


def test_sprott_more_is_chaotic_and_its_tangent_spectrum_with_saltation_says_so():
    """sgn(z) makes the field jump at z = 0: finite separations grow (chaos); the tangent-space spectrum sees it
    once the saltation matrix is applied at each crossing (tests/lyapunov/test_tangent_switching.py has the close
    comparison)."""
    rate = two_trajectory_rate("sprott_more", 500)
    assert rate > 0.1
    exponents = lyapunov_spectrum("sprott_more", n_steps=1_000_000).exponents     # 5000 time units
    assert exponents[0] == pytest.approx(rate, rel=0.3)
    assert systems.get("sprott_more").switching == (2, 0.0)


def test_tangent_space_and_two_trajectory_estimates_agree_on_a_smooth_flow():
    """The same check on Arneodo's flow (smooth): both estimates of lambda_1 agree, so the disagreement above is
    the jump, not the method."""
    exponents, _ = spectrum("arneodo", 3000)
    assert two_trajectory_rate("arneodo", 1500) == pytest.approx(exponents[0], rel=0.15)


def test_bouali2_is_only_weakly_chaotic():
    exponents, growth = spectrum("bouali2", 20000)
    assert 0.001 < exponents[0] < 0.01
    assert growth > 1.5
    assert abs(exponents.sum()) < 0.002       # nearly conservative at these parameters
    assert "weakly chaotic" in systems.get("bouali2").description


def test_pan_xu_zhou_settles_on_a_stable_equilibrium():
    """At dysts' parameters (k = 16) the chaos is a transient: the orbit ends on x = y = -sqrt(-c k), z = k."""
    system = systems.get("pan_xu_zhou")
    params = system.params
    values = simulate("pan_xu_zhou", 4000, dt=0.5).values
    tail = values[-500:]
    x_eq = math.sqrt(-params["c"] * params["k"])
    assert np.abs(np.abs(tail[:, 0]) - x_eq).max() < 1e-3
    assert np.abs(tail[:, 2] - params["k"]).max() < 1e-3
    J = np.empty((3, 3))
    system.jac(0.0, np.array([x_eq, x_eq, params["k"]]), system.param_array(params), J)
    assert np.linalg.eigvals(J).real.max() < 0      # stable, so the run is not a numerical accident
    assert "not chaotic" in system.description


# --------------------------------------------------------------------------- dysts names of the existing flows

# dysts' right-hand side at dysts' parameters, written out here as dysts writes it (dysts/flows.py), for the
# systems whose dysts_name claims the same equations and parameters; (params, f(x, y, z, params), our_state(x,y,z)).
DYSTS_FORMS = {
    "lorenz": ({"beta": 2.667, "rho": 28, "sigma": 10},
               lambda x, y, z, p: (p["sigma"] * (y - x), p["rho"] * x - x * z - y, x * y - p["beta"] * z)),
    "rossler": ({"a": 0.2, "b": 0.2, "c": 5.7},
                lambda x, y, z, p: (-y - z, x + p["a"] * y, p["b"] + z * x - p["c"] * z)),
    "chen": ({"a": 35, "b": 3, "c": 28},
             lambda x, y, z, p: (p["a"] * (y - x), (p["c"] - p["a"]) * x - x * z + p["c"] * y, x * y - p["b"] * z)),
    "chen_lee": ({"a": 5, "b": -10, "c": -0.38},
                 lambda x, y, z, p: (p["a"] * x - y * z, p["b"] * y + x * z, p["c"] * z + x * y / 3)),
    "aizawa": ({"a": 0.95, "b": 0.7, "c": 0.6, "d": 3.5, "e": 0.25, "f": 0.1},
               lambda x, y, z, p: (x * z - p["b"] * x - p["d"] * y, p["d"] * x + y * z - p["b"] * y,
                                   p["c"] + p["a"] * z - z ** 3 / 3 - x ** 2 - y ** 2 - p["e"] * z * x ** 2
                                   - p["e"] * z * y ** 2 + p["f"] * z * x ** 3)),
    "halvorsen": ({"a": 1.4, "b": 4}, lambda x, y, z, p: (-p["a"] * x - p["b"] * y - p["b"] * z - y ** 2,
                                                         -p["a"] * y - p["b"] * z - p["b"] * x - z ** 2,
                                                         -p["a"] * z - p["b"] * x - p["b"] * y - x ** 2)),
    "rabinovich_fabrikant": ({"a": 1.1, "g": 0.87},
                             lambda x, y, z, p: (y * z - y + y * x ** 2 + p["g"] * x,
                                                 3 * x * z + x - x ** 3 + p["g"] * y,
                                                 -2 * p["a"] * z - 2 * x * y * z)),
    "rucklidge": ({"a": 2.0, "b": 6.7}, lambda x, y, z, p: (-p["a"] * x + p["b"] * y - y * z, x, -z + y ** 2)),
    "sprott_jerk": ({"mu": 2.017}, lambda x, y, z, p: (y, z, -x + y ** 2 - p["mu"] * z)),
    "genesio_tesi": ({"a": 0.44, "b": 1.1, "c": 1},
                     lambda x, y, z, p: (y, z, -p["c"] * x - p["b"] * y - p["a"] * z + x ** 2)),
    "coullet": ({"a": -0.8, "b": 1.1, "c": 0.45, "d": -1.0},
                lambda x, y, z, p: (y, z, -p["a"] * x - p["b"] * y - p["c"] * z + p["d"] * x ** 3)),
    "dadras": ({"c": 2.0, "e": 9.0, "o": 2.7, "p": 3.0, "r": 1.7},
               lambda x, y, z, p: (y - p["p"] * x + p["o"] * y * z, p["r"] * y - x * z + z,
                                   p["c"] * x * y - p["e"] * z)),
    "newton_leipnik": ({"a": 0.4, "b": 0.175},
                       lambda x, y, z, p: (-p["a"] * x + y + 10 * y * z, -x - 0.4 * y + 5 * x * z,
                                           p["b"] * z - 5 * x * y)),
    "bouali": ({"a": 1.0, "b": -0.3, "bb": 1.0, "c": 0.05, "g": 1.0, "m": 1, "y0": 4.0},
               lambda x, y, z, p: (p["a"] * p["y0"] * x - p["a"] * x * y - p["b"] * z,
                                   -p["g"] * y + p["g"] * y * x ** 2,
                                   -1.5 * p["m"] * x + p["m"] * p["bb"] * x * z - p["c"] * z)),
    # dysts' Finance is ours in y - 1/b: its state (x, y, z) is our (x, y + 1/b, z)
    "finance": ({"a": 0.001, "b": 0.2, "c": 1.1},
                lambda x, y, z, p: ((1 / p["b"] - p["a"]) * x + z + x * y, -p["b"] * y - x ** 2, -x - p["c"] * z),
                lambda x, y, z: (x, y + 1 / 0.2, z)),
    "sprott_l": ({"a": 0.9, "b": 3.9}, lambda x, y, z, p: (y + p["b"] * z, p["a"] * x ** 2 - y, 1 - x)),
}


@pytest.mark.parametrize("name", sorted(DYSTS_FORMS))
def test_dysts_name_means_the_same_equations(name):
    params, dysts_rhs, *shift = DYSTS_FORMS[name]
    to_ours = shift[0] if shift else (lambda x, y, z: (x, y, z))
    system = systems.get(name)
    assert systems.get(system.dysts_name) is system
    p = system.param_array(system.params)
    rng = np.random.default_rng(1)
    for _ in range(5):
        state = rng.normal(scale=3.0, size=3)
        out = np.empty(3)
        system.rhs(0.0, np.array(to_ours(*state)), p, out)
        np.testing.assert_allclose(out, dysts_rhs(*state, params), rtol=1e-3, atol=1e-3 * max(1.0, np.abs(out).max()))


def test_dysts_names_of_the_other_classic_and_sprott_flows():
    expected = {f"sprott_{c}": f"Sprott{c.upper()}" for c in "abcdefghijklmnopqrs"}
    expected["rossler_hyperchaos"] = "HyperRossler"
    for name, dysts_name in expected.items():
        assert systems.get(name).dysts_name == dysts_name
        assert systems.get(dysts_name).name == name
    # same equations but other parameters (or another form): no alias, so no comparison is made at wrong parameters
    for name in ("burke_shaw", "chua", "lorenz84", "moore_spiegel", "shimizu_morioka", "thomas", "lu"):
        assert systems.get(name).dysts_name is None
    # the physics family named rikitake after dysts' RikitakeDynamo: the same equations, and chaotic at both
    # parameter sets (tests/systems/test_catalog_phys.py checks dysts' mu = a = 1 too)
    assert systems.get("RikitakeDynamo").name == "rikitake"
