"""The discrete maps of the dysts catalog (catalog/planar_maps.py) and the dysts names of the classic maps.

Each map: its equations against a plain-numpy transcription of the documented formula, its analytic
Jacobian against central differences, a bounded default run, and its Lyapunov spectrum (positive
largest exponent, or the mark in its description; exponents summing to the mean log|det J|).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from tscomplex import systems
from tscomplex.lyapunov import lyapunov_spectrum
from tscomplex.systems import simulate

TWO_PI = 2.0 * math.pi


def _gm(a, x):
    return a * x + 2 * (1 - a) * x**2 / (1 + x**2)


def _bogdanov(v, p):
    yp = (1 + p["eps"]) * v[1] + p["k"] * v[0] * (v[0] - 1) + p["mu"] * v[0] * v[1]
    return [v[0] + yp, yp]


def _gumowski_mira(v, p):
    xp = p["b"] * v[1] + _gm(p["a"], v[0])
    return [xp, _gm(p["a"], xp) - v[0]]


def _zaslavskii(v, p):
    mu = (1 - np.exp(-p["r"])) / p["r"]
    c = np.cos(TWO_PI * v[0])
    return [(v[0] + p["nu"] * (1 + mu * v[1]) + p["eps"] * p["nu"] * mu * c) % 1.0,
            np.exp(-p["r"]) * (v[1] + p["eps"] * c)]


def _blinking_vortex(v, p):
    """Two half-steps of Aref's blinking vortex, the Kepler-like equation solved by bisection."""
    x, y = v
    for B in (p["b"], -p["b"]):
        C = p["a"] ** 2 / B
        lam2 = ((x - B) ** 2 + y**2) / ((x - C) ** 2 + y**2)
        lam = np.sqrt(lam2)
        centre = (B - lam2 * C) / (1 - lam2)
        rho = lam * abs(C - B) / (1 - lam2)
        q0 = np.arctan2(y, x - centre)
        fac = 2 * lam / (1 + lam2)
        period = (2 * np.pi) ** 2 * rho**2 / p["gamma"] * (1 + lam2) / (1 - lam2)
        target = q0 - fac * np.sin(q0) + 2 * np.pi * p["t"] / period
        lo, hi = target - 1.0, target + 1.0     # |q - target| <= fac < 1
        for _ in range(200):
            mid = 0.5 * (lo + hi)
            lo, hi = (mid, hi) if mid - fac * np.sin(mid) < target else (lo, mid)
        q = 0.5 * (lo + hi)
        x, y = centre + rho * np.cos(q), rho * np.sin(q)
    return [x, y]


# The documented equations, written again in numpy: (x, y, params) -> next state.
NUMPY = {
    "ricker": lambda v, p: [v[0] * np.exp(p["a"] - v[0])],
    "circle": lambda v, p: [(v[0] + p["omega"] + p["k"] / TWO_PI * np.sin(TWO_PI * v[0])) % 1.0],
    "baker": lambda v, p: [(2 - 1e-10) * v[0] % 1.0, (p["a"] * v[1] + np.floor((2 - 1e-10) * v[0])) / 2],
    "hopalong": lambda v, p: [v[1] - 1 - np.sqrt(abs(p["b"] * v[0] - 1 - p["c"])) * np.sign(v[0] - 1),
                              p["a"] - v[0] - 1],
    "bogdanov": lambda v, p: _bogdanov(v, p),
    "bedhead": lambda v, p: [np.sin(v[0] * v[1] / p["b"]) * v[1] + np.cos(p["a"] * v[0] - v[1]),
                             v[0] + np.sin(v[1]) / p["b"]],
    "de_jong": lambda v, p: [np.sin(p["a"] * v[1]) - np.cos(p["b"] * v[0]),
                             np.sin(p["c"] * v[0]) - np.cos(p["d"] * v[1])],
    "svensson": lambda v, p: [p["d"] * np.sin(p["a"] * v[0]) - np.sin(p["b"] * v[1]),
                              p["c"] * np.cos(p["a"] * v[0]) + np.cos(p["b"] * v[1])],
    "pickover": lambda v, p: [np.sin(p["a"] * v[1]) + p["c"] * np.cos(p["a"] * v[0]),
                              np.sin(p["b"] * v[0]) + p["d"] * np.cos(p["b"] * v[1])],
    "gumowski_mira": lambda v, p: _gumowski_mira(v, p),
    "maynard_smith": lambda v, p: [v[1], p["a"] * v[1] + p["b"] - v[0] ** 2],
    "zaslavskii": lambda v, p: _zaslavskii(v, p),
    "zeraoulia_sprott": lambda v, p: [-p["a"] * v[0] / (1 + v[1] ** 2), v[0] + p["b"] * v[1]],
    "blinking_vortex_map": _blinking_vortex,
}
MAPS = sorted(NUMPY)

DYSTS = {"ricker": "Ricker", "circle": "Circle", "baker": "Baker", "hopalong": "Hopalong", "bogdanov": "Bogdanov",
         "bedhead": "Bedhead", "de_jong": "DeJong", "svensson": "Svensson", "pickover": "Pickover",
         "gumowski_mira": "GumowskiMira", "maynard_smith": "MaynardSmith", "zaslavskii": "Zaslavskii",
         "zeraoulia_sprott": "ZeraouliaSprott", "blinking_vortex_map": "BlinkingVortexMap",
         # classic maps of maps.py that dysts has too
         "logistic": "Logistic", "tent": "Tent", "chebyshev": "Chebyshev", "gauss": "Gauss", "henon": "Henon",
         "ikeda": "Ikeda", "standard": "Chirikov", "tinkerbell": "Tinkerbell", "gingerbreadman": "Gingerbreadman",
         "kaplan_yorke": "KaplanYorke"}

# Switching lines of the piecewise maps: the Jacobian is checked only away from them.
SWITCH = {"baker": lambda v, p: min(abs(v[0] - 0.5), v[0], 1 - v[0]),
          "circle": lambda v, p: 1.0,
          "zaslavskii": lambda v, p: 1.0,
          "hopalong": lambda v, p: min(abs(v[0] - 1.0), abs(p["b"] * v[0] - 1 - p["c"]))}

CHAOTIC = ["ricker", "circle", "baker", "bedhead", "de_jong", "svensson", "pickover", "gumowski_mira",
           "maynard_smith", "zaslavskii", "zeraoulia_sprott", "blinking_vortex_map"]


def _jacobian_fd(f, p, y, wrap_first):
    d = y.size
    J = np.empty((d, d))
    for k in range(d):
        h = 1e-6 * max(1.0, abs(y[k]))
        a, b = y.copy(), y.copy()
        a[k] += h
        b[k] -= h
        fa, fb = np.empty(d), np.empty(d)
        f(0.0, a, p, fa)
        f(0.0, b, p, fb)
        diff = fa - fb
        if wrap_first:   # a coordinate taken modulo 1
            diff[0] = (diff[0] + 0.5) % 1.0 - 0.5
        J[:, k] = diff / (2 * h)
    return J


@pytest.mark.parametrize("name", MAPS)
def test_equations_match_numpy(name):
    """Twenty iterates from simulate equal the documented formula iterated in numpy."""
    system = systems.get(name)
    assert system.kind == "map"
    params = dict(system.params)
    traj = simulate(name, 20, transient=0)
    v = np.array(traj.values[0])
    for i in range(1, 20):
        v = np.array(NUMPY[name](v, params), dtype=float)
        np.testing.assert_allclose(traj.values[i], v, rtol=1e-9, atol=1e-9, err_msg=f"{name} step {i}")
        v = traj.values[i]   # restart from the stored state: chaos would amplify rounding differences


@pytest.mark.parametrize("name", MAPS)
def test_jacobian_and_bounded_run(name):
    system = systems.get(name)
    params = dict(system.params)
    traj = simulate(name)   # the default length
    values = traj.values
    assert np.all(np.isfinite(values)) and np.abs(values).max() < 1e3
    assert np.all(values.std(axis=0) > 1e-3)
    f, j = system.kernel("rhs"), system.kernel("jac")
    p = system.param_array(params)
    d = system.dimension()
    checked = 0
    for index in range(100, values.shape[0], 397):
        y = np.ascontiguousarray(values[index])
        if name in SWITCH and SWITCH[name](y, params) < 1e-4:
            continue
        J = np.empty((d, d))
        j(0.0, y, p, J)
        fd = _jacobian_fd(f, p, y, wrap_first=name in ("circle", "zaslavskii", "baker"))
        np.testing.assert_allclose(J, fd, rtol=1e-6, atol=1e-6 * max(1.0, np.abs(fd).max()),
                                   err_msg=f"{name} at {y}")
        checked += 1
    assert checked >= 10


@pytest.mark.parametrize("name", CHAOTIC)
def test_chaotic_spectrum(name):
    """A positive largest exponent; the exponents sum to the orbit mean of log|det J|."""
    system = systems.get(name)
    n = 100_000
    spectrum = lyapunov_spectrum(name, n_steps=n)
    assert spectrum.exponents[0] > 0.05, spectrum.exponents
    assert "not chaotic" not in system.description and "quasi-periodic" not in system.description
    if system.dimension() == 2:
        traj = simulate(name, n)
        f = system.kernel("jac")
        p = system.param_array(system.params)
        J = np.empty((2, 2))
        logdet = np.empty(n)
        for i in range(n):
            f(0.0, np.ascontiguousarray(traj.values[i]), p, J)
            logdet[i] = math.log(abs(J[0, 0] * J[1, 1] - J[0, 1] * J[1, 0]))
        assert spectrum.exponents.sum() == pytest.approx(logdet.mean(), abs=0.02)


def test_analytic_spectra():
    baker = lyapunov_spectrum("baker", n_steps=10_000).exponents
    np.testing.assert_allclose(baker, [math.log(2 - 1e-10), math.log(0.5)], rtol=1e-9)
    zas = lyapunov_spectrum("zaslavskii", n_steps=50_000).exponents
    assert zas.sum() == pytest.approx(-3.0, abs=1e-9)       # det J = exp(-r), r = 3
    gm = lyapunov_spectrum("gumowski_mira", n_steps=50_000).exponents
    assert gm.sum() == pytest.approx(math.log(0.99), abs=1e-9)   # det J = b


def test_blinking_vortex_conserves_a_density():
    """det J swings far from 1 along the orbit (dysts' motion along each streamline is not uniform in area),
    yet the exponents sum to zero, consistent with a time change of an area-preserving flow."""
    system = systems.get("blinking_vortex_map")
    j = system.kernel("jac")
    p = system.param_array(system.params)
    J = np.empty((2, 2))
    dets = []
    for y in simulate("blinking_vortex_map", 200).values:
        j(0.0, np.ascontiguousarray(y), p, J)
        dets.append(np.linalg.det(J))
    assert max(dets) > 1.2 and min(dets) < 0.8
    for n in (50_000, 500_000):
        exps = lyapunov_spectrum("blinking_vortex_map", n_steps=n).exponents
        assert exps[0] > 0.1 and abs(exps.sum()) < 1e-4


def test_marked_maps_are_not_presented_as_chaotic():
    """Bogdanov (an invariant curve) and Hopalong (an exponent that keeps falling) are marked, and pinned."""
    assert "not chaotic at these parameters" in systems.get("bogdanov").description
    bog = lyapunov_spectrum("bogdanov", n_steps=200_000).exponents
    assert abs(bog[0]) < 1e-3 and bog.sum() == pytest.approx(0.0, abs=1e-9)   # area preserving
    assert "not shown chaotic" in systems.get("hopalong").description
    short = lyapunov_spectrum("hopalong", n_steps=200_000).exponents[0]
    long = lyapunov_spectrum("hopalong", n_steps=2_000_000).exponents[0]
    assert 0 < long < 0.8 * short < 0.02


@pytest.mark.parametrize("name", sorted(DYSTS))
def test_dysts_names(name):
    assert systems.get(name).dysts_name == DYSTS[name]
    assert systems.get(DYSTS[name]).name == name
