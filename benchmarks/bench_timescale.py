"""The natural timescale's mean crossings and maxima: the numba kernels against the numpy versions they replaced.

    python benchmarks/bench_timescale.py           # 10^6 and 10^7 samples
    python benchmarks/bench_timescale.py --quick   # 10^6 only

For each size and series (a noisy sine, a random walk) it checks that both give identical crossing
times and maxima spacings, then prints the min and median of the same number of runs of each, then the whole
``natural_timescale`` (crossings, maxima and the spectral peak). The machine's core count and load
are printed first: on a busy machine the medians spread.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))


def crossings_numpy(x, mean, band):
    """The vectorised numpy version of ``crossing_times`` before the kernel (issue 14)."""
    state = np.where(x > mean + band, 1, np.where(x < mean - band, -1, 0))
    decided = np.flatnonzero(state)
    if decided.size < 2:
        return np.empty(0)
    change = np.flatnonzero(state[decided[1:]] != state[decided[:-1]])
    start, stop = decided[change], decided[change + 1]
    above = x >= mean
    flips = np.flatnonzero(above[1:] != above[:-1])
    first = np.searchsorted(flips, start, "left")
    count = np.searchsorted(flips, stop, "left") - first
    i = flips[first + count // 2]
    lo, hi = x[i] - mean, x[i + 1] - mean
    return i + lo / (lo - hi)


def maxima_numpy(x):
    """The vectorised numpy version of ``_mean_maxima_spacing`` before the kernel."""
    keep = np.concatenate(([True], x[1:] != x[:-1]))
    idx = np.flatnonzero(keep)
    runs_end = np.append(idx[1:], x.size) - 1
    v = x[idx]
    if v.size < 3:
        return float("nan")
    peak = (v[1:-1] > v[:-2]) & (v[1:-1] > v[2:])
    centers = 0.5 * (idx[1:-1][peak] + runs_end[1:-1][peak])
    return float(np.mean(np.diff(centers))) if centers.size >= 2 else float("nan")


def timings(fn, repeats):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return 1e3 * times[0], 1e3 * times[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10^6 samples only")
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    from tscomplex.plane.timescale import (
        CROSSING_HYSTERESIS,
        _mean_maxima_spacing,
        crossing_times,
        natural_timescale,
    )

    print(f"cores: {os.cpu_count()}, load average: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")
    crossing_times(np.sin(np.arange(100.0)), 0.0, 0.1)  # load the kernels from numba's cache (or compile them)
    _mean_maxima_spacing(np.sin(np.arange(100.0)))
    rng = np.random.default_rng(0)
    sizes = [10**6] if args.quick else [10**6, 10**7]
    for n in sizes:
        t = np.arange(n)
        series = {"noisy sine": np.sin(2 * np.pi * t / 137) + 0.5 * rng.standard_normal(n),
                  "random walk": rng.standard_normal(n).cumsum()}
        for name, x in series.items():
            mean, band = x.mean(), CROSSING_HYSTERESIS * x.std()
            if not np.array_equal(crossing_times(x, mean, band), crossings_numpy(x, mean, band)):
                raise SystemExit(f"crossing times differ on {name}, n={n}")
            if _mean_maxima_spacing(x) != maxima_numpy(x):
                raise SystemExit(f"maxima spacings differ on {name}, n={n}")
            kernel = timings(lambda x=x, m=mean, b=band: crossing_times(x, m, b), args.repeats)
            plain = timings(lambda x=x, m=mean, b=band: crossings_numpy(x, m, b), args.repeats)
            maxima = timings(lambda x=x: _mean_maxima_spacing(x), args.repeats)
            maxima_plain = timings(lambda x=x: maxima_numpy(x), args.repeats)
            whole = timings(lambda x=x: natural_timescale(x), args.repeats)
            print(f"n={n:>10,} {name:<12} crossings: numba {kernel[0]:7.1f} ms (median {kernel[1]:7.1f}), "
                  f"numpy {plain[0]:7.1f} ms (median {plain[1]:7.1f})")
            print(f"{'':24} maxima:    numba {maxima[0]:7.1f} ms (median {maxima[1]:7.1f}), "
                  f"numpy {maxima_plain[0]:7.1f} ms (median {maxima_plain[1]:7.1f})")
            print(f"{'':24} natural_timescale (all three estimates) {whole[0]:7.1f} ms (median {whole[1]:7.1f})")


if __name__ == "__main__":
    main()
