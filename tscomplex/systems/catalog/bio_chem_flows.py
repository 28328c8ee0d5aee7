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
    J[2, 2] = vv * (-a1 * k1 * x * delta / (h * h)
                    - d1 * (-2.0 * k2 * delta * delta + 12.0 * k4 * al * al * delta ** 4))


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
    gamma, kappa, mu = p[1], p[2], p[3]
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
    delta, mu, sigma = p[0], p[2], p[3]
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
    d, k, l1, l2, q1, q2, s1, s2 = p[0], p[1], p[2], p[3], p[5], p[6], p[7], p[8]
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
    eps, tau = p[1], p[2]
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


# --------------------------------------------------------------------------- periodically forced (non-autonomous)
# dysts carries the forcing phase as a third state variable that grows without bound; here the
# forcing is a function of t, as for the other driven oscillators of the catalog, and the zero
# exponent of the phase is not part of the spectrum.


def forced_brusselator_f(t, y, p, out):
    a, b, f, w = p[0], p[1], p[2], p[3]
    x, v = y[0], y[1]
    out[0] = a + x * x * v - (b + 1.0) * x + f * math.cos(w * t)
    out[1] = b * x - x * x * v


def forced_brusselator_j(t, y, p, J):
    b = p[1]
    x, v = y[0], y[1]
    J[0, 0] = 2.0 * x * v - (b + 1.0)
    J[0, 1] = x * x
    J[1, 0] = b - 2.0 * x * v
    J[1, 1] = -x * x


_sys("forced_brusselator", "Periodically forced Brusselator, an autocatalytic reaction",
     "dx/dt = a + x^2 y - (b + 1) x + f cos(w t)\ndy/dt = b x - x^2 y",
     "Prigogine & Lefever, J. Chem. Phys. 48, 1695 (1968); forced: Tomita & Kai, Phys. Lett. A 66, 91 (1978)",
     {"a": 0.4, "b": 1.2, "f": 0.05, "w": 0.81}, (0.40635464, 1.8192295), forced_brusselator_f,
     forced_brusselator_j, dt=0.2, transient=1000.0, spectrum_dt=0.02, spectrum_time=50_000.0,
     components=("x", "y"), dysts_name="ForcedBrusselator")


def forced_fhn_f(t, y, p, out):
    a, b, curr, f, gamma, omega = p[0], p[1], p[2], p[3], p[4], p[5]
    v, w = y[0], y[1]
    out[0] = v - v ** 3 / 3.0 - w + curr + f * math.sin(omega * t)
    out[1] = gamma * (v + a - b * w)


def forced_fhn_j(t, y, p, J):
    b, gamma = p[1], p[4]
    J[0, 0] = 1.0 - y[0] * y[0]
    J[0, 1] = -1.0
    J[1, 0] = gamma
    J[1, 1] = -gamma * b


_sys("forced_fitzhugh_nagumo", "FitzHugh-Nagumo neuron driven by a periodic current; not chaotic at these "
     "parameters (largest exponent -0.0003 over 5e4 time units from three initial conditions)",
     "dv/dt = v - v^3 / 3 - w + I + f sin(omega t)\ndw/dt = gamma (v + a - b w)",
     "FitzHugh, Biophys. J. 1, 445 (1961); Nagumo, Arimoto & Yoshizawa, Proc. IRE 50, 2061 (1962)",
     {"a": 0.7, "b": 0.8, "curr": 0.965, "f": 0.4008225, "gamma": 0.08, "omega": 0.043650793650793655},
     (-1.2155252, -0.046470891), forced_fhn_f, forced_fhn_j, dt=0.5, transient=2000.0, spectrum_dt=0.05,
     spectrum_time=100_000.0, components=("v", "w"), dysts_name="ForcedFitzHughNagumo")


def turchin_hanski_f(t, y, p, out):
    a, d, e, g, h, lamb, r, s = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]
    n, q = y[0], y[1]
    season = 1.0 - e * math.sin(2.0 * math.pi * lamb * t)
    out[0] = r * season * n - r * n * n - g * n * n / (n * n + h * h) - a * n * q / (n + d)
    out[1] = s * season * q - s * q * q / n


def turchin_hanski_j(t, y, p, J):
    a, d, e, g, h, lamb, r, s = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7]
    n, q = y[0], y[1]
    season = 1.0 - e * math.sin(2.0 * math.pi * lamb * t)
    w = n * n + h * h
    J[0, 0] = r * season - 2.0 * r * n - 2.0 * g * n * h * h / (w * w) - a * q * d / ((n + d) ** 2)
    J[0, 1] = -a * n / (n + d)
    J[1, 0] = s * q * q / (n * n)
    J[1, 1] = s * season - 2.0 * s * q / n


_sys("turchin_hanski", "Turchin-Hanski seasonally forced vole-weasel model (growth rate raised from the paper's, "
     "as in dysts, so the oscillations stay chaotic)",
     "season = 1 - e sin(2 pi lamb t)\ndn/dt = r season n - r n^2 - g n^2 / (n^2 + h^2) - a n p / (n + d)\n"
     "dp/dt = s season p - s p^2 / n",
     "Turchin & Hanski, Am. Nat. 149, 842 (1997)",
     {"a": 8.0, "d": 0.04, "e": 0.5, "g": 0.1, "h": 0.8, "lamb": 1.0, "r": 8.12, "s": 1.25},
     (0.018027788, 0.013649976), turchin_hanski_f, turchin_hanski_j, dt=0.02, transient=100.0,
     spectrum_dt=0.001, spectrum_time=2000.0, components=("prey", "predator"), dysts_name="TurchinHanski")


def circadian_f(t, y, p, out):
    (Ki, k, k1, k2, kd, kdn, km, ks, n, ps, vc, vd, vdn, vm, vmax, vmin) = (
        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15])
    m, fc, fs, fn = y[0], y[1], y[2], y[3]
    vs = vc * (0.5 + 0.5 * math.cos(2.0 * math.pi * t / ps) + vmin) * (vmax - vmin)
    kin = Ki ** n
    out[0] = vs * kin / (kin + fn ** n) - vm * m / (km + m)
    out[1] = ks * m - k1 * fc + k2 * fn - k * fc
    out[2] = k * fc - vd * fs / (kd + fs)
    out[3] = k1 * fc - k2 * fn - vdn * fn / (kdn + fn)


def circadian_j(t, y, p, J):
    (Ki, k, k1, k2, kd, kdn, km, ks, n, ps, vc, vd, vdn, vm, vmax, vmin) = (
        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15])
    m, fs, fn = y[0], y[2], y[3]
    vs = vc * (0.5 + 0.5 * math.cos(2.0 * math.pi * t / ps) + vmin) * (vmax - vmin)
    kin = Ki ** n
    q = kin + fn ** n
    J[:, :] = 0.0
    J[0, 0] = -vm * km / ((km + m) ** 2)
    J[0, 3] = -vs * kin * n * fn ** (n - 1.0) / (q * q)
    J[1, 0] = ks
    J[1, 1] = -k1 - k
    J[1, 3] = k2
    J[2, 1] = k
    J[2, 2] = -vd * kd / ((kd + fs) ** 2)
    J[3, 1] = k1
    J[3, 3] = -k2 - vdn * kdn / ((kdn + fn) ** 2)


_sys("circadian_rhythm", "Circadian clock (frq mRNA M; cytosolic, stored and nuclear protein) under a light-dark "
     "cycle of period ps that modulates transcription (the forcing term is dysts' form); quasi-periodic, "
     "not chaotic at these parameters (largest exponent 0.00004)",
     "vs = vc (0.5 + 0.5 cos(2 pi t / ps) + vmin) (vmax - vmin)\n"
     "dM/dt = vs Ki^n / (Ki^n + FN^n) - vm M / (km + M)\ndFC/dt = ks M - k1 FC + k2 FN - k FC\n"
     "dFS/dt = k FC - vd FS / (kd + FS)\ndFN/dt = k1 FC - k2 FN - vdn FN / (kdn + FN)",
     "Leloup, Gonze & Goldbeter, J. Biol. Rhythms 14, 433 (1999); Gonze, Leloup & Goldbeter, "
     "C. R. Acad. Sci. III 323, 57 (2000)",
     {"Ki": 1.0, "k": 0.5, "k1": 0.3, "k2": 0.15, "kd": 1.4, "kdn": 0.4, "km": 0.4, "ks": 1.0, "n": 4.0,
      "ps": 24.0, "vc": 2.5, "vd": 6.0, "vdn": 1.5, "vm": 0.7, "vmax": 4.7, "vmin": 1.0},
     (1.5401187, 5.3707921, 41.054266, 11.619073), circadian_f, circadian_j, dt=0.25, transient=2000.0,
     spectrum_dt=0.01, spectrum_time=50_000.0, components=("M", "FC", "FS", "FN"), dysts_name="CircadianRhythm")


# --------------------------------------------------------------------------- cells


def ca_two_plus_f(t, y, p, out):
    (K2, K5, Ka, Kd, Ky, Kz, V0, V1, V4, Vm2, Vm3, Vm5, beta, eps, k, kf, m, n, q) = (
        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15],
        p[16], p[17], p[18])
    z, v, a = y[0], y[1], y[2]
    v2 = Vm2 * z * z / (K2 * K2 + z * z)
    v3 = (Vm3 * z ** m / (Kz ** m + z ** m)) * (v * v / (Ky * Ky + v * v)) * (a ** 4 / (Ka ** 4 + a ** 4))
    v5 = Vm5 * (a ** q / (K5 ** q + a ** q)) * (z ** n / (Kd ** n + z ** n))
    out[0] = V0 + V1 * beta - v2 + v3 + kf * v - k * z
    out[1] = v2 - v3 - kf * v
    out[2] = beta * V4 - v5 - eps * a


def ca_two_plus_j(t, y, p, J):
    (K2, K5, Ka, Kd, Ky, Kz, Vm2, Vm3, Vm5, eps, k, kf, m, n, q) = (
        p[0], p[1], p[2], p[3], p[4], p[5], p[9], p[10], p[11], p[13], p[14], p[15], p[16], p[17], p[18])
    z, v, a = y[0], y[1], y[2]
    # Hill functions H(u) = u^h / (K^h + u^h) and their slopes h K^h u^(h-1) / (K^h + u^h)^2
    dz2 = 2.0 * K2 * K2 * z / ((K2 * K2 + z * z) ** 2)
    hzm = z ** m / (Kz ** m + z ** m)
    dzm = m * Kz ** m * z ** (m - 1.0) / ((Kz ** m + z ** m) ** 2)
    hy = v * v / (Ky * Ky + v * v)
    dy = 2.0 * Ky * Ky * v / ((Ky * Ky + v * v) ** 2)
    ha = a ** 4 / (Ka ** 4 + a ** 4)
    da = 4.0 * Ka ** 4 * a ** 3 / ((Ka ** 4 + a ** 4) ** 2)
    hap = a ** q / (K5 ** q + a ** q)
    dap = q * K5 ** q * a ** (q - 1.0) / ((K5 ** q + a ** q) ** 2)
    hzn = z ** n / (Kd ** n + z ** n)
    dzn = n * Kd ** n * z ** (n - 1.0) / ((Kd ** n + z ** n) ** 2)
    v3z = Vm3 * dzm * hy * ha
    v3y = Vm3 * hzm * dy * ha
    v3a = Vm3 * hzm * hy * da
    J[0, 0] = -Vm2 * dz2 + v3z - k
    J[0, 1] = v3y + kf
    J[0, 2] = v3a
    J[1, 0] = Vm2 * dz2 - v3z
    J[1, 1] = -v3y - kf
    J[1, 2] = -v3a
    J[2, 0] = -Vm5 * hap * dzn
    J[2, 1] = 0.0
    J[2, 2] = -Vm5 * dap * hzn - eps


_CA_EQUATIONS = ("V2 = Vm2 z^2 / (K2^2 + z^2)\n"
                 "V3 = Vm3 z^m / (Kz^m + z^m) y^2 / (Ky^2 + y^2) a^4 / (Ka^4 + a^4)\n"
                 "V5 = Vm5 a^p / (K5^p + a^p) z^n / (Kd^n + z^n)\n"
                 "dz/dt = V0 + V1 beta - V2 + V3 + kf y - k z\ndy/dt = V2 - V3 - kf y\n"
                 "da/dt = beta V4 - V5 - eps a")
_CA_SOURCE = "Houart, Dupont & Goldbeter, Bull. Math. Biol. 61, 507 (1999)"
_sys("ca_two_plus", "Intracellular calcium oscillations: cytosolic Ca2+ z, stored Ca2+ y and IP3 a",
     _CA_EQUATIONS, _CA_SOURCE,
     {"K2": 0.1, "K5": 0.3194, "Ka": 0.1, "Kd": 1.0, "Ky": 0.3, "Kz": 0.6, "V0": 2.0, "V1": 2.0, "V4": 3.0,
      "Vm2": 6.0, "Vm3": 30.0, "Vm5": 50.0, "beta": 0.65, "eps": 13.0, "k": 10.0, "kf": 1.0, "m": 2.0,
      "n": 4.0, "p": 1.0}, (0.26162904, 1.0055612, 0.14407867), ca_two_plus_f, ca_two_plus_j, dt=0.02,
     transient=100.0, spectrum_dt=0.001, spectrum_time=2000.0, components=("z", "y", "a"), dysts_name="CaTwoPlus")
_sys("ca_two_plus_quasiperiodic", "Intracellular calcium oscillations at the paper's quasi-periodic parameters "
     "(quasi-periodic: not chaotic)", _CA_EQUATIONS, _CA_SOURCE,
     {"K2": 0.1, "K5": 0.3, "Ka": 0.2, "Kd": 0.5, "Ky": 0.2, "Kz": 0.5, "V0": 2.0, "V1": 2.0, "V4": 5.0,
      "Vm2": 6.0, "Vm3": 20.0, "Vm5": 30.0, "beta": 0.51, "eps": 0.1, "k": 10.0, "kf": 1.0, "m": 2.0,
      "n": 4.0, "p": 2.0}, (0.26321067, 0.87886607, 0.3148781), ca_two_plus_f, ca_two_plus_j, dt=0.02,
     transient=200.0, spectrum_dt=0.005, spectrum_time=5000.0, components=("z", "y", "a"),
     dysts_name="CaTwoPlusQuasiperiodic")


def cell_cycle_f(t, y, p, out):
    K, Kc, Kd1, Kim, V2, V4, Vm1, Vm3, kd1, vd, vi = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8],
                                                      p[9], p[10])
    for i in range(2):
        c, m, x = y[3 * i], y[3 * i + 1], y[3 * i + 2]
        m_other = y[4 - 3 * i]          # the other oscillator's m inhibits this one's cyclin synthesis
        v1 = Vm1 * c / (Kc + c)
        out[3 * i] = vi * Kim / (Kim + m_other) - vd * x * c / (Kd1 + c) - kd1 * c
        out[3 * i + 1] = v1 * (1.0 - m) / (K + 1.0 - m) - V2 * m / (K + m)
        out[3 * i + 2] = Vm3 * m * (1.0 - x) / (K + 1.0 - x) - V4 * x / (K + x)


def cell_cycle_j(t, y, p, J):
    K, Kc, Kd1, Kim, V2, V4, Vm1, Vm3, kd1, vd, vi = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8],
                                                      p[9], p[10])
    J[:, :] = 0.0
    for i in range(2):
        c, m, x = y[3 * i], y[3 * i + 1], y[3 * i + 2]
        o = 4 - 3 * i
        m_other = y[o]
        v1 = Vm1 * c / (Kc + c)
        r, s, u = 3 * i, 3 * i + 1, 3 * i + 2
        J[r, r] = -vd * x * Kd1 / ((Kd1 + c) ** 2) - kd1
        J[r, u] = -vd * c / (Kd1 + c)
        J[r, o] = -vi * Kim / ((Kim + m_other) ** 2)
        J[s, r] = Vm1 * Kc / ((Kc + c) ** 2) * (1.0 - m) / (K + 1.0 - m)
        J[s, s] = -v1 * K / ((K + 1.0 - m) ** 2) - V2 * K / ((K + m) ** 2)
        J[u, s] = Vm3 * (1.0 - x) / (K + 1.0 - x)
        J[u, u] = -Vm3 * m * K / ((K + 1.0 - x) ** 2) - V4 * K / ((K + x) ** 2)


_sys("cell_cycle", "Two coupled minimal mitotic oscillators (cyclin c, cdc2 kinase m, cyclin protease x), each "
     "inhibiting the other's cyclin synthesis",
     "for i = 1, 2 (j the other):\ndc_i/dt = vi Kim / (Kim + m_j) - vd x_i c_i / (Kd1 + c_i) - kd1 c_i\n"
     "dm_i/dt = Vm1 c_i / (Kc + c_i) (1 - m_i) / (K + 1 - m_i) - V2 m_i / (K + m_i)\n"
     "dx_i/dt = Vm3 m_i (1 - x_i) / (K + 1 - x_i) - V4 x_i / (K + x_i)",
     "Romond, Rustici, Gonze & Goldbeter, Ann. N. Y. Acad. Sci. 879, 180 (1999)",
     {"K": 0.01, "Kc": 0.5, "Kd1": 0.02, "Kim": 0.65, "V2": 0.15, "V4": 0.05, "Vm1": 0.3, "Vm3": 0.1,
      "kd1": 0.001, "vd": 0.025, "vi": 0.05},
     (0.71565329, 0.9489355, 0.98910371, 0.72138631, 0.94987035, 0.98912572), cell_cycle_f, cell_cycle_j,
     dt=0.5, transient=2000.0, spectrum_dt=0.02, spectrum_time=50_000.0,
     components=("c1", "m1", "x1", "c2", "m2", "x2"), dysts_name="CellCycle")


def excitable_cell_f(t, y, p, out):
    (aho, ahr, ahs, ams, amvb, amvo, ans, anvb, anvo, ar, bho, bhr, bmo, bmr, bms, bno, bnr, bns, gi, gkc, gkv,
     gl, kc, rho, tscl, vc, vi, vk, vl) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10],
                                           p[11], p[12], p[13], p[14], p[15], p[16], p[17], p[18], p[19], p[20],
                                           p[21], p[22], p[23], p[24], p[25], p[26], p[27], p[28])
    v, n, c = y[0], y[1], y[2]
    alpham = ams * (amvb + v) / (1.0 - math.exp(-ar * v - amvo))
    betam = bms * math.exp(-bmr * v - bmo)
    minf = alpham / (alpham + betam)
    alphah = ahs * math.exp(-ahr * v - aho)
    betah = 1.0 / (1.0 + math.exp(-bhr * v - bho))
    hinf = alphah / (alphah + betah)
    alphan = ans * (anvb + v) / (1.0 - math.exp(-ar * v - anvo))
    betan = bns * math.exp(-bnr * v - bno)
    P = minf ** 3 * hinf
    out[0] = gi * P * (vi - v) + gkv * n ** 4 * (vk - v) + gkc * c / (1.0 + c) * (vk - v) + gl * (vl - v)
    out[1] = tscl * (alphan - n * (alphan + betan))
    out[2] = rho * (P * (vc - v) - kc * c)


def excitable_cell_j(t, y, p, J):
    (aho, ahr, ahs, ams, amvb, amvo, ans, anvb, anvo, ar, bho, bhr, bmo, bmr, bms, bno, bnr, bns, gi, gkc, gkv,
     gl, kc, rho, tscl, vc, vi, vk) = (p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10],
                                       p[11], p[12], p[13], p[14], p[15], p[16], p[17], p[18], p[19], p[20],
                                       p[21], p[22], p[23], p[24], p[25], p[26], p[27])
    v, n, c = y[0], y[1], y[2]
    e1 = math.exp(-ar * v - amvo)
    alpham = ams * (amvb + v) / (1.0 - e1)
    dalpham = ams * ((1.0 - e1) - (amvb + v) * ar * e1) / ((1.0 - e1) ** 2)
    betam = bms * math.exp(-bmr * v - bmo)
    dbetam = -bmr * betam
    minf = alpham / (alpham + betam)
    dminf = (dalpham * betam - alpham * dbetam) / ((alpham + betam) ** 2)
    alphah = ahs * math.exp(-ahr * v - aho)
    dalphah = -ahr * alphah
    e2 = math.exp(-bhr * v - bho)
    betah = 1.0 / (1.0 + e2)
    dbetah = bhr * e2 / ((1.0 + e2) ** 2)
    hinf = alphah / (alphah + betah)
    dhinf = (dalphah * betah - alphah * dbetah) / ((alphah + betah) ** 2)
    e3 = math.exp(-ar * v - anvo)
    alphan = ans * (anvb + v) / (1.0 - e3)
    dalphan = ans * ((1.0 - e3) - (anvb + v) * ar * e3) / ((1.0 - e3) ** 2)
    betan = bns * math.exp(-bnr * v - bno)
    dbetan = -bnr * betan
    P = minf ** 3 * hinf
    dP = 3.0 * minf * minf * dminf * hinf + minf ** 3 * dhinf
    J[0, 0] = gi * (dP * (vi - v) - P) - gkv * n ** 4 - gkc * c / (1.0 + c) - gl
    J[0, 1] = 4.0 * gkv * n ** 3 * (vk - v)
    J[0, 2] = gkc * (vk - v) / ((1.0 + c) ** 2)
    J[1, 0] = tscl * (dalphan - n * (dalphan + dbetan))
    J[1, 1] = -tscl * (alphan + betan)
    J[1, 2] = 0.0
    J[2, 0] = rho * (dP * (vc - v) - P)
    J[2, 1] = 0.0
    J[2, 2] = -rho * kc


_sys("excitable_cell", "Chay's three-variable model of an excitable (pancreatic beta) cell: membrane potential v, "
     "potassium gate n, intracellular calcium c; gkc controls the onset of chaos",
     "alpha_m = ams (amvb + v) / (1 - exp(-ar v - amvo)), beta_m = bms exp(-bmr v - bmo), "
     "m_inf = alpha_m / (alpha_m + beta_m)\n"
     "alpha_h = ahs exp(-ahr v - aho), beta_h = 1 / (1 + exp(-bhr v - bho)), h_inf = alpha_h / (alpha_h + beta_h)\n"
     "alpha_n = ans (anvb + v) / (1 - exp(-ar v - anvo)), beta_n = bns exp(-bnr v - bno)\n"
     "dv/dt = gi m_inf^3 h_inf (vi - v) + gkv n^4 (vk - v) + gkc c / (1 + c) (vk - v) + gl (vl - v)\n"
     "dn/dt = tscl (alpha_n (1 - n) - beta_n n)\ndc/dt = rho (m_inf^3 h_inf (vc - v) - kc c)",
     "Chay, Physica D 16, 233 (1985)",
     {"aho": 2.5, "ahr": 0.05, "ahs": 0.07, "ams": 0.1, "amvb": 25.0, "amvo": 2.5, "ans": 0.01, "anvb": 20.0,
      "anvo": 2.0, "ar": 0.1, "bho": 2.0, "bhr": 0.1, "bmo": 2.7777777777777777, "bmr": 0.05555555555555555,
      "bms": 4.0, "bno": 0.375, "bnr": 0.0125, "bns": 0.125, "gi": 1800.0, "gkc": 11.0, "gkv": 1700.0, "gl": 7.0,
      "kc": 0.183333, "rho": 0.27, "tscl": 230.0, "vc": 100.0, "vi": 100.0, "vk": -75.0, "vl": -40.0},
     (-44.57779976420271, 0.13121643614884418, 0.4658533583951385), excitable_cell_f, excitable_cell_j,
     dt=0.005, transient=20.0, spectrum_dt=0.0002, spectrum_time=200.0, components=("v", "n", "c"),
     dysts_name="ExcitableCell")


# --------------------------------------------------------------------------- Belousov-Zhabotinsky


def bz_f(t, y, p, out):
    (c1, c10, c11, c12, c13, c2, c3, c4, c5, c6, c7, c8, c9, ci, kf, y0, yb1, yb2, yb3, z0) = (
        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15],
        p[16], p[17], p[18], p[19])
    x, z, v = y[0], y[1], y[2]
    ybar = yb1 * z * v / (y0 * (yb2 * x + yb3 + kf))   # the reduced bromide, from the unclipped x
    x = max(0.0, x)
    rf = (ci - z0 * z) * math.sqrt(x)
    out[0] = (c1 * x * ybar + c2 * ybar + c3 * x * x + c4 * rf + c5 * x * z - kf * x)
    out[1] = (c6 / z0 * rf + c7 * x * z + c8 * z * v + c9 * z - kf * z)
    out[2] = (c10 * x * ybar + c11 * ybar + c12 * x * x + c13 * z * v - kf * v)


def bz_j(t, y, p, J):
    (c1, c10, c11, c12, c13, c2, c3, c4, c5, c6, c7, c8, c9, ci, kf, y0, yb1, yb2, yb3, z0) = (
        p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8], p[9], p[10], p[11], p[12], p[13], p[14], p[15],
        p[16], p[17], p[18], p[19])
    x, z, v = y[0], y[1], y[2]
    den = yb2 * x + yb3 + kf
    ybar = yb1 * z * v / (y0 * den)
    ybx = -ybar * yb2 / den
    ybz = yb1 * v / (y0 * den)
    ybv = yb1 * z / (y0 * den)
    pos = 1.0 if x > 0.0 else 0.0          # x is clipped at 0 where it enters the kinetics
    xc = max(0.0, x)
    sq = math.sqrt(xc)
    rfx = (ci - z0 * z) / (2.0 * sq) if x > 0.0 else 0.0
    rfz = -z0 * sq
    J[0, 0] = (pos * (c1 * ybar + 2.0 * c3 * xc + c5 * z - kf) + (c1 * xc + c2) * ybx + c4 * rfx)
    J[0, 1] = ((c1 * xc + c2) * ybz + c4 * rfz + c5 * xc)
    J[0, 2] = ((c1 * xc + c2) * ybv)
    J[1, 0] = (c6 / z0 * rfx + pos * c7 * z)
    J[1, 1] = (c6 / z0 * rfz + c7 * xc + c8 * v + c9 - kf)
    J[1, 2] = (c8 * z)
    J[2, 0] = (pos * (c10 * ybar + 2.0 * c12 * xc) + (c10 * xc + c11) * ybx)
    J[2, 1] = ((c10 * xc + c11) * ybz + c13 * v)
    J[2, 2] = ((c10 * xc + c11) * ybv + c13 * z - kf)


_sys("belousov_zhabotinsky", "Gyorgyi-Field three-variable model of the Belousov-Zhabotinsky reaction in a "
     "flow reactor (x: HBrO2, z: Ce(IV), v: bromomalonic acid, scaled); chaotic at flow rate kf = 3.5e-4, "
     "periodic at 3e-4. Time in seconds: dysts' time is t / t0 with t0 = 2308.62 s, so its exponents are "
     "2308.62 times ours",
     "ybar = yb1 z v / (y0 (yb2 x + yb3 + kf));  x+ = max(x, 0);  rf = (ci - z0 z) sqrt(x+)\n"
     "dx/dt = c1 x+ ybar + c2 ybar + c3 x+^2 + c4 rf + c5 x+ z - kf x+\n"
     "dz/dt = c6 / z0 rf + c7 x+ z + c8 z v + c9 z - kf z\n"
     "dv/dt = c10 x+ ybar + c11 ybar + c12 x+^2 + c13 z v - kf v",
     "Gyorgyi & Field, Nature 355, 808 (1992)",
     {"c1": -8.03474, "c10": 0.0223915, "c11": 7.53559e-05, "c12": 8.07384e-06, "c13": -0.000499825,
      "c2": 0.05408, "c3": -0.0115886, "c4": 832.587, "c5": -0.029155, "c6": 0.00321617, "c7": -0.01352,
      "c8": -0.0831709, "c9": -0.0199985, "ci": 0.000833, "kf": 0.00035, "y0": 7.72571e-06,
      "yb1": 6.92813e-07, "yb2": 2.00869, "yb3": 0.01352, "z0": 8.33e-06},
     (0.023491701, 0.61703254, 0.84669066), bz_f, bz_j, dt=0.5, transient=2500.0, spectrum_dt=0.002,
     spectrum_time=10_000.0, components=("x", "z", "v"), dysts_name="BelousovZhabotinsky")


# --------------------------------------------------------------------------- plankton (Huisman & Weissing)

#: half-saturation K[j, i] of species i for resource j, and content C[j, i] of resource j in species i
#: (Huisman & Weissing 1999, five species on five resources).
MACARTHUR_K = np.array([[0.39, 0.34, 0.30, 0.24, 0.23], [0.22, 0.39, 0.34, 0.30, 0.27],
                        [0.27, 0.22, 0.39, 0.34, 0.30], [0.30, 0.24, 0.22, 0.39, 0.34],
                        [0.34, 0.30, 0.22, 0.20, 0.39]], dtype=np.float64)
MACARTHUR_C = np.array([[0.04, 0.04, 0.07, 0.04, 0.04], [0.08, 0.08, 0.08, 0.10, 0.08],
                        [0.10, 0.10, 0.10, 0.10, 0.14], [0.05, 0.03, 0.03, 0.03, 0.03],
                        [0.07, 0.09, 0.07, 0.07, 0.07]], dtype=np.float64)


def macarthur_f(t, y, p, out):
    d, m, r = p[0], p[1], p[2]
    for j in range(5):
        out[5 + j] = d * (p[3 + j] - y[5 + j])
    for i in range(5):
        mu = 1e300
        for j in range(5):   # Liebig's law of the minimum
            g = r * y[5 + j] / (MACARTHUR_K[j, i] + y[5 + j])
            mu = min(mu, g)
        out[i] = y[i] * (mu - m)
        for j in range(5):
            out[5 + j] -= MACARTHUR_C[j, i] * mu * y[i]


def macarthur_j(t, y, p, J):
    d, m, r = p[0], p[1], p[2]
    J[:, :] = 0.0
    for j in range(5):
        J[5 + j, 5 + j] = -d
    for i in range(5):
        mu = 1e300
        best = 0
        for j in range(5):
            g = r * y[5 + j] / (MACARTHUR_K[j, i] + y[5 + j])
            if g < mu:
                mu = g
                best = j
        kb = MACARTHUR_K[best, i]
        dmu = r * kb / ((kb + y[5 + best]) ** 2)   # d mu_i / d R_best; the other resources do not limit i
        J[i, i] = mu - m
        J[i, 5 + best] = y[i] * dmu
        for j in range(5):
            J[5 + j, i] -= MACARTHUR_C[j, i] * mu
            J[5 + j, 5 + best] -= MACARTHUR_C[j, i] * y[i] * dmu


_sys("macarthur", "MacArthur consumer-resource model of five phytoplankton species on five resources, growth "
     "limited by the scarcest resource (Huisman & Weissing's chaotic plankton); the Jacobian is that of the "
     "limiting resource, undefined where two resources limit a species equally",
     "mu_i = min_j r R_j / (K_ji + R_j)\ndN_i/dt = N_i (mu_i - m)\n"
     "dR_j/dt = d (S_j - R_j) - sum_i C_ji mu_i N_i\n"
     "K = [[.39,.34,.30,.24,.23],[.22,.39,.34,.30,.27],[.27,.22,.39,.34,.30],[.30,.24,.22,.39,.34],"
     "[.34,.30,.22,.20,.39]]\n"
     "C = [[.04,.04,.07,.04,.04],[.08,.08,.08,.10,.08],[.10,.10,.10,.10,.14],[.05,.03,.03,.03,.03],"
     "[.07,.09,.07,.07,.07]]",
     "MacArthur, Proc. Natl. Acad. Sci. USA 64, 1369 (1969); Huisman & Weissing, Nature 402, 407 (1999)",
     {"d": 0.25, "m": 0.25, "r": 1.0, "s1": 6.0, "s2": 10.0, "s3": 14.0, "s4": 4.0, "s5": 9.0},
     (9.4323333, 18.838654, 34.37572, 15.08545, 42.228427, 0.17030505, 0.10144427, 0.3148045, 0.21253581,
      0.22598604), macarthur_f, macarthur_j, dt=0.5, transient=2000.0, spectrum_dt=0.01, spectrum_time=20_000.0,
     components=("N1", "N2", "N3", "N4", "N5", "R1", "R2", "R3", "R4", "R5"), dysts_name="MacArthur")
