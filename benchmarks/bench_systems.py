"""Benchmark: tscomplex's numba Dormand-Prince against scipy's integrators on the Lorenz system.

Every contender integrates Lorenz (10, 28, 8/3) at the same tolerances
(rtol = 1e-6, atol = 1e-9) onto the same output grid (dt = 0.01, N samples),
the same number of times (--repeats), and min and median are printed:

- tscomplex ``simulate`` (numba Dormand-Prince 5(4), dense output);
- scipy ``solve_ivp(RK45)``, the same method family, with a plain Python
  right-hand side (as a user writes it) and with a numba-compiled one (the
  strongest configuration solve_ivp allows: it still calls through Python);
- scipy ``odeint`` (LSODA, Fortran) with a numba-compiled right-hand side;
- ``numbalsoda`` (LSODA called from numba, no Python per step) when installed.

Also reported: each one's accuracy against a tight DOP853 reference over the
first 2 time units, the leapfrog's energy error over 10^5 steps, the time of a
Lorenz spectrum, and the core count and load.

    python benchmarks/bench_systems.py           # N = 10^6 (about a minute, mostly scipy)
    python benchmarks/bench_systems.py --quick   # N = 10^5
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np
from scipy.integrate import solve_ivp

from tscomplex import systems
from tscomplex.lyapunov.spectrum import lyapunov_spectrum

RTOL, ATOL, DT = 1e-6, 1e-9, 0.01
SIGMA, RHO, BETA = 10.0, 28.0, 8.0 / 3.0


def lorenz(t, y):
    x, v, z = y
    return [SIGMA * (v - x), x * (RHO - z) - v, x * v - BETA * z]


def compiled_rhs():
    """The Lorenz right-hand side compiled by numba, for solve_ivp (t, y) and odeint (y, t)."""
    from numba import njit

    @njit(cache=True)
    def f(t, y):
        out = np.empty(3)
        out[0] = SIGMA * (y[1] - y[0])
        out[1] = y[0] * (RHO - y[2]) - y[1]
        out[2] = y[0] * y[1] - BETA * y[2]
        return out

    @njit(cache=True)
    def g(y, t):
        return f(t, y)

    return f, g


def timed(fn, repeats):
    """(min, median) wall seconds over ``repeats`` calls, and the last result."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times), result


def numbalsoda_run(y0, t_eval):
    """numbalsoda's LSODA on the compiled Lorenz rhs, or None when numbalsoda is not installed."""
    try:
        import numbalsoda
        from numba import cfunc
    except ImportError:
        return None

    @cfunc(numbalsoda.lsoda_sig)
    def rhs(t, u, du, p):
        du[0] = SIGMA * (u[1] - u[0])
        du[1] = u[0] * (RHO - u[2]) - u[1]
        du[2] = u[0] * u[1] - BETA * u[2]

    address = rhs.address
    return lambda: numbalsoda.lsoda(address, y0, t_eval, rtol=RTOL, atol=ATOL)[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 10^5 instead of 10^6")
    parser.add_argument("--repeats", type=int, default=3, help="calls per contender (the same for all)")
    args = parser.parse_args()
    n = 100_000 if args.quick else 1_000_000
    reps = args.repeats
    y0 = systems.get("lorenz").initial_condition()
    t_eval = np.arange(n) * DT
    f, g = compiled_rhs()
    f(0.0, y0), g(y0, 0.0)                              # compile the peers' rhs outside the timing
    systems.simulate("lorenz", 100, transient=0)       # warm up numba (compile or load the cache)
    short = np.arange(201) * DT
    tight = solve_ivp(lorenz, (0.0, 2.0), y0, method="DOP853", t_eval=short, rtol=1e-13, atol=1e-13).y.T

    from scipy.integrate import odeint

    contenders = [
        ("tscomplex simulate (numba DOPRI5)",
         lambda: systems.simulate("lorenz", n, dt=DT, transient=0, rtol=RTOL, atol=ATOL).values),
        ("scipy solve_ivp RK45, Python rhs",
         lambda: solve_ivp(lorenz, (0.0, t_eval[-1]), y0, method="RK45", t_eval=t_eval, rtol=RTOL, atol=ATOL).y.T),
        ("scipy solve_ivp RK45, numba rhs",
         lambda: solve_ivp(f, (0.0, t_eval[-1]), y0, method="RK45", t_eval=t_eval, rtol=RTOL, atol=ATOL).y.T),
        ("scipy odeint (LSODA), numba rhs",
         lambda: odeint(g, y0, t_eval, rtol=RTOL, atol=ATOL)),
    ]
    lsoda = numbalsoda_run(y0, t_eval)
    if lsoda is not None:
        contenders.append(("numbalsoda lsoda (cfunc rhs)", lsoda))

    print(f"Lorenz, {n:,} output samples, dt = {DT}, rtol = {RTOL:g}, atol = {ATOL:g}; {reps} calls each; "
          f"{os.cpu_count()} cores, load {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    print(f"  {'contender':<36}{'min s':>9}{'median s':>10}{'ratio':>8}  max error vs DOP853 1e-13, t in [0, 2]")
    ours = None
    for name, fn in contenders:
        best, median, values = timed(fn, reps)
        if ours is None:
            ours = best
        error = np.abs(np.asarray(values)[:201] - tight).max()
        ratio = "" if best is ours else f"{best / ours:7.1f}x"
        print(f"  {name:<36}{best:9.3f}{median:10.3f}{ratio:>8}  {error:.2e}")
    if lsoda is None:
        print("  (numbalsoda not installed: pip install numbalsoda to add it)")
    print("  ratio: contender min / tscomplex min (goal >= 20x against scipy)")

    hh = systems.get("henon_heiles")
    t_lf, _, traj = timed(lambda: systems.simulate("henon_heiles", 100_001, dt=hh.step), reps)
    print(f"Hénon-Heiles leapfrog, 10^5 steps of {hh.step}: {t_lf * 1e3:.1f} ms, "
          f"relative energy error {traj.info['energy_relative_error']:.2e} (goal < 1e-6)")

    lyapunov_spectrum("lorenz", n_steps=100)           # warm up
    t_spec, _, spec = timed(lambda: lyapunov_spectrum("lorenz"), 1)
    print(f"Lorenz spectrum (RK4 + QR, 10^4 time units): {t_spec:.2f} s -> "
          f"{', '.join(f'{v:.4f}' for v in spec.exponents)}; D_KY {spec.kaplan_yorke_dimension:.4f}")


if __name__ == "__main__":
    main()
