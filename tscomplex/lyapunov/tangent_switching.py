"""The tangent-space QR of a flow whose field jumps across a plane y[k] = c: RK4 with saltation matrices.

Between crossings the state and the tangent vectors are integrated as in :mod:`.tangent`. A step that
ends on the other side of the plane is cut at the crossing (bisection on the step fraction, to a
relative 1e-13 of the step); there the tangent vectors jump by the saltation matrix

    S = I + (f+ - f-) n^T / (n . f-),   n = e_k,

f- and f+ the fields on the two sides at the crossing point (Muller, Chaos Solitons Fractals 5, 1671,
1995; Dellago, Posch & Hoover, Phys. Rev. E 53, 1485, 1996), and the step goes on from there. A
crossing where the field on the far side points back at the plane (n . f+ of the other sign than
n . f-) starts sliding (Filippov) motion along it, which this method does not follow: the kernel
stops and says when (status 2). Grazing crossings (|n . f-| below 1e-12 of |f-|) stop it as well
(status 3): S is unbounded there.
"""

from __future__ import annotations

import numpy as np
from numba import njit, types

from ..systems import signatures as sig
from .tangent import _gram_schmidt, _matmul

BISECTIONS = 48


def _on_side(y, index, value, side, tmp):
    """y itself when it lies on ``side`` of the plane, else its mirror image there (the field of one side)."""
    if side == 0.0 or (y[index] - value) * side >= 0.0:
        return y
    for i in range(y.size):
        tmp[i] = y[i]
    tmp[index] = 2.0 * value - y[index]
    return tmp


def _rk4_state(f, t, y, p, h, out, w, index, value, side):
    """One RK4 step of the state with the field of ``side`` (stage points past the plane are mirrored back)."""
    k1, k2, k3, k4, ys, tmp = w[0], w[1], w[2], w[3], w[4], w[11]
    d = y.size
    f(t, _on_side(y, index, value, side, tmp), p, k1)
    for i in range(d):
        ys[i] = y[i] + 0.5 * h * k1[i]
    f(t + 0.5 * h, _on_side(ys, index, value, side, tmp), p, k2)
    for i in range(d):
        ys[i] = y[i] + 0.5 * h * k2[i]
    f(t + 0.5 * h, _on_side(ys, index, value, side, tmp), p, k3)
    for i in range(d):
        ys[i] = y[i] + h * k3[i]
    f(t + h, _on_side(ys, index, value, side, tmp), p, k4)
    for i in range(d):
        out[i] = y[i] + h * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]) / 6.0


def _rk4_tangent(f, jac, t, y, Q, p, h, w, index, value, side):
    """One RK4 step of (y, Q) in place with the field and Jacobian of ``side``."""
    k1, k2, k3, k4, ys, J, Qs, K1, K2, K3, K4, tmp = w
    d = y.size
    z = _on_side(y, index, value, side, tmp)
    f(t, z, p, k1)
    jac(t, z, p, J)
    _matmul(J, Q, K1)
    for i in range(d):
        ys[i] = y[i] + 0.5 * h * k1[i]
        for j in range(d):
            Qs[i, j] = Q[i, j] + 0.5 * h * K1[i, j]
    z = _on_side(ys, index, value, side, tmp)
    f(t + 0.5 * h, z, p, k2)
    jac(t + 0.5 * h, z, p, J)
    _matmul(J, Qs, K2)
    for i in range(d):
        ys[i] = y[i] + 0.5 * h * k2[i]
        for j in range(d):
            Qs[i, j] = Q[i, j] + 0.5 * h * K2[i, j]
    z = _on_side(ys, index, value, side, tmp)
    f(t + 0.5 * h, z, p, k3)
    jac(t + 0.5 * h, z, p, J)
    _matmul(J, Qs, K3)
    for i in range(d):
        ys[i] = y[i] + h * k3[i]
        for j in range(d):
            Qs[i, j] = Q[i, j] + h * K3[i, j]
    z = _on_side(ys, index, value, side, tmp)
    f(t + h, z, p, k4)
    jac(t + h, z, p, J)
    _matmul(J, Qs, K4)
    for i in range(d):
        y[i] += h * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]) / 6.0
        for j in range(d):
            Q[i, j] += h * (K1[i, j] + 2.0 * K2[i, j] + 2.0 * K3[i, j] + K4[i, j]) / 6.0


def _switching_spectrum(f, jac, y0, p, h, n_steps, transient_steps, renorm_every, record_every, index, value):
    """(exponents, times, history, crossings, status, t): status 0 ok, 1 blow-up, 2 sliding, 3 grazing; t where
    it stopped; history[k] the running estimate at times[k] (every record_every re-orthonormalizations)."""
    d = y0.size
    y = y0.copy()
    y1 = np.empty(d)
    k1 = np.empty(d)
    k2 = np.empty(d)
    k3 = np.empty(d)
    k4 = np.empty(d)
    ys = np.empty(d)
    fm = np.empty(d)
    fp = np.empty(d)
    ym = np.empty(d)
    w = (k1, k2, k3, k4, ys, np.empty((d, d)), np.empty((d, d)), np.empty((d, d)), np.empty((d, d)),
         np.empty((d, d)), np.empty((d, d)), np.empty(d))
    Q = np.eye(d)
    S = np.empty((d, d))
    Q1 = np.empty((d, d))
    sums = np.zeros(d)
    n_records = (n_steps // renorm_every) // record_every
    times = np.empty(n_records)
    history = np.empty((n_records, d))
    k = 0
    n_renorm = 0
    crossings = 0
    t = 0.0
    t_start = 0.0
    for step in range(transient_steps + n_steps):
        if step == transient_steps:          # the transient crosses the plane the same way; then start averaging
            for i in range(d):
                for j in range(d):
                    Q[i, j] = 1.0 if i == j else 0.0
            crossings = 0
            t_start = t
        left = h
        while left > 0.0:
            side = 1.0 if y[index] > value else (-1.0 if y[index] < value else 0.0)
            _rk4_state(f, t, y, p, left, y1, w, index, value, side)
            if side == 0.0 or (y1[index] - value) * side > 0.0:
                _rk4_tangent(f, jac, t, y, Q, p, left, w, index, value, side)
                t += left
                left = 0.0
                break
            lo, hi = 0.0, left                   # the crossing lies in (lo, hi]: bisect to just past it
            for _ in range(BISECTIONS):
                mid = 0.5 * (lo + hi)
                _rk4_state(f, t, y, p, mid, y1, w, index, value, side)
                if (y1[index] - value) * side > 0.0:
                    lo = mid
                else:
                    hi = mid
            _rk4_tangent(f, jac, t, y, Q, p, hi, w, index, value, side)     # y now just past the plane
            t += hi
            left -= hi
            f(t, y, p, fp)
            for i in range(d):
                ym[i] = y[i]
            ym[index] = value + side * abs(y[index] - value)   # its mirror image on the side it came from
            f(t, ym, p, fm)
            nf = fm[index]
            scale = 0.0
            for i in range(d):
                scale = max(scale, abs(fm[i]))
            if abs(nf) <= 1e-12 * scale:
                return sums, times[:k], history[:k], crossings, 3, t
            if fp[index] * nf <= 0.0:
                return sums, times[:k], history[:k], crossings, 2, t
            for i in range(d):
                for j in range(d):
                    S[i, j] = (1.0 if i == j else 0.0) + ((fp[i] - fm[i]) / nf if j == index else 0.0)
            _matmul(S, Q, Q1)
            for i in range(d):
                for j in range(d):
                    Q[i, j] = Q1[i, j]
            crossings += 1
        if not (np.max(np.abs(y)) <= 1e12):
            return sums, times[:k], history[:k], crossings, 1, t
        if step < transient_steps:
            if (step + 1) % renorm_every == 0:     # keep Q bounded; nothing accumulated yet
                _gram_schmidt(Q, sums, 1.0)
                for i in range(d):
                    sums[i] = 0.0
        elif (step + 1 - transient_steps) % renorm_every == 0 or step == transient_steps + n_steps - 1:
            if not _gram_schmidt(Q, sums, 1.0):
                return sums, times[:k], history[:k], crossings, 1, t
            n_renorm += 1
            if n_renorm % record_every == 0 and k < n_records:
                times[k] = t - t_start
                for i in range(d):
                    history[k, i] = sums[i] / (t - t_start)
                k += 1
    for i in range(d):
        sums[i] /= (t - t_start)
    return sums, times[:k], history[:k], crossings, 0, t


_VEC = types.float64[::1]
_SIGNATURE = types.Tuple((_VEC, _VEC, types.float64[:, ::1], types.int64, types.int64, types.float64))(
    sig.RHS_T, sig.JAC_T, _VEC, _VEC, types.float64, types.int64, types.int64, types.int64, types.int64,
    types.int64, types.float64)
_on_side = njit(cache=True, nogil=True)(_on_side)
_rk4_state = njit(cache=True, nogil=True)(_rk4_state)
_rk4_tangent = njit(cache=True, nogil=True)(_rk4_tangent)
_COMPILED: dict = {}


def switching_kernel():
    if "k" not in _COMPILED:
        _COMPILED["k"] = njit(_SIGNATURE, cache=True, nogil=True)(_switching_spectrum)
    return _COMPILED["k"]
