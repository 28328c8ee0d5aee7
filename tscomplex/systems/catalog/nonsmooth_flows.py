"""Flows whose field jumps across a plane: the stick-slip oscillator, the fluid trampoline.

Each declares its switching plane (``switching=(index, value)``, the value a number or a parameter's
name); the tangent-space spectrum applies the saltation matrix at every crossing and follows Filippov
sliding along the plane (:mod:`tscomplex.lyapunov.tangent_switching`). The Jacobians are those of each side (defined
everywhere off the plane). As in dysts, the forcing phase is a third state, theta' = w, so the flow is
autonomous, its initial phase part of the initial condition (the fluid trampoline's attractor from
dysts' theta = 0.1 is chaotic, the one from theta = 0 periodic), and theta grows without bound.
"""

from __future__ import annotations

import math

from ._flow import _sys


def stick_slip_oscillator_f(t, y, p, out):
    a, alpha, b, beta, eps, gamma, t0, vs, w = p[0], p[1], p[2], p[3], p[4], p[5], p[6], p[7], p[8]
    u = y[1] - vs
    s = 1.0 if u > 0.0 else (-1.0 if u < 0.0 else 0.0)
    friction = t0 * s - alpha * y[1] + beta * u * u * u
    out[0] = y[1]
    out[1] = eps * (gamma * math.cos(y[2]) - friction) + a * y[0] - b * y[0] ** 3
    out[2] = w


def stick_slip_oscillator_j(t, y, p, J):
    a, alpha, b, beta, eps, gamma, vs = p[0], p[1], p[2], p[3], p[4], p[5], p[7]
    u = y[1] - vs
    J[0, 0] = 0.0
    J[0, 1] = 1.0
    J[0, 2] = 0.0
    J[1, 0] = a - 3.0 * b * y[0] * y[0]
    J[1, 1] = -eps * (-alpha + 3.0 * beta * u * u)
    J[1, 2] = -eps * gamma * math.sin(y[2])
    J[2, 0] = 0.0
    J[2, 1] = 0.0
    J[2, 2] = 0.0


_sys("stick_slip_oscillator", "A weakly forced two-well oscillator on a belt moving at vs, with stick-slip "
     "friction t0 sgn(v - vs); the field jumps at v = vs (saltation matrices at crossings, Filippov sliding along "
     "it in the 'stick' phases). Not chaotic at these parameters: after a transient the orbit settles on a stable "
     "periodic orbit of three forcing periods (3 pi) with one stick phase each; exponents 0 (the forcing phase), "
     "-0.037 (Floquet multiplier 0.704 per orbit) and -inf (each stick phase collapses a direction)",
     "dx/dt = v\ndv/dt = eps (gamma cos(theta) - T(v)) + a x - b x^3\ndtheta/dt = w\n"
     "T(v) = t0 sgn(v - vs) - alpha v + beta (v - vs)^3",
     "Awrejcewicz & Holicke, Int. J. Bifurcation Chaos 9, 505 (1999)",
     {"a": 1.0, "alpha": 0.3, "b": 1.0, "beta": 0.3, "eps": 0.05, "gamma": 1.0, "t0": 0.3, "vs": 0.4, "w": 2.0},
     (0.85539847, -0.39125834, 0.0), stick_slip_oscillator_f, stick_slip_oscillator_j, dt=0.05,
     transient=100.0, spectrum_dt=0.005, components=("x", "v", "theta"), dysts_name="StickSlipOscillator", switching=(1, "vs"))


def fluid_trampoline_f(t, y, p, out):
    gamma, psi, w = p[0], p[1], p[2]
    out[0] = y[1]
    film = y[0] + psi * y[1] * abs(y[1]) if y[0] < 0.0 else 0.0
    out[1] = -1.0 - film + gamma * math.cos(y[2])
    out[2] = w


def fluid_trampoline_j(t, y, p, J):
    gamma, psi = p[0], p[1]
    J[0, 0] = 0.0
    J[0, 1] = 1.0
    J[0, 2] = 0.0
    J[1, 0] = -1.0 if y[0] < 0.0 else 0.0
    J[1, 1] = -2.0 * psi * abs(y[1]) if y[0] < 0.0 else 0.0
    J[1, 2] = -gamma * math.sin(y[2])
    J[2, 0] = 0.0
    J[2, 1] = 0.0
    J[2, 2] = 0.0


_sys("fluid_trampoline", "A droplet bouncing on a vibrated soap film: free flight above the film (x > 0), a "
     "spring with quadratic drag while in contact (x < 0); the field jumps at x = 0 by psi y|y| (saltation "
     "matrices in the spectrum). Chaotic for thousands of time units (lambda_1 about 0.05 over the first 5000, "
     "by saltation QR and by two trajectories alike), but a periodic orbit coexists (reached from theta = 0) "
     "and the catalog's longer fixed-step runs (10^4 time units and more) settle on it: stored not chaotic",
     "dx/dt = y\ndy/dt = -1 - H(-x) (x + psi y |y|) + gamma cos(theta)\ndtheta/dt = w",
     "Gilet & Bush, J. Fluid Mech. 625, 167 (2009)", {"gamma": 1.82, "psi": 0.01019, "w": 1.21},
     (-0.65820064, -2.8807787, 0.1), fluid_trampoline_f, fluid_trampoline_j, dt=0.05, transient=100.0,
     spectrum_dt=0.005, components=("x", "y", "theta"), dysts_name="FluidTrampoline", switching=(0, 0.0))
