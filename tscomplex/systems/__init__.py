"""Built-in chaotic systems (placeholder until the catalog lands: the logistic map only).

Contract kept by the full catalog: ``names()``, ``get(name)`` and
``simulate(name, n, ...)`` returning a :class:`Trajectory`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass
class Trajectory:
    """Samples of a system on a uniform grid: ``values[i, k]`` is component k at ``time[i]``."""

    name: str
    time: np.ndarray
    values: np.ndarray
    components: list
    dt: float
    params: dict

    def component(self, key) -> np.ndarray:
        """One component by name (``x``) or index (``0``)."""
        if isinstance(key, str) and key in self.components:
            return self.values[:, self.components.index(key)]
        try:
            return self.values[:, int(key)]
        except (ValueError, IndexError):
            raise KeyError(f"{self.name} has no component {key!r}; components are {', '.join(self.components)}")


def names() -> list[str]:
    return ["logistic"]


def simulate(name: str, n: int = 10_000, params: dict | None = None, ic=None, transient: int = 0, **_):
    """Iterate the logistic map x -> r x (1 - x) (r = 4, x0 = 0.1 by default)."""
    if name != "logistic":
        raise KeyError(f"unknown system {name!r}; known: logistic")
    r = float((params or {}).get("r", 4.0))
    x = 0.1 if ic is None else float(np.atleast_1d(ic)[0])
    for _ in range(transient):
        x = r * x * (1 - x)
    out = np.empty(n)
    for i in range(n):
        out[i] = x
        x = r * x * (1 - x)
    return Trajectory(name, np.arange(n, dtype=float), out[:, None], ["x"], 1.0, {"r": r})
