"""Largest Lyapunov exponent from data: tscomplex against nolds ``lyap_r``.

    python benchmarks/bench_lyapunov.py           # 5,000 samples vs nolds, then 10^6 samples alone
    python benchmarks/bench_lyapunov.py --quick   # 2,000 samples vs nolds, then 10^5 samples

Both tools get the same series, embedding dimension, lag, Theiler window
(nolds' ``min_tsep``) and trajectory length, and nolds fits its curve with the
deterministic ``fit="poly"`` (its default RANSAC needs scikit-learn and is
random). tscomplex is timed after a numba warm-up. The large run happens in a
child process so its peak memory (max RSS) is its own. nolds builds an N x N
distance matrix, so 10^6 samples would need 8 TB: it is not run there.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import resource
import subprocess
import sys
import time
import types

import numpy as np


def lorenz_x(n, dt=0.01, transient=2000):
    """Lorenz (10, 28, 8/3) x by fourth-order Runge-Kutta (numba), after a transient."""
    from numba import njit

    @njit(cache=False)
    def run(n, dt, transient):
        s0, s1, s2 = 1.0, 1.0, 1.0
        out = np.empty(n)
        for i in range(n + transient):
            a0, a1, a2 = 10.0 * (s1 - s0), s0 * (28.0 - s2) - s1, s0 * s1 - 8.0 / 3.0 * s2
            t0, t1, t2 = s0 + 0.5 * dt * a0, s1 + 0.5 * dt * a1, s2 + 0.5 * dt * a2
            b0, b1, b2 = 10.0 * (t1 - t0), t0 * (28.0 - t2) - t1, t0 * t1 - 8.0 / 3.0 * t2
            t0, t1, t2 = s0 + 0.5 * dt * b0, s1 + 0.5 * dt * b1, s2 + 0.5 * dt * b2
            c0, c1, c2 = 10.0 * (t1 - t0), t0 * (28.0 - t2) - t1, t0 * t1 - 8.0 / 3.0 * t2
            t0, t1, t2 = s0 + dt * c0, s1 + dt * c1, s2 + dt * c2
            d0, d1, d2 = 10.0 * (t1 - t0), t0 * (28.0 - t2) - t1, t0 * t1 - 8.0 / 3.0 * t2
            s0 += dt / 6.0 * (a0 + 2 * b0 + 2 * c0 + d0)
            s1 += dt / 6.0 * (a1 + 2 * b1 + 2 * c1 + d1)
            s2 += dt / 6.0 * (a2 + 2 * b2 + 2 * c2 + d2)
            if i >= transient:
                out[i - transient] = s0
        return out

    return run(n, dt, transient)


def logistic(n, x0=0.1):
    x = np.empty(n)
    x[0] = x0
    for i in range(n - 1):
        x[i + 1] = 4.0 * x[i] * (1.0 - x[i])
    return x


def import_lyap_r():
    """nolds.measures.lyap_r without running nolds/__init__ (its bundled data sets fail to load here)."""
    spec = importlib.util.find_spec("nolds")
    package = types.ModuleType("nolds")
    package.__path__ = list(spec.submodule_search_locations)
    sys.modules.setdefault("nolds", package)
    from nolds.measures import lyap_r

    return lyap_r


def best_of(repeat, f):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        value = f()
        times.append(time.perf_counter() - t0)
    return min(times), value


def versus_nolds(n):
    from tscomplex.lyapunov import auto_dim, auto_lag, auto_theiler, max_lyapunov

    lyap_r = import_lyap_r()
    max_lyapunov(logistic(500), dim=2, lag=1, theiler=1, n_steps=10)  # numba warm-up
    cases = [("logistic r=4", logistic(n), 1.0, math.log(2)), ("Lorenz x, dt=0.01", lorenz_x(n), 0.01, 0.9056)]
    print(f"== {n:,} samples, same dim, lag, Theiler window (min_tsep) and trajectory length; nolds fit='poly'")
    print(f"{'series':20} {'dim':>3} {'lag':>3} {'theiler':>7} {'steps':>5} {'nolds s':>8} {'tscomplex s':>11} "
          f"{'speed-up':>8}   {'nolds λ':>8} {'tscomplex λ':>11} {'reference':>9}")
    for name, x, dt, reference in cases:
        lag = auto_lag(x)
        dim = max(2, auto_dim(x, lag))
        theiler = auto_theiler(x)
        auto = max_lyapunov(x, dim=dim, lag=lag, theiler=theiler, dt=dt)
        steps = auto.n_steps
        t_ours, ours = best_of(3, lambda: max_lyapunov(x, dim=dim, lag=lag, theiler=theiler, dt=dt, n_steps=steps))
        t_nolds, theirs = best_of(1, lambda: lyap_r(x, emb_dim=dim, lag=lag, min_tsep=theiler,
                                                    trajectory_len=steps, fit="poly"))
        ours_value = "none" if ours.max_lyapunov is None else f"{ours.max_lyapunov:.4f}"
        print(f"{name:20} {dim:3d} {lag:3d} {theiler:7d} {steps:5d} {t_nolds:8.3f} {t_ours:11.3f} "
              f"{t_nolds / t_ours:7.1f}x   {theirs / dt:8.4f} {ours_value:>11} {reference:9.4f}")


def large(n):
    """Child process: the full default pipeline on n samples of Lorenz x; prints one JSON line."""
    from tscomplex.lyapunov import max_lyapunov

    max_lyapunov(logistic(500), dim=2, lag=1, theiler=1, n_steps=10)  # numba warm-up
    x = lorenz_x(n)
    t0 = time.perf_counter()
    result = max_lyapunov(x, dt=0.01)
    seconds = time.perf_counter() - t0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(json.dumps({"n": n, "seconds": seconds, "max_rss_mb": rss, "max_lyapunov": result.max_lyapunov,
                      "dim": result.dim, "lag": result.lag, "theiler": result.theiler, "steps": result.n_steps,
                      "fit_start": result.fit_start, "fit_end": result.fit_end}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke test")
    parser.add_argument("--large", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.large:
        large(args.large)
        return
    versus_nolds(2_000 if args.quick else 5_000)
    n = 100_000 if args.quick else 1_000_000
    out = subprocess.run([sys.executable, __file__, "--large", str(n)], capture_output=True, text=True, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"\n== {n:,} samples of Lorenz x (dt = 0.01), every choice automatic; nolds would need an "
          f"{n:,} x {n:,} matrix ({8 * n * n / 1e12:.0f} TB) and is not run")
    print(f"time {r['seconds']:.1f} s (limit 60 s: {60 / r['seconds']:.1f}x under), peak memory "
          f"{r['max_rss_mb']:.0f} MB (limit 2048 MB: {2048 / r['max_rss_mb']:.1f}x under)")
    print(f"max_lyapunov {r['max_lyapunov']:.4f} (reference 0.9056), dim {r['dim']}, lag {r['lag']}, "
          f"theiler {r['theiler']}, steps {r['steps']}, fit k = {r['fit_start']}..{r['fit_end']}")


if __name__ == "__main__":
    main()
