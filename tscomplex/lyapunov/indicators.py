"""SALI and GALI_k: is an orbit of a built-in system regular or chaotic, from its tangent dynamics.

k deviation vectors are evolved with the orbit under the linearized
equations (the catalog's analytic Jacobian; RK4 for flows and Hamiltonian
orbits, the Jacobian product for maps) and normalized to unit length every
so often. GALI_k is the volume of the parallelepiped they span (the product
of the singular values of the matrix of unit vectors); SALI is
min(|w1 + w2|, |w1 - w2|), which behaves as GALI_2.

For a chaotic orbit both fall to zero exponentially, GALI_k as
exp(-[(l1 - l2) + ... + (l1 - lk)] t). For a regular orbit on an N-torus
(N degrees of freedom) SALI and GALI_k with k <= N stay away from zero,
and GALI_k with k > N decays as a power law, t^(-2(k - N)) (Skokos 2001;
Skokos, Bountis & Antonopoulos 2007).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit, types

from .._validation import check_int, check_scalar
from ..systems import signatures as sig
from ..systems.registry import lookup

__all__ = ["IndicatorResult", "sali", "gali", "default_dt", "CHAOTIC_THRESHOLD"]

#: SALI (GALI_k) below this means the deviation vectors have aligned: chaotic (Skokos 2001 uses 1e-8)
CHAOTIC_THRESHOLD = 1e-8
MAX_RECORDS = 2000
_TINY = 1e-300


@dataclass
class IndicatorResult:
    """An indicator against time and the verdict drawn from it.

    ``values[i]`` is the indicator at ``times[i]``; ``chaotic`` is True when it
    fell below ``threshold`` (at ``decision_time``), False when it did not by
    the end of the run, and None when the indicator cannot decide (GALI_k with
    k greater than the degrees of freedom decays for regular orbits too), with ``reason``.
    """

    indicator: str
    k: int
    times: np.ndarray
    values: np.ndarray
    chaotic: bool | None
    decision_time: float | None
    threshold: float
    system: str
    ic: np.ndarray
    params: dict
    dt: float
    reason: str = ""


def _flow_vectors(f, jac, y0, W0, p, h, n_steps, renorm_every, record_every):
    """RK4 on y and the deviation vectors W (d x k); unit columns stored every record_every renormalizations."""
    d = y0.size
    k = W0.shape[1]
    y = y0.copy()
    W = W0.copy()
    ys = np.empty(d)
    k1 = np.empty(d)
    k2 = np.empty(d)
    k3 = np.empty(d)
    k4 = np.empty(d)
    J = np.empty((d, d))
    Ws = np.empty((d, k))
    K1 = np.empty((d, k))
    K2 = np.empty((d, k))
    K3 = np.empty((d, k))
    K4 = np.empty((d, k))
    n_records = (n_steps // renorm_every) // record_every
    times = np.empty(n_records)
    snaps = np.empty((n_records, d, k))
    n_renorm = 0
    r = 0
    t = 0.0
    for step in range(n_steps):
        f(t, y, p, k1)
        jac(t, y, p, J)
        K1[:, :] = J @ W
        for i in range(d):
            ys[i] = y[i] + 0.5 * h * k1[i]
        for i in range(d):
            for j in range(k):
                Ws[i, j] = W[i, j] + 0.5 * h * K1[i, j]
        f(t + 0.5 * h, ys, p, k2)
        jac(t + 0.5 * h, ys, p, J)
        K2[:, :] = J @ Ws
        for i in range(d):
            ys[i] = y[i] + 0.5 * h * k2[i]
            for j in range(k):
                Ws[i, j] = W[i, j] + 0.5 * h * K2[i, j]
        f(t + 0.5 * h, ys, p, k3)
        jac(t + 0.5 * h, ys, p, J)
        K3[:, :] = J @ Ws
        for i in range(d):
            ys[i] = y[i] + h * k3[i]
            for j in range(k):
                Ws[i, j] = W[i, j] + h * K3[i, j]
        f(t + h, ys, p, k4)
        jac(t + h, ys, p, J)
        K4[:, :] = J @ Ws
        big = 0.0
        for i in range(d):
            y[i] += h * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]) / 6.0
            big = max(big, abs(y[i]))
            for j in range(k):
                W[i, j] += h * (K1[i, j] + 2.0 * K2[i, j] + 2.0 * K3[i, j] + K4[i, j]) / 6.0
        t += h
        if not (big <= 1e12):
            return times[:r], snaps[:r], 1, t
        if (step + 1) % renorm_every == 0:
            for j in range(k):
                norm = 0.0
                for i in range(d):
                    norm += W[i, j] * W[i, j]
                norm = math.sqrt(norm)
                if norm == 0.0 or not math.isfinite(norm):
                    return times[:r], snaps[:r], 1, t
                for i in range(d):
                    W[i, j] /= norm
            n_renorm += 1
            if n_renorm % record_every == 0 and r < n_records:
                times[r] = (step + 1) * h
                snaps[r] = W
                r += 1
    return times[:r], snaps[:r], 0, t


def _map_vectors(f, jac, y0, W0, p, n_steps, record_every):
    d = y0.size
    k = W0.shape[1]
    y = y0.copy()
    y1 = np.empty(d)
    W = W0.copy()
    J = np.empty((d, d))
    n_records = n_steps // record_every
    times = np.empty(n_records)
    snaps = np.empty((n_records, d, k))
    r = 0
    for it in range(n_steps):
        jac(float(it), y, p, J)
        W = J @ W
        f(float(it), y, p, y1)
        big = 0.0
        for i in range(d):
            y[i] = y1[i]
            big = max(big, abs(y1[i]))
        if not (big <= 1e12):
            return times[:r], snaps[:r], 1, float(it + 1)
        for j in range(k):
            norm = 0.0
            for i in range(d):
                norm += W[i, j] * W[i, j]
            norm = math.sqrt(norm)
            if norm == 0.0 or not math.isfinite(norm):
                return times[:r], snaps[:r], 1, float(it + 1)
            for i in range(d):
                W[i, j] /= norm
        if (it + 1) % record_every == 0 and r < n_records:
            times[r] = it + 1
            snaps[r] = W
            r += 1
    return times[:r], snaps[:r], 0, float(n_steps)


_VEC = types.float64[::1]
_MAT = types.float64[:, ::1]
_RESULT = types.Tuple((_VEC, types.float64[:, :, ::1], types.int64, types.float64))
_SIGNATURES = {
    "flow": _RESULT(sig.RHS_T, sig.JAC_T, _VEC, _MAT, _VEC, types.float64, types.int64, types.int64, types.int64),
    "map": _RESULT(sig.RHS_T, sig.JAC_T, _VEC, _MAT, _VEC, types.int64, types.int64),
}
_PY = {"flow": _flow_vectors, "map": _map_vectors}
_COMPILED: dict = {}


def _kernel(kind):
    if kind not in _COMPILED:
        _COMPILED[kind] = njit(_SIGNATURES[kind], cache=True, nogil=True)(_PY[kind])
    return _COMPILED[kind]


def default_dt(system) -> float:
    """The RK4 step of an indicator run of a flow: min(the system's spectrum step, 0.01); 1 for a map."""
    system = lookup(system) if isinstance(system, str) else system
    return 1.0 if system.kind == "map" else float(min(system.spectrum_dt or system.dt, 0.01))


def _evolve(name, ic, k, t_max, dt, params, seed):
    """(system, params, y0, dt, times, unit deviation vectors (r x d x k))."""
    from ..batch.interrupts import interruptible
    from ..systems.simulation import DivergenceError, _initial_state

    system = lookup(name)
    if system.kind == "delay":
        raise ValueError(f"{system.name} is a delay equation: its phase space is infinite-dimensional and it has "
                         "no finite Jacobian for SALI/GALI; choose a flow, a map or a Hamiltonian orbit")
    params = system.resolve_params(params)
    y0 = _initial_state(system, params, ic)
    d = y0.size
    k = check_int(k, "k", minimum=2)
    if k > d:
        raise ValueError(f"k = {k} deviation vectors need at most the dimension of {system.name}'s phase space ({d})")
    rng = np.random.default_rng(seed)
    W0, _ = np.linalg.qr(rng.standard_normal((d, k)))  # orthonormal: GALI_k(0) = 1
    W0 = np.ascontiguousarray(W0)
    p = system.param_array(params)
    if system.kind == "map":
        n_steps = check_int(int(t_max if t_max is not None else 10_000), "t_max", minimum=1)
        record_every = max(1, n_steps // MAX_RECORDS)
        times, snaps, status, t_fail = interruptible(_kernel("map"), system.kernel("rhs"), system.kernel("jac"),
                                                     y0, W0, p, n_steps, record_every)
        dt = 1.0
    else:
        if dt is None:
            dt = default_dt(system)
        dt = check_scalar(dt, "dt", minimum=0, include_min=False)
        t_max = check_scalar(t_max if t_max is not None else 2000.0, "t_max", minimum=0, include_min=False)
        n_steps = max(1, int(round(t_max / dt)))
        renorm_every = max(1, int(round(0.1 / dt)))
        record_every = max(1, (n_steps // renorm_every) // MAX_RECORDS)
        times, snaps, status, t_fail = interruptible(_kernel("flow"), system.kernel("rhs"), system.kernel("jac"),
                                                     y0, W0, p, float(dt), n_steps, renorm_every, record_every)
    if status != 0:
        raise DivergenceError(f"{system.name} diverged at t = {t_fail:.6g}; try a smaller dt or another ic")
    return system, params, y0, float(dt), np.asarray(times), np.asarray(snaps)


def conservative(system, params, y0) -> bool:
    """True when the system preserves phase-space volume near ``y0`` (trace J = 0 for a flow, |det J| = 1 for a
    map), where alignment of the deviation vectors tells chaos from order; on a dissipative attractor they align
    for periodic orbits too."""
    p = system.param_array(params)
    d = y0.size
    J = np.empty((d, d))
    rng = np.random.default_rng(0)
    for y in (y0, y0 + 1e-3 * rng.standard_normal(d), y0 + 1e-2 * rng.standard_normal(d)):
        system.jac(0.0, np.ascontiguousarray(y), p, J)
        if system.kind == "map":
            if not abs(abs(np.linalg.det(J)) - 1.0) < 1e-9:
                return False
        elif not abs(np.trace(J)) < 1e-9 * max(1.0, np.abs(J).max()):
            return False
    return True


#: with more deviation vectors than degrees of freedom, a fall below the threshold counts as chaos only when it
#: came this many times sooner than a regular orbit's power law t^-2(k-N), started at 1, could reach it
POWER_LAW_MARGIN = 100.0


def _verdict(system, params, y0, k, times, values, threshold):
    """(chaotic, decision_time, reason)."""
    below = np.nonzero(values < threshold)[0]
    if not conservative(system, params, y0):
        return None, None, (f"{system.name} does not preserve phase-space volume: its deviation vectors align on "
                            "periodic attractors too, so the indicator alone cannot tell chaos from order")
    when = float(times[below[0]]) if below.size else None
    dof = y0.size // 2
    if k > dof:  # regular orbits decay too, as t^-2(k - N) (Skokos et al. 2007)
        power = 2 * (k - dof)
        t_power = threshold ** (-1.0 / power)
        if when is not None and when * POWER_LAW_MARGIN <= t_power:
            return True, when, ""
        return None, None, (f"with {k} deviation vectors and {dof} degree(s) of freedom the index decays as a power "
                            f"law t^-{power} for regular orbits too; compare the curve with t^-{power}")
    return (True, when, "") if when is not None else (False, None, "")


def sali(system: str, ic=None, t_max: float | None = None, dt: float | None = None, params: dict | None = None,
         threshold: float = CHAOTIC_THRESHOLD, seed: int = 0) -> IndicatorResult:
    """The Smaller Alignment Index of an orbit of a built-in system, against time, and its verdict.

    Parameters
    ----------
    system : str
        A catalog name (a flow, a map or a Hamiltonian orbit; not a delay equation).
    ic : sequence of float, optional
        Initial state (default: the system's); its length is the phase-space dimension.
    t_max : float, optional
        Integration time (iterations for maps): default 2000 (10,000 iterations).
    dt : float, optional
        RK4 step (default: min(the system's spectrum step, 0.01)).
    params : dict, optional
        Parameter overrides.
    threshold : float, default 1e-8
        SALI below this is taken as chaotic (Skokos 2001).
    seed : int, default 0
        Seed of the random orthonormal initial deviation vectors.

    Returns
    -------
    IndicatorResult
        ``times``, ``values`` (SALI), ``chaotic`` (True once below ``threshold``,
        at ``decision_time``; False when it never was by ``t_max``; None with
        ``reason`` for a system that does not preserve phase-space volume,
        where deviation vectors align on periodic attractors too, and for a
        regular-looking orbit of a 2-D map, where SALI decays as t^-2; see
        :func:`gali`).

    Raises
    ------
    KeyError
        Unknown system or parameter.
    ValueError
        An initial condition of the wrong length, a delay equation, bad options.

    Notes
    -----
    SALI(t) = min(|w1 + w2|, |w1 - w2|) with w1, w2 the unit deviation vectors.
    For a chaotic orbit it decays as exp(-(l1 - l2) t); for a regular orbit of a
    2-degree-of-freedom Hamiltonian it fluctuates about a positive value.

    References
    ----------
    Ch. Skokos, J. Phys. A 34, 10029 (2001).

    Examples
    --------
    >>> r = sali("henon_heiles", ic=[0.0, -0.25, 0.42081, 0.0], t_max=1000)
    >>> r.chaotic
    True
    """
    sysm, params, y0, dt, times, snaps = _evolve(system, ic, 2, t_max, dt, params, seed)
    w1, w2 = snaps[:, :, 0], snaps[:, :, 1]
    values = np.minimum(np.linalg.norm(w1 + w2, axis=1), np.linalg.norm(w1 - w2, axis=1))
    chaotic, when, reason = _verdict(sysm, params, y0, 2, times, values, threshold)
    return IndicatorResult("sali", 2, times, values, chaotic, when, float(threshold), sysm.name, y0, params, dt,
                           reason)


def gali(system: str, ic=None, k: int = 2, t_max: float | None = None, dt: float | None = None,
         params: dict | None = None, threshold: float = CHAOTIC_THRESHOLD, seed: int = 0) -> IndicatorResult:
    """The Generalized Alignment Index GALI_k of an orbit of a built-in system, against time, and its verdict.

    Parameters are those of :func:`sali`, and ``k`` (2 <= k <= phase-space
    dimension), the number of deviation vectors.

    Returns
    -------
    IndicatorResult
        ``values`` is GALI_k, the product of the singular values of the d x k
        matrix of unit deviation vectors. For a Hamiltonian of N degrees of
        freedom and k > N (a 2-D map has N = 1), regular orbits decay too,
        as t^(-2(k - N)): ``chaotic`` is True only when the index fell below
        ``threshold`` 100 times sooner than that law (from 1) could, and None
        otherwise, with ``reason``; None too for a system that does not
        preserve phase-space volume.

    References
    ----------
    Ch. Skokos, T. C. Bountis and Ch. Antonopoulos, Physica D 231, 30 (2007).

    Examples
    --------
    >>> r = gali("henon_heiles", ic=[0.0, -0.25, 0.42081, 0.0], k=2, t_max=1000)
    >>> r.chaotic
    True
    """
    sysm, params, y0, dt, times, snaps = _evolve(system, ic, k, t_max, dt, params, seed)
    values = np.prod(np.linalg.svd(snaps, compute_uv=False), axis=1)
    chaotic, when, reason = _verdict(sysm, params, y0, k, times, values, threshold)
    return IndicatorResult("gali", int(k), times, values, chaotic, when, float(threshold), sysm.name, y0, params,
                           dt, reason)
