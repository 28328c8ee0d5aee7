"""The ``analyze`` record at large d (issue 14): dense counts over all d! patterns against the records path.

For d = 8, 9, 10 and N = 10^4 samples, the time to build one record in
process from dense counts (``ordinal_counts`` + ``measures_from_counts``, what
``analyze`` did before) and through :mod:`tscomplex.records.analyze` (from
d = 9 on: sparse counts where 4 windows or fewer fall on each pattern, else the
histogram's non-zero entries), min and median of the same number of repeats
for both; then the wall time of ``tscomplex analyze FILE -d 10`` on a 10^4-sample
CSV in a child process. Prints the cores and the load, since other work on
the machine changes every number.

Usage: python benchmarks/bench_analyze_large_dim.py [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time

import numpy as np


def timed(func, repeats):
    func()  # compile and warm caches first
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[0] * 1e3, times[len(times) // 2] * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()

    from tscomplex.io import Series
    from tscomplex.ordinal import ordinal_counts
    from tscomplex.records.analyze import _record, analyze_records

    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")
    x = np.random.default_rng(0).standard_normal(10_000)
    series = Series("bench", "x", x, None)
    for dim in (8, 9, 10):
        dense = timed(lambda: _record("bench", "x", x.size, None, dim, 1, False, ordinal_counts(x, dim, 1),
                                      None, x), args.repeats)
        fast = timed(lambda: analyze_records(series, dim=dim), args.repeats)
        print(f"d={dim:2d} N=10^4 one record: dense {dense[0]:7.1f} ms (median {dense[1]:7.1f}), "
              f"records path {fast[0]:6.1f} ms (median {fast[1]:6.1f}), {dense[0] / fast[0]:5.1f}x")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "x.csv")
        np.savetxt(path, x, header="x", comments="")
        command = [sys.executable, "-m", "tscomplex", "analyze", path, "-d", "10", "-f", "ndjson"]
        subprocess.run(command, check=True, capture_output=True)  # warm numba's cache
        walls = []
        for _ in range(args.repeats):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            walls.append(time.perf_counter() - start)
        walls.sort()
        print(f"tscomplex analyze x.csv -d 10 (10^4 samples, warm): min {walls[0]:.2f} s, "
              f"median {walls[len(walls) // 2]:.2f} s")
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
