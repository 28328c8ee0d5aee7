"""IAAFT surrogates: tscomplex against neurokit2 and pyunicorn in one run, with ratios; then a whole command.

    python benchmarks/bench_surrogates.py                    # 99 surrogates of 1e5 samples, 20 iterations
    python benchmarks/bench_surrogates.py --n 20000 --iterations 50 --repeats 3
    python benchmarks/bench_surrogates.py --series gaussian --iterations 22 --skip-command

Every tool gets the same input (an AR(1) series, phi = 0.9, squared plus
itself so that it is not Gaussian; ``--series gaussian``: the AR(1) itself,
whose surrogates converge, so that tscomplex's value step starts from the
previous iterate's order in the later iterations), the same number of surrogates and the
same, fixed number of iterations (wall and CPU seconds are printed: on a
machine shared with other jobs the CPU time is the steadier measure of the
work): tscomplex's IAAFT with ``max_iterations`` and its stopping rule off
(the script checks that every surrogate ran them all), neurokit2's ``signal_surrogate(method="IAAFT", max_iter=K)`` with
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

# One BLAS thread for every tool, as `tscomplex` gives its commands (before numpy loads BLAS): none of the tools
# does its work in BLAS, and OpenBLAS's idle threads would spin on the cores tscomplex's threads use.
for _name in ("OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")

import numpy as np  # noqa: E402


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
    parser.add_argument("--series", choices=("skewed", "gaussian"), default="skewed",
                        help="the AR(1) squared plus itself (default), or the AR(1) alone")
    parser.add_argument("--skip-command", action="store_true", help="do not time `analyze --surrogates`")
    args = parser.parse_args()

    from tscomplex.surrogates import surrogates
    from tscomplex.surrogates.generators import surrogate_rngs
    from tscomplex.surrogates.iaaft import CHUNK, iaaft

    x = series(args.n, squared=0.3 if args.series == "skewed" else 0.0)
    surrogates(x[:1000], 2, "iaaft", seed=0)  # compile the numba kernel once, outside the timing
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{args.count} IAAFT surrogates of {args.n} samples ({args.series}), {args.iterations} iterations each; "
          f"{os.cpu_count()} cores, load average {load:.2f}, OPENBLAS_NUM_THREADS={os.environ['OPENBLAS_NUM_THREADS']}")
    rows = []
    def run_ours():  # the stopping rule off, as the peers' tolerances are: every surrogate runs the iterations
        return iaaft(x, surrogate_rngs(1, args.count), args.iterations, rank_tolerance=0.0, mismatch_rtol=-math.inf)

    t_ours, cpu_ours, (data, iterations, *_) = best_time(run_ours, args.repeats)
    assert min(iterations) == args.iterations, "a surrogate converged early: the comparison is not even"
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

    step_costs(x, args.iterations)
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


def step_costs(x, iterations, rows=8):
    """Print the CPU milliseconds per surrogate and iteration of each IAAFT step (one thread, ``rows``
    surrogates from random phases, the stopping rule off), and how many value steps started warm."""
    from scipy import fft

    from tscomplex.surrogates._kernels import (WARM_CHANGED, impose_amplitudes, rank_scratch, rank_step,
                                               rank_step_into, rank_tables)
    from tscomplex.surrogates.iaaft import _transforms

    n = x.size
    sorted_x, spectrum = np.sort(x), fft.rfft(x)
    amplitude, ranks = np.abs(spectrum), rank_tables(sorted_x, rows)
    phases = np.exp(1j * np.random.default_rng(0).uniform(0.0, 2.0 * np.pi, (rows, n // 2 + 1)))
    s, orders = np.zeros((rows, n)), np.empty((rows, n), dtype=np.int32)
    changed = np.full(rows, n, dtype=np.int64)
    rank_step(fft.irfft(spectrum * phases, n=n, axis=1), *ranks, sorted_x, s, np.empty(rows, dtype=np.int64),
              orders, changed)
    rfft, irfft = _transforms(rows, n)  # the package's transforms and scratch, made once as in the iteration
    scratch = rank_scratch(n)
    cost = dict.fromkeys(("rfft", "amplitudes", "irfft", "rank step"), 0.0)
    warm = 0
    for _ in range(iterations):
        c0 = time.process_time()
        spectra = rfft(s)
        c1 = time.process_time()
        impose_amplitudes(spectra, amplitude, np.empty(rows))
        c2 = time.process_time()
        y = irfft(spectra)
        c3 = time.process_time()
        warm += int(np.count_nonzero(changed <= WARM_CHANGED * n))
        previous, changed = changed, np.empty(rows, dtype=np.int64)
        rank_step_into(y, *ranks, sorted_x, s, changed, orders, previous, *scratch)
        c4 = time.process_time()
        for key, (a, b) in zip(cost, ((c0, c1), (c1, c2), (c2, c3), (c3, c4))):
            cost[key] += b - a
    per = {k: 1e3 * v / (rows * iterations) for k, v in cost.items()}
    print("CPU ms per surrogate and iteration (one thread, the stopping rule off): "
          + ", ".join(f"{k} {v:.2f}" for k, v in per.items()) + f"; {sum(per.values()):.2f} in all; "
          f"{warm} of {rows * iterations} value steps started from the previous order")


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
