"""Read + permutation entropy of one long NPY against a plain read pass and the peers; threads on one series.

    python benchmarks/bench_io.py                       # N = 1e7 and 1e8, float64 and float32
    python benchmarks/bench_io.py --sizes 1e6 1e7 --repeats 5
    python benchmarks/bench_io.py --threads-only        # the 2-thread speed-up and the split threshold
    /usr/bin/time -v python benchmarks/bench_io.py --one FILE.npy   # one read + PE, for the peak RSS

For each size and dtype one NPY of Gaussian noise is written to a temporary
folder (so it is in the page cache: these are warm-cache times) and timed as

* ``read pass``: ``np.load`` + ``np.isfinite(x).all()``, the least any tool
  must do to look at every sample once;
* ``tscomplex``: ``read_series`` (the NPY is memory-mapped) +
  ``permutation_entropy(x, dim=5)``;
* ``antropy`` / ``ordpy``: ``np.load`` + their permutation entropy at order 5
  (when installed, and only up to ``--peer-max`` samples: both build an
  N x d array, and ordpy loops in Python).

Every tool gets the same repeats after one untimed warm-up; min and median are
printed, ratios are of medians. ``ratio to read`` is tscomplex's time over
the read pass (the issue's goal: within 4x at d = 5). The thread table times
the counting of one series on 1 thread and on all cores (``TSCOMPLEX_THREADS``
sets the count), checks that the counts are identical, and prints the speed-up
next to the load average: with other work running the cores are not free.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

import numpy as np


def timings(func, repeats):
    func()  # warm-up, not timed
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        func()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def machine_line():
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return f"cores available: {cores}   load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}"


def peers():
    found = {}
    try:
        import antropy

        found["antropy"] = lambda x: antropy.perm_entropy(x, order=5, delay=1, normalize=True)
    except ImportError:
        pass
    try:
        import ordpy

        found["ordpy"] = lambda x: ordpy.permutation_entropy(x, dx=5, taux=1, normalized=True)
    except ImportError:
        pass
    return found


def read_table(sizes, dtypes, repeats, peer_max, folder):
    from tscomplex import permutation_entropy
    from tscomplex.io.readers import read_series

    others = peers()
    print(f"{'N':>6} {'dtype':>7} {'tool':>10} {'min ms':>10} {'median ms':>10} {'ns/sample':>10} {'ratio':>8}")
    for n in sizes:
        base = np.random.default_rng(0).standard_normal(n)
        for dtype in dtypes:
            path = os.path.join(folder, f"x_{n}_{dtype}.npy")
            np.save(path, base.astype(dtype))
            h = {}

            def ours():
                h["tscomplex"] = permutation_entropy(read_series(path)[0].values, 5)

            rows = [("read pass", timings(lambda: bool(np.isfinite(np.load(path)).all()), repeats)),
                    ("tscomplex", timings(ours, repeats))]
            for name, func in others.items():
                if n <= peer_max:
                    rows.append((name, timings(lambda f=func, k=name: h.__setitem__(k, f(np.load(path))), repeats)))
            read, mine = rows[0][1][1], rows[1][1][1]
            for name, (low, med) in rows:
                ratio = (f"{med / read:7.2f}x" if name == "tscomplex" else
                         "" if name == "read pass" else f"{med / mine:7.1f}x")
                print(f"{n:>6.0e} {dtype:>7} {name:>10} {1e3 * low:10.1f} {1e3 * med:10.1f} "
                      f"{1e9 * med / n:10.2f} {ratio:>8}")
            agree = all(abs(v - h["tscomplex"]) < 1e-9 for v in h.values())
            print(f"{'':>6} {'':>7} {'':>10} PE = {h['tscomplex']:.12f}; the tools agree to 1e-9: {agree}")
            os.remove(path)
    print("ratio: tscomplex / read pass; peer / tscomplex (above 1: tscomplex is faster)")


def thread_table(n, repeats):
    import math

    from tscomplex.ordinal import accumulate_raw_counts
    from tscomplex.ordinal.counts import count_threads

    cores = count_threads()
    x = np.random.default_rng(1).standard_normal(n)
    print(f"\ncounting one series of {n:.0e} samples (d = 5, tau = 1) on 1 and {cores} threads")

    def count(threads=None, size=n):
        threads = int(os.environ.get("TSCOMPLEX_THREADS", 1)) if threads is None else threads
        raw = np.zeros(math.factorial(5))
        accumulate_raw_counts(x[:size], 5, 1, False, raw, threads=threads)
        return raw

    assert np.array_equal(count(1), count(cores)), "threaded counts differ from the serial ones"
    from bench_threads import alternate, ceiling_case  # the same alternate timing as bench_threads.py

    ones, manys = alternate(count, cores, max(repeats, 7))
    one = (min(ones), statistics.median(ones))
    many = (min(manys), statistics.median(manys))
    spin = ceiling_case(int(2e7))[1]
    tops = alternate(spin, cores, max(repeats, 7))
    print(f"1 thread {1e3 * one[0]:.1f} / {1e3 * one[1]:.1f} ms, {cores} threads {1e3 * many[0]:.1f} / "
          f"{1e3 * many[1]:.1f} ms (min / median, timed alternately): speed-up {one[0] / many[0]:.2f}x / "
          f"{one[1] / many[1]:.2f}x; identical counts")
    print(f"ceiling now (a pure-compute loop split the same way): {min(tops[0]) / min(tops[1]):.2f}x / "
          f"{statistics.median(tops[0]) / statistics.median(tops[1]):.2f}x; near 1 the other core is busy")
    print("split threshold (windows per series: serial / threaded median time; above 1 the split pays)")
    import tscomplex.ordinal.counts as counts_module

    saved = counts_module.THREAD_MIN_WINDOWS
    counts_module.THREAD_MIN_WINDOWS = 1
    try:
        for exp in range(14, 23, 2):
            size = min(n, 1 << exp)
            serial, split = alternate(lambda: count(None, size), cores, max(repeats, 5))
            print(f"  2**{exp:<3} {statistics.median(serial) / statistics.median(split):6.2f}")
    finally:
        counts_module.THREAD_MIN_WINDOWS = saved
    print(f"threshold in use: {saved} windows (tscomplex.ordinal.counts.THREAD_MIN_WINDOWS)")


def one_file(path):
    from tscomplex import permutation_entropy
    from tscomplex.io.readers import read_series

    for dtype in (np.float64, np.float32):  # load (or compile) the kernels outside the timing
        permutation_entropy((np.arange(100) % 7).astype(dtype), 5)
    t0 = time.perf_counter()
    values = read_series(path)[0].values
    h = permutation_entropy(values, 5)
    print(f"{path}: {values.size} samples read as {values.dtype}, PE = {h:.12f}, "
          f"read + PE {time.perf_counter() - t0:.3f} s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", type=float, default=[1e7, 1e8])
    parser.add_argument("--dtypes", nargs="+", default=["float64", "float32"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--peer-max", type=float, default=1e7, help="largest N given to the peers")
    parser.add_argument("--thread-n", type=float, default=1e7)
    parser.add_argument("--threads-only", action="store_true")
    parser.add_argument("--one", metavar="NPY", help="time one read + PE of this file (kernels loaded first)")
    args = parser.parse_args()
    if args.one:
        return one_file(args.one)
    print(machine_line())
    if not args.threads_only:
        with tempfile.TemporaryDirectory() as folder:
            read_table([int(n) for n in args.sizes], args.dtypes, args.repeats, args.peer_max, folder)
    thread_table(int(args.thread_n), args.repeats)
    print(machine_line())


if __name__ == "__main__":
    main()
