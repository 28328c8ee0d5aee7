"""Built-in chaotic systems: a catalog of maps, flows, a delay equation and Hamiltonian orbits, and ``simulate``.

``names()`` lists the catalog, ``get(name)`` returns a :class:`System` (its
equations, defaults, references and kernels) and ``simulate(name, n, ...)``
returns a :class:`Trajectory` sampled on a uniform grid.

- :mod:`.catalog`: the equations, Jacobians and registry entries, one module per family;
- :mod:`.registry`: :class:`System`, :class:`Reference`, ``register``, ``names``, ``get``;
- :mod:`.simulation` and :mod:`.integrators`: sampling a system on a grid;
- :mod:`.describe`: ``summary`` and ``details``, the records of ``systems list`` and ``systems show``;
- :mod:`.invariants`: the computed Lyapunov spectrum, Kaplan-Yorke dimension, natural period and
  Lyapunov time of each system, stored in ``catalog/invariants.json`` (``stored(name)``).

The Lyapunov spectrum from the equations is :func:`tscomplex.lyapunov.lyapunov_spectrum`.
"""

from __future__ import annotations

from . import catalog  # noqa: F401  (importing registers the systems)
from .describe import details, summary
from .registry import REGISTRY, Reference, System, get, lookup, names  # noqa: F401
from .simulation import BLOWUP, DEFAULT_ATOL, DEFAULT_RTOL, DivergenceError, Trajectory, _initial_state  # noqa: F401
from .simulation import simulate  # the function; its module is systems.simulation

__all__ = ["Trajectory", "System", "Reference", "DivergenceError", "names", "get", "simulate", "summary", "details"]
