"""tscomplex vs peccary on the complexity-entropy plane: a tau sweep and the bounding curves.

    python benchmarks/bench_plane.py           # full comparison (about 30 s, mostly peccary)
    python benchmarks/bench_plane.py --quick   # peccary on a tenth of the work, extrapolated linearly

1. H and C for tau = 1..100 on 10^5 samples at d = 5:
   tscomplex.tau_sweep vs peccary's ``peccary(x, n=5).calcHCcurves(sampIntArray=1..100)``.
   Goal: >= 1000x.
2. The C_min and C_max curves at d = 6:
   tscomplex.complexity_curves(6) vs ``peccary.utils.calcHCplane(n=6)`` (nsteps=1000, its default).
   Goal: >= 100x.

tscomplex is timed after a numba warm-up, as the best of several runs; peccary once (it
takes seconds). Both tools' numbers are compared, so a fast wrong answer cannot pass.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def best_of(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def once(fn):
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def bench_sweep(quick: bool) -> float:
    import peccary

    from tscomplex.plane import tau_sweep

    x = np.random.default_rng(2024).standard_normal(100_000)
    taus = np.arange(1, 101)
    tau_sweep(x, taus[:2], 5)  # numba warm-up (compiles or loads the cache)
    ours = best_of(lambda: tau_sweep(x, taus, 5), 5)
    h, c = tau_sweep(x, taus, 5)

    peccary_taus = taus[::10] if quick else taus
    p = peccary.peccary(x, n=5)
    theirs, (ph, pc, _) = once(lambda: p.calcHCcurves(sampIntArray=peccary_taus))
    if quick:
        theirs *= taus.size / peccary_taus.size
    idx = np.searchsorted(taus, peccary_taus)
    err = max(np.max(np.abs(h[idx] - ph)), np.max(np.abs(c[idx] - pc)))
    note = f" (extrapolated from {peccary_taus.size} taus)" if quick else ""
    print("1. tau sweep, 10^5 samples, d = 5, tau = 1..100")
    print(f"   tscomplex.tau_sweep          {ours * 1e3:10.2f} ms")
    print(f"   peccary calcHCcurves         {theirs * 1e3:10.0f} ms{note}")
    print(f"   max |difference| in H, C     {err:10.1e}")
    ratio = theirs / ours
    print(f"   speed-up                     {ratio:10.0f}x   (goal >= 1000x: {'met' if ratio >= 1000 else 'NOT met'})")
    return ratio


def bench_curves(quick: bool) -> float:
    from peccary import utils

    from tscomplex import plane

    build = plane._curves.__wrapped__  # bypass the in-process cache: time the computation itself
    build(6, 1e-3)
    ours = best_of(lambda: build(6, 1e-3), 5)
    curves = build(6, 1e-3)

    nsteps = 100 if quick else 1000
    theirs, (min_h, min_c, max_h, max_c) = once(lambda: utils.calcHCplane(n=6, nsteps=nsteps))
    if quick:
        theirs *= 1000 / nsteps
    # the same curves: peccary's points lie on ours (up to our linear interpolation between points)
    fine = build(6, 1e-4)
    err_max = np.max(np.abs(np.interp(max_h, fine.h_max, fine.c_max) - max_c))
    err_min = np.max(np.abs(np.interp(min_h, fine.h_min, fine.c_min) - min_c))
    note = f" (extrapolated from nsteps={nsteps})" if quick else ""
    print("2. C_min and C_max curves, d = 6")
    points = curves.h_max.size + curves.h_min.size
    print(f"   tscomplex.complexity_curves  {ours * 1e3:10.2f} ms  ({points} exact points, vertices included)")
    print(f"   peccary calcHCplane          {theirs * 1e3:10.0f} ms{note}  ({720 * 1000} points at nsteps=1000)")
    print(f"   peccary's points vs ours     {max(err_max, err_min):10.1e}  (max |C difference|)")
    print(f"   C_max peak: tscomplex {plane.complexity_peak(6)[1]:.6f}, peccary {max_c.max():.6f}")
    ratio = theirs / ours
    print(f"   speed-up                     {ratio:10.0f}x   (goal >= 100x: {'met' if ratio >= 100 else 'NOT met'})")
    return ratio


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="run peccary on a tenth of the work and extrapolate")
    args = parser.parse_args()
    import numba

    print(f"numpy {np.__version__}, numba {numba.__version__}, {os.cpu_count()} CPUs; "
          f"{'quick: peccary timings extrapolated linearly' if args.quick else 'full run'}\n")
    bench_sweep(args.quick)
    print()
    bench_curves(args.quick)


if __name__ == "__main__":
    main()
