"""Hamiltonian orbits (symplectic leapfrog): Henon-Heiles, stars in two galactic potentials, a quadrupole boson model.

A Hamiltonian system H = |v|^2 / 2 + V(q) has state (q, v); ``accel`` gives
-grad V for the leapfrog, ``rhs``/``jac`` give the first-order flow and its
Jacobian (used for the Lyapunov spectrum), and ``energy(values, p)`` the
energy along a trajectory.
"""

from __future__ import annotations

import math

import numpy as np

from ..registry import Reference, System, register


# --------------------------------------------------------------------------- Hénon-Heiles


def henon_heiles_accel(t, q, p, out):
    lam = p[0]
    out[0] = -q[0] - 2.0 * lam * q[0] * q[1]
    out[1] = -q[1] - lam * (q[0] * q[0] - q[1] * q[1])


def henon_heiles_f(t, y, p, out):
    lam = p[0]
    out[0] = y[2]
    out[1] = y[3]
    out[2] = -y[0] - 2.0 * lam * y[0] * y[1]
    out[3] = -y[1] - lam * (y[0] * y[0] - y[1] * y[1])


def henon_heiles_j(t, y, p, J):
    lam = p[0]
    J[:, :] = 0.0
    J[0, 2] = 1.0
    J[1, 3] = 1.0
    J[2, 0] = -1.0 - 2.0 * lam * y[1]
    J[2, 1] = -2.0 * lam * y[0]
    J[3, 0] = -2.0 * lam * y[0]
    J[3, 1] = -1.0 + 2.0 * lam * y[1]


def henon_heiles_energy(values, params):
    x, y, px, py = values[:, 0], values[:, 1], values[:, 2], values[:, 3]
    lam = params["lambda"]
    return 0.5 * (px * px + py * py) + 0.5 * (x * x + y * y) + lam * (x * x * y - y ** 3 / 3.0)


register(System(
    name="henon_heiles", kind="hamiltonian",
    description="Hénon-Heiles galactic potential, a chaotic orbit at E = 1/8",
    equations="H = (px^2 + py^2)/2 + (x^2 + y^2)/2 + lambda (x^2 y - y^3/3)\n"
              "dpx/dt = -x - 2 lambda x y\ndpy/dt = -y - lambda (x^2 - y^2)",
    source="Hénon & Heiles, Astron. J. 69, 73 (1964)", params={"lambda": 1.0},
    ic=(0.0, -0.25, 0.42081, 0.0), dt=0.1, transient=0.0, step=0.002,
    rhs=henon_heiles_f, jac=henon_heiles_j, accel=henon_heiles_accel, energy=henon_heiles_energy,
    components=("x", "y", "px", "py"), spectrum_time=100000.0, spectrum_dt=0.02,
    references=(Reference((0.049, 0.0, 0.0, -0.049), "docs/references.md: chaotic orbit at E = 1/8, recomputed",
                          note="only the largest exponent is checked; the spectrum is (l, 0, 0, -l)"),),
    dysts_name="HenonHeiles",
))


# --------------------------------------------------------------------------- a star in a logarithmic potential


def logpot_accel(t, q, p, out):
    v0, rc, qf = p[0], p[1], p[2]
    d = rc * rc + q[0] * q[0] + q[1] * q[1] / (qf * qf)
    out[0] = -v0 * v0 * q[0] / d
    out[1] = -v0 * v0 * q[1] / (qf * qf * d)


def logpot_f(t, y, p, out):
    v0, rc, qf = p[0], p[1], p[2]
    d = rc * rc + y[0] * y[0] + y[1] * y[1] / (qf * qf)
    out[0] = y[2]
    out[1] = y[3]
    out[2] = -v0 * v0 * y[0] / d
    out[3] = -v0 * v0 * y[1] / (qf * qf * d)


def logpot_j(t, y, p, J):
    v0, rc, qf = p[0], p[1], p[2]
    q2 = qf * qf
    d = rc * rc + y[0] * y[0] + y[1] * y[1] / q2
    w = v0 * v0 / (d * d)
    J[:, :] = 0.0
    J[0, 2] = 1.0
    J[1, 3] = 1.0
    J[2, 0] = -w * (d - 2.0 * y[0] * y[0])
    J[2, 1] = w * 2.0 * y[0] * y[1] / q2
    J[3, 0] = w * 2.0 * y[0] * y[1] / q2
    J[3, 1] = -w * (d - 2.0 * y[1] * y[1] / q2) / q2


def logpot_energy(values, params):
    v0, rc, qf = params["v0"], params["Rc"], params["q"]
    x, y, vx, vy = values[:, 0], values[:, 1], values[:, 2], values[:, 3]
    return 0.5 * (vx * vx + vy * vy) + 0.5 * v0 * v0 * np.log(rc * rc + x * x + y * y / (qf * qf))


register(System(
    name="star_logarithmic", kind="hamiltonian",
    description="A star orbiting in a flattened logarithmic galactic potential (meridional plane)",
    equations="Phi = v0^2/2 ln(Rc^2 + x^2 + y^2/q^2)\ndvx/dt = -dPhi/dx\ndvy/dt = -dPhi/dy",
    source="Binney & Tremaine, Galactic Dynamics, 2nd ed. (2008), sec. 3.3; Richstone, ApJ 238, 103 (1980)",
    params={"v0": 1.0, "Rc": 0.14, "q": 0.9}, ic=(0.5, 0.0, 0.0, 0.8), dt=0.05, transient=0.0, step=0.0005,
    rhs=logpot_f, jac=logpot_j, accel=logpot_accel, energy=logpot_energy, components=("x", "y", "vx", "vy"),
))


# --------------------------------------------------------------------------- a star in a Plummer potential


def plummer_accel(t, q, p, out):
    gm, b = p[0], p[1]
    s = q[0] * q[0] + q[1] * q[1] + b * b
    w = gm / (s * math.sqrt(s))
    out[0] = -w * q[0]
    out[1] = -w * q[1]


def plummer_f(t, y, p, out):
    gm, b = p[0], p[1]
    s = y[0] * y[0] + y[1] * y[1] + b * b
    w = gm / (s * math.sqrt(s))
    out[0] = y[2]
    out[1] = y[3]
    out[2] = -w * y[0]
    out[3] = -w * y[1]


def plummer_j(t, y, p, J):
    gm, b = p[0], p[1]
    s = y[0] * y[0] + y[1] * y[1] + b * b
    w = gm / (s * math.sqrt(s))
    w5 = 3.0 * gm / (s * s * math.sqrt(s))
    J[:, :] = 0.0
    J[0, 2] = 1.0
    J[1, 3] = 1.0
    J[2, 0] = -w + w5 * y[0] * y[0]
    J[2, 1] = w5 * y[0] * y[1]
    J[3, 0] = w5 * y[0] * y[1]
    J[3, 1] = -w + w5 * y[1] * y[1]


def plummer_energy(values, params):
    gm, b = params["GM"], params["b"]
    x, y, vx, vy = values[:, 0], values[:, 1], values[:, 2], values[:, 3]
    return 0.5 * (vx * vx + vy * vy) - gm / np.sqrt(x * x + y * y + b * b)


register(System(
    name="star_plummer", kind="hamiltonian",
    description="A star orbiting in a Plummer sphere (a rosette in its orbital plane)",
    equations="Phi = -GM / sqrt(x^2 + y^2 + b^2)\ndvx/dt = -dPhi/dx\ndvy/dt = -dPhi/dy",
    source="Plummer, MNRAS 71, 460 (1911); Binney & Tremaine (2008), sec. 2.2",
    params={"GM": 1.0, "b": 1.0}, ic=(1.0, 0.0, 0.0, 0.5), dt=0.05, transient=0.0, step=0.0025,
    rhs=plummer_f, jac=plummer_j, accel=plummer_accel, energy=plummer_energy, components=("x", "y", "vx", "vy"),
))


# --------------------------------------------------------------------------- a quadrupole boson Hamiltonian

_R2 = math.sqrt(2.0)


def nuclear_quadrupole_accel(t, q, p, out):
    a, b, d = p[0], p[1], p[2]
    r2 = q[0] * q[0] + q[1] * q[1]
    out[0] = a * (-a * q[0] + 1.5 * _R2 * b * (q[0] * q[0] - q[1] * q[1]) - d * q[0] * r2)
    out[1] = a * (-a * q[1] - 3.0 * _R2 * b * q[0] * q[1] - d * q[1] * r2)


def nuclear_quadrupole_f(t, y, p, out):
    a, b, d = p[0], p[1], p[2]
    r2 = y[0] * y[0] + y[1] * y[1]
    out[0] = y[2]
    out[1] = y[3]
    out[2] = a * (-a * y[0] + 1.5 * _R2 * b * (y[0] * y[0] - y[1] * y[1]) - d * y[0] * r2)
    out[3] = a * (-a * y[1] - 3.0 * _R2 * b * y[0] * y[1] - d * y[1] * r2)


def nuclear_quadrupole_j(t, y, p, J):
    a, b, d = p[0], p[1], p[2]
    q1, q2 = y[0], y[1]
    J[:, :] = 0.0
    J[0, 2] = 1.0
    J[1, 3] = 1.0
    J[2, 0] = a * (-a + 3.0 * _R2 * b * q1 - d * (3.0 * q1 * q1 + q2 * q2))
    J[2, 1] = a * (-3.0 * _R2 * b * q2 - 2.0 * d * q1 * q2)
    J[3, 0] = a * (-3.0 * _R2 * b * q2 - 2.0 * d * q1 * q2)
    J[3, 1] = a * (-a - 3.0 * _R2 * b * q1 - d * (q1 * q1 + 3.0 * q2 * q2))


def nuclear_quadrupole_energy(values, params):
    a, b, d = params["a"], params["b"], params["d"]
    q1, q2, v1, v2 = values[:, 0], values[:, 1], values[:, 2], values[:, 3]
    r2 = q1 * q1 + q2 * q2
    potential = 0.5 * a * r2 - b / _R2 * (q1 ** 3 - 3.0 * q1 * q2 * q2) + 0.25 * d * r2 * r2
    return (v1 * v1 + v2 * v2) / (2.0 * a) + potential


register(System(
    name="nuclear_quadrupole", kind="hamiltonian",
    description="Quadrupole boson Hamiltonian of nuclear collective motion; chaos from resonance overlap "
                "(state q and v = a p, so v = p at a = 1)",
    equations="H = a (p1^2 + p2^2)/2 + a (q1^2 + q2^2)/2 - (b / sqrt 2)(q1^3 - 3 q1 q2^2) + d (q1^2 + q2^2)^2 / 4\n"
              "dq/dt = a p = v\ndv/dt = -a dH/dq",
    source="Baran & Raduta, Int. J. Mod. Phys. E 7, 527 (1998)", params={"a": 1.0, "b": 0.55, "d": 0.4},
    ic=(-0.85591178, 1.48078342, -0.85075322, 1.63576085), dt=0.1, transient=0.0, step=0.002,
    rhs=nuclear_quadrupole_f, jac=nuclear_quadrupole_j, accel=nuclear_quadrupole_accel,
    energy=nuclear_quadrupole_energy, components=("q1", "q2", "v1", "v2"), spectrum_time=20000.0,
    spectrum_dt=0.01, dysts_name="NuclearQuadrupole",
))
