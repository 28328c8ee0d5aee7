"""The tangent-space QR of a flow whose field jumps across a plane y[k] = c: RK4 with saltation matrices and
Filippov sliding.

Between crossings the state and the tangent vectors are integrated as in :mod:`.tangent`. A step that
ends on the other side of the plane is cut at the crossing (bisection on the step fraction, to a
relative 1e-13 of the step). With f- and f+ the fields below and above the plane, f_in the one the
orbit came with and n = e_k:

- a transversal crossing (the far field goes on across): the tangent vectors jump by the saltation
  matrix S = I + (f_out - f_in) n^T / (n . f_in) (Muller, Chaos Solitons Fractals 5, 1671, 1995;
  Dellago, Posch & Hoover, Phys. Rev. E 53, 1485, 1996);
- sliding (Filippov) motion, where both fields point at the plane (f-_k > 0 > f+_k): the orbit follows
  f_s = (1 - a) f- + a f+, a = f-_k / (f-_k - f+_k), with y[k] held at c, until a leaves [0, 1] (the exit
  is bisected like a crossing) and goes on on the side the field leaves to. At entry the tangent vectors
  get S = I + (f_s - f_in) n^T / (n . f_in), which removes their k-components; along the plane they follow
  J_s = J- + a (J+ - J-) + (f+ - f-) grad(a)^T with the k-rows kept at 0; the exit is tangential, S = I
  (Kunze, Non-Smooth Dynamical Systems, LNM 1744, 2000; Dieci & Lopez, Numer. Math. 117, 779, 2011).
  An entry maps the d tangent vectors into a (d - 1)-dimensional space, so the smallest exponent of an
  orbit that slides is -inf: the column of Q that Gram-Schmidt then finds dependent (not always the
  last: a neutral direction such as a forcing phase can sit beside it) dies and stops counting.

Grazing crossings (|n . f_in| below 1e-12 of |f_in|) stop the run (status 3): S is unbounded there.
"""

from __future__ import annotations

import numpy as np
from numba import njit, types

from ..systems import signatures as sig
from .gram_schmidt import _gram_schmidt_live
from .tangent import _matmul

BISECTIONS = 48
MAX_EVENTS = 64           # switching events within one step before the run is called chattering


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


def _filippov(f, jac, t, z, p, index, value, out, J, ws, with_jac):
    """The Filippov field f_s = (1 - a) f- + a f+ on the plane (z[index] = value; its Jacobian J_s in J when
    ``with_jac``); returns (a, code): code 0 while sliding holds (f-_k >= 0 >= f+_k), -1 or +1 when the field
    leaves to that side. f- and f+ are the one-sided fields, taken 1e-12 (relative) off the plane."""
    fm, fp, zt, Jm, Jp = ws
    d = z.size
    for i in range(d):
        zt[i] = z[i]
    delta = 1e-12 * (1.0 + abs(value))
    zt[index] = value - delta
    f(t, zt, p, fm)
    if with_jac:
        jac(t, zt, p, Jm)
    zt[index] = value + delta
    f(t, zt, p, fp)
    if with_jac:
        jac(t, zt, p, Jp)
    gm, gp = fm[index], fp[index]
    code = 0
    if gm < 0.0:
        code = -1
    elif gp > 0.0:
        code = 1
    den = gm - gp
    a = gm / den if den > 0.0 else 0.5
    ac = min(1.0, max(0.0, a))             # inside a step that overshoots the exit: the nearest end
    for i in range(d):
        out[i] = (1.0 - ac) * fm[i] + ac * fp[i]
    out[index] = 0.0
    if with_jac:
        live = den > 0.0 and 0.0 < a < 1.0
        for i in range(d):
            for j in range(d):
                # J_s = J- + a (J+ - J-) + (f+ - f-) grad(a)^T, grad(a) = (f-_k grad f+_k - f+_k grad f-_k) / den^2
                grad = (gm * Jp[index, j] - gp * Jm[index, j]) / (den * den) if live else 0.0
                J[i, j] = (1.0 - ac) * Jm[i, j] + ac * Jp[i, j] + (fp[i] - fm[i]) * grad
        for j in range(d):
            J[index, j] = 0.0
    return a, code


def _rk4_slide_state(f, jac, t, y, p, h, out, w, ws, index, value):
    """One RK4 step of the state along the plane with the Filippov field; returns the exit code at its end."""
    k1, k2, k3, k4, ys, J = w[0], w[1], w[2], w[3], w[4], w[5]
    d = y.size
    _filippov(f, jac, t, y, p, index, value, k1, J, ws, False)
    for i in range(d):
        ys[i] = y[i] + 0.5 * h * k1[i]
    _filippov(f, jac, t + 0.5 * h, ys, p, index, value, k2, J, ws, False)
    for i in range(d):
        ys[i] = y[i] + 0.5 * h * k2[i]
    _filippov(f, jac, t + 0.5 * h, ys, p, index, value, k3, J, ws, False)
    for i in range(d):
        ys[i] = y[i] + h * k3[i]
    _filippov(f, jac, t + h, ys, p, index, value, k4, J, ws, False)
    for i in range(d):
        out[i] = y[i] + h * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]) / 6.0
    out[index] = value
    _, code = _filippov(f, jac, t + h, out, p, index, value, k1, J, ws, False)
    return code


def _rk4_slide_tangent(f, jac, t, y, Q, p, h, w, ws, index, value):
    """One RK4 step of (y, Q) along the plane: Filippov field, its Jacobian; the k-rows stay 0."""
    k1, k2, k3, k4, ys, J, Qs, K1, K2, K3, K4, tmp = w
    d = y.size
    kk = (k1, k2, k3, k4)
    KK = (K1, K2, K3, K4)
    for stage in range(4):
        frac = 0.0 if stage == 0 else (1.0 if stage == 3 else 0.5)
        if stage == 0:
            for i in range(d):
                ys[i] = y[i]
                for j in range(Q.shape[1]):
                    Qs[i, j] = Q[i, j]
        _filippov(f, jac, t + frac * h, ys, p, index, value, kk[stage], J, ws, True)
        _matmul(J, Qs, KK[stage])
        if stage < 3:
            nxt = 1.0 if stage == 2 else 0.5
            for i in range(d):
                ys[i] = y[i] + nxt * h * kk[stage][i]
                for j in range(Q.shape[1]):
                    Qs[i, j] = Q[i, j] + nxt * h * KK[stage][i, j]
    for i in range(d):
        y[i] += h * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]) / 6.0
        for j in range(Q.shape[1]):
            Q[i, j] += h * (K1[i, j] + 2.0 * K2[i, j] + 2.0 * K3[i, j] + K4[i, j]) / 6.0
    y[index] = value
    for j in range(Q.shape[1]):
        Q[index, j] = 0.0


def _switching_spectrum(f, jac, y0, p, h, n_steps, transient_steps, renorm_every, record_every, index, value):
    """(exponents, times, history, counts, status, t): counts = (crossings, sliding intervals) after the
    transient; status 0 ok, 1 blow-up, 3 grazing, 4 chattering; t where it stopped; history[k] the running estimate at
    times[k] (every record_every re-orthonormalizations). The exponent of a column that a sliding entry
    collapsed is -inf (here and in the history from then on)."""
    d = y0.size
    y = y0.copy()
    y1 = np.empty(d)
    fm = np.empty(d)
    fp = np.empty(d)
    ym = np.empty(d)
    fs = np.empty(d)
    w = (np.empty(d), np.empty(d), np.empty(d), np.empty(d), np.empty(d), np.empty((d, d)), np.empty((d, d)),
         np.empty((d, d)), np.empty((d, d)), np.empty((d, d)), np.empty((d, d)), np.empty(d))
    ws = (np.empty(d), np.empty(d), np.empty(d), np.empty((d, d)), np.empty((d, d)))
    Q = np.eye(d)
    S = np.empty((d, d))
    Q1 = np.empty((d, d))
    sums = np.zeros(d)
    n_records = (n_steps // renorm_every) // record_every
    times = np.empty(n_records)
    history = np.empty((n_records, d))
    counts = np.zeros(2, dtype=np.int64)
    dead = np.zeros(d, dtype=np.bool_)
    order = np.empty(d, dtype=np.int64)
    k = 0
    n_renorm = 0
    t = 0.0
    t_start = 0.0
    sliding = False
    last_side = 1.0 if y[index] >= value else -1.0
    for step in range(transient_steps + n_steps):
        if step == transient_steps:          # the transient crosses the plane the same way; then start averaging
            for i in range(d):
                for j in range(d):
                    Q[i, j] = 1.0 if i == j else 0.0
            counts[0] = 0
            counts[1] = 0
            for i in range(d):
                dead[i] = False
                sums[i] = 0.0
            if sliding:                       # a fresh Q on the plane: its k-components go, one column dies
                for j in range(d):
                    Q[index, j] = 0.0
                _gram_schmidt_live(Q, sums, dead, order, True)
            t_start = t
        left = h
        events = 0
        while left > 0.0:
            events += 1
            if events > MAX_EVENTS:              # crossings, entries and exits without end: chattering
                return sums, times[:k], history[:k], counts, 4, t
            if sliding:
                code = _rk4_slide_state(f, jac, t, y, p, left, y1, w, ws, index, value)
                if code == 0:
                    _rk4_slide_tangent(f, jac, t, y, Q, p, left, w, ws, index, value)
                    t += left
                    left = 0.0
                    break
                lo, hi = 0.0, left               # the exit lies in (lo, hi]: bisect to just past it
                for _ in range(BISECTIONS):
                    mid = 0.5 * (lo + hi)
                    c = _rk4_slide_state(f, jac, t, y, p, mid, y1, w, ws, index, value)
                    if c == 0:
                        lo = mid
                    else:
                        hi = mid
                        code = c
                _rk4_slide_tangent(f, jac, t, y, Q, p, hi, w, ws, index, value)
                t += hi
                left -= hi
                sliding = False                  # a tangential exit: the saltation matrix is I
                last_side = float(code)
                continue
            side = 1.0 if y[index] > value else (-1.0 if y[index] < value else last_side)
            _rk4_state(f, t, y, p, left, y1, w, index, value, side)
            if (y1[index] - value) * side > 0.0:
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
            delta = max(abs(y[index] - value), 1e-12 * (1.0 + abs(value)))   # off the plane: one-sided fields
            for i in range(d):
                ym[i] = y[i]
            ym[index] = value - side * delta     # the far side (y may sit exactly on the plane)
            f(t, ym, p, fp)
            ym[index] = value + side * delta     # the side it came from
            f(t, ym, p, fm)
            nf = fm[index]
            scale = 0.0
            for i in range(d):
                scale = max(scale, abs(fm[i]))
            if abs(nf) <= 1e-12 * scale:
                return sums, times[:k], history[:k], counts, 3, t
            if fp[index] * nf <= 0.0:
                # the far side's field points back: sliding (Filippov) motion along the plane. The tangent
                # vectors get S = I + (f_s - f_in) n^T / (n . f_in), which removes their k-components
                y[index] = value
                _filippov(f, jac, t, y, p, index, value, fs, S, ws, False)
                for i in range(d):
                    for j in range(d):
                        S[i, j] = (1.0 if i == j else 0.0) + ((fs[i] - fm[i]) / nf if j == index else 0.0)
                sliding = True
                counts[1] += 1
            else:
                for i in range(d):
                    for j in range(d):
                        S[i, j] = (1.0 if i == j else 0.0) + ((fp[i] - fm[i]) / nf if j == index else 0.0)
                counts[0] += 1
                last_side = -side
            _matmul(S, Q, Q1)
            for i in range(d):
                for j in range(d):
                    Q[i, j] = Q1[i, j]
            if sliding and not _gram_schmidt_live(Q, sums, dead, order, True):   # find the collapsed column
                return sums, times[:k], history[:k], counts, 1, t
        if not (np.max(np.abs(y)) <= 1e12):
            return sums, times[:k], history[:k], counts, 1, t
        if step < transient_steps:
            if (step + 1) % renorm_every == 0:     # keep Q bounded; nothing accumulated yet
                _gram_schmidt_live(Q, sums, dead, order, False)
                for i in range(d):
                    sums[i] = 0.0
        elif (step + 1 - transient_steps) % renorm_every == 0 or step == transient_steps + n_steps - 1:
            if not _gram_schmidt_live(Q, sums, dead, order, False):
                return sums, times[:k], history[:k], counts, 1, t
            n_renorm += 1
            if n_renorm % record_every == 0 and k < n_records:
                times[k] = t - t_start
                for i in range(d):
                    history[k, i] = -np.inf if dead[i] else sums[i] / (t - t_start)
                k += 1
    for i in range(d):
        sums[i] = -np.inf if dead[i] else sums[i] / (t - t_start)
    return sums, times[:k], history[:k], counts, 0, t


_VEC = types.float64[::1]
_SIGNATURE = types.Tuple((_VEC, _VEC, types.float64[:, ::1], types.int64[::1], types.int64, types.float64))(
    sig.RHS_T, sig.JAC_T, _VEC, _VEC, types.float64, types.int64, types.int64, types.int64, types.int64,
    types.int64, types.float64)
_on_side = njit(cache=True, nogil=True)(_on_side)
_rk4_state = njit(cache=True, nogil=True)(_rk4_state)
_rk4_tangent = njit(cache=True, nogil=True)(_rk4_tangent)
_filippov = njit(cache=True, nogil=True)(_filippov)
_rk4_slide_state = njit(cache=True, nogil=True)(_rk4_slide_state)
_rk4_slide_tangent = njit(cache=True, nogil=True)(_rk4_slide_tangent)
_COMPILED: dict = {}


def switching_kernel():
    if "k" not in _COMPILED:
        _COMPILED["k"] = njit(_SIGNATURE, cache=True, nogil=True)(_switching_spectrum)
    return _COMPILED["k"]
