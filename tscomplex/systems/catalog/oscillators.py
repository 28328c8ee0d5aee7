"""Driven oscillators (Duffing, Ueda, van der Pol), the Hindmarsh-Rose neuron, the double pendulum, Lorenz-96.

Every ``f(t, y, p, out)`` writes dy/dt into ``out`` and every ``j(t, y, p, J)``
writes df/dy; ``p`` holds the parameters in the order of the system's
``params`` dict. Reference exponents are those collected in docs/references.md.
"""

from __future__ import annotations

import math

from ..registry import Reference
from ._flow import SPROTT_2003, _sys


# --------------------------------------------------------------------------- driven oscillators (non-autonomous)


def duffing_f(t, y, p, out):
    delta, alpha, beta, gamma, omega = p[0], p[1], p[2], p[3], p[4]
    out[0] = y[1]
    out[1] = -delta * y[1] - alpha * y[0] - beta * y[0] ** 3 + gamma * math.cos(omega * t)


def duffing_j(t, y, p, J):
    J[0, 0] = 0.0
    J[0, 1] = 1.0
    J[1, 0] = -p[1] - 3.0 * p[2] * y[0] * y[0]
    J[1, 1] = -p[0]


_sys("duffing", "Forced Duffing oscillator (two-well)", "dx/dt = v\ndv/dt = -delta v - alpha x - beta x^3 "
     "+ gamma cos(omega t)", "Duffing (1918); Guckenheimer & Holmes, Nonlinear Oscillations (1983), sec. 2.2",
     {"delta": 0.3, "alpha": -1.0, "beta": 1.0, "gamma": 0.5, "omega": 1.2}, (1.0, 0.0), duffing_f, duffing_j,
     dt=0.05, transient=100.0, components=("x", "v"), dysts_name="Duffing")


def ueda_f(t, y, p, out):
    out[0] = y[1]
    out[1] = -p[0] * y[1] - y[0] ** 3 + p[1] * math.sin(p[2] * t)


def ueda_j(t, y, p, J):
    J[0, 0] = 0.0
    J[0, 1] = 1.0
    J[1, 0] = -3.0 * y[0] * y[0]
    J[1, 1] = -p[0]


_sys("ueda", "Ueda's forced oscillator (Japanese attractor)", "dx/dt = v\ndv/dt = -k v - x^3 + B sin(omega t)",
     "Ueda, J. Stat. Phys. 20, 181 (1979)", {"k": 0.05, "B": 7.5, "omega": 1.0}, (2.5, 0.0), ueda_f, ueda_j,
     dt=0.05, transient=100.0, components=("x", "v"), spectrum_time=50000.0,
     references=(Reference((0.1034, -0.1534), SPROTT_2003,
                           note="the zero exponent of the driving phase is not part of the 2-D state"),))


def vdp_f(t, y, p, out):
    mu, A, omega = p[0], p[1], p[2]
    out[0] = y[1]
    out[1] = mu * (1.0 - y[0] * y[0]) * y[1] - y[0] + A * math.sin(omega * t)


def vdp_j(t, y, p, J):
    mu = p[0]
    J[0, 0] = 0.0
    J[0, 1] = 1.0
    J[1, 0] = -2.0 * mu * y[0] * y[1] - 1.0
    J[1, 1] = mu * (1.0 - y[0] * y[0])


_sys("van_der_pol", "Forced van der Pol oscillator (chaotic parameters of Parlitz & Lauterborn)", "dx/dt = v\ndv/dt = mu (1 - x^2) v - x + A sin(omega t)",
     "van der Pol & van der Mark, Nature 120, 363 (1927); Parlitz & Lauterborn, Phys. Rev. A 36, 1428 (1987)",
     {"mu": 5.0, "A": 5.0, "omega": 2.466}, (1.0, 0.0), vdp_f, vdp_j, dt=0.05, transient=100.0,
     components=("x", "v"), dysts_name="ForcedVanDerPol")


# --------------------------------------------------------------------------- neurons, pendulum, Lorenz-96


def hindmarsh_rose_f(t, y, p, out):
    a, b, c, d, r, s, xr, current = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]
    x = y[0]
    out[0] = y[1] - a * x * x * x + b * x * x - y[2] + current
    out[1] = c - d * x * x - y[1]
    out[2] = r * (s * (x - xr) - y[2])


def hindmarsh_rose_j(t, y, p, J):
    a, b, d, r, s = p[0], p[1], p[3], p[4], p[5]
    x = y[0]
    J[0, 0] = -3.0 * a * x * x + 2.0 * b * x
    J[0, 1] = 1.0
    J[0, 2] = -1.0
    J[1, 0] = -2.0 * d * x
    J[1, 1] = -1.0
    J[1, 2] = 0.0
    J[2, 0] = r * s
    J[2, 1] = 0.0
    J[2, 2] = -r


_sys("hindmarsh_rose", "Hindmarsh-Rose neuron, chaotic bursting",
     "dx/dt = y - a x^3 + b x^2 - z + I\ndy/dt = c - d x^2 - y\ndz/dt = r (s (x - x_R) - z)",
     "Hindmarsh & Rose, Proc. R. Soc. B 221, 87 (1984)",
     {"a": 1.0, "b": 3.0, "c": 1.0, "d": 5.0, "r": 0.006, "s": 4.0, "x_R": -1.6, "I": 3.25},
     (-1.0, -8.0, 3.0), hindmarsh_rose_f, hindmarsh_rose_j, dt=0.05, transient=500.0)


def hindmarsh_rose_rescaled_f(t, y, p, out):
    a, b, c, d, s, tx, tz = p[0], p[1], p[2], p[3], p[4], p[5], p[6]
    x = y[0]
    out[0] = -x + (y[1] - a * x * x * x + b * x * x + y[2]) / tx
    out[1] = -a * x * x * x - (d - b) * x * x + y[2]
    out[2] = (-s * x - y[2] + c) / tz


def hindmarsh_rose_rescaled_j(t, y, p, J):
    a, b, d, s, tx, tz = p[0], p[1], p[3], p[4], p[5], p[6]
    x = y[0]
    J[0, 0] = -1.0 + (-3.0 * a * x * x + 2.0 * b * x) / tx
    J[0, 1] = 1.0 / tx
    J[0, 2] = 1.0 / tx
    J[1, 0] = -3.0 * a * x * x - 2.0 * (d - b) * x
    J[1, 1] = 0.0
    J[1, 2] = 1.0
    J[2, 0] = -s / tz
    J[2, 1] = 0.0
    J[2, 2] = -1.0 / tz


_sys("hindmarsh_rose_rescaled", "Hindmarsh-Rose neuron in the fast-slow form with time constants tx, tz used by "
     "dysts (not the 1984 form of `hindmarsh_rose`)",
     "dx/dt = -x + (y - a x^3 + b x^2 + z) / tx\ndy/dt = -a x^3 - (d - b) x^2 + z\ndz/dt = (-s x - z + c) / tz",
     "Hindmarsh & Rose, Proc. R. Soc. B 221, 87 (1984); this form as in dysts, which cites Marhl & Perc, "
     "Chaos Solitons Fractals (2005)",
     {"a": 0.49, "b": 1.0, "c": 0.0322, "d": 1.0, "s": 1.0, "tx": 0.03, "tz": 0.8}, (0.031, -0.022, 0.041),
     hindmarsh_rose_rescaled_f, hindmarsh_rose_rescaled_j, dt=0.02, transient=50.0, spectrum_dt=0.001,
     dysts_name="HindmarshRose")


def double_pendulum_f(t, y, p, out):
    g = p[0] / p[1]
    th1, th2, w1, w2 = y[0], y[1], y[2], y[3]
    delta = th1 - th2
    s, c = math.sin(delta), math.cos(delta)
    den = 2.0 - c * c
    out[0] = w1
    out[1] = w2
    out[2] = (-w1 * w1 * s * c + g * math.sin(th2) * c - w2 * w2 * s - 2.0 * g * math.sin(th1)) / den
    out[3] = (w2 * w2 * s * c + 2.0 * g * math.sin(th1) * c + 2.0 * w1 * w1 * s - 2.0 * g * math.sin(th2)) / den


def double_pendulum_j(t, y, p, J):
    g = p[0] / p[1]
    th1, th2, w1, w2 = y[0], y[1], y[2], y[3]
    delta = th1 - th2
    s, c = math.sin(delta), math.cos(delta)
    den = 2.0 - c * c
    dden = 2.0 * s * c              # d den / d delta
    n1 = -w1 * w1 * s * c + g * math.sin(th2) * c - w2 * w2 * s - 2.0 * g * math.sin(th1)
    n2 = w2 * w2 * s * c + 2.0 * g * math.sin(th1) * c + 2.0 * w1 * w1 * s - 2.0 * g * math.sin(th2)
    dn1 = -w1 * w1 * (c * c - s * s) - g * math.sin(th2) * s - w2 * w2 * c    # d n1 / d delta
    dn2 = w2 * w2 * (c * c - s * s) - 2.0 * g * math.sin(th1) * s + 2.0 * w1 * w1 * c
    J[:, :] = 0.0
    J[0, 2] = 1.0
    J[1, 3] = 1.0
    d1 = (dn1 * den - n1 * dden) / (den * den)   # d(n1/den)/d delta at fixed explicit angles
    d2 = (dn2 * den - n2 * dden) / (den * den)
    J[2, 0] = d1 - 2.0 * g * math.cos(th1) / den
    J[2, 1] = -d1 + g * math.cos(th2) * c / den
    J[2, 2] = -2.0 * w1 * s * c / den
    J[2, 3] = -2.0 * w2 * s / den
    J[3, 0] = d2 + 2.0 * g * math.cos(th1) * c / den
    J[3, 1] = -d2 - 2.0 * g * math.cos(th2) / den
    J[3, 2] = 4.0 * w1 * s / den
    J[3, 3] = 2.0 * w2 * s * c / den


_sys("double_pendulum", "Double pendulum, equal masses and lengths (angles from the downward vertical); "
     "conservative, integrated as a flow: the spectrum uses RK4 at dt = 0.002, which keeps the energy to 1e-4 (relative) over "
     "2*10^4 time units (at 0.01 it falls from -3.05 to -3.80, and the exponent with it)",
     "delta = theta1 - theta2, D = 2 - cos^2 delta, G = g / l\n"
     "dtheta1/dt = w1, dtheta2/dt = w2\n"
     "dw1/dt = (-w1^2 sin delta cos delta + G sin theta2 cos delta - w2^2 sin delta - 2 G sin theta1) / D\n"
     "dw2/dt = (w2^2 sin delta cos delta + 2 G sin theta1 cos delta + 2 w1^2 sin delta - 2 G sin theta2) / D",
     "Shinbrot, Grebogi, Wisdom & Yorke, Am. J. Phys. 60, 491 (1992)", {"g": 9.81, "l": 1.0},
     (1.4, 1.6, 0.0, 0.0), double_pendulum_f, double_pendulum_j, dt=0.01, transient=10.0,
     spectrum_dt=0.002, components=("theta1", "theta2", "omega1", "omega2"), dysts_name="DoublePendulum")


def lorenz96_f(t, y, p, out):
    n = y.size
    forcing = p[1]
    for i in range(n):
        out[i] = (y[(i + 1) % n] - y[(i - 2) % n]) * y[(i - 1) % n] - y[i] + forcing


def lorenz96_j(t, y, p, J):
    n = y.size
    J[:, :] = 0.0
    for i in range(n):
        J[i, (i + 1) % n] += y[(i - 1) % n]
        J[i, (i - 2) % n] -= y[(i - 1) % n]
        J[i, (i - 1) % n] += y[(i + 1) % n] - y[(i - 2) % n]
        J[i, i] -= 1.0


def _lorenz96_components(params):
    return [f"x{i + 1}" for i in range(int(params["N"]))]


def _lorenz96_ic(params):
    n = int(params["N"])
    ic = [float(params["F"])] * n
    ic[0] += 0.01
    return ic


_sys("lorenz96", "Lorenz-96 ring of N sites with forcing F (choose N with --param N=...)",
     "dx_i/dt = (x_{i+1} - x_{i-2}) x_{i-1} - x_i + F,  i = 1..N (cyclic)",
     "Lorenz, Proc. Seminar on Predictability (ECMWF 1996)", {"N": 10, "F": 8.0}, _lorenz96_ic,
     lorenz96_f, lorenz96_j, dt=0.02, transient=50.0, components=_lorenz96_components, int_params=("N",),
     check=lambda params: "N must be at least 4" if params["N"] < 4 else None,
     spectrum_time=2000.0, dysts_name="Lorenz96")
