"""Permutation entropy: tscomplex against ordpy and antropy, in one run, with ratios.

    python benchmarks/bench_ordinal.py            # N = 1e4 .. 1e7, d = 3 .. 7
    python benchmarks/bench_ordinal.py --quick    # N = 1e4 .. 1e6, d = 3, 6

Each timing is the best of a few repeats after a warm-up call (numba compiles
once). ordpy builds an N x d argsort array and is skipped above --ordpy-max
samples. Peak memory of tscomplex is measured with tracemalloc (numpy
allocations, including the input) and reported as a multiple of the input.
Install the peers with `pip install ordpy antropy`.
"""

from __future__ import annotations

import argparse
import math
import time
import tracemalloc

import numpy as np


def best_time(func, repeats):
    best = math.inf
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - t0)
    return best


def logistic(n):
    x = np.empty(n)
    x[0] = 0.1
    for i in range(1, n):
        x[i] = 4.0 * x[i - 1] * (1.0 - x[i - 1])
    return x


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller grid")
    parser.add_argument("--ordpy-max", type=float, default=1e6, help="largest N given to ordpy")
    args = parser.parse_args()

    from tscomplex import permutation_entropy
    from tscomplex.ordinal import ordinal_counts

    try:
        import ordpy
    except ImportError:
        ordpy = None
    try:
        import antropy
    except ImportError:
        antropy = None

    sizes = [10**4, 10**5, 10**6] if args.quick else [10**4, 10**5, 10**6, 10**7]
    dims = [3, 6] if args.quick else [3, 4, 5, 6, 7]
    rng = np.random.default_rng(0)
    series = {"noise": rng.normal(size=max(sizes)), "logistic": logistic(max(sizes))}

    for d in dims:  # warm up numba and the pattern tables
        permutation_entropy(series["noise"][:1000], dim=d)

    print(f"{'series':9} {'N':>9} {'d':>2} {'tscomplex s':>12} {'antropy s':>10} {'ordpy s':>10} "
          f"{'x antropy':>10} {'x ordpy':>9} {'peak mem/input':>15}  agree")
    for name, full in series.items():
        for n in sizes:
            x = np.ascontiguousarray(full[:n])
            repeats = 5 if n <= 10**6 else 2
            for d in dims:
                ours_value = permutation_entropy(x, dim=d)
                ours = best_time(lambda: permutation_entropy(x, dim=d), repeats)
                tracemalloc.start()
                ordinal_counts(x, dim=d)
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                mem_ratio = (peak + x.nbytes) / x.nbytes  # the input itself counts once
                ant = ord_ = math.nan
                agree = []
                if antropy is not None:
                    ant = best_time(lambda: antropy.perm_entropy(x, order=d, delay=1, normalize=True), 1 if n >= 10**6 else 3)
                    agree.append(abs(antropy.perm_entropy(x[:20000], order=d, normalize=True)
                                     - permutation_entropy(x[:20000], dim=d)) < 1e-9)
                if ordpy is not None and n <= args.ordpy_max:
                    ord_ = best_time(lambda: ordpy.permutation_entropy(x, dx=d), 1)
                    agree.append(abs(ordpy.permutation_entropy(x[:20000], dx=d) - permutation_entropy(x[:20000], dim=d)) < 1e-10)
                print(f"{name:9} {n:>9} {d:>2} {ours:12.5f} {ant:10.4f} {ord_:10.3f} "
                      f"{ant / ours:10.1f} {ord_ / ours:9.0f} {mem_ratio:15.2f}  {all(agree)}  H={ours_value:.6f}",
                      flush=True)


if __name__ == "__main__":
    main()
