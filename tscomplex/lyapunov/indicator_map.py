"""A SALI map: regular and chaotic orbits of a 2-degree-of-freedom Hamiltonian on a surface of section.

Initial conditions lie on the section x = 0 (the first coordinate) at energy E,
on a grid of (y, p_y); p_x >= 0 follows from H = E. Each orbit gets its SALI
verdict (:func:`tscomplex.lyapunov.indicators.sali`); grid points outside the
energetically allowed region have none.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from .._threads import thread_count
from .._validation import check_int, check_scalar
from ..systems.registry import lookup
from .indicators import CHAOTIC_THRESHOLD, sali

__all__ = ["SaliMap", "sali_map"]


@dataclass
class SaliMap:
    """``y`` and ``py`` (the grid axes), ``final[i, j]`` the SALI at the end of the orbit from (0, y[j], px, py[i])
    (NaN outside the allowed region), ``chaotic[i, j]`` (None outside), ``decision_time[i, j]`` (NaN when
    not chaotic), ``energy``, ``t_max``."""

    system: str
    energy: float
    y: np.ndarray
    py: np.ndarray
    final: np.ndarray
    chaotic: list
    decision_time: np.ndarray
    t_max: float
    threshold: float


def section_ic(system, params, energy, y, py):
    """(0, y, px, py) with px >= 0 from H = E, or None where E is below the potential."""
    state = np.array([[0.0, y, 0.0, py]])
    potential_and_py = float(np.ravel(system.energy(state, params))[0])  # V(0, y) + py^2 / 2
    kinetic_x = energy - potential_and_py
    if kinetic_x < 0:
        return None
    return [0.0, float(y), float(np.sqrt(2.0 * kinetic_x)), float(py)]


def sali_map(system: str, energy: float, y_range=(-0.5, 0.7), py_range=(-0.5, 0.5), points: int = 30,
             t_max: float = 500.0, dt: float | None = None, params: dict | None = None,
             threshold: float = CHAOTIC_THRESHOLD, threads: int | None = None) -> SaliMap:
    """SALI verdicts on a ``points`` x ``points`` grid of the section x = 0 of a 2-degree-of-freedom Hamiltonian.

    The orbits run on ``threads`` threads (default: ``TSCOMPLEX_THREADS``, else every core this process
    may use; 1 inside a ``--jobs`` worker); the tangent kernel releases the GIL, and each orbit is
    independent, so the map is the same for any thread count.

    References
    ----------
    Ch. Skokos, J. Phys. A 34, 10029 (2001) (the Hénon-Heiles section at E = 1/8).

    Examples
    --------
    >>> m = sali_map("henon_heiles", 1 / 8, points=3, t_max=50)
    >>> m.final.shape
    (3, 3)
    """
    sysm = lookup(system)
    if sysm.kind != "hamiltonian" or sysm.energy is None or sysm.dimension() != 4:
        raise ValueError(f"{sysm.name} is not a Hamiltonian of 2 degrees of freedom: a SALI map needs one "
                         "(a surface of section x = 0 at a given energy)")
    params = sysm.resolve_params(params)
    energy = check_scalar(energy, "energy")
    points = check_int(points, "points", minimum=2)
    ys = np.linspace(float(y_range[0]), float(y_range[1]), points)
    pys = np.linspace(float(py_range[0]), float(py_range[1]), points)
    final = np.full((points, points), np.nan)
    when = np.full((points, points), np.nan)
    chaotic = [[None] * points for _ in range(points)]
    tasks = [(i, j, ic) for i, py in enumerate(pys) for j, y in enumerate(ys)
             if (ic := section_ic(sysm, params, energy, y, py)) is not None]

    def run(task):
        i, j, ic = task
        return i, j, sali(sysm.name, ic=ic, t_max=t_max, dt=dt, params=params, threshold=threshold)

    def store(i, j, r):
        final[i, j] = r.values[-1] if r.values.size else np.nan
        chaotic[i][j] = r.chaotic
        if r.decision_time is not None:
            when[i, j] = r.decision_time

    if tasks:
        store(*run(tasks[0]))  # the first orbit compiles (or loads) the kernel before any thread starts
    workers = min(thread_count() if threads is None else max(1, int(threads)), max(1, len(tasks) - 1))
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for out in pool.map(run, tasks[1:]):
                store(*out)
    else:
        for task in tasks[1:]:
            store(*run(task))
    return SaliMap(sysm.name, float(energy), ys, pys, final, chaotic, when, float(t_max), float(threshold))
