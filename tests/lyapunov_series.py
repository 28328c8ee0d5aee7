"""Series for the tests (Lyapunov, embedding, surrogates), made here with plain loops (and scipy), independent of
tscomplex."""

from __future__ import annotations

import math

import numpy as np


def ar1(n, phi=0.9, seed=0):
    """A stationary Gaussian AR(1): x[i] = phi x[i-1] + e[i], started from its stationary distribution."""
    rng = np.random.default_rng(seed)
    e = rng.standard_normal(n)
    x = np.empty(n)
    x[0] = e[0] / math.sqrt(1 - phi * phi)
    for i in range(1, n):
        x[i] = phi * x[i - 1] + e[i]
    return x


def logistic(n=10_000, x0=0.1, r=4.0):
    x = np.empty(n)
    x[0] = x0
    for i in range(n - 1):
        x[i + 1] = r * x[i] * (1.0 - x[i])
    return x


def henon(n=10_000, a=1.4, b=0.3, transient=1000):
    x, y = 0.1, 0.1
    for _ in range(transient):
        x, y = 1.0 - a * x * x + y, b * x
    out = np.empty(n)
    for i in range(n):
        out[i] = x
        x, y = 1.0 - a * x * x + y, b * x
    return out


def lorenz_x_series():
    """Lorenz (10, 28, 8/3) x, dt = 0.01, 2·10^4 samples after a transient of 10 time units."""
    from scipy.integrate import solve_ivp

    def field(t, s):
        return [10.0 * (s[1] - s[0]), s[0] * (28.0 - s[2]) - s[1], s[0] * s[1] - 8.0 / 3.0 * s[2]]

    dt, n, transient = 0.01, 20_000, 1000
    t = np.arange(n + transient) * dt
    sol = solve_ivp(field, (0.0, t[-1]), [1.0, 1.0, 1.0], t_eval=t, rtol=1e-9, atol=1e-9, method="DOP853")
    return sol.y[0, transient:]
