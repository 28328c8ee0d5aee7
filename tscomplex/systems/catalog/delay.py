"""The Mackey-Glass delay equation: ``f(t, y, yd, p, out)`` sees the state and the state one delay ago."""

from __future__ import annotations

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
))
