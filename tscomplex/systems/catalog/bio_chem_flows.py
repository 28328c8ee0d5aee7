"""Flows from chemistry, biology, ecology and neuroscience: reactions, oscillating cells, populations and neurons.

Every ``f(t, y, p, out)`` writes dy/dt into ``out`` and every ``j(t, y, p, J)`` writes its
Jacobian; ``p`` holds the parameters in the order of the ``params`` dict. Equations and default
parameters are those of the dysts catalog (Gilpin, NeurIPS 2021), checked against the cited papers
where we could; each description says where they differ or where the default is not chaotic.
"""

from __future__ import annotations

import math

import numpy as np

from ._flow import _sys

# --------------------------------------------------------------------------- ecology


def hastings_powell_f(t, y, p, out):
    a1, a2, b1, b2, d1, d2 = p[0], p[1], p[2], p[3], p[4], p[5]
    x, v, z = y[0], y[1], y[2]
    f1 = a1 * x / (1.0 + b1 * x)
    f2 = a2 * v / (1.0 + b2 * v)
    out[0] = x * (1.0 - x) - v * f1
    out[1] = v * f1 - z * f2 - d1 * v
    out[2] = z * f2 - d2 * z


def hastings_powell_j(t, y, p, J):
    a1, a2, b1, b2, d1, d2 = p[0], p[1], p[2], p[3], p[4], p[5]
    x, v, z = y[0], y[1], y[2]
    f1 = a1 * x / (1.0 + b1 * x)
    f2 = a2 * v / (1.0 + b2 * v)
    g1 = a1 / ((1.0 + b1 * x) ** 2)   # df1/dx
    g2 = a2 / ((1.0 + b2 * v) ** 2)   # df2/dv
    J[0, 0] = 1.0 - 2.0 * x - v * g1
    J[0, 1] = -f1
    J[0, 2] = 0.0
    J[1, 0] = v * g1
    J[1, 1] = f1 - z * g2 - d1
    J[1, 2] = -f2
    J[2, 0] = 0.0
    J[2, 1] = z * g2
    J[2, 2] = f2 - d2


_sys("hastings_powell", "Hastings-Powell three-species food chain (the 'teacup' attractor)",
     "f1 = a1 x / (1 + b1 x), f2 = a2 y / (1 + b2 y)\ndx/dt = x (1 - x) - f1 y\n"
     "dy/dt = f1 y - f2 z - d1 y\ndz/dt = f2 z - d2 z",
     "Hastings & Powell, Ecology 72, 896 (1991)",
     {"a1": 5.0, "a2": 0.1, "b1": 3.0, "b2": 2.0, "d1": 0.4, "d2": 0.01}, (0.73207001, 0.17549271, 9.9014657),
     hastings_powell_f, hastings_powell_j, dt=0.5, transient=2000.0, spectrum_dt=0.05, spectrum_time=100_000.0,
     dysts_name="HastingsPowell")


def itik_banks_f(t, y, p, out):
    a12, a13, a21, a31, d3, k3, r2, r3 = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]
    x, v, z = y[0], y[1], y[2]
    out[0] = x * (1.0 - x) - a12 * x * v - a13 * x * z
    out[1] = r2 * v * (1.0 - v) - a21 * x * v
    out[2] = r3 * x * z / (x + k3) - a31 * x * z - d3 * z


def itik_banks_j(t, y, p, J):
    a12, a13, a21, a31, d3, k3, r2, r3 = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]
    x, v, z = y[0], y[1], y[2]
    J[0, 0] = 1.0 - 2.0 * x - a12 * v - a13 * z
    J[0, 1] = -a12 * x
    J[0, 2] = -a13 * x
    J[1, 0] = -a21 * v
    J[1, 1] = r2 * (1.0 - 2.0 * v) - a21 * x
    J[1, 2] = 0.0
    J[2, 0] = r3 * z * k3 / ((x + k3) ** 2) - a31 * z
    J[2, 1] = 0.0
    J[2, 2] = r3 * x / (x + k3) - a31 * x - d3


_sys("itik_banks_tumor", "Itik-Banks model of tumour, healthy and immune (effector) cells",
     "dx/dt = x (1 - x) - a12 x y - a13 x z\ndy/dt = r2 y (1 - y) - a21 x y\n"
     "dz/dt = r3 x z / (x + k3) - a31 x z - d3 z",
     "Itik & Banks, Int. J. Bifurcation Chaos 20, 71 (2010)",
     {"a12": 1.0, "a13": 2.5, "a21": 1.5, "a31": 0.2, "d3": 0.5, "k3": 1.0, "r2": 0.6, "r3": 4.5},
     (0.051730215, 0.87071642, 0.015926427), itik_banks_f, itik_banks_j, dt=0.2, transient=500.0,
     spectrum_dt=0.02, spectrum_time=50_000.0, components=("tumour", "healthy", "effector"),
     dysts_name="ItikBanksTumor")


def salton_sea_f(t, y, p, out):
    a, d, k, lam, m, mu, r, th = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]
    x, v, z = y[0], y[1], y[2]
    out[0] = r * x * (1.0 - (x + v) / k) - lam * x * v
    out[1] = lam * x * v - m * v * z / (v + a) - mu * v
    out[2] = th * v * z / (v + a) - d * z


def salton_sea_j(t, y, p, J):
    a, d, k, lam, m, mu, r, th = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]
    x, v, z = y[0], y[1], y[2]
    q = (v + a) * (v + a)
    J[0, 0] = r * (1.0 - (x + v) / k) - r * x / k - lam * v
    J[0, 1] = -r * x / k - lam * x
    J[0, 2] = 0.0
    J[1, 0] = lam * v
    J[1, 1] = lam * x - m * z * a / q - mu
    J[1, 2] = -m * v / (v + a)
    J[2, 0] = 0.0
    J[2, 1] = th * z * a / q
    J[2, 2] = th * v / (v + a) - d


_sys("salton_sea", "Eco-epidemiological model of the Salton Sea: susceptible fish, infected fish, pelicans",
     "dx/dt = r x (1 - (x + y) / k) - lam x y\ndy/dt = lam x y - m y z / (y + a) - mu y\n"
     "dz/dt = th y z / (y + a) - d z",
     "Upadhyay, Bairagi, Kundu & Chattopadhyay, Appl. Math. Comput. 196, 392 (2008)",
     {"a": 15.0, "d": 8.3, "k": 400.0, "lam": 0.06, "m": 15.5, "mu": 3.4, "r": 22.0, "th": 10.0},
     (231.92548, 89.511944, 56.753804), salton_sea_f, salton_sea_j, dt=0.005, transient=20.0,
     spectrum_dt=0.001, spectrum_time=1000.0, components=("susceptible", "infected", "predator"),
     dysts_name="SaltonSea")


def coevolving_f(t, y, p, out):
    a1, a2, a3, b1, b2, d1, d2, delta, k1, k2, k4, vv = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7],
                                                         p[8], p[9], p[10], p[11])
    x, v, al = y[0], y[1], y[2]
    u = al * (delta - 1.0)
    g = (-a3 * v / (1.0 + b2 * x) + a1 * al * (1.0 - k1 * x * u) / (1.0 + b1 * al)
         - d1 * (1.0 - k2 * al * al * (delta * delta - 1.0) + k4 * al ** 4 * (delta ** 4 - 1.0)))
    out[0] = x * g
    out[1] = (-d2 + a2 * x / (1.0 + b2 * x)) * v
    out[2] = vv * (-(a1 * k1 * x * al * delta) / (1.0 + b1 * al)
                   - d1 * (-2.0 * k2 * al * delta * delta + 4.0 * k4 * al ** 3 * delta ** 4))


def coevolving_j(t, y, p, J):
    a1, a2, a3, b1, b2, d1, d2, delta, k1, k2, k4, vv = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7],
                                                         p[8], p[9], p[10], p[11])
    x, v, al = y[0], y[1], y[2]
    u = al * (delta - 1.0)
    h = 1.0 + b1 * al
    w = 1.0 + b2 * x
    g = (-a3 * v / w + a1 * al * (1.0 - k1 * x * u) / h
         - d1 * (1.0 - k2 * al * al * (delta * delta - 1.0) + k4 * al ** 4 * (delta ** 4 - 1.0)))
    gx = a3 * v * b2 / (w * w) - a1 * al * k1 * u / h
    gv = -a3 / w
    n = al - k1 * x * (delta - 1.0) * al * al           # a1 n / h is the growth term
    dn = 1.0 - 2.0 * k1 * x * (delta - 1.0) * al
    ga = a1 * (dn * h - n * b1) / (h * h) - d1 * (-2.0 * k2 * al * (delta * delta - 1.0)
                                                  + 4.0 * k4 * al ** 3 * (delta ** 4 - 1.0))
    J[0, 0] = g + x * gx
    J[0, 1] = x * gv
    J[0, 2] = x * ga
    J[1, 0] = a2 * v / (w * w)
    J[1, 1] = -d2 + a2 * x / w
    J[1, 2] = 0.0
    J[2, 0] = -vv * a1 * k1 * al * delta / h
    J[2, 1] = 0.0
    J[2, 2] = vv * (-a1 * k1 * x * delta / (h * h) - d1 * (-2.0 * k2 * delta * delta + 12.0 * k4 * al * al * delta ** 4))


_sys("coevolving_predator_prey", "Predator and prey with a co-evolving prey trait alpha",
     "u = alpha (delta - 1)\ndx/dt = x [-a3 y / (1 + b2 x) + a1 alpha (1 - k1 x u) / (1 + b1 alpha)\n"
     "         - d1 (1 - k2 alpha^2 (delta^2 - 1) + k4 alpha^4 (delta^4 - 1))]\n"
     "dy/dt = y (-d2 + a2 x / (1 + b2 x))\n"
     "dalpha/dt = vv [-a1 k1 x alpha delta / (1 + b1 alpha) - d1 (-2 k2 alpha delta^2 + 4 k4 alpha^3 delta^4)]",
     "Gilpin & Feldman, PLoS Comput. Biol. 13, e1005644 (2017)",
     {"a1": 2.5, "a2": 0.05, "a3": 0.4, "b1": 6.0, "b2": 1.333, "d1": 0.16, "d2": 0.004, "delta": 1.0,
      "k1": 6.0, "k2": 9.0, "k4": 9.0, "vv": 0.33333}, (0.10946017, 0.46664421, 0.66580212),
     coevolving_f, coevolving_j, dt=0.5, transient=2000.0, spectrum_dt=0.05, spectrum_time=100_000.0,
     components=("prey", "predator", "alpha"), dysts_name="CoevolvingPredatorPrey")


# --------------------------------------------------------------------------- chemistry


def kawczynski_f(t, y, p, out):
    beta, gamma, kappa, mu = p[0], p[1], p[2], p[3]
    x, v, z = y[0], y[1], y[2]
    out[0] = gamma * (v - x ** 3 + 3.0 * mu * x)
    out[1] = -2.0 * mu * x - v - z + beta
    out[2] = kappa * (x - z)


def kawczynski_j(t, y, p, J):
    beta, gamma, kappa, mu = p[0], p[1], p[2], p[3]
    x = y[0]
    J[0, 0] = gamma * (3.0 * mu - 3.0 * x * x)
    J[0, 1] = gamma
    J[0, 2] = 0.0
    J[1, 0] = -2.0 * mu
    J[1, 1] = -1.0
    J[1, 2] = -1.0
    J[2, 0] = kappa
    J[2, 1] = 0.0
    J[2, 2] = -kappa


_sys("kawczynski_strizhak", "Kawczynski-Strizhak model of mixed-mode oscillations in the Belousov-Zhabotinsky "
     "reaction; not chaotic at these parameters (a mixed-mode limit cycle: exponents 0, -0.003, -0.35; "
     "periodic too for mu 2.0-2.2, beta -0.5 to -0.3)",
     "dx/dt = gamma (y - x^3 + 3 mu x)\ndy/dt = -2 mu x - y - z + beta\ndz/dt = kappa (x - z)",
     "Strizhak & Kawczynski, J. Phys. Chem. 99, 10830 (1995)",
     {"beta": -0.4, "gamma": 0.49, "kappa": 0.2, "mu": 2.1}, (-1.160501, 5.8636902, -1.2031947),
     kawczynski_f, kawczynski_j, dt=0.05, transient=500.0, spectrum_dt=0.01, spectrum_time=20_000.0,
     dysts_name="KawczynskiStrizhak")


def isothermal_f(t, y, p, out):
    delta, kappa, mu, sigma = p[0], p[1], p[2], p[3]
    a, b, g = y[0], y[1], y[2]
    out[0] = mu * (kappa + g) - a * b * b - a
    out[1] = (a * b * b + a - b) / sigma
    out[2] = (b - g) / delta


def isothermal_j(t, y, p, J):
    delta, kappa, mu, sigma = p[0], p[1], p[2], p[3]
    a, b = y[0], y[1]
    J[0, 0] = -b * b - 1.0
    J[0, 1] = -2.0 * a * b
    J[0, 2] = mu
    J[1, 0] = (b * b + 1.0) / sigma
    J[1, 1] = (2.0 * a * b - 1.0) / sigma
    J[1, 2] = 0.0
    J[2, 0] = 0.0
    J[2, 1] = 1.0 / delta
    J[2, 2] = -1.0 / delta


_sys("isothermal_chemical", "Isothermal autocatalytic reaction (cubic autocatalysis) with mixed-mode oscillations",
     "dalpha/dt = mu (kappa + gamma) - alpha beta^2 - alpha\ndbeta/dt = (alpha beta^2 + alpha - beta) / sigma\n"
     "dgamma/dt = (beta - gamma) / delta",
     "Petrov, Scott & Showalter, J. Chem. Phys. 97, 6191 (1992)",
     {"delta": 1.0, "kappa": 2.5, "mu": 0.29786, "sigma": 0.013}, (0.5141505602006595, 0.9984288208727641,
                                                                   1.0061777118724),
     isothermal_f, isothermal_j, dt=0.01, transient=100.0, spectrum_dt=0.001, spectrum_time=2000.0,
     components=("alpha", "beta", "gamma"), dysts_name="IsothermalChemical")


def glycolytic_f(t, y, p, out):
    d, k, l1, l2, nu, q1, q2, s1, s2 = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]
    a, b, c = y[0], y[1], y[2]
    A, B, C, E = 1.0 + a, 1.0 + b, 1.0 + c, 1.0 + d * b
    phi = a * A * B * B / (l1 + A * A * B * B)
    eta = b * E * C * C / (l2 + E * E * C * C)
    out[0] = nu - s1 * phi
    out[1] = q1 * s1 * phi - s2 * eta
    out[2] = q2 * s2 * eta - k * c


def glycolytic_j(t, y, p, J):
    d, k, l1, l2, nu, q1, q2, s1, s2 = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]
    a, b, c = y[0], y[1], y[2]
    A, B, C, E = 1.0 + a, 1.0 + b, 1.0 + c, 1.0 + d * b
    D = l1 + A * A * B * B
    G = l2 + E * E * C * C
    phi_a = B * B * ((1.0 + 2.0 * a) * D - 2.0 * a * A * A * B * B) / (D * D)
    phi_b = 2.0 * a * A * B * l1 / (D * D)
    eta_b = C * C * ((E + b * d) * G - 2.0 * d * b * E * E * C * C) / (G * G)
    eta_c = 2.0 * b * E * C * l2 / (G * G)
    J[0, 0] = -s1 * phi_a
    J[0, 1] = -s1 * phi_b
    J[0, 2] = 0.0
    J[1, 0] = q1 * s1 * phi_a
    J[1, 1] = q1 * s1 * phi_b - s2 * eta_b
    J[1, 2] = -s2 * eta_c
    J[2, 0] = 0.0
    J[2, 1] = q2 * s2 * eta_b
    J[2, 2] = q2 * s2 * eta_c - k


_sys("glycolytic_oscillation", "Decroly-Goldbeter model of two coupled allosteric enzymes (glycolytic oscillations)",
     "phi = alpha (1 + alpha) (1 + beta)^2 / (L1 + (1 + alpha)^2 (1 + beta)^2)\n"
     "eta = beta (1 + d beta) (1 + gamma)^2 / (L2 + (1 + d beta)^2 (1 + gamma)^2)\n"
     "dalpha/dt = nu - s1 phi\ndbeta/dt = q1 s1 phi - s2 eta\ndgamma/dt = q2 s2 eta - k gamma",
     "Decroly & Goldbeter, Proc. Natl. Acad. Sci. USA 79, 6917 (1982)",
     {"d": 0.0, "k": 4.422, "l1": 5e8, "l2": 100.0, "nu": 1.0, "q1": 50.0, "q2": 0.02, "s1": 22.2222,
      "s2": 22.2222}, (29.453349256846987, 130.19350141357407, 0.18407087674169492),
     glycolytic_f, glycolytic_j, dt=0.2, transient=1000.0, spectrum_dt=0.01, spectrum_time=50_000.0,
     components=("alpha", "beta", "gamma"), dysts_name="GlycolyticOscillation")


# --------------------------------------------------------------------------- neural networks


def cnn_f(t, y, p, out):
    a, b, c, d = p[0], p[1], p[2], p[3]
    fx = 0.5 * (abs(y[0] + 1.0) - abs(y[0] - 1.0))
    fy = 0.5 * (abs(y[1] + 1.0) - abs(y[1] - 1.0))
    fz = 0.5 * (abs(y[2] + 1.0) - abs(y[2] - 1.0))
    out[0] = -y[0] + d * fx - b * fy - b * fz
    out[1] = -y[1] - b * fx + c * fy - a * fz
    out[2] = -y[2] - b * fx + a * fy + fz


def cnn_j(t, y, p, J):
    a, b, c, d = p[0], p[1], p[2], p[3]
    gx = 1.0 if abs(y[0]) < 1.0 else 0.0   # the saturation's slope, defined off |u| = 1
    gy = 1.0 if abs(y[1]) < 1.0 else 0.0
    gz = 1.0 if abs(y[2]) < 1.0 else 0.0
    J[0, 0] = -1.0 + d * gx
    J[0, 1] = -b * gy
    J[0, 2] = -b * gz
    J[1, 0] = -b * gx
    J[1, 1] = -1.0 + c * gy
    J[1, 2] = -a * gz
    J[2, 0] = -b * gx
    J[2, 1] = a * gy
    J[2, 2] = -1.0 + gz


_sys("cellular_neural_network", "Three-cell cellular neural network with the piecewise-linear saturation output",
     "f(u) = (|u + 1| - |u - 1|) / 2\ndx/dt = -x + d f(x) - b f(y) - b f(z)\n"
     "dy/dt = -y - b f(x) + c f(y) - a f(z)\ndz/dt = -z - b f(x) + a f(y) + f(z)",
     "Arena, Caponetto, Fortuna & Porto, Int. J. Bifurcation Chaos 8, 1527 (1998)",
     {"a": 4.4, "b": 3.21, "c": 1.1, "d": 1.24}, (-0.26574016, -0.36754928, -0.073094132), cnn_f, cnn_j,
     dt=0.02, transient=100.0, spectrum_dt=0.005, spectrum_time=5000.0, dysts_name="CellularNeuralNetwork")


def beer_rnn_f(t, y, p, out):
    for i in range(3):
        acc = 0.0
        for k in range(3):
            acc += p[6 + 3 * i + k] / (1.0 + math.exp(-(y[k] + p[3 + k])))
        out[i] = (-y[i] + acc) / p[i]


def beer_rnn_j(t, y, p, J):
    for k in range(3):
        s = 1.0 / (1.0 + math.exp(-(y[k] + p[3 + k])))
        ds = s * (1.0 - s)
        for i in range(3):
            J[i, k] = (p[6 + 3 * i + k] * ds - (1.0 if i == k else 0.0)) / p[i]


_BEER_W = ((5.422, -0.018, 2.75), (-0.24, 4.59, 1.21), (0.535, -2.25, 3.885))
_sys("beer_rnn", "Beer's three-neuron continuous-time recurrent neural network",
     "s(u) = 1 / (1 + exp(-u))\ntau_i dy_i/dt = -y_i + sum_k w_ik s(y_k + theta_k),  i = 1..3",
     "Beer, Adaptive Behavior 3, 469 (1995)",
     {"tau1": 1.0, "tau2": 2.5, "tau3": 1.0, "theta1": -4.108, "theta2": -2.787, "theta3": -1.114,
      **{f"w{i + 1}{k + 1}": _BEER_W[i][k] for i in range(3) for k in range(3)}},
     (1.5014532, 2.3742845, 0.65819415), beer_rnn_f, beer_rnn_j, dt=0.5, transient=1000.0,
     spectrum_dt=0.05, spectrum_time=50_000.0, components=("y1", "y2", "y3"), dysts_name="BeerRNN")


#: Lewis & Glass's frustrated connectivity (k_ij in {0, -1}; no self-coupling).
HOPFIELD_K = np.array([[0, -1, 0, 0, -1, -1], [0, 0, 0, -1, -1, -1], [-1, -1, 0, 0, -1, 0],
                       [-1, -1, -1, 0, 0, 0], [-1, -1, 0, -1, 0, 0], [0, -1, -1, -1, 0, 0]], dtype=np.float64)


def hopfield_f(t, y, p, out):
    beta, eps, tau = p[0], p[1], p[2]
    for i in range(6):
        u = 0.0
        for k in range(6):
            u += HOPFIELD_K[i, k] * y[k]
        out[i] = -y[i] / tau + 0.5 * (1.0 + math.tanh(eps * u)) - beta


def hopfield_j(t, y, p, J):
    beta, eps, tau = p[0], p[1], p[2]
    for i in range(6):
        u = 0.0
        for k in range(6):
            u += HOPFIELD_K[i, k] * y[k]
        th = math.tanh(eps * u)
        g = 0.5 * eps * (1.0 - th * th)
        for k in range(6):
            J[i, k] = g * HOPFIELD_K[i, k] - (1.0 / tau if i == k else 0.0)


_sys("hopfield", "Six-neuron Hopfield-type network with frustrated connectivity (Lewis & Glass); "
     "div f = -6 / tau exactly, since no neuron couples to itself",
     "dx_i/dt = -x_i / tau + (1 + tanh(eps sum_k K_ik x_k)) / 2 - beta,  i = 1..6\n"
     "K = [[0,-1,0,0,-1,-1],[0,0,0,-1,-1,-1],[-1,-1,0,0,-1,0],[-1,-1,-1,0,0,0],[-1,-1,0,-1,0,0],[0,-1,-1,-1,0,0]]",
     "Lewis & Glass, Neural Comput. 4, 621 (1992)", {"beta": 0.5, "eps": 10.0, "tau": 2.5},
     (-0.67127393, -0.2420173, -0.055676628, 0.34697948, 0.45273118, 0.78389688), hopfield_f, hopfield_j,
     dt=0.05, transient=200.0, spectrum_dt=0.01, spectrum_time=10_000.0,
     components=("x1", "x2", "x3", "x4", "x5", "x6"), dysts_name="Hopfield")
