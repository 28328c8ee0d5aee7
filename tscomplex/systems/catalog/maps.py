"""Chaotic maps: x_{n+1} = F(x_n), each with its analytic Jacobian dF/dx.

Every ``f(t, y, p, out)`` writes the next state into ``out``; every
``j(t, y, p, J)`` writes dF/dy. ``p`` holds the parameters in the order of
the system's ``params`` dict. Equations follow the cited papers; reference
exponents are those collected in docs/references.md (Sprott, *Chaos and
Time-Series Analysis*, Oxford 2003, Appendix A, recomputed).
"""

from __future__ import annotations

import math

from ..registry import Reference, System, register

SPROTT_2003 = "Sprott, Chaos and Time-Series Analysis (Oxford 2003), App. A; recomputed by tangent-space QR"
TWO_PI = 2.0 * math.pi


def _sys(name, description, equations, source, params, ic, f, j, components=("x",), references=(), **kw):
    return register(System(name=name, kind="map", description=description, equations=equations, source=source,
                           params=params, ic=ic, dt=1.0, transient=kw.pop("transient", 1000), rhs=f, jac=j,
                           components=components, references=references,
                           spectrum_time=kw.pop("spectrum_time", 200_000), **kw))


# --------------------------------------------------------------------------- one-dimensional maps


def logistic_f(t, y, p, out):
    out[0] = p[0] * y[0] * (1.0 - y[0])


def logistic_j(t, y, p, J):
    J[0, 0] = p[0] * (1.0 - 2.0 * y[0])


_sys("logistic", "Logistic map, the textbook route to chaos", "x' = r x (1 - x)",
     "May, Nature 261, 459 (1976)", {"r": 4.0}, (0.1,), logistic_f, logistic_j,
     references=(Reference((math.log(2.0),), "analytic: ln 2 at r = 4"),), transient=0, dysts_name="Logistic")


def tent_f(t, y, p, out):
    out[0] = p[0] * min(y[0], 1.0 - y[0])


def tent_j(t, y, p, J):
    J[0, 0] = p[0] if y[0] < 0.5 else -p[0]


_sys("tent", "Tent map (slope mu < 2: slope 2 collapses to 0 in float64)", "x' = mu min(x, 1 - x)",
     "Sprott 2003, App. A", {"mu": 1.9}, (0.1234,), tent_f, tent_j,
     references=(Reference((math.log(1.9),), "analytic: ln mu"),), dysts_name="Tent")


def skew_tent_f(t, y, p, out):
    a = p[0]
    out[0] = y[0] / a if y[0] < a else (1.0 - y[0]) / (1.0 - a)


def skew_tent_j(t, y, p, J):
    a = p[0]
    J[0, 0] = 1.0 / a if y[0] < a else -1.0 / (1.0 - a)


_a = 0.1847
_sys("skew_tent", "Asymmetric (skew) tent map with break point a", "x' = x / a if x < a else (1 - x) / (1 - a)",
     "Sprott 2003, App. A", {"a": _a}, (0.3,), skew_tent_f, skew_tent_j,
     references=(Reference((-_a * math.log(_a) - (1 - _a) * math.log(1 - _a),),
                           "analytic: -a ln a - (1 - a) ln(1 - a)"),))


def chebyshev_f(t, y, p, out):
    x = min(1.0, max(-1.0, y[0]))
    out[0] = math.cos(p[0] * math.acos(x))


def chebyshev_j(t, y, p, J):
    x = min(1.0 - 1e-15, max(-1.0 + 1e-15, y[0]))
    J[0, 0] = p[0] * math.sin(p[0] * math.acos(x)) / math.sqrt(1.0 - x * x)


_sys("chebyshev", "Chebyshev map T_n (n = 6)", "x' = cos(n arccos x)",
     "Geisel & Fairen, Phys. Lett. A 105, 263 (1984)", {"n": 6.0}, (0.1234,), chebyshev_f, chebyshev_j,
     references=(Reference((math.log(6.0),), "analytic: ln n"),), int_params=("n",), dysts_name="Chebyshev")


def sine_f(t, y, p, out):
    out[0] = p[0] * math.sin(math.pi * y[0])


def sine_j(t, y, p, J):
    J[0, 0] = p[0] * math.pi * math.cos(math.pi * y[0])


_sys("sine", "Sine map, unimodal like the logistic map", "x' = mu sin(pi x)",
     "Strogatz, Nonlinear Dynamics and Chaos (1994), sec. 10.5", {"mu": 1.0}, (0.1,), sine_f, sine_j)


def gauss_f(t, y, p, out):
    out[0] = math.exp(-p[0] * y[0] * y[0]) + p[1]


def gauss_j(t, y, p, J):
    J[0, 0] = -2.0 * p[0] * y[0] * math.exp(-p[0] * y[0] * y[0])


_sys("gauss", "Gauss (mouse) map", "x' = exp(-alpha x^2) + beta",
     "Hilborn, Chaos and Nonlinear Dynamics (2000), sec. 5.9", {"alpha": 6.2, "beta": -0.5}, (0.1,),
     gauss_f, gauss_j, dysts_name="Gauss")


# --------------------------------------------------------------------------- two-dimensional maps


def henon_f(t, y, p, out):
    out[0] = 1.0 - p[0] * y[0] * y[0] + y[1]
    out[1] = p[1] * y[0]


def henon_j(t, y, p, J):
    J[0, 0] = -2.0 * p[0] * y[0]
    J[0, 1] = 1.0
    J[1, 0] = p[1]
    J[1, 1] = 0.0


_sys("henon", "Hénon map", "x' = 1 - a x^2 + y\ny' = b x", "Hénon, Commun. Math. Phys. 50, 69 (1976)",
     {"a": 1.4, "b": 0.3}, (0.1, 0.1), henon_f, henon_j, components=("x", "y"),
     references=(Reference((0.41922, -1.62319), SPROTT_2003, kaplan_yorke_dimension=1.25827),),
     spectrum_time=1_000_000, dysts_name="Henon")


def lozi_f(t, y, p, out):
    out[0] = 1.0 - p[0] * abs(y[0]) + y[1]
    out[1] = p[1] * y[0]


def lozi_j(t, y, p, J):
    J[0, 0] = -p[0] if y[0] >= 0.0 else p[0]
    J[0, 1] = 1.0
    J[1, 0] = p[1]
    J[1, 1] = 0.0


_sys("lozi", "Lozi map, a piecewise-linear Hénon", "x' = 1 - a |x| + y\ny' = b x",
     "Lozi, J. Phys. Colloq. 39, C5-9 (1978)", {"a": 1.7, "b": 0.5}, (-0.1, 0.1), lozi_f, lozi_j,
     components=("x", "y"), references=(Reference((0.47023, -1.16338), SPROTT_2003),))


def ikeda_f(t, y, p, out):
    a, b, kappa, eta = p[0], p[1], p[2], p[3]
    phi = kappa - eta / (1.0 + y[0] * y[0] + y[1] * y[1])
    c, s = math.cos(phi), math.sin(phi)
    out[0] = a + b * (y[0] * c - y[1] * s)
    out[1] = b * (y[0] * s + y[1] * c)


def ikeda_j(t, y, p, J):
    b, kappa, eta = p[1], p[2], p[3]
    r2 = 1.0 + y[0] * y[0] + y[1] * y[1]
    phi = kappa - eta / r2
    c, s = math.cos(phi), math.sin(phi)
    phix = 2.0 * eta * y[0] / (r2 * r2)
    phiy = 2.0 * eta * y[1] / (r2 * r2)
    u = -y[0] * s - y[1] * c    # d/dphi of (x c - y s)
    v = y[0] * c - y[1] * s     # d/dphi of (x s + y c)
    J[0, 0] = b * (c + u * phix)
    J[0, 1] = b * (-s + u * phiy)
    J[1, 0] = b * (s + v * phix)
    J[1, 1] = b * (c + v * phiy)


_sys("ikeda", "Ikeda map of a laser in a ring cavity (start at 0, 0)",
     "phi = kappa - eta / (1 + x^2 + y^2)\nx' = a + b (x cos phi - y sin phi)\ny' = b (x sin phi + y cos phi)",
     "Ikeda, Opt. Commun. 30, 257 (1979); Hammel, Jones & Moloney, JOSA B 2, 552 (1985)",
     {"a": 1.0, "b": 0.9, "kappa": 0.4, "eta": 6.0}, (0.0, 0.0), ikeda_f, ikeda_j, components=("x", "y"),
     references=(Reference((0.50760, -0.71832), SPROTT_2003),), dysts_name="Ikeda")


def standard_f(t, y, p, out):
    pn = y[1] + p[0] * math.sin(y[0])
    out[0] = (y[0] + pn) % TWO_PI
    out[1] = pn % TWO_PI


def standard_j(t, y, p, J):
    kc = p[0] * math.cos(y[0])
    J[0, 0] = 1.0 + kc
    J[0, 1] = 1.0
    J[1, 0] = kc
    J[1, 1] = 1.0


_sys("standard", "Chirikov standard map on the torus (angle theta, momentum p, both mod 2 pi)",
     "p' = p + K sin(theta)  (mod 2 pi)\ntheta' = theta + p'  (mod 2 pi)",
     "Chirikov, Phys. Rep. 52, 263 (1979)", {"K": 2.0}, (0.5, 0.3), standard_f, standard_j,
     components=("theta", "p"), dysts_name="Chirikov")


def tinkerbell_f(t, y, p, out):
    x, v = y[0], y[1]
    out[0] = x * x - v * v + p[0] * x + p[1] * v
    out[1] = 2.0 * x * v + p[2] * x + p[3] * v


def tinkerbell_j(t, y, p, J):
    x, v = y[0], y[1]
    J[0, 0] = 2.0 * x + p[0]
    J[0, 1] = -2.0 * v + p[1]
    J[1, 0] = 2.0 * v + p[2]
    J[1, 1] = 2.0 * x + p[3]


_sys("tinkerbell", "Tinkerbell map", "x' = x^2 - y^2 + a x + b y\ny' = 2 x y + c x + d y",
     "Nusse & Yorke, Dynamics: Numerical Explorations (Springer 1994)",
     {"a": 0.9, "b": -0.6013, "c": 2.0, "d": 0.5}, (-0.72, -0.64), tinkerbell_f, tinkerbell_j,
     components=("x", "y"), dysts_name="Tinkerbell")


def gingerbread_f(t, y, p, out):
    out[0] = 1.0 - y[1] + abs(y[0])
    out[1] = y[0]


def gingerbread_j(t, y, p, J):
    J[0, 0] = 1.0 if y[0] >= 0.0 else -1.0
    J[0, 1] = -1.0
    J[1, 0] = 1.0
    J[1, 1] = 0.0


_sys("gingerbreadman", "Gingerbreadman map, area preserving and piecewise linear", "x' = 1 - y + |x|\ny' = x",
     "Devaney, Physica D 10, 387 (1984)", {}, (-0.1, 0.0), gingerbread_f, gingerbread_j, components=("x", "y"),
     dysts_name="Gingerbreadman")


def duffing_map_f(t, y, p, out):
    out[0] = y[1]
    out[1] = -p[1] * y[0] + p[0] * y[1] - y[1] ** 3


def duffing_map_j(t, y, p, J):
    J[0, 0] = 0.0
    J[0, 1] = 1.0
    J[1, 0] = -p[1]
    J[1, 1] = p[0] - 3.0 * y[1] * y[1]


_sys("duffing_map", "Holmes' Duffing map", "x' = y\ny' = -b x + a y - y^3",
     "Holmes, Phil. Trans. R. Soc. A 292, 419 (1979)", {"a": 2.75, "b": 0.2}, (0.1, 0.1),
     duffing_map_f, duffing_map_j, components=("x", "y"))


def delayed_logistic_f(t, y, p, out):
    out[0] = p[0] * y[0] * (1.0 - y[1])
    out[1] = y[0]


def delayed_logistic_j(t, y, p, J):
    J[0, 0] = p[0] * (1.0 - y[1])
    J[0, 1] = -p[0] * y[0]
    J[1, 0] = 1.0
    J[1, 1] = 0.0


_sys("delayed_logistic", "Delayed logistic map", "x' = A x (1 - y)\ny' = x",
     "Aronson, Chory, Hall & McGehee, Commun. Math. Phys. 83, 303 (1982)", {"A": 2.27}, (0.001, 0.001),
     delayed_logistic_f, delayed_logistic_j, components=("x", "y"),
     references=(Reference((0.18312, -1.24199), SPROTT_2003),))


# x' = 2x mod 1 loses one bit per step and reaches 0 after ~53 steps in float64;
# a modulus just under 1 (as in Sprott 2003) keeps the orbit alive.
KY_MODULUS = 0.99999995


def kaplan_yorke_f(t, y, p, out):
    out[0] = (2.0 * y[0]) % KY_MODULUS
    out[1] = p[0] * y[1] + math.cos(4.0 * math.pi * y[0])


def kaplan_yorke_j(t, y, p, J):
    J[0, 0] = 2.0
    J[0, 1] = 0.0
    J[1, 0] = -4.0 * math.pi * math.sin(4.0 * math.pi * y[0])
    J[1, 1] = p[0]


_sys("kaplan_yorke", "Kaplan-Yorke map (doubling modulo 0.99999995 so float64 does not collapse)",
     "x' = 2 x mod 1\ny' = alpha y + cos(4 pi x)",
     "Kaplan & Yorke, Lecture Notes in Math. 730, 204 (1979)", {"alpha": 0.2}, (0.1234, 0.0),
     kaplan_yorke_f, kaplan_yorke_j, components=("x", "y"),
     references=(Reference((math.log(2.0), math.log(0.2)), "analytic: ln 2, ln alpha"),), dysts_name="KaplanYorke")


def burgers_f(t, y, p, out):
    out[0] = p[0] * y[0] - y[1] * y[1]
    out[1] = p[1] * y[1] + y[0] * y[1]


def burgers_j(t, y, p, J):
    J[0, 0] = p[0]
    J[0, 1] = -2.0 * y[1]
    J[1, 0] = y[1]
    J[1, 1] = p[1] + y[0]


_sys("burgers_map", "Discretized Burgers map", "x' = a x - y^2\ny' = b y + x y",
     "Whitehead & MacDonald, Physica D 13, 401 (1984)", {"a": 0.75, "b": 1.75}, (-0.1, 0.1),
     burgers_f, burgers_j, components=("x", "y"))
