"""numba kernels of the tangent-space QR method: flows (RK4), maps, and the delay equation on its history.

Each kernel evolves the state with a set of tangent vectors, re-orthonormalizes them (modified
Gram-Schmidt) every few steps and accumulates the logs of the norms; :mod:`.spectrum` calls them.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, types

from ..systems import signatures as sig



def _remove_projection(Q, i, j):
    """Column j of Q loses its component along (unit) column i: one step of modified Gram-Schmidt."""
    r = 0.0
    for k in range(Q.shape[0]):
        r += Q[k, i] * Q[k, j]
    for k in range(Q.shape[0]):
        Q[k, j] -= r * Q[k, i]


def _squared_norm(Q, j):
    total = 0.0
    for k in range(Q.shape[0]):
        total += Q[k, j] * Q[k, j]
    return total


def _gram_schmidt(Q, sums, scale):
    """Orthonormalize the columns of Q in place (modified Gram-Schmidt); add log |R_jj| to sums."""
    rows, cols = Q.shape
    for j in range(cols):
        for i in range(j):
            _remove_projection(Q, i, j)
        norm = math.sqrt(_squared_norm(Q, j) * scale)
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
_remove_projection = njit(cache=True, nogil=True)(_remove_projection)
_squared_norm = njit(cache=True, nogil=True)(_squared_norm)
_gram_schmidt = njit(cache=True, nogil=True)(_gram_schmidt)
_matmul = njit(cache=True, nogil=True)(_matmul)
_gram_schmidt_histories = njit(cache=True, nogil=True)(_gram_schmidt_histories)
_ring_value = njit(cache=True, nogil=True)(_ring_value)


def _kernel(kind: str):
    if kind not in _COMPILED:
        _COMPILED[kind] = njit(_SIGNATURES[kind], cache=True, nogil=True)(_PY[kind])
    return _COMPILED[kind]
