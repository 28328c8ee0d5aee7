"""The Lyapunov spectrum of a built-in system from its equations, by the tangent-space QR method.

The state is evolved together with a set of tangent vectors under the
linearized dynamics (the analytic Jacobian of the catalog); every so often
the tangent vectors are re-orthonormalized by a QR decomposition
(modified Gram-Schmidt) and the logs of the diagonal of R are accumulated.
Their time averages are the exponents (Benettin et al. 1980; Shimada &
Nagashima 1979): per time unit for flows, per iteration for maps.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numba import njit, types

from . import signatures as sig
from .registry import lookup

__all__ = ["LyapunovSpectrum", "lyapunov_spectrum", "kaplan_yorke_dimension"]

BLOWUP = 1e12
MAX_RECORDS = 1000
DELAY_EXPONENTS = 3


@dataclass
class LyapunovSpectrum:
    """The Lyapunov spectrum of a system and how it converged.

    ``exponents`` are sorted in descending order (natural log; per time unit
    for flows, per iteration for maps). ``times`` are the times (iterations)
    of the running estimates and ``history[k]`` the estimate at ``times[k]``
    (only with ``return_history=True``).
    """

    exponents: np.ndarray
    kaplan_yorke_dimension: float
    times: np.ndarray
    history: np.ndarray | None
    system: str
    params: dict


def kaplan_yorke_dimension(exponents) -> float:
    """The Kaplan-Yorke (Lyapunov) dimension of a spectrum.

    Parameters
    ----------
    exponents : array_like
        Lyapunov exponents (any order; they are sorted descending here).

    Returns
    -------
    float
        D_KY = j + (lambda_1 + ... + lambda_j) / |lambda_{j+1}|, where j is the
        largest index whose partial sum is >= 0; 0 when lambda_1 < 0, and the
        number of exponents when every partial sum is >= 0.

    Notes
    -----
    Kaplan & Yorke, Lecture Notes in Math. 730, 204 (1979).

    Examples
    --------
    >>> round(kaplan_yorke_dimension([0.9056, 0.0, -14.5723]), 4)
    2.0621
    """
    lam = np.sort(np.asarray(exponents, dtype=np.float64).ravel())[::-1]
    if lam.size == 0 or not np.all(np.isfinite(lam)):
        raise ValueError("exponents must be a non-empty array of finite numbers")
    sums = np.cumsum(lam)
    if sums[0] < 0:
        return 0.0
    nonneg = np.nonzero(sums >= 0)[0]
    j = int(nonneg[-1]) + 1          # number of exponents in the largest non-negative partial sum
    if j == lam.size:
        return float(lam.size)
    return float(j + sums[j - 1] / abs(lam[j]))


# --------------------------------------------------------------------------- kernels


def _gram_schmidt(Q, sums, scale):
    """Orthonormalize the columns of Q in place (modified Gram-Schmidt); add log |R_jj| to sums."""
    rows, cols = Q.shape
    for j in range(cols):
        for i in range(j):
            r = 0.0
            for k in range(rows):
                r += Q[k, i] * Q[k, j]
            for k in range(rows):
                Q[k, j] -= r * Q[k, i]
        norm = 0.0
        for k in range(rows):
            norm += Q[k, j] * Q[k, j]
        norm = math.sqrt(norm * scale)
        if norm == 0.0 or not math.isfinite(norm):
            return False
        sums[j] += math.log(norm)
        for k in range(rows):
            Q[k, j] /= norm
    return True


def _gram_schmidt_histories(T, sums, scale):
    """Modified Gram-Schmidt over the tangent histories T[e] (each an (m, d) array taken as one vector)."""
    n_exp, rows, d = T.shape
    for j in range(n_exp):
        for i in range(j):
            r = 0.0
            for a in range(rows):
                for b in range(d):
                    r += T[i, a, b] * T[j, a, b]
            for a in range(rows):
                for b in range(d):
                    T[j, a, b] -= scale * r * T[i, a, b]
        norm = 0.0
        for a in range(rows):
            for b in range(d):
                norm += T[j, a, b] * T[j, a, b]
        norm = math.sqrt(norm * scale)
        if norm == 0.0 or not math.isfinite(norm):
            return False
        sums[j] += math.log(norm)
        for a in range(rows):
            for b in range(d):
                T[j, a, b] /= norm
    return True


def _matmul(A, B, out):
    n, m = A.shape
    c = B.shape[1]
    for i in range(n):
        for j in range(c):
            s = 0.0
            for k in range(m):
                s += A[i, k] * B[k, j]
            out[i, j] = s


def _flow_spectrum(f, jac, y0, p, h, n_steps, transient_steps, renorm_every, record_every):
    """RK4 on the state and the variational equation dQ/dt = J(y) Q."""
    d = y0.size
    y = y0.copy()
    ys = np.empty(d)
    k1 = np.empty(d)
    k2 = np.empty(d)
    k3 = np.empty(d)
    k4 = np.empty(d)
    J = np.empty((d, d))
    Q = np.eye(d)
    Qs = np.empty((d, d))
    K1 = np.empty((d, d))
    K2 = np.empty((d, d))
    K3 = np.empty((d, d))
    K4 = np.empty((d, d))
    sums = np.zeros(d)
    n_records = (n_steps // renorm_every) // record_every
    times = np.empty(n_records)
    history = np.empty((n_records, d))
    t = 0.0
    for step in range(transient_steps):
        f(t, y, p, k1)
        for i in range(d):
            ys[i] = y[i] + 0.5 * h * k1[i]
        f(t + 0.5 * h, ys, p, k2)
        for i in range(d):
            ys[i] = y[i] + 0.5 * h * k2[i]
        f(t + 0.5 * h, ys, p, k3)
        for i in range(d):
            ys[i] = y[i] + h * k3[i]
        f(t + h, ys, p, k4)
        big = 0.0
        for i in range(d):
            y[i] += h * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]) / 6.0
            big = max(big, abs(y[i]))
        t += h
        if not (big <= 1e12):
            return sums, times[:0], history[:0], 1, t
    t_start = t
    n_renorm = 0
    k = 0
    for step in range(n_steps):
        f(t, y, p, k1)
        jac(t, y, p, J)
        _matmul(J, Q, K1)
        for i in range(d):
            ys[i] = y[i] + 0.5 * h * k1[i]
            for j in range(d):
                Qs[i, j] = Q[i, j] + 0.5 * h * K1[i, j]
        f(t + 0.5 * h, ys, p, k2)
        jac(t + 0.5 * h, ys, p, J)
        _matmul(J, Qs, K2)
        for i in range(d):
            ys[i] = y[i] + 0.5 * h * k2[i]
            for j in range(d):
                Qs[i, j] = Q[i, j] + 0.5 * h * K2[i, j]
        f(t + 0.5 * h, ys, p, k3)
        jac(t + 0.5 * h, ys, p, J)
        _matmul(J, Qs, K3)
        for i in range(d):
            ys[i] = y[i] + h * k3[i]
            for j in range(d):
                Qs[i, j] = Q[i, j] + h * K3[i, j]
        f(t + h, ys, p, k4)
        jac(t + h, ys, p, J)
        _matmul(J, Qs, K4)
        big = 0.0
        for i in range(d):
            y[i] += h * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]) / 6.0
            big = max(big, abs(y[i]))
            for j in range(d):
                Q[i, j] += h * (K1[i, j] + 2.0 * K2[i, j] + 2.0 * K3[i, j] + K4[i, j]) / 6.0
        t += h
        if not (big <= 1e12):
            return sums, times[:k], history[:k], 1, t
        if (step + 1) % renorm_every == 0:
            if not _gram_schmidt(Q, sums, 1.0):
                return sums, times[:k], history[:k], 1, t
            n_renorm += 1
            if n_renorm % record_every == 0 and k < n_records:
                times[k] = t - t_start
                for i in range(d):
                    history[k, i] = sums[i] / (t - t_start)
                k += 1
    if n_steps % renorm_every != 0:
        if not _gram_schmidt(Q, sums, 1.0):
            return sums, times[:k], history[:k], 1, t
    for i in range(d):
        sums[i] /= (t - t_start)
    return sums, times[:k], history[:k], 0, t


def _map_spectrum(f, jac, y0, p, n_steps, transient, record_every):
    d = y0.size
    y = y0.copy()
    y1 = np.empty(d)
    J = np.empty((d, d))
    Q = np.eye(d)
    Q1 = np.empty((d, d))
    sums = np.zeros(d)
    n_records = n_steps // record_every
    times = np.empty(n_records)
    history = np.empty((n_records, d))
    for it in range(transient):
        f(float(it), y, p, y1)
        for i in range(d):
            y[i] = y1[i]
        if not (np.max(np.abs(y)) <= 1e12):
            return sums, times[:0], history[:0], 1, float(it + 1)
    k = 0
    for it in range(n_steps):
        tt = float(transient + it)
        jac(tt, y, p, J)
        _matmul(J, Q, Q1)
        f(tt, y, p, y1)
        big = 0.0
        for i in range(d):
            y[i] = y1[i]
            big = max(big, abs(y1[i]))
            for j in range(d):
                Q[i, j] = Q1[i, j]
        if not (big <= 1e12) or not _gram_schmidt(Q, sums, 1.0):
            return sums, times[:k], history[:k], 1, tt + 1.0
        if (it + 1) % record_every == 0 and k < n_records:
            times[k] = it + 1
            for i in range(d):
                history[k, i] = sums[i] / (it + 1)
            k += 1
    for i in range(d):
        sums[i] /= n_steps
    return sums, times[:k], history[:k], 0, float(transient + n_steps)


def _ring_value(ring, pos, m_ring, hist0, out):
    """Linear interpolation of a ring-buffered history at grid position ``pos`` (< 0: ``hist0``)."""
    d = out.size
    if pos < 0.0:
        for i in range(d):
            out[i] = hist0[i]
        return
    j = int(math.floor(pos))
    frac = pos - j
    a = j % m_ring
    b = (j + 1) % m_ring
    for i in range(d):
        out[i] = ring[a, i] if frac == 0.0 else (1.0 - frac) * ring[a, i] + frac * ring[b, i]


def _delay_spectrum(f, jac, y0, p, tau, h, n_steps, transient_steps, tangent0, renorm_every, record_every):
    """RK4 with a stored history, and its exact linearization acting on ``n_exp`` tangent histories.

    The discretized delay equation is a map on the history window (ring
    buffer); the tangent histories are re-orthonormalized together
    (Farmer, Physica D 4, 366, 1982), with the norm sqrt(h sum |v|^2) of the
    function space.
    """
    d = y0.size
    n_exp = tangent0.shape[0]
    m = tau / h
    m_ring = tangent0.shape[1]
    ring = np.empty((m_ring, d))
    tang = tangent0.copy()               # (n_exp, m_ring, d)
    zero = np.zeros(d)
    y = y0.copy()
    ys = np.empty(d)
    yd1 = np.empty(d)
    yd2 = np.empty(d)
    yd4 = np.empty(d)
    k1 = np.empty(d)
    k2 = np.empty(d)
    k3 = np.empty(d)
    k4 = np.empty(d)
    J1 = np.empty((d, 2 * d))
    J2 = np.empty((d, 2 * d))
    J3 = np.empty((d, 2 * d))
    J4 = np.empty((d, 2 * d))
    dy = np.empty(d)
    dd1 = np.empty(d)
    dd2 = np.empty(d)
    dd4 = np.empty(d)
    dk1 = np.empty(d)
    dk2 = np.empty(d)
    dk3 = np.empty(d)
    dk4 = np.empty(d)
    sums = np.zeros(n_exp)
    n_records = (n_steps // renorm_every) // record_every
    times = np.empty(n_records)
    history = np.empty((n_records, n_exp))
    for i in range(d):
        ring[0, i] = y[i]
    k = 0
    n_renorm = 0
    total = transient_steps + n_steps
    for step in range(total):
        t = step * h
        _ring_value(ring, step - m, m_ring, y0, yd1)
        _ring_value(ring, step - m + 0.5, m_ring, y0, yd2)
        _ring_value(ring, step - m + 1.0, m_ring, y0, yd4)
        f(t, y, yd1, p, k1)
        if step >= transient_steps:
            jac(t, y, yd1, p, J1)
        for i in range(d):
            ys[i] = y[i] + 0.5 * h * k1[i]
        f(t + 0.5 * h, ys, yd2, p, k2)
        if step >= transient_steps:
            jac(t + 0.5 * h, ys, yd2, p, J2)
        for i in range(d):
            ys[i] = y[i] + 0.5 * h * k2[i]
        f(t + 0.5 * h, ys, yd2, p, k3)
        if step >= transient_steps:
            jac(t + 0.5 * h, ys, yd2, p, J3)
        for i in range(d):
            ys[i] = y[i] + h * k3[i]
        f(t + h, ys, yd4, p, k4)
        if step >= transient_steps:
            jac(t + h, ys, yd4, p, J4)
            # the ring holds the perturbed history window; its initial content is the random tangent0
            for e in range(n_exp):
                te = tang[e]
                for i in range(d):
                    dy[i] = te[step % m_ring, i]
                _ring_value(te, step - m, m_ring, zero, dd1)
                _ring_value(te, step - m + 0.5, m_ring, zero, dd2)
                _ring_value(te, step - m + 1.0, m_ring, zero, dd4)
                for i in range(d):
                    s = 0.0
                    for j in range(d):
                        s += J1[i, j] * dy[j] + J1[i, d + j] * dd1[j]
                    dk1[i] = s
                for i in range(d):
                    s = 0.0
                    for j in range(d):
                        s += J2[i, j] * (dy[j] + 0.5 * h * dk1[j]) + J2[i, d + j] * dd2[j]
                    dk2[i] = s
                for i in range(d):
                    s = 0.0
                    for j in range(d):
                        s += J3[i, j] * (dy[j] + 0.5 * h * dk2[j]) + J3[i, d + j] * dd2[j]
                    dk3[i] = s
                for i in range(d):
                    s = 0.0
                    for j in range(d):
                        s += J4[i, j] * (dy[j] + h * dk3[j]) + J4[i, d + j] * dd4[j]
                    dk4[i] = s
                for i in range(d):
                    te[(step + 1) % m_ring, i] = dy[i] + h * (dk1[i] + 2.0 * dk2[i] + 2.0 * dk3[i] + dk4[i]) / 6.0
        big = 0.0
        for i in range(d):
            y[i] += h * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]) / 6.0
            ring[(step + 1) % m_ring, i] = y[i]
            big = max(big, abs(y[i]))
        if not (big <= 1e12):
            return sums, times[:k], history[:k], 1, (step + 1) * h
        if step >= transient_steps and (step + 1 - transient_steps) % renorm_every == 0:
            if not _gram_schmidt_histories(tang, sums, h):
                return sums, times[:k], history[:k], 1, (step + 1) * h
            n_renorm += 1
            if n_renorm % record_every == 0 and k < n_records:
                elapsed = (step + 1 - transient_steps) * h
                times[k] = elapsed
                for i in range(n_exp):
                    history[k, i] = sums[i] / elapsed
                k += 1
    elapsed = n_steps * h
    for i in range(n_exp):
        sums[i] /= elapsed
    return sums, times[:k], history[:k], 0, total * h


_VEC = types.float64[::1]
_MAT = types.float64[:, ::1]
_RESULT = types.Tuple((_VEC, _VEC, _MAT, types.int64, types.float64))
_SIGNATURES = {
    "flow": _RESULT(sig.RHS_T, sig.JAC_T, _VEC, _VEC, types.float64, types.int64, types.int64, types.int64,
                    types.int64),
    "map": _RESULT(sig.RHS_T, sig.JAC_T, _VEC, _VEC, types.int64, types.int64, types.int64),
    "delay": _RESULT(sig.DELAY_RHS_T, sig.DELAY_JAC_T, _VEC, _VEC, types.float64, types.float64, types.int64,
                     types.int64, types.float64[:, :, ::1], types.int64, types.int64),
}
_PY = {"flow": _flow_spectrum, "map": _map_spectrum, "delay": _delay_spectrum}
_COMPILED: dict = {}
_gram_schmidt = njit(cache=True, nogil=True)(_gram_schmidt)
_matmul = njit(cache=True, nogil=True)(_matmul)
_gram_schmidt_histories = njit(cache=True, nogil=True)(_gram_schmidt_histories)
_ring_value = njit(cache=True, nogil=True)(_ring_value)


def _kernel(kind: str):
    if kind not in _COMPILED:
        _COMPILED[kind] = njit(_SIGNATURES[kind], cache=True, nogil=True)(_PY[kind])
    return _COMPILED[kind]


# --------------------------------------------------------------------------- public API


def lyapunov_spectrum(name: str, params: dict | None = None, n_steps: int | None = None, dt: float | None = None,
                      transient: float | None = None, ic=None, return_history: bool = False) -> LyapunovSpectrum:
    """The Lyapunov spectrum of a built-in system, from its equations and analytic Jacobian.

    Parameters
    ----------
    name : str
        A catalog name (see ``tscomplex systems list``).
    params : dict, optional
        Parameter overrides.
    n_steps : int, optional
        Integration steps (flows, delay) or iterations (maps) averaged over,
        after the transient. Default: the system's ``spectrum_time`` divided by ``dt``.
    dt : float, optional
        Fixed RK4 step for flows (default: the system's ``spectrum_dt``, else
        min(its sampling step, 0.01)); the history step for the delay
        equation. Not used for maps.
    transient : float, optional
        Time (iterations for maps) discarded before averaging (default: the system's).
    ic : sequence of float, optional
        Initial state (default: the system's).
    return_history : bool
        Also return the running estimates, to see convergence.

    Returns
    -------
    LyapunovSpectrum
        ``exponents`` (descending; per time unit for flows, per iteration for
        maps), ``kaplan_yorke_dimension``, ``times``, ``history`` (k, dim) or
        None, ``system``, ``params``. For the delay equation, whose phase
        space is infinite-dimensional, the leading 3 exponents.

    Raises
    ------
    KeyError
        Unknown system or parameter.
    ValueError
        Bad arguments, or a run that diverges (naming the time).

    Notes
    -----
    With Q_0 = I and y' = f(t, y), the tangent vectors obey Q' = J(t, y) Q
    (maps: Q_{n+1} = J(x_n) Q_n). Every few steps Q = Q' R (modified
    Gram-Schmidt) and lambda_i = (1/T) sum log R_ii. Flows use classical
    RK4 on (y, Q) with a fixed step; renormalization every ~0.1 time units.
    Hamiltonian orbits are treated as flows of (q, v). The delay equation is
    discretized on its history (RK4, step dt) and its exact linearization is
    applied to tangent histories.

    References
    ----------
    Benettin, Galgani, Giorgilli & Strelcyn, Meccanica 15, 9 and 21 (1980);
    Shimada & Nagashima, Prog. Theor. Phys. 61, 1605 (1979); Farmer,
    Physica D 4, 366 (1982) for delay equations.

    Examples
    --------
    >>> from tscomplex.systems.spectrum import lyapunov_spectrum
    >>> s = lyapunov_spectrum("henon", n_steps=100_000)
    >>> [round(float(v), 2) for v in s.exponents]
    [0.42, -1.62]
    """
    from ..interrupts import interruptible  # a long run must not turn Ctrl-C into a crash

    system = lookup(name)
    params = system.resolve_params(params)
    y0 = _initial(system, params, ic)
    p = system.param_array(params)
    if transient is None:
        transient = system.transient
    transient = float(transient)
    if not (np.isfinite(transient) and transient >= 0):
        raise ValueError(f"transient must be >= 0, got {transient}")
    if n_steps is not None:
        n_steps = int(n_steps)
        if n_steps < 1:
            raise ValueError(f"n_steps must be at least 1, got {n_steps}")
    spectrum_time = float(system.spectrum_time or (200_000 if system.kind == "map" else 5000.0))

    if system.kind == "map":
        if n_steps is None:
            n_steps = int(spectrum_time)
        record_every = max(1, n_steps // MAX_RECORDS)
        sums, times, history, status, t_fail = interruptible(_kernel("map"),
            system.kernel("rhs"), system.kernel("jac"), y0, p, n_steps, int(round(transient)), record_every)
    else:
        if dt is None:
            dt = system.spectrum_dt or (system.step if system.kind == "delay" and system.step else
                                        min(system.dt, 0.01))
        dt = float(dt)
        if not (np.isfinite(dt) and dt > 0):
            raise ValueError(f"dt must be positive, got {dt}")
        if n_steps is None:
            n_steps = max(1, int(round(spectrum_time / dt)))
        transient_steps = int(round(transient / dt))
        renorm_every = max(1, int(round(0.1 / dt))) if system.kind != "delay" else max(1, int(round(1.0 / dt)))
        record_every = max(1, (n_steps // renorm_every) // MAX_RECORDS)
        if system.kind == "delay":
            tau = float(params["tau"])
            if tau < dt:
                raise ValueError(f"{system.name}: the delay tau = {tau} must be at least one step ({dt})")
            m_ring = int(math.ceil(tau / dt)) + 3
            rng = np.random.default_rng(0)
            tangent0 = np.ascontiguousarray(rng.standard_normal((DELAY_EXPONENTS, m_ring, y0.size)))
            sums, times, history, status, t_fail = interruptible(_kernel("delay"),
                system.kernel("rhs"), system.kernel("jac"), y0, p, tau, dt, n_steps, transient_steps, tangent0,
                renorm_every, record_every)
        else:
            sums, times, history, status, t_fail = interruptible(_kernel("flow"),
                system.kernel("rhs"), system.kernel("jac"), y0, p, dt, n_steps, transient_steps, renorm_every,
                record_every)
    if status != 0:
        from . import DivergenceError  # a ValueError, like before; the CLI tells it from a bad argument

        raise DivergenceError(f"{system.name} diverged at t = {t_fail:.6g} during the spectrum run; "
                         f"try a smaller dt or other parameters")
    order = np.argsort(-sums, kind="stable")
    exponents = np.ascontiguousarray(sums[order])
    return LyapunovSpectrum(
        exponents=exponents,
        kaplan_yorke_dimension=kaplan_yorke_dimension(exponents),
        times=np.asarray(times, dtype=np.float64).copy(),
        history=np.ascontiguousarray(history[:, order]) if return_history else None,
        system=system.name,
        params=params,
    )


def _initial(system, params, ic) -> np.ndarray:
    from . import _initial_state

    return _initial_state(system, params, ic)
