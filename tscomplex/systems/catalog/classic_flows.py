"""Classic three-dimensional chaotic flows (Lorenz, Rossler, Chua, Chen, ...) with analytic Jacobians.

Every ``f(t, y, p, out)`` writes dy/dt into ``out`` and every ``j(t, y, p, J)``
writes df/dy; ``p`` holds the parameters in the order of the system's
``params`` dict. Reference exponents are those collected in docs/references.md.
"""

from __future__ import annotations

import math

from ..registry import Reference
from ._flow import SPROTT_2003, _sys


def lorenz_f(t, y, p, out):
    out[0] = p[0] * (y[1] - y[0])
    out[1] = y[0] * (p[1] - y[2]) - y[1]
    out[2] = y[0] * y[1] - p[2] * y[2]


def lorenz_j(t, y, p, J):
    J[0, 0] = -p[0]
    J[0, 1] = p[0]
    J[0, 2] = 0.0
    J[1, 0] = p[1] - y[2]
    J[1, 1] = -1.0
    J[1, 2] = -y[0]
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -p[2]


_sys("lorenz", "Lorenz convection model", "dx/dt = sigma (y - x)\ndy/dt = x (rho - z) - y\ndz/dt = x y - beta z",
     "Lorenz, J. Atmos. Sci. 20, 130 (1963)", {"sigma": 10.0, "rho": 28.0, "beta": 8.0 / 3.0},
     (-8.0, 7.0, 27.0), lorenz_f, lorenz_j, transient=20.0,
     references=(Reference((0.9056, 0.0, -14.5723), SPROTT_2003, kaplan_yorke_dimension=2.06215),
                 Reference((1.50,), "Wolf et al., Physica D 16, 285 (1985); Rosenstein et al. 1993, Table 1",
                           params={"sigma": 16.0, "rho": 45.92, "beta": 4.0})),
     spectrum_time=10000.0, dysts_name="Lorenz")


def lorenz84_f(t, y, p, out):
    a, b, F, G = p[0], p[1], p[2], p[3]
    out[0] = -y[1] * y[1] - y[2] * y[2] - a * y[0] + a * F
    out[1] = y[0] * y[1] - b * y[0] * y[2] - y[1] + G
    out[2] = b * y[0] * y[1] + y[0] * y[2] - y[2]


def lorenz84_j(t, y, p, J):
    a, b = p[0], p[1]
    J[0, 0] = -a
    J[0, 1] = -2.0 * y[1]
    J[0, 2] = -2.0 * y[2]
    J[1, 0] = y[1] - b * y[2]
    J[1, 1] = y[0] - 1.0
    J[1, 2] = -b * y[0]
    J[2, 0] = b * y[1] + y[2]
    J[2, 1] = b * y[0]
    J[2, 2] = y[0] - 1.0


_sys("lorenz84", "Lorenz-84 model of the general circulation",
     "dx/dt = -y^2 - z^2 - a x + a F\ndy/dt = x y - b x z - y + G\ndz/dt = b x y + x z - z",
     "Lorenz, Tellus A 36, 98 (1984)", {"a": 0.25, "b": 4.0, "F": 8.0, "G": 1.0}, (1.0, 1.0, 1.0),
     lorenz84_f, lorenz84_j, dt=0.05)


def rossler_f(t, y, p, out):
    out[0] = -y[1] - y[2]
    out[1] = y[0] + p[0] * y[1]
    out[2] = p[1] + y[2] * (y[0] - p[2])


def rossler_j(t, y, p, J):
    J[0, 0] = 0.0
    J[0, 1] = -1.0
    J[0, 2] = -1.0
    J[1, 0] = 1.0
    J[1, 1] = p[0]
    J[1, 2] = 0.0
    J[2, 0] = y[2]
    J[2, 1] = 0.0
    J[2, 2] = y[0] - p[2]


_sys("rossler", "Rössler's spiral attractor", "dx/dt = -y - z\ndy/dt = x + a y\ndz/dt = b + z (x - c)",
     "Rössler, Phys. Lett. A 57, 397 (1976)", {"a": 0.2, "b": 0.2, "c": 5.7}, (-9.0, 0.0, 0.0),
     rossler_f, rossler_j, dt=0.05, transient=100.0,
     references=(Reference((0.0714, 0.0, -5.3943), SPROTT_2003, kaplan_yorke_dimension=2.0132),
                 Reference((0.090,), "Wolf et al., Physica D 16, 285 (1985)",
                           params={"a": 0.15, "b": 0.2, "c": 10.0})),
     spectrum_time=20000.0, dysts_name="Rossler")


def rossler_hyper_f(t, y, p, out):
    out[0] = -y[1] - y[2]
    out[1] = y[0] + p[0] * y[1] + y[3]
    out[2] = p[1] + y[0] * y[2]
    out[3] = -p[2] * y[2] + p[3] * y[3]


def rossler_hyper_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = -1.0
    J[0, 2] = -1.0
    J[1, 0] = 1.0
    J[1, 1] = p[0]
    J[1, 3] = 1.0
    J[2, 0] = y[2]
    J[2, 2] = y[0]
    J[3, 2] = -p[2]
    J[3, 3] = p[3]


_sys("rossler_hyperchaos", "Rössler's four-dimensional hyperchaotic flow",
     "dx/dt = -y - z\ndy/dt = x + a y + w\ndz/dt = b + x z\ndw/dt = -c z + d w",
     "Rössler, Phys. Lett. A 71, 155 (1979)", {"a": 0.25, "b": 3.0, "c": 0.5, "d": 0.05},
     (-10.0, -6.0, 0.0, 10.0), rossler_hyper_f, rossler_hyper_j, dt=0.05, transient=100.0,
     components=("x", "y", "z", "w"), dysts_name="HyperRossler")


def chua_f(t, y, p, out):
    alpha, beta, a, b = p[0], p[1], p[2], p[3]
    g = b * y[0] + 0.5 * (a - b) * (abs(y[0] + 1.0) - abs(y[0] - 1.0))
    out[0] = alpha * (y[1] - y[0] + g)
    out[1] = y[0] - y[1] + y[2]
    out[2] = -beta * y[1]


def chua_j(t, y, p, J):
    alpha, beta, a, b = p[0], p[1], p[2], p[3]
    slope = a if abs(y[0]) < 1.0 else b
    J[0, 0] = alpha * (slope - 1.0)
    J[0, 1] = alpha
    J[0, 2] = 0.0
    J[1, 0] = 1.0
    J[1, 1] = -1.0
    J[1, 2] = 1.0
    J[2, 0] = 0.0
    J[2, 1] = -beta
    J[2, 2] = 0.0


_sys("chua", "Chua's circuit, double scroll (Sprott's form)",
     "dx/dt = alpha (y - x + b x + (a - b)(|x + 1| - |x - 1|) / 2)\ndy/dt = x - y + z\ndz/dt = -beta y",
     "Chua, Komuro & Matsumoto, IEEE Trans. Circuits Syst. 33, 1072 (1986); Sprott 2003",
     {"alpha": 9.0, "beta": 100.0 / 7.0, "a": 8.0 / 7.0, "b": 5.0 / 7.0}, (0.0, 0.0, 0.6), chua_f, chua_j,
     dt=0.02, transient=100.0, references=(Reference((0.3271, 0.0, -2.5197), SPROTT_2003),))


def chen_f(t, y, p, out):
    a, b, c = p[0], p[1], p[2]
    out[0] = a * (y[1] - y[0])
    out[1] = (c - a) * y[0] - y[0] * y[2] + c * y[1]
    out[2] = y[0] * y[1] - b * y[2]


def chen_j(t, y, p, J):
    a, b, c = p[0], p[1], p[2]
    J[0, 0] = -a
    J[0, 1] = a
    J[0, 2] = 0.0
    J[1, 0] = c - a - y[2]
    J[1, 1] = c
    J[1, 2] = -y[0]
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -b


_sys("chen", "Chen's attractor, dual of Lorenz",
     "dx/dt = a (y - x)\ndy/dt = (c - a) x - x z + c y\ndz/dt = x y - b z",
     "Chen & Ueta, Int. J. Bifurcation Chaos 9, 1465 (1999)", {"a": 35.0, "b": 3.0, "c": 28.0},
     (-10.0, 0.0, 37.0), chen_f, chen_j, dt=0.005, transient=20.0, spectrum_dt=0.002,
     references=(Reference((2.0272, 0.0, -12.0272), SPROTT_2003),), dysts_name="Chen")


def lu_f(t, y, p, out):
    a, b, c = p[0], p[1], p[2]
    out[0] = a * (y[1] - y[0])
    out[1] = -y[0] * y[2] + c * y[1]
    out[2] = y[0] * y[1] - b * y[2]


def lu_j(t, y, p, J):
    a, b, c = p[0], p[1], p[2]
    J[0, 0] = -a
    J[0, 1] = a
    J[0, 2] = 0.0
    J[1, 0] = -y[2]
    J[1, 1] = c
    J[1, 2] = -y[0]
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -b


_sys("lu", "Lü's attractor, between Lorenz and Chen", "dx/dt = a (y - x)\ndy/dt = -x z + c y\ndz/dt = x y - b z",
     "Lü & Chen, Int. J. Bifurcation Chaos 12, 659 (2002)", {"a": 36.0, "b": 3.0, "c": 20.0},
     (-10.0, -10.0, 15.0), lu_f, lu_j, dt=0.005, transient=20.0)


def thomas_f(t, y, p, out):
    b = p[0]
    out[0] = math.sin(y[1]) - b * y[0]
    out[1] = math.sin(y[2]) - b * y[1]
    out[2] = math.sin(y[0]) - b * y[2]


def thomas_j(t, y, p, J):
    b = p[0]
    J[0, 0] = -b
    J[0, 1] = math.cos(y[1])
    J[0, 2] = 0.0
    J[1, 0] = 0.0
    J[1, 1] = -b
    J[1, 2] = math.cos(y[2])
    J[2, 0] = math.cos(y[0])
    J[2, 1] = 0.0
    J[2, 2] = -b


_sys("thomas", "Thomas' cyclically symmetric attractor",
     "dx/dt = sin y - b x\ndy/dt = sin z - b y\ndz/dt = sin x - b z",
     "Thomas, Int. J. Bifurcation Chaos 9, 1889 (1999)", {"b": 0.18}, (0.1, 0.0, 0.0), thomas_f, thomas_j,
     dt=0.1, transient=500.0, spectrum_dt=0.05, spectrum_time=100000.0,
     references=(Reference((0.0349, 0.0, -0.5749), SPROTT_2003),))


def halvorsen_f(t, y, p, out):
    a = p[0]
    out[0] = -a * y[0] - 4.0 * y[1] - 4.0 * y[2] - y[1] * y[1]
    out[1] = -a * y[1] - 4.0 * y[2] - 4.0 * y[0] - y[2] * y[2]
    out[2] = -a * y[2] - 4.0 * y[0] - 4.0 * y[1] - y[0] * y[0]


def halvorsen_j(t, y, p, J):
    a = p[0]
    J[0, 0] = -a
    J[0, 1] = -4.0 - 2.0 * y[1]
    J[0, 2] = -4.0
    J[1, 0] = -4.0
    J[1, 1] = -a
    J[1, 2] = -4.0 - 2.0 * y[2]
    J[2, 0] = -4.0 - 2.0 * y[0]
    J[2, 1] = -4.0
    J[2, 2] = -a


_sys("halvorsen", "Halvorsen's cyclically symmetric attractor",
     "dx/dt = -a x - 4 y - 4 z - y^2\ndy/dt = -a y - 4 z - 4 x - z^2\ndz/dt = -a z - 4 x - 4 y - x^2",
     "Sprott, Elegant Chaos (World Scientific 2010)", {"a": 1.4}, (-5.0, 0.0, 0.0), halvorsen_f, halvorsen_j,
     dysts_name="Halvorsen")


def aizawa_f(t, y, p, out):
    a, b, c, d, e, f = p[0], p[1], p[2], p[3], p[4], p[5]
    x, v, z = y[0], y[1], y[2]
    out[0] = (z - b) * x - d * v
    out[1] = d * x + (z - b) * v
    out[2] = c + a * z - z * z * z / 3.0 - (x * x + v * v) * (1.0 + e * z) + f * z * x * x * x


def aizawa_j(t, y, p, J):
    a, b, d, e, f = p[0], p[1], p[3], p[4], p[5]
    x, v, z = y[0], y[1], y[2]
    J[0, 0] = z - b
    J[0, 1] = -d
    J[0, 2] = x
    J[1, 0] = d
    J[1, 1] = z - b
    J[1, 2] = v
    J[2, 0] = -2.0 * x * (1.0 + e * z) + 3.0 * f * z * x * x
    J[2, 1] = -2.0 * v * (1.0 + e * z)
    J[2, 2] = a - z * z - e * (x * x + v * v) + f * x * x * x


_sys("aizawa", "Aizawa (Langford) attractor, a torus-like sphere",
     "dx/dt = (z - b) x - d y\ndy/dt = d x + (z - b) y\n"
     "dz/dt = c + a z - z^3/3 - (x^2 + y^2)(1 + e z) + f z x^3",
     "Langford, in Nonlinear Dynamics and Turbulence (Pitman 1984); constants after Aizawa (1982)",
     {"a": 0.95, "b": 0.7, "c": 0.6, "d": 3.5, "e": 0.25, "f": 0.1}, (0.1, 0.0, 0.0), aizawa_f, aizawa_j,
     dysts_name="Aizawa")


def rabinovich_f(t, y, p, out):
    gamma, alpha = p[0], p[1]
    x, v, z = y[0], y[1], y[2]
    out[0] = v * (z - 1.0 + x * x) + gamma * x
    out[1] = x * (3.0 * z + 1.0 - x * x) + gamma * v
    out[2] = -2.0 * z * (alpha + x * v)


def rabinovich_j(t, y, p, J):
    gamma, alpha = p[0], p[1]
    x, v, z = y[0], y[1], y[2]
    J[0, 0] = 2.0 * x * v + gamma
    J[0, 1] = z - 1.0 + x * x
    J[0, 2] = v
    J[1, 0] = 3.0 * z + 1.0 - 3.0 * x * x
    J[1, 1] = gamma
    J[1, 2] = 3.0 * x
    J[2, 0] = -2.0 * z * v
    J[2, 1] = -2.0 * z * x
    J[2, 2] = -2.0 * (alpha + x * v)


_sys("rabinovich_fabrikant", "Rabinovich-Fabrikant model of modulation instability",
     "dx/dt = y (z - 1 + x^2) + gamma x\ndy/dt = x (3 z + 1 - x^2) + gamma y\ndz/dt = -2 z (alpha + x y)",
     "Rabinovich & Fabrikant, Sov. Phys. JETP 50, 311 (1979)", {"gamma": 0.87, "alpha": 1.1},
     (-1.0, 0.0, 0.5), rabinovich_f, rabinovich_j, dt=0.02, transient=100.0, spectrum_time=20000.0,
     references=(Reference((0.1981, 0.0, -0.6581), SPROTT_2003),), dysts_name="RabinovichFabrikant")


def windmi_f(t, y, p, out):
    out[0] = y[1]
    out[1] = y[2]
    out[2] = -p[0] * y[2] - y[1] + p[1] - math.exp(y[0])


def windmi_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = 1.0
    J[1, 2] = 1.0
    J[2, 0] = -math.exp(y[0])
    J[2, 1] = -1.0
    J[2, 2] = -p[0]


_sys("windmi", "WINDMI model of the solar-wind-driven magnetosphere (jerk form)",
     "dx/dt = y\ndy/dt = z\ndz/dt = -a z - y + b - exp(x)",
     "Horton & Doxas, J. Geophys. Res. 103, 4561 (1998); Sprott 2003", {"a": 0.7, "b": 2.5},
     (0.0, 0.8, 0.0), windmi_f, windmi_j, dt=0.05, transient=200.0, spectrum_time=20000.0,
     references=(Reference((0.0755, 0.0, -0.7755), SPROTT_2003),))


def rucklidge_f(t, y, p, out):
    kappa, lam = p[0], p[1]
    out[0] = -kappa * y[0] + lam * y[1] - y[1] * y[2]
    out[1] = y[0]
    out[2] = -y[2] + y[1] * y[1]


def rucklidge_j(t, y, p, J):
    kappa, lam = p[0], p[1]
    J[0, 0] = -kappa
    J[0, 1] = lam - y[2]
    J[0, 2] = -y[1]
    J[1, 0] = 1.0
    J[1, 1] = 0.0
    J[1, 2] = 0.0
    J[2, 0] = 0.0
    J[2, 1] = 2.0 * y[1]
    J[2, 2] = -1.0


_sys("rucklidge", "Rucklidge model of double convection",
     "dx/dt = -kappa x + lambda y - y z\ndy/dt = x\ndz/dt = -z + y^2",
     "Rucklidge, J. Fluid Mech. 237, 209 (1992)", {"kappa": 2.0, "lambda": 6.7}, (1.0, 0.0, 4.5),
     rucklidge_f, rucklidge_j, dt=0.05, transient=100.0, spectrum_time=20000.0,
     references=(Reference((0.19,), "recomputed (docs/references.md); the often-quoted 0.0643 does not reproduce"),),
     dysts_name="Rucklidge")


def jerk_f(t, y, p, out):
    out[0] = y[1]
    out[1] = y[2]
    out[2] = -p[0] * y[2] + y[1] * y[1] - y[0]


def jerk_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = 1.0
    J[1, 2] = 1.0
    J[2, 0] = -1.0
    J[2, 1] = 2.0 * y[1]
    J[2, 2] = -p[0]


_sys("sprott_jerk", "Sprott's simplest quadratic chaotic jerk", "d^3x/dt^3 = -A x'' + x'^2 - x",
     "Sprott, Phys. Lett. A 228, 271 (1997)", {"A": 2.017}, (0.0, 0.0, 1.0), jerk_f, jerk_j,
     dt=0.05, transient=100.0, spectrum_time=20000.0, components=("x", "v", "a"),
     references=(Reference((0.0550, 0.0, -2.0720), SPROTT_2003),), dysts_name="SprottJerk")


def genesio_f(t, y, p, out):
    out[0] = y[1]
    out[1] = y[2]
    out[2] = -p[2] * y[0] - p[1] * y[1] - p[0] * y[2] + y[0] * y[0]


def genesio_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = 1.0
    J[1, 2] = 1.0
    J[2, 0] = -p[2] + 2.0 * y[0]
    J[2, 1] = -p[1]
    J[2, 2] = -p[0]


_sys("genesio_tesi", "Genesio-Tesi jerk system", "dx/dt = y\ndy/dt = z\ndz/dt = -c x - b y - a z + x^2",
     "Genesio & Tesi, Automatica 28, 531 (1992)", {"a": 0.44, "b": 1.1, "c": 1.0}, (0.1, 0.1, 0.1),
     genesio_f, genesio_j, dt=0.05, transient=100.0, dysts_name="GenesioTesi")


def coullet_f(t, y, p, out):
    out[0] = y[1]
    out[1] = y[2]
    out[2] = p[0] * y[0] + p[1] * y[1] + p[2] * y[2] + p[3] * y[0] ** 3


def coullet_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = 1.0
    J[1, 2] = 1.0
    J[2, 0] = p[0] + 3.0 * p[3] * y[0] * y[0]
    J[2, 1] = p[1]
    J[2, 2] = p[2]


_sys("coullet", "Arneodo-Coullet-Tresser cubic jerk", "dx/dt = y\ndy/dt = z\ndz/dt = a x + b y + c z + d x^3",
     "Arneodo, Coullet & Tresser, Phys. Lett. A 79, 259 (1980)", {"a": 0.8, "b": -1.1, "c": -0.45, "d": -1.0},
     (0.1, 0.0, 0.0), coullet_f, coullet_j, dt=0.05, transient=100.0, dysts_name="Coullet")


def burke_shaw_f(t, y, p, out):
    s, v = p[0], p[1]
    out[0] = -s * (y[0] + y[1])
    out[1] = -y[1] - s * y[0] * y[2]
    out[2] = s * y[0] * y[1] + v


def burke_shaw_j(t, y, p, J):
    s = p[0]
    J[0, 0] = -s
    J[0, 1] = -s
    J[0, 2] = 0.0
    J[1, 0] = -s * y[2]
    J[1, 1] = -1.0
    J[1, 2] = -s * y[0]
    J[2, 0] = s * y[1]
    J[2, 1] = s * y[0]
    J[2, 2] = 0.0


_sys("burke_shaw", "Burke-Shaw attractor, a Lorenz relative", "dx/dt = -s (x + y)\ndy/dt = -y - s x z\n"
     "dz/dt = s x y + v", "Shaw, Z. Naturforsch. 36a, 80 (1981)", {"s": 10.0, "v": 4.272}, (0.6, 0.0, 0.0),
     burke_shaw_f, burke_shaw_j, dt=0.01)


def dadras_f(t, y, p, out):
    a, b, c, d, h = p[0], p[1], p[2], p[3], p[4]
    out[0] = y[1] - a * y[0] + b * y[1] * y[2]
    out[1] = c * y[1] - y[0] * y[2] + y[2]
    out[2] = d * y[0] * y[1] - h * y[2]


def dadras_j(t, y, p, J):
    a, b, c, d, h = p[0], p[1], p[2], p[3], p[4]
    J[0, 0] = -a
    J[0, 1] = 1.0 + b * y[2]
    J[0, 2] = b * y[1]
    J[1, 0] = -y[2]
    J[1, 1] = c
    J[1, 2] = 1.0 - y[0]
    J[2, 0] = d * y[1]
    J[2, 1] = d * y[0]
    J[2, 2] = -h


_sys("dadras", "Dadras-Momeni attractor", "dx/dt = y - a x + b y z\ndy/dt = c y - x z + z\ndz/dt = d x y - h z",
     "Dadras & Momeni, Phys. Lett. A 373, 3637 (2009)", {"a": 3.0, "b": 2.7, "c": 1.7, "d": 2.0, "h": 9.0},
     (1.1, 2.1, -2.0), dadras_f, dadras_j, dt=0.02, dysts_name="Dadras")


def finance_f(t, y, p, out):
    a, b, c = p[0], p[1], p[2]
    out[0] = y[2] + (y[1] - a) * y[0]
    out[1] = 1.0 - b * y[1] - y[0] * y[0]
    out[2] = -y[0] - c * y[2]


def finance_j(t, y, p, J):
    a, b, c = p[0], p[1], p[2]
    J[0, 0] = y[1] - a
    J[0, 1] = y[0]
    J[0, 2] = 1.0
    J[1, 0] = -2.0 * y[0]
    J[1, 1] = -b
    J[1, 2] = 0.0
    J[2, 0] = -1.0
    J[2, 1] = 0.0
    J[2, 2] = -c


_sys("finance", "Chaotic finance model (interest rate, investment demand, price index)",
     "dx/dt = z + (y - a) x\ndy/dt = 1 - b y - x^2\ndz/dt = -x - c z",
     "Ma & Chen, Appl. Math. Mech. 22, 1240 (2001)", {"a": 0.001, "b": 0.2, "c": 1.1}, (0.1, 4.0, 0.5),
     finance_f, finance_j, dt=0.05, transient=200.0,
     dysts_name="Finance")  # dysts writes it in y - 1/b (its dy/dt = -b y - x^2): the same flow, y shifted by 1/b


def newton_leipnik_f(t, y, p, out):
    a, b = p[0], p[1]
    out[0] = -a * y[0] + y[1] + 10.0 * y[1] * y[2]
    out[1] = -y[0] - 0.4 * y[1] + 5.0 * y[0] * y[2]
    out[2] = b * y[2] - 5.0 * y[0] * y[1]


def newton_leipnik_j(t, y, p, J):
    a, b = p[0], p[1]
    J[0, 0] = -a
    J[0, 1] = 1.0 + 10.0 * y[2]
    J[0, 2] = 10.0 * y[1]
    J[1, 0] = -1.0 + 5.0 * y[2]
    J[1, 1] = -0.4
    J[1, 2] = 5.0 * y[0]
    J[2, 0] = -5.0 * y[1]
    J[2, 1] = -5.0 * y[0]
    J[2, 2] = b


_sys("newton_leipnik", "Newton-Leipnik rigid-body attractor (two strange attractors)",
     "dx/dt = -a x + y + 10 y z\ndy/dt = -x - 0.4 y + 5 x z\ndz/dt = b z - 5 x y",
     "Leipnik & Newton, Phys. Lett. A 86, 63 (1981)", {"a": 0.4, "b": 0.175}, (0.349, 0.0, -0.16),
     newton_leipnik_f, newton_leipnik_j, dt=0.05, transient=100.0, dysts_name="NewtonLiepnik")


def shimizu_f(t, y, p, out):
    a, b = p[0], p[1]
    out[0] = y[1]
    out[1] = y[0] - a * y[1] - y[0] * y[2]
    out[2] = -b * y[2] + y[0] * y[0]


def shimizu_j(t, y, p, J):
    a, b = p[0], p[1]
    J[0, 0] = 0.0
    J[0, 1] = 1.0
    J[0, 2] = 0.0
    J[1, 0] = 1.0 - y[2]
    J[1, 1] = -a
    J[1, 2] = -y[0]
    J[2, 0] = 2.0 * y[0]
    J[2, 1] = 0.0
    J[2, 2] = -b


_sys("shimizu_morioka", "Shimizu-Morioka model of a Lorenz-like laser",
     "dx/dt = y\ndy/dt = x - a y - x z\ndz/dt = -b z + x^2", "Shimizu & Morioka, Phys. Lett. A 76, 201 (1980)",
     {"a": 0.75, "b": 0.45}, (0.1, 0.0, 0.0), shimizu_f, shimizu_j, dt=0.05, transient=200.0)


def moore_spiegel_f(t, y, p, out):
    T, R = p[0], p[1]
    out[0] = y[1]
    out[1] = y[2]
    out[2] = -y[2] - (T - R + R * y[0] * y[0]) * y[1] - T * y[0]


def moore_spiegel_j(t, y, p, J):
    T, R = p[0], p[1]
    J[:, :] = 0.0
    J[0, 1] = 1.0
    J[1, 2] = 1.0
    J[2, 0] = -2.0 * R * y[0] * y[1] - T
    J[2, 1] = -(T - R + R * y[0] * y[0])
    J[2, 2] = -1.0


_sys("moore_spiegel", "Moore-Spiegel thermally driven oscillator",
     "dx/dt = y\ndy/dt = z\ndz/dt = -z - (T - R + R x^2) y - T x",
     "Moore & Spiegel, Astrophys. J. 143, 871 (1966)", {"T": 6.0, "R": 20.0}, (0.1, 0.0, 0.0),
     moore_spiegel_f, moore_spiegel_j, dt=0.02)


def chen_lee_f(t, y, p, out):
    a, b, c = p[0], p[1], p[2]
    out[0] = a * y[0] - y[1] * y[2]
    out[1] = b * y[1] + y[0] * y[2]
    out[2] = c * y[2] + y[0] * y[1] / 3.0


def chen_lee_j(t, y, p, J):
    a, b, c = p[0], p[1], p[2]
    J[0, 0] = a
    J[0, 1] = -y[2]
    J[0, 2] = -y[1]
    J[1, 0] = y[2]
    J[1, 1] = b
    J[1, 2] = y[0]
    J[2, 0] = y[1] / 3.0
    J[2, 1] = y[0] / 3.0
    J[2, 2] = c


_sys("chen_lee", "Chen-Lee gyro-like attractor", "dx/dt = a x - y z\ndy/dt = b y + x z\ndz/dt = c z + x y / 3",
     "Chen & Lee, Chaos Solitons Fractals 21, 957 (2004)", {"a": 5.0, "b": -10.0, "c": -0.38},
     (1.0, 1.0, 1.0), chen_lee_f, chen_lee_j, dt=0.01, spectrum_dt=0.002,
     dysts_name="ChenLee")  # RK4 at 0.01 lands on a spurious cycle


def rikitake_f(t, y, p, out):
    mu, a = p[0], p[1]
    out[0] = -mu * y[0] + y[2] * y[1]
    out[1] = -mu * y[1] + (y[2] - a) * y[0]
    out[2] = 1.0 - y[0] * y[1]


def rikitake_j(t, y, p, J):
    mu, a = p[0], p[1]
    J[0, 0] = -mu
    J[0, 1] = y[2]
    J[0, 2] = y[1]
    J[1, 0] = y[2] - a
    J[1, 1] = -mu
    J[1, 2] = y[0]
    J[2, 0] = -y[1]
    J[2, 1] = -y[0]
    J[2, 2] = 0.0


_sys("rikitake", "Rikitake two-disc dynamo (geomagnetic reversals)",
     "dx/dt = -mu x + z y\ndy/dt = -mu y + (z - a) x\ndz/dt = 1 - x y",
     "Rikitake, Proc. Camb. Phil. Soc. 54, 89 (1958)", {"mu": 2.0, "a": 5.0}, (1.0, 0.0, 0.5),
     rikitake_f, rikitake_j, dt=0.02, transient=100.0, dysts_name="RikitakeDynamo")


def bouali_f(t, y, p, out):
    a, s = p[0], p[1]
    out[0] = y[0] * (4.0 - y[1]) + a * y[2]
    out[1] = -y[1] * (1.0 - y[0] * y[0])
    out[2] = -y[0] * (1.5 - s * y[2]) - 0.05 * y[2]


def bouali_j(t, y, p, J):
    a, s = p[0], p[1]
    J[0, 0] = 4.0 - y[1]
    J[0, 1] = -y[0]
    J[0, 2] = a
    J[1, 0] = 2.0 * y[0] * y[1]
    J[1, 1] = -(1.0 - y[0] * y[0])
    J[1, 2] = 0.0
    J[2, 0] = -(1.5 - s * y[2])
    J[2, 1] = 0.0
    J[2, 2] = s * y[0] - 0.05


_sys("bouali", "Bouali's economic cycle attractor",
     "dx/dt = x (4 - y) + a z\ndy/dt = -y (1 - x^2)\ndz/dt = -x (1.5 - s z) - 0.05 z",
     "Bouali, arXiv:1311.6128 (2013)", {"a": 0.3, "s": 1.0}, (1.0, 0.1, 0.1), bouali_f, bouali_j, dt=0.02,
     dysts_name="Bouali")
