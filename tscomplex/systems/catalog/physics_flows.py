"""Flows from physics and engineering: fluids, lasers, circuits, mechanical oscillators, plasma and climate models.

Every ``f(t, y, p, out)`` writes dy/dt (or the next state of a map) into ``out`` and every
``j(t, y, p, J)`` writes its Jacobian; ``p`` holds the parameters in the order of the ``params`` dict.
"""

from __future__ import annotations

import math

from .classic_flows import lorenz84_f, lorenz84_j
from ._flow import _sys


# --------------------------------------------------------------------------- circuits and lasers


def anishchenko_astakhov_f(t, y, p, out):
    mu, eta = p[0], p[1]
    x = y[0]
    out[0] = mu * x + y[1] - x * y[2]
    out[1] = -x
    out[2] = -eta * y[2] + (eta * x * x if x > 0.0 else 0.0)


def anishchenko_astakhov_j(t, y, p, J):
    mu, eta = p[0], p[1]
    J[0, 0] = mu - y[2]
    J[0, 1] = 1.0
    J[0, 2] = -y[0]
    J[1, 0] = -1.0
    J[1, 1] = 0.0
    J[1, 2] = 0.0
    J[2, 0] = 2.0 * eta * y[0] if y[0] > 0.0 else 0.0
    J[2, 1] = 0.0
    J[2, 2] = -eta


_sys("anishchenko_astakhov", "Anishchenko-Astakhov oscillator with inertial nonlinearity (a radio circuit)",
     "dx/dt = mu x + y - x z\ndy/dt = -x\ndz/dt = -eta z + eta H(x) x^2   (H: unit step, H(0) = 0)",
     "Anishchenko & Astakhov, Radiotekh. Elektron. 28, 1109 (1983); Anishchenko et al., Nonlinear Dynamics "
     "of Chaotic and Stochastic Systems, 2nd ed. (Springer 2007), sec. 2.3",
     {"mu": 1.2, "eta": 0.5}, (1.0, 0.0, 0.0), anishchenko_astakhov_f, anishchenko_astakhov_j,
     dt=0.1, transient=200.0, spectrum_time=20000.0, dysts_name="AnishchenkoAstakhov")


def colpitts_f(t, y, p, out):
    a, b, c, d, e = p[0], p[1], p[2], p[3], p[4]
    u = y[2] - (e - 1.0)
    fz = -u if u < 0.0 else 0.0
    out[0] = y[1] - a * fz
    out[1] = c - y[0] - b * y[1] - y[2]
    out[2] = y[1] - d * y[2]


def colpitts_j(t, y, p, J):
    a, b, d, e = p[0], p[1], p[3], p[4]
    J[0, 0] = 0.0
    J[0, 1] = 1.0
    J[0, 2] = a if y[2] - (e - 1.0) < 0.0 else 0.0
    J[1, 0] = -1.0
    J[1, 1] = -b
    J[1, 2] = -1.0
    J[2, 0] = 0.0
    J[2, 1] = 1.0
    J[2, 2] = -d


_sys("colpitts", "Colpitts oscillator, a transistor circuit with a piecewise-linear base current",
     "u = z - (e - 1),  F(z) = -u if u < 0 else 0\ndx/dt = y - a F(z)\ndy/dt = c - x - b y - z\ndz/dt = y - d z",
     "Kennedy, IEEE Trans. Circuits Syst. I 41, 771 (1994); Maggio, De Feo & Kennedy, IEEE Trans. Circuits "
     "Syst. I 46, 1118 (1999)",
     {"a": 30.0, "b": 0.8, "c": 20.0, "d": 0.08, "e": 10.0}, (8.9, 0.65, 8.8), colpitts_f, colpitts_j,
     dt=0.05, transient=200.0, spectrum_time=10000.0, dysts_name="Colpitts")


def jerk_circuit_f(t, y, p, out):
    eps, y0 = p[0], p[1]
    out[0] = y[1]
    out[1] = y[2]
    out[2] = -y[2] - y[0] - eps * (math.exp(y[1] / y0) - 1.0)


def jerk_circuit_j(t, y, p, J):
    eps, y0 = p[0], p[1]
    J[:, :] = 0.0
    J[0, 1] = 1.0
    J[1, 2] = 1.0
    J[2, 0] = -1.0
    J[2, 1] = -eps * math.exp(y[1] / y0) / y0
    J[2, 2] = -1.0


_sys("jerk_circuit", "Sprott's jerk circuit with a diode nonlinearity (Shockley diode law)",
     "dx/dt = y\ndy/dt = z\ndz/dt = -z - x - eps (exp(y / y0) - 1)",
     "Sprott, IEEE Trans. Circuits Syst. II 58, 240 (2011)", {"eps": 1e-9, "y0": 0.026},
     (-1.3, 0.065, 0.92), jerk_circuit_f, jerk_circuit_j, dt=0.2, transient=200.0, spectrum_time=20000.0,
     dysts_name="JerkCircuit")


def laser_f(t, y, p, out):
    a, b, c, d, h, k = p[0], p[1], p[2], p[3], p[4], p[5]
    z2 = y[2] * y[2]
    out[0] = a * (y[1] - y[0]) + b * y[1] * z2
    out[1] = c * y[0] + d * y[0] * z2
    out[2] = h * y[2] + k * y[0] * y[0]


def laser_j(t, y, p, J):
    a, b, c, d, h, k = p[0], p[1], p[2], p[3], p[4], p[5]
    z2 = y[2] * y[2]
    J[0, 0] = -a
    J[0, 1] = a + b * z2
    J[0, 2] = 2.0 * b * y[1] * y[2]
    J[1, 0] = c + d * z2
    J[1, 1] = 0.0
    J[1, 2] = 2.0 * d * y[0] * y[2]
    J[2, 0] = 2.0 * k * y[0]
    J[2, 1] = 0.0
    J[2, 2] = h


_sys("laser", "A semiconductor-laser-like three-dimensional chaotic system (Abooee et al.)",
     "dx/dt = a (y - x) + b y z^2\ndy/dt = c x + d x z^2\ndz/dt = h z + k x^2",
     "Abooee, Yaghini-Bonabi & Jahed-Motlagh, Commun. Nonlinear Sci. Numer. Simul. 18, 1235 (2013)",
     {"a": 10.0, "b": 1.0, "c": 5.0, "d": -1.0, "h": -5.0, "k": -6.0}, (-2.5, -1.9, -3.0), laser_f, laser_j,
     dt=0.01, transient=50.0, spectrum_dt=0.002, dysts_name="Laser")


def lorenz_stenflo_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    out[0] = a * (y[1] - y[0]) + d * y[3]
    out[1] = c * y[0] - y[0] * y[2] - y[1]
    out[2] = y[0] * y[1] - b * y[2]
    out[3] = -y[0] - a * y[3]


def lorenz_stenflo_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    J[:, :] = 0.0
    J[0, 0] = -a
    J[0, 1] = a
    J[0, 3] = d
    J[1, 0] = c - y[2]
    J[1, 1] = -1.0
    J[1, 2] = -y[0]
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -b
    J[3, 0] = -1.0
    J[3, 3] = -a


_sys("lorenz_stenflo", "Lorenz-Stenflo model of acoustic-gravity waves in a rotating atmosphere",
     "dx/dt = a (y - x) + d w\ndy/dt = c x - x z - y\ndz/dt = x y - b z\ndw/dt = -x - a w",
     "Stenflo, Phys. Scr. 53, 83 (1996)", {"a": 2.0, "b": 0.7, "c": 26.0, "d": 1.5},
     (4.2, 9.1, 21.9, -1.4), lorenz_stenflo_f, lorenz_stenflo_j, dt=0.05, transient=50.0,
     components=("x", "y", "z", "w"), dysts_name="LorenzStenflo")


# --------------------------------------------------------------------------- convection, climate and dynamos


_sys("hadley", "Lorenz-84 model of the Hadley circulation at the parameters of dysts' Hadley entry",
     "dx/dt = -y^2 - z^2 - a x + a F\ndy/dt = x y - b x z - y + G\ndz/dt = b x y + x z - z",
     "Lorenz, Tellus A 36, 98 (1984)", {"a": 0.2, "b": 4.0, "F": 9.0, "G": 1.0}, (1.37, 0.93, 0.64),
     lorenz84_f, lorenz84_j, dt=0.05, transient=100.0, spectrum_time=10000.0, dysts_name="Hadley")


def rayleigh_benard_f(t, y, p, out):
    a, b, r = p[0], p[1], p[2]
    out[0] = a * (y[1] - y[0])
    out[1] = r * y[1] - y[0] * y[2]
    out[2] = y[0] * y[1] - b * y[2]


def rayleigh_benard_j(t, y, p, J):
    a, b, r = p[0], p[1], p[2]
    J[0, 0] = -a
    J[0, 1] = a
    J[0, 2] = 0.0
    J[1, 0] = -y[2]
    J[1, 1] = r
    J[1, 2] = -y[0]
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -b


_sys("rayleigh_benard", "Three-mode model of Rayleigh-Bénard convection (Yanagita & Kaneko)",
     "dx/dt = a (y - x)\ndy/dt = r y - x z\ndz/dt = x y - b z",
     "Yanagita & Kaneko, Physica D 82, 288 (1995)", {"a": 30.0, "b": 5.0, "r": 18.0},
     (-15.7, -13.3, 26.9), rayleigh_benard_f, rayleigh_benard_j, dt=0.01, transient=20.0, spectrum_dt=0.002,
     dysts_name="RayleighBenard")


def vallis_el_nino_f(t, y, p, out):
    b, c, p0 = p[0], p[1], p[2]
    out[0] = b * y[1] - c * (y[0] + p0)
    out[1] = -y[1] + y[0] * y[2]
    out[2] = -y[2] - y[0] * y[1] + 1.0


def vallis_el_nino_j(t, y, p, J):
    b, c = p[0], p[1]
    J[0, 0] = -c
    J[0, 1] = b
    J[0, 2] = 0.0
    J[1, 0] = y[2]
    J[1, 1] = -1.0
    J[1, 2] = y[0]
    J[2, 0] = -y[1]
    J[2, 1] = -y[0]
    J[2, 2] = -1.0


_sys("vallis_el_nino", "Vallis' model of El Niño: ocean current and east-west temperature difference",
     "dx/dt = b y - c (x + p)\ndy/dt = -y + x z\ndz/dt = -z - x y + 1",
     "Vallis, Science 232, 243 (1986); Vallis, J. Geophys. Res. 93, 13979 (1988)",
     {"b": 102.0, "c": 3.0, "p": 0.0}, (-7.0, 0.02, -0.17), vallis_el_nino_f, vallis_el_nino_j,
     dt=0.02, transient=50.0, spectrum_dt=0.002, dysts_name="VallisElNino")


def nose_hoover_f(t, y, p, out):
    out[0] = y[1]
    out[1] = -y[0] + y[1] * y[2]
    out[2] = p[0] - y[1] * y[1]


def nose_hoover_j(t, y, p, J):
    J[:, :] = 0.0
    J[0, 1] = 1.0
    J[1, 0] = -1.0
    J[1, 1] = y[2]
    J[1, 2] = y[1]
    J[2, 1] = -2.0 * y[1]


_sys("nose_hoover", "Nosé-Hoover thermostatted harmonic oscillator (time-reversible, volume-preserving on average)",
     "dx/dt = y\ndy/dt = -x + y z\ndz/dt = a - y^2",
     "Nosé, J. Chem. Phys. 81, 511 (1984); Hoover, Phys. Rev. A 31, 1695 (1985); Posch, Hoover & Vesely, "
     "Phys. Rev. A 33, 4253 (1986)", {"a": 1.5}, (-1.98, 0.25, 0.79), nose_hoover_f, nose_hoover_j,
     dt=0.1, transient=0.0, spectrum_time=50000.0, dysts_name="NoseHoover")


def atmospheric_regime_f(t, y, p, out):
    alpha, beta, mu1, mu2, omega, sigma = p[0], p[1], p[2], p[3], p[4], p[5]
    x, v, w = y[0], y[1], y[2]
    out[0] = mu1 * x + sigma * x * v
    out[1] = mu2 * v + omega * w + alpha * v * w + beta * w * w - sigma * x * x
    out[2] = mu2 * w - omega * v - alpha * v * v - beta * v * w


def atmospheric_regime_j(t, y, p, J):
    alpha, beta, mu1, mu2, omega, sigma = p[0], p[1], p[2], p[3], p[4], p[5]
    x, v, w = y[0], y[1], y[2]
    J[0, 0] = mu1 + sigma * v
    J[0, 1] = sigma * x
    J[0, 2] = 0.0
    J[1, 0] = -2.0 * sigma * x
    J[1, 1] = mu2 + alpha * w
    J[1, 2] = omega + alpha * v + 2.0 * beta * w
    J[2, 0] = 0.0
    J[2, 1] = -omega - 2.0 * alpha * v - beta * w
    J[2, 2] = mu2 - beta * v


_sys("atmospheric_regime", "Three coupled oscillators with widely spaced frequencies: regime transitions "
     "in atmospheric flow (energy-preserving quadratic coupling)",
     "dx/dt = mu1 x + sigma x y\ndy/dt = mu2 y + omega z + alpha y z + beta z^2 - sigma x^2\n"
     "dz/dt = mu2 z - omega y - alpha y^2 - beta y z",
     "Tuwankotta, Int. J. Non-Linear Mech. 41, 180 (2006)",
     {"alpha": -2.0, "beta": -5.0, "mu1": 0.05, "mu2": -0.01, "omega": 3.0, "sigma": 1.1},
     (0.027, 0.21, 0.44), atmospheric_regime_f, atmospheric_regime_j, dt=0.5, transient=500.0,
     spectrum_time=100000.0, dysts_name="AtmosphericRegime")


# --------------------------------------------------------------------------- ecology


def blasius_f(t, y, p, out):
    a, alpha1, alpha2, b, c, k1, k2, zs = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]
    g1 = y[0] * y[1] / (1.0 + k1 * y[0])
    g2 = y[1] * y[2] / (1.0 + k2 * y[1])
    out[0] = a * y[0] - alpha1 * g1
    out[1] = -b * y[1] + alpha1 * g1 - alpha2 * g2
    out[2] = -c * (y[2] - zs) + alpha2 * g2


def blasius_j(t, y, p, J):
    alpha1, alpha2, b, c, k1, k2 = p[1], p[2], p[3], p[4], p[5], p[6]
    a = p[0]
    d1 = 1.0 + k1 * y[0]
    d2 = 1.0 + k2 * y[1]
    g1x = y[1] / (d1 * d1)
    g1y = y[0] / d1
    g2y = y[2] / (d2 * d2)
    g2z = y[1] / d2
    J[0, 0] = a - alpha1 * g1x
    J[0, 1] = -alpha1 * g1y
    J[0, 2] = 0.0
    J[1, 0] = alpha1 * g1x
    J[1, 1] = -b + alpha1 * g1y - alpha2 * g2y
    J[1, 2] = -alpha2 * g2z
    J[2, 0] = 0.0
    J[2, 1] = alpha2 * g2y
    J[2, 2] = -c + alpha2 * g2z


_sys("blasius", "Blasius-Huppert-Stone food chain: vegetation, herbivores, predators (uniform phase, "
     "chaotic amplitude)",
     "dx/dt = a x - alpha1 x y / (1 + k1 x)\n"
     "dy/dt = -b y + alpha1 x y / (1 + k1 x) - alpha2 y z / (1 + k2 y)\n"
     "dz/dt = -c (z - zs) + alpha2 y z / (1 + k2 y)",
     "Blasius, Huppert & Stone, Nature 399, 354 (1999)",
     {"a": 1.0, "alpha1": 0.2, "alpha2": 1.0, "b": 1.0, "c": 10.0, "k1": 0.05, "k2": 0.0, "zs": 0.006},
     (4.0, 5.1, 0.0165), blasius_f, blasius_j, dt=0.1, transient=200.0, spectrum_time=20000.0,
     components=("u", "v", "w"), dysts_name="Blasius")


# --------------------------------------------------------------------------- Lorenz relatives


def lorenz_bounded_f(t, y, p, out):
    beta, r, rho, sigma = p[0], p[1], p[2], p[3]
    s = 1.0 - (y[0] * y[0] + y[1] * y[1] + y[2] * y[2]) / (r * r)
    out[0] = s * sigma * (y[1] - y[0])
    out[1] = s * (rho * y[0] - y[0] * y[2] - y[1])
    out[2] = s * (y[0] * y[1] - beta * y[2])


def lorenz_bounded_j(t, y, p, J):
    beta, r, rho, sigma = p[0], p[1], p[2], p[3]
    r2 = r * r
    s = 1.0 - (y[0] * y[0] + y[1] * y[1] + y[2] * y[2]) / r2
    l0 = sigma * (y[1] - y[0])
    l1 = rho * y[0] - y[0] * y[2] - y[1]
    l2 = y[0] * y[1] - beta * y[2]
    # d(s L)/dy = s dL/dy + L (ds/dy)^T with ds/dy_j = -2 y_j / r^2
    J[0, 0] = -s * sigma - 2.0 * l0 * y[0] / r2
    J[0, 1] = s * sigma - 2.0 * l0 * y[1] / r2
    J[0, 2] = -2.0 * l0 * y[2] / r2
    J[1, 0] = s * (rho - y[2]) - 2.0 * l1 * y[0] / r2
    J[1, 1] = -s - 2.0 * l1 * y[1] / r2
    J[1, 2] = -s * y[0] - 2.0 * l1 * y[2] / r2
    J[2, 0] = s * y[1] - 2.0 * l2 * y[0] / r2
    J[2, 1] = s * y[0] - 2.0 * l2 * y[1] / r2
    J[2, 2] = -s * beta - 2.0 * l2 * y[2] / r2


_sys("lorenz_bounded", "Lorenz flow slowed to a stop on a sphere of radius r, so that every orbit is bounded",
     "s = 1 - (x^2 + y^2 + z^2) / r^2\ndx/dt = s sigma (y - x)\ndy/dt = s (rho x - x z - y)\n"
     "dz/dt = s (x y - beta z)",
     "Sprott & Xiong, Chaos 25, 083101 (2015)",
     {"beta": 8.0 / 3.0, "r": 64.0, "rho": 28.0, "sigma": 10.0}, (-13.3, -12.4, 34.2),
     lorenz_bounded_f, lorenz_bounded_j, dt=0.01, transient=20.0, spectrum_dt=0.002,
     dysts_name="LorenzBounded")


def lorenz_coupled_f(t, y, p, out):
    beta, eps, rho1, rho2, sigma = p[0], p[1], p[2], p[3], p[4]
    out[0] = sigma * (y[1] - y[0])
    out[1] = rho1 * y[0] - y[0] * y[2] - y[1]
    out[2] = y[0] * y[1] - beta * y[2]
    out[3] = sigma * (y[4] - y[3]) + eps * (y[0] - y[3])
    out[4] = rho2 * y[3] - y[3] * y[5] - y[4]
    out[5] = y[3] * y[4] - beta * y[5]


def lorenz_coupled_j(t, y, p, J):
    beta, eps, rho1, rho2, sigma = p[0], p[1], p[2], p[3], p[4]
    J[:, :] = 0.0
    J[0, 0] = -sigma
    J[0, 1] = sigma
    J[1, 0] = rho1 - y[2]
    J[1, 1] = -1.0
    J[1, 2] = -y[0]
    J[2, 0] = y[1]
    J[2, 1] = y[0]
    J[2, 2] = -beta
    J[3, 0] = eps
    J[3, 3] = -sigma - eps
    J[3, 4] = sigma
    J[4, 3] = rho2 - y[5]
    J[4, 4] = -1.0
    J[4, 5] = -y[3]
    J[5, 3] = y[4]
    J[5, 4] = y[3]
    J[5, 5] = -beta


_sys("lorenz_coupled", "Two Lorenz systems, the first driving the second through its x",
     "dx1/dt = sigma (y1 - x1)\ndy1/dt = rho1 x1 - x1 z1 - y1\ndz1/dt = x1 y1 - beta z1\n"
     "dx2/dt = sigma (y2 - x2) + eps (x1 - x2)\ndy2/dt = rho2 x2 - x2 z2 - y2\ndz2/dt = x2 y2 - beta z2",
     "Lorenz, J. Atmos. Sci. 20, 130 (1963); unidirectional coupling as in dysts (Gilpin 2021)",
     {"beta": 8.0 / 3.0, "eps": 2.85, "rho1": 35.0, "rho2": 1.15, "sigma": 10.0},
     (7.1, 10.1, 25.7, 2.2, 0.96, 0.9), lorenz_coupled_f, lorenz_coupled_j, dt=0.01, transient=20.0,
     spectrum_dt=0.002, components=("x1", "y1", "z1", "x2", "y2", "z2"), dysts_name="LorenzCoupled")


# The five-breakpoint nonlinearity is fixed (slopes m0..m5 and breakpoints c1..c5 of Yalcin et al.): each
# slope only matters between its breakpoints, so as free parameters most would do nothing on most of the orbit.
_MC_M0, _MC_M1, _MC_M2, _MC_M3, _MC_M4, _MC_M5 = -1.0 / 7.0, 2.0 / 7.0, -4.0 / 7.0, 2.0 / 7.0, -4.0 / 7.0, 2.0 / 7.0
_MC_C1, _MC_C2, _MC_C3, _MC_C4, _MC_C5 = 1.0, 2.15, 3.6, 8.2, 13.0


def multi_chua_f(t, y, p, out):
    a, b = p[0], p[1]
    x = y[0]
    h = (_MC_M5 * x + 0.5 * (_MC_M0 - _MC_M1) * (abs(x + _MC_C1) - abs(x - _MC_C1))
         + 0.5 * (_MC_M1 - _MC_M2) * (abs(x + _MC_C2) - abs(x - _MC_C2))
         + 0.5 * (_MC_M2 - _MC_M3) * (abs(x + _MC_C3) - abs(x - _MC_C3))
         + 0.5 * (_MC_M3 - _MC_M4) * (abs(x + _MC_C4) - abs(x - _MC_C4))
         + 0.5 * (_MC_M4 - _MC_M5) * (abs(x + _MC_C5) - abs(x - _MC_C5)))
    out[0] = a * (y[1] - h)
    out[1] = x - y[1] + y[2]
    out[2] = -b * y[1]


def multi_chua_j(t, y, p, J):
    a, b = p[0], p[1]
    ax = abs(y[0])
    # h'(x): the slope of the segment that holds x
    if ax < _MC_C1:
        slope = _MC_M0
    elif ax < _MC_C2:
        slope = _MC_M1
    elif ax < _MC_C3:
        slope = _MC_M2
    elif ax < _MC_C4:
        slope = _MC_M3
    elif ax < _MC_C5:
        slope = _MC_M4
    else:
        slope = _MC_M5
    J[0, 0] = -a * slope
    J[0, 1] = a
    J[0, 2] = 0.0
    J[1, 0] = 1.0
    J[1, 1] = -1.0
    J[1, 2] = 1.0
    J[2, 0] = 0.0
    J[2, 1] = -b
    J[2, 2] = 0.0


_sys("multi_chua", "Chua's circuit with a five-breakpoint nonlinearity: a multi-scroll attractor",
     "h(x) = m5 x + sum_{i=1..5} (m_{i-1} - m_i) (|x + c_i| - |x - c_i|) / 2\n"
     "dx/dt = a (y - h(x))\ndy/dt = x - y + z\ndz/dt = -b y\n"
     "fixed: m = (-1, 2, -4, 2, -4, 2) / 7, c = (1, 2.15, 3.6, 8.2, 13)",
     "Suykens & Vandewalle, IEEE Trans. Circuits Syst. I 40, 861 (1993); Yalçin, Suykens & Vandewalle, "
     "Cellular Neural Networks, Multi-Scroll Chaos and Synchronization (World Scientific 2005)",
     {"a": 9.0, "b": 14.286}, (-21.2, 1.03, 27.4), multi_chua_f, multi_chua_j, dt=0.02, transient=100.0,
     spectrum_time=10000.0, dysts_name="MultiChua")


# --------------------------------------------------------------------------- flows on a torus and advection


def abc_f(t, y, p, out):
    a, b, c = p[0], p[1], p[2]
    out[0] = a * math.sin(y[2]) + c * math.cos(y[1])
    out[1] = b * math.sin(y[0]) + a * math.cos(y[2])
    out[2] = c * math.sin(y[1]) + b * math.cos(y[0])


def abc_j(t, y, p, J):
    a, b, c = p[0], p[1], p[2]
    J[0, 0] = 0.0
    J[0, 1] = -c * math.sin(y[1])
    J[0, 2] = a * math.cos(y[2])
    J[1, 0] = b * math.cos(y[0])
    J[1, 1] = 0.0
    J[1, 2] = -a * math.sin(y[2])
    J[2, 0] = -b * math.sin(y[0])
    J[2, 1] = c * math.cos(y[1])
    J[2, 2] = 0.0


_sys("arnold_beltrami_childress", "ABC flow: a steady Beltrami solution of Euler's equations with chaotic "
     "streamlines (volume-preserving; coordinates are angles, not wrapped)",
     "dx/dt = a sin z + c cos y\ndy/dt = b sin x + a cos z\ndz/dt = c sin y + b cos x",
     "Arnold, C. R. Acad. Sci. Paris 261, 17 (1965); Dombre et al., J. Fluid Mech. 167, 353 (1986)",
     {"a": math.sqrt(3.0), "b": math.sqrt(2.0), "c": 1.0}, (3.4, 2.77, 6.07), abc_f, abc_j, dt=0.05,
     transient=0.0, spectrum_time=20000.0, dysts_name="ArnoldBeltramiChildress")


def double_gyre_f(t, y, p, out):
    alpha, eps, omega = p[0], p[1], p[2]
    s = math.sin(omega * t)
    a = eps * s
    b = 1.0 - 2.0 * eps * s
    f = a * y[0] * y[0] + b * y[0]
    out[0] = -alpha * math.pi * math.sin(math.pi * f) * math.cos(math.pi * y[1])
    out[1] = alpha * math.pi * math.cos(math.pi * f) * math.sin(math.pi * y[1]) * (2.0 * a * y[0] + b)


def double_gyre_j(t, y, p, J):
    alpha, eps, omega = p[0], p[1], p[2]
    s = math.sin(omega * t)
    a = eps * s
    b = 1.0 - 2.0 * eps * s
    f = a * y[0] * y[0] + b * y[0]
    fx = 2.0 * a * y[0] + b
    pi = math.pi
    sf, cf = math.sin(pi * f), math.cos(pi * f)
    sy, cy = math.sin(pi * y[1]), math.cos(pi * y[1])
    J[0, 0] = -alpha * pi * pi * cf * fx * cy
    J[0, 1] = alpha * pi * pi * sf * sy
    J[1, 0] = -alpha * pi * pi * sf * sy * fx * fx + 2.0 * a * alpha * pi * cf * sy
    J[1, 1] = alpha * pi * pi * cf * cy * fx


_sys("double_gyre", "Periodically forced double gyre on [0, 2] x [0, 1] (area-preserving, non-autonomous)",
     "a(t) = eps sin(omega t), b(t) = 1 - 2 eps sin(omega t), f = a x^2 + b x\n"
     "dx/dt = -alpha pi sin(pi f) cos(pi y)\ndy/dt = alpha pi cos(pi f) sin(pi y) df/dx",
     "Shadden, Lekien & Marsden, Physica D 212, 271 (2005)",
     {"alpha": 0.1, "eps": 0.1, "omega": math.pi / 5.0}, (1.0, 0.5), double_gyre_f, double_gyre_j,
     dt=0.2, transient=0.0, spectrum_time=50000.0, spectrum_dt=0.02, components=("x", "y"),
     dysts_name="DoubleGyre")


def oscillating_flow_f(t, y, p, out):
    b, k, omega, u = p[0], p[1], p[2], p[3]
    f = y[0] + b * math.sin(omega * t)
    out[0] = u * math.cos(k * y[1]) * math.sin(k * f)
    out[1] = -u * math.sin(k * y[1]) * math.cos(k * f)


def oscillating_flow_j(t, y, p, J):
    b, k, omega, u = p[0], p[1], p[2], p[3]
    f = y[0] + b * math.sin(omega * t)
    sf, cf = math.sin(k * f), math.cos(k * f)
    sy, cy = math.sin(k * y[1]), math.cos(k * y[1])
    J[0, 0] = u * k * cy * cf
    J[0, 1] = -u * k * sy * sf
    J[1, 0] = u * k * sy * sf
    J[1, 1] = -u * k * cy * cf


_sys("oscillating_flow", "Laterally oscillating convection rolls: chaotic transport of a tracer between cells "
     "(area-preserving, non-autonomous)",
     "f = x + b sin(omega t)\ndx/dt = u cos(k y) sin(k f)\ndy/dt = -u sin(k y) cos(k f)",
     "Solomon & Gollub, Phys. Rev. A 38, 6280 (1988)", {"b": 0.48, "k": 1.0, "omega": 0.49, "u": 0.72},
     (math.pi, math.pi / 3.0), oscillating_flow_f, oscillating_flow_j, dt=0.25, transient=0.0,
     spectrum_time=50000.0, spectrum_dt=0.02, components=("x", "y"), dysts_name="OscillatingFlow")


def torus_f(t, y, p, out):
    a, n, r = p[0], p[1], p[2]
    cn, sn = math.cos(n * t), math.sin(n * t)
    out[0] = -a * n * sn * math.cos(t) - (r + a * cn) * math.sin(t)
    out[1] = -a * n * sn * math.sin(t) + (r + a * cn) * math.cos(t)
    out[2] = a * n * cn


def torus_j(t, y, p, J):
    J[:, :] = 0.0


_sys("torus", "Quasi-periodic winding on a torus, NOT chaotic: the velocity depends on time only, so every "
     "Lyapunov exponent is zero",
     "dx/dt = -a n sin(n t) cos t - (r + a cos(n t)) sin t\n"
     "dy/dt = -a n sin(n t) sin t + (r + a cos(n t)) cos t\ndz/dt = a n cos(n t)\n"
     "(solution: x = (r + a cos n t) cos t, y = (r + a cos n t) sin t, z = a sin n t)",
     "Strogatz, Nonlinear Dynamics and Chaos (1994), sec. 8.6", {"a": 0.5, "n": 15.3, "r": 1.0},
     (1.5, 0.0, 0.0), torus_f, torus_j, dt=0.01, transient=0.0, spectrum_time=100.0, dysts_name="Torus")


# --------------------------------------------------------------------------- Hamiltonian flows the leapfrog cannot take


def swinging_atwood_f(t, y, p, out):
    m1, m2, g = p[0], p[1], p[2]
    r, th, pr, pth = y[0], y[1], y[2], y[3]
    out[0] = pr / (m1 + m2)
    out[1] = pth / (m1 * r * r)
    out[2] = pth * pth / (m1 * r * r * r) - m2 * g + m1 * g * math.cos(th)
    out[3] = -m1 * g * r * math.sin(th)


def swinging_atwood_j(t, y, p, J):
    m1, m2, g = p[0], p[1], p[2]
    r, th, pth = y[0], y[1], y[3]
    J[:, :] = 0.0
    J[0, 2] = 1.0 / (m1 + m2)
    J[1, 0] = -2.0 * pth / (m1 * r * r * r)
    J[1, 3] = 1.0 / (m1 * r * r)
    J[2, 0] = -3.0 * pth * pth / (m1 * r * r * r * r)
    J[2, 1] = -m1 * g * math.sin(th)
    J[2, 3] = 2.0 * pth / (m1 * r * r * r)
    J[3, 0] = -m1 * g * math.sin(th)
    J[3, 1] = -m1 * g * r * math.cos(th)


_sys("swinging_atwood", "Swinging Atwood's machine: a mass m1 swinging on a rope over a pulley against a "
     "hanging mass m2 (Hamiltonian, not separable: integrated as a flow); NOT chaotic at these parameters and "
     "initial condition: lambda_max T grows only like log T (9.0, 10.1, 11.2, 10.4, 11.7, 13.2 at T = 1000 time "
     "units and 2T..32T), the shear of a torus; the exponent of 16T..32T is 9e-5 (quasi-periodic)",
     "H = pr^2 / (2 (m1 + m2)) + pth^2 / (2 m1 r^2) + g r (m2 - m1 cos th)\n"
     "dr/dt = pr / (m1 + m2)\ndth/dt = pth / (m1 r^2)\ndpr/dt = pth^2 / (m1 r^3) - m2 g + m1 g cos th\n"
     "dpth/dt = -m1 g r sin th",
     "Tufillaro, Abbott & Griffiths, Am. J. Phys. 52, 895 (1984)", {"m1": 1.0, "m2": 4.5, "g": 9.81},
     (1.0, math.pi / 2.0, 0.0, 1.0), swinging_atwood_f, swinging_atwood_j, dt=0.02,
     transient=0.0, spectrum_time=1000.0, spectrum_dt=0.0005, components=("r", "theta", "p_r", "p_theta"),
     dysts_name="SwingingAtwood")


def arnold_web_f(t, y, p, out):
    mu, w = p[0], p[1]
    den = 4.0 + math.cos(w * t) + math.cos(y[0]) + math.cos(y[1])
    out[0] = y[2]
    out[1] = y[3]
    out[2] = -mu * math.sin(y[0]) / (den * den)
    out[3] = -mu * math.sin(y[1]) / (den * den)


def arnold_web_j(t, y, p, J):
    mu, w = p[0], p[1]
    den = 4.0 + math.cos(w * t) + math.cos(y[0]) + math.cos(y[1])
    d2, d3 = den * den, den * den * den
    s1, s2 = math.sin(y[0]), math.sin(y[1])
    J[:, :] = 0.0
    J[0, 2] = 1.0
    J[1, 3] = 1.0
    J[2, 0] = -mu * (math.cos(y[0]) / d2 + 2.0 * s1 * s1 / d3)
    J[2, 1] = -2.0 * mu * s1 * s2 / d3
    J[3, 0] = -2.0 * mu * s1 * s2 / d3
    J[3, 1] = -mu * (math.cos(y[1]) / d2 + 2.0 * s2 * s2 / d3)


_sys("arnold_web", "Froeschlé-Guzzo-Lega quasi-integrable Hamiltonian whose resonances form the Arnold web "
     "(the third angle is the forcing phase w t; coordinates are angles, not wrapped)",
     "H = (p1^2 + p2^2)/2 + w I3 + mu / (4 + cos x1 + cos x2 + cos(w t))\n"
     "dx1/dt = p1\ndx2/dt = p2\ndp1/dt = -mu sin x1 / D^2\ndp2/dt = -mu sin x2 / D^2\n"
     "D = 4 + cos x1 + cos x2 + cos(w t)",
     "Froeschlé, Guzzo & Lega, Science 289, 2108 (2000)", {"mu": 0.01, "w": 1.0},
     (11025.3686 % (2 * math.pi), 6055.32273 % (2 * math.pi), 0.10469507, 0.0892929984), arnold_web_f,
     arnold_web_j, dt=0.5, transient=0.0, spectrum_time=50000.0, spectrum_dt=0.05,
     components=("x1", "x2", "p1", "p2"), dysts_name="ArnoldWeb")


# --------------------------------------------------------------------------- space plasma


# The switch steepness d1 is fixed: tanh(2200 (I - 1)) is exactly -1 in floating point a few hundredths away
# from I = 1, so as a parameter it would have no effect on most of the orbit.
_WINDMI_D1 = 2200.0


def windmi_reduced_f(t, y, p, out):
    a1, b1, b2, b3, vsw = p[0], p[1], p[2], p[3], p[4]
    d1 = _WINDMI_D1
    P = y[2]
    out[0] = a1 * (vsw - y[1])
    out[1] = b1 * y[0] - b2 * P / 2.0 - b3 * y[1]      # dysts' form (the paper: b2 sqrt(P))
    out[2] = vsw * vsw - P * P ** 0.25 * math.sqrt(vsw) * (1.0 + math.tanh(d1 * (y[0] - 1.0))) / 2.0


def windmi_reduced_j(t, y, p, J):
    a1, b1, b2, b3, vsw = p[0], p[1], p[2], p[3], p[4]
    d1 = _WINDMI_D1
    P = y[2]
    th = math.tanh(d1 * (y[0] - 1.0))
    sw = math.sqrt(vsw)
    J[0, 0] = 0.0
    J[0, 1] = -a1
    J[0, 2] = 0.0
    J[1, 0] = b1
    J[1, 1] = -b3
    J[1, 2] = -b2 / 2.0
    J[2, 0] = -P * P ** 0.25 * sw * d1 * (1.0 - th * th) / 2.0
    J[2, 1] = 0.0
    J[2, 2] = -1.25 * P ** 0.25 * sw * (1.0 + th) / 2.0


_sys("windmi_reduced", "Reduced three-dimensional WINDMI model of solar-wind energy loading and unloading in the "
     "magnetotail (current I, voltage V, plasma pressure P), in dysts' form: the pressure enters dV/dt as "
     "b2 P / 2 where the paper has b2 sqrt(P); with sqrt(P) these parameters give no chaos",
     "dI/dt = a1 (vsw - V)\ndV/dt = b1 I - b2 P / 2 - b3 V\n"
     "dP/dt = vsw^2 - P^(5/4) sqrt(vsw) (1 + tanh(d1 (I - 1))) / 2,  d1 = 2200 (fixed)",
     "Horton, Weigel & Sprott, Phys. Plasmas 8, 2946 (2001); Smith, Thiffeault & Horton, J. Geophys. Res. "
     "105, 12983 (2000)",
     {"a1": 0.247, "b1": 10.8, "b2": 0.0752, "b3": 1.06, "vsw": 5.0}, (0.93, 6.27, 42.0),
     windmi_reduced_f, windmi_reduced_j, dt=0.1, transient=200.0, spectrum_time=5000.0, spectrum_dt=0.001,
     components=("I", "V", "P"), dysts_name="WindmiReduced")


# --------------------------------------------------------------------------- Lagrangian tracers in model flows


def bickley_jet_f(t, y, p, out):
    ell, U = p[0], p[1]
    sech = 1.0 / math.cosh(y[1] / ell)
    S = sech * sech
    T = math.tanh(y[1] / ell)
    C = 0.0
    Sn = 0.0
    for n in range(3):
        eps, k, c = p[2 + n], p[5 + n], p[8 + n]
        phase = k * (y[0] - c * t)
        C += eps * math.cos(phase)
        Sn += eps * k * math.sin(phase)
    out[0] = U * S * (1.0 + 2.0 * T * C)
    out[1] = -U * ell * S * Sn


def bickley_jet_j(t, y, p, J):
    ell, U = p[0], p[1]
    sech = 1.0 / math.cosh(y[1] / ell)
    S = sech * sech
    T = math.tanh(y[1] / ell)
    C = 0.0
    Sn = 0.0
    Snx = 0.0
    for n in range(3):
        eps, k, c = p[2 + n], p[5 + n], p[8 + n]
        phase = k * (y[0] - c * t)
        C += eps * math.cos(phase)
        Sn += eps * k * math.sin(phase)
        Snx += eps * k * k * math.cos(phase)
    dS = -2.0 * S * T / ell                      # d sech^2(y/L) / dy
    J[0, 0] = -2.0 * U * S * T * Sn
    J[0, 1] = U * (dS * (1.0 + 2.0 * T * C) + 2.0 * S * S * C / ell)
    J[1, 0] = -U * ell * S * Snx
    J[1, 1] = 2.0 * U * S * T * Sn


_sys("bickley_jet", "Bickley jet: a zonal jet between travelling Rossby waves, a model of stratospheric "
     "polar-vortex mixing (area-preserving, non-autonomous; x, y in Mm, t in seconds)",
     "psi = -U L tanh(y/L) + U L sech^2(y/L) sum_n eps_n cos(k_n (x - c_n t)),  n = 1..3\n"
     "dx/dt = -dpsi/dy = U sech^2(y/L) (1 + 2 tanh(y/L) sum_n eps_n cos(k_n (x - c_n t)))\n"
     "dy/dt = dpsi/dx = -U L sech^2(y/L) sum_n eps_n k_n sin(k_n (x - c_n t))",
     "Rypina et al., J. Atmos. Sci. 64, 3595 (2007); del-Castillo-Negrete & Morrison, Phys. Fluids A 5, "
     "948 (1993); parameters of Hadjighasem et al., Phys. Rev. E 93, 063107 (2016)",
     {"ell": 1.77, "U": 6.266e-05, "eps1": 0.0075, "eps2": 0.15, "eps3": 0.3, "k1": 0.313922, "k2": 0.627845,
      "k3": 0.941767, "c1": 9.05854e-06, "c2": 1.28453e-05, "c3": 2.88863e-05}, (5.0, 2.5),
     bickley_jet_f, bickley_jet_j, dt=5000.0, transient=0.0, spectrum_time=2e8, spectrum_dt=500.0,
     components=("x", "y"), dysts_name="BickleyJet")


def blinking_rotlet_f(t, y, p, out):
    a, b0, bc, sigma, tau = p[0], p[1], p[2], p[3], p[4]
    r, th = y[0], y[1]
    c, s = math.cos(th), math.sin(th)
    A = a * a
    w = 0.5 + 0.5 * math.tanh(tau * 20.0 * math.sin(2.0 * math.pi * t / tau))
    vr_sum = 0.0
    vth_sum = 0.0
    for side in range(2):
        b = b0 if side == 0 else -b0
        weight = w if side == 0 else 1.0 - w
        kappa = A + b * b * r * r / A - 2.0 * b * r * c
        gamma = (1.0 - r * r / A) * (A - b * b * r * r / A)
        iota = b * b * r / A - b * c
        zeta = b * b + r * r - 2.0 * b * r * c
        nu = A + b * b - 2.0 * b * b * r * r / A
        vr = b * s * (-bc * gamma / (kappa * kappa) - 1.0 / kappa + 1.0 / zeta)
        vth = (bc * gamma * iota / (kappa * kappa) + bc * r * nu / (A * kappa) + iota / kappa
               - (r - b * c) / zeta)
        vr_sum += weight * vr
        vth_sum += weight * vth
    out[0] = sigma * vr_sum
    out[1] = sigma * vth_sum / r


def blinking_rotlet_j(t, y, p, J):
    a, b0, bc, sigma, tau = p[0], p[1], p[2], p[3], p[4]
    r, th = y[0], y[1]
    c, s = math.cos(th), math.sin(th)
    A = a * a
    w = 0.5 + 0.5 * math.tanh(tau * 20.0 * math.sin(2.0 * math.pi * t / tau))
    vth_sum = 0.0
    j00 = 0.0
    j01 = 0.0
    j10 = 0.0
    j11 = 0.0
    for side in range(2):
        b = b0 if side == 0 else -b0
        weight = w if side == 0 else 1.0 - w
        kappa = A + b * b * r * r / A - 2.0 * b * r * c
        k_r = 2.0 * b * b * r / A - 2.0 * b * c
        k_t = 2.0 * b * r * s
        gamma = (1.0 - r * r / A) * (A - b * b * r * r / A)
        g_r = (-2.0 * r / A) * (A - b * b * r * r / A) + (1.0 - r * r / A) * (-2.0 * b * b * r / A)
        iota = b * b * r / A - b * c
        i_r = b * b / A
        i_t = b * s
        zeta = b * b + r * r - 2.0 * b * r * c
        z_r = 2.0 * r - 2.0 * b * c
        z_t = 2.0 * b * r * s
        nu = A + b * b - 2.0 * b * b * r * r / A
        n_r = -4.0 * b * b * r / A
        k2 = kappa * kappa
        k3 = k2 * kappa
        z2 = zeta * zeta
        G = -bc * gamma / k2 - 1.0 / kappa + 1.0 / zeta
        G_r = -bc * (g_r / k2 - 2.0 * gamma * k_r / k3) + k_r / k2 - z_r / z2
        G_t = 2.0 * bc * gamma * k_t / k3 + k_t / k2 - z_t / z2
        vth = bc * gamma * iota / k2 + bc * r * nu / (A * kappa) + iota / kappa - (r - b * c) / zeta
        vth_r = (bc * ((g_r * iota + gamma * i_r) / k2 - 2.0 * gamma * iota * k_r / k3)
                 + bc * ((nu + r * n_r) / (A * kappa) - r * nu * k_r / (A * k2))
                 + i_r / kappa - iota * k_r / k2 - (1.0 / zeta - (r - b * c) * z_r / z2))
        vth_t = (bc * (gamma * i_t / k2 - 2.0 * gamma * iota * k_t / k3) - bc * r * nu * k_t / (A * k2)
                 + i_t / kappa - iota * k_t / k2 - (b * s / zeta - (r - b * c) * z_t / z2))
        j00 += weight * b * s * G_r
        j01 += weight * (b * c * G + b * s * G_t)
        j10 += weight * vth_r
        j11 += weight * vth_t
        vth_sum += weight * vth
    J[0, 0] = sigma * j00
    J[0, 1] = sigma * j01
    J[1, 0] = sigma * j10 / r - sigma * vth_sum / (r * r)
    J[1, 1] = sigma * j11 / r


_BLINKING_EQUATIONS = (
    "polar coordinates (r, th) in a disc of radius a; stirrers at +b and -b alternate with the smoothed\n"
    "protocol w(t) = (1 + tanh(20 tau sin(2 pi t / tau))) / 2:\n"
    "dr/dt = sigma (w v_r(r, th; b) + (1 - w) v_r(r, th; -b))\n"
    "dth/dt = sigma (w v_th(r, th; b) + (1 - w) v_th(r, th; -b)) / r\n"
    "kappa = a^2 + b^2 r^2 / a^2 - 2 b r cos th,  zeta = b^2 + r^2 - 2 b r cos th\n"
    "gamma = (1 - r^2 / a^2)(a^2 - b^2 r^2 / a^2),  iota = b^2 r / a^2 - b cos th,  nu = a^2 + b^2 - 2 b^2 r^2 / a^2\n"
    "v_r = b sin th (-bc gamma / kappa^2 - 1 / kappa + 1 / zeta)\n"
    "v_th = bc gamma iota / kappa^2 + bc r nu / (a^2 kappa) + iota / kappa - (r - b cos th) / zeta")

_sys("blinking_rotlet", "Blinking rotlet: Stokes flow in a circular container stirred by two alternating rotlets "
     "(chaotic advection; non-autonomous)", _BLINKING_EQUATIONS,
     "Meleshko & Aref, Phys. Fluids 8, 3215 (1996)",
     {"a": 1.0, "b": 0.5298833894399929, "bc": 1.0, "sigma": -1.0, "tau": 3.0}, (0.3, 0.5),
     blinking_rotlet_f, blinking_rotlet_j, dt=0.05, transient=0.0, spectrum_time=5000.0, spectrum_dt=0.002,
     components=("r", "theta"), dysts_name="BlinkingRotlet")

_sys("blinking_vortex", "Aref's blinking vortex: two point vortices in a disc switched on in turn (the rotlet "
     "flow without the no-slip terms, bc = 0; chaotic advection; non-autonomous)", _BLINKING_EQUATIONS,
     "Aref, J. Fluid Mech. 143, 1 (1984)", {"a": 1.0, "b": 0.5, "bc": 0.0, "sigma": -1.0, "tau": 3.0},
     (0.3, 0.5), blinking_rotlet_f, blinking_rotlet_j, dt=0.05, transient=0.0, spectrum_time=5000.0,
     spectrum_dt=0.002, components=("r", "theta"), dysts_name="BlinkingVortex")


def lid_driven_cavity_f(t, y, p, out):
    a, b, tau, u1, u2 = p[0], p[1], p[2], p[3], p[4]
    pi = math.pi
    q = pi / a
    w = 0.5 + 0.5 * math.tanh(tau * 20.0 * math.sin(2.0 * pi * t / tau))
    u1 = (2.0 * w - 1.0) * u1          # w F(u1, u2) + (1 - w) F(-u1, u2): the field is linear in u1
    d1 = 2.0 * b * pi + a * math.sinh(2.0 * pi * b / a)
    d2 = 4.0 * b * pi + a * math.sinh(4.0 * pi * b / a)
    X, Y = y[0], y[1]
    vx1 = -b * pi * math.sinh(q * b) * math.sinh(q * Y) + math.cosh(q * b) * (
        pi * Y * math.cosh(q * Y) + a * math.sinh(q * Y))
    vx2 = -2.0 * b * pi * math.sinh(2.0 * q * b) * math.sinh(2.0 * q * Y) + math.cosh(2.0 * q * b) * (
        2.0 * pi * Y * math.cosh(2.0 * q * Y) + a * math.sinh(2.0 * q * Y))
    vy1 = b * math.sinh(q * b) * math.cosh(q * Y) - math.cosh(q * b) * Y * math.sinh(q * Y)
    vy2 = b * math.sinh(2.0 * q * b) * math.cosh(2.0 * q * Y) - math.cosh(2.0 * q * b) * Y * math.sinh(2.0 * q * Y)
    out[0] = 2.0 * u1 * math.sin(q * X) / d1 * vx1 + 2.0 * u2 * math.sin(2.0 * q * X) / d2 * vx2
    out[1] = 2.0 * pi * u1 * math.cos(q * X) / d1 * vy1 + 4.0 * pi * u2 * math.cos(2.0 * q * X) / d2 * vy2


def lid_driven_cavity_j(t, y, p, J):
    a, b, tau, u1, u2 = p[0], p[1], p[2], p[3], p[4]
    pi = math.pi
    q = pi / a
    w = 0.5 + 0.5 * math.tanh(tau * 20.0 * math.sin(2.0 * pi * t / tau))
    u1 = (2.0 * w - 1.0) * u1
    d1 = 2.0 * b * pi + a * math.sinh(2.0 * pi * b / a)
    d2 = 4.0 * b * pi + a * math.sinh(4.0 * pi * b / a)
    X, Y = y[0], y[1]
    sb1, cb1 = math.sinh(q * b), math.cosh(q * b)
    sb2, cb2 = math.sinh(2.0 * q * b), math.cosh(2.0 * q * b)
    sy1, cy1 = math.sinh(q * Y), math.cosh(q * Y)
    sy2, cy2 = math.sinh(2.0 * q * Y), math.cosh(2.0 * q * Y)
    vx1 = -b * pi * sb1 * sy1 + cb1 * (pi * Y * cy1 + a * sy1)
    vx2 = -2.0 * b * pi * sb2 * sy2 + cb2 * (2.0 * pi * Y * cy2 + a * sy2)
    vy1 = b * sb1 * cy1 - cb1 * Y * sy1
    vy2 = b * sb2 * cy2 - cb2 * Y * sy2
    vx1_y = -b * pi * q * sb1 * cy1 + cb1 * (2.0 * pi * cy1 + pi * q * Y * sy1)
    vx2_y = -4.0 * b * pi * q * sb2 * cy2 + cb2 * (4.0 * pi * cy2 + 4.0 * pi * q * Y * sy2)
    vy1_y = b * q * sb1 * sy1 - cb1 * (sy1 + q * Y * cy1)
    vy2_y = 2.0 * b * q * sb2 * sy2 - cb2 * (sy2 + 2.0 * q * Y * cy2)
    J[0, 0] = 2.0 * u1 * q * math.cos(q * X) / d1 * vx1 + 4.0 * u2 * q * math.cos(2.0 * q * X) / d2 * vx2
    J[0, 1] = 2.0 * u1 * math.sin(q * X) / d1 * vx1_y + 2.0 * u2 * math.sin(2.0 * q * X) / d2 * vx2_y
    J[1, 0] = (-2.0 * pi * u1 * q * math.sin(q * X) / d1 * vy1
               - 8.0 * pi * u2 * q * math.sin(2.0 * q * X) / d2 * vy2)
    J[1, 1] = 2.0 * pi * u1 * math.cos(q * X) / d1 * vy1_y + 4.0 * pi * u2 * math.cos(2.0 * q * X) / d2 * vy2_y


_sys("lid_driven_cavity", "Stokes flow in a rectangular cavity [0, a] x [-b, b] whose two lids move in turn "
     "(two Fourier modes; chaotic advection, non-autonomous)",
     "w(t) = (1 + tanh(20 tau sin(2 pi t / tau))) / 2,  U1 = (2 w - 1) u1,  q = pi / a\n"
     "D1 = 2 b pi + a sinh(2 pi b / a),  D2 = 4 b pi + a sinh(4 pi b / a)\n"
     "dx/dt = 2 U1 sin(q x) / D1 [-b pi sinh(q b) sinh(q y) + cosh(q b)(pi y cosh(q y) + a sinh(q y))]\n"
     "      + 2 u2 sin(2 q x) / D2 [-2 b pi sinh(2 q b) sinh(2 q y)\n"
     "                               + cosh(2 q b)(2 pi y cosh(2 q y) + a sinh(2 q y))]\n"
     "dy/dt = 2 pi U1 cos(q x) / D1 [b sinh(q b) cosh(q y) - cosh(q b) y sinh(q y)]\n"
     "      + 4 pi u2 cos(2 q x) / D2 [b sinh(2 q b) cosh(2 q y) - cosh(2 q b) y sinh(2 q y)]",
     "Grover, Ross, Stremler & Kumar, Chaos 22, 043135 (2012); the Stokes modes of Meleshko, "
     "Proc. R. Soc. A 452, 1999 (1996)",
     {"a": 6.0, "b": 1.0, "tau": 1.1, "u1": 9.92786, "u2": 8.34932}, (3.97, 0.18), lid_driven_cavity_f,
     lid_driven_cavity_j, dt=0.02, transient=0.0, spectrum_time=2000.0, spectrum_dt=0.001,
     components=("x", "y"), dysts_name="LidDrivenCavityFlow")


# The second set of surface modes (g_n = 0.5, dysts' values) is fixed: the smoothed switch is a square wave in
# floating point, so g_n would have no effect at all during the half-periods when the first set drives.
_SQUIRMER_G = 0.5


def interior_squirmer_f(t, y, p, out):
    tau = p[5]
    r, th = y[0], y[1]
    w = 0.5 + 0.5 * math.tanh(tau * 20.0 * math.sin(2.0 * math.pi * t / tau))
    vr = 0.0
    vth = 0.0
    for n in range(1, 6):
        A = p[n - 1] * w
        G = _SQUIRMER_G * (1.0 - w)
        c, s = math.cos(n * th), math.sin(n * th)
        vr += n * r ** float(n - 1) * (r * r - 1.0) * (G * c + A * s)
        vth += (2.0 * r ** float(n) + n * (r * r - 1.0) * r ** float(n - 2)) * (A * c - G * s)
    out[0] = vr
    out[1] = vth


def interior_squirmer_j(t, y, p, J):
    tau = p[5]
    r, th = y[0], y[1]
    w = 0.5 + 0.5 * math.tanh(tau * 20.0 * math.sin(2.0 * math.pi * t / tau))
    j00 = 0.0
    j01 = 0.0
    j10 = 0.0
    j11 = 0.0
    for n in range(1, 6):
        A = p[n - 1] * w
        G = _SQUIRMER_G * (1.0 - w)
        c, s = math.cos(n * th), math.sin(n * th)
        even = G * c + A * s
        odd = A * c - G * s
        j00 += n * ((n - 1) * r ** float(n - 2) * (r * r - 1.0) + 2.0 * r ** float(n)) * even
        j01 += n * n * r ** float(n - 1) * (r * r - 1.0) * odd
        j10 += (4.0 * n * r ** float(n - 1) + n * (n - 2) * (r * r - 1.0) * r ** float(n - 3)) * odd
        j11 -= n * (2.0 * r ** float(n) + n * (r * r - 1.0) * r ** float(n - 2)) * even
    J[0, 0] = j00
    J[0, 1] = j01
    J[1, 0] = j10
    J[1, 1] = j11


_sys("interior_squirmer", "Stokes flow inside a cylinder driven by tangential surface modes that switch between "
     "two sets (a squirmer seen from inside; chaotic advection in polar coordinates, non-autonomous)",
     "w(t) = (1 + tanh(20 tau sin(2 pi t / tau))) / 2,  A_n = a_n w,  G_n = g (1 - w),  n = 1..5, g = 0.5 fixed\n"
     "dr/dt = sum_n n r^(n-1) (r^2 - 1) (G_n cos n th + A_n sin n th)\n"
     "dth/dt = sum_n (2 r^n + n (r^2 - 1) r^(n-2)) (A_n cos n th - G_n sin n th)",
     "Blake, Bull. Aust. Math. Soc. 5, 255 (1971); as in dysts (Gilpin 2021)",
     {"a1": 0.5, "a2": 0.5, "a3": 0.5, "a4": 0.5, "a5": 0.5, "tau": 3.0}, (0.5, 0.1), interior_squirmer_f,
     interior_squirmer_j, dt=0.05, transient=0.0, spectrum_time=5000.0, spectrum_dt=0.002,
     components=("r", "theta"), dysts_name="InteriorSquirmer")
