"""Benchmark: tscomplex's numba Dormand-Prince against scipy's solve_ivp(RK45) on the Lorenz system.

Both integrate Lorenz (10, 28, 8/3) with the same method family (Dormand-Prince
5(4)), the same tolerances (rtol = 1e-6, atol = 1e-9) and the same output grid
(dt = 0.01, N samples, dense output). scipy gets a plain Python right-hand
side, as a user would write it. Also reported: the accuracy of both against a
tight DOP853 reference over the first 2 time units, the leapfrog's energy
error over 10^5 steps, and the time of a Lorenz spectrum.

    python benchmarks/bench_systems.py           # N = 10^6 (about a minute, mostly scipy)
    python benchmarks/bench_systems.py --quick   # N = 10^5
"""

from __future__ import annotations

import argparse
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


def best_of(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="N = 10^5 instead of 10^6")
    args = parser.parse_args()
    n = 100_000 if args.quick else 1_000_000
    y0 = systems.get("lorenz").initial_condition()
    t_eval = np.arange(n) * DT

    systems.simulate("lorenz", 100, transient=0)       # warm up numba (compile or load the cache)
    t_ours, ours = best_of(lambda: systems.simulate("lorenz", n, dt=DT, transient=0, rtol=RTOL, atol=ATOL), 3)
    t_scipy, ref = best_of(lambda: solve_ivp(lorenz, (0.0, t_eval[-1]), y0, method="RK45", t_eval=t_eval,
                                             rtol=RTOL, atol=ATOL), 1)
    assert ref.success and ref.y.shape == (3, n)

    short = np.arange(201) * DT
    tight = solve_ivp(lorenz, (0.0, 2.0), y0, method="DOP853", t_eval=short, rtol=1e-13, atol=1e-13).y.T
    err_ours = np.abs(ours.values[:201] - tight).max()
    err_scipy = np.abs(ref.y.T[:201] - tight).max()

    print(f"Lorenz, {n:,} output samples, dt = {DT}, rtol = {RTOL:g}, atol = {ATOL:g}")
    print(f"  tscomplex simulate (numba DOPRI5):  {t_ours:8.3f} s  ({ours.info['steps']:,} steps)")
    print(f"  scipy solve_ivp RK45 (Python rhs):  {t_scipy:8.3f} s  ({ref.nfev:,} rhs calls)")
    print(f"  speed-up: {t_scipy / t_ours:.1f}x   (goal >= 20x)")
    print(f"  max error vs DOP853 at 1e-13 over t in [0, 2]: tscomplex {err_ours:.2e}, scipy {err_scipy:.2e}")

    hh = systems.get("henon_heiles")
    t_lf, traj = best_of(lambda: systems.simulate("henon_heiles", 100_001, dt=hh.step), 3)
    print(f"Hénon-Heiles leapfrog, 10^5 steps of {hh.step}: {t_lf * 1e3:.1f} ms, "
          f"relative energy error {traj.info['energy_relative_error']:.2e} (goal < 1e-6)")

    lyapunov_spectrum("lorenz", n_steps=100)           # warm up
    t_spec, spec = best_of(lambda: lyapunov_spectrum("lorenz"), 1)
    print(f"Lorenz spectrum (RK4 + QR, 10^4 time units): {t_spec:.2f} s -> "
          f"{', '.join(f'{v:.4f}' for v in spec.exponents)}; D_KY {spec.kaplan_yorke_dimension:.4f}")


if __name__ == "__main__":
    main()
