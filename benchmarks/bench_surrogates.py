"""IAAFT surrogates: tscomplex against neurokit2 and pyunicorn in one run, with ratios; then a whole command.

    python benchmarks/bench_surrogates.py                    # 99 surrogates of 1e5 samples, 20 iterations
    python benchmarks/bench_surrogates.py --n 20000 --iterations 50 --repeats 3

Every tool gets the same input (an AR(1) series, phi = 0.9, squared plus
itself so that it is not Gaussian), the same number of surrogates and the
same, fixed number of iterations: tscomplex with ``max_iterations`` (with so
few iterations no surrogate converges earlier at these sizes; the script
checks), neurokit2's ``signal_surrogate(method="IAAFT", max_iter=K)`` with
its tolerances at 0 so it cannot stop early, and pyunicorn's
``Surrogates(copies).refined_AAFT_surrogates(n_iterations=K)`` on 99 copies of the series
(it makes one surrogate per row). Each timing is the best of --repeats runs.
Then ``tscomplex analyze --surrogates 99`` on a 1e5-sample file is timed as
a whole command (a fresh process, so imports and reading count; the
iterations are not capped there). Install the peers with
``pip install neurokit2 pyunicorn`` (the ``bench`` extra).
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time

import numpy as np


def best_time(func, repeats):
    best, out = math.inf, None
    for _ in range(repeats):
        t0 = time.perf_counter()
        out = func()
        best = min(best, time.perf_counter() - t0)
    return best, out


def series(n, seed=0):
    rng = np.random.default_rng(seed)
    e = rng.standard_normal(n)
    x = np.empty(n)
    x[0] = e[0]
    for i in range(1, n):
        x[i] = 0.9 * x[i - 1] + e[i]
    return x + 0.3 * x * x


def mismatch(s, x):
    a = np.abs(np.fft.rfft(x))
    return float(np.mean(np.linalg.norm(np.abs(np.fft.rfft(s, axis=1)) - a, axis=1) / np.linalg.norm(a)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="samples")
    parser.add_argument("--count", type=int, default=99, help="surrogates")
    parser.add_argument("--iterations", type=int, default=20, help="IAAFT iterations, the same for every tool")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--skip-command", action="store_true", help="do not time `analyze --surrogates`")
    args = parser.parse_args()

    from tscomplex.surrogates import surrogates

    x = series(args.n)
    surrogates(x[:1000], 2, "iaaft", seed=0)  # compile the numba kernel once, outside the timing
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.count} IAAFT surrogates of {args.n} samples, {args.iterations} iterations each; "
          f"{os.cpu_count()} cores, load average {load:.2f}")
    rows = []
    t_ours, (data, info) = best_time(lambda: surrogates(x, args.count, "iaaft", seed=1,
                                                       max_iterations=args.iterations, return_info=True),
                                     args.repeats)
    assert min(info.iterations) == args.iterations, "a surrogate converged early: the comparison is not even"
    rows.append(("tscomplex", t_ours, mismatch(data, x)))

    try:
        import neurokit2 as nk

        def run_nk():
            out = [nk.signal_surrogate(x, method="IAAFT", random_state=i, max_iter=args.iterations, atol=0, rtol=0)
                   for i in range(args.count)]
            return np.stack([o[0] if isinstance(o, tuple) else o for o in out])

        t, data = best_time(run_nk, args.repeats)
        rows.append(("neurokit2 signal_surrogate(IAAFT)", t, mismatch(data, x)))
    except ImportError:
        print("neurokit2 is not installed: skipped")
    try:
        from pyunicorn.timeseries import Surrogates

        def run_pyunicorn():
            copies = np.tile(x, (args.count, 1))
            return Surrogates(copies, silence_level=2).refined_AAFT_surrogates(args.iterations)

        t, data = best_time(run_pyunicorn, args.repeats)
        rows.append(("pyunicorn refined_AAFT_surrogates", t, mismatch(data, x)))
    except ImportError:
        print("pyunicorn is not installed: skipped")

    from scipy import fft

    block = np.tile(x, (8, 1))
    t_np, _ = best_time(lambda: np.fft.irfft(np.fft.rfft(block, axis=1), n=args.n, axis=1), 3)
    t_sp, _ = best_time(lambda: fft.irfft(fft.rfft(block, axis=1), n=args.n, axis=1), 3)
    print(f"one FFT pair (rfft + irfft) of {args.n} samples: numpy {1e3 * t_np / 8:.2f} ms, "
          f"scipy {1e3 * t_sp / 8:.2f} ms; an IAAFT iteration needs one pair")
    print(f"{'tool':36s} {'seconds':>9s} {'ms/iteration':>13s} {'mean spectral mismatch':>23s} "
          f"{'tscomplex faster by':>20s}")
    for name, t, m in rows:
        per = 1e3 * t / (args.count * args.iterations)
        print(f"{name:36s} {t:9.2f} {per:13.2f} {m:23.5f} {t / t_ours:19.2f}x")
    peers = [t for name, t, _ in rows[1:]]
    if peers:
        print(f"ratio to the faster peer: {min(peers) / t_ours:.2f}x")

    if not args.skip_command:
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "series.npy")
            np.save(path, series(100_000, seed=1))
            command = [sys.executable, "-m", "tscomplex", "analyze", path, "--surrogates", "99", "--seed", "1",
                       "-f", "json"]
            warm = [sys.executable, "-m", "tscomplex", "analyze", path, "--surrogates", "2", "-f", "json"]
            subprocess.run(warm, check=True, capture_output=True)  # numba's cache is filled before the timing
            t0 = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            print(f"tscomplex analyze <1e5 samples> --surrogates 99 --seed 1: {time.perf_counter() - t0:.2f} s "
                  f"(whole command, {os.cpu_count()} cores)")


if __name__ == "__main__":
    main()
