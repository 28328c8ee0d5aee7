"""The one registration helper every flow family shares, and the sources its references cite."""

from __future__ import annotations

from ..registry import System, register

SPROTT_2003 = "Sprott, Chaos and Time-Series Analysis (Oxford 2003), App. A; recomputed by tangent-space QR"
SPROTT_1994 = "Sprott, Phys. Rev. E 50, R647 (1994), Table I; recomputed by tangent-space QR"


def _sys(name, description, equations, source, params, ic, f, j, dt=0.01, transient=50.0, **kw):
    kw.setdefault("spectrum_time", 5000.0)
    return register(System(name=name, kind="flow", description=description, equations=equations, source=source,
                           params=params, ic=ic, dt=dt, transient=transient, rhs=f, jac=j, **kw))
