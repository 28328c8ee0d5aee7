"""Each threaded kernel on 1 thread and on all cores: the same result, and the speed-up the machine allows now.

    python benchmarks/bench_threads.py                  # every kernel, 7 repeats
    python benchmarks/bench_threads.py --only counts weighted --repeats 11
    python benchmarks/bench_threads.py --scan           # where splitting one count starts to pay

For each kernel one input is built, the result on 1 thread is checked to be
identical to the result on all cores (``TSCOMPLEX_THREADS`` sets the count),
then the two are timed alternately (1 thread, all cores, 1 thread, ...) after
one untimed call each, so a change of load hits both alike. Min and median of
the same repeats are printed, and the speed-up of each.

The first row, ``ceiling``, is a pure-compute numba loop (no memory traffic)
split the same way: the speed-up the cores give at this moment. On a shared
machine it is the honest reference: a kernel cannot beat it, and when it is
near 1 the other processes are using the second core. The load average is
printed before and after.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import numpy as np


def machine_line():
    load = os.getloadavg()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"cores available: {cores}   load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"


def with_threads(count, func):
    saved = os.environ.get("TSCOMPLEX_THREADS")
    os.environ["TSCOMPLEX_THREADS"] = str(count)
    try:
        return func()
    finally:
        if saved is None:
            del os.environ["TSCOMPLEX_THREADS"]
        else:
            os.environ["TSCOMPLEX_THREADS"] = saved


def alternate(func, cores, repeats):
    """(serial times, threaded times), measured alternately after one untimed call each."""
    with_threads(1, func)
    with_threads(cores, func)
    one, many = [], []
    for _ in range(repeats):
        for count, out in ((1, one), (cores, many)):
            t0 = time.perf_counter()
            with_threads(count, func)
            out.append(time.perf_counter() - t0)
    return one, many


def same(a, b):
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(same(u, v) for u, v in zip(a, b))
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
    return a == b


def ceiling_case(n):
    from concurrent.futures import ThreadPoolExecutor

    from numba import njit

    @njit(nogil=True)
    def spin(steps):
        s = 0.0
        for _ in range(steps):
            s = s * 0.999999 + 1.0
        return s

    def run():
        threads = int(os.environ["TSCOMPLEX_THREADS"])
        if threads == 1:
            return round(spin(n), 3)
        with ThreadPoolExecutor(threads) as pool:
            return sum(round(v, 3) for v in pool.map(spin, [n // threads] * threads)) * 0  # timing only
    return f"pure-compute loop, {n:.0e} steps", run, False


def cases(n, size):
    rng = np.random.default_rng(1)
    x = rng.standard_normal(n)

    def counts(weighted, dim=5):
        from tscomplex.ordinal import ordinal_counts

        return lambda: ordinal_counts(x, dim, 1, weighted=weighted)

    def large_dim():
        from tscomplex.ordinal import prepare_series
        from tscomplex.ordinal.sparse import nonzero_counts_of_prepared

        return nonzero_counts_of_prepared(prepare_series(x, 10, 1), 10, 1)

    def sweep():
        from tscomplex.plane import tau_sweep_full

        return tau_sweep_full(x[:size], np.arange(1, 21), 5)

    def divergence():
        from tscomplex.embedding import delay_embedding
        from tscomplex.lyapunov.divergence import divergence_curve

        z = np.empty(size // 4)
        z[0] = 0.2
        for i in range(z.size - 1):
            z[i + 1] = 3.99 * z[i] * (1 - z[i])
        y = delay_embedding(z, 3, 1)
        return lambda: divergence_curve(y, 20, theiler=5, method="kantz")

    def windows():
        from tscomplex.patching.windows import windowed_patches

        return windowed_patches(x[:size], 96, 96, min_len=4)

    return {
        "counts": (f"ordinal counts, N = {n:.0e}, d = 5", counts(False), True),
        "weighted": (f"weighted counts, N = {n:.0e}, d = 5", counts(True), True),
        "large-d": (f"counts at d = 10, N = {n:.0e}", large_dim, True),
        "sweep": (f"tau sweep, N = {size:.0e}, taus 1..20, d = 5", sweep, True),
        "divergence": (f"divergence curve (Kantz), {size // 4:.0e} points, 20 steps", divergence(), True),
        "windows": (f"per-window patching, N = {size:.0e}, window 96", windows, True),
    }


def scan(repeats):
    """Serial / threaded median time of plain and weighted counts at 2**16 .. 2**22 windows, split forced."""
    import tscomplex.ordinal.counts as counts_module
    from tscomplex._threads import thread_count
    from tscomplex.ordinal import ordinal_counts

    cores = max(2, thread_count())
    x = np.random.default_rng(2).standard_normal(1 << 22)
    saved = counts_module.THREAD_MIN_WINDOWS, counts_module.WEIGHTED_MIN_WINDOWS
    counts_module.THREAD_MIN_WINDOWS = counts_module.WEIGHTED_MIN_WINDOWS = 1
    print("windows   plain  weighted   (serial / threaded median time; above 1 the split pays)")
    try:
        for exp in range(16, 23):
            ratios = []
            for weighted in (False, True):
                def run(size=(1 << exp) + 4, weighted=weighted):
                    return ordinal_counts(x[:size], 5, 1, weighted)

                one, many = alternate(run, cores, repeats)
                ratios.append(statistics.median(one) / statistics.median(many))
            print(f"2**{exp:<5} {ratios[0]:7.2f} {ratios[1]:9.2f}")
    finally:
        counts_module.THREAD_MIN_WINDOWS, counts_module.WEIGHTED_MIN_WINDOWS = saved
    print(f"thresholds in use: {saved[0]} (plain), {saved[1]} (weighted) windows per thread")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=float, default=1e7, help="samples of the counting cases")
    parser.add_argument("--size", type=float, default=1e6, help="samples of the sweep, divergence, windows cases")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--only", nargs="+", help="kernels to run (ceiling always runs)")
    parser.add_argument("--scan", action="store_true", help="the split threshold of plain and weighted counts")
    args = parser.parse_args()
    if args.scan:
        print(machine_line())
        scan(args.repeats)
        print(machine_line())
        return
    from tscomplex._threads import thread_count

    cores = max(2, thread_count())
    print(machine_line())
    print(f"1 thread against {cores}, timed alternately, {args.repeats} repeats each; times in ms")
    print(f"{'kernel':<48} {'1 min':>8} {'1 med':>8} {'n min':>8} {'n med':>8} {'x min':>6} {'x med':>6}  same")
    table = {"ceiling": ceiling_case(int(2e7))}
    table.update(cases(int(args.n), int(args.size)))
    for key, (label, func, check) in table.items():
        if args.only and key != "ceiling" and key not in args.only:
            continue
        identical = same(with_threads(1, func), with_threads(cores, func)) if check else None
        one, many = alternate(func, cores, args.repeats)
        a, b = (min(one), statistics.median(one)), (min(many), statistics.median(many))
        mark = {True: "yes", False: "NO", None: "-"}[identical]
        print(f"{label:<48} {1e3 * a[0]:8.1f} {1e3 * a[1]:8.1f} {1e3 * b[0]:8.1f} {1e3 * b[1]:8.1f} "
              f"{a[0] / b[0]:6.2f} {a[1] / b[1]:6.2f}  {mark}")
    print(machine_line())


if __name__ == "__main__":
    main()
