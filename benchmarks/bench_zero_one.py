"""The 0-1 test for chaos on 10^5 samples: tscomplex against a plain-numpy implementation.

    python benchmarks/bench_zero_one.py            # 10^5 samples, 100 frequencies (limit: 1 s)
    python benchmarks/bench_zero_one.py --quick    # 10^4 samples

No peer tool has the test in a comparable form (neurokit2, nolds, antropy and
ordpy have none; ChaosTools.jl's ``testchaos01`` is Julia), so the comparison is
with the paper's definitions written in numpy (Gottwald & Melbourne 2009; the
vectorized cumsum form of Matthews' Matlab ``z1test``): M_c(n) by one slice
difference per n. It is timed on the same series with fewer frequencies (its
cost is N * N/10 per frequency) and scaled to 100 frequencies; both K are printed.
"""

from __future__ import annotations

import argparse
import time

import numpy as np


def logistic(n, r=4.0, x0=0.1):
    x = np.empty(n)
    x[0] = x0
    for i in range(n - 1):
        x[i + 1] = r * x[i] * (1 - x[i])
    return x


def numpy_k(phi, cs):
    """K per c from the definitions, vectorized over j (one pass over the series per n)."""
    j = np.arange(1, phi.size + 1)
    n_cut = phi.size // 10
    ns = np.arange(1, n_cut + 1)
    out = []
    for c in cs:
        p, q = np.cumsum(phi * np.cos(j * c)), np.cumsum(phi * np.sin(j * c))
        m = np.array([np.mean((p[n:] - p[:-n]) ** 2 + (q[n:] - q[:-n]) ** 2) for n in ns])
        d = m - phi.mean() ** 2 * (1 - np.cos(ns * c)) / (1 - np.cos(c))
        out.append(np.corrcoef(ns, d)[0, 1])
    return np.array(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="10^4 samples instead of 10^5")
    args = parser.parse_args()
    from tscomplex.lyapunov.zero_one import zero_one_test

    n = 10_000 if args.quick else 100_000
    x = logistic(n)
    zero_one_test(x[:1000])  # numba compile (or cache load) is not timed
    times, cpu = [], []
    for _ in range(3):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = zero_one_test(x, n_c=100, seed=0)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    ours, ours_cpu = min(times), min(cpu)
    few = 3
    start = time.perf_counter()
    theirs_k = numpy_k(x, result.frequencies[:few])
    theirs = (time.perf_counter() - start) * 100 / few
    agree = float(np.max(np.abs(theirs_k - result.k_per_frequency[:few])))
    print(f"== 0-1 test, logistic map r = 4, {n:,} samples, 100 frequencies (seed 0), n up to N/10")
    print(f"{'implementation':<34} {'time s':>8} {'K':>8}")
    print(f"{'tscomplex (numba + FFT)':<34} {ours:8.3f} {result.k:8.4f}")
    print(f"{'plain numpy (definitions), scaled':<34} {theirs:8.1f} {np.median(theirs_k):8.4f}  "
          f"(timed on {few} frequencies x 100/{few}; K of those {few})")
    print(f"speed-up {theirs / ours:.0f}x; K_c agree to {agree:.1e} on the {few} shared frequencies")
    # on a shared machine the wall time includes waiting for a core; the CPU time is this process's own work
    print(f"tscomplex CPU time {ours_cpu:.3f} s (wall {ours:.3f} s, best of 3)")
    if not args.quick:
        print(f"limit 1 s: {'met' if ours < 1.0 else 'NOT met'} by the wall time; "
              f"{'met' if ours_cpu < 1.0 else 'NOT met'} by the CPU time")


if __name__ == "__main__":
    main()
