"""IAAFT surrogates: tscomplex against neurokit2 and pyunicorn in one run, with ratios; then a whole command.

    python benchmarks/bench_surrogates.py                    # 99 surrogates of 1e5 samples, 20 iterations
    python benchmarks/bench_surrogates.py --n 20000 --iterations 50 --repeats 3

Every tool gets the same input (an AR(1) series, phi = 0.9, squared plus
itself so that it is not Gaussian), the same number of surrogates and the
same, fixed number of iterations (wall and CPU seconds are printed: on a
machine shared with other jobs the CPU time is the steadier measure of the
work): tscomplex with ``max_iterations`` (with so
few iterations no surrogate converges earlier at these sizes; the script
checks), neurokit2's ``signal_surrogate(method="IAAFT", max_iter=K)`` with
its tolerances at 0 so it cannot stop early, and pyunicorn's
``Surrogates(copies).refined_AAFT_surrogates(n_iterations=K)`` on 99 copies of the series
(it makes one surrogate per row). Each timing is the best of --repeats runs.
Then ``tscomplex analyze --surrogates 99`` on a 1e5-sample file is timed as
a whole command (a fresh process, so imports and reading count; the
iterations are not capped there, so their number depends on the data: it is
timed on the skewed series and on a Gaussian AR(1), and the mean iterations
its record reports are printed). Install the peers with
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
    """(wall seconds, CPU seconds of this process, result) of the fastest of ``repeats`` runs."""
    best, cpu, out = math.inf, math.inf, None
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        out = func()
        t, c = time.perf_counter() - t0, time.process_time() - c0
        if t < best:
            best, cpu = t, c
    return best, cpu, out


def series(n, seed=0, squared=0.3):
    rng = np.random.default_rng(seed)
    e = rng.standard_normal(n)
    x = np.empty(n)
    x[0] = e[0]
    for i in range(1, n):
        x[i] = 0.9 * x[i - 1] + e[i]
    return x + squared * x * x


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
    from tscomplex.surrogates.iaaft import CHUNK

    x = series(args.n)
    surrogates(x[:1000], 2, "iaaft", seed=0)  # compile the numba kernel once, outside the timing
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.count} IAAFT surrogates of {args.n} samples, {args.iterations} iterations each; "
          f"{os.cpu_count()} cores, load average {load:.2f}")
    rows = []
    t_ours, cpu_ours, (data, info) = best_time(lambda: surrogates(x, args.count, "iaaft", seed=1,
                                                       max_iterations=args.iterations, return_info=True),
                                     args.repeats)
    assert min(info.iterations) == args.iterations, "a surrogate converged early: the comparison is not even"
    rows.append(("tscomplex", t_ours, cpu_ours, mismatch(data, x)))

    try:
        import neurokit2 as nk

        def run_nk():
            out = [nk.signal_surrogate(x, method="IAAFT", random_state=i, max_iter=args.iterations, atol=0, rtol=0)
                   for i in range(args.count)]
            return np.stack([o[0] if isinstance(o, tuple) else o for o in out])

        t, cpu, data = best_time(run_nk, args.repeats)
        rows.append(("neurokit2 signal_surrogate(IAAFT)", t, cpu, mismatch(data, x)))
    except ImportError:
        print("neurokit2 is not installed: skipped")
    try:
        from pyunicorn.timeseries import Surrogates

        def run_pyunicorn():
            copies = np.tile(x, (args.count, 1))
            return Surrogates(copies, silence_level=2).refined_AAFT_surrogates(args.iterations)

        t, cpu, data = best_time(run_pyunicorn, args.repeats)
        rows.append(("pyunicorn refined_AAFT_surrogates", t, cpu, mismatch(data, x)))
    except ImportError:
        print("pyunicorn is not installed: skipped")

    from scipy import fft

    block = np.tile(x, (8, 1))
    t_np, _, _ = best_time(lambda: np.fft.irfft(np.fft.rfft(block, axis=1), n=args.n, axis=1), 3)
    t_sp, _, _ = best_time(lambda: fft.irfft(fft.rfft(block, axis=1), n=args.n, axis=1), 3)
    print(f"one FFT pair (rfft + irfft) of {args.n} samples: numpy {1e3 * t_np / 8:.2f} ms, "
          f"scipy {1e3 * t_sp / 8:.2f} ms; an IAAFT iteration needs one pair")
    print(f"{'tool':36s} {'seconds':>8s} {'CPU s':>7s} {'ms/iteration':>13s} {'mean spectral mismatch':>23s} "
          f"{'tscomplex faster by':>20s}")
    for name, t, cpu, m in rows:
        per = 1e3 * t / (args.count * args.iterations)
        print(f"{name:36s} {t:8.2f} {cpu:7.2f} {per:13.2f} {m:23.5f} {t / t_ours:19.2f}x")
    peers = [(t, cpu) for name, t, cpu, _ in rows[1:]]
    if peers:
        print(f"ratio to the faster peer: {min(t for t, _ in peers) / t_ours:.2f}x in wall time, "
              f"{min(c for _, c in peers) / cpu_ours:.2f}x in CPU time (the peers use one core, tscomplex "
              f"{min(os.cpu_count(), math.ceil(args.count / CHUNK))} threads)")

    if not args.skip_command:
        gaussian = series(100_000, seed=1, squared=0.0)
        for name, values in (("skewed (the series above)", series(100_000, seed=1)), ("Gaussian AR(1)", gaussian)):
            t, cpu, iterations = time_command(values)
            print(f"tscomplex analyze <1e5 samples, {name}> --surrogates 99 --seed 1: {t:.2f} s, {cpu:.2f} CPU s "
                  f"(whole command, {os.cpu_count()} cores; IAAFT iterations per surrogate: {iterations:.0f})")


def time_command(values):
    """Wall and CPU seconds (user + system) of `tscomplex analyze FILE --surrogates 99 --seed 1` in a fresh
    process, and the mean IAAFT iterations its record reports."""
    import json
    import resource

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "series.npy")
        np.save(path, values)
        command = [sys.executable, "-m", "tscomplex", "analyze", path, "--surrogates", "99", "--seed", "1",
                   "-f", "json"]
        warm = [sys.executable, "-m", "tscomplex", "analyze", path, "--surrogates", "2", "-f", "json"]
        subprocess.run(warm, check=True, capture_output=True)  # numba's cache is filled before the timing
        r0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), time.perf_counter()
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        t, r1 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    return t, cpu, json.loads(done.stdout)[0]["surrogate_iterations_mean"]

if __name__ == "__main__":
    main()
