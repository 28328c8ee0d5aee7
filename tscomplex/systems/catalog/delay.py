"""Delay differential equations: ``f(t, y, yd, p, out)`` sees the state and the state one delay ago.

``j(t, y, yd, p, J)`` writes J = [d f / d y | d f / d yd]. Every delay is the parameter ``tau``; the
initial history is constant (the initial condition) on [-tau, 0].
"""

from __future__ import annotations

import math

from ..registry import Reference, System, register


def mackey_glass_f(t, y, yd, p, out):
    beta, gamma, n = p[0], p[1], p[2]
    out[0] = beta * yd[0] / (1.0 + yd[0] ** n) - gamma * y[0]


def mackey_glass_j(t, y, yd, p, J):
    beta, gamma, n = p[0], p[1], p[2]
    u = yd[0] ** n
    J[0, 0] = -gamma
    J[0, 1] = beta * (1.0 + (1.0 - n) * u) / ((1.0 + u) * (1.0 + u))


register(System(
    name="mackey_glass", kind="delay",
    description="Mackey-Glass delay equation of blood-cell production (chaotic for tau >= 17)",
    equations="dx/dt = beta x(t - tau) / (1 + x(t - tau)^n) - gamma x(t)",
    source="Mackey & Glass, Science 197, 287 (1977)",
    params={"beta": 0.2, "gamma": 0.1, "n": 10.0, "tau": 17.0}, ic=(1.2,), dt=1.0, transient=500.0, step=0.02,
    rhs=mackey_glass_f, jac=mackey_glass_j, components=("x",), spectrum_time=20000.0, spectrum_dt=0.02,
    check=lambda params: "tau must be positive" if params["tau"] <= 0 else None,
    references=(Reference((0.005,), "docs/references.md: about 0.005 at tau = 17 (approximate)"),
                Reference((0.0095,), "docs/references.md: about 0.0095 at tau = 23 (approximate)",
                          params={"tau": 23.0})),
    dysts_name="MackeyGlass",
))


def _positive_tau(params):
    return "tau must be positive" if params["tau"] <= 0 else None


def _delay(name, description, equations, source, params, ic, f, j, dt, step, transient, **kw):
    kw.setdefault("spectrum_time", 20000.0)
    kw.setdefault("spectrum_dt", step)
    return register(System(name=name, kind="delay", description=description, equations=equations, source=source,
                           params=params, ic=ic, dt=dt, transient=transient, step=step, rhs=f, jac=j,
                           components=("x",), check=_positive_tau, **kw))


def ikeda_delay_f(t, y, yd, p, out):
    c, mu, x0 = p[0], p[1], p[2]
    out[0] = mu * math.sin(yd[0] - x0) - c * y[0]


def ikeda_delay_j(t, y, yd, p, J):
    c, mu, x0 = p[0], p[1], p[2]
    J[0, 0] = -c
    J[0, 1] = mu * math.cos(yd[0] - x0)


_delay("ikeda_delay", "Ikeda's delayed optical feedback in a passive ring resonator (high-dimensional chaos)",
       "dx/dt = mu sin(x(t - tau) - x0) - c x(t)",
       "Ikeda & Matsumoto, Physica D 29, 223 (1987); Ikeda, Opt. Commun. 30, 257 (1979)",
       {"c": 1.0, "mu": -20.0, "x0": 0.0, "tau": 2.0}, (0.5,), ikeda_delay_f, ikeda_delay_j,
       dt=0.05, step=0.005, transient=100.0, spectrum_time=2000.0, dysts_name="IkedaDelay")


def sprott_delay_f(t, y, yd, p, out):
    out[0] = math.sin(yd[0])


def sprott_delay_j(t, y, yd, p, J):
    J[0, 0] = 0.0
    J[0, 1] = math.cos(yd[0])


_delay("sprott_delay", "Sprott's algebraically simplest chaotic delay equation (chaos sets in near tau = 5)",
       "dx/dt = sin(x(t - tau))", "Sprott, Phys. Lett. A 366, 397 (2007)", {"tau": 5.1}, (1.0,),
       sprott_delay_f, sprott_delay_j, dt=0.2, step=0.02, transient=500.0, dysts_name="SprottDelay")


def scroll_delay_f(t, y, yd, p, out):
    alpha, beta = p[0], p[1]
    out[0] = -alpha * yd[0] + beta * math.tanh(10.0 * yd[0])


def scroll_delay_j(t, y, yd, p, J):
    alpha, beta = p[0], p[1]
    th = math.tanh(10.0 * yd[0])
    J[0, 0] = 0.0
    J[0, 1] = -alpha + 10.0 * beta * (1.0 - th * th)


_delay("scroll_delay", "A delay equation with a smoothed step nonlinearity, realizable as an electronic circuit",
       "dx/dt = -alpha x(t - tau) + beta tanh(10 x(t - tau))",
       "Driver, Ordinary and Delay Differential Equations (Springer 1977); as in dysts (Gilpin 2021)",
       {"alpha": 0.2, "beta": 0.2, "tau": 10.0}, (0.5,), scroll_delay_f, scroll_delay_j,
       dt=0.5, step=0.05, transient=1000.0, spectrum_time=50000.0, dysts_name="ScrollDelay")


def voss_delay_f(t, y, yd, p, out):
    u = yd[0]
    out[0] = -p[0] * y[0] + (-10.44 * u * u * u - 13.95 * u * u - 3.63 * u + 0.85)


def voss_delay_j(t, y, yd, p, J):
    u = yd[0]
    J[0, 0] = -p[0]
    J[0, 1] = -31.32 * u * u - 27.9 * u - 3.63


_delay("voss_delay", "Voss' electronic circuit with delayed cubic feedback",
       "dx/dt = -alpha x(t) + f(x(t - tau)),  f(u) = -10.44 u^3 - 13.95 u^2 - 3.63 u + 0.85",
       "Voss, Int. J. Bifurcation Chaos 12, 1619 (2002)", {"alpha": 3.24, "tau": 13.28}, (0.2,),
       voss_delay_f, voss_delay_j, dt=0.1, step=0.01, transient=500.0, dysts_name="VossDelay")


def piecewise_circuit_f(t, y, yd, p, out):
    alpha, beta, c = p[0], p[1], p[2]
    u = yd[0] / c
    out[0] = -alpha * yd[0] + beta * (3.0 * u - u * u * u)


def piecewise_circuit_j(t, y, yd, p, J):
    alpha, beta, c = p[0], p[1], p[2]
    u = yd[0] / c
    J[0, 0] = 0.0
    J[0, 1] = -alpha + beta * (3.0 - 3.0 * u * u) / c


_delay("piecewise_circuit", "Tamaševičius' delay circuit with a cubic (smoothed piecewise) nonlinearity",
       "dx/dt = -alpha x(t - tau) + beta (3 u - u^3),  u = x(t - tau) / c",
       "Tamaševičius, Mykolaitis, Bumelienė, Electron. Lett. 42, 13 (2006)",
       {"alpha": 1.0, "beta": 1.0, "c": 2.24, "tau": 4.9}, (0.5,), piecewise_circuit_f, piecewise_circuit_j,
       dt=0.2, step=0.02, transient=500.0, dysts_name="PiecewiseCircuit")
