"""Series and plain-loop references shared by the plane tests (the definitions in docs/references.md)."""

from __future__ import annotations

import math

import numpy as np

N = 10_000


def ref_hc(p):
    """H and C of a probability list, with plain Python loops (the definitions in docs/references.md)."""
    n = len(p)
    s = 0.0
    for v in p:
        if v > 0:
            s -= v * math.log(v)
    s_mid = 0.0
    for v in p:
        q = 0.5 * (v + 1.0 / n)
        s_mid -= q * math.log(q)
    j = s_mid - 0.5 * s - 0.5 * math.log(n)
    q0 = -2.0 / (((n + 1.0) / n) * math.log(n + 1.0) - 2.0 * math.log(2.0 * n) + math.log(n))
    h = s / math.log(n)
    return h, q0 * j * h


def ref_min_point(pk, n):
    return ref_hc([pk] + [(1.0 - pk) / (n - 1)] * (n - 1))


def ref_max_point(i, pk, n):
    m = n - i
    return ref_hc([0.0] * (i - 1) + [pk] + [(1.0 - pk) / m] * m)


def logistic(n, r=4.0, x=0.1):
    out = np.empty(n)
    for i in range(n):
        out[i] = x
        x = r * x * (1.0 - x)
    return out


def henon(n, a=1.4, b=0.3, transient=1000):
    x, y = 0.1, 0.1
    out = np.empty(n)
    for i in range(transient + n):
        x, y = 1.0 - a * x * x + y, b * x
        if i >= transient:
            out[i - transient] = x
    return out


def tent(n, mu=1.9, x=0.3, transient=1000):
    out = np.empty(n)
    for i in range(transient + n):
        x = mu * x if x < 0.5 else mu * (1.0 - x)
        if i >= transient:
            out[i - transient] = x
    return out


def fourier_noise(n, k, seed):
    """f^-k noise by filtering white noise in Fourier space, written independently of plane.power_law_noise."""
    rng = np.random.default_rng(seed)
    white = rng.standard_normal(n)
    spec = np.fft.rfft(white)
    f = np.fft.rfftfreq(n)
    amp = np.zeros_like(f)
    amp[1:] = f[1:] ** (-k / 2.0)
    return np.fft.irfft(spec * amp, n)


def logistic_orbit(r, n=10_000):
    x = np.empty(n)
    v = 0.3
    for _ in range(2000):  # onto the attractor
        v = r * v * (1 - v)
    for i in range(n):
        x[i] = v
        v = r * v * (1 - v)
    return x
