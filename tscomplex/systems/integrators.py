"""numba integrators: adaptive Dormand-Prince 5(4) with dense output, leapfrog, fixed-step delay RK4, maps,
and for dynamical noise a stochastic Heun method (flows) and noisy iteration (maps).

Every kernel takes the system's compiled right-hand side as a first-class
function (see :mod:`.signatures`), so each kernel is compiled once for all
systems and cached on disk. Kernels are built on first use, not at import.

Status codes returned by the kernels: 0 finished; 1 the state blew up
(non-finite or larger than ``blowup``) at the returned time; 2 the step size
underflowed at the returned time; 3 the step budget ran out.

References
----------
Dormand & Prince, J. Comput. Appl. Math. 6, 19 (1980); the dense output of
Hairer, Nørsett & Wanner, *Solving Ordinary Differential Equations I*, 2nd
ed. (1993), sec. II.6 (DOPRI5). Leapfrog (kick-drift-kick): Hairer, Lubich &
Wanner, *Geometric Numerical Integration* (2006), sec. I.3.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit, types

from . import signatures as sig

OK, BLOWUP, STEP_UNDERFLOW, STEP_BUDGET = 0, 1, 2, 3

# Dormand-Prince 5(4) tableau.
C2, C3, C4, C5 = 1.0 / 5.0, 3.0 / 10.0, 4.0 / 5.0, 8.0 / 9.0
A21 = 1.0 / 5.0
A31, A32 = 3.0 / 40.0, 9.0 / 40.0
A41, A42, A43 = 44.0 / 45.0, -56.0 / 15.0, 32.0 / 9.0
A51, A52, A53, A54 = 19372.0 / 6561.0, -25360.0 / 2187.0, 64448.0 / 6561.0, -212.0 / 729.0
A61, A62, A63, A64, A65 = 9017.0 / 3168.0, -355.0 / 33.0, 46732.0 / 5247.0, 49.0 / 176.0, -5103.0 / 18656.0
A71, A73, A74, A75, A76 = 35.0 / 384.0, 500.0 / 1113.0, 125.0 / 192.0, -2187.0 / 6784.0, 11.0 / 84.0
E1, E3, E4, E5, E6, E7 = (71.0 / 57600.0, -71.0 / 16695.0, 71.0 / 1920.0, -17253.0 / 339200.0,
                          22.0 / 525.0, -1.0 / 40.0)
D1, D3, D4, D5, D6, D7 = (-12715105075.0 / 11282082432.0, 87487479700.0 / 32700410799.0,
                          -10690763975.0 / 1880347072.0, 701980252875.0 / 199316789632.0,
                          -1453857185.0 / 822651844.0, 69997945.0 / 29380423.0)


def _dopri54(f, y0, t0, p, t_first, dt_out, n_out, rtol, atol, max_steps, blowup):
    d = y0.size
    out = np.empty((n_out, d))
    y = y0.copy()
    y1 = np.empty(d)
    ys = np.empty(d)
    k1 = np.empty(d)
    k2 = np.empty(d)
    k3 = np.empty(d)
    k4 = np.empty(d)
    k5 = np.empty(d)
    k6 = np.empty(d)
    k7 = np.empty(d)
    r5 = np.empty(d)
    t = t0
    f(t, y, p, k1)
    # initial step (Hairer et al. 1993, II.4): h = 0.01 |y| / |f| in the error norm, at most one output step
    d0 = 0.0
    d1 = 0.0
    for i in range(d):
        sc = atol + rtol * abs(y[i])
        d0 += (y[i] / sc) ** 2
        d1 += (k1[i] / sc) ** 2
    d0 = math.sqrt(d0 / d)
    d1 = math.sqrt(d1 / d)
    h = 1e-6 if (d0 < 1e-5 or d1 < 1e-5) else 0.01 * d0 / d1
    h = min(h, dt_out)
    k = 0
    steps = 0
    while k < n_out and t_first + k * dt_out <= t:
        for i in range(d):
            out[k, i] = y[i]
        k += 1
    while k < n_out:
        if steps >= max_steps:
            return out[:k], STEP_BUDGET, t, steps
        if h < 1e-14 * max(1.0, abs(t)):
            return out[:k], STEP_UNDERFLOW, t, steps
        steps += 1
        for i in range(d):
            ys[i] = y[i] + h * A21 * k1[i]
        f(t + C2 * h, ys, p, k2)
        for i in range(d):
            ys[i] = y[i] + h * (A31 * k1[i] + A32 * k2[i])
        f(t + C3 * h, ys, p, k3)
        for i in range(d):
            ys[i] = y[i] + h * (A41 * k1[i] + A42 * k2[i] + A43 * k3[i])
        f(t + C4 * h, ys, p, k4)
        for i in range(d):
            ys[i] = y[i] + h * (A51 * k1[i] + A52 * k2[i] + A53 * k3[i] + A54 * k4[i])
        f(t + C5 * h, ys, p, k5)
        for i in range(d):
            ys[i] = y[i] + h * (A61 * k1[i] + A62 * k2[i] + A63 * k3[i] + A64 * k4[i] + A65 * k5[i])
        f(t + h, ys, p, k6)
        for i in range(d):
            y1[i] = y[i] + h * (A71 * k1[i] + A73 * k3[i] + A74 * k4[i] + A75 * k5[i] + A76 * k6[i])
        f(t + h, y1, p, k7)
        err = 0.0
        for i in range(d):
            e = h * (E1 * k1[i] + E3 * k3[i] + E4 * k4[i] + E5 * k5[i] + E6 * k6[i] + E7 * k7[i])
            sc = atol + rtol * max(abs(y[i]), abs(y1[i]))
            err += (e / sc) ** 2
        err = math.sqrt(err / d)
        if not math.isfinite(err):
            bad = False
            for i in range(d):
                if not math.isfinite(y1[i]):
                    bad = True
            if bad and h < 1e-9 * max(1.0, abs(t)):
                return out[:k], BLOWUP, t, steps
            h *= 0.1
            continue
        if err <= 1.0:
            t_new = t + h
            if k < n_out and t_first + k * dt_out <= t_new:
                for i in range(d):
                    r5[i] = h * (D1 * k1[i] + D3 * k3[i] + D4 * k4[i] + D5 * k5[i] + D6 * k6[i] + D7 * k7[i])
                while k < n_out and t_first + k * dt_out <= t_new:
                    theta = (t_first + k * dt_out - t) / h
                    theta1 = 1.0 - theta
                    for i in range(d):
                        ydiff = y1[i] - y[i]
                        bspl = h * k1[i] - ydiff
                        out[k, i] = y[i] + theta * (ydiff + theta1 * (bspl + theta * (ydiff - h * k7[i] - bspl
                                                                                         + theta1 * r5[i])))
                    k += 1
            t = t_new
            big = 0.0
            for i in range(d):
                y[i] = y1[i]
                k1[i] = k7[i]
                big = max(big, abs(y[i]))
            if not (big <= blowup):
                return out[:k], BLOWUP, t, steps
            fac = 10.0 if err == 0.0 else min(10.0, max(0.2, 0.9 * err ** -0.2))
            h *= fac
        else:
            h *= max(0.2, 0.9 * err ** -0.2)
    return out, OK, t, steps


def _iterate_map(f, y0, p, n_out, transient, blowup):
    d = y0.size
    out = np.empty((n_out, d))
    y = y0.copy()
    y1 = np.empty(d)
    for it in range(transient + n_out):
        if it >= transient:
            for i in range(d):
                out[it - transient, i] = y[i]
        f(float(it), y, p, y1)
        big = 0.0
        for i in range(d):
            y[i] = y1[i]
            big = max(big, abs(y1[i]))
        if not (big <= blowup):
            return out[:max(0, it + 1 - transient)], BLOWUP, float(it + 1), it + 1
    return out, OK, float(transient + n_out), transient + n_out


def _leapfrog(accel, q0, v0, p, h, stride, n_out, transient_steps, blowup):
    """Kick-drift-kick leapfrog; output rows are (q, v) every ``stride`` steps after the transient."""
    d = q0.size
    out = np.empty((n_out, 2 * d))
    q = q0.copy()
    v = v0.copy()
    a = np.empty(d)
    accel(0.0, q, p, a)
    total = transient_steps + (n_out - 1) * stride
    k = 0
    for step in range(total + 1):
        if step >= transient_steps and (step - transient_steps) % stride == 0:
            for i in range(d):
                out[k, i] = q[i]
                out[k, d + i] = v[i]
            k += 1
        if step == total:
            break
        t = step * h
        big = 0.0
        for i in range(d):
            v[i] += 0.5 * h * a[i]
            q[i] += h * v[i]
            big = max(big, abs(q[i]))
        accel(t + h, q, p, a)
        for i in range(d):
            v[i] += 0.5 * h * a[i]
            big = max(big, abs(v[i]))
        if not (big <= blowup):
            return out[:k], BLOWUP, (step + 1) * h, step + 1
    return out, OK, total * h, total


def _delayed(ring, pos, m_ring, hist0, i_out, d):
    """Linear interpolation of the stored history at fractional grid position ``pos`` (< 0: the initial history)."""
    if pos <= 0.0:
        if pos <= -1e-12 * (1.0 + abs(pos)):
            for i in range(d):
                i_out[i] = hist0[i]
            return
        pos = 0.0
    j = int(math.floor(pos))
    frac = pos - j
    a = j % m_ring
    b = (j + 1) % m_ring
    for i in range(d):
        if frac == 0.0:
            i_out[i] = ring[a, i]
        else:
            i_out[i] = (1.0 - frac) * ring[a, i] + frac * ring[b, i]


def _delay_rk4(f, y0, p, tau, h, stride, n_out, transient_steps, blowup):
    """Fixed-step RK4 for dy/dt = f(t, y, y(t - tau)) with a constant initial history y0 on [-tau, 0].

    The history is kept on the step grid in a ring buffer; the delayed value
    at a stage time is interpolated linearly between stored grid points.
    """
    d = y0.size
    m = tau / h                       # the delay in steps
    m_ring = int(math.ceil(m)) + 3
    ring = np.empty((m_ring, d))
    out = np.empty((n_out, d))
    y = y0.copy()
    ys = np.empty(d)
    yd = np.empty(d)
    k1 = np.empty(d)
    k2 = np.empty(d)
    k3 = np.empty(d)
    k4 = np.empty(d)
    for i in range(d):
        ring[0, i] = y[i]
    total = transient_steps + (n_out - 1) * stride
    k = 0
    for step in range(total + 1):
        if step >= transient_steps and (step - transient_steps) % stride == 0:
            for i in range(d):
                out[k, i] = y[i]
            k += 1
        if step == total:
            break
        t = step * h
        _delayed(ring, step - m, m_ring, y0, yd, d)
        f(t, y, yd, p, k1)
        _delayed(ring, step - m + 0.5, m_ring, y0, yd, d)
        for i in range(d):
            ys[i] = y[i] + 0.5 * h * k1[i]
        f(t + 0.5 * h, ys, yd, p, k2)
        for i in range(d):
            ys[i] = y[i] + 0.5 * h * k2[i]
        f(t + 0.5 * h, ys, yd, p, k3)
        _delayed(ring, step - m + 1.0, m_ring, y0, yd, d)
        for i in range(d):
            ys[i] = y[i] + h * k3[i]
        f(t + h, ys, yd, p, k4)
        big = 0.0
        for i in range(d):
            y[i] += h * (k1[i] + 2.0 * k2[i] + 2.0 * k3[i] + k4[i]) / 6.0
            ring[(step + 1) % m_ring, i] = y[i]
            big = max(big, abs(y[i]))
        if not (big <= blowup):
            return out[:k], BLOWUP, (step + 1) * h, step + 1
    return out, OK, total * h, total


def _stochastic_heun(f, y0, p, h, stride, n_out, transient_steps, sigma, noise, blowup):
    """dy = f(t, y) dt + sigma dW (additive, per component), by the stochastic Heun method.

    ``noise[s, i]`` are the standard normals of step s (drawn by the caller,
    so the stream is numpy's seeded generator, not numba's). For additive
    noise this scheme converges with strong order 1 and is second order in
    the drift (Kloeden & Platen 1992, sec. 15.1; Rumelin, SIAM J. Numer. Anal. 19, 604, 1982).
    """
    d = y0.size
    out = np.empty((n_out, d))
    y = y0.copy()
    ys = np.empty(d)
    k1 = np.empty(d)
    k2 = np.empty(d)
    dw = np.empty(d)
    sq = math.sqrt(h)
    total = transient_steps + (n_out - 1) * stride
    k = 0
    for step in range(total + 1):
        if step >= transient_steps and (step - transient_steps) % stride == 0:
            for i in range(d):
                out[k, i] = y[i]
            k += 1
        if step == total:
            break
        t = step * h
        f(t, y, p, k1)
        for i in range(d):
            dw[i] = sigma * sq * noise[step, i]
            ys[i] = y[i] + h * k1[i] + dw[i]
        f(t + h, ys, p, k2)
        big = 0.0
        for i in range(d):
            y[i] += 0.5 * h * (k1[i] + k2[i]) + dw[i]
            big = max(big, abs(y[i]))
        if not (big <= blowup):
            return out[:k], BLOWUP, (step + 1) * h, step + 1
    return out, OK, total * h, total


def _noisy_map(f, y0, p, n_out, n_transient, sigma, noise, blowup):
    """x_{n+1} = f(x_n) + sigma xi_n (additive dynamical noise; ``noise[n, i]`` standard normals)."""
    d = y0.size
    out = np.empty((n_out, d))
    y = y0.copy()
    nxt = np.empty(d)
    total = n_transient + n_out - 1
    k = 0
    for step in range(total + 1):
        if step >= n_transient:
            for i in range(d):
                out[k, i] = y[i]
            k += 1
        if step == total:
            break
        f(float(step), y, p, nxt)
        big = 0.0
        for i in range(d):
            y[i] = nxt[i] + sigma * noise[step, i]
            big = max(big, abs(y[i]))
        if not (big <= blowup):
            return out[:k], BLOWUP, float(step + 1), step + 1
    return out, OK, float(total), total


# --------------------------------------------------------------------------- lazy compilation

_VEC = types.float64[::1]
_OUT = types.Tuple((types.float64[:, ::1], types.int64, types.float64, types.int64))
_SIGNATURES = {
    "dopri54": _OUT(sig.RHS_T, _VEC, types.float64, _VEC, types.float64, types.float64, types.int64,
                    types.float64, types.float64, types.int64, types.float64),
    "iterate_map": _OUT(sig.RHS_T, _VEC, _VEC, types.int64, types.int64, types.float64),
    "leapfrog": _OUT(sig.RHS_T, _VEC, _VEC, _VEC, types.float64, types.int64, types.int64, types.int64,
                     types.float64),
    "delay_rk4": _OUT(sig.DELAY_RHS_T, _VEC, _VEC, types.float64, types.float64, types.int64, types.int64,
                      types.int64, types.float64),
    "stochastic_heun": _OUT(sig.RHS_T, _VEC, _VEC, types.float64, types.int64, types.int64, types.int64,
                            types.float64, types.float64[:, ::1], types.float64),
    "noisy_map": _OUT(sig.RHS_T, _VEC, _VEC, types.int64, types.int64, types.float64, types.float64[:, ::1],
                      types.float64),
}
_PY = {"dopri54": _dopri54, "iterate_map": _iterate_map, "leapfrog": _leapfrog, "delay_rk4": _delay_rk4,
       "stochastic_heun": _stochastic_heun, "noisy_map": _noisy_map}
_COMPILED: dict = {}
_delayed = njit(cache=True, nogil=True)(_delayed)


def kernel(name: str):
    """The compiled integrator ``name`` (compiled on first use, then loaded from numba's cache)."""
    if name not in _COMPILED:
        _COMPILED[name] = njit(_SIGNATURES[name], cache=True, nogil=True)(_PY[name])
    return _COMPILED[name]
